"""The rules a well-formed tree must keep, so that every walk from `start` ends at an outcome.

Each rule is one pass over the nodes or one use of the graph search; together they run
in time linear in nodes + choices. Findings name the node, point at the JSON path, and
carry a hint or a witness where one helps the author mend the tree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from itertools import islice

import attrs

from quiz.findings import Anchor, Finding, nearest
from quiz.graph import Search, numbered, route, search, sound
from quiz.model import Info, Question, Tree
from quiz.scenarios import check_scenarios

# C0 controls but tab and line feed, DEL, C1 controls, lone surrogates, and the bidi
# embeddings, overrides and isolates that can make text display other than it reads.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?")


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to show in a terminal: controls a broken tree may hold become U+FFFD."""
    text = CONTROL.sub("\ufffd", text)
    return " ".join(text.split()) if one_line else text


@attrs.frozen
class Proofs:
    """The quick passes' verdicts on a tree. True proves that a rule holds; False only means "look closer"."""

    graph_sound: bool  # every node reached from start, and no loop
    questions_sound: bool  # two or more choices each, labels a reader can tell apart
    texts_clean: bool  # no text empty, badly spaced or holding a control character


def prove(tree: Tree) -> Proofs:
    """The quick passes over a tree that no reader proved on its way."""
    graph = numbered(tree)
    return Proofs(graph is not None and sound(*graph), *quick_checks(tree))


def check(tree: Tree, proofs: Proofs | None = None) -> list[Finding]:
    """Every rule, in time linear in nodes and choices.

    A good tree is confirmed by quick passes (set operations and a topological sort), or
    by `proofs` that a reader of the file made on its way; only where one fails do the
    rules that find witnesses and name each text run.
    """
    proofs = prove(tree) if proofs is None else proofs
    found = None if proofs.graph_sound else search(tree)
    findings = []
    if found is not None:
        findings += [*_links(tree, found), *_loops(tree, found), *_unreachable(tree, found)]
    if not proofs.questions_sound:
        findings += _question_findings(tree, functools.cache(lambda: found or search(tree)))
    if not proofs.texts_clean:
        findings += _text_findings(tree)
    findings += check_scenarios(tree)
    if not _SEMVER.fullmatch(tree.version):
        findings.append(
            Finding(
                "Q501",
                f"version {tree.version!r} is not a semantic version",
                path=("version",),
                hint='use MAJOR.MINOR.PATCH, such as "1.0.0"',
            )
        )
    return findings


def _links(tree: Tree, found: Search) -> Iterator[Finding]:
    nodes = tree.nodes
    if tree.start not in nodes:
        guess = nearest(tree.start, nodes)
        yield Finding(
            "Q301",
            f"start {tree.start!r} names no node",
            path=("start",),
            hint=f"did you mean {guess!r}?" if guess else "start must be the id of a node in `nodes`",
        )
    for node_id, node in nodes.items():
        for path, target in _edges(node_id, node):
            if target in nodes:
                continue
            guess = nearest(target, nodes)
            yield Finding(
                "Q302",
                f"node {node_id!r} leads to {target!r}, but there is no node {target!r}",
                path=path,
                node=node_id,
                hint=f"did you mean {guess!r}?" if guess else "add that node, or point `next` at one that exists",
                witness=route(found.parent, node_id) if node_id in found.parent else (),
            )


def _edges(node_id: str, node) -> Iterator[tuple[tuple, str]]:
    if type(node) is Question:
        for i, choice in enumerate(node.choices):
            yield ("nodes", node_id, "choices", i, "next"), choice.next
    elif type(node) is Info:
        yield ("nodes", node_id, "next"), node.next


def _loops(tree: Tree, found: Search) -> Iterator[Finding]:
    for loop in found.loops:
        last = loop[-1]
        path = next(p for p, target in _edges(last, tree.nodes[last]) if target == loop[0])
        yield Finding(
            "Q304",
            f"a walk can go round forever: {' → '.join(loop)} → {loop[0]}",
            path=path,
            node=last,
            witness=(*route(found.parent, loop[0]), *loop[1:], loop[0]),
            hint=f"point node {last!r} at a node that does not lead back to {loop[0]!r}",
        )


