"""Every answer sequence of one version of a tree, replayed on another, all at once, facts and all.

A sequence is what a reader gives: labels at questions, whole numbers at number nodes (every
number in the fact's range). Both versions take the engine's steps (quiz.format.walk): only
offered choices, routes by the facts, a walk that reads an unset fact or leaves a range
stopping there. A sequence goes round a loop (a `loop` choice) at most LOOPS times, so there
are finitely many; with no loop and no facts these are all the tree's walks.

After each answer a sequence is at a place in each version (a node waiting for the reader
and the state of the facts); sequences through the same pair of places go on alike, so each
pair is followed once and its counts are kept. The work is the number of pairs met, about
the old tree's size where there are no facts, bounded by a budget the caller gives; the
numbers a number node takes, and the old places counted or looked through for examples,
are spent from the same budget, so a range of a billion numbers stops the comparison rather
than hanging it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import attrs

from quiz.format.model import Answer, Tree
from quiz.format.walk import OutOfRange, Program, State, Stop, Unset, answered, moves, settle
from quiz.text import quote

__all__ = ["EXACT_LIMIT", "LISTED", "LOOPS", "Comparison", "Count", "Rerouted", "add", "ending", "stopped"]

LOOPS = 3  # a sequence goes round loops at most this many times in all
LISTED = 20  # sequences that end elsewhere, given as examples
EXACT_LIMIT = 10**18  # counts up to this are exact; past it, only the order of magnitude is kept

Count = int | float  # int: exact; float: log10 of a count past EXACT_LIMIT
Old = tuple[int, State, int]  # an old place: a waiting node, the facts, and the loops gone round
New = tuple[int, State] | str  # a new place, or where the sequence stopped, in words


@attrs.frozen
class Rerouted:
    """An answer sequence of the old tree that ends elsewhere (or nowhere) in the new one."""

    answers: tuple[Answer, ...]  # labels, and numbers for number nodes
    before: str
    after: str  # an outcome id, or a description of where the walk stopped


def add(a: Count, b: Count) -> Count:
    if type(a) is int and type(b) is int:
        total = a + b
        return total if total <= EXACT_LIMIT else math.log10(total)
    if not a or not b:
        return a or b
    high, low = sorted((a if type(a) is float else math.log10(a), b if type(b) is float else math.log10(b)))[::-1]
    return high + math.log10(1 + 10 ** (low - high))


def stopped(program: Program, node: int, stop: Stop) -> str:
    """Why a walk stops at a node, in words."""
    if isinstance(stop, Unset):
        return f"it reads the fact {quote(program.domains[stop.fact].name)} before any step sets it"
    if isinstance(stop, OutOfRange):
        return f"it takes the fact {quote(program.domains[stop.fact].name)} to {stop.value}, out of its range"
    return "no route holds there" if program.steps[node].kind == "route" else "no choice is offered there"


def _no_longer_fits(used: int, answer: Answer, node_id: str) -> str:
    return f"answer {used + 1} ({quote(answer)}) no longer fits at {quote(node_id)}"


def _onward(program: Program, place: tuple[int, State], used: int, answer: Answer) -> New:
    """Where the `used`-th answer (from 0) leads from a new place: the next place, or what stopped it."""
    node, state = place
    found = answered(program, node, state, answer)
    if found is None:
        return _no_longer_fits(used, answer, program.ids[node])
    there = f"answer {used + 1} ({quote(answer)}) stops at {quote(program.ids[node])}"
    if not isinstance(found, tuple):
        return f"{there}: {stopped(program, node, found)}"
    way, after = found
    if not isinstance(after, tuple):
        return f"{there}: {stopped(program, node, after)}"
    return _settled(program, way.next, after)


def _settled(program: Program, node: int, state: State) -> New:
    at, stop = settle(program, node, state)
    return (at, state) if stop is None else f"the walk stops at {quote(program.ids[at])}: {stopped(program, at, stop)}"


def _waiting(program: Program, place: New) -> str:
    """Where a sequence that ended in the old tree stands in the new one: an outcome's id, or in words."""
    if isinstance(place, str):
        return place
    node = place[0]
    kind = program.steps[node].kind
    return program.ids[node] if kind == "outcome" else f"{kind} {quote(program.ids[node])}, unanswered"


