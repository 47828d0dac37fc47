"""A tree's Markdown as plain lines of text, for a reader without the full-screen UI.

A screen reader speaks `**` and `[…](…)` as punctuation, and a braille display shows
them, so the plain mode prints what the Markdown means rather than how it was written:
paragraphs on one line each (the terminal or the display wraps them), lists with their
markers, the words of a link followed by its address, emphasis without its stars. It is
read as CommonMark, as the terminal UI reads it, and HTML-looking text stays text.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from quiz.format.model import Info, Number, Outcome, Question
from quiz.play.session import Session
from quiz.text import printable

__all__ = ["journey", "markdown_lines", "markdown_words", "one_line", "shown"]


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_lines(text: str) -> list[str]:
    """The Markdown as lines to print, blocks parted by an empty line; controls already replaced."""
    root = SyntaxTreeNode(_parser().parse(printable(text)))
    return _blocks(root.children)


def markdown_words(text: str) -> str:
    """The Markdown's words on one line, without list markers, as a list of answers names a question."""
    root = SyntaxTreeNode(_parser().parse(printable(text)))
    words = ["".join(_pieces(n)) if n.type == "inline" else n.content for n in root.walk() if n.type in _WORDS]
    return " ".join(" ".join(words).split())


_WORDS = ("inline", "fence", "code_block")


def _blocks(nodes: list[SyntaxTreeNode], *, tight: bool = False) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        block = _block(node)
        if block and lines and not tight:
            lines.append("")
        lines += block
    return lines


def _block(node: SyntaxTreeNode) -> list[str]:
    if node.type in ("paragraph", "heading"):
        return _inline(node.children[0]) if node.children else []
    if node.type in ("bullet_list", "ordered_list"):
        return _list(node)
    if node.type == "blockquote":
        return ["  " + line if line else "" for line in _blocks(node.children)]
    if node.type in ("fence", "code_block"):
        return ["    " + line for line in node.content.rstrip("\n").split("\n")]
    return []  # a thematic break parts blocks as the empty line between them already does


def _list(node: SyntaxTreeNode) -> list[str]:
    start = node.attrs.get("start", 1) if node.type == "ordered_list" else None
    # A tight list's paragraphs are hidden: its items follow one another with no line between.
    tight = any(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
    lines: list[str] = []
    for number, item in enumerate(node.children, int(start) if start is not None else 0):
        marker = "- " if start is None else f"{number}. "
        body = _blocks(item.children, tight=tight) or [""]
        if lines and not tight:
            lines.append("")
        lines.append(marker + body[0])
        lines += [" " * len(marker) + line if line else "" for line in body[1:]]
    return lines


def _inline(node: SyntaxTreeNode) -> list[str]:
    """An inline run as lines: a hard break starts a new one, a soft break is a space."""
    lines = [""]
    for piece in _pieces(node):
        if piece == "\n":
            lines.append("")
        else:
            lines[-1] += piece
    return [line.strip() for line in lines]


def _pieces(node: SyntaxTreeNode) -> list[str]:
    out: list[str] = []
    for child in node.children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "link":
            words = "".join(_pieces(child))
            href = str(child.attrs.get("href", ""))
            shown = href and href not in (words, f"mailto:{words}")  # an autolink already shows its address
            out.append(f"{words} ({href})" if shown else words)
        elif child.type == "image":
            words = "".join(_pieces(child))
            src = str(child.attrs.get("src", ""))
            out.append(f"{words} ({src})" if words else src)
        else:  # emphasis and strong: their words, without the markers
            out += _pieces(child)
    return out


def one_line(text: str) -> str:
    """A one-line text from a tree (a title, a label), safe to print."""
    return printable(text, one_line=True)


def shown(session: Session) -> list[str]:
    """What the reader is shown of the node the session is at, as lines, to print once each."""
    node = session.node
    progress = str(session.progress)
    if isinstance(node, Question):
        choices = [f"  {n}. {one_line(c.label)}" for n, c in enumerate(session.choices(), 1)]
        return [_capital(progress), *markdown_lines(node.text), *_help(node.help), *choices]
    if isinstance(node, Number):
        low, high = session.number_range()
        return [
            _capital(progress),
            *markdown_lines(node.text),
            *_help(node.help),
            f"A whole number from {low} to {high}.",
        ]
    if isinstance(node, Info):
        return [f"Page: {one_line(node.title)}" if node.title else "A page of advice", *markdown_lines(node.text)]
    assert isinstance(node, Outcome)
    return [
        f"Advice: {one_line(node.title)}",
        *markdown_lines(node.text),
        "",
        "How you got here:",
        *journey(session),
        "",
        _capital(progress) + ".",
    ]


def journey(session: Session) -> list[str]:
    """The way to where the session is, a line a step: each question and its answer, each page passed."""
    lines = []
    for n, (node_id, answer) in enumerate(session.journey(), 1):
        node = session.tree.nodes[node_id]
        if isinstance(node, Question | Number):
            lines.append(f"{n}. {markdown_words(node.text)} — {one_line(str(answer))}")
        else:
            title = one_line(node.title) if isinstance(node, Info) and node.title else "a page of advice"
            lines.append(f"{n}. Read: {title}")
    return lines or ["You came straight here: there was nothing to answer on the way."]


def _help(text: str | None) -> list[str]:
    return markdown_lines(text) if text else []


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
