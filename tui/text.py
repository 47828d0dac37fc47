"""Tree text on screen: always content, never markup, never a control character; Markdown read as CommonMark."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from textual.content import Content

from quiz.text import printable


def plain(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """Text exactly as the tree wrote it; `[bold]` stays `[bold]`."""
    content = Content(printable(text, one_line=one_line))
    return content.stylize(style) if style else content


def markdown_source(text: str) -> str:
    """Markdown from a tree, with anything a terminal could act on removed."""
    return printable(text)


@cache
def markdown_parser() -> MarkdownIt:
    """One parser for all: CommonMark as the spec reads it, but for two things a tree must not do.

    Text that looks like HTML (`Press <Enter>`, `<details>`) is text, shown as written:
    a terminal cannot render HTML, and dropping it would drop the author's words. Links
    and images become their words followed by their address, so nothing on screen can
    be clicked to open anything. A parse keeps its state to itself, so the one parser
    may read in several threads at once.
    """
    parser = MarkdownIt("commonmark", {"html": False})
    parser.core.ruler.push("links_as_text", _links_as_text)
    return parser


def markdown_plain(text: str) -> str:
    """The words of a piece of Markdown on one line, without its markers: `**still**` reads `still`."""
    words: list[str] = []
    for token in markdown_parser().parse(markdown_source(text)):
        if token.type == "inline" and token.children:
            words.extend(" " if c.type.endswith("break") else c.content for c in token.children if c.type in _WORDS)
            words.append(" ")
        elif token.type in ("fence", "code_block"):
            words.append(token.content)
    return " ".join("".join(words).split())


_WORDS = {"text", "code_inline", "softbreak", "hardbreak"}


def _links_as_text(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _unlinked(token.children)


def _unlinked(children: list[Token]) -> list[Token]:
    kept: list[Token] = []
    opened: list[tuple[str, int]] = []  # each open link's address, and where its words begin
    for child in children:
        if child.type == "link_open":
            opened.append((str(child.attrs.get("href", "")), len(kept)))
        elif child.type == "link_close":
            href, start = opened.pop()
            words = "".join(c.content for c in kept[start:] if c.type in ("text", "code_inline"))
            if href and href not in (words, f"mailto:{words}"):  # an autolink already shows its address
                kept.append(_text(f" ({href})"))
        elif child.type == "image":
            src = str(child.attrs.get("src", ""))
            kept.append(_text(f"{child.content} ({src})" if child.content else src))
        else:
            kept.append(child)
    return kept


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)
