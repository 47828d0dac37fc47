"""A new tree: the small valid file `quiz new` writes for an author to start from."""

from __future__ import annotations

import re
from typing import Any

from quiz.format.migrate import CURRENT
from quiz.format.schema import schema_url

NEW_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def starter(tree_id: str) -> dict[str, Any]:
    """A small valid tree to start from, with `$schema` set so that editors complete and check its keys.

    It shows each kind of node once, a fact set by a number question and read by a route, and a
    scenario for each outcome, so that it checks clean under --strict --coverage as written.
    """
    title = tree_id.replace("-", " ").replace("_", " ").capitalize()
    return {
        "$schema": schema_url(),
        "format": CURRENT,
        "id": tree_id,
        "version": "0.1.0",
        "title": f"{title}?",
        "description": "What this quiz helps with, in a sentence or two. **Markdown** works here.",
        "language": "en",
        "facts": {"weeks": {"type": "int", "min": 0, "max": 52}},
        "start": "first-question",
        "nodes": {
            "first-question": {
                "kind": "question",
                "text": "The first question?",
                "help": "Optional help under the question.",
                "choices": [{"label": "Yes", "next": "a-page"}, {"label": "No", "next": "how-long"}],
            },
            "a-page": {
                "kind": "info",
                "title": "A page",
                "text": "A page of advice with one way on.",
                "next": "outcome-yes",
            },
            "how-long": {
                "kind": "number",
                "text": "How many weeks has it been?",
                "help": "A whole number from 0 to 52; the fact `weeks` takes it.",
                "fact": "weeks",
                "next": "by-weeks",
            },
            "by-weeks": {
                "kind": "route",
                "routes": [{"when": "weeks < 4", "next": "outcome-soon"}, {"next": "outcome-later"}],
            },
            "outcome-yes": {"kind": "outcome", "title": "Advice for yes", "text": "- a first step\n- a second step"},
            "outcome-soon": {"kind": "outcome", "title": "Advice for a recent no", "text": "- give it time"},
            "outcome-later": {"kind": "outcome", "title": "Advice for an older no", "text": "- a first step"},
        },
        "scenarios": [
            {"name": "says yes", "answers": ["Yes"], "outcome": "outcome-yes"},
            {"name": "a recent no", "answers": ["No", 2], "outcome": "outcome-soon", "facts": {"weeks": 2}},
            {"name": "an older no", "answers": ["No", 10], "outcome": "outcome-later", "facts": {"weeks": 10}},
        ],
    }
