"""Every walk of a tree, taken by the Session as a reader takes it, and every other answer at each step.

A question offers the choices its conditions allow; a number node is answered at each end of its
range and on each side of every value a condition compares its fact with. Every other number walks
the same way as one of those, so these walks cover every way through the tree.
"""

from __future__ import annotations

from collections.abc import Iterator

from quiz import Info, Number, Outcome, Question, Route, Session, Tree
from quiz.format import conditions as lang
from quiz.format.model import Answer, IntFact
from quiz.format.walk import comparison

__all__ = ["every_walk", "numbers_to_try", "other_answers"]


def _compared(condition: lang.Condition) -> Iterator[tuple[str, int]]:
    """Every (fact, integer) a condition compares or lists."""
    if isinstance(condition, lang.Compare):
        fact, _, value = comparison(condition)
        if type(value) is int:
            yield fact, value
    elif isinstance(condition, lang.Member):
        yield from ((condition.fact.name, v.value) for v in condition.values if type(v.value) is int)
    elif isinstance(condition, lang.Not):
        yield from _compared(condition.inner)
    elif isinstance(condition, lang.All | lang.Any):
        for item in condition.items:
            yield from _compared(item)


def numbers_to_try(tree: Tree, fact: str) -> list[int]:
    """The ends of the fact's range, and each side of every value a condition of the tree compares it with."""
    declared = tree.facts[fact]
    assert isinstance(declared, IntFact)
    tried = {declared.min, declared.max}
    for node in tree.nodes.values():
        whens = [c.when for c in node.choices] if isinstance(node, Question) else []
        whens += [r.when for r in node.routes] if isinstance(node, Route) else []
        for when in filter(None, whens):
            tried |= {v + d for name, v in _compared(lang.parse(when)) if name == fact for d in (-1, 0, 1)}
    return sorted(v for v in tried if declared.min <= v <= declared.max)


def _answers_here(session: Session) -> list[Answer]:
    node = session.node
    if isinstance(node, Number):
        return list(numbers_to_try(session.tree, node.fact))
    return [choice.label for choice in session.choices()]


def every_walk(tree: Tree) -> list[Session]:
    """Each walk from the start to an outcome, as the finished session."""

    def go(session: Session) -> Iterator[Session]:
        if isinstance(session.node, Outcome):
            yield session
        elif isinstance(session.node, Info):
            yield from go(session.proceed())
        else:
            for answer in _answers_here(session):
                yield from go(session.answer(answer))

    return list(go(Session.start(tree)))


def other_answers(walk: Session, step: int) -> list[Answer]:
    """The answers, other than the one given, that answer `step` of the walk could have been."""
    return [a for a in _answers_here(walk.asked(step)) if a != walk.answers[step]]
