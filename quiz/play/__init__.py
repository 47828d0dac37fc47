"""Playing: the session value, saved places, the Markdown to keep, and the bundled trees."""

from quiz.files import write_atomic
from quiz.play.bundled import Entry, describe, entries, find
from quiz.play.destination import link_target, save_folder, what_is_there, why_not_saved
from quiz.play.export import escape, file_name, markdown
from quiz.play.preferences import Preferences, default_path
from quiz.play.saved import MemoryStore, Resumed, Store, reason
from quiz.play.session import Progress, Session

__all__ = [
    "Entry",
    "MemoryStore",
    "Preferences",
    "Progress",
    "Resumed",
    "Session",
    "Store",
    "default_path",
    "describe",
    "entries",
    "escape",
    "file_name",
    "find",
    "link_target",
    "markdown",
    "reason",
    "save_folder",
    "what_is_there",
    "why_not_saved",
    "write_atomic",
]
