"""Random walks through a tree, as the pytest plugin takes them, with the steps the checker and the session take.

At a question the walk takes one of the choices offered in its state; at a number node it
gives a number in the fact's range, half the time one of those the conditions tell apart
(quiz.author.numbers); routes and pages it passes as a reader does. It goes round a loop
by choice at most LOOPS times; after that it takes a choice marked `loop` only where no
other is offered. Each walk must end at an outcome within `bound(tree)` steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

import attrs

from quiz.author.numbers import worth_trying
from quiz.check.graph import walks
from quiz.format.model import Answer, Tree
from quiz.format.walk import OutOfRange, Program, State, Stop, Unset, branch, give, offered, take

__all__ = ["LOOPS", "Walk", "Walker", "bound"]

LOOPS = 3  # loops a walk goes round by choice, beside those it must go round where nothing else is offered

T = TypeVar("T")


class Chooser(Protocol):
    """What a walk draws its choices from: a `random.Random`, or hypothesis' `randoms()`."""

    def choice(self, seq: Sequence[T]) -> T: ...

    def randint(self, a: int, b: int) -> int: ...


def bound(tree: Tree) -> int:
    """The most steps a walk may take: in a tree without a loop, its longest walk.

    With one, LOOPS + 1 stretches of the longest walk that goes round no loop, a loop between
    each two; and a stretch more for each value the facts can take, for the loops a walk goes
    round where nothing else is offered, which lead somewhere new only as they change the facts.
    """
    longest = max(walks(tree).most_steps.values())
    program = Program.of(tree)
    if not any(way.loop for step in program.steps for way in step.ways):
        return longest
    forced = sum(d.size for d in program.domains)
    return (LOOPS + 1 + forced) * (longest + 1)


@attrs.frozen
class Walk:
    """Where a walk went: its answers (labels, and numbers), where it stopped, and why if not at an outcome."""

    answers: tuple[Answer, ...]
    at: str
    ended: bool
    why: str | None = None  # what stopped it short of an outcome


class Walker:
    """Walks of one tree, each drawn from a chooser."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.program = Program.of(tree)
        self.bound = bound(tree)
        self.numbers = worth_trying([tree])

    def walk(self, chooser: Chooser) -> Walk:
        program = self.program
        node, state = program.start, program.first()
        answers: list[Answer] = []
        loops = 0
        for _ in range(self.bound):
            step = program.steps[node]
            if step.kind == "outcome":
                return Walk(tuple(answers), program.ids[node], True)
            after: State | Stop
            if step.kind == "question":
                shown = offered(step, state)
                if not isinstance(shown, list):
                    return self._stopped(answers, node, shown)
                onward = [i for i in shown if not step.ways[i].loop]
                way = step.ways[chooser.choice(shown if loops < LOOPS or not onward else onward)]
                loops += way.loop
                assert way.label is not None
                answers.append(way.label)
                after = take(way, state, program.domains)
            elif step.kind == "number":
                assert step.fact is not None
                domain = program.domains[step.fact]
                tried = self.numbers.get(domain.name, ())
                number = chooser.choice(tried) if tried and chooser.randint(0, 1) else None
                if number is None:
                    number = chooser.randint(domain.low, domain.high)
                answers.append(number)
                way, after = step.ways[0], give(step, number, state)
            elif step.kind == "route":
                followed = branch(step, state)
                if not isinstance(followed, int):
                    return self._stopped(answers, node, followed)
                way, after = step.ways[followed], state
            else:
                way, after = step.ways[0], state
            if not isinstance(after, tuple):
                return self._stopped(answers, node, after)
            node, state = way.next, after
        at = program.ids[node]
        ended = program.steps[node].kind == "outcome"
        return Walk(tuple(answers), at, ended, None if ended else f"it did not end within {self.bound} steps")

    def _stopped(self, answers: list[Answer], node: int, stop: Stop) -> Walk:
        domains = self.program.domains
        if isinstance(stop, Unset):
            why = f"it read the fact {domains[stop.fact].name!r} before any step set it"
        elif isinstance(stop, OutOfRange):
            why = f"it took the fact {domains[stop.fact].name!r} to {stop.value}, out of its range"
        else:
            why = "nothing was offered there"
        return Walk(tuple(answers), self.program.ids[node], False, why)
