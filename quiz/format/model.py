"""The tree format, described once: frozen attrs classes whose fields carry what the format says of them.

Each field's metadata (made by `field`) gives its JSON key where Python cannot spell it,
whether it is a one-line text or Markdown (so the checker knows which texts to prove),
whether it names a node, the format it arrived in, and a sentence for the schema. The
JSON Schema, the canonical key order, the list of texts, the converter and the fast
reader's mirror are all derived from these classes (quiz.format.fields).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

# Metadata keys of a field.
KEY, TEXT, REF, SINCE, DOC, SCHEMA, ROLE = "key", "text", "ref", "since", "doc", "schema", "role"
LINE: Literal["line"] = "line"
MARKDOWN: Literal["markdown"] = "markdown"


def field(
    doc: str,
    *,
    key: str | None = None,
    text: Literal["line", "markdown"] | None = None,
    ref: bool = False,
    role: Literal["condition", "loop", "fact"] | None = None,
    since: int = 1,
    schema: dict[str, Any] | None = None,
    default: Any = attrs.NOTHING,
) -> Any:
    """A field of the format: `doc` is its one-sentence meaning, shown in the schema and by editors.

    For a mapping, `text` says what its keys are. `role` marks a condition, the flag that lets a
    choice lead back (`loop`), or a fact's name. `schema` adds JSON Schema keywords the types
    alone do not give.
    """
    metadata = {KEY: key, TEXT: text, REF: ref, ROLE: role, SINCE: since, DOC: doc, SCHEMA: schema or {}}
    if default is dict:
        return attrs.field(factory=dict, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


# What a fact can hold, and what `set` and scenarios give one.
Value = bool | int | str


@attrs.frozen(kw_only=True)
class BoolFact:
    """A fact that is true or false."""

    type: Literal["bool"] = field("What sort of fact this is.", default="bool")
    initial: bool | None = field("Its value before any walk sets it; without one it is unset.", default=None)


@attrs.frozen(kw_only=True)
class EnumFact:
    """A fact that takes one of the texts it lists."""

    type: Literal["enum"] = field("What sort of fact this is.", default="enum")
    values: tuple[str, ...] = field("The texts it can take, at least one, all distinct.", schema={"minItems": 1})
    initial: str | None = field("Its value before any walk sets it; without one it is unset.", default=None)


@attrs.frozen(kw_only=True)
class IntFact:
    """A whole number from `min` to `max`."""

    type: Literal["int"] = field("What sort of fact this is.", default="int")
    min: int = field("The least value it can take.")
    max: int = field("The greatest value it can take.")
    initial: int | None = field("Its value before any walk sets it; without one it is unset.", default=None)


Fact = BoolFact | EnumFact | IntFact
FACT_TYPES: dict[str, type[Fact]] = {"bool": BoolFact, "enum": EnumFact, "int": IntFact}


@attrs.frozen(kw_only=True)
class Choice:
    """One answer to a question, and where it leads."""

    label: str = field("What the reader picks, and what scenarios answer.", text=LINE)
    when: str | None = field(
        "A condition: the choice is offered only where it holds.", role="condition", since=2, default=None
    )
    set: Mapping[str, Value] = field("Facts this answer sets, to values.", role="fact", since=2, default=dict)
    add: Mapping[str, int] = field(
        "Whole numbers this answer adds to int facts, after `set`.", role="fact", since=2, default=dict
    )
    next: str = field("The id of the node this answer leads to.", ref=True)
    loop: bool = field("This choice may lead back to a node earlier on the walk.", role="loop", since=2, default=False)


@attrs.frozen(kw_only=True)
class Question:
    """A question with its choices."""

    kind: Literal["question"] = field("What sort of node this is.", default="question")
    text: str = field("The question.", text=MARKDOWN)
    help: str | None = field("Shown under the question.", text=MARKDOWN, default=None)
    choices: tuple[Choice, ...] = field(
        "The answers a reader can give; labels differ within a question.", schema={"minItems": 1}
    )


@attrs.frozen(kw_only=True)
class Info:
    """A page of advice with one way on."""

    kind: Literal["info"] = field("What sort of node this is.", default="info")
    title: str | None = field("The page's heading.", text=LINE, default=None)
    text: str = field("A page of advice with one way on.", text=MARKDOWN)
    next: str = field("The id of the node Continue leads to.", ref=True)


@attrs.frozen(kw_only=True)
class Branch:
    """One of a route's ways on."""

    when: str | None = field("A condition; a branch without one always holds.", role="condition", default=None)
    next: str = field("The id of the node this branch leads to.", ref=True)


