"""Hypothesis strategies for small format-2 trees: facts, random conditions, every node kind, loops.

Every tree drawn fits the format and has a sound graph, so the walk rules apply to it. Whether its
walks go wrong (unset reads, adds out of range, stuck nodes, traps, choices never taken) is left to
its random conditions. Half the trees are careful and half wild; about half of all are broken.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.walk_conditions import Facts, Lean, chance, draw_condition, draw_facts, pick, some, uniform, values

__all__ = ["format2_trees"]

TEXTS = ("Who ended it?", "How long ago?", "Read this first.", "[b]Bold[/b] is only text", "Ça va ?", "Go on")
WORDS = ("who", "since", "talk", "cool-off", "end", "step", "x")
# Kinds drawn for the nodes between the first and the last, weighted.
KINDS = ("question", "question", "question", "route", "route", "info", "number", "number", "outcome", "outcome")


@dataclass(frozen=True)
class _Plan:
    """What every node of one tree draws from.

    careful: every fact starts set; a question keeps one choice without `when` and a route ends with
      one, so neither is stuck; adds are small; the start is a number node, for `lean.spread`,
      which choices leave alone.
    when_tenths: how often a choice has a `when`.
    looks: the texts, ids, labels and node order, which no rule reads, come from a generator seeded
      by one draw: a draw each would cost a third of the time a tree takes.
    """

    known: Facts
    ints: list[str]
    ids: list[str]
    when_tenths: int
    careful: bool
    lean: Lean
    looks: random.Random

    def when(self, draw: st.DrawFn, depth: int = 2) -> str:
        return draw_condition(draw, self.known, self.lean, depth)


@st.composite
def format2_trees(draw: st.DrawFn, max_nodes: int = 10) -> dict[str, Any]:
    """A format-2 document with a sound graph, whose walks may or may not go wrong.

    Node 0 is the start and the last node an outcome; every node is given a parent before it, so all
    are reached in the graph; edges that are not loop choices go to later nodes, so only loop choices
    close cycles; outcomes are sinks.
    """
    careful = chance(draw, 5)
    known = draw_facts(draw, careful)
    ints = sorted(name for name, decl in known.items() if decl["type"] == "int")
    spread = pick(draw, ints) if careful and ints else None
    # Two nodes make a dull tree; they are drawn now and then, not as often as hypothesis would.
    n = uniform(draw, 3, max_nodes) if max_nodes > 2 and chance(draw, 9) else 2
    when_tenths = pick(draw, (0, 3, 5) if careful else (2, 4, 6))
    kinds = [pick(draw, KINDS[:-2])] + [pick(draw, KINDS) for _ in range(n - 2)] + ["outcome"]
    # Without int facts there is no number node; without `when`s no route (its later routes would be shadowed).
    swap = {"number": "number" if ints else "info", "route": "route" if when_tenths else "question"}
    kinds = [swap.get(kind, kind) for kind in kinds]
    if spread is not None:
        kinds[0] = "number"
    nexts: list[list[int]] = [[] for _ in range(n)]
    for j in range(1, n):
        parents = [i for i in range(j) if kinds[i] in ("question", "route") or (kinds[i] != "outcome" and not nexts[i])]
        if not parents:
            kinds[j - 1] = "question"  # j-1 is an outcome, with no edge yet, so it may change kind
            parents = [j - 1]
        nexts[pick(draw, parents)].append(j)
    for i in range(n - 1):
        later = range(i + 1, n)
        if kinds[i] in ("info", "number") and not nexts[i]:
            nexts[i].append(pick(draw, later))
        elif kinds[i] in ("question", "route"):
            # A careful route has few routes: with few states to tell apart, more would be shadowed.
            nexts[i] += some(draw, later, 0 if nexts[i] else 1, 1 if careful and kinds[i] == "route" else 2)
    looks = random.Random(uniform(draw, 0, 2**32 - 1))
    ids = [f"{looks.choice(WORDS)}-{i}" for i in range(n)]
    plan = _Plan(known, ints, ids, when_tenths, careful, Lean(careful, spread), looks)
    nodes: dict[str, Any] = {}
    # The nodes are listed in a random order: nothing may depend on it.
    for i in looks.sample(range(n), n):
        if i == 0 and spread is not None:
            nodes[ids[i]] = {"kind": "number", "text": looks.choice(TEXTS), "fact": spread, "next": ids[nexts[i][0]]}
        else:
            nodes[ids[i]] = _node(draw, plan, kinds[i], i, [ids[t] for t in nexts[i]])
    doc: dict[str, Any] = {"format": 2, "id": "walk", "version": "1.0.0", "title": "A walk", "start": ids[0]}
    if known or chance(draw, 5):
        doc["facts"] = known
    doc["nodes"] = nodes
    return doc


def _node(draw: st.DrawFn, plan: _Plan, kind: str, i: int, targets: list[str]) -> dict[str, Any]:
    text = plan.looks.choice(TEXTS)
    if kind == "outcome":
        return {"kind": kind, "title": text, "text": "Advice."}
    if kind == "info":
        return {"kind": kind, "text": text, "next": targets[0]}
    if kind == "number":
        return {"kind": kind, "text": text, "fact": pick(draw, plan.ints), "next": targets[0]}
    if kind == "route":
        return {"kind": kind, "routes": _routes(draw, plan, targets)}
    return {"kind": kind, "text": text, "choices": _choices(draw, plan, i, targets)}


def _routes(draw: st.DrawFn, plan: _Plan, targets: list[str]) -> list[dict[str, Any]]:
    """Routes before the last are nearly always conditional; the last is as often as the tree's choices."""
    routes: list[dict[str, Any]] = []
    for k, target in enumerate(targets):
        last = k == len(targets) - 1
        if not (last and plan.careful) and chance(draw, plan.when_tenths if last else 9):
            routes.append({"when": plan.when(draw, 1 if plan.careful else 2), "next": target})
        else:
            routes.append({"next": target})
    return routes


