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

from quiz import export
from quiz.model import Info, Outcome, Question
from quiz.session import Session
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
        self._built = {session.node.kind}  # the kinds of node whose part of the screen is built

    def compose(self) -> ComposeResult:
        kind = self.session.node.kind
        with Horizontal(id="top"):
            yield Static(plain(self.session.tree.title, one_line=True), id="title")
            yield Static(id="progress")
        with Horizontal(id="body"):
            yield ContentSwitcher(_panel(kind), id="node", initial=kind)
            with Vertical(id="side"):
                yield Static("Your answers", classes="subheading")
                yield History(id="history")
                yield Static("None yet.", id="no-answers", classes="hint")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.show(self.session)

    async def show(self, session: Session) -> None:
        """Put `session` on screen and tell the app it moved."""
        moved = session is not self.session
        self.session = session
        node, tree = session.node, session.tree
        self.query_one("#progress", Static).update(str(session.progress))
        answered = [(tree.nodes[q].text, label) for q, label in session.steps()]
        self.query_one(History).show(answered)
        self.query_one("#no-answers").display = not answered
        switcher = self.query_one(ContentSwitcher)
        if node.kind not in self._built:
            self._built.add(node.kind)
            await switcher.add_content(_panel(node.kind))
        if isinstance(node, Question):
            self.query_one("#question-text", Advice).show(node.text)
            helper = self.query_one("#question-help", Advice)
            helper.display = bool(node.help)
            helper.show(node.help or "")
            choices = self.query_one(Choices)
            choices.show([c.label for c in node.choices])
            switcher.current = "question"
            choices.focus()
        elif isinstance(node, Info):
            title = self.query_one("#info-title", Static)
            title.update(plain(node.title or "", one_line=True))
            title.display = bool(node.title)
            self.query_one("#info-text", Advice).show(node.text)
            switcher.current = "info"
            self.query_one("#continue").focus()
        else:
            self._show_outcome(session, node)
            switcher.current = "outcome"
            self.query_one("#outcome").focus()
        self.query_one(f"#{switcher.current}", VerticalScroll).scroll_home(animate=False)
        keys = (session.finished, len(session.path) > 1, bool(session.answers))
        if keys != self._keys:  # the footer is rebuilt only when a key comes or goes
            self._keys = keys
            self.refresh_bindings()
        if moved:
            self.post_message(self.Moved(session))

    def _show_outcome(self, session: Session, node: Outcome) -> None:
        self.query_one("#outcome-title", Static).update(plain(node.title, one_line=True))
        self.query_one("#outcome-text", Advice).show(node.text)
        lines = [
            Content.assemble(f"{n}. ", plain(session.tree.nodes[q].text, one_line=True), " — ", plain(a, "bold"))
            for n, (q, a) in enumerate(session.steps(), 1)
        ]
        self.query_one("#outcome-answers", Static).update(
            Content("\n").join(lines) if lines else Content("No questions were asked on the way.")
        )
        self.query_one("#saved-to", Static).update("s saves this advice and your answers as Markdown")

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
        self.query_one(History).focus()

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
            path.write_text(export.markdown(self.session), encoding="utf-8")
        except OSError as error:
            self.notify(f"Could not save to {path}: {error.strerror or error}", severity="error", markup=False)
            return
        where = path.resolve()
        self.query_one("#saved-to", Static).update(plain(f"Saved to {where}"))
        self.notify(f"Saved to {where}", title="Advice saved", markup=False)


def _panel(kind: str) -> VerticalScroll:
    """The part of the screen for one kind of node, built the first time a node of that kind is shown.

    Building only what the first node needs keeps the first screen quick: every widget
    mounted is one more for Textual to style and lay out.
    """
    if kind == "question":
        return VerticalScroll(Advice(id="question-text"), Advice(id="question-help"), Choices(id="choices"), id=kind)
    if kind == "info":
        return VerticalScroll(
            Static(id="info-title", classes="heading"),
            Advice(id="info-text"),
            Button("Continue", id="continue", variant="primary"),
            id=kind,
        )
    return VerticalScroll(
        Static(id="outcome-title", classes="heading"),
        Advice(id="outcome-text"),
        Static("How you got here", classes="subheading"),
        Static(id="outcome-answers"),
        Static(id="saved-to", classes="hint"),
        id=kind,
    )
