"""Bytes to JSON, refusing what `json.loads` would silently accept.

`json.loads` keeps the last of two equal keys (a duplicated node id would vanish),
reads NaN and Infinity, and recurses on nesting. `parse` lets the C parser do the work
and only notes that something is off; the positional scan in `locate` then finds
exactly where, which costs time only for a file that has something to report.

`quick` is the road for a good file: msgspec, several times as fast as `json.loads` with
a hook per object, whose only blind spot here, a repeated key, is ruled out by counting
colons (see there). It declines anything else, and the file is then read by `parse`.
"""

from __future__ import annotations

import json
import math
from itertools import islice
from typing import Any

import attrs
import msgspec

from quiz.findings import Anchor, Finding
from quiz.locate import Text, is_plain_number

MAX_DEPTH = 512
_BOM = "\ufeff"
_BOM_BYTES = _BOM.encode()


@attrs.frozen
class Parsed:
    text: Text | None
    data: Any
    findings: tuple[Finding, ...]


class _BadNumber(Exception):
    pass


def quick(raw: bytes) -> dict[str, Any] | None:
    """The document, if it is an object that msgspec reads and no object in it repeats a key; else None.

    msgspec keeps the last of two equal keys without a word. Every key is followed by one
    colon outside strings, and colons inside strings are written out again as they were,
    unless escaped as \\u003a: so, with no such escape, msgspec's own output has as many
    colons as the file exactly when no key was lost. msgspec refuses NaN, Infinity, numbers
    out of a double's range, lone surrogates and deep nesting, which `parse` then explains.
    It parses the file where it lies: a parser that copies it first (orjson does) takes half
    a gigabyte more fresh memory at a million nodes, whose first touch costs more than parsing.
    """
    body = memoryview(raw)[len(_BOM_BYTES) :] if raw.startswith(_BOM_BYTES) else raw
    try:
        data = msgspec.json.decode(body)
    except (msgspec.DecodeError, RecursionError):
        return None
    if type(data) is not dict or b"\\u003" in raw or raw.count(b":") != _colons_written(data):
        return None
    return data


# Members of a large object written out at a time by `_colons_written`.
CHUNK = 4096


def _colons_written(data: dict[str, Any]) -> int:
    """The colons in msgspec's output for `data`, written a part at a time into one buffer.

    Writing the whole document would copy the file once more: at a million nodes, half
    a gigabyte of fresh memory, whose first touch costs more than the writing. An object
    at the top level (`nodes`) is written a few thousand members at a time as [key, value]
    pairs, which keep every colon but the one after each key, into a buffer each part reuses.
    """
    encode_into, written = msgspec.json.Encoder().encode_into, bytearray()
    count = 0
    for key, value in data.items():
        count += 1 + key.count(":")
        if type(value) is not dict:
            encode_into(value, written)
            count += written.count(b":")
            continue
        count += len(value)
        members = iter(value.items())
        while part := list(islice(members, CHUNK)):
            encode_into(part, written)
            count += written.count(b":")
    return count


def text_of(raw: bytes) -> Text:
    """The text of a file `quick` read, for placing findings."""
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

    try:
        data = json.loads(text.text, object_pairs_hook=pairs_hook, parse_constant=_refuse, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        return Parsed(text, None, (_syntax(error),))
    except RecursionError:
        return Parsed(text, None, (_too_deep(text),))
    except (_BadNumber, ValueError):
        return Parsed(text, None, (_bad_number(text),))
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
    shown = token if len(token) <= 20 else token[:20] + "…"
    finding = Finding(
        "Q106",
        f"{shown} is not a number JSON can carry",
        hint="NaN and Infinity are not JSON, and numbers must fit a double; write text in quotes",
        path=event.path if event else (),
    )
    return _located(text, finding, event.offset if event else 0)


def _duplicates(text: Text) -> list[Finding]:
    seen: dict[tuple, int] = {}
    reported: set[tuple] = set()
    findings = []
    for event in text.scan():
        if event.anchor is not Anchor.KEY:
            continue
        path = event.path
        if any(path[:i] in reported for i in range(1, len(path))):
            continue
        if path in seen:
            reported.add(path)
            first_line, _ = text.position(seen[path])
            key = path[-1]
            what = f"node id {key!r}" if len(path) == 2 and path[0] == "nodes" else f"key {key!r}"
            finding = Finding(
                "Q104",
                f"{what} appears twice in one object (first on line {first_line});"
                " JSON keeps only the last, so the first would be lost",
                path=path,
                anchor=Anchor.KEY,
                hint="rename one of the two, or merge them",
                node=key if len(path) == 2 and path[0] == "nodes" else None,
            )
            findings.append(_located(text, finding, event.offset))
        else:
            seen[path] = event.offset
    return findings


def json_type(value: Any) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case int() | float():
            return "a number"
        case str():
            return "a string"
        case list():
            return "an array"
        case dict():
            return "an object"
    return type(value).__name__
