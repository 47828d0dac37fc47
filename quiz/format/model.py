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
KEY, TEXT, REF, SINCE, DOC, SCHEMA = "key", "text", "ref", "since", "doc", "schema"
LINE: Literal["line"] = "line"
MARKDOWN: Literal["markdown"] = "markdown"


def field(
    doc: str,
    *,
    key: str | None = None,
    text: Literal["line", "markdown"] | None = None,
    ref: bool = False,
    since: int = 1,
    schema: dict[str, Any] | None = None,
    default: Any = attrs.NOTHING,
) -> Any:
    """A field of the format: `doc` is its one-sentence meaning, shown in the schema and by editors.

    For a mapping, `text` says what its keys are. `schema` adds JSON Schema keywords the
    types alone do not give.
    """
    metadata = {KEY: key, TEXT: text, REF: ref, SINCE: since, DOC: doc, SCHEMA: schema or {}}
    return attrs.field(default=default, metadata=metadata)


@attrs.frozen
class Choice:
    """One answer to a question, and where it leads."""

    label: str = field("What the reader picks, and what scenarios answer.", text=LINE)
    next: str = field("The id of the node this answer leads to.", ref=True)


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
class Outcome:
    """Where a walk ends: the advice."""

    kind: Literal["outcome"] = field("What sort of node this is.", default="outcome")
    title: str = field("A heading the reader remembers.", text=LINE)
    text: str = field("The advice; lists of concrete steps read best.", text=MARKDOWN)


Node = Question | Info | Outcome
NODE_KINDS: dict[str, type[Node]] = {"question": Question, "info": Info, "outcome": Outcome}


@attrs.frozen(kw_only=True)
class Scenario:
    """The author's own test: answers from `start`, and the outcome they must reach."""

    name: str = field("What the scenario is about; named in findings when it fails.", text=LINE)
    answers: tuple[str, ...] = field("Choice labels, one for each question on the walk; pages need none.")
    outcome: str = field("The outcome the answers must reach.", ref=True)


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
    start: str = field("The id of the first node.", ref=True)
    # Ids are one-line texts. The fast road's trees hold the nodes as a read-only mapping that
    # builds each node from the file the first time it is asked for (quiz.load.fast).
    nodes: Mapping[str, Node] = field(
        "Every node, by id. A node may be reached from several others.", text=LINE, schema={"minProperties": 1}
    )
    scenarios: tuple[Scenario, ...] = field(
        "The author's tests: answers, by label, and the outcome they must reach.", default=()
    )
