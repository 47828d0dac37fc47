"""Small screens over the quiz that return a value: a new answer, a file name, a yes or no, or nothing."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, OptionList, Static

from quiz import Number, Question, Session
from tui.text import plain
from tui.widgets import Advice, Choices

KEYS = [
    ("1–9", "pick a choice"),
    ("↑ ↓, Enter", "move between choices, and pick one"),
    ("Enter", "go on from a page of advice"),
    ("Backspace", "back to the question before, your answer there highlighted"),
    ("a", "your answers so far, to change one; Esc leaves them"),
    ("r", "start the quiz again (it asks first)"),
    ("s", "save the advice and the way there as Markdown"),
    ("Esc", "back to the list of quizzes; your place is kept"),
    ("Tab", "move between the choices and your answers"),
    ("t", "switch between the light and the dark theme"),
    ("?", "show these keys"),
    ("q", "quit; your place is kept for next time"),
]


# Served to a browser, nothing outlives the visit: the keys say so rather than promise a place kept.
_UNKEPT = {
    "q": "quit; this visit ends, and nothing of it is kept",
    "s": "save the advice as Markdown, downloaded by your browser",
}


class KeysScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close", id="close")]

    def __init__(self, *, kept: bool = True) -> None:
        super().__init__()
        self.kept = kept

    def compose(self) -> ComposeResult:
        keys = KEYS if self.kept else [(key, _UNKEPT.get(key, meaning)) for key, meaning in KEYS]
        with Vertical(classes="dialog"):
            yield Static("Keys", classes="heading")
            with VerticalScroll(id="keys"):
                for key, meaning in keys:
                    with Horizontal(classes="key-row"):
                        yield Static(key, classes="key", markup=False)
                        yield Static(meaning, classes="meaning", markup=False)
            yield Static("Esc closes this", classes="hint")


class ChangeScreen(ModalScreen[str | int | None]):
    """Ask an earlier question again, with the choices it offered then; returns the new answer, or None to leave it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Cancel", id="cancel", tooltip="Keep the answer as it is"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, asked: Session, current: str | int) -> None:
        super().__init__()
        self.asked = asked
        self.current = current
        self.labels = [c.label for c in asked.choices()]

    def compose(self) -> ComposeResult:
        node = self.asked.node
        with Vertical(classes="dialog"):
            yield Static("Change your answer", classes="hint")
            with VerticalScroll(classes="question-scroll"):
                yield Advice(node.text if isinstance(node, Question | Number) else "", classes="question-text")
            if isinstance(node, Number):
                low, high = self.asked.number_range()
                yield Input(
                    str(self.current),
                    id="change-number",
                    type="integer",
                    validators=[Integer(minimum=low, maximum=high)],
                    compact=True,
                )
                yield Static(f"A whole number from {low} to {high}, then Enter.", classes="hint")
            else:
                choices = Choices(id="change-choices")
                choices.show(self.labels, self.labels.index(self.current) if self.current in self.labels else 0)
                yield choices
            yield Static(
                "Later answers are kept while the new way asks the same questions; "
                "a page you have not read on this way stops it there. Esc keeps the answer.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(Choices if self.labels else Input).focus()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option_index + 1)

    @on(Input.Submitted)
    def _numbered(self, event: Input.Submitted) -> None:
        if event.validation_result is None or event.validation_result.is_valid:
            self.dismiss(int(event.value))

    def action_pick(self, number: int) -> None:
        if self.labels and 1 <= number <= len(self.labels):
            self.dismiss(self.labels[number - 1])


class SaveScreen(ModalScreen[Path | None]):
    """Ask where to save the advice; returns the path, or None. A relative name is taken in the suggested folder."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel", id="cancel")]

    def __init__(self, suggested: Path, problem: str = "") -> None:
        super().__init__()
        self.suggested = suggested
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Save the advice and the way there as Markdown", classes="heading")
            if self.problem:
                yield Static(plain(self.problem), id="save-problem")
            yield Input(str(self.suggested), id="save-path", select_on_focus=False)
            yield Static("Enter saves · Esc cancels", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(self.suggested.parent / Path(event.value.strip()).expanduser())


class ConfirmScreen(ModalScreen[bool]):
    """A yes or no; No is where the focus starts, so a stray Enter changes nothing."""

    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="yes"),
        Binding("n,escape", "dismiss(False)", "No", id="no"),
    ]

    def __init__(self, question: str, yes: str, no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question))
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="warning", compact=True)
                yield Button(f"{self.no} (n)", id="no", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
