"""A session: a tree and the answers given so far, as a value.

Every move returns a new session, so the UI can keep history, undo by dropping
values, and save one to disk as a small JSON record. Info pages are passed without an
answer: the state is the labels chosen at questions, plus how many info pages have
been read since the last of them.
"""

from __future__ import annotations

import attrs

from quiz.check.graph import Walks, walks
from quiz.errors import BadRecord, NotAChoice
from quiz.format.model import Info, Node, Outcome, Question, Tree
from quiz.format.record import RECORD_FORMAT, Record


@attrs.frozen
class Progress:
    answered: int
    at_most_to_go: int  # questions left, counting the current one
    finished: bool = False

    def __str__(self) -> str:
        done = f"{self.answered} answered"
        if self.finished:
            return f"done · {done}"
        if self.at_most_to_go == 0:
            return f"{done} · no questions left"
        return f"question {self.answered + 1} · at most {self.at_most_to_go} to go"


@attrs.frozen
class Session:
    tree: Tree = attrs.field(repr=False)
    answers: tuple[str, ...] = ()
    read: int = 0
    path: tuple[str, ...] = ()
    walks: Walks = attrs.field(eq=False, repr=False, default=None)

    @classmethod
    def start(cls, tree: Tree) -> Session:
        """A fresh session. The tree must be free of errors: every walk ends at an outcome."""
        return cls(tree, (), 0, (tree.start,), walks(tree))

    @property
    def current(self) -> str:
        return self.path[-1]

    @property
    def node(self) -> Node:
        return self.tree.nodes[self.current]

    @property
    def finished(self) -> bool:
        return type(self.node) is Outcome

    @property
    def outcome(self) -> Outcome | None:
        node = self.node
        return node if type(node) is Outcome else None

    @property
    def progress(self) -> Progress:
        return Progress(len(self.answers), self.walks.most_questions[self.current], self.finished)

    def steps(self) -> list[tuple[str, str]]:
        """The questions answered so far, in order, as (question id, label chosen)."""
        questions = [n for n in self.path[:-1] if type(self.tree.nodes[n]) is Question]
        return list(zip(questions, self.answers, strict=True))

    def journey(self) -> list[tuple[str, str | None]]:
        """Every node passed on the way to the current one, in order: (question id, label chosen), (page id, None)."""
        answers = iter(self.answers)
        return [(n, next(answers) if type(self.tree.nodes[n]) is Question else None) for n in self.path[:-1]]

    def answer(self, label: str) -> Session:
        node = self.node
        if type(node) is not Question:
            raise NotAChoice(f"{self.current!r} is {node.kind}, not a question: there is nothing to answer")
        for choice in node.choices:
            if choice.label == label:
                return attrs.evolve(self, answers=(*self.answers, label), read=0, path=(*self.path, choice.next))
        labels = ", ".join(repr(c.label) for c in node.choices)
        raise NotAChoice(f"{label!r} is not a choice of {self.current!r}; the choices are {labels}")

    def proceed(self) -> Session:
        """Go on from an info page."""
        node = self.node
        if type(node) is not Info:
            raise NotAChoice(f"{self.current!r} is {node.kind}, not an info page")
        return attrs.evolve(self, read=self.read + 1, path=(*self.path, node.next))

    def back(self) -> Session:
        """One step back: to the info page or question before this one. At the start, stays."""
        if len(self.path) == 1:
            return self
        if self.read:
            return attrs.evolve(self, read=self.read - 1, path=self.path[:-1])
        path = self.path[:-1]
        read = 0  # the info pages passed between the previous question and this one
        while read < len(path) - 1 and type(self.tree.nodes[path[-2 - read]]) is Info:
            read += 1
        return attrs.evolve(self, answers=self.answers[:-1], read=read, path=path)

    def restart(self) -> Session:
        return attrs.evolve(self, answers=(), read=0, path=(self.tree.start,))

    def asked(self, step: int) -> Session:
        """The session as it stood when question `step` (0-based) was asked, the pages before it passed."""
        if not 0 <= step < len(self.answers):
            raise IndexError(f"there is no answer {step + 1} to go back to: {len(self.answers)} were given")
        questions = [i for i, node_id in enumerate(self.path) if type(self.tree.nodes[node_id]) is Question]
        at = questions[step]
        read = at - questions[step - 1] - 1 if step else at
        return attrs.evolve(self, answers=self.answers[:step], read=read, path=self.path[: at + 1])

    def change(self, step: int, label: str) -> Session:
        """Answer question `step` (0-based) anew, keeping later answers while the new walk meets their questions.

        The new walk passes the pages the reader has already read on the way, and stops
        at the first page they have not, so that it is read rather than skipped; it also
        stops at the first question not answered before, and at an outcome.
        """
        earlier = dict(self.steps()[step + 1 :])
        seen = set(self.path)
        session = self.asked(step).answer(label)
        while True:
            kind = type(session.node)
            if kind is Info and session.current in seen:
                session = session.proceed()
            elif kind is Question and session.current in earlier:
                session = session.answer(earlier[session.current])
            else:
                return session

    def replay(self, answers: tuple[str, ...] | list[str], read: int = 0) -> Session:
        """A session of the same tree, given these answers (passing info pages), then `read` pages."""
        session, used = self.follow(answers)
        if used < len(answers):
            session.answer(answers[used])  # raises NotAChoice, naming the answer that does not fit
        for _ in range(read):
            if type(session.node) is not Info:
                break
            session = session.proceed()
        return session

    def follow(self, answers: tuple[str, ...] | list[str]) -> tuple[Session, int]:
        """Replay answers from the start while they fit; also how many did."""
        session = self.restart()
        for used, label in enumerate(answers):
            while type(session.node) is Info:
                session = session.proceed()
            try:
                session = session.answer(label)
            except NotAChoice:
                return session, used
        return session, len(answers)

    def record(self) -> dict[str, object]:
        """The session as JSON values, to save and resume later."""
        from quiz.format.convert import record_data  # the converter is built only when a place is kept

        return record_data(
            Record(
                session=RECORD_FORMAT,
                tree=self.tree.id,
                version=self.tree.version,
                answers=self.answers,
                read=self.read,
            )
        )

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
