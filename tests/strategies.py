"""Hypothesis strategies: random valid trees as JSON documents, and ways to break them."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

# Text a reader might write, markup-like brackets and all, but no control characters.
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
    min_size=1,
    max_size=20,
).filter(str.strip)
IDS = st.text(alphabet="abcdefghij-_.0123456789 '\"[]", min_size=1, max_size=6).filter(str.strip)


@st.composite
def valid_trees(draw: st.DrawFn, max_nodes: int = 25) -> dict[str, Any]:
    """A tree that checks clean: a DAG in index order, every node reachable, shared nodes, info pages.

    Node 0 is the start; every edge goes from a lower index to a higher one, so there is
    no loop; each node after 0 is first given a parent before it, so all are reachable;
    extra choices then point at later nodes, so nodes are shared.
    """
    n = draw(st.integers(2, max_nodes))
    ids = draw(st.lists(IDS, min_size=n, max_size=n, unique=True))
    kinds = ["question"] + [draw(st.sampled_from(["question", "question", "info", "outcome"])) for _ in range(n - 2)]
    kinds.append("outcome")
    nexts: list[list[int]] = [[] for _ in range(n)]
    for j in range(1, n):
        parents = [i for i in range(j) if kinds[i] == "question" or (kinds[i] == "info" and not nexts[i])]
        if not parents:
            kinds[j - 1] = "question"  # an outcome with no way on cannot be anyone's parent
            parents = [j - 1]
        nexts[draw(st.sampled_from(parents))].append(j)
    for i in range(n - 1):
        if kinds[i] == "outcome":
            continue
        later = st.integers(i + 1, n - 1)
        if kinds[i] == "info" and not nexts[i]:
            nexts[i].append(draw(later))
        while kinds[i] == "question" and len(nexts[i]) < 2:
            nexts[i].append(draw(later))
        if kinds[i] == "question":
            nexts[i].extend(draw(st.lists(later, max_size=2)))
    nodes: dict[str, Any] = {}
    for i, kind in enumerate(kinds):
        if kind == "question":
            node = {"kind": kind, "text": draw(TEXT)}
            if draw(st.booleans()):
                node["help"] = draw(TEXT)
            node["choices"] = [{"label": f"{draw(TEXT)} #{k}", "next": ids[t]} for k, t in enumerate(nexts[i])]
        elif kind == "info":
            node = {"kind": kind, "text": draw(TEXT), "next": ids[nexts[i][0]]}
            if draw(st.booleans()):
                node["title"] = draw(TEXT)
        else:
            node = {"kind": kind, "title": draw(TEXT), "text": draw(TEXT)}
        nodes[ids[i]] = node
    doc = {
        "format": 1,
        "id": draw(IDS),
        "version": "1.0.0",
        "title": draw(TEXT),
        "start": ids[0],
        "nodes": nodes,
    }
    doc["scenarios"] = [_walk(doc, draw, f"walk {k}") for k in range(draw(st.integers(0, 3)))]
    return doc


def _walk(doc: dict, draw: st.DrawFn, name: str) -> dict:
    """A scenario that follows random choices from start to an outcome."""
    node_id, answers = doc["start"], []
    while (node := doc["nodes"][node_id])["kind"] != "outcome":
        if node["kind"] == "info":
            node_id = node["next"]
            continue
        choice = draw(st.sampled_from(node["choices"]))
        answers.append(choice["label"])
        node_id = choice["next"]
    return {"name": name, "answers": answers, "outcome": node_id}


def questions(doc: dict) -> list[str]:
    return [k for k, v in doc["nodes"].items() if v["kind"] == "question"]


def fresh_id(doc: dict, stem: str) -> str:
    node_id = stem
    while node_id in doc["nodes"]:
        node_id += "'"
    return node_id


def break_tree(doc: dict, how: str, draw: st.DrawFn) -> dict:
    """The tree broken in one way, which the checker must report under exactly one code."""
    doc = copy.deepcopy(doc)
    nodes = doc["nodes"]
    question = nodes[draw(st.sampled_from(questions(doc)))]
    label = f"added {len(question['choices'])}"
    if how == "dangling":
        question["choices"].append({"label": label, "next": fresh_id(doc, "missing")})
    elif how == "cycle":
        question["choices"].append({"label": label, "next": doc["start"]})
    elif how == "orphan":
        nodes[fresh_id(doc, "orphan")] = {"kind": "outcome", "title": "Lost", "text": "Nobody comes here."}
    elif how == "empty-choices":
        empty = fresh_id(doc, "empty")
        nodes[empty] = {"kind": "question", "text": "Which way?", "choices": []}
        question["choices"].append({"label": label, "next": empty})
    elif how == "duplicate-label":
        question["choices"].append(dict(question["choices"][0]))
    return doc


BREAKS = {
    "dangling": "Q302",
    "cycle": "Q304",
    "orphan": "Q303",
    "empty-choices": "Q305",
    "duplicate-label": "Q306",
}

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def slots(value: Any):
    """Every (container, key) in a JSON value, so any one value can be replaced."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield value, key
        yield from slots(child)


@st.composite
def damaged_trees(draw: st.DrawFn) -> dict[str, Any]:
    """A valid tree with one value somewhere replaced by arbitrary JSON."""
    doc = draw(valid_trees(max_nodes=6))
    container, key = draw(st.sampled_from(list(slots(doc))))
    container[key] = draw(JSON_VALUES)
    return doc


def dumps(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")
