"""A slow, plain reference for the format-2 walk rules: every reachable (node, state) pair, listed one by one.

It shares nothing with the checker: its own reader and condition language (tests.reference_tree,
tests.reference_language), and a breadth-first enumeration of the walk as the semantics define it,
one step at a time. Verdicts are then read off the explicit graph of reachable states.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

from tests.reference_language import Condition, Value
from tests.reference_tree import Tree, read_tree

__all__ = ["UNSET", "Replayed", "State", "Unset", "Verdict", "analyse", "make_state", "replay"]


class Unset(enum.Enum):
    """The value of a fact no walk has set yet."""

    UNSET = "UNSET"


UNSET = Unset.UNSET
# A state: every declared fact with its value or UNSET, as (name, value) pairs sorted by name, so it
# hashes, compares and prints the same however it was built.
State: TypeAlias = tuple[tuple[str, Value | Unset], ...]
Config: TypeAlias = tuple[str, State]
Status: TypeAlias = Literal["outcome", "waiting", "Q309", "Q310", "Q311", "bad-answer"]


def make_state(values: Mapping[str, Value | Unset]) -> State:
    return tuple(sorted(values.items()))


@dataclass(frozen=True)
class _Move:
    """One way on from a state: the answer that takes it (None for info and route), the index of the
    choice or route, and either where it leads or the error it meets (an add's Q309 or Q310)."""

    answer: str | int | None
    index: int | None
    target: str
    state: State
    error: str | None = None


@dataclass(frozen=True)
class _Step:
    """What a node does in a state: halts (at an outcome, or an error before any move) or offers moves."""

    halt: Literal["outcome", "Q309", "Q311"] | None
    moves: tuple[_Move, ...] = ()


def _unset_read(cond: Condition, values: Mapping[str, Value | Unset]) -> bool:
    return any(values[name] is UNSET for name in cond.reads)


def _holds(cond: Condition, values: Mapping[str, Value | Unset]) -> bool:
    return cond.holds({k: v for k, v in values.items() if not isinstance(v, Unset)})


def _step(tree: Tree, node: str, state: State) -> _Step:
    """One step of a walk at (node, state), exactly as the semantics list them, node kind by kind."""
    kind = tree.kinds[node]
    values = dict(state)
    if kind == "outcome":
        return _Step("outcome")
    if kind == "info":
        return _Step(None, (_Move(None, None, tree.next[node], state),))
    if kind == "number":
        fact = tree.number_fact[node]
        moves = []
        for v in tree.facts[fact].values:
            assert isinstance(v, int)
            moves.append(_Move(v, None, tree.next[node], make_state({**values, fact: v})))
        return _Step(None, tuple(moves))
    if kind == "route":
        # Routes are read in order and reading stops at the first that holds or reads an unset fact.
        for i, route in enumerate(tree.routes[node]):
            if route.when is None:
                return _Step(None, (_Move(None, i, route.next, state),))
            if _unset_read(route.when, values):
                return _Step("Q309")
            if _holds(route.when, values):
                return _Step(None, (_Move(None, i, route.next, state),))
        return _Step("Q311")
    # A question: every `when` is read before anything is offered, so one unset read halts it.
    choices = tree.choices[node]
    if any(c.when is not None and _unset_read(c.when, values) for c in choices):
        return _Step("Q309")
    moves = []
    for i, choice in enumerate(choices):
        if choice.when is not None and not _holds(choice.when, values):
            continue
        after = {**values, **dict(choice.set)}
        error = None
        # Decided here: an add reads all the facts it adds to first, so an unset one (Q309) wins
        # over another leaving its range (Q310), whatever order the add's keys are in.
        if any(after[name] is UNSET for name, _ in choice.add):
            error = "Q309"
        else:
            for name, amount in choice.add:
                old = after[name]
                assert isinstance(old, int)
                after[name] = old + amount
            if any(after[name] not in tree.facts[name].values for name, _ in choice.add):
                error = "Q310"
        moves.append(_Move(choice.label, i, choice.next, make_state(after), error))
    if not moves:
        return _Step("Q311")
    return _Step(None, tuple(moves))


def _first_state(tree: Tree) -> State:
    return make_state({name: tree.initial.get(name, UNSET) for name in tree.facts})


@dataclass(frozen=True)
class Verdict:
    """What the reference finds.

    findings: ("Q309"|"Q310"|"Q311"|"Q312"|"Q505", node) and ("Q504", node, index).
    states: how many (node, state) pairs some walk reaches.
    problem_states: for each Q309-Q312 finding, the states at its node that show it (for Q312, the
      trap states walks enter there); a witness must replay to one of them.
    reached: every node's reachable states (empty for a node no walk reaches).
    traps: every node's trap states, entered there or not (a walk that has entered a trap region
      passes through these); Q312 is reported only where problem_states has some.
    """

    findings: frozenset[tuple[Any, ...]]
    states: int
    problem_states: Mapping[tuple[str, str], frozenset[State]]
    reached: Mapping[str, frozenset[State]] = field(repr=False)
    traps: Mapping[str, frozenset[State]] = field(repr=False)


def _explore(tree: Tree) -> dict[Config, _Step]:
    """Breadth-first, every reachable (node, state) with its step; errors end a walk, so they lead nowhere."""
    first: Config = (tree.start, _first_state(tree))
    steps: dict[Config, _Step] = {}
    queue = deque([first])
    seen = {first}
    while queue:
        config = queue.popleft()
        steps[config] = step = _step(tree, *config)
        for move in step.moves:
            nxt = (move.target, move.state)
            if move.error is None and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return steps


def _traps(tree: Tree, steps: dict[Config, _Step]) -> tuple[set[Config], set[Config]]:
    """The trap states, and those of them where walks enter.

    A state can end if it halts (outcome or error), has a move that meets an error, or has a move to
    a state that can end; what cannot end is a trap. Worked backwards from the ends, so no walk is tried.
    """
    preds: dict[Config, set[Config]] = {c: set() for c in steps}
    for config, step in steps.items():
        for move in step.moves:
            if move.error is None:
                preds[(move.target, move.state)].add(config)
    can_end = {c for c, s in steps.items() if s.halt is not None or any(m.error for m in s.moves)}
    todo = list(can_end)
    while todo:
        for pred in preds[todo.pop()]:
            if pred not in can_end:
                can_end.add(pred)
                todo.append(pred)
    first: Config = (tree.start, _first_state(tree))
    traps = steps.keys() - can_end
    return traps, {c for c in traps if c == first or any(p in can_end for p in preds[c])}


def analyse(doc: Any) -> Verdict:
    """Every walk rule's verdict on a tree that fits the format, types, and has a sound graph.

    Raises ValueError, saying why, for any other document.
    """
    tree = read_tree(doc)
    steps = _explore(tree)
    problems: dict[tuple[str, str], set[State]] = {}
    taken: set[tuple[str, int]] = set()
    reached: dict[str, set[State]] = {n: set() for n in tree.kinds}
    for (node, state), step in steps.items():
        reached[node].add(state)
        codes = ({step.halt} - {None, "outcome"}) | {m.error for m in step.moves if m.error}
        for code in codes:
            assert code is not None
            problems.setdefault((code, node), set()).add(state)
        # A choice is taken where it is offered (its own add may still fail); a route where it is followed.
        taken |= {(node, m.index) for m in step.moves if m.index is not None}
    traps, entries = _traps(tree, steps)
    for node, state in entries:
        problems.setdefault(("Q312", node), set()).add(state)
    findings: set[tuple[Any, ...]] = set(problems)
    for node, states in reached.items():
        if not states:
            findings.add(("Q505", node))
            continue
        count = len(tree.choices.get(node, ())) + len(tree.routes.get(node, ()))
        findings |= {("Q504", node, i) for i in range(count) if (node, i) not in taken}
    return Verdict(
        findings=frozenset(findings),
        states=len(steps),
        problem_states={k: frozenset(v) for k, v in problems.items()},
        reached={k: frozenset(v) for k, v in reached.items()},
        traps={n: frozenset(s for m, s in traps if m == n) for n in tree.kinds},
    )


@dataclass(frozen=True)
class Replayed:
    """Where a replay stopped.

    node and state: where the walk stopped (at an error, the state before the failing step).
    status: "outcome", "waiting" (answers ran out at a question or number node), an error code met
      there, or "bad-answer" (answers[bad_answer] was not offered, or not a number in range).
    used: how many answers were taken; path: every (node, state) visited, in order, the last included.
    A node that halts in its state (an unset read in a `when`, a stuck node) does so whether or not
    answers are left, and answers after an error or an outcome are not read: compare used with them.
    """

    node: str
    state: State
    status: Status
    used: int
    path: tuple[Config, ...]
    bad_answer: int | None = None

    @property
    def facts(self) -> dict[str, Value | Unset]:
        return dict(self.state)


def _fits(answer: object, move: _Move) -> bool:
    # A label is text and a number is an int; JSON true must not pass for 1.
    return type(answer) is type(move.answer) and answer == move.answer


def replay(doc: Any, answers: Sequence[str | int]) -> Replayed:
    """Walk from start: routes and info pages pass by themselves; each question or number takes an answer."""
    tree = read_tree(doc)
    node, state = tree.start, _first_state(tree)
    path: list[Config] = [(node, state)]
    used = 0
    while True:
        step = _step(tree, node, state)
        if step.halt is not None:
            return Replayed(node, state, step.halt, used, tuple(path))
        if tree.kinds[node] in ("info", "route"):
            [move] = step.moves
        else:
            if used == len(answers):
                return Replayed(node, state, "waiting", used, tuple(path))
            matches = [m for m in step.moves if _fits(answers[used], m)]
            if not matches:
                return Replayed(node, state, "bad-answer", used, tuple(path), bad_answer=used)
            if len(matches) > 1:
                raise ValueError(f"node {node!r}: {answers[used]!r} is the label of more than one offered choice")
            [move] = matches
            used += 1
        if move.error is not None:
            assert move.error in ("Q309", "Q310")
            return Replayed(node, state, "Q309" if move.error == "Q309" else "Q310", used, tuple(path))
        node, state = move.target, move.state
        path.append((node, state))
