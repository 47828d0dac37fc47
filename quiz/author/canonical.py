"""The canonical layout of a tree file, written by `quiz fmt`, `quiz new` and `quiz migrate`.

Known keys come in the order the model lists them (quiz.format.model); keys the format does not
know keep their place after the known ones, so formatting never drops or reorders what
an author wrote into meaning. Two-space indentation; an object or list holding no
object is kept on one line when it fits. Text is written as UTF-8, not as \\u escapes,
except what a reader could not see or a terminal would act on (controls, bidi controls,
lone surrogates), which stays escaped. The layout depends only on the data, so formatting
twice changes nothing; it is made without recursion, so any depth the reader accepts is laid out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, get_origin

from quiz.format.fields import class_of, fields, item_class, keys
from quiz.format.model import Tree

WIDTH = 100


# Written as \u escapes: DEL, C1, the line and paragraph separators, bidi controls and marks, lone surrogates.
_ESCAPED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def canonical(doc: dict[str, Any]) -> str:
    """The tree document as canonical text, ending with a newline."""
    return _dump(_ordered(doc, Tree)) + "\n"


def _ordered(value: Any, cl: Any) -> Any:
    """An object's keys in the order its class in the model lists them; what the format does not know, after."""
    cl = class_of(value, cl)  # a union's class, told by its tag
    if cl is None or not isinstance(value, dict):
        return value
    by_key = {f.key: f for f in fields(cl)}
    known = {key: _inside(value[key], by_key[key].type) for key in keys(cl) if key in value}
    return known | {key: item for key, item in value.items() if key not in known}


def _inside(value: Any, annotation: Any) -> Any:
    """A field's value with the objects it holds in order too."""
    inner = item_class(annotation)
    if inner is None:
        return value
    origin = get_origin(annotation)
    if origin is tuple and isinstance(value, list):
        return [_ordered(item, inner) for item in value]
    if origin is Mapping and isinstance(value, dict):
        return {key: _ordered(item, inner) for key, item in value.items()}
    return _ordered(value, inner)


def _dump(value: Any) -> str:
    """The layout, with a stack of the containers still open in place of recursion."""
    out: list[str] = []
    stack: list[tuple[Iterator[Any], int, bool]] = []  # (items left, indent, is an object)
    opened = _open(value, 0, out)
    if opened is not None:
        stack.append(opened)
    first = True
    while stack:
        items, indent, is_object = stack[-1]
        item: Any = next(items, _END)
        if item is _END:
            out.append("\n" + " " * indent + ("}" if is_object else "]"))
            stack.pop()
            first = False
            continue
        out.append(("" if first else ",\n") + " " * (indent + 2))
        if is_object:
            key, item = item
            out.append(_scalar(key) + ": ")
        opened = _open(item, indent + 2, out)
        first = opened is not None
        if opened is not None:
            stack.append(opened)
    return "".join(out)


_END = object()


def _open(value: Any, indent: int, out: list[str]) -> tuple[Iterator[Any], int, bool] | None:
    """Write a value that fits on its line whole; else open it, and return what is left of it to write."""
    if not isinstance(value, dict | list) or not value:
        out.append(_scalar(value))
        return None
    inline = _inline(value)
    if inline is not None and indent + len(inline) <= WIDTH:
        out.append(inline)
        return None
    if isinstance(value, dict):
        out.append("{\n")
        return iter(value.items()), indent, True
    out.append("[\n")
    return iter(value), indent, False


def _inline(value: dict[str, Any] | list[Any]) -> str | None:
    """The one-line form, for containers of plain values (and, in an object, lists of them)."""
    if isinstance(value, list):
        return (
            None if any(isinstance(item, dict | list) for item in value) else "[" + ", ".join(map(_scalar, value)) + "]"
        )
    parts = []
    for key, item in value.items():
        shown = _inline(item) if isinstance(item, list) else None if isinstance(item, dict) else _scalar(item)
        if shown is None:
            return None
        parts.append(f"{_scalar(key)}: {shown}")
    return "{" + ", ".join(parts) + "}"


def _scalar(value: Any) -> str:
    return _ESCAPED.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(value, ensure_ascii=False))
