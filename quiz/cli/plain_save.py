"""Saving the advice in the plain mode (`s [FILE]`): where to, and asking before anything there is replaced.

It saves what the terminal UI saves, where the UI would offer to (the folder saved in
last, else the documents folder), and asks the UI's questions about what is there.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import attrs

from quiz.cli.reader import Reader
from quiz.play import (
    Preferences,
    Session,
    file_name,
    link_target,
    markdown,
    reason,
    save_folder,
    what_is_there,
    why_not_saved,
    write_atomic,
)
from quiz.text import printable

__all__ = ["save"]


def save(reader: Reader, session: Session, argument: str, preferences_path: Path, documents: Path) -> None:
    """`s [FILE]`: a relative FILE is taken from the current folder; none asks, offering the UI's default."""
    if not session.finished:
        reader.say("There is no advice to save yet: it comes at the end of the quiz.")
        return
    today = datetime.date.today()
    text, name = markdown(session, today), file_name(session.tree.id, today)
    preferences = Preferences.read(preferences_path)
    folder = save_folder(preferences, documents)
    if not argument:
        argument = reader.ask(f"Save as (Enter saves to {_shown(folder / name)}): ")
    path = Path(os.path.abspath(Path(argument).expanduser())) if argument else folder / name
    try:
        there = what_is_there(path)
        if there == "folder":  # a folder named is where the file goes, under the name offered
            path = path / name
            there = what_is_there(path)
    except OSError as error:
        reader.say(printable(why_not_saved(path, error)) + " Not saved.")
        return
    if there == "folder":
        reader.say(f"{_shown(path)} is a folder. Not saved: s FILE names the file to save to.")
        return
    if there == "link":
        question = f"{_shown(path)} is a link to {printable(link_target(path), one_line=True)}. Replace the link?"
        replace = reader.yes(question + " What it points to is left as it is.", default=False)
    else:
        replace = there == "nothing" or reader.yes(f"{_shown(path)} already exists. Overwrite it?", default=False)
    if not replace:
        reader.say("Not saved.")
        return
    try:
        write_atomic(path, text, parents=False)
    except OSError as error:
        reader.say(printable(why_not_saved(path, error)) + " Not saved.")
        return
    reader.say(f"Saved to {_shown(path)}")
    try:  # the folder saved in is offered first next time, here and in the UI
        attrs.evolve(preferences, save_folder=str(path.parent)).write(preferences_path)
    except OSError as error:
        reader.say(f"The folder could not be remembered ({reason(error)}: {_shown(preferences_path)}).")


def _shown(path: Path) -> str:
    return printable(str(path), one_line=True)
