"""The JSON Schema (draft 2020-12) of format 1, for editors' completion and for other validators.

The schema describes the shape; the checker proves the rest (links, loops, reachability,
scenarios), which no schema can. schema/tree-1.schema.json holds the same document,
and a test keeps the two from drifting apart.
"""

from __future__ import annotations

import json

SCHEMA_ID = "urn:quiz:tree-format:1"
# Where the committed schema/tree-1.schema.json is published, for `$schema` in new trees.
SCHEMA_URL = "https://raw.githubusercontent.com/quiz-trees/quiz/main/schema/tree-1.schema.json"


def _text(description: str, *, line: bool = True) -> dict:
    return {
        "type": "string",
        "minLength": 1,
        "description": description + (" One line." if line else " Markdown."),
    }


def _node(kind: str, description: str, required: list[str], properties: dict) -> dict:
    return {
        "type": "object",
        "description": description,
        "required": ["kind", *required],
        "additionalProperties": False,
        "properties": {"kind": {"const": kind, "description": "What sort of node this is."}, **properties},
    }


def schema() -> dict:
    node_id = {"type": "string", "minLength": 1, "description": "The id of a node in `nodes`."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "quiz tree, format 1",
        "description": "A decision tree of questions, info pages and outcomes, walked by `quiz`.",
        "type": "object",
        "required": ["format", "id", "version", "title", "start", "nodes"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string", "description": "The schema editors use; ignored by quiz."},
            "format": {"const": 1, "description": "The version of this file layout."},
            "id": _text("The tree's id, used to pick it and to name its saved sessions."),
            "version": _text("The semantic version of the content: MAJOR.MINOR.PATCH."),
            "title": _text("The tree's title, shown on every screen."),
            "description": _text("Shown before the first question.", line=False),
            "language": _text("The language of the text, as a tag such as `en`."),
            "start": node_id,
            "nodes": {
                "type": "object",
                "description": "Every node, by id. A node may be reached from several others.",
                "minProperties": 1,
                "additionalProperties": {"$ref": "#/$defs/node"},
            },
            "scenarios": {
                "type": "array",
                "description": "The author's tests: answers, by label, and the outcome they must reach.",
                "items": {"$ref": "#/$defs/scenario"},
            },
        },
        "$defs": {
            "node": {
                "oneOf": [
                    {"$ref": "#/$defs/question"},
                    {"$ref": "#/$defs/info"},
                    {"$ref": "#/$defs/outcome"},
                ]
            },
            "question": _node(
                "question",
                "A question with its choices.",
                ["text", "choices"],
                {
                    "text": _text("The question.", line=False),
                    "help": _text("Shown under the question.", line=False),
                    "choices": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"$ref": "#/$defs/choice"},
                        "description": "The answers a reader can give.",
                    },
                },
            ),
            "info": _node(
                "info",
                "A page of text with one way on.",
                ["text", "next"],
                {
                    "title": _text("The page's title."),
                    "text": _text("The page.", line=False),
                    "next": node_id,
                },
            ),
            "outcome": _node(
                "outcome",
                "Where a walk ends: the advice.",
                ["title", "text"],
                {"title": _text("The outcome's title."), "text": _text("The advice.", line=False)},
            ),
            "choice": {
                "type": "object",
                "required": ["label", "next"],
                "additionalProperties": False,
                "properties": {"label": _text("What the reader picks."), "next": node_id},
            },
            "scenario": {
                "type": "object",
                "required": ["name", "answers", "outcome"],
                "additionalProperties": False,
                "properties": {
                    "name": _text("What the scenario is about."),
                    "answers": {
                        "type": "array",
                        "items": {"type": "string"},
                        "description": "Choice labels, in order; info pages are passed without one.",
                    },
                    "outcome": node_id,
                },
            },
        },
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
