"""The advice reached, with the whole way there, as a Markdown document to keep."""

from __future__ import annotations

import datetime
import re

from quiz.format.model import Info, Number, Question
from quiz.play.session import Session

__all__ = ["escape", "file_name", "markdown"]

# Characters that can start a link, an image, emphasis, code, HTML, an entity, a heading's
# closing sequence or a table cell within a line of Markdown.
_INLINE = re.compile(r"[\\`*_\[\]<>#&|~]")


def one_line(text: str) -> str:
    return " ".join(text.split())


def escape(text: str) -> str:
    """A one-line text (a title, a label) as Markdown that shows exactly its characters, as text.

    For a text that follows something else on its line, as each one does in the saved
    file: there, no character but these can make it a link, HTML or emphasis.
    """
    return _INLINE.sub(lambda m: "\\" + m[0], one_line(text))


def file_name(tree_id: str, today: datetime.date, *, ascii_only: bool = False) -> str:
    """A name for the saved advice: the tree's id made a plain file name, and the date.

    Only letters, digits, `_` and `-` are kept, so no id (`../../x`, `/abs`, `..`) can
    name another folder, a hidden file, or nothing at all. With `ascii_only`, only ASCII
    ones: a name sent to a browser travels in an HTTP header, which is ASCII.
    """
    flags = re.ASCII if ascii_only else re.NOFLAG
    stem = re.sub(r"[^\w-]+", "-", tree_id, flags=flags).strip("-_")[:60].strip("-_") or "advice"
    return f"{stem}-{today.isoformat()}.md"


def markdown(session: Session, today: datetime.date | None = None) -> str:
    outcome = session.outcome
    if outcome is None:
        raise ValueError("the session has not reached an outcome yet")
    tree = session.tree
    today = today or datetime.date.today()
    lines = [
        f"# {escape(outcome.title)}",
        "",
        f"*From “{escape(tree.title)}” (version {escape(tree.version)}), {today.isoformat()}.*",
        "",
        outcome.text.strip(),
        "",
        "## How you got here",
        "",
    ]
    journey = session.journey()
    for number, (node_id, label) in enumerate(journey, 1):
        node = tree.nodes[node_id]
        marker = f"{number}. "
        if isinstance(node, Question | Number):
            lines += _item(marker, node.text, f"Your answer: **{escape(str(label))}**")
        else:
            assert type(node) is Info
            heading = f"A page of advice: **{escape(node.title)}**" if node.title else "A page of advice"
            lines += _item(marker, heading, node.text)
    if not journey:
        lines += ["You came straight here: there was nothing to answer on the way.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _item(marker: str, first: str, then: str) -> list[str]:
    """A list item of two blocks of Markdown, every line indented to stay inside the item."""
    indent = " " * len(marker)
    block = [*_indented(first, indent), "", *_indented(then, indent), ""]
    block[0] = marker + block[0][len(indent) :]
    return block


def _indented(text: str, indent: str) -> list[str]:
    return [indent + line if line.strip() else "" for line in text.strip().splitlines()]
