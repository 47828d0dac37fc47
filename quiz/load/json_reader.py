"""The strict JSON reader: bytes to JSON values, refusing what `json.loads` would silently accept.

`json.loads` keeps the last of two equal keys (a duplicated node id would vanish),
reads NaN and Infinity and integers no double can hold, and recurses on nesting.
`parse` lets the C parser do the work and only notes that something is off; the
positional scan in `locate` then finds exactly where, which costs time only for a file
that has something to report. Nothing is nested deeper than MAX_DEPTH, so that what
reads the values after (the converter, `quiz fmt`) never runs out of stack; and however
many keys a file repeats, the findings say so in a few lines.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

import attrs

from quiz.findings import Anchor, Finding, JsonPath
from quiz.load.positions import Text, is_plain_number
from quiz.text import json_type, quote

MAX_DEPTH = 512
_ESCAPED_COLON = re.compile(rb"\\u003[aA]")
MAX_REPEATS = 10  # repeated keys reported one by one; the rest are counted in one more finding
_BOM = "\ufeff"


@attrs.frozen
class Parsed:
    text: Text | None
    data: Any
    findings: tuple[Finding, ...]


class _BadNumber(Exception):
    pass


def text_of(raw: bytes) -> Text:
    """The text of a file the quick road read, for placing findings."""
    return Text(raw.decode("utf-8").removeprefix(_BOM))


def parse(raw: bytes) -> Parsed:
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Parsed(None, None, (_not_utf8(raw, error.start),))
    text = Text(decoded.removeprefix(_BOM))
    if not text.text.strip():
        return Parsed(
            text,
            None,
            (
                Finding(
                    "Q102",
                    "the file is empty",
                    hint="a tree is a JSON object: start with {",
                    line=1,
                    column=1,
                ),
            ),
        )
    duplicated: list[bool] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            duplicated.append(True)
        return obj

    # Where no colon hides as \u003a, a lost key shows in the count of colons, and objects are
    # built as dicts at once: the pairs a hook is given cost 72 bytes a key (13 times a file of
    # repeated keys) where a dict that keeps only the last costs nothing.
    counted = _ESCAPED_COLON.search(raw) is None
    numbers: dict[str, Any] = {"parse_constant": _refuse, "parse_float": _finite_float, "parse_int": _finite_int}
    try:
        if counted:
            data = json.loads(text.text, **numbers)
        else:
            data = json.loads(text.text, object_pairs_hook=pairs_hook, **numbers)
    except json.JSONDecodeError as error:
        return Parsed(text, None, (_syntax(error),))
    except RecursionError:
        return Parsed(text, None, (_too_deep(text),))
    except (_BadNumber, ValueError):
        return Parsed(text, None, (_bad_number(text),))
    depth, keys, colons = _shape(data)
    if depth > MAX_DEPTH:
        return Parsed(text, None, (_too_deep(text),))
    if counted and keys != text.text.count(":") - colons:
        duplicated.append(True)
    findings = _duplicates(text) if duplicated else []
    if not isinstance(data, dict):
        findings.append(
            Finding(
                "Q107",
                f"the file holds {json_type(data)}, not an object",
                hint='a tree is a JSON object: {"format": 1, "id": ..., "nodes": {...}}',
            )
        )
        return Parsed(text, None, tuple(findings))
    return Parsed(text, data, tuple(findings))


def _refuse(constant: str) -> float:
    raise _BadNumber(constant)


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _BadNumber(token)
    return value


def _finite_int(token: str) -> int:
    """An integer, if a double can carry it: one past 1.8e308 (309 digits and more) is a bad number, as 1e400 is."""
    if len(token) >= 309 and math.isinf(float(token)):
        raise _BadNumber(token)
    return int(token)


def _shape(data: Any) -> tuple[int, int, int]:
    """How deep containers nest, how many keys the objects hold, and how many colons the strings hold.

    Looked at without recursion. Every key in the file is followed by one colon outside
    strings, so the file's colons, less those inside strings, are as many as the keys read
    exactly when no repeated key was dropped (given no colon written as \\u003a).
    """
    deepest, keys, colons = 0, 0, 0
    stack: list[Iterator[Any]] = [iter((data,))]  # an iterator for each container open, so a long list costs nothing
    while stack:
        value = next(stack[-1], _END)
        if value is _END:
            stack.pop()
        elif type(value) is str:
            colons += value.count(":")
        elif type(value) is dict:
            keys += len(value)
            colons += sum(key.count(":") for key in value)
            stack.append(iter(value.values()))
            deepest = max(deepest, len(stack) - 1)
        elif type(value) is list:
            stack.append(iter(value))
            deepest = max(deepest, len(stack) - 1)
    return deepest, keys, colons


_END = object()


def _not_utf8(raw: bytes, start: int) -> Finding:
    line_start = raw.rfind(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
    return Finding(
        "Q101",
        f"byte 0x{raw[start]:02x} is not UTF-8",
        hint="save the file as UTF-8 (most editors: 'Save with encoding')",
        line=raw.count(b"\n", 0, start) + 1,
        column=column,
    )


def _syntax(error: json.JSONDecodeError) -> Finding:
    hint = None
    if error.msg.startswith("Expecting property name"):
        hint = "a trailing comma or a key without double quotes? JSON allows neither"
    elif error.msg.startswith("Expecting ',' delimiter"):
        hint = "a comma missing between two items?"
    elif error.msg.startswith("Invalid control character"):
        hint = "write a line break inside a string as \\n"
    elif error.msg.startswith("Extra data"):
        hint = "the file holds more than one JSON value; a tree is a single object"
    return Finding("Q103", f"invalid JSON: {error.msg}", hint=hint, line=error.lineno, column=error.colno)


def _located(text: Text, finding: Finding, offset: int) -> Finding:
    line, column = text.position(offset)
    return attrs.evolve(finding, line=line, column=column)


def _too_deep(text: Text) -> Finding:
    event = next((e for e in text.scan() if e.depth > MAX_DEPTH), None)
    finding = Finding(
        "Q105",
        f"values are nested more than {MAX_DEPTH} levels deep",
        hint="a tree is at most five levels deep: tree, nodes, node, choices, choice",
        path=event.path[:8] if event else (),
    )
    return _located(text, finding, event.offset if event else 0)


def _bad_number(text: Text) -> Finding:
    event = next(
        (
            e
            for e in text.scan()
            if e.anchor is Anchor.VALUE
            and e.token not in ("true", "false", "null")
            and not e.token.startswith(("{", "[", '"'))
            and not is_plain_number(e.token)
        ),
        None,
    )
    token = event.token if event else "?"
    finding = Finding(
        "Q106",
        f"{quote(token, 24)} is not a number JSON can carry",
        hint="NaN and Infinity are not JSON, and numbers must fit a double; write text in quotes",
        path=event.path if event else (),
    )
    return _located(text, finding, event.offset if event else 0)


def _duplicates(text: Text) -> list[Finding]:
    """A finding for each of the first MAX_REPEATS repeated keys, and one that counts the rest."""
    seen: dict[JsonPath, int] = {}
    reported: set[JsonPath] = set()
    findings: list[Finding] = []
    more = 0
    for event in text.scan():
        if event.anchor is not Anchor.KEY:
            continue
        path = event.path
        if any(path[:i] in reported for i in range(1, len(path))):
            continue
        if path in seen:
            if len(findings) == MAX_REPEATS:
                more += 1
                continue
            reported.add(path)
            first_line, _ = text.position(seen[path])
            key = path[-1]
            what = f"node id {quote(str(key))}" if len(path) == 2 and path[0] == "nodes" else f"key {quote(str(key))}"
            finding = Finding(
                "Q104",
                f"{what} appears twice in one object (first on line {first_line});"
                " JSON keeps only the last, so the first would be lost",
                path=path,
                anchor=Anchor.KEY,
                hint="rename one of the two, or merge them",
                node=str(key) if len(path) == 2 and path[0] == "nodes" else None,
            )
            findings.append(_located(text, finding, event.offset))
        else:
            seen[path] = event.offset
    if more:
        last = findings[-1]
        findings.append(
            attrs.evolve(
                last,
                message=f"and {more:,} more repeated key{'s' * (more != 1)} after this one",
                node=None,
                hint="each is reported once the ones above are mended",
            )
        )
    return findings
