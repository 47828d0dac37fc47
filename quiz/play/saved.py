"""Saved sessions: one small JSON file per tree under the user's data directory.

Files are written atomically (a temporary file, then a rename), so a crash never leaves
half a session. A file that cannot be read back is set aside, not deleted, and the
reader is told where it went.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import attrs
import platformdirs

from quiz.errors import BadRecord
from quiz.files import write_atomic
from quiz.play.session import Session


@attrs.frozen
class Resumed:
    """What a saved session gave back: the session, how many answers no longer fit, and any problem."""

    session: Session | None
    dropped: int = 0
    saved_version: str | None = None
    problem: str | None = None

    @property
    def changed(self) -> bool:
        return self.session is not None and self.saved_version != self.session.tree.version


@attrs.frozen
class Store:
    root: Path

    @classmethod
    def default(cls) -> Store:
        return cls(Path(platformdirs.user_data_dir("quiz", appauthor=False)) / "sessions")

    def path(self, tree_id: str) -> Path:
        return self.root / (re.sub(r"[^A-Za-z0-9._-]", lambda m: f"%{ord(m[0]):02X}", tree_id) + ".json")

    def save(self, session: Session) -> None:
        """Keep the session to resume later; one still at its very start is nothing to keep."""
        if len(session.path) == 1:
            self.discard(session.tree.id)
            return
        write_atomic(self.path(session.tree.id), json.dumps(session.record(), ensure_ascii=False))

    def discard(self, tree_id: str) -> None:
        self.path(tree_id).unlink(missing_ok=True)

    def load(self, start: Session) -> Resumed | None:
        """The saved session of `start`'s tree, if there is one; a corrupt file is set aside."""
        path = self.path(start.tree.id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            return Resumed(None, problem=f"could not read the saved session {path}: {error.strerror}")
        try:
            data = json.loads(raw)
            session, dropped = start.resume(data)
        except (ValueError, BadRecord) as error:
            aside = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}.json")
            path.replace(aside)
            reason = error if isinstance(error, BadRecord) else "the file is not valid JSON"
            return Resumed(None, problem=f"{reason}. It was set aside as {aside}")
        return Resumed(session, dropped, str(data.get("version")))
