"""The Textual app: which screen comes when. The CLI and the tests both build it with `make_app`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import platformdirs
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from quiz import Session, load_path
from quiz.play import Entry, MemoryStore, Preferences, Store, default_path, entries, reason, save_folder
from tui.dialogs import KeysScreen
from tui.quiz_screen import QuizScreen
from tui.saving import Saved
from tui.screens import FindingsScreen, PickerScreen, ToQuizzes, WelcomeScreen

THEMES = ("textual-dark", "textual-light")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "quiz"
    ENABLE_COMMAND_PALETTE = False
    # Below 70 columns the answers fold away behind a key; below 20 rows the margins go.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit; your place is kept for next time"),
        Binding("question_mark", "keys", "Keys", id="keys", tooltip="Show every key"),
        Binding(
            "t", "toggle_theme", "Theme", id="theme", tooltip="Switch between the light and dark theme", show=False
        ),
    ]

    def __init__(
        self,
        target: Path | None,
        store: Store | MemoryStore,
        preferences_path: Path | None,
        documents: Path | None,
        theme: str | None = None,
        *,
        preview: bool = False,
        quizzes: Sequence[Entry] | None = None,
    ) -> None:
        super().__init__()
        self.target = target
        self.store = store
        self.preferences_path = preferences_path
        self.preferences = Preferences() if preferences_path is None else Preferences.read(preferences_path)
        self.documents = documents
        self.quizzes = quizzes
        remembered = self.preferences.theme if self.preferences.theme in THEMES else THEMES[0]
        self.theme = theme or remembered
        self.preview = preview
        self._seen: tuple[int, int] | None = None
        self._answers: tuple[str | int, ...] = ()
        self._target_broken = False
        self._said: set[str] = set()

    def on_mount(self) -> None:
        # Textual mounts an app inside a batch that holds every frame back. A screen pushed
        # now would draw its first frame into the batch, where it is dropped, and then reach
        # the terminal piece by piece; pushed from the message loop, after the batch, its
        # first frame is the one the terminal shows.
        self.call_later(self._first_screen)

    def _first_screen(self) -> None:
        if self.target is None:
            self.push_screen(PickerScreen(self._quizzes()))
        elif self.preview:
            self._seen = _stamp(self.target)
            self.push_screen(self._preview_screen())
            self.set_interval(0.5, self.reload_if_saved)
        else:
            self.open_tree(self.target)

    def _preview_screen(self) -> Screen[Any]:
        """The quiz on the file as it is now, as far as the answers so far still fit; or its findings."""
        assert self.target is not None
        try:
            loaded = load_path(self.target)
        except OSError as error:
            self.notify(f"Could not read {self.target}: {reason(error)}", severity="error", markup=False)
            return FindingsScreen(str(self.target), (), note="The file could not be read; save it again to retry.")
        if loaded.tree is None or not loaded.ok:
            return FindingsScreen(loaded.file, loaded.findings, note="Save the file to reload it.")
        session, _ = Session.start(loaded.tree).follow(self._answers)
        return QuizScreen(session, self.save_folder(), can_leave=False)

    async def reload_if_saved(self) -> None:
        assert self.target is not None
        stamp = _stamp(self.target)
        if stamp is None or stamp == self._seen:
            return
        self._seen = stamp
        await self.switch_screen(self._preview_screen())
        self.notify(f"Reloaded {self.target.name}", timeout=2, markup=False)

    def open_tree(self, path: Path) -> None:
        from_picker = self.target is None or any(isinstance(s, PickerScreen) for s in self.screen_stack)
        try:
            loaded = load_path(path)
        except OSError as error:
            self.notify(f"Could not read {path}: {reason(error)}", severity="error", markup=False)
            if not from_picker:
                self.exit(return_code=EXIT_USAGE)
            return
        if loaded.tree is None or not loaded.ok:
            self._target_broken = self._target_broken or not from_picker
            self.push_screen(FindingsScreen(loaded.file, loaded.findings, can_leave=True))
            return
        start = Session.start(loaded.tree)
        self.push_screen(WelcomeScreen(start, self.store.load(start), can_leave=True))

    def on_picker_screen_picked(self, message: PickerScreen.Picked) -> None:
        self.open_tree(message.path)

    def on_welcome_screen_begin(self, message: WelcomeScreen.Begin) -> None:
        self._keep(message.session)
        self.switch_screen(QuizScreen(message.session, self.save_folder()))
        if message.session.answers:
            self.notify(f"Resumed: {message.session.progress}", markup=False)

    def on_quiz_screen_moved(self, message: QuizScreen.Moved) -> None:
        self._answers = message.session.answers
        if not self.preview:
            self._keep(message.session)

    def _keep(self, session: Session) -> None:
        """Save the reader's place, or forget it at the start; the one guard every such write goes through."""
        try:
            self.store.save(session)
        except OSError as error:
            assert isinstance(self.store, Store)  # a place kept in memory cannot fail to be kept
            where = self.store.path(session.tree.id)
            self._say_once(f"Your place could not be kept ({reason(error)}: {where}); the quiz goes on without it.")

    def _say_once(self, problem: str) -> None:
        """A warning, said the first time only: a folder that cannot be written fails again at every key."""
        if problem not in self._said:
            self._said.add(problem)
            self.notify(problem, title="Not kept", severity="warning", timeout=8, markup=False)

    def on_to_quizzes(self, message: ToQuizzes) -> None:
        """Back to the list of quizzes: the one beneath, or a new one for a quiz opened by name."""
        if self.preview:
            return
        if any(isinstance(s, PickerScreen) for s in self.screen_stack):
            while not isinstance(self.screen, PickerScreen):
                self.pop_screen()
        else:
            self.switch_screen(PickerScreen(self._quizzes()))

    def _quizzes(self) -> Sequence[Entry]:
        return entries() if self.quizzes is None else self.quizzes

    def save_folder(self) -> Path | None:
        """Where the advice is offered to be saved; None when it goes to the reader's browser instead."""
        return None if self.documents is None else save_folder(self.preferences, self.documents)

    def on_saved(self, message: Saved) -> None:
        self._remember(save_folder=str(message.path.parent))

    def _remember(self, **changes: str) -> None:
        self.preferences = attrs.evolve(self.preferences, **changes)
        if self.preferences_path is None:
            return
        try:
            self.preferences.write(self.preferences_path)
        except OSError as error:
            self._say_once(f"Your settings could not be kept ({reason(error)}: {self.preferences_path}).")

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        self.notify(f"The advice could not be sent to your browser: {event.exception}", severity="error", markup=False)

    @property
    def kept(self) -> bool:
        """Whether the reader's place outlives the app (it does not when served: nothing is kept on the server)."""
        return isinstance(self.store, Store)

    def action_keys(self) -> None:
        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen(kept=self.kept))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self._remember(theme=self.theme)

    async def action_quit(self) -> None:
        self.exit(return_code=EXIT_FINDINGS if self._target_broken else EXIT_OK)

    def action_help_quit(self) -> None:
        """Ctrl+C does not quit a Textual app; say which key does, from where the reader is."""
        if isinstance(self.focused, Input):
            self.notify("Press Esc to close this, then q to quit.", title="Quit?", markup=False)
        else:
            kept = "your place is kept for next time" if self.kept else "nothing is kept after it"
            self.notify(f"Press q to quit; {kept}.", title="Quit?", markup=False)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def make_app(
    target: Path | None = None,
    *,
    data_dir: Path | None = None,
    save_dir: Path | None = None,
    config_path: Path | None = None,
    theme: str | None = None,
    preview: bool = False,
    quizzes: Sequence[Entry] | None = None,
    web: bool = False,
) -> QuizApp:
    """The app on one tree file, or on a list of quizzes when `target` is None (the bundled ones unless given).

    `data_dir` holds saved places, `config_path` the remembered settings, and `save_dir`
    is the folder first offered for saving advice (the user's documents folder unless
    given). With `preview`, the app follows the file as it is edited: no welcome page,
    no saved place, and a reload each time the file is saved. With `web`, the app is
    served to a browser: the reader's place is kept in memory for as long as their visit
    lasts, nothing is read from or written to the server's disk, and the advice is saved
    by a download in the reader's browser.
    """
    if web:
        return QuizApp(target, MemoryStore(), None, None, theme, quizzes=quizzes)
    store = Store(data_dir) if data_dir is not None else Store.default()
    documents = save_dir or Path(platformdirs.user_documents_dir())
    return QuizApp(target, store, config_path or default_path(), documents, theme, preview=preview, quizzes=quizzes)
