"""The quick proof about walks: each fact's possible values, node by node, and a few real walks beside them.

A set of states is over-approximated by the values each fact may take there, one bitmask a
fact (bit 0: unset; bit k: its kth value), so a step of a walk is a few integer operations.
What this over-approximation cannot reach, no walk reaches: a stop it never meets, a way it
never takes, is proven absent. A handful of real states per node, carried forward by the real
steps (quiz.format.walk), proves the presence of what they meet. Where the two do not settle
every rule (facts that only matter together, a loop that might not let go), the exact proof
(quiz.check.symbolic) decides.
"""

from __future__ import annotations

import functools
import heapq
import operator
from collections.abc import Callable, Iterator, Sequence

import attrs

from quiz.format import conditions as lang
from quiz.format.walk import Program, State, Step, Test, Way, branch, comparison, give, offered, take

LARGEST = 4096  # values a fact may have for this proof; one with more goes to the exact proof
STATES = 20_000  # real states carried in all: a few at each node of a large tree, many on a small one
Masks = tuple[int, ...]
_join: Callable[[Masks, Masks], Masks] = lambda a, b: tuple(map(operator.or_, a, b))  # noqa: E731


def _bits(low: int, high: int) -> int:
    """The bits `low` to `high`, both included."""
    return ((1 << (high + 1)) - 1) ^ ((1 << low) - 1) if low <= high else 0


