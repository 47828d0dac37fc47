"""Positions in JSON text: where each key and value of a document stands.

This is the only place where an offset in a file becomes a line and a column. Parsing with
positions is several times slower than `json.loads`, so the reader parses with
`json.loads` and asks this module only when it has something to report. The scan is
iterative (no recursion, whatever the nesting) and skips, at C speed, every subtree that
holds nothing it was asked about.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any, NamedTuple

import attrs

from quiz.findings import Anchor, Finding, JsonPath

# A string is matched as runs of plain characters between escapes, each run and the whole
# possessively: an alternation under `*` would keep a backtracking frame for every character,
# about a hundred bytes each (a 30 MB string took 4 GB), where this keeps none.
_TOKEN = re.compile(
    r"""[ \t\r\n]*(?:
        (?P<string>"[^"\\]*+(?:\\.[^"\\]*+)*+")
      | (?P<punct>[{}\[\]:,])
      | (?P<atom>[^\s{}\[\]:,"]+)
    )""",
    re.VERBOSE | re.DOTALL,
)
_DECODER = json.JSONDecoder()


def _nested(depth: int) -> str:
    """What may stand between a container's brackets, `depth` containers deep at most: no backtracking."""
    inside = r'(?:"[^"\\]*+(?:\\.[^"\\]*+)*+"|[^\[\]{}"]++)*+'
    for _ in range(depth):
        inside = rf'(?:"[^"\\]*+(?:\\.[^"\\]*+)*+"|[^\[\]{{}}"]++|\{{{inside}\}}|\[{inside}\])*+'
    return inside


# A container skipped whole is matched to its closing bracket without building what it holds,
# a tenth of the time of decoding it; deeper ones than this, or broken ones, are decoded.
_CONTAINER = re.compile(rf"\{{{_nested(4)}\}}|\[{_nested(4)}\]", re.DOTALL)
# The rest of an object's member after its key, passed over whole: the colon and the value.
_MEMBER_VALUE = re.compile(
    rf'[ \t\r\n]*:[ \t\r\n]*(?:{_CONTAINER.pattern}|"[^"\\]*+(?:\\.[^"\\]*+)*+"|[^\s{{}}\[\]:,"]+)', re.DOTALL
)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


class Event(NamedTuple):
    """A key or a value met by the scan: its path, which of the two, its offset and depth.

    A named tuple, built at C speed: a scan meets every key of a large file."""

    path: JsonPath
    anchor: Anchor
    offset: int
    depth: int
    token: str


class Text:
    """A document's text, with offsets turned into 1-based line and column on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Offsets already placed and their lines: a new offset's newlines are counted from the
        # nearest one before it, so placing findings in order reads the text once, at C speed.
        self._placed: list[int] = [0]
        self._lines: list[int] = [1]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._placed, offset)
        line = self._lines[i - 1] + self.text.count("\n", self._placed[i - 1], offset)
        self._placed.insert(i, offset)
        self._lines.insert(i, line)
        return line, offset - self.text.rfind("\n", 0, offset)

    def inside_string(self, offset: int, column: int) -> int:
        """The offset of the `column`th character of the string that starts (with its quote) at `offset`.

        Written plainly, the nth character is n places on; an escape before it moves it, and
        then the string's own start is the truest place to point at.
        """
        end = offset + column
        return end if "\\" not in self.text[offset + 1 : end] and end < len(self.text) else offset

    def scan(
        self,
        descend: Callable[[JsonPath], bool] = lambda path: True,
        pass_over: Callable[[JsonPath], bool] | None = None,
    ) -> Iterator[Event]:
        """Every key and value in document order; containers `descend` refuses are skipped whole, and members
        of an object whose paths `pass_over` accepts are passed over, key and value, without an event."""
        text = self.text
        stack: list[list[Any]] = []  # frames: [is_object, path, index or pending key, expecting_key]
        pos = 0
        while True:
            m = _TOKEN.match(text, pos)
            if m is None:
                return
            pos = m.end()
            group = m.lastgroup or "atom"  # one of the three groups always matches
            start = m.start(group)
            token = m.group(group)
            frame = stack[-1] if stack else None
            if frame is not None and frame[0] and frame[3] and group == "string":
                key = token[1:-1] if "\\" not in token else json.loads(token)
                frame[2] = key
                frame[3] = False
                member = (*frame[1], key)
                if pass_over is not None and pass_over(member):
                    rest = _MEMBER_VALUE.match(text, pos)
                    if rest is not None:
                        pos = rest.end()
                        continue
                yield Event(member, Anchor.KEY, start, len(stack), token)
                continue
            if group == "punct" and token in ",:]}":
                if token == "," and frame is not None:
                    if frame[0]:
                        frame[3] = True
                    else:
                        frame[2] += 1
                elif token in "]}" and stack:
                    stack.pop()
                    if not stack:
                        return
                continue
            path: JsonPath = () if frame is None else (*frame[1], frame[2])
            yield Event(path, Anchor.VALUE, start, len(stack) + 1, token)
            if token in "{[":
                if not descend(path):
                    end = _skip(text, start)
                    if end is not None:
                        pos = end
                        if frame is None:
                            return
                        continue
                stack.append([token == "{", path, 0, token == "{"])
            elif frame is None:
                return

    def offsets(self, wanted: Collection[tuple[JsonPath, Anchor]]) -> dict[tuple[JsonPath, Anchor], int]:
        """Where each wanted key or value starts; paths not in the document are left out."""
        prefixes = {path[:i] for path, _ in wanted for i in range(len(path))}
        named = prefixes | {path for path, _ in wanted}
        found: dict[tuple[JsonPath, Anchor], int] = {}
        # A member neither wanted nor on the way to one is passed over in one match: of a large tree's
        # nodes, only those with findings are looked into.
        for event in self.scan(prefixes.__contains__, lambda path: path not in named):
            item = (event.path, event.anchor)
            if item in wanted and item not in found:
                found[item] = event.offset
                if len(found) == len(wanted):
                    break
        return found


def _skip(text: str, start: int) -> int | None:
    matched = _CONTAINER.match(text, start)
    if matched is not None:
        return matched.end()
    try:
        return _DECODER.raw_decode(text, start)[1]
    except (ValueError, RecursionError):
        return None


def is_plain_number(token: str) -> bool:
    """Whether an atom is a JSON number Python reads back exactly: not NaN, Infinity or huge."""
    if not _NUMBER.fullmatch(token):
        return False
    digits = token.lstrip("-").split(".")[0].split("e")[0].split("E")[0]
    if len(digits) > 4000:
        return False
    return "inf" not in repr(float(token))


def locate(text: Text | None, findings: Iterable[Finding], file: str) -> tuple[Finding, ...]:
    """Give each finding its file, line and column; a path not in the text falls back to its parent."""
    findings = list(findings)
    unplaced = [f for f in findings if f.line is None]
    offsets: dict[tuple[JsonPath, Anchor], int] = {}
    if unplaced and text is not None:
        wanted = {(f.path, f.anchor) for f in unplaced}
        wanted |= {(f.path[:i], Anchor.VALUE) for f in unplaced for i in range(len(f.path))}
        offsets = text.offsets(wanted)
    places: list[int | None] = []
    for finding in findings:
        place = None
        if finding.line is None and text is not None:
            for i in range(len(finding.path), -1, -1):
                anchor = finding.anchor if i == len(finding.path) else Anchor.VALUE
                place = offsets.get((finding.path[:i], anchor))
                if place is not None:
                    if i == len(finding.path) and finding.within is not None:
                        place = text.inside_string(place, finding.within)
                    break
        places.append(place)
    # In the order of the text, so that its lines are counted once however many findings there are.
    lines = {p: text.position(p) for p in sorted({p for p in places if p is not None})} if text else {}
    out = []
    for finding, place in zip(findings, places, strict=True):
        line, column = finding.line, finding.column
        if line is None:
            line, column = lines[place] if place is not None else (1, 1)
        out.append(attrs.evolve(finding, file=file, line=line, column=column))
    return tuple(sorted(out, key=lambda f: (f.line or 0, f.column or 0, f.code)))
