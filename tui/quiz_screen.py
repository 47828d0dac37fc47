"""The quiz itself: one node at a time, with the title, the answers so far and progress always in view."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.validation import Integer
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, OptionList, Static

from quiz import Info, Node, Number, Outcome, Question, Session
from quiz.play import escape, file_name, markdown
from tui.dialogs import ChangeScreen, ConfirmScreen
from tui.saving import Saved, Saver
from tui.screens import ToQuizzes
from tui.text import markdown_plain, plain
from tui.widgets import Advice, Choices, History, KeyFooter, NumberInput


class QuizScreen(Screen[None]):
    BINDINGS = [
        Binding("backspace", "back", "Back", id="back", tooltip="Back to the question before"),
        Binding("a", "answers", "Answers", id="answers", tooltip="Your answers so far, to change one"),
        Binding("s", "save", "Save", id="save", tooltip="Save the advice and the way there as Markdown"),
        # Restart, Continue and the list of quizzes are left out of the footer, which must fit
        # 40 columns; the Continue button says its key, and `?` lists them all.
        Binding("enter", "proceed", "Continue", id="continue", show=False),
        Binding("r", "restart", "Restart", id="restart", show=False),
        Binding("escape", "leave", "Quizzes", id="leave", show=False),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    class Moved(Message):
        """The reader moved: the app keeps the session to resume later."""

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    def __init__(self, session: Session, save_folder: Path | None, *, can_leave: bool = True) -> None:
        """`save_folder` is where saving the advice starts; None sends it to the reader's browser instead."""
        super().__init__()
        self.session = session
        self.saver = None if save_folder is None else Saver(self, save_folder)
        self.can_leave = can_leave
        # The last answer given at each question, highlighted when it comes again.
        self._given: dict[str, str | int] = {}
        self._keys: tuple[bool, ...] = ()
        self._progress = Static(id="progress")
        self._history = History(id="history")
        self._no_answers = Static("None yet.", id="no-answers", classes="hint")
        # Only the part for the first node's kind is built now; the others when first reached.
        self._parts: dict[str, Part] = {session.node.kind: _PARTS[session.node.kind]()}
        self._switcher = ContentSwitcher(*self._parts.values(), id="node", initial=session.node.kind)

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(plain(self.session.tree.title, one_line=True), id="title")
            yield self._progress
        with Horizontal(id="body"):
            yield self._switcher
            with Vertical(id="side"):
                yield Static("Your answers", classes="subheading")
                yield Static("↑ ↓ pick one, Enter changes it, Esc goes back to the quiz", id="answers-hint")
                yield self._history
                yield self._no_answers
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show(self.session)

    @property
    def part(self) -> Part:
        return self._parts[self.session.node.kind]

    async def show(self, session: Session) -> None:
        """Put `session` on screen and tell the app it moved."""
        moved = session is not self.session
        self.session = session
        self._given.update(session.steps())
        self._progress.update(str(session.progress))
        answered = [(_asked(session.tree.nodes[q]), str(label)) for q, label in session.steps()]
        self._history.show(answered)
        self._no_answers.display = not answered
        self._close_answers()
        kind = session.node.kind
        part = self._parts.get(kind)
        if part is None:
            part = self._parts[kind] = _PARTS[kind]()
            await self._switcher.add_content(part)
        self._switcher.current = kind
        await part.show(session, self._given.get(session.current))
        keys = (session.finished, kind == "info", bool(session.answers), len(session.path) > 1)
        if keys != self._keys:  # the footer is rebuilt only when a key comes or goes
            self._keys = keys
            self.refresh_bindings()
        if moved:
            self.post_message(self.Moved(session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.session.finished
        if action == "proceed":
            return type(self.session.node) is Info
        if action == "back":
            return len(self.session.path) > 1
        if action == "answers":
            return bool(self.session.answers)
        if action == "leave":
            return self.can_leave or self.answers_open
        return True

    @on(OptionList.OptionSelected, "#choices")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        await self.action_pick(event.option_index + 1)

    @on(Button.Pressed, "#continue")
    async def _continue(self) -> None:
        await self.action_proceed()

    @on(OptionList.OptionSelected, "#history")
    def _change(self, event: OptionList.OptionSelected) -> None:
        step = event.option_index
        _, given = self.session.steps()[step]
        asked = self.session.asked(step)

        async def changed(new: str | int | None) -> None:
            if new is not None and new != given:
                await self.show(self.session.change(step, new))
            else:
                self._close_answers()

        self.app.push_screen(ChangeScreen(asked, given), changed)

    async def action_pick(self, number: int) -> None:
        choices = self.session.choices()
        if 1 <= number <= len(choices) and not self.answers_open:
            await self.show(self.session.answer(choices[number - 1].label))

    @on(Input.Submitted, "#number-input")
    async def _numbered(self, event: Input.Submitted) -> None:
        given = _number(event)
        if given is not None and isinstance(self.session.node, Number):
            await self.show(self.session.answer(given))

    @on(NumberInput.BackWanted)
    async def _number_back(self) -> None:
        if self.check_action("back", ()):
            await self.action_back()

    async def action_proceed(self) -> None:
        if isinstance(self.session.node, Info):
            await self.show(self.session.proceed())

    async def action_back(self) -> None:
        """Back to the last question answered, as it was asked; before any, one page back."""
        session = self.session
        await self.show(session.asked(len(session.answers) - 1) if session.answers else session.back())

    def action_restart(self) -> None:
        if not self.session.answers:
            self.call_later(self._restart, True)
            return
        count = len(self.session.answers)
        question = f"Start again from the first question? Your {count} {'answer' if count == 1 else 'answers'} will go."
        self.app.push_screen(ConfirmScreen(question, "Start again", "Keep them"), self._restart)

    async def _restart(self, yes: bool | None) -> None:
        if yes and len(self.session.path) > 1:
            self._given.clear()
            await self.show(self.session.restart())
            self.notify("Started again from the first question.", markup=False)

    @property
    def answers_open(self) -> bool:
        return self.has_class("-answers")

    def action_answers(self) -> None:
        """Show the answers so far (over the quiz, on a narrow screen) and say what the keys there do."""
        self.add_class("-answers")
        self._history.focus()

    def action_leave(self) -> None:
        if self.answers_open:
            self._close_answers()
            self.part.take_focus()
        else:
            self.post_message(ToQuizzes())

    def _close_answers(self) -> None:
        if self.answers_open:
            self.remove_class("-answers")
            self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is self._history:  # reached by Tab or a click as well as by `a`: Esc leaves them the same
            self.add_class("-answers")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self._history:  # Tab or a click elsewhere leaves the answers too
            self.call_later(self._close_if_elsewhere)

    def _close_if_elsewhere(self) -> None:
        if self.answers_open and self.focused is not self._history and self.app.screen is self:
            self._close_answers()

    def action_save(self) -> None:
        if not self.session.finished:
            return
        today = datetime.date.today()
        if self.saver is not None:
            self.saver.ask(markdown(self.session, today), file_name(self.session.tree.id, today))
            return
        # Served: the file is the visitor's, so it goes to their browser as a download, never to this disk.
        name = file_name(self.session.tree.id, today, ascii_only=True)
        self.app.deliver_text(io.StringIO(markdown(self.session, today)), save_filename=name, mime_type="text/markdown")
        self._saved_as(f"Sent to your browser as {name}")
        self.notify(f"Your browser downloads it as {name}", title="Advice saved", markup=False)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self._saved_as(f"Saved to {message.path}")

    def _saved_as(self, where: str) -> None:
        outcome = self._parts["outcome"]
        assert isinstance(outcome, _OutcomePart)
        outcome.saved_to.update(plain(where))


class _Part(Vertical):
    """The part of the screen for one kind of node; it keeps its widgets to show each node of that kind.

    A part is built the first time a node of its kind is shown: every widget mounted is
    one more for Textual to style and lay out before the first screen. Each opens at the
    top of its text, and what takes the keys is outside the text that scrolls, so
    focusing it never scrolls the title out of view.
    """


class _AskingPart(_Part):
    """A part that asks: the node's text and help scroll above what takes the answer."""

    def __init__(self, kind: str, answer: Widget, *below_help: Widget) -> None:
        self.text = Advice(id=f"{kind}-text")
        self.help = Advice(id=f"{kind}-help")
        self.scroll = VerticalScroll(self.text, self.help, *below_help, classes="question-scroll")
        self.answer = answer
        super().__init__(self.scroll, answer, id=kind)

    async def ask(self, node: Question | Number) -> None:
        self.help.display = bool(node.help)
        await self.text.show(node.text)
        await self.help.show(node.help or "")
        self.scroll.scroll_home(animate=False, immediate=True)
        self.take_focus()

    def take_focus(self) -> None:
        self.answer.focus()


class _QuestionPart(_AskingPart):
    def __init__(self) -> None:
        self.choices = Choices(id="choices")
        super().__init__("question", self.choices)

    async def show(self, session: Session, given: str | int | None) -> None:
        node = session.node
        assert isinstance(node, Question)
        labels = [c.label for c in session.choices()]  # only those offered, numbered as shown
        self.choices.show(labels, labels.index(given) if given in labels else 0)
        await self.ask(node)


class _NumberPart(_AskingPart):
    """A question answered with a whole number: the input takes only whole numbers in the fact's range."""

    def __init__(self) -> None:
        self.range = Static(id="number-range", classes="hint")
        self.input = NumberInput(id="number-input")
        super().__init__("number", self.input, self.range)

    async def show(self, session: Session, given: str | int | None) -> None:
        node = session.node
        assert isinstance(node, Number)
        low, high = session.number_range()
        self.input.validators = [Integer(minimum=low, maximum=high, failure_description=f"from {low} to {high}")]
        self.input.value = str(given) if given is not None else ""
        self.input.placeholder = f"{low} to {high}"
        self.range.update(f"A whole number from {low} to {high}, then Enter; Backspace in an empty box goes back.")
        await self.ask(node)


def _number(event: Input.Submitted) -> int | None:
    """The number submitted, if it is a whole number in range; else None, and the input says what it wants."""
    result = event.validation_result
    if result is not None and not result.is_valid:
        event.input.notify(f"Give a whole number {result.failure_descriptions[0]}.", severity="warning", markup=False)
        return None
    try:
        return int(event.value)
    except ValueError:
        return None


def _asked(node: Node) -> str:
    """What a question or number node asks, as the answers panel names it."""
    return node.text if isinstance(node, Question | Number) else ""


class _InfoPart(_Part):
    def __init__(self) -> None:
        self.title = Static(id="info-title", classes="heading")
        self.text = Advice(id="info-text")
        self.scroll = VerticalScroll(self.title, self.text, id="info-scroll")
        self.proceed = Button("Continue (Enter)", id="continue", variant="primary", compact=True)
        super().__init__(self.scroll, self.proceed, id="info")

    async def show(self, session: Session, given: str | int | None) -> None:
        node = session.node
        assert isinstance(node, Info)
        self.title.update(plain(node.title or "", one_line=True))
        self.title.display = bool(node.title)
        await self.text.show(node.text)
        self.scroll.scroll_home(animate=False, immediate=True)
        self.take_focus()

    def take_focus(self) -> None:
        self.scroll.focus(scroll_visible=False)


class _OutcomePart(_Part):
    def __init__(self) -> None:
        self.title = Static(id="outcome-title", classes="heading")
        self.text = Advice(id="outcome-text")
        self.journey = Advice(id="journey")
        self.saved_to = Static("s saves this advice and the way there as Markdown", id="saved-to", classes="hint")
        self.scroll = VerticalScroll(
            self.title,
            self.text,
            Static("How you got here", classes="subheading"),
            self.journey,
            self.saved_to,
            id="outcome-scroll",
        )
        super().__init__(self.scroll, id="outcome")

    async def show(self, session: Session, given: str | int | None) -> None:
        node = session.node
        assert isinstance(node, Outcome)
        self.title.update(plain(node.title, one_line=True))
        await self.text.show(node.text)
        await self.journey.show(journey_markdown(session))
        self.saved_to.update("s saves this advice and the way there as Markdown")
        self.scroll.scroll_home(animate=False, immediate=True)
        self.take_focus()

    def take_focus(self) -> None:
        self.scroll.focus(scroll_visible=False)


def journey_markdown(session: Session) -> str:
    """The way to the outcome as a numbered list of plain words: each question and answer, each page's title."""
    lines = []
    for n, (node_id, label) in enumerate(session.journey(), 1):
        node = session.tree.nodes[node_id]
        if isinstance(node, Question | Number):
            lines.append(f"{n}. {escape(markdown_plain(node.text))} — **{escape(str(label))}**")
        else:
            title = escape(node.title) if isinstance(node, Info) and node.title else "a page of advice"
            lines.append(f"{n}. Read: *{title}*")
    return "\n".join(lines) or "You came straight here: there was nothing to answer on the way."


Part = _QuestionPart | _NumberPart | _InfoPart | _OutcomePart
_PARTS: dict[str, type[Part]] = {
    "question": _QuestionPart,
    "number": _NumberPart,
    "info": _InfoPart,
    "outcome": _OutcomePart,
}