def _choices(draw: st.DrawFn, plan: _Plan, i: int, targets: list[str]) -> list[dict[str, Any]]:
    choices: list[dict[str, Any]] = []
    # A loop back, often to the question itself. In a wild tree every way on may be guarded, and a
    # state where no guard holds then goes round for ever (a trap), unless the loop changes the state.
    back = chance(draw, 4)
    guarded = not plan.careful and chance(draw, 6 if back else 3)
    free = uniform(draw, 0, len(targets) - 1) if plan.careful else -1
    for k, target in enumerate(targets):
        choice: dict[str, Any] = {"next": target}
        flag = uniform(draw, 0, 19)
        if flag < 2:
            choice["loop"] = flag == 0  # `loop` on a choice that closes no cycle, either way
        if k != free and (guarded or chance(draw, plan.when_tenths)):
            # A guard is one comparison, so that it reads one fact: fewer unset reads, more traps.
            choice["when"] = plan.when(draw, 0 if guarded else 2)
        choices.append(choice)
    if back:
        choice = {"next": plan.ids[i if chance(draw, 7 if guarded else 5) else uniform(draw, 0, i)], "loop": True}
        if chance(draw, plan.when_tenths // 2):
            choice["when"] = plan.when(draw)
        choices.insert(uniform(draw, 0, len(choices)), choice)
    # Labels are unique by their number; the keys go in the order of the design's examples.
    labels = [f"{plan.looks.choice(WORDS)} {k}" for k in range(len(choices))]
    # A loop that adds goes on until the fact leaves its range: careful trees and guarded loops never add.
    may_add = [not (c.get("loop") and (plan.careful or guarded)) for c in choices]
    return [
        {"label": label, **c, **_assignments(draw, plan, add)}
        for label, c, add in zip(labels, choices, may_add, strict=True)
    ]


def _assignments(draw: st.DrawFn, plan: _Plan, may_add: bool) -> dict[str, Any]:
    """A choice's `set` and `add`: values of the facts' own types, and sums that may leave a range.

    A careful tree sets facts more often, so that states differ, but never its spread fact.
    """
    extra: dict[str, Any] = {}
    settable = sorted(name for name in plan.known if name != plan.lean.spread)
    if settable and chance(draw, 7 if plan.careful else 4):
        extra["set"] = {name: pick(draw, values(plan.known[name])) for name in some(draw, settable, 1, 2, unique=True)}
    addable = [name for name in plan.ints if name != plan.lean.spread]
    if addable and may_add and chance(draw, 2 if plan.careful else 3):
        extra["add"] = {pick(draw, addable): uniform(draw, -1, 1) if plan.careful else uniform(draw, -2, 2)}
    return extra
