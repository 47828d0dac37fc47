"""Tree text on screen: always content, never markup, never a control character."""

from __future__ import annotations

from textual.content import Content

from quiz.text import printable


def plain(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Text exactly as the tree wrote it; `[bold]` stays `[bold]`."""
    content = Content(printable(text, one_line=one_line))
    return content.stylize(style) if style else content


def markdown_source(text: str) -> str:
    """Markdown from a tree, with anything a terminal could act on removed.

    Rich turns Markdown into styled text and never reads console or Textual markup in it;
    what is left to guard against is control characters.
    """
    return printable(text)
