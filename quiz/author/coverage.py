"""Which outcomes, choices and route branches the scenarios leave untested.

Each scenario is replayed as a reader would give its answers (labels, and numbers at number
nodes), facts and all, so a choice counts as taken only where its condition let the scenario
take it, and a route's branch as followed only where it was the first to hold.
"""

from __future__ import annotations

from typing import Any

import attrs

from quiz.format.model import Info, Outcome, Question, Route, Tree
from quiz.format.walk import branch
from quiz.play.session import Session
from quiz.text import quote


@attrs.frozen
class Coverage:
    outcomes: int
    choices: int
    missed_outcomes: tuple[str, ...]
    missed_choices: tuple[tuple[str, str], ...]  # (question id, label)
    branches: int = 0  # the routes' branches
    missed_branches: tuple[tuple[str, int, str | None], ...] = ()  # (route id, index from 0, its condition)

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcomes": self.outcomes,
            "choices": self.choices,
            "branches": self.branches,
            "missed_outcomes": list(self.missed_outcomes),
            "missed_choices": [{"question": q, "label": label} for q, label in self.missed_choices],
            "missed_branches": [{"route": r, "index": i, "when": when} for r, i, when in self.missed_branches],
        }

    def text(self, file: str) -> str:
        outcomes = f"{self.outcomes - len(self.missed_outcomes)} of {self.outcomes} outcomes"
        choices = f"{self.choices - len(self.missed_choices)} of {self.choices} choices"
        if self.branches:
            branches = f"{self.branches - len(self.missed_branches)} of {self.branches} route branches"
            lines = [f"{file}: scenarios reach {outcomes}, take {choices} and follow {branches}"]
        else:
            lines = [f"{file}: scenarios reach {outcomes} and take {choices}"]
        lines += [f"  outcome not reached: {quote(o)}" for o in self.missed_outcomes]
        lines += [f"  choice not taken: {quote(q)} → {quote(label)}" for q, label in self.missed_choices]
        lines += [
            f"  route branch not followed: {quote(r)} → branch {i + 1} ({'otherwise' if when is None else quote(when)})"
            for r, i, when in self.missed_branches
        ]
        return "\n".join(lines)


def coverage(tree: Tree) -> Coverage:
    """Requires a tree that checks clean; scenarios that do not fit count for as far as they go."""
    start = Session.start(tree)
    taken: set[tuple[str, str]] = set()
    followed: set[tuple[str, int]] = set()
    reached: set[str] = set()
    for scenario in tree.scenarios:
        session, _ = start.follow(scenario.answers)
        while isinstance(session.node, Info):
            session = session.proceed()
        taken.update((node_id, answer) for node_id, answer in session.steps() if type(answer) is str)
        followed.update(_branches(session))
        if session.finished:
            reached.add(session.current)
    outcomes = [i for i, n in tree.nodes.items() if isinstance(n, Outcome)]
    choices = [(i, c.label) for i, n in tree.nodes.items() if isinstance(n, Question) for c in n.choices]
    branches = [(i, k, b.when) for i, n in tree.nodes.items() if isinstance(n, Route) for k, b in enumerate(n.routes)]
    return Coverage(
        len(outcomes),
        len(choices),
        tuple(o for o in outcomes if o not in reached),
        tuple(c for c in choices if c not in taken),
        len(branches),
        tuple(b for b in branches if b[:2] not in followed),
    )


def _branches(session: Session) -> list[tuple[str, int]]:
    """The branch followed at each route the walk passed, read from the facts it had there."""
    program, out = session.program, []
    for node_id, state in zip(session.path[:-1], session.states, strict=False):
        if isinstance(session.tree.nodes[node_id], Route):
            index = branch(program.steps[program.number[node_id]], state)
            if isinstance(index, int):
                out.append((node_id, index))
    return out
