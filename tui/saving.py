"""Saving the advice to a file: where to, asking before anything there is replaced, and saying what went wrong."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.screen import Screen

from quiz.play import link_target, what_is_there, why_not_saved, write_atomic
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
            there = what_is_there(path)
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
                f"{path} is a link to {link_target(path)}. Replace the link with the advice? "
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
        problem = why_not_saved(path, error)
        self.screen.notify(problem, title="Not saved", severity="error", markup=False)
        self.ask(text, name, problem=problem, suggested=path)
