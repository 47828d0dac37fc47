"""Where the advice is saved: the folder offered first, what is already at a path, and why one cannot be written.

The terminal UI's save dialog and the plain mode's `s` ask the same questions of a path and
say the same things about it, so they judge it here, once.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal

from quiz.play.preferences import Preferences
from quiz.play.saved import reason

__all__ = ["link_target", "save_folder", "what_is_there", "why_not_saved"]

There = Literal["nothing", "file", "link", "folder"]


def save_folder(preferences: Preferences, documents: Path) -> Path:
    """The folder first offered: the one saved in last, else the documents folder, else home."""
    for folder in (preferences.save_folder, documents):
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def what_is_there(path: Path) -> There:
    """What a save to `path` would meet. A link to a folder counts as the folder; any other link as a link,
    which saving replaces (never writing through it). Raises OSError when the path cannot be looked at."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return "nothing"
    if stat.S_ISLNK(info.st_mode):
        return "folder" if path.is_dir() else "link"
    return "folder" if stat.S_ISDIR(info.st_mode) else "file"


def link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "somewhere that cannot be read"


def why_not_saved(path: Path, error: OSError) -> str:
    """Why the advice could not be written to `path`, and what to do about it."""
    if isinstance(error, FileNotFoundError):
        return f"There is no folder {path.parent}: make it first, or choose another."
    if isinstance(error, NotADirectoryError):
        return f"{path.parent} is not a folder: part of it is a file."
    if isinstance(error, PermissionError):
        return f"You may not write in {path.parent}: choose another folder."
    if isinstance(error, IsADirectoryError):
        return f"{path} is a folder: add a file name to it."
    return f"Could not save to {path}: {reason(error)}."
