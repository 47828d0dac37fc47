"""What a walk means: a tree compiled for walking, and one step of a walk from a state of its facts.

A state gives each fact, in the order declared, a value or None (unset). A program is a
tree that fits the format, its conditions parsed and its ids numbered, so that the
session, the scenarios, the checker's proofs and the random walks all take the same steps.
docs/format.md ("A walk, step by step") says the same in words.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import attrs

from quiz.format import conditions as lang
from quiz.format.model import Answer, BoolFact, EnumFact, Fact, Node, Tree, Value

State = tuple[Value | None, ...]
MISSING = -1  # the number of a node that is not in the tree (a broken tree's scenarios may walk to one)


@attrs.frozen
class Domain:
    """A fact as a walk sees it: its name, kind, and the values it can take."""

    name: str
    kind: str  # bool, enum or int
    values: tuple[Value, ...]  # bool: (False, True); enum: its texts; int: () (see low, high)
    low: int = 0
    high: int = 1
    initial: Value | None = None

    def holds(self, value: Value) -> bool:
        if self.kind == "int":
            return type(value) is int and self.low <= value <= self.high
        return value in self.values and type(value) is type(self.values[0])

    @property
    def size(self) -> int:
        return self.high - self.low + 1 if self.kind == "int" else len(self.values)


@attrs.frozen(eq=False)
class Test:
    """A compiled condition: the facts it reads (their numbers), and whether it holds in a state where all are set."""

    text: str
    condition: lang.Condition
    reads: tuple[int, ...]
    holds: Callable[[State], bool]


# Ways and steps are named tuples, not attrs classes: a large tree compiles hundreds of thousands
# of them, and a tuple is built at C speed.
class Way(NamedTuple):
    """A way on from a node: a choice, a route's branch, or a page's or number's `next`."""

    next: int
    label: str | None = None  # a choice's
    when: Test | None = None
    sets: tuple[tuple[int, Value], ...] = ()
    adds: tuple[tuple[int, int], ...] = ()
    loop: bool = False


class Step(NamedTuple):
    kind: str
    ways: tuple[Way, ...]
    fact: int | None = None  # a number node's fact


@attrs.frozen
class Unset:
    """The walk stops: it reads a fact no step has set (Q309)."""

    fact: int


@attrs.frozen
class OutOfRange:
    """The walk stops: an `add` takes an int fact past its bounds (Q310)."""

    fact: int
    value: int


@attrs.frozen
class Stuck:
    """The walk stops: no choice offered, or no branch that holds (Q311)."""


Stop = Unset | OutOfRange | Stuck


