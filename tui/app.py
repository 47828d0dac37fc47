"""The Textual app: which screen comes when. The CLI and the tests both build it with `make_app`."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from quiz import Session, load_path
from quiz.play import Store, entries
from tui.dialogs import KeysScreen
from tui.quiz_screen import QuizScreen
from tui.screens import FindingsScreen, PickerScreen, WelcomeScreen

THEMES = ("textual-dark", "textual-light")


class QuizApp(App[None]):
    CSS_PATH = "quiz.tcss"
    TITLE = "quiz"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit; your place is kept for next time"),
        Binding("question_mark", "keys", "Keys", id="keys", tooltip="Show every key"),
        Binding(
            "t", "toggle_theme", "Theme", id="theme", tooltip="Switch between the light and dark theme", show=False
        ),
    ]

    def __init__(
        self, target: Path | None, store: Store, save_dir: Path, theme: str = THEMES[0], *, preview: bool = False
    ) -> None:
        super().__init__()
        self.target = target
        self.store = store
        self.save_dir = save_dir
        self.theme = theme
        self.preview = preview
        self._seen: tuple[int, int] | None = None
        self._answers: tuple[str, ...] = ()

    def on_mount(self) -> None:
        # Textual mounts an app inside a batch that holds every frame back. A screen pushed
        # now would draw its first frame into the batch, where it is dropped, and then reach
        # the terminal piece by piece; pushed from the message loop, after the batch, its
        # first frame is the one the terminal shows.
        self.call_later(self._first_screen)

    def _first_screen(self) -> None:
        if self.target is None:
            self.push_screen(PickerScreen(entries()))
        elif self.preview:
            self._seen = _stamp(self.target)
            self.push_screen(self._preview_screen())
            self.set_interval(0.5, self.reload_if_saved)
        else:
            self.open_tree(self.target)

    def _preview_screen(self):
        """The quiz on the file as it is now, as far as the answers so far still fit; or its findings."""
        try:
            loaded = load_path(self.target)
        except OSError as error:
            self.notify(f"Could not read {self.target}: {error.strerror or error}", severity="error", markup=False)
            return FindingsScreen(str(self.target), (), note="The file could not be read; save it again to retry.")
        if not loaded.ok:
            return FindingsScreen(loaded.file, loaded.findings, note="Save the file to reload it.")
        session, _ = Session.start(loaded.tree).follow(self._answers)
        return QuizScreen(session, self.save_dir)

    async def reload_if_saved(self) -> None:
        stamp = _stamp(self.target)
        if stamp is None or stamp == self._seen:
            return
        self._seen = stamp
        await self.switch_screen(self._preview_screen())
        self.notify(f"Reloaded {self.target.name}", timeout=2, markup=False)

    def open_tree(self, path: Path) -> None:
        from_picker = self.target is None
        try:
            loaded = load_path(path)
        except OSError as error:
            self.notify(f"Could not read {path}: {error.strerror or error}", severity="error", markup=False)
            if not from_picker:
                self.exit(return_code=2)
            return
        if not loaded.ok:
            self.push_screen(FindingsScreen(loaded.file, loaded.findings, can_leave=from_picker))
            return
        start = Session.start(loaded.tree)
        self.push_screen(WelcomeScreen(start, self.store.load(start), can_leave=from_picker))

    def on_picker_screen_picked(self, message: PickerScreen.Picked) -> None:
        self.open_tree(message.path)

    def on_welcome_screen_begin(self, message: WelcomeScreen.Begin) -> None:
        self.store.save(message.session)
        self.switch_screen(QuizScreen(message.session, self.save_dir))
        if message.session.answers:
            self.notify(f"Resumed: {message.session.progress}", markup=False)

    def on_quiz_screen_moved(self, message: QuizScreen.Moved) -> None:
        self._answers = message.session.answers
        if self.preview:
            return
        try:
            self.store.save(message.session)
        except OSError as error:
            self.notify(f"Could not keep your place: {error.strerror or error}", severity="warning", markup=False)

    def action_keys(self) -> None:
        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen())

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


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
    theme: str = THEMES[0],
    preview: bool = False,
) -> QuizApp:
    """The app on one tree file, or on the picker of bundled trees when `target` is None.

    With `preview`, the app follows the file as it is edited: no welcome page, no saved
    place, and a reload each time the file is saved.
    """
    store = Store(data_dir) if data_dir is not None else Store.default()
    return QuizApp(target, store, save_dir or Path.cwd(), theme, preview=preview)
