"""A new tree: the small valid file `quiz new` writes for an author to start from."""

from __future__ import annotations

import re
from typing import Any

from quiz.format.migrate import CURRENT
from quiz.format.schema import schema_url

NEW_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def starter(tree_id: str) -> dict[str, Any]:
    """A small valid tree to start from, with `$schema` set so that editors complete and check its keys."""
    title = tree_id.replace("-", " ").replace("_", " ").capitalize()
    return {
        "$schema": schema_url(),
        "format": CURRENT,
        "id": tree_id,
        "version": "0.1.0",
        "title": f"{title}?",
        "description": "What this quiz helps with, in a sentence or two. **Markdown** works here.",
        "language": "en",
        "start": "first-question",
        "nodes": {
            "first-question": {
                "kind": "question",
                "text": "The first question?",
                "help": "Optional help under the question.",
                "choices": [{"label": "Yes", "next": "a-page"}, {"label": "No", "next": "outcome-no"}],
            },
            "a-page": {
                "kind": "info",
                "title": "A page",
                "text": "A page of advice with one way on.",
                "next": "outcome-yes",
            },
            "outcome-yes": {"kind": "outcome", "title": "Advice for yes", "text": "- a first step\n- a second step"},
            "outcome-no": {"kind": "outcome", "title": "Advice for no", "text": "- a first step\n- a second step"},
        },
        "scenarios": [
            {"name": "says yes", "answers": ["Yes"], "outcome": "outcome-yes"},
            {"name": "says no", "answers": ["No"], "outcome": "outcome-no"},
        ],
    }
