"""Random walks through a tree, as the pytest plugin takes them, with the steps the checker and the session take.

At a question the walk takes one of the choices offered in its state; at a number node it
gives a number in the fact's range, half the time one of those the conditions tell apart
(quiz.author.numbers); routes and pages it passes as a reader does. It goes round a loop
by choice at most LOOPS times; after that it heads for an outcome by the fewest steps the
facts allow, and if none can be reached from where it stands, it says so. A walk is seeded,
so a failure is the same on every run, and taken a step at a time, so its cost is its length.
"""

from __future__ import annotations

import random
from collections import deque

import attrs

from quiz.author.numbers import worth_trying
from quiz.author.sequences import LOOPS, stopped
from quiz.check.graph import walks
from quiz.format.model import Answer, Tree
from quiz.format.walk import Program, State, Stop, moves, settle
from quiz.text import quote

__all__ = ["HOMEWARD", "LOOPS", "WALKS", "Walk", "Walker", "bound"]

WALKS = 100  # walks the pytest plugin takes of each tree
HOMEWARD = 100_000  # (node, state) pairs the way home may look through, beyond which the walk is random again
SHOWN = 20  # answers of a failed walk its message shows

Place = tuple[int, State]


def bound(tree: Tree) -> int:
    """The most answers a walk may give: in a tree without a loop, its longest walk; with one, LOOPS + 1 stretches
    of the longest walk that goes round no loop, and the way home (at most one answer for each pair of a
    question and a state of the facts, counted up to HOMEWARD)."""
    longest = max(walks(tree).most_steps.values())
    program = Program.of(tree)
    if not any(way.loop for step in program.steps for way in step.ways):
        return longest
    return (LOOPS + 1) * (longest + 1) + HOMEWARD


@attrs.frozen
class Walk:
    """Where a walk went: its answers (labels, and numbers), where it stopped, and why if not at an outcome."""

    answers: tuple[Answer, ...]
    at: str
    ended: bool
    why: str | None = None  # what stopped it short of an outcome

    def failure(self) -> str:
        """What a walk that did not end at an outcome did: its first answers, where it stopped, and why."""
        answers = " › ".join(quote(a) for a in self.answers[:SHOWN]) or "(no answers)"
        more = f" › … ({len(self.answers) - SHOWN:,} more)" if len(self.answers) > SHOWN else ""
        return f"the walk {answers}{more} stopped at {quote(self.at)}: {self.why}"


class Walker:
    """Walks of one tree, each drawn from a seed or a `random.Random`."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.program = Program.of(tree)
        self.bound = bound(tree)
        self.numbers = worth_trying([tree])

    def walk(self, seed: int | random.Random) -> Walk:
        chooser = seed if isinstance(seed, random.Random) else random.Random(seed)
        program = self.program
        node, state = program.start, program.first()
        answers: list[Answer] = []
        loops = 0
        home: list[Answer] | None = None  # once the loops are used up, the answers of the way home, last first
        while len(answers) <= self.bound:
            node, stop = settle(program, node, state)
            if stop is not None:
                return self._stopped(answers, node, stop)
            if program.steps[node].kind == "outcome":
                return Walk(tuple(answers), program.ids[node], True)
            if loops >= LOOPS and home is None:
                home = self._home((node, state))
                if home is None:
                    return Walk(tuple(answers), program.ids[node], False, "no walk from here reaches an outcome")
            wanted = home.pop() if home else None
            if wanted is None:
                ways = moves(program, node, state, self._numbers(node, chooser))
            else:  # the way home's own answer: a label among those offered, or its number
                ways = moves(program, node, state, [wanted] if type(wanted) is int else None)
            if not isinstance(ways, list):
                return self._stopped(answers, node, ways)
            if wanted is None:
                answer, way, after = chooser.choice(ways)
            else:
                answer, way, after = next(m for m in ways if m[0] == wanted)
            loops += way.loop
            answers.append(answer)
            if not isinstance(after, tuple):
                return self._stopped(answers, node, after)
            node, state = way.next, after
        return Walk(tuple(answers), program.ids[node], False, f"it did not end within {self.bound} answers")

    def _numbers(self, node: int, chooser: random.Random) -> list[int] | None:
        """One number for a number node: half the time one the conditions tell apart, else any in range."""
        step = self.program.steps[node]
        if step.kind != "number":
            return None
        assert step.fact is not None
        domain = self.program.domains[step.fact]
        tried = self.numbers.get(domain.name, ())
        return [chooser.choice(tried) if tried and chooser.randint(0, 1) else chooser.randint(domain.low, domain.high)]

    def _every_number(self, node: int) -> tuple[int, ...] | None:
        """The numbers the way home tries at a number node: every one in a small range, in a wide one (past
        HOMEWARD) those the conditions tell apart."""
        step = self.program.steps[node]
        if step.kind != "number":
            return None
        assert step.fact is not None
        domain = self.program.domains[step.fact]
        return None if domain.size <= HOMEWARD else self.numbers.get(domain.name, (domain.low, domain.high))

    def _home(self, start: Place) -> list[Answer] | None:
        """The answers of a shortest walk from a waiting place to an outcome, last first: None if there is none
        (a trap), or a random walk on ([]) where the search passes HOMEWARD places."""
        program = self.program
        came: dict[Place, tuple[Place, Answer] | None] = {start: None}
        queue = deque([start])
        while queue:
            place = queue.popleft()
            if program.steps[place[0]].kind == "outcome":
                path: list[Answer] = []
                while (back := came[place]) is not None:
                    place, answer = back
                    path.append(answer)
                return path
            ways = moves(program, *place, self._every_number(place[0]))
            for answer, way, after in ways if isinstance(ways, list) else ():
                if not isinstance(after, tuple):
                    continue
                settled, stop = settle(program, way.next, after)
                if stop is None and (settled, after) not in came:
                    if len(came) >= HOMEWARD:
                        return []
                    came[settled, after] = (place, answer)
                    queue.append((settled, after))
        return None

    def _stopped(self, answers: list[Answer], node: int, stop: Stop) -> Walk:
        return Walk(tuple(answers), self.program.ids[node], False, stopped(self.program, node, stop))
