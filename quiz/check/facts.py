"""The rules of facts: each declared well (Q207), and every use of one, in a condition, a `set`, an `add`,
a number node or a scenario, naming a declared fact (Q209) of the right type (Q210).

A malformed declaration is reported once, where it is made; its uses are not reported again.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping

from quiz.findings import Anchor, Finding, JsonPath, nearest
from quiz.format.conditions import (
    KEYWORDS,
    NAME,
    All,
    Any,
    Compare,
    Condition,
    ConditionError,
    Literal,
    Name,
    Not,
    parse,
)
from quiz.format.model import BoolFact, EnumFact, Fact, IntFact, Node, Tree, Value
from quiz.format.walk import Program
from quiz.text import json_type, quote


def fact_findings(tree: Tree) -> Iterator[Finding]:
    """Every finding about facts and conditions, declarations first."""
    uses = FactUses(tree)
    yield from uses.declarations()
    for node_id, node in tree.nodes.items():
        yield from uses.node(node_id, node)
    for i, scenario in enumerate(tree.scenarios):
        yield from uses.values(scenario.facts, ("scenarios", i, "facts"), None)


def declaration_problem(name: str, fact: Fact) -> tuple[str, str, str | None] | None:
    """What is wrong with a declaration, if anything: the message, the mending hint, and the key at fault."""
    if not NAME.fullmatch(name) or name in KEYWORDS:
        why = "is a word of the condition language" if name in KEYWORDS else "is not a fact name"
        return why, "a fact name is lower-case letters, digits and _, starting with a letter", None
    if isinstance(fact, EnumFact):
        if not fact.values:
            return "lists no values", 'give it at least one: "values": ["a", "b"]', "values"
        if len(set(fact.values)) != len(fact.values):
            twice = next(v for v in fact.values if fact.values.count(v) > 1)
            return f"lists the value {quote(twice)} twice", "list each value once", "values"
        if fact.initial is not None and fact.initial not in fact.values:
            return f"starts as {quote(fact.initial)}, which is not one of its values", _one_of(fact.values), "initial"
    if isinstance(fact, IntFact):
        if fact.min > fact.max:
            return f"has min {fact.min} above max {fact.max}", "swap them, or widen the range", "min"
        if fact.initial is not None and not fact.min <= fact.initial <= fact.max:
            return f"starts at {fact.initial}, outside {fact.min} to {fact.max}", "start it within its range", "initial"
    return None


def _one_of(values: tuple[str, ...]) -> str:
    return "its values are: " + ", ".join(map(repr, values))


class FactUses:
    """Checks the declarations, and each use of a fact against them; a reader can check its nodes as it reads.

    A condition written many times is judged once: its problems are kept by its text.
    """

    def __init__(self, tree: Tree) -> None:
        self.facts = tree.facts
        self.bad = {name for name, fact in tree.facts.items() if declaration_problem(name, fact) is not None}
        self._conditions: dict[str, list[tuple[str, str, int | None, str | None]]] = {}

    def program_sound(self, program: Program) -> bool:
        """Whether every use of a fact a compiled program holds is of the fact's type, judged once per distinct use.

        The program was compiled against the declarations, so every name in it is declared.
        """
        if self.bad:
            return False
        names = [d.name for d in program.domains]
        for test in program.tests():
            if next(self.condition(test.text, (), ""), None) is not None:
                return False
        for at, _, value in program.assigned:
            if _value_problem(self.facts[names[at]], value) is not None:
                return False
        return all(isinstance(self.facts[names[at]], IntFact) for at in program.added | program.asked)

    def declarations(self) -> Iterator[Finding]:
        for name, fact in self.facts.items():
            problem = declaration_problem(name, fact)
            if problem is not None:
                message, hint, key = problem
                path: JsonPath = ("facts", name) if key is None else ("facts", name, key)
                anchor = Anchor.KEY if key is None else Anchor.VALUE
                yield Finding("Q207", f"fact {quote(name)} {message}", path=path, anchor=anchor, hint=hint)

    def node(self, node_id: str, node: Node) -> Iterator[Finding]:
        """The uses of facts in one node: the model's, or the fast reader's (where a field left out is UNSET)."""
        base: JsonPath = ("nodes", node_id)
        if node.kind == "question":
            for i, choice in enumerate(node.choices):
                at = (*base, "choices", i)
                if type(choice.when) is str:
                    yield from self.condition(choice.when, (*at, "when"), node_id)
                if isinstance(choice.set, Mapping) and choice.set:
                    yield from self.values(choice.set, (*at, "set"), node_id)
                if isinstance(choice.add, Mapping) and choice.add:
                    yield from self.additions(choice.add, (*at, "add"), node_id)
        elif node.kind == "route":
            for i, branch in enumerate(node.routes):
                if type(branch.when) is str:
                    yield from self.condition(branch.when, (*base, "routes", i, "when"), node_id)
        elif node.kind == "number":
            yield from self.fact(node.fact, (*base, "fact"), node_id, IntFact, "a number node's fact")

    def fact(self, name: str, path: JsonPath, node: str | None, want: type | None, what: str) -> Iterator[Finding]:
        """A use of fact `name`: declared, and (with `want`) of that type."""
        if name in self.bad:
            return
        fact = self.facts.get(name)
        if fact is None:
            guess = nearest(name, self.facts)
            yield Finding(
                "Q209",
                f"{what} {quote(name)} is not a declared fact",
                path=path,
                node=node,
                hint=f"did you mean {quote(guess)}?" if guess else "declare it under `facts`",
            )
        elif want is not None and not isinstance(fact, want):
            yield Finding("Q210", f"{what} {quote(name)} is {_kind(fact)}, not an int fact", path=path, node=node)

    def values(self, given: Mapping[str, Value], path: JsonPath, node: str | None) -> Iterator[Finding]:
        """`set` or a scenario's `facts`: each value of its fact's type."""
        for name, value in given.items():
            at = (*path, name)
            if name in self.bad:
                continue
            fact = self.facts.get(name)
            if fact is None:
                yield from self.fact(name, at, node, None, "fact")
                continue
            problem = _value_problem(fact, value)
            if problem is not None:
                yield Finding("Q210", f"fact {quote(name)} {problem}", path=at, node=node, hint=_value_hint(fact))

    def additions(self, given: Mapping[str, int], path: JsonPath, node: str | None) -> Iterator[Finding]:
        for name in given:
            yield from self.fact(name, (*path, name), node, IntFact, "`add` to fact")

    def condition(self, text: str, path: JsonPath, node: str) -> Iterator[Finding]:
        problems = self._conditions.get(text)
        if problems is None:
            problems = self._conditions[text] = list(self._judged(text))
        for code, message, within, hint in problems:
            yield Finding(code, message, path=path, node=node, hint=hint, within=within)

    def _judged(self, text: str) -> Iterator[tuple[str, str, int | None, str | None]]:
        try:
            condition = parse(text)
        except ConditionError as error:
            message = f"condition {quote(text, 120)} does not parse at column {error.column}: {error.message}"
            yield "Q208", message, error.column, error.hint
            return
        for message, column, hint, code in _typed(condition, self.facts, self.bad):
            yield code, f"condition {quote(text, 120)}, column {column}: {message}", column, hint


def _kind(fact: Fact) -> str:
    return {BoolFact: "a bool fact", EnumFact: "an enum fact", IntFact: "an int fact"}[type(fact)]


def _value_problem(fact: Fact, value: Value) -> str | None:
    if isinstance(fact, BoolFact):
        return None if type(value) is bool else f"is a bool fact, but is given {json_type(value)}"
    if isinstance(fact, EnumFact):
        if type(value) is not str:
            return f"is an enum fact, but is given {json_type(value)}"
        return None if value in fact.values else f"has no value {quote(value)}"
    if type(value) is not int:
        return f"is an int fact, but is given {json_type(value)}"
    return None if fact.min <= value <= fact.max else f"is given {value}, outside {fact.min} to {fact.max}"


def _value_hint(fact: Fact) -> str:
    if isinstance(fact, BoolFact):
        return "give it true or false"
    if isinstance(fact, EnumFact):
        return _one_of(fact.values)
    return f"give it a whole number from {fact.min} to {fact.max}"


Problem = tuple[str, int, str | None, str]  # message, column, hint, code


def _typed(condition: Condition, facts: Mapping[str, Fact], bad: set[str]) -> Iterator[Problem]:
    """What keeps a parsed condition from meaning something for these facts: Q209 and Q210 problems."""
    if isinstance(condition, Not):
        yield from _typed(condition.inner, facts, bad)
    elif isinstance(condition, All | Any):
        for item in condition.items:
            yield from _typed(item, facts, bad)
    elif isinstance(condition, Literal):
        if type(condition.value) is not bool:
            yield (
                "a value alone is not a condition",
                condition.column,
                "compare it with a fact: `fact == value`",
                "Q210",
            )
    elif isinstance(condition, Name):
        fact = yield from _declared(condition, facts, bad)
        if fact is not None and not isinstance(fact, BoolFact):
            yield (
                f"{quote(condition.name)} is {_kind(fact)}: alone it is no condition",
                condition.column,
                f"compare it: `{condition.name} == ...`",
                "Q210",
            )
    elif isinstance(condition, Compare):
        yield from _compare(condition, facts, bad)
    else:
        fact = yield from _declared(condition.fact, facts, bad)
        if isinstance(fact, BoolFact):
            yield "a bool fact takes no `in`", condition.column, f"write `{condition.fact.name} == true`", "Q210"
        elif fact is not None:
            for literal in condition.values:
                yield from _literal(condition.fact.name, fact, literal)


def _declared(name: Name, facts: Mapping[str, Fact], bad: set[str]) -> Generator[Problem, None, Fact | None]:
    """The declared fact a name stands for (returned), or the Q209 problem (yielded); None for a malformed one."""
    if name.name in bad:
        return None
    fact = facts.get(name.name)
    if fact is None:
        guess = nearest(name.name, [*facts, "true", "false", "and", "or", "not"])
        hint = f"did you mean {quote(guess)}?" if guess else "declare it under `facts`"
        yield f"{quote(name.name)} is not a declared fact", name.column, hint, "Q209"
    return fact


def _compare(condition: Compare, facts: Mapping[str, Fact], bad: set[str]) -> Iterator[Problem]:
    left, right = condition.left, condition.right
    if isinstance(left, Name) and isinstance(right, Name):
        yield "compare a fact with a value, not with another fact", condition.column, None, "Q210"
        return
    if isinstance(left, Literal) and isinstance(right, Literal):
        yield "compare a fact with a value, not two values", condition.column, None, "Q210"
        return
    name, literal = (left, right) if isinstance(left, Name) else (right, left)
    assert isinstance(name, Name) and isinstance(literal, Literal)
    fact = yield from _declared(name, facts, bad)
    if fact is None:
        return
    if not isinstance(fact, IntFact) and condition.op not in ("==", "!="):
        yield f"{quote(name.name)} is {_kind(fact)}: it takes == and != only", condition.column, None, "Q210"
        return
    yield from _literal(name.name, fact, literal)


def _literal(name: str, fact: Fact, literal: Literal) -> Iterator[Problem]:
    value = literal.value
    if isinstance(fact, BoolFact) and type(value) is not bool:
        yield f"{quote(name)} is a bool fact: compare it with true or false", literal.column, None, "Q210"
    elif isinstance(fact, IntFact) and type(value) is not int:
        yield f"{quote(name)} is an int fact: compare it with whole numbers", literal.column, None, "Q210"
    elif isinstance(fact, EnumFact):
        if type(value) is not str:
            yield (
                f"{quote(name)} is an enum fact: compare it with one of its values",
                literal.column,
                _one_of(fact.values),
                "Q210",
            )
        elif value not in fact.values:
            guess = nearest(value, fact.values)
            hint = f"did you mean {quote(guess)}?" if guess else _one_of(fact.values)
            yield f"{quote(value)} is not a value of {quote(name)}", literal.column, hint, "Q210"
