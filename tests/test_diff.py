"""quiz diff's comparison of answer sequences, held against replaying each sequence one by one."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.author.diff import LISTED, diff
from quiz.format.model import Info, Outcome, Tree
from quiz.play.session import Session
from tests.strategies import valid_trees


def sequences(tree: Tree):
    """Every answer sequence from start to an outcome, depth first, in the order of the choices."""
    stack: list[tuple[str, tuple[str, ...]]] = [(tree.start, ())]
    while stack:
        node_id, answers = stack.pop()
        node = tree.nodes[node_id]
        if isinstance(node, Outcome):
            yield answers, node_id
        elif isinstance(node, Info):
            stack.append((node.next, answers))
        else:
            stack.extend((c.next, (*answers, c.label)) for c in reversed(node.choices))


def ending(tree: Tree, answers: tuple[str, ...]) -> str:
    session, used = Session.start(tree).follow(answers)
    while isinstance(session.node, Info):
        session = session.proceed()
    if used < len(answers):
        return f"answer {used + 1} ({answers[used]!r}) no longer fits at {session.current!r}"
    return session.current if session.finished else f"question {session.current!r}, unanswered"


@st.composite
def versions(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    old = draw(valid_trees(max_nodes=12))
    new = copy.deepcopy(old)
    ids = list(new["nodes"])
    for index, node_id in enumerate(ids):
        node = new["nodes"][node_id]
        if node["kind"] != "question":
            continue
        for choice in node["choices"]:
            change = draw(st.sampled_from(["keep", "keep", "reroute", "relabel"]))
            if change == "reroute":
                choice["next"] = draw(st.sampled_from(ids[index + 1 :]))  # later nodes: still no loop
            elif change == "relabel":
                choice["label"] += " (new)"
        if len(node["choices"]) > 1 and draw(st.booleans()):
            node["choices"].pop(draw(st.integers(0, len(node["choices"]) - 1)))
    return old, new


@given(versions())
def test_diff_agrees_with_replaying_every_sequence(docs: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = (load_bytes(json.dumps(doc).encode()).tree for doc in docs)
    assert old is not None and new is not None
    result = diff(old, new)
    expected = [(answers, before, ending(new, answers)) for answers, before in sequences(old)]
    elsewhere = [(a, b, after) for a, b, after in expected if after != b]
    assert result.all_paths and result.paths_checked == len(expected)
    assert result.paths_elsewhere == len(elsewhere)
    assert [(r.answers, r.before, r.after) for r in result.paths] == elsewhere[:LISTED]


def test_max_paths_stops_the_comparison_and_says_so() -> None:
    nodes: dict[str, Any] = {}
    for i in range(1, 2**10):  # a binary tree: no node shared, so each sequence is a pair of places of its own
        nodes[f"n{i}"] = {
            "kind": "question",
            "text": "Q",
            "choices": [{"label": "a", "next": f"n{2 * i}"}, {"label": "b", "next": f"n{2 * i + 1}"}],
        }
    nodes |= {f"n{i}": {"kind": "outcome", "title": "End", "text": "x"} for i in range(2**10, 2**11)}
    doc = {"format": 1, "id": "t", "version": "1.0.0", "title": "T", "start": "n1", "nodes": nodes}
    tree = load_bytes(json.dumps(doc).encode()).tree
    assert tree is not None
    assert diff(tree, tree).paths_checked == 2**10
    stopped = diff(tree, tree, max_paths=100)
    assert not stopped.all_paths and 100 <= stopped.paths_checked < 2**10
    assert "not all" in stopped.text()


def test_trees_whose_walks_depend_on_facts_are_not_compared_and_it_says_so() -> None:
    doc = {
        "format": 2,
        "id": "f",
        "version": "1.0.0",
        "title": "F",
        "start": "who",
        "facts": {"weeks": {"type": "int", "min": 0, "max": 9}},
        "nodes": {
            "who": {"kind": "number", "text": "How many weeks?", "fact": "weeks", "next": "when"},
            "when": {"kind": "route", "routes": [{"when": "weeks < 1", "next": "a"}, {"next": "b"}]},
            "a": {"kind": "outcome", "title": "A", "text": "x"},
            "b": {"kind": "outcome", "title": "B", "text": "y"},
        },
    }
    tree = load_bytes(json.dumps(doc).encode()).tree
    assert tree is not None
    result = diff(tree, tree)
    assert not result.compared and not result.all_paths and result.states == 0
    assert "not compared" in result.text() and result.as_dict()["compared"] is False
