"""The rules of a question: at least one choice (two, to be a choice), and labels a reader can tell apart."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from quiz.check.graph import Search, route
from quiz.findings import Finding
from quiz.format.model import Question, Tree
from quiz.text import quote


def question_findings(tree: Tree, searched: Callable[[], Search]) -> Iterator[Finding]:
    for node_id, node in tree.nodes.items():
        if node.kind != "question":
            continue
        if not node.choices:
            parent = searched().parent
            yield Finding(
                "Q305",
                f"question {quote(node_id)} has no choices, so a walk that reaches it cannot go on",
                path=("nodes", node_id, "choices"),
                node=node_id,
                hint='add choices: [{"label": "...", "next": "..."}], or make it an outcome',
                witness=route(parent, node_id) if node_id in parent else (),
            )
        elif len(node.choices) == 1:
            yield Finding(
                "Q502",
                f"question {quote(node_id)} has only one choice",
                path=("nodes", node_id, "choices"),
                node=node_id,
                hint='a page with one way on is an info node: "kind": "info" with "next"',
            )
        seen: dict[str, int] = {}
        for i, choice in enumerate(node.choices):
            key = label_key(choice.label)
            if key in seen:
                yield Finding(
                    "Q306",
                    f"question {quote(node_id)}: choices {seen[key] + 1} and {i + 1}"
                    f" share the label {quote(choice.label)}",
                    path=("nodes", node_id, "choices", i, "label"),
                    node=node_id,
                    hint="give each choice a label of its own; a reader could not tell them apart",
                )
            else:
                seen[key] = i


def label_key(label: str) -> str:
    """Labels a reader could not tell apart have the same key."""
    return " ".join(label.split()).casefold()


def questions_sound(questions: Sequence[Question], labels: list[str]) -> bool:
    """The quick proof: two or more choices each, and labels a reader can tell apart.

    `labels` are the questions' labels in order, each written plainly (checked before): then
    casefolding is all that makes labels compare as a reader sees them, done to all at once.
    """
    counts = [len(q.choices) for q in questions]
    if min(counts, default=2) < 2:
        return False
    keys = "\x00".join(labels).casefold().split("\x00")
    at = 0
    for count in counts:
        if len(set(keys[at : at + count])) != count:
            return False
        at += count
    return True
