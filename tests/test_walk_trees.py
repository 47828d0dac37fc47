"""The format-2 tree strategy draws what it promises, and random walks replayed on its trees agree with
the reference's verdict on them."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.reference import Replayed, analyse, replay
from tests.reference_language import Fact, compile_condition
from tests.walk_conditions import Facts, condition, facts
from tests.walk_trees import format2_trees


def _fact(decl: dict[str, Any]) -> Fact:
    if decl["type"] == "bool":
        return Fact("bool", (False, True))
    if decl["type"] == "enum":
        return Fact("enum", tuple(decl["values"]))
    return Fact("int", tuple(range(decl["min"], decl["max"] + 1)))


@given(st.data())
def test_conditions_parse_and_type(data: st.DataObject) -> None:
    known: Facts = data.draw(facts())
    text = data.draw(condition(known))
    assert text.strip() == text and "\n" not in text
    compile_condition(text, {name: _fact(decl) for name, decl in known.items()})


@given(format2_trees())
def test_trees_fit_the_promised_shape(doc: dict[str, Any]) -> None:
    assert json.loads(json.dumps(doc)) == doc
    assert doc["format"] == 2 and doc["start"] in doc["nodes"]
    assert any(node["kind"] == "outcome" for node in doc["nodes"].values())
    for node in doc["nodes"].values():
        texts = [node.get("text", "x"), node.get("title", "x")]
        assert all(t.strip() and "\n" not in t for t in texts)
        if node["kind"] == "question":
            labels = [c["label"] for c in node["choices"]]
            assert labels and len(set(labels)) == len(labels)
    verdict = analyse(doc)  # the reference refuses any tree that does not fit or has an unsound graph
    assert verdict.states == sum(len(states) for states in verdict.reached.values())
    assert set(verdict.problem_states) <= verdict.findings


def _walk(doc: dict[str, Any], data: st.DataObject) -> Replayed:
    """A random walk, one answer at a time: any label of the question (offered or not), or a number
    from one below the fact's range to one above it."""
    answers: list[str | int] = []
    while (r := replay(doc, answers)).status == "waiting" and len(answers) < 25:
        node = doc["nodes"][r.node]
        if node["kind"] == "question":
            answers.append(data.draw(st.sampled_from([c["label"] for c in node["choices"]])))
        else:
            decl = doc["facts"][node["fact"]]
            answers.append(data.draw(st.integers(decl["min"] - 1, decl["max"] + 1)))
    return r


@given(format2_trees(), st.data())
def test_walks_stay_in_the_reachable_states(doc: dict[str, Any], data: st.DataObject) -> None:
    verdict = analyse(doc)
    r = _walk(doc, data)
    for node, state in r.path:
        assert state in verdict.reached[node]
    if r.status == "outcome":
        assert doc["nodes"][r.node]["kind"] == "outcome"
    elif r.status in ("Q309", "Q310", "Q311"):
        assert r.state in verdict.problem_states[(r.status, r.node)]
    # From a trap no walk ends, so a walk that entered one is still going.
    entered = any(state in verdict.traps[node] for node, state in r.path)
    assert not entered or r.status in ("waiting", "bad-answer")
