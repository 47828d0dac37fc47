"""The numbers worth giving at a number node, where trying every one would take too long.

A condition can only tell two numbers apart if one of the values it compares the fact with
lies between them (or is one of them), so each end of the fact's range and the values on
either side of every such value tell apart all the numbers the conditions tell apart. A
later `add` moves the fact before a condition reads it, so the values are also tried moved
back by each amount a choice adds to the fact. Several adds in a row can move it further:
what they tell apart is not promised.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from quiz.format import conditions as lang
from quiz.format.model import IntFact, Question, Route, Tree
from quiz.format.walk import comparison

__all__ = ["worth_trying"]


def worth_trying(trees: Iterable[Tree]) -> dict[str, tuple[int, ...]]:
    """For each int fact of the first tree, in order: the numbers in its range that the conditions of all the trees
    tell apart, with each end of the range."""
    trees = list(trees)
    if not trees:
        return {}
    compared: dict[str, set[int]] = {}
    moved: dict[str, set[int]] = {}
    for tree in trees:
        for name, value in _compared(tree):
            compared.setdefault(name, set()).add(value)
        for name, amount in _added(tree):
            moved.setdefault(name, {0}).add(amount)
    out = {}
    for name, fact in trees[0].facts.items():
        if not isinstance(fact, IntFact):
            continue
        values = {fact.min, fact.max}
        for value in compared.get(name, ()):
            for amount in moved.get(name, {0}):
                values.update(range(value - amount - 1, value - amount + 2))
        out[name] = tuple(sorted(v for v in values if fact.min <= v <= fact.max))
    return out


def _compared(tree: Tree) -> Iterator[tuple[str, int]]:
    """Every (fact, integer) a condition of the tree compares."""
    for node in tree.nodes.values():
        whens = [c.when for c in node.choices] if isinstance(node, Question) else []
        whens += [b.when for b in node.routes] if isinstance(node, Route) else []
        for when in whens:
            if when is not None:
                yield from _literals(lang.parse(when))


def _literals(condition: lang.Condition) -> Iterator[tuple[str, int]]:
    if isinstance(condition, lang.Compare):
        name, _, value = comparison(condition)
        if type(value) is int:
            yield name, value
    elif isinstance(condition, lang.Member):
        yield from ((condition.fact.name, v.value) for v in condition.values if type(v.value) is int)
    elif isinstance(condition, lang.Not):
        yield from _literals(condition.inner)
    elif isinstance(condition, lang.All | lang.Any):
        for item in condition.items:
            yield from _literals(item)


def _added(tree: Tree) -> Iterator[tuple[str, int]]:
    for node in tree.nodes.values():
        if isinstance(node, Question):
            for choice in node.choices:
                yield from choice.add.items()
