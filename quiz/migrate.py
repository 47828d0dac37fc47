"""Formats: read a file of any format this quiz knows as the current one.

A chain of small steps, one per format: `STEPS[n]` turns a format-n document into a
format-(n+1) one. Format 1 is the first, so the chain is empty today; the first change
to the layout adds a step here and a new `CURRENT`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from quiz.findings import Finding
from quiz.parse import json_type

CURRENT = 1
Document = dict[str, Any]
Step = Callable[[Document], Document]
STEPS: Mapping[int, Step] = {}


def format_of(doc: Document) -> tuple[int | None, Finding | None]:
    """The document's format number, or the finding that says why it has none."""
    if "format" not in doc:
        return None, Finding(
            "Q202",
            "the file has no `format`",
            hint='add "format": 1 as the first key',
        )
    value = doc["format"]
    if type(value) is not int or value < 1:
        shown = json_type(value) if type(value) is not int else str(value)
        return None, Finding(
            "Q202",
            f"`format` must be a whole number from 1 up, not {shown}",
            path=("format",),
            hint=f'write "format": {CURRENT}',
        )
    return value, None


def migrate(
    doc: Document, *, steps: Mapping[int, Step] | None = None, current: int | None = None
) -> tuple[Document | None, Finding | None]:
    """The document in the `current` format, or the finding that says why it cannot be."""
    steps = STEPS if steps is None else steps
    current = CURRENT if current is None else current
    version, finding = format_of(doc)
    if finding is not None:
        return None, finding
    if version > current:
        return None, Finding(
            "Q201",
            f"this file is format {version}, but this quiz reads formats 1 to {current}",
            path=("format",),
            hint="upgrade quiz (pip install --upgrade quiz) to read it",
        )
    for n in range(version, current):
        doc = steps[n](doc)
    return doc, None
