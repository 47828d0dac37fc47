"""A format-2 document read into plain values for the brute-force reference, refusing what it cannot judge.

The reference assumes a tree that fits the format, types and has a sound graph. Rather than guess
what a broken one means, reading it raises ValueError saying what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tests.reference_language import KEYWORDS, NAME, Condition, Fact, Value, compile_condition

__all__ = ["Choice", "Route", "Tree", "read_tree"]


@dataclass(frozen=True)
class Choice:
    label: str
    next: str
    when: Condition | None
    set: tuple[tuple[str, Value], ...]
    add: tuple[tuple[str, int], ...]
    loop: bool


@dataclass(frozen=True)
class Route:
    when: Condition | None
    next: str


@dataclass(frozen=True)
class Tree:
    """What a walk needs of a node: its kind, and its choices, routes, fact or next."""

    start: str
    facts: Mapping[str, Fact]
    initial: Mapping[str, Value]
    kinds: Mapping[str, str]
    choices: Mapping[str, tuple[Choice, ...]]
    routes: Mapping[str, tuple[Route, ...]]
    number_fact: Mapping[str, str]
    next: Mapping[str, str]


_TOP = {
    "$schema",
    "format",
    "id",
    "version",
    "title",
    "description",
    "language",
    "start",
    "nodes",
    "facts",
    "scenarios",
}
_NODE_KEYS = {
    "question": ({"kind", "text", "choices"}, {"help"}),
    "info": ({"kind", "text", "next"}, {"title"}),
    "route": ({"kind", "routes"}, set()),
    "number": ({"kind", "text", "fact", "next"}, {"help"}),
    "outcome": ({"kind", "title", "text"}, set()),
}


def _keys(obj: Any, required: set[str], optional: set[str], where: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: not an object")
    if missing := required - obj.keys():
        raise ValueError(f"{where}: missing {sorted(missing)}")
    if unknown := obj.keys() - required - optional:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    return obj


def _is_int(x: object) -> bool:
    # JSON true is a Python int too; a whole number here means a real int.
    return isinstance(x, int) and not isinstance(x, bool)


def _read_fact(name: str, decl: Any) -> tuple[Fact, Value | None]:
    where = f"fact {name!r}"
    if not NAME.fullmatch(name) or name in KEYWORDS:
        raise ValueError(f"{where}: not a fact name")
    kind = decl.get("type") if isinstance(decl, dict) else None
    if kind == "bool":
        _keys(decl, {"type"}, {"initial"}, where)
        fact = Fact("bool", (False, True))
    elif kind == "enum":
        _keys(decl, {"type", "values"}, {"initial"}, where)
        values = decl["values"]
        if not (isinstance(values, list) and values and all(isinstance(v, str) for v in values)):
            raise ValueError(f"{where}: values must be a non-empty list of texts")
        if len(set(values)) != len(values):
            raise ValueError(f"{where}: values repeat")
        fact = Fact("enum", tuple(values))
    elif kind == "int":
        _keys(decl, {"type", "min", "max"}, {"initial"}, where)
        low, high = decl["min"], decl["max"]
        if not (_is_int(low) and _is_int(high) and low <= high):
            raise ValueError(f"{where}: min and max must be whole numbers, min <= max")
        fact = Fact("int", tuple(range(low, high + 1)))
    else:
        raise ValueError(f"{where}: unknown type")
    initial = decl.get("initial")
    if "initial" in decl:
        _value_of(fact, initial, where + " initial")
    return fact, initial


def _value_of(fact: Fact, value: Any, where: str) -> Value:
    """A value for the fact, of its type and (for an int) in its range."""
    ok = (
        isinstance(value, bool)
        if fact.type == "bool"
        else (_is_int(value) if fact.type == "int" else isinstance(value, str))
    )
    if not ok or value not in fact.values:
        raise ValueError(f"{where}: {value!r} is not a value of the fact")
    return value  # type: ignore[no-any-return]


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{where}: {value!r} is not a text")
    return value


def _when(obj: dict[str, Any], facts: Mapping[str, Fact]) -> Condition | None:
    return compile_condition(obj["when"], facts) if "when" in obj else None


def _read_choice(raw: Any, facts: Mapping[str, Fact], where: str) -> Choice:
    obj = _keys(raw, {"label", "next"}, {"when", "set", "add", "loop"}, where)
    sets, adds = obj.get("set", {}), obj.get("add", {})
    if not (isinstance(sets, dict) and isinstance(adds, dict)):
        raise ValueError(f"{where}: set and add are objects")
    for name in [*sets, *adds]:
        if name not in facts:
            raise ValueError(f"{where}: unknown fact {name!r}")
    for name, amount in adds.items():
        if facts[name].type != "int" or not _is_int(amount):
            raise ValueError(f"{where}: add {name!r} needs an int fact and a whole number")
    loop = obj.get("loop", False)
    if not (isinstance(obj["label"], str) and isinstance(obj["next"], str) and isinstance(loop, bool)):
        raise ValueError(f"{where}: label and next are texts, loop true or false")
    return Choice(
        label=obj["label"],
        next=obj["next"],
        when=_when(obj, facts),
        set=tuple((name, _value_of(facts[name], v, f"{where} set {name!r}")) for name, v in sets.items()),
        add=tuple(adds.items()),
        loop=loop,
    )


def _graph(tree: Tree) -> None:
    """Every next names a node, every node is reached from start, and no cycle avoids a loop choice."""
    edges: dict[str, list[tuple[str, bool]]] = {n: [] for n in tree.kinds}
    for n in tree.kinds:
        edges[n] += [(c.next, c.loop) for c in tree.choices.get(n, ())]
        edges[n] += [(r.next, False) for r in tree.routes.get(n, ())]
        edges[n] += [(tree.next[n], False)] if n in tree.next else []
    for n, outs in edges.items():
        for target, _ in outs:
            if target not in tree.kinds:
                raise ValueError(f"node {n!r}: no node {target!r}")
    if tree.start not in tree.kinds:
        raise ValueError(f"no start node {tree.start!r}")
    seen, todo = {tree.start}, [tree.start]
    while todo:
        for target, _ in edges[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    if unreached := tree.kinds.keys() - seen:
        raise ValueError(f"unreachable nodes {sorted(unreached)}")
    # Depth-first colouring over the edges that are not loop choices: grey means on the current path.
    colour: dict[str, str] = {}

    def visit(n: str) -> None:
        colour[n] = "grey"
        for target, loop in edges[n]:
            if loop:
                continue
            if colour.get(target) == "grey":
                raise ValueError(f"cycle through {target!r} without a loop choice")
            if target not in colour:
                visit(target)
        colour[n] = "black"

    for n in tree.kinds:
        if n not in colour:
            visit(n)


def read_tree(doc: Any) -> Tree:
    top = _keys(doc, {"format", "start", "nodes"}, _TOP, "document")
    if top["format"] != 2 or isinstance(top["format"], bool):
        raise ValueError("not a format-2 document")
    facts_raw = top.get("facts", {})
    if not isinstance(facts_raw, dict):
        raise ValueError("facts: not an object")
    facts: dict[str, Fact] = {}
    initial: dict[str, Value] = {}
    for name, decl in facts_raw.items():
        facts[name], init = _read_fact(name, decl)
        if init is not None:
            initial[name] = init
    nodes = top["nodes"]
    if not (isinstance(nodes, dict) and nodes):
        raise ValueError("nodes: not a non-empty object")
    kinds: dict[str, str] = {}
    choices: dict[str, tuple[Choice, ...]] = {}
    routes: dict[str, tuple[Route, ...]] = {}
    number_fact: dict[str, str] = {}
    nexts: dict[str, str] = {}
    for node_id, raw in nodes.items():
        where = f"node {node_id!r}"
        kind = raw.get("kind") if isinstance(raw, dict) else None
        if kind not in _NODE_KEYS:
            raise ValueError(f"{where}: unknown kind")
        obj = _keys(raw, *_NODE_KEYS[kind], where)
        kinds[node_id] = kind
        if kind == "question":
            if not (isinstance(obj["choices"], list) and obj["choices"]):
                raise ValueError(f"{where}: a question needs choices")
            choices[node_id] = tuple(
                _read_choice(c, facts, f"{where} choice {i}") for i, c in enumerate(obj["choices"])
            )
        elif kind == "route":
            if not (isinstance(obj["routes"], list) and obj["routes"]):
                raise ValueError(f"{where}: a route node needs routes")
            read = [_keys(r, {"next"}, {"when"}, f"{where} route {i}") for i, r in enumerate(obj["routes"])]
            routes[node_id] = tuple(Route(_when(r, facts), _text(r["next"], where)) for r in read)
        elif kind == "number":
            fact = _text(obj["fact"], where)
            if fact not in facts or facts[fact].type != "int":
                raise ValueError(f"{where}: a number node needs an int fact")
            number_fact[node_id] = fact
        if kind in ("info", "number"):
            nexts[node_id] = _text(obj["next"], where)
    tree = Tree(_text(top["start"], "start"), facts, initial, kinds, choices, routes, number_fact, nexts)
    _graph(tree)
    return tree