def ending(program: Program, answers: tuple[Answer, ...]) -> str:
    """Where the answers lead: an outcome's id, or what stopped them; one step an answer."""
    place = _settled(program, program.start, program.first())
    for used, answer in enumerate(answers):
        if isinstance(place, str):
            return place
        place = _onward(program, place, used, answer)
    return _waiting(program, place)


class _OverBudget(Exception):
    """The comparison has spent its budget."""


@attrs.define
class _Frame:
    at: tuple[Old, New]  # both waiting for the reader
    steps: Iterator[tuple[Answer, Old]]  # the old place's answers still to follow, and where each leads
    total: Count = 0
    elsewhere: Count = 0


class Comparison:
    """Every answer sequence of the old tree, replayed on the new one all at once, as pairs of places.

    It stops at `budget` pairs followed, or once `max_paths` sequences (if not negative) are compared,
    and says so.
    """

    def __init__(self, old: Tree, new: Tree, max_paths: int, budget: int) -> None:
        self.old, self.new = Program.of(old), Program.of(new)
        self.max_paths, self.budget = max_paths, budget
        self.states = 0
        self.checked: Count = 0
        self.done: dict[tuple[Old, New], tuple[Count, Count]] = {}
        self.from_old: dict[Old, Count] = {}  # sequences from an old place to an outcome
        self.examples: list[Rerouted] = []

    def run(self) -> tuple[tuple[Rerouted, ...], Count, Count, bool, int]:
        first = self.old.first()
        start, stop = settle(self.old, self.old.start, first)
        assert stop is None  # the old tree checks clean
        root = ((start, first, 0), _settled(self.new, self.new.start, self.new.first()))
        try:
            total, elsewhere, complete = self._walk(root)
        except _OverBudget:  # spent before the first pair was followed: nothing is compared
            total, elsewhere, complete = 0, 0, False
        return tuple(self.examples), total, elsewhere, complete, self.states

    def _spend(self, work: int = 1) -> None:
        """Count work done, or stop the comparison where it would pass the budget."""
        if self.states + work > self.budget:
            raise _OverBudget
        self.states += work

    def _outcome(self, place: Old) -> bool:
        return self.old.steps[place[0]].kind == "outcome"

    def _ends(self, new_node: int) -> bool:
        return self.new.steps[new_node].kind == "outcome"

    def _steps(self, place: Old) -> Iterator[tuple[Answer, Old]]:
        """The answers the old tree takes from a place, within the loops allowed (a clean tree never stops)."""
        node, state, loops = place
        step = self.old.steps[node]
        if step.kind == "number":
            assert step.fact is not None
            self._spend(self.old.domains[step.fact].size - 1)  # a question's few choices are not counted
        found = moves(self.old, node, state)
        ways = []
        for answer, way, after in found if isinstance(found, list) else ():
            if isinstance(after, tuple) and not (way.loop and loops >= LOOPS):
                at, stop = settle(self.old, way.next, after)
                if stop is None:
                    ways.append((answer, (at, after, loops + way.loop)))
        return iter(ways)

    def _walk(self, root: tuple[Old, New]) -> tuple[Count, Count, bool]:
        if isinstance(root[1], str):  # the new tree stops before the first answer
            count = self._sequences(root[0])
            self.checked = count
            self._cut_off([], root[0], root[1])
            return count, count, True
        if self._outcome(root[0]):
            total, elsewhere = self._leaf(root, [])
            self.checked = total
            return total, elsewhere, True
        stack = [_Frame(root, self._steps(root[0]))]
        self.states += 1
        stopped = False
        path: list[Answer] = []  # the answers that led to each frame but the first
        while stack:
            frame = stack[-1]
            step = None if stopped else next(frame.steps, None)
            if step is None:
                stack.pop()
                if path and len(stack) == len(path):
                    path.pop()
                if not stopped:
                    self.done[frame.at] = (frame.total, frame.elsewhere)
                if not stack:
                    return frame.total, frame.elsewhere, not stopped
                stack[-1].total = add(stack[-1].total, frame.total)
                stack[-1].elsewhere = add(stack[-1].elsewhere, frame.elsewhere)
                continue
            try:
                stopped = self._follow(stack, path, step)
            except _OverBudget:
                stopped = True
        raise AssertionError("the root frame returns")  # pragma: no cover

    def _follow(self, stack: list[_Frame], path: list[Answer], step: tuple[Answer, Old]) -> bool:
        """One answer from the frame on top of the stack: True where the comparison has to stop."""
        frame = stack[-1]
        answer, old_next = step
        answers = [*path, answer]
        new_place = frame.at[1]
        assert not isinstance(new_place, str)
        new_next = _onward(self.new, new_place, len(path), answer)
        if isinstance(new_next, str):  # every sequence through this answer ends elsewhere
            count = self._sequences(old_next)
            self._take(frame, count, count)
            self._cut_off(answers, old_next, new_next)
            return False
        pair = (old_next, new_next)
        if pair in self.done:
            total, elsewhere = self.done[pair]
            self._take(frame, total, elsewhere)
            if elsewhere and len(self.examples) < LISTED:
                self._examples_below(pair, answers)
        elif self._outcome(old_next):
            total, elsewhere = self._leaf(pair, answers)
            self._take(frame, total, elsewhere)
        elif self.states >= self.budget or self._enough():
            return True
        else:
            frame_below = _Frame(pair, self._steps(old_next))
            self.states += 1
            stack.append(frame_below)
            path.append(answer)
        return False

    def _enough(self) -> bool:
        """Whether `max_paths` sequences have been compared (a count kept as a logarithm is past any int given)."""
        return self.max_paths >= 0 and (type(self.checked) is float or self.max_paths <= self.checked)

    def _take(self, frame: _Frame, total: Count, elsewhere: Count) -> None:
        frame.total = add(frame.total, total)
        frame.elsewhere = add(frame.elsewhere, elsewhere)
        self.checked = add(self.checked, total)

    def _leaf(self, pair: tuple[Old, New], answers: list[Answer]) -> tuple[Count, Count]:
        """A sequence that ends at an old outcome: does it end at the same one in the new tree?"""
        before, new_place = self.old.ids[pair[0][0]], pair[1]
        if isinstance(new_place, tuple) and self.new.ids[new_place[0]] == before and self._ends(new_place[0]):
            return 1, 0
        after = _waiting(self.new, new_place)
        if len(self.examples) < LISTED:
            self.examples.append(Rerouted(tuple(answers), before, after))
        return 1, 1

    def _sequences(self, place: Old) -> Count:
        """How many answer sequences lead from an old place to an outcome: each place counted once."""
        stack = [place]
        while stack:
            at = stack[-1]
            if at in self.from_old:
                stack.pop()
                continue
            self._spend()
            nexts = [n for _, n in self._steps(at)]
            waiting = [n for n in nexts if n not in self.from_old]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            count: Count = 1 if self._outcome(at) else 0
            for n in nexts:
                count = add(count, self.from_old[n])
            self.from_old[at] = count
        return self.from_old[place]

    def _cut_off(self, answers: list[Answer], place: Old, why: str) -> None:
        """Examples of sequences stopped in the new tree by `why`: each way on from an old place, first answers first.

        A depth-first walk with one list of answers, so an example costs its length.
        """
        path = list(answers)
        stack = [(place, self._steps(place))]
        while stack and len(self.examples) < LISTED:
            at, steps = stack[-1]
            if self._outcome(at):
                self.examples.append(Rerouted(tuple(path), self.old.ids[at[0]], why))
            elif (step := next(steps, None)) is not None:
                self._spend()
                path.append(step[0])
                stack.append((step[1], self._steps(step[1])))
                continue
            stack.pop()
            if len(path) > len(answers):
                path.pop()

    def _examples_below(self, pair: tuple[Old, New], answers: list[Answer]) -> None:
        """Examples from a pair already followed: down the answers whose counts say something ends elsewhere.

        The stack holds pairs still to look into, in the order of the old tree's answers; a new
        place in words is where the sequences through it stopped.
        """
        stack: list[tuple[Old, New, list[Answer]]] = [(*pair, answers)]
        while stack and len(self.examples) < LISTED:
            old_place, new_place, answers = stack.pop()
            if isinstance(new_place, str):
                self._cut_off(answers, old_place, new_place)
            elif self._outcome(old_place):
                self._leaf((old_place, new_place), answers)
            else:
                self._spend()
                below: list[tuple[Old, New, list[Answer]]] = []
                for answer, old_next in self._steps(old_place):
                    new_next = _onward(self.new, new_place, len(answers), answer)
                    # A pair not kept is an outcome (or a stop): look at it.
                    if isinstance(new_next, str) or self.done.get((old_next, new_next), (0, 1))[1]:
                        below.append((old_next, new_next, [*answers, answer]))
                stack.extend(reversed(below))  # the first answer on top, to be taken first