class _Facts:
    """A program's facts as bitmasks, and its conditions as functions of them."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.sizes = [d.size for d in program.domains]
        self.valid = [_bits(1, size) for size in self.sizes]
        self._compiled: dict[
            str, tuple[Callable[[Masks], tuple[bool, bool]], Callable[[Masks, bool], Masks | None]]
        ] = {}

    def code(self, at: int, value: object) -> int:
        domain = self.program.domains[at]
        if domain.kind == "int":
            assert type(value) is int
            return value - domain.low + 1
        return domain.values.index(value) + 1  # type: ignore[arg-type,unused-ignore]

    def first(self) -> Masks:
        return tuple(1 if v is None else 1 << self.code(at, v) for at, v in enumerate(self.program.first()))

    def atom(self, condition: lang.Condition) -> tuple[int, int]:
        """The fact an atom reads, and the bits of the values for which it holds."""
        index = self.program.index
        if isinstance(condition, lang.Name):
            at = index[condition.name]
            return at, 1 << self.code(at, True)
        if isinstance(condition, lang.Member):
            at = index[condition.fact.name]
            holds = functools.reduce(operator.or_, (self._equal(at, v.value) for v in condition.values), 0)
            return at, self.valid[at] & ~holds if condition.negated else holds
        assert isinstance(condition, lang.Compare)
        name, op, literal = comparison(condition)
        at = index[name]
        domain = self.program.domains[at]
        if domain.kind != "int":
            equal = self._equal(at, literal)
            return at, equal if op == "==" else self.valid[at] & ~equal
        assert type(literal) is int
        code, size = literal - domain.low + 1, self.sizes[at]
        low, high = {
            "==": (code, code),
            "<": (1, code - 1),
            "<=": (1, code),
            ">": (code + 1, size),
            ">=": (code, size),
        }.get(op, (code, code))
        holds = _bits(max(low, 1), min(high, size))
        return at, self.valid[at] & ~holds if op == "!=" else holds

    def _equal(self, at: int, value: object) -> int:
        domain = self.program.domains[at]
        if domain.kind == "int":
            assert type(value) is int
            return 1 << (value - domain.low + 1) if domain.low <= value <= domain.high else 0
        return 1 << self.code(at, value)

    def test(self, test: Test) -> tuple[Callable[[Masks], tuple[bool, bool]], Callable[[Masks, bool], Masks | None]]:
        """For a condition: whether it may hold and may fail in some state of a set, and the set narrowed to
        where it holds (or fails). Both over-approximate; the facts it reads are taken as set."""
        found = self._compiled.get(test.text)
        if found is None:
            found = self._compiled[test.text] = (self._may(test.condition), self._narrow(test.condition))
        return found

    def _may(self, condition: lang.Condition) -> Callable[[Masks], tuple[bool, bool]]:
        if isinstance(condition, lang.Literal):
            value = condition.value is True
            return lambda masks: (value, not value)
        if isinstance(condition, lang.Not):
            inner = self._may(condition.inner)
            return lambda masks: inner(masks)[::-1]
        if isinstance(condition, lang.All | lang.Any):
            parts = [self._may(item) for item in condition.items]
            every = isinstance(condition, lang.All)

            def combined(masks: Masks) -> tuple[bool, bool]:
                results = [part(masks) for part in parts]
                if every:
                    return all(t for t, _ in results), any(f for _, f in results)
                return any(t for t, _ in results), all(f for _, f in results)

            return combined
        at, holds = self.atom(condition)
        fails = self.valid[at] & ~holds
        return lambda masks: (bool(masks[at] & holds), bool(masks[at] & fails))

    def _narrow(self, condition: lang.Condition) -> Callable[[Masks, bool], Masks | None]:
        if isinstance(condition, lang.Literal):
            value = condition.value is True
            return lambda masks, want: masks if want == value else None
        if isinstance(condition, lang.Not):
            inner = self._narrow(condition.inner)
            return lambda masks, want: inner(masks, not want)
        if isinstance(condition, lang.All | lang.Any):
            parts = [self._narrow(item) for item in condition.items]
            every = isinstance(condition, lang.All)

            def narrowed(masks: Masks, want: bool) -> Masks | None:
                if want == every:  # all must hold, or all must fail: narrow by each in turn
                    out: Masks | None = masks
                    for part in parts:
                        out = part(out, want) if out is not None else None
                    return out
                joined: Masks | None = None  # one holds, or one fails: any of the narrowings
                for part in parts:
                    one = part(masks, want)
                    if one is not None:
                        joined = one if joined is None else _join(joined, one)
                return joined

            return narrowed
        at, holds = self.atom(condition)
        fails = self.valid[at] & ~holds

        def narrowed_atom(masks: Masks, want: bool) -> Masks | None:
            kept = masks[at] & (holds if want else fails)
            return (*masks[:at], kept, *masks[at + 1 :]) if kept else None

        return narrowed_atom

    def read(self, masks: Masks, reads: Sequence[int]) -> Masks | None:
        """The set narrowed to states where every fact in `reads` is set; None if there is none."""
        out = list(masks)
        for at in reads:
            out[at] &= ~1
            if not out[at]:
                return None
        return tuple(out)


class Unsure(Exception):
    """The quick proof cannot settle the tree; the exact proof must."""


@attrs.frozen
class Settled:
    """What the quick proof settled: no walk stops or goes round for ever; the ways and nodes it rules out;
    and how many ways it could neither rule out nor see taken."""

    untaken: list[tuple[int, int]]
    unreached: list[int]
    unsettled: int


def settle(program: Program, reachable: Sequence[bool], order: Sequence[int]) -> Settled:
    """The quick proof of every rule about walks; Unsure where it cannot rule out a stop or a trap.

    A way is seen taken where its node is seen reached and it is offered in every state there
    (no `when`, or one that holds in all of the over-approximation), or where the real walk
    carried to its node takes it; a node is seen reached where a way seen taken leads to it.
    """
    if any(size > LARGEST for size in (d.size for d in program.domains)):
        raise Unsure
    facts = _Facts(program)
    masks = _forward(facts, reachable, order)
    walked = _walk(program, order)
    seen = [False] * len(program.steps)
    seen[program.start] = True
    untaken, unreached, unsettled = [], [], 0
    for node in order:
        step = program.steps[node]
        if masks[node] is None:
            unreached.append(node)
            continue
        if not seen[node]:
            unsettled += 1
            continue
        reached = masks[node]
        assert reached is not None
        for i, (may, must) in enumerate(_ways(facts, step, reached)):
            if not may:
                untaken.append((node, i))
            elif must or (node, i) in walked:
                seen[step.ways[i].next] = True
            else:
                unsettled += 1
    return Settled(untaken, unreached, unsettled)


def _ways(facts: _Facts, step: Step, masks: Masks) -> list[tuple[bool, bool]]:
    """For each way on from a node reached in `masks`: whether some state there may take it, and whether
    every state there does (a page's or a number's one way, a choice offered whatever the state)."""
    if step.kind in ("info", "number"):
        return [(True, True)]
    if step.kind == "question":
        reads = [at for w in step.ways if w.when is not None for at in w.when.reads]
        ready = facts.read(masks, reads)
        out = []
        for way in step.ways:
            if way.when is None:
                out.append((True, True))
            else:
                assert ready is not None  # the forward pass has ruled out an unset read here
                holds, fails = facts.test(way.when)[0](ready)
                out.append((holds, not fails))
        return out
    if step.kind != "route":
        return []
    waiting: Masks | None = masks
    out, surely_here = [], True
    for way in step.ways:
        if waiting is None:
            out.append((False, False))
            continue
        if way.when is None:
            out.append((True, surely_here))
            waiting = None
            continue
        ready = facts.read(waiting, way.when.reads)
        assert ready is not None
        may, narrow = facts.test(way.when)
        holds, fails = may(ready)
        out.append((holds, surely_here and not fails))
        surely_here = surely_here and not holds
        waiting = narrow(ready, False)
    return out


def _forward(facts: _Facts, reachable: Sequence[bool], order: Sequence[int]) -> list[Masks | None]:
    """The over-approximation at every node: a least fixed point in the order of the graph. Raises Unsure
    wherever a walk might stop, or a loop might keep a walk going."""
    program = facts.program
    masks: list[Masks | None] = [None] * len(program.steps)
    masks[program.start] = facts.first()

    def reach(node: int) -> Iterator[int]:
        """Carry the node's states on; the nodes whose states grew."""
        here = masks[node]
        if here is None:
            return
        for target, after in _steps(facts, program.steps[node], here):
            before = masks[target]
            grown = after if before is None else _join(before, after)
            if grown != before:
                masks[target] = grown
                yield target

    rank = [0] * len(program.steps)
    for place, node in enumerate(order):
        rank[node] = place
    queue: list[tuple[int, int]] = []  # nodes a loop choice brought new states to, lowest in the order first
    for node in order:  # each before those it leads to, so without loops this one pass is the fixed point
        queue += [(rank[target], target) for target in reach(node) if rank[target] <= rank[node]]
    heapq.heapify(queue)
    waiting = {node for _, node in queue}
    while queue:
        _, node = heapq.heappop(queue)
        waiting.discard(node)
        for target in reach(node):
            if target not in waiting:
                waiting.add(target)
                heapq.heappush(queue, (rank[target], target))
    return masks


