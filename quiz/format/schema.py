"""The JSON Schema (draft 2020-12) of the format, made from the model, for editors' completion and other validators.

The schema describes the shape; the checker proves the rest (links, loops, reachability,
scenarios), which no schema can. schema/tree-N.schema.json holds the same document, and a
test keeps the two from drifting apart.
"""

from __future__ import annotations

import json
import types
from collections.abc import Mapping
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from quiz.format.fields import fields
from quiz.format.migrate import CURRENT
from quiz.format.model import LINE, MARKDOWN, NODE_KINDS, Node, Tree

SCHEMA_ID = f"urn:quiz:tree-format:{CURRENT}"
# Where the committed schema file is published, for `$schema` in new trees.
SCHEMA_URL = f"https://raw.githubusercontent.com/quiz-trees/quiz/main/schema/tree-{CURRENT}.schema.json"
_TEXT_NOTE = {LINE: " One line.", MARKDOWN: " Markdown."}


def schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object(Tree, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"quiz tree, format {CURRENT}",
        "description": "A decision tree of questions, pages and outcomes, walked by `quiz`.",
        **root,
        "$defs": defs,
    }


def _name(cl: type) -> str:
    return cl.__name__.lower()


def _object(cl: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for f in fields(cl):
        if f.name == "kind" and cl in NODE_KINDS.values():
            properties[f.key] = {"const": f.default, "description": f.doc}
            continue
        if cl is Tree and f.name == "format":
            properties[f.key] = {"const": CURRENT, "description": f.doc}
            continue
        spec = _type(f.type, defs, text=f.text)
        if f.ref:
            spec["minLength"] = 1
        if f.text in _TEXT_NOTE and spec.get("type") == "string":
            spec["description"] = f.doc + _TEXT_NOTE[f.text]
        else:
            spec = {**spec, "description": f.doc}
        properties[f.key] = {**spec, **f.schema}
    return {
        "type": "object",
        **({"description": cl.__doc__.strip()} if cl.__doc__ else {}),
        "required": [f.key for f in fields(cl) if f.required or f.name == "kind"],
        "additionalProperties": False,
        "properties": properties,
    }


def _type(annotation: Any, defs: dict[str, Any], *, text: str | None = None) -> dict[str, Any]:
    if annotation is Node or annotation == Node:
        if "node" not in defs:
            defs["node"] = {}  # placed first, so that the definitions read top down
            defs["node"] = {"oneOf": [_ref(cl, defs) for cl in NODE_KINDS.values()]}
        return {"$ref": "#/$defs/node"}
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return _type(options[0], defs, text=text) if len(options) == 1 else {"anyOf": [_type(a, defs) for a in options]}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(annotation)[0], defs)}
    if origin is Mapping:
        return {"type": "object", "additionalProperties": _type(get_args(annotation)[1], defs)}
    if origin is Literal:
        return {"enum": list(get_args(annotation))}
    if isinstance(annotation, type) and attrs.has(annotation):
        return _ref(annotation, defs)
    if annotation is str:
        return {"type": "string", "minLength": 1} if text is not None else {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    raise TypeError(f"no schema for {annotation!r}")


def _ref(cl: type, defs: dict[str, Any]) -> dict[str, Any]:
    name = _name(cl)
    if name not in defs:
        defs[name] = {}
        defs[name] = _object(cl, defs)
    return {"$ref": f"#/$defs/{name}"}


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
