"""Saved sessions: one small JSON file per tree under the user's data directory.

Files are written atomically (a temporary file, then a rename), so a crash never leaves
half a session. A file that cannot be read back is set aside, not deleted, and the
reader is told where it went. Whatever is found where a saved session should be, the
answer is a session or a problem to tell, never an exception.
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
import time
from pathlib import Path

import attrs
import platformdirs

from quiz.errors import BadRecord
from quiz.files import NotAFile, TooLarge, read_small, write_atomic
from quiz.play.session import Session

__all__ = ["MemoryStore", "Resumed", "Store", "file_name", "reason"]

# A record is a few hundred bytes; a file a thousand times that was not written by quiz.
LIMIT = 1 << 20
# Ids used as they are: short, lower case (file systems that ignore case then cannot
# mix two up), and never with "+", which only hashed names hold.
_PLAIN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_RESERVED = {"con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))}


def file_name(tree_id: str) -> str:
    """The file of a tree's saved session: its id where that is a safe name, else a readable part and a hash."""
    if _PLAIN.fullmatch(tree_id) and tree_id not in _RESERVED:
        return f"{tree_id}.json"
    readable = re.sub(r"[^a-z0-9_-]+", "-", tree_id.lower()).strip("-_")[:40]
    digest = hashlib.sha256(tree_id.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{readable}+{digest}.json"


def reason(error: OSError) -> str:
    """What went wrong, in words, without the path (the message says which file)."""
    return error.strerror or str(error) or type(error).__name__


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

    def note(self) -> str:
        """What became of the saved place, in words: where the reader was, and what a newer tree changed."""
        saved = self.session
        if saved is None:
            return f"Your saved place could not be used: {self.problem}"
        where = f"you reached “{saved.outcome.title}”" if saved.outcome is not None else f"you were at {saved.progress}"
        count = len(saved.answers)
        note = f"Last time {where}, after {count} {'answer' if count == 1 else 'answers'}."
        if self.changed:
            note += f" The quiz has changed since (version {self.saved_version} → {saved.tree.version})"
            if self.dropped:
                dropped = self.dropped
                note += f": {dropped} of your answers {'no longer fits' if dropped == 1 else 'no longer fit'} and "
                note += f"{'was' if dropped == 1 else 'were'} left out."
            else:
                note += ", but all your answers still fit."
        return note


@attrs.frozen
class Store:
    root: Path

    @classmethod
    def default(cls) -> Store:
        return cls(Path(platformdirs.user_data_dir("quiz", appauthor=False)) / "sessions")

    def path(self, tree_id: str) -> Path:
        return self.root / file_name(tree_id)

    def save(self, session: Session) -> None:
        """Keep the session to resume later; one still at its very start is nothing to keep. Raises OSError."""
        if len(session.path) == 1:
            self.discard(session.tree.id)
            return
        text = json.dumps(session.record(), ensure_ascii=False)
        # Answers about one's life are nobody else's business: the file is the user's alone.
        write_atomic(self.path(session.tree.id), text, mode=0o600, durable=False)

    def discard(self, tree_id: str) -> None:
        """Forget the saved session of a tree. Raises OSError, IsADirectoryError for a folder in its place."""
        path = self.path(tree_id)
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(errno.EISDIR, "a folder is where the saved session should be", str(path))
        path.unlink(missing_ok=True)

    def load(self, start: Session) -> Resumed | None:
        """The saved session of `start`'s tree, if there is one; a corrupt file is set aside."""
        path = self.path(start.tree.id)
        try:
            raw = read_small(path, LIMIT)
        except FileNotFoundError:
            return None
        except NotAFile:
            return Resumed(None, problem=f"{path} is not a file, so it was left as it is")
        except TooLarge:
            return self._set_aside(path, "the file is far too large to be a saved session")
        except OSError as error:
            return Resumed(None, problem=f"could not read the saved session {path}: {reason(error)}")
        try:
            data = json.loads(raw)
            session, dropped = start.resume(data)
        except BadRecord as error:
            return self._set_aside(path, str(error))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested past the parser's depth
            return self._set_aside(path, "the file is not valid JSON")
        return Resumed(session, dropped, str(data.get("version")))

    def _set_aside(self, path: Path, why: str) -> Resumed:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.stem}.corrupt-{stamp}.json")
        count = 1
        while aside.exists() or aside.is_symlink():
            count += 1
            aside = path.with_name(f"{path.stem}.corrupt-{stamp}-{count}.json")
        try:
            path.replace(aside)
        except OSError as error:
            return Resumed(None, problem=f"{why}, and it could not be set aside ({reason(error)}): {path}")
        return Resumed(None, problem=f"{why}. It was set aside as {aside}")


@attrs.define
class MemoryStore:
    """Saved places kept in memory only, for as long as the process lives: nothing is written to disk.

    For a quiz served to a browser, where each visitor has a process of their own and the
    server's disk is no place for their answers. A place is kept as the record a file
    would hold, so that it resumes exactly as one read back from disk does.
    """

    _records: dict[str, str] = attrs.field(factory=dict)

    def save(self, session: Session) -> None:
        if len(session.path) == 1:
            self.discard(session.tree.id)
        else:
            self._records[session.tree.id] = json.dumps(session.record(), ensure_ascii=False)

    def discard(self, tree_id: str) -> None:
        self._records.pop(tree_id, None)

    def load(self, start: Session) -> Resumed | None:
        kept = self._records.get(start.tree.id)
        if kept is None:
            return None
        data = json.loads(kept)
        session, dropped = start.resume(data)  # the tree may have been read again since, and changed
        return Resumed(session, dropped, str(data.get("version")))
