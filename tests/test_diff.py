"""quiz diff's comparison of answer sequences, held against replaying each sequence one by one."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.author.diff import LISTED, Bump, diff
from quiz.author.sequences import LOOPS
from quiz.errors import UnfinishedTree
from quiz.format.model import Info, Outcome, Tree
from quiz.play.session import Session
from tests.conftest import REPO
from tests.strategies import valid_trees
from tests.walk_trees import format2_trees


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


@st.composite
def format2_versions(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A format-2 tree and a version of it: choices re-routed (as loops, so the graph stays sound), their
    conditions and effects dropped or swapped, relabelled or removed, routes reordered."""
    old = draw(format2_trees(max_nodes=7))
    new = copy.deepcopy(old)
    ids = list(new["nodes"])
    whens = [c["when"] for n in new["nodes"].values() for c in n.get("choices", ()) if "when" in c]
    for node in new["nodes"].values():
        for choice in node.get("choices", ()):
            change = draw(st.sampled_from(["keep", "keep", "keep", "reroute", "relabel", "when", "effects"]))
            if change == "reroute":
                choice.update(next=draw(st.sampled_from(ids)), loop=True)
            elif change == "relabel":
                choice["label"] += " (new)"
            elif change == "when":
                choice.pop("when", None)
                if whens and draw(st.booleans()):
                    choice["when"] = draw(st.sampled_from(whens))
            elif change == "effects":
                choice.pop("set", None)
                choice.pop("add", None)
        if node["kind"] == "question" and len(node["choices"]) > 1 and draw(st.booleans()):
            node["choices"].pop(draw(st.integers(0, len(node["choices"]) - 1)))
        if node["kind"] == "route" and draw(st.booleans()):
            node["routes"].reverse()
    return old, new


class TooMany(Exception):
    pass


def format2_sequences(tree: Tree, limit: int = 5_000):
    """Every answer sequence to an outcome, replayed by the session one at a time, depth first: offered
    choices in order, each number of the range upwards, a loop choice taken at most LOOPS times in all."""
    stack: list[tuple[Session, int]] = [(Session.start(tree), 0)]
    found = 0
    while stack:
        session, loops = stack.pop()
        while session.node.kind == "info":
            session = session.proceed()
        if session.finished:
            found += 1
            if found > limit:
                raise TooMany
            yield session.answers, session.current
            continue
        if session.node.kind == "number":
            low, high = session.number_range()
            below = [(session.answer(n), loops) for n in range(low, high + 1)]
        else:
            below = [(session.answer(c.label), loops + c.loop) for c in session.choices() if loops + c.loop <= LOOPS]
        stack.extend(reversed(below))


def format2_ending(tree: Tree, answers: tuple[str | int, ...]) -> str | None:
    """The outcome the session reaches with exactly these answers, or None (an answer does not fit, or it stops)."""
    try:
        session, used = Session.start(tree).follow(answers)
        while session.node.kind == "info":
            session = session.proceed()
    except UnfinishedTree:
        return None
    return session.current if used == len(answers) and session.finished else None


def _sound(doc: dict[str, Any]) -> Tree | None:
    """The tree, if its facts, conditions and graph are sound (its walks may still go wrong)."""
    loaded = load_bytes(json.dumps(doc).encode())
    bad = {"Q301", "Q302", "Q303", "Q304", "Q305"}
    if loaded.tree is None or any(f.code[:2] == "Q2" or f.code in bad for f in loaded.findings):
        return None
    return loaded.tree


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(format2_versions())
def test_format_2_diff_agrees_with_the_session_replaying_every_sequence(docs) -> None:
    old_doc, new_doc = docs
    assume(load_bytes(json.dumps(old_doc).encode()).ok)
    old, new = _sound(old_doc), _sound(new_doc)
    assert old is not None
    assume(new is not None)
    assert new is not None
    try:
        expected = [(answers, before, format2_ending(new, answers)) for answers, before in format2_sequences(old)]
    except TooMany:
        assume(False)
    result = diff(old, new)
    elsewhere = [(a, b, after) for a, b, after in expected if after != b]
    assert result.all_paths and result.paths_checked == len(expected)
    assert result.paths_elsewhere == len(elsewhere)
    assert [(r.answers, r.before) for r in result.paths] == [(a, b) for a, b, _ in elsewhere[:LISTED]]
    for r, (_, _, after) in zip(result.paths, elsewhere, strict=False):
        assert r.after == after if after is not None else r.after not in new.nodes


def _breakup(edit: Callable[[dict[str, Any]], None] | None = None) -> Tree:
    doc = json.loads((REPO / "tests" / "trees" / "breakup.json").read_text())
    if edit is not None:
        edit(doc)
    loaded = load_bytes(json.dumps(doc).encode())
    # A scenario the new version breaks is part of what diff reports.
    assert loaded.tree is not None and all(f.path[0] == "scenarios" for f in loaded.findings), loaded.findings
    return loaded.tree


def test_a_format_2_tree_is_compared_by_its_walks_with_facts_and_numbers() -> None:
    tree = _breakup()
    same = diff(tree, tree)
    assert same.all_paths and same.paths_elsewhere == 0 and same.required is Bump.NONE
    assert same.loops and same.as_dict()["loops_at_most"] == LOOPS
    # Every number from 0 to 520 is a sequence of its own.
    assert type(same.paths_checked) is int and same.paths_checked > 521
    assert f"all {same.paths_checked:,} (going round loops at most {LOOPS} times); ending elsewhere: 0" in same.text()

    def later(doc: dict[str, Any]) -> None:
        doc["nodes"]["which"]["routes"][0]["when"] = "weeks < 3"

    moved = diff(tree, _breakup(later))
    assert moved.required is Bump.MAJOR and "re-routed route 'which'" in moved.text()
    # Only those who give 2 weeks are sent elsewhere now: to the cool-off page and its question.
    assert moved.paths_elsewhere > 0 and {r.answers[2] for r in moved.paths} == {2}
    assert {r.before for r in moved.paths} <= {"talk", "fresh-start"}


def test_a_format_2_answer_no_longer_offered_or_a_walk_that_stops_is_named() -> None:
    def guarded(doc: dict[str, Any]) -> None:
        doc["nodes"]["why"]["choices"][0]["when"] = "ended_by == 'him'"

    result = diff(_breakup(), _breakup(guarded))
    text = result.text()
    assert "changed where choice 'He was unfaithful' of 'why' is offered" in text
    assert result.paths and all(r.answers[:2] == ("I did", "He was unfaithful") for r in result.paths)
    assert all(r.after == "answer 2 ('He was unfaithful') no longer fits at 'why'" for r in result.paths)
    assert "I did › He was unfaithful › 0 › Yes: 'talk' → answer 2 ('He was unfaithful') no longer fits" in text
    assert "scenario 'unfaithful' now ends elsewhere: 'talk' → answer 2 ('He was unfaithful') no longer fits" in text
    assert result.as_dict()["paths_elsewhere"] == result.paths_elsewhere


def test_a_range_of_a_billion_numbers_stops_the_comparison_within_its_budget() -> None:
    def wide(doc: dict[str, Any]) -> None:
        doc["facts"]["weeks"]["max"] = 10**9

    tree = _breakup(wide)
    result = diff(tree, tree)
    assert not result.all_paths and result.paths_checked < 10**6 and result.states <= result.budget
    assert "not all" in result.text()
