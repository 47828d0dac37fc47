"""The errors quiz raises, under one base, so that a caller can catch everything quiz means to raise.

A problem with a tree is never an exception: it is a finding (quiz.findings). These are
for misuse of the library and for what a command cannot do.
"""

from __future__ import annotations


class QuizError(Exception):
    """The base of every error quiz raises on purpose."""


class UsageError(QuizError):
    """Something asked of a command cannot be done (a missing file, bad arguments): exit 2 with this message."""


class NotAChoice(QuizError, ValueError):
    """An answer that the current node does not offer."""


class BadRecord(QuizError, ValueError):
    """A saved session that cannot be read back."""


class UnfinishedTree(QuizError, ValueError):
    """A tree whose walks are not all proven to end was given where one is required (check it first)."""
