"""The canonical layout of a tree file, written by `quiz fmt`, `quiz new` and `quiz migrate`.

Known keys come in the order the model lists them (quiz.format.model); keys the format does not
know keep their place after the known ones, so formatting never drops or reorders what
an author wrote into meaning. Two-space indentation; an object or list holding no
object is kept on one line when it fits. Text is written as UTF-8, not as \\u escapes.
The layout depends only on the data, so formatting twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, get_origin

from quiz.format.fields import class_of, fields, item_class, keys
from quiz.format.model import Tree

WIDTH = 100


def canonical(doc: dict[str, Any]) -> str:
    """The tree document as canonical text, ending with a newline."""
    return _dump(_ordered(doc, Tree), 0) + "\n"


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


def _dump(value: Any, indent: int) -> str:
    if not isinstance(value, dict | list) or not value:
        return _scalar(value)
    inline = _inline(value)
    if inline is not None and indent + len(inline) <= WIDTH:
        return inline
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{_scalar(key)}: {_dump(item, indent + 2)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [f"{pad}{_dump(item, indent + 2)}" for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


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
    return json.dumps(value, ensure_ascii=False)
