"""What is safe to print: text from a tree or a file name, with terminal controls replaced.

Every output of quiz passes what came from a file through the one rule here, `printable`,
so that no text, id or file name can move the cursor, clear the screen or change what a
terminal shows: text output and GitHub annotations line by line, JSON through `json_text`,
which also escapes what a terminal would act on inside a string and never writes a lone
surrogate. A message quotes a text or id with `quote`, which shows at most a short prefix.
"""

from __future__ import annotations

import json
import re

# C0 controls but tab and line feed, DEL, C1 controls, lone surrogates, and the bidi
# embeddings, overrides and isolates that can make text display other than it reads.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"
QUOTE = 60  # characters of a text or id a message shows; the rest is cut to "…"

# What JSON text may hold raw but a terminal acts on, or a reader cannot see: DEL, C1, the
# line and paragraph separators, and the bidi embeddings, overrides, isolates and marks.
_JSON_ESCAPED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to show in a terminal: controls a broken tree may hold become U+FFFD.

    With `one_line`, runs of white space (line breaks and tabs too) become one space, so
    that a file name or a text cannot start a line of its own in the output.
    """
    text = CONTROL.sub(REPLACEMENT, text)
    return " ".join(text.split()) if one_line else text


def one_line(text: str) -> str:
    """Text on one line: runs of white space, line breaks included, become one space."""
    return " ".join(text.split())


def shorten(text: str, limit: int = QUOTE) -> str:
    """At most `limit` characters of `text`: a longer one is cut, and ends in "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(text: object, limit: int = QUOTE) -> str:
    """A text or id as a message quotes it: in quotes, escaped as Python's repr does, cut after `limit` characters.

    repr escapes every character that is not printable (controls, bidi overrides, lone
    surrogates), so the quote is safe anywhere; cutting first keeps a message short
    whatever the file holds.
    """
    if not isinstance(text, str):  # a number a scenario gives, say
        return shorten(repr(text), limit)
    if len(text) <= limit:
        return repr(text)
    cut = repr(text[: limit - 1])
    return cut[:-1] + "…" + cut[-1]


def json_text(value: object, *, indent: int | None = 2) -> str:
    """JSON for output: UTF-8 text as it is, but every character a terminal would act on escaped.

    json.dumps escapes C0 controls; DEL, C1 and the bidi controls are escaped here too (they
    can only stand inside strings), and a lone surrogate, which a strict parser refuses,
    becomes U+FFFD.
    """
    dumped = json.dumps(value, indent=indent, ensure_ascii=False)
    dumped = _SURROGATE.sub(REPLACEMENT, dumped)
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m[0]):04x}", dumped)


def json_type(value: object) -> str:
    """What a message calls a JSON value's type: "a string", "an array", "null"."""
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