def _unreachable(tree: Tree, found: Search) -> Iterator[Finding]:
    """One finding per orphaned region, at its root, rather than one per node in it."""
    nodes = tree.nodes
    orphans = [n for n in nodes if n not in found.parent]
    if not orphans or tree.start not in nodes:
        return
    pointed_at = {t for n in orphans for _, t in _edges(n, nodes[n]) if t in nodes}
    roots = [n for n in orphans if n not in pointed_at]
    covered: set[str] = set()
    for root in [*roots, *orphans]:
        if root in covered:
            continue
        size = _cover(tree, root, covered, found)
        beneath = f" (nor {size - 1} node{'s' * (size != 2)} reached only through it)" if size > 1 else ""
        yield Finding(
            "Q303",
            f"node {root!r} is not reached from start {tree.start!r}{beneath}",
            path=("nodes", root),
            anchor=Anchor.KEY,
            node=root,
            hint="lead a choice or an info page to it, or remove it",
        )


def _cover(tree: Tree, root: str, covered: set[str], found: Search) -> int:
    stack, size = [root], 0
    covered.add(root)
    while stack:
        node_id = stack.pop()
        size += 1
        for _, target in _edges(node_id, tree.nodes[node_id]):
            if target in tree.nodes and target not in covered and target not in found.parent:
                covered.add(target)
                stack.append(target)
    return size


def _question_findings(tree: Tree, searched: Callable[[], Search]) -> Iterator[Finding]:
    for node_id, node in tree.nodes.items():
        if type(node) is not Question:
            continue
        if not node.choices:
            yield Finding(
                "Q305",
                f"question {node_id!r} has no choices, so a walk that reaches it cannot go on",
                path=("nodes", node_id, "choices"),
                node=node_id,
                hint='add choices: [{"label": "...", "next": "..."}], or make it an outcome',
                witness=route(searched().parent, node_id) if node_id in searched().parent else (),
            )
        elif len(node.choices) == 1:
            yield Finding(
                "Q502",
                f"question {node_id!r} has only one choice",
                path=("nodes", node_id, "choices"),
                node=node_id,
                hint='a page with one way on is an info node: "kind": "info" with "next"',
            )
        seen: dict[str, int] = {}
        for i, choice in enumerate(node.choices):
            key = _label_key(choice.label)
            if key in seen:
                yield Finding(
                    "Q306",
                    f"question {node_id!r}: choices {seen[key] + 1} and {i + 1} share the label {choice.label!r}",
                    path=("nodes", node_id, "choices", i, "label"),
                    node=node_id,
                    hint="give each choice a label of its own; a reader could not tell them apart",
                )
            else:
                seen[key] = i


def _label_key(label: str) -> str:
    """Labels a reader could not tell apart have the same key."""
    return " ".join(label.split()).casefold()


# Every character str.split() takes for space, but the plain space (a test keeps this list true).
OTHER_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_PLAIN = re.compile(f"[{OTHER_SPACE}" + CONTROL.pattern[1:])
_ASCII_PRINTABLE = bytes(range(0x20, 0x7F))


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


