"""Format 1 as values: a tree is frozen; sessions and tools derive new values from it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

# Python attribute names that JSON spells otherwise.
RENAMED = {"schema": "$schema"}


@attrs.frozen
class Choice:
    label: str
    next: str


@attrs.frozen(kw_only=True)
class Question:
    kind: Literal["question"] = "question"
    text: str
    help: str | None = None
    choices: tuple[Choice, ...]


@attrs.frozen(kw_only=True)
class Info:
    kind: Literal["info"] = "info"
    title: str | None = None
    text: str
    next: str


@attrs.frozen(kw_only=True)
class Outcome:
    kind: Literal["outcome"] = "outcome"
    title: str
    text: str


Node = Question | Info | Outcome
NODE_KINDS: dict[str, type[Node]] = {"question": Question, "info": Info, "outcome": Outcome}


@attrs.frozen(kw_only=True)
class Scenario:
    name: str
    answers: tuple[str, ...]
    outcome: str


@attrs.frozen(kw_only=True)
class Tree:
    schema: str | None = None
    format: int
    id: str
    version: str
    title: str
    description: str | None = None
    language: str | None = None
    start: str
    nodes: Mapping[str, Node]  # a dict, or nodes read from the file when asked for (quiz.quick)
    scenarios: tuple[Scenario, ...] = ()


def successors(node: Node) -> tuple[str, ...]:
    """The ids a node leads to, in the order a reader sees them."""
    if type(node) is Question:
        return tuple([choice.next for choice in node.choices])
    if type(node) is Info:
        return (node.next,)
    return ()