@attrs.frozen(kw_only=True)
class Route:
    """A node the reader never sees: the first of its branches that holds is followed."""

    kind: Literal["route"] = field("What sort of node this is.", default="route", since=2)
    routes: tuple[Branch, ...] = field("The branches, read in order.", schema={"minItems": 1})


@attrs.frozen(kw_only=True)
class Number:
    """A question answered with a whole number, which an int fact takes."""

    kind: Literal["number"] = field("What sort of node this is.", default="number", since=2)
    text: str = field("The question.", text=MARKDOWN)
    help: str | None = field("Shown under the question.", text=MARKDOWN, default=None)
    fact: str = field("The int fact that takes the number; the reader gives one from its min to max.", role="fact")
    next: str = field("The id of the node that follows.", ref=True)


@attrs.frozen(kw_only=True)
class Outcome:
    """Where a walk ends: the advice."""

    kind: Literal["outcome"] = field("What sort of node this is.", default="outcome")
    title: str = field("A heading the reader remembers.", text=LINE)
    text: str = field("The advice; lists of concrete steps read best.", text=MARKDOWN)


Node = Question | Info | Route | Number | Outcome
NODE_KINDS: dict[str, type[Node]] = {
    "question": Question,
    "info": Info,
    "route": Route,
    "number": Number,
    "outcome": Outcome,
}
# The model's tagged unions: which key tells their classes apart, and the class for each value of it.
UNIONS: dict[Any, tuple[str, dict[str, Any]]] = {Node: ("kind", NODE_KINDS), Fact: ("type", FACT_TYPES)}

Answer = str | int  # a choice's label, or a number node's number


@attrs.frozen(kw_only=True)
class Scenario:
    """The author's own test: answers from `start`, and the outcome they must reach."""

    name: str = field("What the scenario is about; named in findings when it fails.", text=LINE)
    answers: tuple[Answer, ...] = field(
        "Choice labels, and whole numbers for number nodes, in order; pages and routes need none."
    )
    outcome: str = field("The outcome the answers must reach.", ref=True)
    facts: Mapping[str, Value] = field("Values the facts must have at the outcome.", role="fact", since=2, default=dict)


@attrs.frozen(kw_only=True)
class Tree:
    """A decision tree of questions, pages and outcomes, walked by `quiz`."""

    schema: str | None = field("The schema editors use; ignored by quiz.", key="$schema", default=None)
    format: int = field("The version of this file layout.")
    id: str = field("The tree's id, used to pick it and to name its saved sessions.", text=LINE)
    version: str = field("The semantic version of the content: MAJOR.MINOR.PATCH.", text=LINE)
    title: str = field("The tree's title, shown on every screen.", text=LINE)
    description: str | None = field("Shown before the first question.", text=MARKDOWN, default=None)
    language: str | None = field("The language of the text, as a tag such as `en`.", text=LINE, default=None)
    facts: Mapping[str, Fact] = field("What a walk keeps track of, by name.", since=2, default=dict)
    start: str = field("The id of the first node.", ref=True)
    # Ids are one-line texts. The fast road's trees hold the nodes as a read-only mapping that
    # builds each node from the file the first time it is asked for (quiz.load.fast).
    nodes: Mapping[str, Node] = field(
        "Every node, by id. A node may be reached from several others.", text=LINE, schema={"minProperties": 1}
    )
    scenarios: tuple[Scenario, ...] = field("The author's tests: answers and the outcome they must reach.", default=())
