"""Which outcomes and which choices the scenarios leave untested."""

from __future__ import annotations

import attrs

from quiz.format.model import Info, Outcome, Question, Tree
from quiz.play.session import Session
from quiz.text import quote


@attrs.frozen
class Coverage:
    outcomes: int
    choices: int
    missed_outcomes: tuple[str, ...]
    missed_choices: tuple[tuple[str, str], ...]  # (question id, label)

    def as_dict(self) -> dict:
        return {
            "outcomes": self.outcomes,
            "choices": self.choices,
            "missed_outcomes": list(self.missed_outcomes),
            "missed_choices": [{"question": q, "label": label} for q, label in self.missed_choices],
        }

    def text(self, file: str) -> str:
        outcomes = f"{self.outcomes - len(self.missed_outcomes)} of {self.outcomes} outcomes"
        choices = f"{self.choices - len(self.missed_choices)} of {self.choices} choices"
        lines = [f"{file}: scenarios reach {outcomes} and take {choices}"]
        lines += [f"  outcome not reached: {quote(o)}" for o in self.missed_outcomes]
        lines += [f"  choice not taken: {quote(q)} → {quote(label)}" for q, label in self.missed_choices]
        return "\n".join(lines)


def coverage(tree: Tree) -> Coverage:
    """Requires a tree that checks clean; scenarios that do not fit count for as far as they go."""
    start = Session.start(tree)
    taken: set[tuple[str, str]] = set()
    reached: set[str] = set()
    for scenario in tree.scenarios:
        session, _ = start.follow(scenario.answers)
        while isinstance(session.node, Info):
            session = session.proceed()
        taken.update(session.steps())
        if session.finished:
            reached.add(session.current)
    outcomes = [i for i, n in tree.nodes.items() if isinstance(n, Outcome)]
    choices = [(i, c.label) for i, n in tree.nodes.items() if isinstance(n, Question) for c in n.choices]
    return Coverage(
        len(outcomes),
        len(choices),
        tuple(o for o in outcomes if o not in reached),
        tuple(c for c in choices if c not in taken),
    )
