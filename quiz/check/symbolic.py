"""The exact proof: every reachable state of a tree's facts, node by node, as binary decision diagrams.

A fact's value is written as a small binary number (0 for unset, 1.. for its values) in
BDD variables, so a set of states, however many, is one diagram. A step of a walk changes
a few facts: each is quantified away and given its new value, the other facts untouched
(an `add` goes through a second set of variables, w, for the sum). The reachable states are a least
fixed point taken forward, node by node in the order of the graph; the states from which
an outcome, or a stop, can still be reached, one taken backward. Everything the checker
says about walks follows: the stops (Q309–Q311), the traps (Q312), the ways never taken
and the nodes never reached (Q504, Q505), each with a walk that shows it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from quiz.format import conditions as lang
from quiz.format.walk import Program, State, Step, Test, Way, comparison

try:  # CUDD, through dd's wheel; dd's own Python BDDs where no wheel is built for the machine
    from dd.cudd import BDD
except ImportError:  # pragma: no cover - depends on the platform
    from dd.autoref import BDD

# Nodes, at most, in the diagrams at once. Sums over several int facts are what diagrams hold
# worst: a 1,000-node tree of twenty facts passed a quarter of a million nodes in two seconds
# and ten million in a minute. With the variables kept in their declared order (each fact's
# bits together, a bit beside its next), that growth shows in the count, where reordering hid
# it behind minutes of sifting.
NODES = 250_000

Function = Any  # a BDD node of dd's: untyped


class OverBudget(Exception):
    """The proof needs more work than its budget allows (Q313)."""


@attrs.frozen
class Change:
    """What a step does to one fact: gives it a value (by its code), adds to it, or lets the reader give any."""

    fact: int
    how: str  # "set", "add" or "any"
    amount: int = 0  # the code set, or the number added


@attrs.frozen
class Edge:
    source: int
    way: int  # the choice's or branch's place in its node; 0 for a page or a number
    target: int
    taken: Function  # the states at `source` in which the walk goes this way
    changes: tuple[Change, ...]  # in order; a fact not changed keeps its value


@attrs.frozen
class Logic:
    """What a node does to states, whatever states reach it."""

    stops: dict[str, Function]  # Q309, Q310, Q311: the states that stop there
    edges: tuple[Edge, ...]
    offered: tuple[Function, ...]  # a question's choices: the states in which each is offered


class Space:
    """The states of a program's facts as BDD variables, and what its conditions and steps make of them."""

    def __init__(self, program: Program, budget: int) -> None:
        self.program = program
        self.bdd = BDD()
        self.bdd.configure(reordering=False)
        self.budget = budget
        self.work = 0
        self._spent = 0
        self.now: list[list[str]] = []  # each fact's variables, least significant bit first
        self.next: list[list[str]] = []
        for i, domain in enumerate(program.domains):
            bits = max(1, domain.size.bit_length())
            self.now.append([f"v{i}_{b}" for b in range(bits)])
            self.next.append([f"w{i}_{b}" for b in range(bits)])
            for b in reversed(range(bits)):  # most significant first, each bit beside its next
                self.bdd.declare(self.now[i][b], self.next[i][b])
        self.all_now = [name for names in self.now for name in names]
        self.all_next = [name for names in self.next for name in names]
        self._tests: dict[str, Function] = {}

    def spend(self, amount: int = 1) -> None:
        self.work += amount
        self._spent += 1
        # Counting the nodes walks them all, so it is done at every sixteenth step only.
        if self.work > self.budget or (self._spent % 16 == 0 and len(self.bdd) > NODES):
            raise OverBudget

    # --- facts as bits -------------------------------------------------------------------------

    def code(self, at: int, value: Any) -> int:
        domain = self.program.domains[at]
        if domain.kind == "int":
            return int(value) - domain.low + 1
        return domain.values.index(value) + 1

    def value(self, at: int, code: int) -> Any:
        if code == 0:
            return None
        domain = self.program.domains[at]
        return domain.low + code - 1 if domain.kind == "int" else domain.values[code - 1]

    def equals(self, at: int, code: int, *, after: bool = False) -> Function:
        names = (self.next if after else self.now)[at]
        out = self.bdd.true
        for b, name in enumerate(names):
            var = self.bdd.var(name)
            out &= var if code >> b & 1 else ~var
        return out

    def between(self, at: int, low: int, high: int, *, after: bool = False) -> Function:
        """The states whose fact `at` has a code from `low` to `high`."""
        names = (self.next if after else self.now)[at]
        top = (1 << len(names)) - 1
        if low > high or high < 0 or low > top:
            return self.bdd.false
        at_most = at_least = self.bdd.true
        for b, name in enumerate(names):  # least significant bit first: each prefix compared in turn
            var = self.bdd.var(name)
            at_most = (~var | at_most) if min(high, top) >> b & 1 else (~var & at_most)
            at_least = (var & at_least) if max(low, 0) >> b & 1 else (var | at_least)
        return at_most & at_least

    def unset(self, facts: Sequence[int]) -> Function:
        out = self.bdd.false
        for at in facts:
            out |= self.equals(at, 0)
        return out

    def valid(self) -> Function:
        out = self.bdd.true
        for at, domain in enumerate(self.program.domains):
            out &= self.between(at, 0, domain.size)
        return out

    def state(self, state: State) -> Function:
        out = self.bdd.true
        for at, value in enumerate(state):
            out &= self.equals(at, 0 if value is None else self.code(at, value))
        return out

    def pick(self, states: Function) -> State:
        """One state of a set."""
        chosen = self.bdd.pick(states, care_vars=set(self.all_now))
        assert chosen is not None
        codes = [sum(1 << b for b, name in enumerate(names) if chosen[name]) for names in self.now]
        return tuple(self.value(at, code) for at, code in enumerate(codes))

    def extremes(self, at: int, states: Function) -> tuple[int, int]:
        """The least and greatest value fact `at` takes in a non-empty set of states (set there)."""
        only = self.bdd.exist([n for i, names in enumerate(self.now) if i != at for n in names], states)
        found = []
        for greatest in (False, True):
            code, rest = 0, only
            for b in reversed(range(len(self.now[at]))):
                var = self.bdd.var(self.now[at][b])
                want = var if greatest else ~var
                branch = rest & want
                if branch == self.bdd.false:
                    branch, bit = rest & ~want, not greatest
                else:
                    bit = greatest
                code |= bit << b
                rest = branch
            found.append(self.value(at, code))
        return found[0], found[1]

    # --- conditions and steps --------------------------------------------------------------------

    def holds(self, test: Test) -> Function:
        """The states, with every fact the test reads set, in which it holds."""
        found = self._tests.get(test.text)
        if found is None:
            found = self._tests[test.text] = self._condition(test.condition)
        return found

    def _condition(self, condition: lang.Condition) -> Function:
        index = self.program.index
        if isinstance(condition, lang.Literal):
            return self.bdd.true if condition.value is True else self.bdd.false
        if isinstance(condition, lang.Name):
            return self.equals(index[condition.name], self.code(index[condition.name], True))
        if isinstance(condition, lang.Compare):
            name, op, literal = comparison(condition)
            return self._compare(index[name], op, literal)
        if isinstance(condition, lang.Member):
            at = index[condition.fact.name]
            among = self.bdd.false
            for listed in condition.values:
                among |= self._compare(at, "==", listed.value)
            return self.between(at, 1, self.program.domains[at].size) & ~among if condition.negated else among
        if isinstance(condition, lang.Not):
            return ~self._condition(condition.inner)
        parts = [self._condition(item) for item in condition.items]
        out = parts[0]
        for part in parts[1:]:
            out = out & part if isinstance(condition, lang.All) else out | part
        return out

    def _compare(self, at: int, op: str, literal: Any) -> Function:
        domain = self.program.domains[at]
        size = domain.size
        if domain.kind != "int":
            equal = self.equals(at, self.code(at, literal))
            return equal if op == "==" else self.between(at, 1, size) & ~equal
        code = literal - domain.low + 1  # may lie outside 1..size: the comparison is then constant
        low, high = {
            "==": (code, code),
            "!=": (1, 0),
            "<": (1, code - 1),
            "<=": (1, code),
            ">": (code + 1, size),
            ">=": (code, size),
        }[op]
        if op == "!=":
            return self.between(at, 1, size) & ~self.between(at, code, code)
        return self.between(at, max(low, 1), min(high, size))

    def _added(self, at: int, amount: int) -> Function:
        """next = now + amount, bit by bit (the sum is in range wherever the relation is used)."""
        width = len(self.now[at])
        amount %= 1 << width
        carry, out = self.bdd.false, self.bdd.true
        for b in range(width):
            var, then = self.bdd.var(self.now[at][b]), self.bdd.var(self.next[at][b])
            differ = ~var.equiv(carry)  # dd's functions have no ^
            if amount >> b & 1:
                total, carry = ~differ, var | carry
            else:
                total, carry = differ, var & carry
            out &= then.equiv(total)
        return out

    def changes(self, way: Way, number: int | None = None) -> tuple[Change, ...]:
        """What a way does to the facts: its sets, then its adds (to a fact it sets, the sum is set), or a number."""
        set_to = dict(way.sets)
        added = {at: amount for at, amount in way.adds}
        out = [Change(at, "set", self.code(at, value) + added.get(at, 0)) for at, value in way.sets]
        out += [Change(at, "add", amount) for at, amount in way.adds if at not in set_to]
        if number is not None:
            out.append(Change(number, "any"))
        return tuple(out)

    def image(self, states: Function, edge: Edge) -> Function:
        """The states after the step, from `states` at its source: each changed fact quantified and given anew."""
        self.spend()
        out = states & edge.taken
        for change in edge.changes:
            if out == self.bdd.false:
                break
            now = self.now[change.fact]
            if change.how == "set":
                out = self.bdd.exist(now, out) & self.equals(change.fact, change.amount)
            elif change.how == "any":
                out = self.bdd.exist(now, out) & self.between(change.fact, 1, self.program.domains[change.fact].size)
            else:
                moved = self.bdd.exist(now, out & self._added(change.fact, change.amount))
                out = self.bdd.let(dict(zip(self.next[change.fact], now, strict=True)), moved)
        return out

    def preimage(self, states: Function, edge: Edge) -> Function:
        """The states at the edge's source from which the step leads into `states`."""
        self.spend()
        out = states
        for change in reversed(edge.changes):
            if out == self.bdd.false:
                break
            now = self.now[change.fact]
            if change.how == "set":
                code = change.amount
                out = self.bdd.let({name: bool(code >> b & 1) for b, name in enumerate(now)}, out)
            elif change.how == "any":
                out = self.bdd.exist(now, out & self.between(change.fact, 1, self.program.domains[change.fact].size))
            else:
                then = self.bdd.let(dict(zip(now, self.next[change.fact], strict=True)), out)
                out = self.bdd.exist(self.next[change.fact], then & self._added(change.fact, change.amount))
        return out & edge.taken

    # --- nodes -----------------------------------------------------------------------------------

    def logic(self, source: int, step: Step) -> Logic:
        self.spend(len(step.ways))
        false = self.bdd.false
        if step.kind == "question":
            return self._question(source, step)
        if step.kind == "route":
            edges, stops, waiting = [], {"Q309": false, "Q311": false}, self.bdd.true
            for i, way in enumerate(step.ways):
                if way.when is None:
                    taken, unset, later = waiting, false, false
                else:
                    unset = waiting & self.unset(way.when.reads)
                    ready = waiting & ~unset
                    taken, later = ready & self.holds(way.when), ready & ~self.holds(way.when)
                stops["Q309"] |= unset
                edges.append(Edge(source, i, way.next, taken, ()))
                waiting = later
            stops["Q311"] = waiting
            return Logic(stops, tuple(edges), ())
        if step.kind in ("info", "number"):
            (way,) = step.ways
            return Logic({}, (Edge(source, 0, way.next, self.bdd.true, self.changes(way, step.fact)),), ())
        return Logic({}, (), ())

    def _question(self, source: int, step: Step) -> Logic:
        false = self.bdd.false
        reads = [at for way in step.ways if way.when is not None for at in way.when.reads]
        unset = self.unset(reads)
        offered = [~unset & (self.holds(w.when) if w.when is not None else self.bdd.true) for w in step.ways]
        stops = {"Q309": unset, "Q310": false, "Q311": ~unset}
        edges = []
        for i, way in enumerate(step.ways):
            stops["Q311"] &= ~offered[i]
            ok, set_to = offered[i], dict(way.sets)
            empty = self.unset([at for at, _ in way.adds if at not in set_to])  # an add reads all it adds to first
            stops["Q309"] |= ok & empty
            ok &= ~empty
            for at, amount in way.adds:
                size = self.program.domains[at].size
                if at in set_to:
                    over = false if 1 <= self.code(at, set_to[at]) + amount <= size else ok
                else:
                    over = ok & ~self.between(at, 1 - amount, size - amount)
                stops["Q310"] |= over
                ok &= ~over
            edges.append(Edge(source, i, way.next, ok, self.changes(way)))
        return Logic(stops, tuple(edges), tuple(offered))


