"""Where a finding's text ends, for the reports that mark a span (SARIF, GitHub annotations).

A finding knows the line and column where its value or key starts. When that is a string, a
number, `true`, `false` or `null`, it ends on the same line (JSON text never breaks a line
inside a token), so its end is read from that one line. Containers and the reading stage's
findings (a syntax error points between tokens) get no end.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from quiz.findings import CODES, Finding, Stage

__all__ = ["Sources", "Span"]

_SCALAR = re.compile(r'"(?:[^"\\\n]|\\.)*"|[^\s{}\[\]:,"]+')


@attrs.frozen
class Span:
    """A finding's place: its first character and its last, both 1-based and inclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


class Sources:
    """The texts findings were made from, each read at most once, for the spans of their findings."""

    def __init__(self, given: dict[str, str] | None = None, read: Callable[[str], str | None] | None = None) -> None:
        self._texts: dict[str, list[str] | None] = {name: text.split("\n") for name, text in (given or {}).items()}
        self._read = read or _read_file

    def _lines(self, file: str) -> list[str] | None:
        if file not in self._texts:
            text = self._read(file)
            self._texts[file] = None if text is None else text.split("\n")
        return self._texts[file]

    def span(self, finding: Finding) -> Span | None:
        if finding.file is None or finding.line is None or finding.column is None:
            return None
        if CODES[finding.code].stage is Stage.READING:
            return None
        lines = self._lines(finding.file)
        if lines is None or not 0 < finding.line <= len(lines):
            return None
        match = _SCALAR.match(lines[finding.line - 1], finding.column - 1)
        if match is None:
            return None
        return Span(finding.line, finding.column, finding.line, finding.column + len(match[0]) - 1)


def _read_file(file: str) -> str | None:
    try:
        with open(file, encoding="utf-8", errors="replace", newline="") as handle:
            return handle.read()
    except OSError:
        return None