class Program:
    """A tree compiled for walking. Built node by node (`add`), so that a reader can compile as it reads."""

    def __init__(self, facts: Mapping[str, Fact], ids: Iterable[str], start: str) -> None:
        self.domains = tuple(_domain(name, fact) for name, fact in facts.items())
        self.index = {d.name: i for i, d in enumerate(self.domains)}
        self.ids = list(ids)
        self.number = {node_id: i for i, node_id in enumerate(self.ids)}
        self.start = self.number.get(start, MISSING)
        self.missing = self.start == MISSING  # some `next` (or `start`) names no node
        self.steps: list[Step] = []
        self._tests: dict[str, Test] = {}
        # Each distinct use of a fact, for the rules to judge once: (fact, type, value) set, facts added to,
        # facts a number node asks.
        self.assigned: set[tuple[int, type, Value]] = set()
        self.added: set[int] = set()
        self.asked: set[int] = set()

    @classmethod
    def of(cls, tree: Tree) -> Program:
        """The program of a tree that fits the format: its facts declared well, its conditions typed."""
        program = cls(tree.facts, tree.nodes, tree.start)
        program.add(tree.nodes.values())
        return program

    def add(self, nodes: Iterable[Node]) -> None:
        """Compile the next nodes, in the order of the ids (model values, or the fast reader's alike)."""
        steps = [self.step(node) for node in nodes]
        self.missing = self.missing or any(way.next == MISSING for step in steps for way in step.ways)
        self.steps += steps

    def first(self) -> State:
        return tuple(d.initial for d in self.domains)

    def step(self, node: Node) -> Step:
        """The node compiled; a `next` that names no node leads to MISSING. KeyError names an undeclared fact."""
        kind = node.kind
        if node.kind == "question":
            return Step(kind, tuple(self._way(c.next, c.when, c.set, c.add, c.loop, c.label) for c in node.choices))
        if node.kind == "route":
            return Step(kind, tuple(self._way(b.next, b.when) for b in node.routes))
        if node.kind == "number":
            fact = self.index[node.fact]
            self.asked.add(fact)
            return Step(kind, (Way(self.number.get(node.next, MISSING)),), fact)
        if node.kind == "info":
            return Step(kind, (Way(self.number.get(node.next, MISSING)),))
        return Step(kind, ())

    def _way(
        self, target: str, when: Any, sets: Any = None, adds: Any = None, loop: Any = False, label: str | None = None
    ) -> Way:
        # Fields a file leaves out are UNSET in the fast reader's values, None or empty in the model's;
        # both give dicts where a file has objects (`type` is a tenth of the time of an ABC's isinstance).
        test = (self._tests.get(when) or self.test(when)) if type(when) is str else None
        index = self.index
        given: tuple[tuple[int, Value], ...] = ()
        if type(sets) is dict and sets:
            given = tuple([(index[name], value) for name, value in sets.items()])
            self.assigned.update([(at, type(value), value) for at, value in given])
        summed: tuple[tuple[int, int], ...] = ()
        if type(adds) is dict and adds:
            summed = tuple([(index[name], amount) for name, amount in adds.items()])
            self.added.update([at for at, _ in summed])
        return Way(self.number.get(target, MISSING), label, test, given, summed, loop is True)

    def tests(self) -> list[Test]:
        """Every distinct condition compiled so far."""
        return list(self._tests.values())

    def test(self, text: str) -> Test:
        """The compiled condition; each text is parsed once however often it is written."""
        test = self._tests.get(text)
        if test is None:
            condition = lang.parse(text)
            reads = tuple(dict.fromkeys(self.index[n.name] for n in lang.names(condition)))
            test = self._tests[text] = Test(text, condition, reads, _compiled(condition, self.index))
        return test


def needs_proof(program: Program) -> bool:
    """Whether a walk could stop or go round: facts, conditions, loops, routes or numbers."""
    return bool(program.domains) or any(
        step.kind in ("route", "number") or any(w.when is not None or w.loop for w in step.ways)
        for step in program.steps
    )


def _domain(name: str, fact: Fact) -> Domain:
    if isinstance(fact, BoolFact):
        return Domain(name, "bool", (False, True), initial=fact.initial)
    if isinstance(fact, EnumFact):
        return Domain(name, "enum", fact.values, 0, len(fact.values) - 1, fact.initial)
    return Domain(name, "int", (), fact.min, fact.max, fact.initial)


_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
FLIPPED = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}  # `4 > x` is `x < 4`


def comparison(condition: lang.Compare) -> tuple[str, str, Value]:
    """A comparison as (fact, operator, value), the fact on the left; ConditionError unless one fact, one value."""
    left, right = condition.left, condition.right
    if isinstance(left, lang.Name) and isinstance(right, lang.Literal):
        return left.name, condition.op, right.value
    if isinstance(right, lang.Name) and isinstance(left, lang.Literal):
        return right.name, FLIPPED[condition.op], left.value
    raise lang.ConditionError("compare a fact with a value", condition.column)


def _compiled(condition: lang.Condition, index: Mapping[str, int]) -> Callable[[State], bool]:
    """A function of a state, made of closures over the condition's parts: nothing in a tree is run as code."""
    if isinstance(condition, lang.Literal):
        value = condition.value is True
        return lambda state: value
    if isinstance(condition, lang.Name):
        at = index[condition.name]
        return lambda state: state[at] is True
    if isinstance(condition, lang.Compare):
        name, op, literal = comparison(condition)
        at, compare = index[name], _OPERATORS[op]
        return lambda state: compare(state[at], literal)
    if isinstance(condition, lang.Member):
        at, among, negated = index[condition.fact.name], frozenset(v.value for v in condition.values), condition.negated
        return lambda state: (state[at] in among) is not negated
    if isinstance(condition, lang.Not):
        inner = _compiled(condition.inner, index)
        return lambda state: not inner(state)
    parts = [_compiled(item, index) for item in condition.items]
    if isinstance(condition, lang.All):
        return lambda state: all(part(state) for part in parts)
    return lambda state: any(part(state) for part in parts)


