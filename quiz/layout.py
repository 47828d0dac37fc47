"""The canonical layout of a tree file, written by `quiz fmt`, `quiz new` and `quiz migrate`.

Known keys come in the order the format reference gives them; keys the format does not
know keep their place after the known ones, so formatting never drops or reorders what
an author wrote into meaning. Two-space indentation; an object or list holding no
object is kept on one line when it fits. Text is written as UTF-8, not as \\u escapes.
The layout depends only on the data, so formatting twice changes nothing.
"""

from __future__ import annotations

import json
from typing import Any

WIDTH = 100
TREE_KEYS = ("$schema", "format", "id", "version", "title", "description", "language", "start", "nodes", "scenarios")
NODE_KEYS = ("kind", "title", "text", "help", "choices", "next")
CHOICE_KEYS = ("label", "next")
SCENARIO_KEYS = ("name", "answers", "outcome")


def canonical(doc: dict[str, Any]) -> str:
    """The tree document as canonical text, ending with a newline."""
    return _dump(_ordered(doc), 0) + "\n"


def _ordered(doc: dict[str, Any]) -> dict[str, Any]:
    tree = _keys(doc, TREE_KEYS)
    if isinstance(tree.get("nodes"), dict):
        tree["nodes"] = {node_id: _node(node) for node_id, node in tree["nodes"].items()}
    if isinstance(tree.get("scenarios"), list):
        tree["scenarios"] = [_keys(s, SCENARIO_KEYS) if isinstance(s, dict) else s for s in tree["scenarios"]]
    return tree


def _node(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    node = _keys(node, NODE_KEYS)
    if isinstance(node.get("choices"), list):
        node["choices"] = [_keys(c, CHOICE_KEYS) if isinstance(c, dict) else c for c in node["choices"]]
    return node


def _keys(obj: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    known = {key: obj[key] for key in order if key in obj}
    return known | {key: value for key, value in obj.items() if key not in known}


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


def _inline(value: dict | list) -> str | None:
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
