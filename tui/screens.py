"""The screens around a quiz: the list of trees, a tree's welcome page, and a broken tree's findings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from quiz import Finding, Outcome, Session, Severity
from quiz.play import Entry, Resumed
from tui.text import markdown_plain, plain
from tui.widgets import Advice, KeyFooter


class PickerScreen(Screen[None]):
    """The trees that ship with quiz, to choose one."""

    class Picked(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def __init__(self, entries: Sequence[Entry]) -> None:
        super().__init__()
        self.entries = list(entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static("Choose a quiz", classes="heading")
            yield OptionList(
                *(
                    Option(Content.assemble(plain(e.title, "bold", one_line=True), "\n", _first_line(e.description)))
                    for e in self.entries
                ),
                id="trees",
            )
            if not self.entries:
                yield Static("No bundled trees were found. Open one with: quiz play FILE", classes="hint")
        yield KeyFooter()

    @on(OptionList.OptionSelected, "#trees")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.post_message(self.Picked(self.entries[event.option_index].path))


def _first_line(markdown: str) -> Content:
    paragraph = markdown.strip().split("\n\n", 1)[0]
    return plain(markdown_plain(paragraph), "$text-muted", one_line=True)


class ToQuizzes(Message):
    """The reader asked for the list of quizzes; the app shows it, keeping their place."""


class _Leavable(Screen[None]):
    """A screen that Esc leaves for the list of quizzes (not in a preview, which has no list)."""

    BINDINGS = [Binding("escape", "leave", "Quizzes", id="leave", tooltip="Back to the list of quizzes")]
    can_leave: bool

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_leave if action == "leave" else True

    def action_leave(self) -> None:
        self.post_message(ToQuizzes())


class WelcomeScreen(_Leavable):
    """A tree's title and description, how long it is, and the saved place if there is one."""

    class Begin(Message):
        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    def __init__(self, session: Session, resumed: Resumed | None = None, *, can_leave: bool = False) -> None:
        super().__init__()
        self.session = session
        self.resumed = resumed if resumed and resumed.session else None
        self.problem = resumed.problem if resumed else None
        self.can_leave = can_leave

    def compose(self) -> ComposeResult:
        tree = self.session.tree
        progress = self.session.progress
        outcomes = sum(isinstance(n, Outcome) for n in tree.nodes.values())
        with VerticalScroll(id="welcome"):
            yield Static(plain(tree.title, one_line=True), classes="heading")
            # What became of the saved place comes first, in view as the page opens.
            if self.resumed:
                yield Static(plain(self._resume_note()), id="resume-note")
            if self.problem:
                yield Static(plain(f"Your saved place could not be used: {self.problem}"), id="resume-problem")
            if tree.description:
                yield Advice(tree.description, id="description")
            yield Static(
                f"{'At least' if progress.loop_ahead else 'At most'} {progress.to_go} questions · "
                f"{outcomes} possible outcomes · "
                f"version {tree.version}",
                classes="hint",
                markup=False,
            )
        # The buttons stay below the text that scrolls, so focusing one never scrolls the title away.
        with Horizontal(classes="buttons", id="welcome-buttons"):
            if self.resumed:
                yield Button("Resume", id="resume", variant="primary", compact=True)
                yield Button("Start over", id="start", compact=True)
            else:
                yield Button("Start", id="start", variant="primary", compact=True)
        yield KeyFooter()

    def _resume_note(self) -> str:
        assert self.resumed is not None and self.resumed.session is not None
        saved = self.resumed.session
        outcome = saved.outcome
        where = f"you reached “{outcome.title}”" if outcome is not None else f"you were at {saved.progress}"
        count = len(saved.answers)
        note = f"Last time {where}, after {count} {'answer' if count == 1 else 'answers'}."
        if self.resumed.changed:
            note += f" The quiz has changed since (version {self.resumed.saved_version} → {saved.tree.version})"
            if self.resumed.dropped:
                dropped = self.resumed.dropped
                note += f": {dropped} of your answers {'no longer fits' if dropped == 1 else 'no longer fit'} and "
                note += f"{'was' if dropped == 1 else 'were'} left out."
            else:
                note += ", but all your answers still fit."
        return note

    def on_mount(self) -> None:
        self.query_one(".buttons Button").focus()

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.post_message(self.Begin(self.session))

    @on(Button.Pressed, "#resume")
    def _resume(self) -> None:
        assert self.resumed is not None and self.resumed.session is not None
        self.post_message(self.Begin(self.resumed.session))


class FindingsScreen(_Leavable):
    """Why a tree cannot be taken: the checker's findings, as `quiz check` prints them."""

    def __init__(self, file: str, findings: Sequence[Finding], *, can_leave: bool = False, note: str = "") -> None:
        super().__init__()
        self.file = file
        self.findings = list(findings)
        self.can_leave = can_leave
        self.note = note

    def compose(self) -> ComposeResult:
        errors = sum(f.severity is Severity.ERROR for f in self.findings)
        with VerticalScroll(id="findings"):
            yield Static(plain(f"{self.file} cannot be taken yet"), classes="heading")
            yield Static(
                plain(
                    f"{errors} {'error' if errors == 1 else 'errors'} to mend; `quiz check {self.file}` lists them too."
                ),
                classes="hint",
            )
            if self.note:
                yield Static(plain(self.note), classes="hint")
            for finding in self.findings:
                yield Static(_finding_line(finding), classes="finding")
        yield KeyFooter()


def _finding_line(finding: Finding) -> Content:
    where = f"{finding.file}:{finding.line}:{finding.column}"
    style = "bold $text-error" if finding.severity is Severity.ERROR else "bold $text-secondary"
    parts: list[Content | str | tuple[str, str]] = [
        plain(where, "dim"),
        " ",
        (finding.code, style),
        " ",
        plain(finding.message),
    ]
    if finding.hint:
        parts += ["\n  hint: ", plain(finding.hint, "italic")]
    return Content.assemble(*parts)
