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

from quiz.format.fields import fields, node_kinds
from quiz.format.migrate import CURRENT
from quiz.format.model import LINE, MARKDOWN, UNIONS, Answer, Node, Tree, Value

_TEXT_NOTE = {LINE: " One line.", MARKDOWN: " Markdown."}


def schema_url(version: int = CURRENT) -> str:
    """Where the committed schema of a format is published, for `$schema` in trees."""
    return f"https://raw.githubusercontent.com/quiz-trees/quiz/main/schema/tree-{version}.schema.json"


def schema(version: int = CURRENT) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _object(Tree, defs, version)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:quiz:tree-format:{version}",
        "title": f"quiz tree, format {version}",
        "description": "A decision tree of questions, pages and outcomes, walked by `quiz`.",
        **root,
        "$defs": defs,
    }


def _name(cl: type) -> str:
    return cl.__name__.lower()


def _object(cl: type, defs: dict[str, Any], version: int) -> dict[str, Any]:
    properties = {}
    tags = {tag for tag, classes in UNIONS.values() if cl in classes.values()}
    for f in fields(cl, version):
        if f.name in tags:
            properties[f.key] = {"const": f.default, "description": f.doc}
            continue
        if cl is Tree and f.name == "format":
            properties[f.key] = {"const": version, "description": f.doc}
            continue
        spec = _type(f.type, defs, version, text=f.text)
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
        "required": [f.key for f in fields(cl, version) if f.required or f.name in tags],
        "additionalProperties": False,
        "properties": properties,
    }


def _type(annotation: Any, defs: dict[str, Any], version: int, *, text: str | None = None) -> dict[str, Any]:
    if annotation in UNIONS:
        name = "node" if annotation == Node else "fact"
        if name not in defs:
            classes = node_kinds(version) if annotation == Node else UNIONS[annotation][1]
            defs[name] = {}  # placed first, so that the definitions read top down
            defs[name] = {"oneOf": [_ref(cl, defs, version) for cl in classes.values()]}
        return {"$ref": f"#/$defs/{name}"}
    if annotation in _JSON_TYPES:
        return {"type": _JSON_TYPES[annotation]}
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        if len(options) == 1:
            return _type(options[0], defs, version, text=text)
        return {"anyOf": [_type(a, defs, version) for a in options]}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(annotation)[0], defs, version)}
    if origin is Mapping:
        return {"type": "object", "additionalProperties": _type(get_args(annotation)[1], defs, version)}
    if origin is Literal:
        return {"enum": list(get_args(annotation))}
    if isinstance(annotation, type) and attrs.has(annotation):
        return _ref(annotation, defs, version)
    if annotation is str:
        return {"type": "string", "minLength": 1} if text is not None else {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    raise TypeError(f"no schema for {annotation!r}")


def _ref(cl: type, defs: dict[str, Any], version: int) -> dict[str, Any]:
    name = _name(cl)
    if name not in defs:
        defs[name] = {}
        defs[name] = _object(cl, defs, version)
    return {"$ref": f"#/$defs/{name}"}


_JSON_TYPES: dict[Any, list[str]] = {Value: ["boolean", "integer", "string"], Answer: ["string", "integer"]}


def schema_text(version: int = CURRENT) -> str:
    return json.dumps(schema(version), indent=2, ensure_ascii=False) + "\n"
