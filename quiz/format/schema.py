"""The JSON Schema (draft 2020-12) of the format, made from the model, for editors' completion and other validators.

The schema describes the shape, as strictly as JSON Schema can: every text must hold a
character other than space, and none a control or bidi character; a one-line text, no tab
or line break either; node ids are one-line texts too. It says what the checker's text rules
say (Q307, Q308), so an editor refuses what `quiz check` refuses; what no schema can say
(repeated keys, links to missing nodes, loops, scenarios) is listed in docs/format.md. A
tagged union (nodes by `kind`, facts by `type`) is told apart by its tag, so that a validator
names the one wrong key rather than every kind's complaint. Descriptions and `defaultSnippets`
(read by VS Code) give editors their completion. schema/tree-N.schema.json holds the same
document, and a test keeps the two from drifting apart.
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

# The checker's rules for text (quiz.text.CONTROL, quiz.check.texts), as ECMAScript and Python
# regular expressions alike: \x and \u escapes only, never \s, whose meaning differs between them.
# Lone surrogates are left out: ECMAScript's unicode mode cannot name them in a pattern.
_CONTROL = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_LINE_CONTROL = r"\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"  # tab and line feed too
# Every character Python's str.strip() removes (what Q307 calls empty), the controls among them.
_SPACE = r" \x09-\x0d\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _text_pattern(control: str) -> str:
    """Text with no character of `control`, and at least one that is neither that nor space.

    It ends in "nothing follows", not `$`: Python's `$` also matches before a final line break.
    """
    return f"^[^{control}]*[^{control}{_SPACE}][^{control}]*(?![\\s\\S])"


TEXT_PATTERNS = {LINE: _text_pattern(_LINE_CONTROL), MARKDOWN: _text_pattern(_CONTROL)}
_PATTERN_MESSAGES = {
    LINE: "One line of text: not only spaces, and no tab, line break or control character.",
    MARKDOWN: "Markdown: not only spaces, and no control character but tab and line break.",
}

# What an editor offers to insert where a node, a choice or a scenario goes (VS Code's `defaultSnippets`).
_SNIPPETS: dict[str, list[dict[str, Any]]] = {
    "question": [
        {
            "label": "question",
            "description": "A question with two choices.",
            "body": {
                "kind": "question",
                "text": "${1:The question?}",
                "choices": [{"label": "${2:Yes}", "next": "$3"}, {"label": "${4:No}", "next": "$5"}],
            },
        }
    ],
    "info": [
        {
            "label": "info",
            "description": "A page of advice with one way on.",
            "body": {"kind": "info", "title": "${1:Title}", "text": "${2:Advice.}", "next": "$3"},
        }
    ],
    "outcome": [
        {
            "label": "outcome",
            "description": "Where a walk ends: the advice.",
            "body": {"kind": "outcome", "title": "${1:Title}", "text": "${2:- A first step}"},
        }
    ],
    "choice": [{"label": "choice", "body": {"label": "$1", "next": "$2"}}],
    "scenario": [{"label": "scenario", "body": {"name": "$1", "answers": ["$2"], "outcome": "$3"}}],
}
_UNION_DOC = {
    "node": "A node, told apart by `kind`: a question, a page of advice (info), an outcome, or in later formats more.",
    "fact": "A fact a walk keeps track of, told apart by `type`.",
}


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
            properties[f.key] = {"type": "integer", "const": version, "description": f.doc}
            continue
        spec = _type(f.type, defs, version, text=f.text)
        if f.ref:
            spec["minLength"] = 1
        if f.text in _TEXT_NOTE and spec.get("type") == "string":
            spec["description"] = f.doc + _TEXT_NOTE[f.text]
        elif f.text in _TEXT_NOTE and spec.get("type") == "object":  # a mapping whose keys are texts
            spec = {**spec, "propertyNames": _text(f.text), "description": f.doc}
        else:
            spec = {**spec, "description": f.doc}
        properties[f.key] = {**spec, **f.schema}
    return {
        "type": "object",
        **({"description": cl.__doc__.strip()} if cl.__doc__ else {}),
        **({"defaultSnippets": _SNIPPETS[_name(cl)]} if _name(cl) in _SNIPPETS else {}),
        "required": [f.key for f in fields(cl, version) if f.required or f.name in tags],
        "additionalProperties": False,
        "properties": properties,
    }


def _type(annotation: Any, defs: dict[str, Any], version: int, *, text: str | None = None) -> dict[str, Any]:
    if annotation in UNIONS:
        name = "node" if annotation == Node else "fact"
        if name not in defs:
            tag, classes = UNIONS[annotation]
            classes = node_kinds(version) if annotation == Node else classes
            defs[name] = {}  # placed first, so that the definitions read top down
            defs[name] = {
                "type": "object",
                "description": _UNION_DOC[name],
                "required": [tag],
                "properties": {tag: {"enum": list(classes)}},
                "allOf": [
                    {"if": {"properties": {tag: {"const": value}}}, "then": _ref(cl, defs, version)}
                    for value, cl in classes.items()
                ],
                **({"defaultSnippets": [s for k in classes for s in _SNIPPETS.get(k, [])]} if name == "node" else {}),
            }
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
        return {"type": "string", **_text(text)} if text is not None else {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    raise TypeError(f"no schema for {annotation!r}")


def _text(kind: str) -> dict[str, Any]:
    return {"minLength": 1, "pattern": TEXT_PATTERNS[kind], "patternErrorMessage": _PATTERN_MESSAGES[kind]}


def _ref(cl: type, defs: dict[str, Any], version: int) -> dict[str, Any]:
    name = _name(cl)
    if name not in defs:
        defs[name] = {}
        defs[name] = _object(cl, defs, version)
    return {"$ref": f"#/$defs/{name}"}


_JSON_TYPES: dict[Any, list[str]] = {Value: ["boolean", "integer", "string"], Answer: ["string", "integer"]}


def schema_text(version: int = CURRENT) -> str:
    return json.dumps(schema(version), indent=2, ensure_ascii=False) + "\n"