def _steps(facts: _Facts, step: Step, masks: Masks) -> list[tuple[int, Masks]]:
    """Where a node sends a set of states, over-approximated; Unsure where some state might stop there."""
    if step.kind == "outcome":
        return []
    if step.kind == "info":
        return [(step.ways[0].next, masks)]
    if step.kind == "number":
        assert step.fact is not None
        at = step.fact
        return [(step.ways[0].next, (*masks[:at], facts.valid[at], *masks[at + 1 :]))]
    out = []
    if step.kind == "route":
        waiting: Masks | None = masks
        for way in step.ways:
            if waiting is None:
                break
            if way.when is None:
                out.append((way.next, waiting))
                waiting = None
                break
            if any(waiting[at] & 1 for at in way.when.reads):
                raise Unsure  # a walk might read an unset fact here
            _, narrow = facts.test(way.when)
            taken = narrow(waiting, True)
            if taken is not None:
                out.append((way.next, taken))
            waiting = narrow(waiting, False)
        if waiting is not None:
            raise Unsure  # a walk might find no route that holds
        return out
    reads = [at for w in step.ways if w.when is not None for at in w.when.reads]
    if any(masks[at] & 1 for at in reads):
        raise Unsure
    none_offered: Masks | None = masks
    only_loops: Masks | None = masks  # states where no choice that leads on is offered
    for way in step.ways:
        if way.when is None:
            none_offered = None
            if not way.loop:
                only_loops = None
            taken = masks
        else:
            _, narrow = facts.test(way.when)
            taken = narrow(masks, True)
            none_offered = narrow(none_offered, False) if none_offered is not None else None
            if not way.loop and only_loops is not None:
                only_loops = narrow(only_loops, False)
        if taken is not None:
            out.append((way.next, _effect(facts, way, taken) if way.sets or way.adds else taken))
    if none_offered is not None or (only_loops is not None and any(w.loop for w in step.ways)):
        raise Unsure  # a walk might be stuck here, or only able to go round
    return out


