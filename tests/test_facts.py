"""Facts and conditions: each misuse is found, by the fast road as by the exact one, under its code."""

from __future__ import annotations

import json
from typing import Any

import pytest

from quiz import load_bytes
from quiz.check import symbolic
from quiz.pipeline import load_exactly

FACTS = {
    "who": {"type": "enum", "values": ["me", "him"], "initial": "him"},
    "weeks": {"type": "int", "min": 0, "max": 9},
    "ok": {"type": "bool", "initial": False},
}


def tree(choice: dict[str, Any] | None = None, facts: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    first = {"label": "Go", "next": "n", "set": {"who": "me", "ok": True}}
    other = {"label": "Other", "next": "n", **(choice or {})}
    return {
        "format": 2,
        "id": "t",
        "version": "1.0.0",
        "title": "T",
        "facts": FACTS if facts is None else facts,
        "start": "q",
        "nodes": {
            "q": {
                "kind": "question",
                "text": "?",
                "choices": [first, other],
            },
            "n": {"kind": "number", "text": "How many?", "fact": "weeks", "next": "end"},
            "end": {"kind": "outcome", "title": "End", "text": "Done."},
        },
        **extra,
    }


CASES = [
    ("Q207", tree(facts={**FACTS, "Bad": {"type": "bool"}})),
    ("Q207", tree(facts={**FACTS, "e": {"type": "enum", "values": ["a", "a"]}})),
    ("Q207", tree(facts={**FACTS, "n": {"type": "int", "min": 3, "max": 1}})),
    ("Q207", tree(facts={**FACTS, "n": {"type": "int", "min": 0, "max": 1, "initial": 5}})),
    ("Q208", tree({"when": "who == 'me' and"})),
    ("Q208", tree({"when": "weeks < 1 < 2"})),
    ("Q209", tree({"when": "Weeks < 3"})),
    ("Q209", tree({"set": {"nope": True}})),
    ("Q209", tree({"add": {"nope": 1}})),
    ("Q210", tree({"when": "who == 'her'"})),
    ("Q210", tree({"when": "weeks == 'three'"})),
    ("Q210", tree({"when": "weeks"})),
    ("Q210", tree({"when": "weeks < ok"})),
    ("Q210", tree({"set": {"ok": 1}})),
    ("Q210", tree({"set": {"weeks": 12}})),
    ("Q210", tree({"add": {"ok": 1}})),
    ("Q210", tree(scenarios=[{"name": "s", "answers": ["Go", 1], "outcome": "end", "facts": {"who": "her"}}])),
]


@pytest.mark.parametrize(("code", "doc"), CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)])
def test_each_misuse_of_a_fact_is_found_alike_by_both_roads(code: str, doc: dict[str, Any]) -> None:
    raw = json.dumps(doc, indent=1).encode()
    loaded = load_bytes(raw, "t.json")
    assert code in {f.code for f in loaded.findings}, [f.message for f in loaded.findings]
    assert loaded == load_exactly(raw, "t.json")


def test_a_number_node_must_ask_an_int_fact() -> None:
    doc = tree()
    doc["nodes"]["n"]["fact"] = "who"
    found = {f.code for f in load_bytes(json.dumps(doc).encode()).findings}
    assert "Q210" in found


def test_a_condition_error_points_at_its_column_in_the_file() -> None:
    raw = json.dumps(tree({"when": "weeks < 3 and and"})).encode()
    (finding,) = [f for f in load_bytes(raw).findings if f.code == "Q208"]
    at = raw.decode().index("weeks < 3 and and")
    line_start = raw.decode().rfind("\n", 0, at) + 1
    assert finding.column == at - line_start + 1 + len("weeks < 3 and ")


def test_a_good_tree_with_facts_checks_clean() -> None:
    doc = tree({"when": "not ok and who in ['him']"})
    doc["scenarios"] = [{"name": "other", "answers": ["Other", 9], "outcome": "end", "facts": {"weeks": 9}}]
    assert load_bytes(json.dumps(doc).encode()).findings == ()


def _paired(pairs: int) -> dict[str, Any]:
    """Questions that set each pair of facts alike, then routes that hold only if the pairs agree: the quick
    proof, a fact at a time, cannot tell that some route always holds, so the exact proof must."""
    nodes: dict[str, Any] = {}
    for p in range(pairs):
        after = f"set{p + 1}" if p + 1 < pairs else "r0"
        nodes[f"set{p}"] = {
            "kind": "question",
            "text": f"Question {p}?",
            "choices": [
                {"label": "Yes", "set": {f"x{p}": True, f"y{p}": True}, "next": after},
                {"label": "No", "set": {f"x{p}": False, f"y{p}": False}, "next": after},
            ],
        }
    for p in range(pairs):
        after = f"r{p + 1}" if p + 1 < pairs else "end"
        nodes[f"r{p}"] = {
            "kind": "route",
            "routes": [{"when": f"x{p} and y{p}", "next": after}, {"when": f"not x{p} and not y{p}", "next": after}],
        }
    nodes["end"] = {"kind": "outcome", "title": "End", "text": "Done."}
    facts = {f"{side}{p}": {"type": "bool"} for p in range(pairs) for side in "xy"}
    return {"format": 2, "id": "t", "version": "1.0.0", "title": "T", "facts": facts, "start": "set0", "nodes": nodes}


def test_a_proof_whose_diagrams_outgrow_their_bound_is_not_a_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.dumps(_paired(6)).encode()
    assert load_bytes(raw, "t.json").findings == ()  # the exact proof settles it within its bounds
    monkeypatch.setattr(symbolic, "NODES", 10)
    assert [f.code for f in load_bytes(raw, "t.json").findings] == ["Q313"]