@attrs.frozen
class Found:
    """What the exact proof found: the states a node is reached in, and the states from which walks can end."""

    reached: list[Function]
    ending: list[Function]  # states from which an outcome, or a stop, can be reached
    logic: list[Logic]


def explore(space: Space, reachable: Sequence[bool], order: Sequence[int]) -> Found:
    """The reachable states of every node, then the states from which a walk can still end.

    `order` numbers the nodes so that each comes before those it leads to but by loop choices;
    the worklist takes the lowest first, so that without loops every node is done once.
    """
    program, false = space.program, space.bdd.false
    logic = [space.logic(i, step) if reachable[i] else Logic({}, (), ()) for i, step in enumerate(program.steps)]
    reached = [false] * len(program.steps)
    reached[program.start] = space.state(program.first())
    rank = {node: place for place, node in enumerate(order)}
    queue = [(rank[program.start], program.start)]
    waiting = {program.start}
    while queue:
        _, node = heapq.heappop(queue)
        waiting.discard(node)
        for edge in logic[node].edges:
            new = space.image(reached[node], edge) & ~reached[edge.target]
            if new != false:
                reached[edge.target] |= new
                if edge.target not in waiting:
                    waiting.add(edge.target)
                    heapq.heappush(queue, (rank[edge.target], edge.target))
    ending = _ending(space, logic, reachable, order)
    return Found(reached, ending, logic)


