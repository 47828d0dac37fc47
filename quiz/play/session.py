"""A session: a tree and the answers given so far, as a value.

Every move returns a new session, so the UI can keep history, undo by dropping values,
and save one to disk as a small JSON record. The answers are labels at questions and whole
numbers at number nodes; the facts are what those answers made of them, step by step
(quiz.format.walk). Pages are passed without an answer, and routes are followed without
the reader ever stopping at them.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from quiz.check.graph import Walks, walks
from quiz.errors import BadRecord, NotAChoice, UnfinishedTree
from quiz.format.model import Answer, Choice, Node, Number, Outcome, Route, Tree, Value
from quiz.format.record import RECORD_FORMAT, Record
from quiz.format.walk import Program, State, Step, Stop, branch, give, offered, take

ASKS = ("question", "number")  # the kinds of node that take an answer


@attrs.frozen
class Progress:
    answered: int
    to_go: int  # questions left, counting the current one: at most this many, or (with a loop ahead) at least
    finished: bool = False
    loop_ahead: bool = False

    @property
    def at_most_to_go(self) -> int | None:
        return None if self.loop_ahead else self.to_go

    def __str__(self) -> str:
        done = f"{self.answered} answered"
        if self.finished:
            return f"done · {done}"
        if self.to_go == 0:
            return f"{done} · no questions left"
        bound = "at least" if self.loop_ahead else "at most"
        return f"question {self.answered + 1} · {bound} {self.to_go} to go"


@attrs.frozen
class Session:
    tree: Tree = attrs.field(repr=False)
    answers: tuple[Answer, ...] = ()
    path: tuple[str, ...] = ()  # every node the walk has been at, routes included; it rests at the last
    states: tuple[State, ...] = attrs.field(default=(), repr=False)  # the facts at each node of the path
    walks: Walks = attrs.field(eq=False, repr=False, default=None)
    program: Program = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def start(cls, tree: Tree) -> Session:
        """A fresh session. The tree must be free of errors: every walk ends at an outcome."""
        program = Program.of(tree)
        return cls(tree, (), (tree.start,), (program.first(),), walks(tree), program)._onward()

    @property
    def current(self) -> str:
        return self.path[-1]

    @property
    def node(self) -> Node:
        return self.tree.nodes[self.current]

    @property
    def state(self) -> State:
        return self.states[-1]

    @property
    def facts(self) -> dict[str, Value | None]:
        """The facts as the walk has them now, by name (None: not set yet)."""
        return {d.name: value for d, value in zip(self.program.domains, self.state, strict=True)}

    @property
    def finished(self) -> bool:
        return self.node.kind == "outcome"

    @property
    def outcome(self) -> Outcome | None:
        node = self.node
        return node if isinstance(node, Outcome) else None

    @property
    def read(self) -> int:
        """The pages read since the last answer (or since the start)."""
        count = 0
        for node_id in reversed(self.path[:-1]):
            kind = self.tree.nodes[node_id].kind
            if kind in ASKS:
                break
            count += kind == "info"
        return count

    @property
    def progress(self) -> Progress:
        here = self.current
        ahead = self.walks.loop_ahead[here]
        to_go = (self.walks.fewest_questions if ahead else self.walks.most_questions)[here]
        return Progress(len(self.answers), to_go, self.finished, ahead)

    def number_range(self) -> tuple[int, int]:
        """The numbers the current number node takes: its fact's least and greatest value."""
        node = self.node
        assert isinstance(node, Number)
        domain = self.program.domains[self.program.index[node.fact]]
        return domain.low, domain.high

    def choices(self) -> list[Choice]:
        """The choices the current question offers in this state, in order: what a reader sees, numbered from 1."""
        node, step = self.node, self._step()
        if node.kind != "question":
            return []
        shown = offered(step, self.state)
        if not isinstance(shown, list):
            raise UnfinishedTree(f"question {self.current!r} offers no choice here; check the tree first")
        return [node.choices[i] for i in shown]

    def steps(self) -> list[tuple[str, Answer]]:
        """The questions answered so far, in order, as (node id, the label chosen or the number given)."""
        asked = [n for n in self.path[:-1] if self.tree.nodes[n].kind in ASKS]
        return list(zip(asked, self.answers, strict=True))

    def journey(self) -> list[tuple[str, Answer | None]]:
        """Every node the reader passed on the way to the current one, in order: (question id, its answer),
        (page id, None). Routes, which the reader never sees, are left out."""
        answers = iter(self.answers)
        out: list[tuple[str, Answer | None]] = []
        for node_id in self.path[:-1]:
            kind = self.tree.nodes[node_id].kind
            if kind in ASKS:
                out.append((node_id, next(answers)))
            elif kind == "info":
                out.append((node_id, None))
        return out

    def answer(self, answer: Answer) -> Session:
        """Give the current question a label it offers, or the current number node a number in its range."""
        node, step = self.node, self._step()
        if isinstance(node, Number):
            low, high = self.number_range()
            if type(answer) is not int or not low <= answer <= high:
                raise NotAChoice(f"{answer!r} is not a whole number from {low} to {high}")
            return self._to(node.next, give(step, answer, self.state), answer)
        if node.kind != "question":
            raise NotAChoice(f"{self.current!r} is {node.kind}, not a question: there is nothing to answer")
        for choice in self.choices():
            if choice.label == answer and type(answer) is str:
                i = node.choices.index(choice)
                after = take(step.ways[i], self.state, self.program.domains)
                return self._to(choice.next, self._going(after), answer)
        labels = ", ".join(repr(c.label) for c in self.choices())
        if any(c.label == answer for c in node.choices):
            raise NotAChoice(f"{answer!r} is a choice of {self.current!r} not offered here; offered are {labels}")
        raise NotAChoice(f"{answer!r} is not a choice of {self.current!r}; the choices are {labels}")

    def proceed(self) -> Session:
        """Go on from an info page."""
        node = self.node
        if node.kind != "info":
            raise NotAChoice(f"{self.current!r} is {node.kind}, not an info page")
        return self._to(node.next, self.state, None)

    def back(self) -> Session:
        """One step back: to the page or question before this one, routes passed over. At the start, stays."""
        at = len(self.path) - 1
        while at > 0:
            at -= 1
            if self.tree.nodes[self.path[at]].kind != "route":
                break
        else:
            return self
        return self._cut(at)

    def restart(self) -> Session:
        first = attrs.evolve(self, answers=(), path=(self.tree.start,), states=(self.program.first(),))
        return first._onward()

    def asked(self, step: int) -> Session:
        """The session as it stood when question `step` (0-based) was asked, the pages before it passed."""
        if not 0 <= step < len(self.answers):
            raise IndexError(f"there is no answer {step + 1} to go back to: {len(self.answers)} were given")
        asking = [i for i, node_id in enumerate(self.path) if self.tree.nodes[node_id].kind in ASKS]
        return self._cut(asking[step])

    def change(self, step: int, answer: Answer) -> Session:
        """Answer question `step` (0-based) anew, keeping later answers while the new walk meets their questions.

        The new walk passes the pages the reader has already read on the way, and stops at
        the first page they have not, so that it is read rather than skipped; it also stops
        at a question not answered before (or whose answer is no longer offered), and at an
        outcome. Each earlier answer is given again at most once, so a loop cannot take it round.
        """
        later: dict[str, list[Answer]] = {}
        for node_id, given in self.steps()[step + 1 :]:
            later.setdefault(node_id, []).append(given)
        seen = set(self.path)
        session = self.asked(step).answer(answer)
        while True:
            kind = session.node.kind
            if kind == "info" and session.current in seen:
                session = session.proceed()
            elif kind in ASKS and later.get(session.current):
                try:
                    session = session.answer(later[session.current].pop(0))
                except NotAChoice:
                    return session
            else:
                return session

    def replay(self, answers: Sequence[Answer], read: int = 0) -> Session:
        """A session of the same tree, given these answers (passing pages), then `read` pages."""
        session, used = self.follow(answers)
        if used < len(answers):
            session.answer(answers[used])  # raises NotAChoice, naming the answer that does not fit
        for _ in range(read):
            if session.node.kind != "info":
                break
            session = session.proceed()
        return session

    def follow(self, answers: Sequence[Answer]) -> tuple[Session, int]:
        """Replay answers from the start while they fit; also how many did."""
        session = self.restart()
        for used, given in enumerate(answers):
            while session.node.kind == "info":
                session = session.proceed()
            try:
                session = session.answer(given)
            except NotAChoice:
                return session, used
        return session, len(answers)

    def record(self) -> dict[str, object]:
        """The session as JSON values, to save and resume later."""
        from quiz.format.convert import record_data  # the converter is built only when a place is kept

        record = Record(session=RECORD_FORMAT, tree=self.tree.id, version=self.tree.version, answers=self.answers)
        return record_data(attrs.evolve(record, read=self.read))

    def resume(self, data: object) -> tuple[Session, int]:
        """The session a saved record describes, as far as its answers still fit this tree.

        Returns the session and how many saved answers had to be dropped (a record of
        another version of the tree may no longer fit all the way).
        """
        from quiz.format.convert import record_of

        try:
            record = record_of(data)
        except ValueError as error:
            raise BadRecord(f"the saved session is not a session record: {error}") from error
        if record.session != RECORD_FORMAT:
            raise BadRecord(f"the saved session is of record format {record.session}, not {RECORD_FORMAT}")
        if record.tree != self.tree.id:
            raise BadRecord(f"the saved session is for tree {record.tree!r}, not {self.tree.id!r}")
        session, used = self.follow(record.answers)
        if used < len(record.answers):
            return session, len(record.answers) - used
        return session.replay(record.answers, record.read), 0

    # --- moving -----------------------------------------------------------------------------------

    def _step(self) -> Step:
        return self.program.steps[self.program.number[self.current]]

    def _going(self, after: State | Stop) -> State:
        if not isinstance(after, tuple):
            raise UnfinishedTree(f"a walk stops at {self.current!r} ({after}); check the tree first")
        return after

    def _to(self, target: str, state: State, answer: Answer | None) -> Session:
        answers = self.answers if answer is None else (*self.answers, answer)
        moved = attrs.evolve(self, answers=answers, path=(*self.path, target), states=(*self.states, state))
        return moved._onward()

    def _onward(self) -> Session:
        """Past any routes, to the next node the reader stops at."""
        session = self
        while session.node.kind == "route":
            node = session.node
            assert isinstance(node, Route)
            followed = branch(session._step(), session.state)
            if not isinstance(followed, int):
                raise UnfinishedTree(f"no route of {session.current!r} holds here; check the tree first")
            target = node.routes[followed].next
            session = attrs.evolve(session, path=(*session.path, target), states=(*session.states, session.state))
        return session

    def _cut(self, at: int) -> Session:
        """The session back at path position `at`, with the answers given before it."""
        asked = sum(self.tree.nodes[n].kind in ASKS for n in self.path[:at])
        return attrs.evolve(self, answers=self.answers[:asked], path=self.path[: at + 1], states=self.states[: at + 1])
