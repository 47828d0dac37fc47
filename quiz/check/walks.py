"""The rules about walks, with conditions taken into account: proven over every reachable state, never walk by walk.

A tree without conditions, facts or loops needs nothing here: the graph rules already prove
that every walk ends. Otherwise the exact proof (quiz.check.symbolic) finds every state a walk
can reach; each rule below reads it, and each finding carries a scenario that reaches it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from quiz.check.abstract import Unsure, settle
from quiz.findings import Anchor, Finding, JsonPath
from quiz.format.model import Answer
from quiz.format.walk import OutOfRange, Program, State, Unset, branch, needs_proof, offered, take
from quiz.text import quote

if TYPE_CHECKING:
    from quiz.check.symbolic import Found, Space

BUDGET = 2_000_000  # images and preimages of sets of states: far past any tree a person writes
SETTLING = 2_000  # nodes, at most, of a tree the exact proof takes on where only warnings are left to settle


def walk_findings(program: Program, order: list[int] | None = None, budget: int = BUDGET) -> list[Finding]:
    """The findings about walks. `order`, where the graph proof found one, puts every node before those it
    leads to (loop choices aside); every node is then reachable."""
    if not needs_proof(program):
        return []
    reachable, order = _graph(program) if order is None else ([True] * len(program.steps), order)
    try:
        settled = settle(program, reachable, order)
    except Unsure:
        settled = None
    # The exact proof decides what the quick one could not: stops and traps always (or Q313);
    # warnings left unsettled only on a tree small enough for it, else those the quick proof is sure of.
    if settled is not None and (not settled.unsettled or len(program.steps) > SETTLING):
        return [*_never(program, settled.untaken, settled.unreached)]
    # The exact proof's BDDs cost a few hundred milliseconds to import: only a tree that needs them pays.
    from quiz.check.symbolic import NODES, OverBudget, Space, explore

    space = Space(program, budget)
    try:
        found = explore(space, reachable, order)
        return list(_findings(program, space, found, reachable))
    except OverBudget:
        if settled is not None:
            return [*_never(program, settled.untaken, settled.unreached)]
        return [
            Finding(
                "Q313",
                f"the proof of every walk ran past its budget ({budget:,} steps over sets of states, or"
                f" {NODES:,} nodes in their diagrams), so the tree is not proven",
                path=("nodes",),
                anchor=Anchor.KEY,
                hint="narrow the int facts' ranges, or split the tree; a tree that is not proven does not pass",
            )
        ]


def _graph(program: Program) -> tuple[list[bool], list[int]]:
    """Which nodes some path reaches, and an order of them in which every node comes before those it leads to
    but by loop choices (the graph rules have proven there is such an order)."""
    reachable = [False] * len(program.steps)
    reachable[program.start] = True
    stack = [program.start]
    while stack:
        for way in program.steps[stack.pop()].ways:
            if not reachable[way.next]:
                reachable[way.next] = True
                stack.append(way.next)
    waiting = [0] * len(program.steps)
    for node, step in enumerate(program.steps):
        for way in step.ways:
            if reachable[node] and not way.loop:
                waiting[way.next] += 1
    order = [node for node in range(len(program.steps)) if reachable[node] and not waiting[node]]
    for node in order:
        for way in program.steps[node].ways:
            if not way.loop:
                waiting[way.next] -= 1
                if not waiting[way.next]:
                    order.append(way.next)
    return reachable, order


def _findings(program: Program, space: Space, found: Found, reachable: Sequence[bool]) -> Iterator[Finding]:
    false = space.bdd.false
    untaken, unreached = [], []
    for node, step in enumerate(program.steps):
        if not reachable[node]:
            continue
        reached, logic = found.reached[node], found.logic[node]
        if reached == false:
            unreached.append(node)
            continue
        for code in ("Q309", "Q310", "Q311"):
            states = reached & logic.stops.get(code, false)
            if states != false:
                answers, state = _walk_to(space, found, node, states)
                chosen = [reached & way for way in logic.offered]
                yield _stop(code, program, node, state, answers, space, chosen)
        takes = logic.offered if step.kind == "question" else tuple(e.taken for e in logic.edges)
        untaken += [
            (node, i)
            for i, taken in enumerate(takes)
            if step.kind in ("question", "route") and reached & taken == false
        ]
    yield from _never(program, untaken, unreached)
    yield from _traps(program, space, found, reachable)


def _never(program: Program, untaken: Sequence[tuple[int, int]], unreached: Sequence[int]) -> Iterator[Finding]:
    """The warnings: ways no walk takes (Q504), and nodes no walk reaches (Q505)."""
    for node, i in untaken:
        step, node_id = program.steps[node], program.ids[node]
        way = step.ways[i]
        what = f"choice {i + 1} ({quote(way.label)})" if way.label is not None else f"route {i + 1}"
        verb = "offered" if step.kind == "question" else "taken"
        if way.when is not None:
            why = "its condition holds in no state a walk reaches here"
        elif step.kind == "question":
            why = "every walk that gets here stops before a choice is offered"
        else:
            why = "an earlier route always holds first, or the walk stops before"
        yield Finding(
            "Q504",
            f"{what} of {quote(node_id)} is never {verb}: {why}",
            path=("nodes", node_id, "choices" if step.kind == "question" else "routes", i),
            node=node_id,
            hint="check the condition against what the walks before it set",
        )
    for node in unreached:
        node_id = program.ids[node]
        yield Finding(
            "Q505",
            f"{program.steps[node].kind} {quote(node_id)} is never reached: no walk takes any way that leads to it",
            path=("nodes", node_id),
            anchor=Anchor.KEY,
            node=node_id,
            hint="check the conditions on the ways to it, or remove it",
        )


def _walk_to(space: Space, found: Found, node: int, states: object) -> tuple[list[Answer], State]:
    """The answers of a walk that reaches `node` in one of `states`, and the state it reaches."""
    answers: list[Answer] = []
    state = space.program.first()
    from quiz.check.symbolic import witness

    for step, way, after in witness(space, found, node, states):
        if step.kind == "question":
            assert way.label is not None
            answers.append(way.label)
        elif step.kind == "number":
            assert step.fact is not None
            value = after[step.fact]
            assert type(value) is int
            answers.append(value)
        state = after
    return answers, state


def _shown(program: Program, state: State, facts: Sequence[int]) -> str:
    parts = [f"{program.domains[at].name} = {_value(state[at])}" for at in facts]
    return ", ".join(parts) if parts else "the walk"


def _value(value: object) -> str:
    return "unset" if value is None else json.dumps(value, ensure_ascii=False)


def _stop(
    code: str, program: Program, node: int, state: State, answers: list[Answer], space: Space, chosen: Sequence[object]
) -> Finding:
    """The finding for a stop (Q309–Q311) at `node`, shown by `state`, reached by `answers`.

    `chosen` holds, for each choice of a question, the reachable states in which it is offered.
    """
    step, node_id = program.steps[node], program.ids[node]
    base: JsonPath = ("nodes", node_id)
    scenario = tuple(answers)
    if code == "Q311":
        what = "no choice of question" if step.kind == "question" else "no route of"
        read = sorted({at for way in step.ways if way.when is not None for at in way.when.reads})
        return Finding(
            "Q311",
            f"{what} {quote(node_id)} holds when {_shown(program, state, read)}: a walk that gets here cannot go on",
            path=(*base, "choices" if step.kind == "question" else "routes"),
            node=node_id,
            hint="add a choice without `when`" if step.kind == "question" else "end the routes with one without `when`",
            scenario=scenario,
        )
    if step.kind == "route":
        stopped = branch(step, state)
        assert isinstance(stopped, Unset)
        i = next(i for i, w in enumerate(step.ways) if w.when is not None and stopped.fact in w.when.reads)
        return _unset(program, node, stopped.fact, (*base, "routes", i, "when"), scenario)
    shown = offered(step, state)
    if isinstance(shown, Unset):
        i = next(i for i, w in enumerate(step.ways) if w.when is not None and shown.fact in w.when.reads)
        return _unset(program, node, shown.fact, (*base, "choices", i, "when"), scenario)
    assert isinstance(shown, list)
    for i in shown:
        result = take(step.ways[i], state, program.domains)
        name = program.domains[getattr(result, "fact", 0)].name if program.domains else ""
        path = (*base, "choices", i, "add", name)
        if isinstance(result, Unset) and code == "Q309":
            return _unset(program, node, result.fact, path, scenario, f"choice {i + 1}'s `add`")
        if isinstance(result, OutOfRange) and code == "Q310":
            domain = program.domains[result.fact]
            amount = dict(step.ways[i].adds)[result.fact]
            low, high = space.extremes(result.fact, chosen[i] & ~space.equals(result.fact, 0))
            reach = f"walks here give {domain.name} {_range(low, high, amount, step.ways[i].sets, result.fact)}"
            return Finding(
                "Q310",
                f"choice {i + 1} ({quote(step.ways[i].label)}) of {quote(node_id)}"
                f" takes {domain.name} to {result.value},"
                f" outside {domain.low} to {domain.high}",
                path=path,
                node=node_id,
                hint=f"{reach}; widen its range, or offer the choice only where it fits (`when`)",
                scenario=scenario,
            )
    raise AssertionError("a stop was found, so a state shows it")


def _range(low: int, high: int, amount: int, sets: tuple[tuple[int, object], ...], fact: int) -> str:
    fixed = dict(sets)
    if fact in fixed:
        value = fixed[fact]
        assert type(value) is int
        return f"{value + amount}"
    return f"{low + amount} to {high + amount}" if low != high else f"{low + amount}"


def _unset(
    program: Program, node: int, fact: int, path: JsonPath, scenario: tuple[Answer, ...], where: str = "a condition"
) -> Finding:
    name, node_id = program.domains[fact].name, program.ids[node]
    return Finding(
        "Q309",
        f"{where} at {quote(node_id)} reads fact {quote(name)}, which some walks reach it without setting",
        path=path,
        node=node_id,
        hint=f'give {quote(name)} an "initial" value, or set it on every way to {quote(node_id)}',
        scenario=scenario,
    )


def _traps(program: Program, space: Space, found: Found, reachable: Sequence[bool]) -> Iterator[Finding]:
    """Trap states, reported where walks enter them from states that can still end, or at the start."""
    false = space.bdd.false
    trapped = [found.reached[n] & ~found.ending[n] if reachable[n] else false for n in range(len(program.steps))]
    entered = [false] * len(program.steps)
    first = space.state(program.first())
    if first & trapped[program.start] != false:
        entered[program.start] = first
    for node, logic in enumerate(found.logic):
        if trapped[node] == found.reached[node]:
            continue  # no state here can end, so none enters the region from here
        free = found.reached[node] & found.ending[node]
        for edge in logic.edges:
            if trapped[edge.target] != false:
                entered[edge.target] |= space.image(free, edge) & trapped[edge.target]
    for node, states in enumerate(entered):
        if states == false:
            continue
        answers, _ = _walk_to(space, found, node, states)
        node_id = program.ids[node]
        yield Finding(
            "Q312",
            f"walks that reach {quote(node_id)} like this can never end: every way on goes round and round",
            path=("nodes", node_id),
            anchor=Anchor.KEY,
            node=node_id,
            hint="give the loop a way out: a choice that leads on, offered in every state the loop comes back in",
            scenario=tuple(answers),
        )