def _ending(space: Space, logic: Sequence[Logic], reachable: Sequence[bool], order: Sequence[int]) -> list[Function]:
    """For each node, the states from which some walk reaches an outcome or stops: a least fixed point, backward."""
    program, true, false = space.program, space.bdd.true, space.bdd.false
    ending = [false] * len(logic)
    into: dict[int, list[Edge]] = {}
    for node_logic in logic:
        for edge in node_logic.edges:
            into.setdefault(edge.target, []).append(edge)
    for node, step in enumerate(program.steps):
        if step.kind == "outcome":
            ending[node] = true
        else:
            for stop in logic[node].stops.values():
                ending[node] |= stop
    rank = {node: -place for place, node in enumerate(order)}
    queue = [(rank[node], node) for node in order if reachable[node]]
    heapq.heapify(queue)
    waiting = {node for _, node in queue}
    while queue:
        _, node = heapq.heappop(queue)
        waiting.discard(node)
        grown = ending[node]
        for edge in logic[node].edges:
            grown |= space.preimage(ending[edge.target], edge)
        if grown != ending[node]:
            ending[node] = grown
            for edge in into.get(node, ()):
                if edge.source not in waiting:
                    waiting.add(edge.source)
                    heapq.heappush(queue, (rank[edge.source], edge.source))
    return ending