def _read(test: Test, state: State) -> bool | Unset:
    """Whether the test holds; reading a fact that is unset stops the walk."""
    for at in test.reads:
        if state[at] is None:
            return Unset(at)
    return test.holds(state)


def offered(step: Step, state: State) -> list[int] | Unset | Stuck:
    """The choices a question offers in a state, by number; every condition is read."""
    shown = []
    for i, way in enumerate(step.ways):
        holds = True if way.when is None else _read(way.when, state)
        if isinstance(holds, Unset):
            return holds
        if holds:
            shown.append(i)
    return shown if shown else Stuck()


def take(way: Way, state: State, domains: Sequence[Domain]) -> State | Unset | OutOfRange:
    """The state after taking a choice: its `set`, then its `add`, which reads every fact it adds to first."""
    if not way.sets and not way.adds:
        return state
    values = list(state)
    for at, value in way.sets:
        values[at] = value
    for at, _ in way.adds:
        if values[at] is None:
            return Unset(at)
    for at, amount in way.adds:
        old = values[at]
        assert type(old) is int
        new = old + amount
        if not domains[at].low <= new <= domains[at].high:
            return OutOfRange(at, new)
        values[at] = new
    return tuple(values)


def branch(step: Step, state: State) -> int | Unset | Stuck:
    """The branch a route follows in a state: the first that holds; later ones are not read."""
    for i, way in enumerate(step.ways):
        holds = True if way.when is None else _read(way.when, state)
        if isinstance(holds, Unset):
            return holds
        if holds:
            return i
    return Stuck()


def give(step: Step, value: int, state: State) -> State:
    """The state after a number node takes `value` (in its fact's range)."""
    assert step.fact is not None
    return (*state[: step.fact], value, *state[step.fact + 1 :])


# A walk seen as the moves a reader makes: for the tools that replay many walks at once (diff,
# the random walks), with the steps above.
Move = tuple[Answer, Way, State | Stop]  # an answer, the way it takes, and the state after (or why it stops)


def settle(program: Program, node: int, state: State) -> tuple[int, Stop | None]:
    """Where a walk at `node` waits for the reader, past info pages and routes (which leave the state as it is);
    or the route where it stops, and why."""
    steps = program.steps
    for _ in range(len(steps) + 1):
        step = steps[node]
        if step.kind == "info":
            node = step.ways[0].next
        elif step.kind == "route":
            followed = branch(step, state)
            if not isinstance(followed, int):
                return node, followed
            node = step.ways[followed].next
        else:
            return node, None
    return node, Stuck()  # pages and routes round a cycle: a tree with Q304 (not checked clean) may have one


def moves(program: Program, node: int, state: State, numbers: Sequence[int] | None = None) -> list[Move] | Stop:
    """The moves a reader can make at a question or number node (none at an outcome): each offered choice, and
    each of `numbers` (by default every number in the fact's range)."""
    step = program.steps[node]
    if step.kind == "question":
        shown = offered(step, state)
        if not isinstance(shown, list):
            return shown
        domains = program.domains
        return [(w.label, w, take(w, state, domains)) for w in (step.ways[i] for i in shown) if w.label is not None]
    if step.kind == "number":
        assert step.fact is not None
        domain, way = program.domains[step.fact], step.ways[0]
        given = range(domain.low, domain.high + 1) if numbers is None else numbers
        return [(n, way, give(step, n, state)) for n in given]
    return []


def answered(program: Program, node: int, state: State, answer: Answer) -> tuple[Way, State | Stop] | Stop | None:
    """Where one answer leads from a question or number node: None where it is not one the reader may give there."""
    step = program.steps[node]
    if step.kind == "number":
        assert step.fact is not None
        domain = program.domains[step.fact]
        if type(answer) is not int or not domain.low <= answer <= domain.high:
            return None
        return step.ways[0], give(step, answer, state)
    if step.kind != "question":
        return None
    shown = offered(step, state)
    if not isinstance(shown, list):
        return shown
    way = next((step.ways[i] for i in shown if step.ways[i].label == answer), None)
    return None if way is None else (way, take(way, state, program.domains))
