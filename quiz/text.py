"""What is safe to print: text from a tree or a file name, with terminal controls replaced.

Every output of quiz passes what came from a file through `printable`, so that no text,
id or file name can move the cursor, clear the screen or change what a terminal shows.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls, lone surrogates, and the bidi
# embeddings, overrides and isolates that can make text display other than it reads.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
REPLACEMENT = "\ufffd"


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to show in a terminal: controls a broken tree may hold become U+FFFD."""
    text = CONTROL.sub(REPLACEMENT, text)
    return " ".join(text.split()) if one_line else text


def one_line(text: str) -> str:
    """Text on one line: runs of white space, line breaks included, become one space."""
    return " ".join(text.split())


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