def witness(space: Space, found: Found, node: int, states: Function) -> Iterator[tuple[Step, Way, State]]:
    """A walk from the first state to one of `states` at `node`: each step as (node's step, way taken, state after).

    Rings of states are taken backward from the goal, each the states one step further from
    it, until the first state is among them; the walk then goes forward a ring at a time.
    """
    program, false = space.program, space.bdd.false
    into: dict[int, list[Edge]] = {}
    for node_logic in found.logic:
        for edge in node_logic.edges:
            into.setdefault(edge.target, []).append(edge)
    start, first = program.start, space.state(program.first())
    rings: list[dict[int, Function]] = [{node: states & found.reached[node]}]
    seen = dict(rings[0])
    while (first & rings[-1].get(start, false)) == false:
        ring: dict[int, Function] = {}
        for target, goal in rings[-1].items():
            for edge in into.get(target, ()):
                before = space.preimage(goal, edge) & found.reached[edge.source]
                before &= ~seen.get(edge.source, false) & ~ring.get(edge.source, false)
                if before != false:
                    ring[edge.source] = ring.get(edge.source, false) | before
        assert ring, "the goal is reachable, so a ring always grows"
        for source, more in ring.items():
            seen[source] = seen.get(source, false) | more
        rings.append(ring)
    here, state = start, program.first()
    for ring in reversed(rings[:-1]):
        now = space.state(state)
        edge = next(e for e in found.logic[here].edges if space.image(now, e) & ring.get(e.target, false) != false)
        after = space.pick(space.image(now, edge) & ring[edge.target])
        yield program.steps[here], program.steps[here].ways[edge.way], after
        state, here = after, edge.target
