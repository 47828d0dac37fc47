"""Tree text on screen: always content, never markup, never a control character."""

from __future__ import annotations

from textual.content import Content

from quiz.check import printable


def plain(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Text exactly as the tree wrote it; `[bold]` stays `[bold]`."""
    content = Content(printable(text, one_line=one_line))
    return content.stylize(style) if style else content


def markdown_source(text: str) -> str:
    """Markdown from a tree, with anything a terminal could act on removed.

    Textual's Markdown widget renders through markdown-it, which does not read Textual
    markup; what is left to guard against is control characters.
    """
    return printable(text)
