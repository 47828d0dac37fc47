"""Formats: a file of any format this quiz knows is read in its own format and brought up to the current one.

A file is read by the converter for its own format (the model's fields up to that format,
quiz.format.fields), so a key a later format added is unknown in an older file. The tree is
then brought up to date by a chain of small steps, one per format: `STEPS[n]` turns a
format-n tree into a format-(n+1) one. Each format so far only adds to the one before, so a
step only has to say so; `quiz migrate` writes the result back out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from quiz.findings import Finding
from quiz.format.model import Tree
from quiz.text import json_type

CURRENT = 2
Step = Callable[[Tree], Tree]


def _one_to_two(tree: Tree) -> Tree:
    """Format 2 added facts, conditions, routes, numbers and loops; a format-1 tree means the same in it."""
    return attrs.evolve(tree, format=2)


STEPS: Mapping[int, Step] = {1: _one_to_two}


def format_of(doc: Mapping[str, Any]) -> tuple[int | None, Finding | None]:
    """The document's format number if this quiz reads it, or the finding that says why not."""
    if "format" not in doc:
        return None, Finding("Q202", "the file has no `format`", hint=f'add "format": {CURRENT} as the first key')
    value = doc["format"]
    if type(value) is not int or value < 1:
        shown = json_type(value) if type(value) is not int else str(value)
        return None, Finding(
            "Q202",
            f"`format` must be a whole number from 1 up, not {shown}",
            path=("format",),
            hint=f'write "format": {CURRENT}',
        )
    if value > CURRENT:
        return None, Finding(
            "Q201",
            f"this file is format {value}, but this quiz reads formats 1 to {CURRENT}",
            path=("format",),
            hint="upgrade quiz (pip install --upgrade quiztree) to read it",
        )
    return value, None


def migrate(tree: Tree, *, steps: Mapping[int, Step] | None = None, current: int = CURRENT) -> Tree:
    """The tree in the `current` format."""
    steps = STEPS if steps is None else steps
    for n in range(tree.format, current):
        tree = steps[n](tree)
    return tree
