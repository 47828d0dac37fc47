"""Playing: the session value, saved places, the Markdown to keep, and the bundled trees."""

from quiz.files import write_atomic
from quiz.play.bundled import Entry, entries, find
from quiz.play.export import escape, file_name, markdown
from quiz.play.preferences import Preferences, default_path
from quiz.play.saved import Resumed, Store, reason
from quiz.play.session import Progress, Session

__all__ = [
    "Entry",
    "Preferences",
    "Progress",
    "Resumed",
    "Session",
    "Store",
    "default_path",
    "entries",
    "escape",
    "file_name",
    "find",
    "markdown",
    "reason",
    "write_atomic",
]