def _effect(facts: _Facts, way: Way, masks: Masks) -> Masks:
    """A choice's sets and adds on a set of states; Unsure where an add might read an unset fact or overflow."""
    sets, adds = way.sets, way.adds
    if not sets and not adds:
        return masks
    out = list(masks)
    set_to = dict(sets)
    for at, value in sets:
        out[at] = 1 << facts.code(at, value)
    for at, amount in adds:
        size, values = facts.sizes[at], out[at]
        if values & 1:
            raise Unsure
        if at in set_to:
            code = facts.code(at, set_to[at]) + amount
            if not 1 <= code <= size:
                raise Unsure
            out[at] = 1 << code
            continue
        lost = _bits(max(1, size - amount + 1), size) if amount > 0 else _bits(1, min(size, -amount))
        if values & lost:
            raise Unsure
        out[at] = (values << amount if amount > 0 else values >> -amount) & facts.valid[at]
    return tuple(out)


def _walk(program: Program, order: Sequence[int]) -> set[tuple[int, int]]:
    """The ways real walks take: real states carried to each node (the first few to arrive), and every way
    each takes there; a number node tries the ends of its range and the values its conditions name."""
    room = max(1, min(64, STATES // max(1, len(program.steps))))  # states a node keeps
    kept: list[list[State] | None] = [None] * len(program.steps)  # a list only where a state came
    kept[program.start] = [program.first()]
    asked = _interesting(program)
    taken: set[tuple[int, int]] = set()

    def carry(target: int, state: State) -> None:
        here = kept[target]
        if here is None:
            kept[target] = [state]
        elif len(here) < room and state not in here:
            here.append(state)

    for node in order:  # each before those it leads to (loop choices only come back)
        step = program.steps[node]
        for state in kept[node] or ():
            if step.kind == "number":
                assert step.fact is not None
                taken.add((node, 0))
                for value in asked[step.fact]:
                    carry(step.ways[0].next, give(step, value, state))
                continue
            if step.kind == "question":
                shown = offered(step, state)
                ways = shown if isinstance(shown, list) else []
            elif step.kind == "route":
                followed = branch(step, state)
                ways = [followed] if isinstance(followed, int) else []
            else:
                ways = [0] if step.ways else []
            for i in ways:
                taken.add((node, i))
                way = step.ways[i]
                there = kept[way.next]
                if there is None or len(there) < room:
                    after = take(way, state, program.domains)
                    if isinstance(after, tuple):
                        carry(way.next, after)
    return taken


def _interesting(program: Program) -> dict[int, list[int]]:
    """For each int fact a number node asks, the numbers worth trying: its ends, and each side of every value
    a condition compares it with."""
    out: dict[int, list[int]] = {}
    named: dict[int, set[int]] = {}
    for test in program.tests():
        for name, literal in _literals(test.condition):
            named.setdefault(program.index[name], set()).update((literal - 1, literal, literal + 1))
    for step in program.steps:
        if step.kind == "number" and step.fact is not None and step.fact not in out:
            domain = program.domains[step.fact]
            values = {domain.low, domain.high, *named.get(step.fact, ())}
            out[step.fact] = sorted(v for v in values if domain.low <= v <= domain.high)
    return out


def _literals(condition: lang.Condition) -> list[tuple[str, int]]:
    if isinstance(condition, lang.Compare):
        name, _, literal = comparison(condition)
        return [(name, literal)] if type(literal) is int else []
    if isinstance(condition, lang.Member):
        return [(condition.fact.name, v.value) for v in condition.values if type(v.value) is int]
    if isinstance(condition, lang.Not):
        return _literals(condition.inner)
    if isinstance(condition, lang.All | lang.Any):
        return [pair for item in condition.items for pair in _literals(item)]
    return []