class _Joined:
    """Texts joined by NUL, for the quick passes, which look at them all at once.

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


# Nodes looked at together by `quick_checks`.
PART = 1024


def quick_checks(tree: Tree, part: int = PART) -> tuple[bool, bool]:
    """The quick answers for a good tree: whether every question is sound, and every text clean.

    False only means "look closer": the rules one text at a time then decide. Nodes are
    taken a thousand at a time: their texts, joined, stay in the processor's cache,
    and each part reuses the memory the last one freed, where joining a million nodes'
    texts at once would touch a gigabyte of fresh memory.
    """
    questions_sound, texts_clean = True, top_texts_clean(tree)
    ids, nodes = iter(tree.nodes), iter(tree.nodes.values())
    while (questions_sound or texts_clean) and (some := list(islice(nodes, part))):
        ids_of_some = list(islice(ids, len(some)))
        questions_sound, texts_clean = part_proofs(ids_of_some, some, Question, questions_sound, texts_clean)
    return questions_sound, texts_clean


def top_texts_clean(tree: Tree) -> bool:
    """Whether the texts outside the nodes are all written plainly."""
    top = [tree.id, tree.version, tree.title, *(s.name for s in tree.scenarios)]
    if tree.language is not None:
        top.append(tree.language)
    return _Joined(top).plain and _markdown_clean([tree.description] if tree.description is not None else [])


def part_proofs(
    ids: list[str], nodes: list, question: type, questions_sound: bool, texts_clean: bool
) -> tuple[bool, bool]:
    """The verdicts so far, kept where they still hold for `nodes` too (with `ids`; questions of class `question`).

    Any values with the model's fields will do, so that a reader of the file can prove
    its nodes as it reads them, before any are built. A verdict already False is not worked out again.
    """
    questions = [n for n in nodes if type(n) is question]
    labels = _Joined([choice.label for q in questions for choice in q.choices])
    questions_sound = questions_sound and _questions_sound(questions, labels)
    if texts_clean:
        others = [n for n in nodes if type(n) is not question]
        texts_clean = _texts_clean(ids, others, questions, labels)
    return questions_sound, texts_clean


def _questions_sound(questions: list[Question], labels: _Joined) -> bool:
    """Two or more choices each, and labels a reader can tell apart.

    With every label written plainly, casefolding is all that makes labels compare as a
    reader sees them, and it is done to all at once.
    """
    counts = [len(q.choices) for q in questions]
    if min(counts, default=2) < 2 or not labels.plain:
        return False
    keys = labels.text.casefold().split("\x00")
    at = 0
    for count in counts:
        if len(set(keys[at : at + count])) != count:
            return False
        at += count
    return True


def _text_findings(tree: Tree) -> Iterator[Finding]:
    for path, text, may_be_long in _strings(tree):
        node = path[1] if path[0] == "nodes" else None
        if not text.strip():
            yield Finding(
                "Q307",
                f"{_name(path)} is empty",
                path=path,
                anchor=Anchor.KEY if path[0] == "nodes" and len(path) == 2 else Anchor.VALUE,
                node=node,
                hint="write the text, or leave the key out where it is optional",
            )
        allowed = "\t\n" if may_be_long else ""
        bad = next((c for c in CONTROL.findall(text) if c not in allowed), None)
        if bad is None and not may_be_long and ("\n" in text or "\t" in text):
            bad = "\n" if "\n" in text else "\t"
        if bad is not None:
            yield Finding(
                "Q308",
                f"{_name(path)} holds the control character U+{ord(bad):04X}",
                path=path,
                node=node,
                hint="remove it: control characters can move the cursor or change what a terminal shows"
                if may_be_long
                else "a one-line text cannot hold tabs, line breaks or control characters",
            )


def _texts_clean(ids: list[str], others: list, questions: list, labels: _Joined) -> bool:
    """One-line texts all written plainly, Markdown none empty or unprintable (`others`: the nodes but questions)."""
    one_line = ids + [n.title for n in others if n.title is not None]
    markdown = [n.text for n in (*questions, *others)] + [q.help for q in questions if q.help is not None]
    return labels.plain and _Joined(one_line).plain and _markdown_clean(markdown)


def _markdown_clean(markdown: list[str]) -> bool:
    joined = "\x00".join(markdown)
    return not markdown or (
        all(markdown)
        and not any(map(str.isspace, markdown))
        and joined.count("\x00") == len(markdown) - 1  # no text holds the separator itself
        and _only_printable(joined, "\x00\n\t", CONTROL)
    )


def _strings(tree: Tree) -> Iterator[tuple[tuple, str, bool]]:
    """Every text of a tree: its path, the text, and whether it may span lines (Markdown)."""
    yield ("id",), tree.id, False
    yield ("version",), tree.version, False
    yield ("title",), tree.title, False
    if tree.description is not None:
        yield ("description",), tree.description, True
    if tree.language is not None:
        yield ("language",), tree.language, False
    for node_id, node in tree.nodes.items():
        base = ("nodes", node_id)
        if not node_id.strip() or CONTROL.search(node_id):
            yield base, node_id, False
        if type(node) is Question:
            yield (*base, "text"), node.text, True
            if node.help is not None:
                yield (*base, "help"), node.help, True
            for i, choice in enumerate(node.choices):
                yield (*base, "choices", i, "label"), choice.label, False
        else:
            if node.title is not None:
                yield (*base, "title"), node.title, False
            yield (*base, "text"), node.text, True
    for i, scenario in enumerate(tree.scenarios):
        yield ("scenarios", i, "name"), scenario.name, False


def _name(path: tuple) -> str:
    if path[0] == "nodes":
        if len(path) == 2:
            return f"node id {path[1]!r}"
        if path[2] == "choices":
            return f"node {path[1]!r} choice {path[3] + 1} label"
        return f"node {path[1]!r} {path[2]}"
    if path[0] == "scenarios":
        return f"scenario {path[1] + 1} name"
    return f"the tree's {path[0]}"
