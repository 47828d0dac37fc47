"""The quiz itself: one node at a time, with the title, the answers so far and progress always in view."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, OptionList, Static

from quiz import Info, Question, Session
from quiz.play import markdown
from tui.dialogs import ChangeScreen, ConfirmScreen, SaveScreen
from tui.text import plain
from tui.widgets import Advice, Choices, History, KeyFooter


class QuizScreen(Screen[None]):
    BINDINGS = [
        Binding("backspace", "back", "Back", id="back", tooltip="Go back one step"),
        Binding("r", "restart", "Restart", id="restart", tooltip="Start this quiz again"),
        Binding("a", "answers", "Answers", id="answers", tooltip="Change an earlier answer"),
        Binding("s", "save", "Save", id="save", tooltip="Save the advice and your answers as Markdown"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    class Moved(Message):
        """The reader moved: the app keeps the session to resume later."""

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    def __init__(self, session: Session, save_dir: Path) -> None:
        super().__init__()
        self.session = session
        self.save_dir = save_dir
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
                yield self._history
                yield self._no_answers
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show(self.session)

    async def show(self, session: Session) -> None:
        """Put `session` on screen and tell the app it moved."""
        moved = session is not self.session
        self.session = session
        self._progress.update(str(session.progress))
        answered = [(session.tree.nodes[q].text, label) for q, label in session.steps()]
        self._history.show(answered)
        self._no_answers.display = not answered
        kind = session.node.kind
        part = self._parts.get(kind)
        if part is None:
            part = self._parts[kind] = _PARTS[kind]()
            await self._switcher.add_content(part)
        self._switcher.current = kind
        part.show(session)
        part.scroll_home(animate=False)
        keys = (session.finished, len(session.path) > 1, bool(session.answers))
        if keys != self._keys:  # the footer is rebuilt only when a key comes or goes
            self._keys = keys
            self.refresh_bindings()
        if moved:
            self.post_message(self.Moved(session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.session.finished
        if action == "back":
            return len(self.session.path) > 1
        if action == "answers":
            return bool(self.session.answers)
        return True

    @on(OptionList.OptionSelected, "#choices")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        await self.action_pick(event.option_index + 1)

    @on(Button.Pressed, "#continue")
    async def _continue(self) -> None:
        if isinstance(self.session.node, Info):
            await self.show(self.session.proceed())

    @on(OptionList.OptionSelected, "#history")
    def _change(self, event: OptionList.OptionSelected) -> None:
        step = event.option_index
        question_id, label = self.session.steps()[step]
        question = self.session.tree.nodes[question_id]

        async def changed(new: str | None) -> None:
            if new is not None and new != label:
                await self.show(self.session.change(step, new))

        self.app.push_screen(ChangeScreen(question, label), changed)

    async def action_pick(self, number: int) -> None:
        node = self.session.node
        if isinstance(node, Question) and 1 <= number <= len(node.choices):
            await self.show(self.session.answer(node.choices[number - 1].label))

    async def action_back(self) -> None:
        await self.show(self.session.back())

    async def action_restart(self) -> None:
        if len(self.session.path) > 1:
            await self.show(self.session.restart())
            self.notify("Started again from the first question.")

    def action_answers(self) -> None:
        self._history.focus()

    def action_save(self) -> None:
        if not self.session.finished:
            return
        suggested = self.save_dir / f"{self.session.tree.id}-{self.session.current}.md"
        self.app.push_screen(SaveScreen(suggested), self._save_to)

    def _save_to(self, path: Path | None) -> None:
        if path is None:
            return
        if path.exists():
            self.app.push_screen(
                ConfirmScreen(f"{path} already exists. Overwrite it?"),
                lambda yes: self._write(path) if yes else self.notify("Not saved.", markup=False),
            )
        else:
            self._write(path)

    def _write(self, path: Path) -> None:
        try:
            path.write_text(markdown(self.session), encoding="utf-8")
        except OSError as error:
            self.notify(f"Could not save to {path}: {error.strerror or error}", severity="error", markup=False)
            return
        where = path.resolve()
        self._parts["outcome"].saved_to.update(plain(f"Saved to {where}"))
        self.notify(f"Saved to {where}", title="Advice saved", markup=False)


class _Part(VerticalScroll):
    """The part of the screen for one kind of node; it keeps its widgets to show each node of that kind.

    A part is built the first time a node of its kind is shown: every widget mounted is
    one more for Textual to style and lay out before the first screen.
    """


class _QuestionPart(_Part):
    def __init__(self) -> None:
        self.text = Advice(id="question-text")
        self.help = Advice(id="question-help")
        self.choices = Choices(id="choices")
        super().__init__(self.text, self.help, self.choices, id="question")

    def show(self, session: Session) -> None:
        node = session.node
        self.text.show(node.text)
        self.help.display = bool(node.help)
        self.help.show(node.help or "")
        self.choices.show([c.label for c in node.choices])
        self.choices.focus()


class _InfoPart(_Part):
    def __init__(self) -> None:
        self.title = Static(id="info-title", classes="heading")
        self.text = Advice(id="info-text")
        self.proceed = Button("Continue", id="continue", variant="primary")
        super().__init__(self.title, self.text, self.proceed, id="info")

    def show(self, session: Session) -> None:
        node = session.node
        self.title.update(plain(node.title or "", one_line=True))
        self.title.display = bool(node.title)
        self.text.show(node.text)
        self.proceed.focus()


class _OutcomePart(_Part):
    def __init__(self) -> None:
        self.title = Static(id="outcome-title", classes="heading")
        self.text = Advice(id="outcome-text")
        self.answers = Static(id="outcome-answers")
        self.saved_to = Static(id="saved-to", classes="hint")
        super().__init__(
            self.title,
            self.text,
            Static("How you got here", classes="subheading"),
            self.answers,
            self.saved_to,
            id="outcome",
        )

    def show(self, session: Session) -> None:
        node = session.node
        self.title.update(plain(node.title, one_line=True))
        self.text.show(node.text)
        lines = [
            Content.assemble(f"{n}. ", plain(session.tree.nodes[q].text, one_line=True), " — ", plain(a, "bold"))
            for n, (q, a) in enumerate(session.steps(), 1)
        ]
        self.answers.update(Content("\n").join(lines) if lines else Content("No questions were asked on the way."))
        self.saved_to.update("s saves this advice and your answers as Markdown")
        self.focus()


Part = _QuestionPart | _InfoPart | _OutcomePart
_PARTS: dict[str, type[Part]] = {"question": _QuestionPart, "info": _InfoPart, "outcome": _OutcomePart}
