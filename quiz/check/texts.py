"""The text rules: no text empty, none holding a control character, one-line texts on one line.

Which fields are texts, and which of them Markdown, the model says (quiz.format.fields).
The quick proof looks at a part's texts joined into one string, which for good texts is
decided by a few C-level string operations; only where it fails are the texts taken one
by one to say which and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import chain
from operator import attrgetter

import attrs

from quiz.findings import Anchor, Finding, JsonPath
from quiz.format.fields import nested_text_fields, text_fields, texts
from quiz.format.model import NODE_KINDS, Node, Tree
from quiz.text import CONTROL, quote

# Every character str.split() takes for space, but the plain space (a test keeps this list true).
OTHER_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_PLAIN = re.compile(f"[{OTHER_SPACE}" + CONTROL.pattern[1:])
_ASCII_PRINTABLE = bytes(range(0x20, 0x7F))


def text_findings(tree: Tree) -> Iterator[Finding]:
    """Each text that is empty, or holds a control character (or, on one line, a tab or line break)."""
    for path, text, markdown in texts(tree):
        node = path[1] if path[0] == "nodes" and isinstance(path[1], str) else None
        if not text.strip():
            yield Finding(
                "Q307",
                f"{_name(path)} is empty",
                path=path,
                anchor=Anchor.KEY if path[0] == "nodes" and len(path) == 2 else Anchor.VALUE,
                node=node,
                hint="write the text, or leave the key out where it is optional",
            )
        allowed = "\t\n" if markdown else ""
        bad = next((c for c in CONTROL.findall(text) if c not in allowed), None)
        if bad is None and not markdown and ("\n" in text or "\t" in text):
            bad = "\n" if "\n" in text else "\t"
        if bad is not None:
            yield Finding(
                "Q308",
                f"{_name(path)} holds the control character U+{ord(bad):04X}",
                path=path,
                anchor=Anchor.KEY if path[0] == "nodes" and len(path) == 2 else Anchor.VALUE,
                node=node,
                hint="remove it: control characters can move the cursor or change what a terminal shows"
                if markdown
                else "a one-line text cannot hold tabs, line breaks or control characters",
            )


def _name(path: JsonPath) -> str:
    if path[0] == "nodes":
        if len(path) == 2:
            return f"node id {quote(path[1])}"
        if path[2] == "choices" and isinstance(path[3], int):
            return f"node {quote(path[1])} choice {path[3] + 1} {path[4]}"
        return f"node {quote(path[1])} {path[2]}"
    if path[0] == "scenarios" and isinstance(path[1], int):
        return f"scenario {path[1] + 1} {path[2]}"
    return f"the tree's {path[0]}"


def top_texts_clean(tree: Tree) -> bool:
    """Whether the tree's own texts, outside the nodes, are all written plainly."""
    lines: list[str] = []
    markdown: list[str] = []
    for _, text, is_markdown in texts(attrs.evolve(tree, nodes={})):
        (markdown if is_markdown else lines).append(text)
    return Joined(lines).plain and markdown_clean(markdown)


def node_texts(nodes: Sequence[Node]) -> dict[tuple[str, str | None], tuple[bool, list[str]]]:
    """The texts of some nodes, field by field: (attribute, attribute of the values it holds) → (is Markdown, texts)."""
    out: dict[tuple[str, str | None], tuple[bool, list[str]]] = {}
    by_kind: dict[str, list[Node]] = {}
    for node in nodes:
        by_kind.setdefault(node.kind, []).append(node)
    for kind, group in by_kind.items():
        cl = NODE_KINDS[kind]
        for name, is_markdown in text_fields(cl):
            found = [text for text in map(attrgetter(name), group) if type(text) is str]  # not None, nor left out
            out.setdefault((name, None), (is_markdown, []))[1].extend(found)
        for outer, inner, is_markdown in nested_text_fields(cl):
            found = list(map(attrgetter(inner), chain.from_iterable(map(attrgetter(outer), group))))
            out.setdefault((outer, inner), (is_markdown, []))[1].extend(found)
    return out


class Joined:
    """Texts joined by NUL, for the quick proofs, which look at them all at once.

    `plain` says whether each is written plainly: not empty, no space at either end or two
    in a row, no control character and no space but the plain one. A NUL next to a space
    or another NUL shows the first three.
    """

    def __init__(self, texts: list[str]) -> None:
        self.text = text = "\x00".join(texts)
        self.plain = not texts or (
            bool(text)
            and text[0] not in " \x00"
            and text[-1] not in " \x00"
            and "\x00\x00" not in text
            and "\x00 " not in text
            and " \x00" not in text
            and "  " not in text
            and _only_printable(text, "\x00", _NOT_PLAIN)
            and text.count("\x00") == len(texts) - 1  # no text holds the separator itself
        )


def markdown_clean(markdown: list[str]) -> bool:
    """Whether each Markdown text has something to show and no control character but tab and line feed."""
    joined = "\x00".join(markdown)
    return not markdown or (
        all(markdown)
        and not any(map(str.isspace, markdown))
        and joined.count("\x00") == len(markdown) - 1  # no text holds the separator itself
        and _only_printable(joined, "\x00\n\t", CONTROL)
    )


def _only_printable(text: str, allowed: str, bad: re.Pattern[str]) -> bool:
    """Whether `text` holds nothing `bad` matches, but for `allowed`; quickest for printable text.

    Every character `bad` matches is unprintable, so printable text needs no regex: for
    ASCII, deleting the printable bytes must leave only allowed ones.
    """
    if text.isascii():
        rest = text.encode().translate(None, _ASCII_PRINTABLE)
        return not rest.translate(None, allowed.encode())
    for char in allowed:
        text = text.replace(char, " ")
    return text.isprintable() or not bad.search(text)
