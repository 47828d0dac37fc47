"""The advice reached, with the answers that led there, as a Markdown document to keep."""

from __future__ import annotations

import datetime

from quiz.format.model import Question
from quiz.play.session import Session


def one_line(text: str) -> str:
    return " ".join(text.split())


def markdown(session: Session, today: datetime.date | None = None) -> str:
    outcome = session.outcome
    if outcome is None:
        raise ValueError("the session has not reached an outcome yet")
    tree = session.tree
    today = today or datetime.date.today()
    lines = [
        f"# {one_line(outcome.title)}",
        "",
        f"*From “{one_line(tree.title)}” (version {tree.version}), {today.isoformat()}.*",
        "",
        outcome.text.strip(),
        "",
        "## Your answers",
        "",
    ]
    for number, (question_id, label) in enumerate(session.steps(), 1):
        question = tree.nodes[question_id]
        assert isinstance(question, Question)
        lines.append(f"{number}. {one_line(question.text)} — **{one_line(label)}**")
    if not session.answers:
        lines.append("No questions were asked on the way.")
    return "\n".join(lines) + "\n"
