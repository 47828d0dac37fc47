"""Saving the advice to a file: where to, asking before anything there is replaced, and saying what went wrong."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.screen import Screen

from quiz.play import reason, write_atomic
from tui.dialogs import ConfirmScreen, SaveScreen


class Saved(Message):
    """The advice was written to `path`: the app remembers its folder for next time."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class Saver:
    """Asks for a path, confirms a replacement, writes atomically; a path that cannot be written asks again."""

    def __init__(self, screen: Screen[Any], folder: Path) -> None:
        self.screen = screen
        self.folder = folder

    def ask(self, text: str, name: str, *, problem: str = "", suggested: Path | None = None) -> None:
        suggested = suggested or self.folder / name
        self.screen.app.push_screen(SaveScreen(suggested, problem), lambda path: self._chosen(path, text, name))

    def _chosen(self, path: Path | None, text: str, name: str) -> None:
        if path is None:
            return
        path = Path(os.path.abspath(path))
        try:
            there = _what_is_there(path)
        except OSError as error:
            self._again(path, text, name, error)
            return
        if there == "folder":
            problem = f"{path} is a folder: the advice is saved in it as {name}."
            self.ask(text, name, problem=problem, suggested=path / name)
            return
        if there == "nothing":
            self._write(path, text, name)
            return
        if there == "link":
            question = (
                f"{path} is a link to {_link_target(path)}. Replace the link with the advice? "
                "What it points to is left as it is."
            )
        else:
            question = f"{path} already exists. Overwrite it?"
        self.screen.app.push_screen(
            ConfirmScreen(question, "Replace it" if there == "link" else "Overwrite", "Keep it"),
            lambda yes: self._write(path, text, name) if yes else self.screen.notify("Not saved.", markup=False),
        )

    def _write(self, path: Path, text: str, name: str) -> None:
        try:
            write_atomic(path, text, parents=False)
        except OSError as error:
            self._again(path, text, name, error)
            return
        self.folder = path.parent
        self.screen.post_message(Saved(path))
        self.screen.notify(f"Saved to {path}", title="Advice saved", markup=False)

    def _again(self, path: Path, text: str, name: str, error: OSError) -> None:
        """Say why `path` cannot be written, in the UI, and offer the dialog again with the path as it was."""
        problem = _why(path, error)
        self.screen.notify(problem, title="Not saved", severity="error", markup=False)
        self.ask(text, name, problem=problem, suggested=path)


def _what_is_there(path: Path) -> str:
    try:
        info = path.lstat()
    except FileNotFoundError:
        return "nothing"
    if stat.S_ISLNK(info.st_mode):
        return "folder" if path.is_dir() else "link"
    return "folder" if stat.S_ISDIR(info.st_mode) else "file"


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "somewhere that cannot be read"


def _why(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return f"There is no folder {path.parent}: make it first, or choose another."
    if isinstance(error, NotADirectoryError):
        return f"{path.parent} is not a folder: part of it is a file."
    if isinstance(error, PermissionError):
        return f"You may not write in {path.parent}: choose another folder."
    if isinstance(error, IsADirectoryError):
        return f"{path} is a folder: add a file name to it."
    return f"Could not save to {path}: {reason(error)}."
