"""A saved place, as written to disk: enough to rebuild a session, and to tell which tree it was for."""

from __future__ import annotations

import attrs

from quiz.format.model import Answer

RECORD_FORMAT = 1


@attrs.frozen(kw_only=True)
class Record:
    session: int  # the layout of this record, RECORD_FORMAT
    tree: str  # the tree's id
    version: str  # the tree's version when the place was saved
    answers: tuple[Answer, ...]  # labels, and whole numbers for number nodes
    read: int = 0  # pages of advice read since the last answer
