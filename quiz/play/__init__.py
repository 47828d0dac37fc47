"""Playing: the session value, saved places, the Markdown to keep, and the bundled trees."""

from quiz.play.bundled import Entry, entries, find
from quiz.play.export import markdown
from quiz.play.saved import Resumed, Store
from quiz.play.session import Progress, Session

__all__ = ["Entry", "Progress", "Resumed", "Session", "Store", "entries", "find", "markdown"]
