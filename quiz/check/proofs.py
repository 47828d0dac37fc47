"""The quick proofs: verdicts gathered a part of the nodes at a time, that a good tree keeps the rules.

A reader hands the collector the tree, then its nodes a part at a time (the fast road as it
reads a file, or `prove` for a tree already built); the collector keeps only what the proofs
need (each node's successors by number) and lets the nodes go. Its verdicts prove a rule
when True; False only means that the rules must look closer.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, islice

import attrs

from quiz.check.facts import FactUses
from quiz.check.graph import sound, successor_numbers
from quiz.check.questions import questions_sound
from quiz.check.texts import Joined, markdown_clean, node_texts, top_texts_clean
from quiz.format.conditions import ConditionError
from quiz.format.migrate import CURRENT
from quiz.format.model import Node, Tree
from quiz.format.walk import Program, needs_proof

PART = 1024  # nodes proven together: their texts, joined, stay in the processor's cache


@attrs.frozen
class Proofs:
    """The quick passes' verdicts on a tree. True proves that a rule holds; False only means "look closer"."""

    graph_sound: bool  # every node reached from start, and no loop but by choices that may lead back
    questions_sound: bool  # two or more choices each, labels a reader can tell apart
    texts_clean: bool  # no text empty, badly spaced or holding a control character
    walks_plain: bool = False  # nothing a walk meets can stop it or keep it going: no facts, conditions or loops
    facts_sound: bool = False  # every fact declared well, and every use of one declared and of its type
    # The tree compiled for walking as it was read, for the proof about walks; None where the
    # reader did not compile it or could not.
    program: Program | None = attrs.field(default=None, eq=False)
    order: list[int] | None = attrs.field(default=None, eq=False)  # the nodes, each before those it leads to


class ProofCollector:
    """Gathers the quick proofs as a reader hands it a tree's nodes, a part at a time (quiz.load.Collector)."""

    def __init__(self) -> None:
        self._version = CURRENT
        self._number: dict[str, int] = {}
        self._start: int | None = None
        self._succ: list[list[int]] | None = []
        self._questions_sound = True
        self._texts_clean = True
        self._program: Program | None = None
        self._plain = False
        self._uses: FactUses | None = None
        self._facts_sound = True

    def begin(self, tree: Tree) -> None:
        self._version = tree.format  # the nodes handed on are of the file's own format
        self._number = {node_id: i for i, node_id in enumerate(tree.nodes)}
        self._start = self._number.get(tree.start)
        self._texts_clean = top_texts_clean(tree)
        self._plain = tree.format < 2  # format 1 has none of what makes a walk stop or go round
        if not self._plain:
            self._program = Program(tree.facts, tree.nodes, tree.start)
            self._uses = FactUses(tree)
            uses = self._uses
            scenarios = (f for i, s in enumerate(tree.scenarios) for f in uses.values(s.facts, ("scenarios", i), None))
            self._facts_sound = next(chain(uses.declarations(), scenarios), None) is None

    def part(self, ids: Sequence[str], nodes: Sequence[Node]) -> None:
        if self._program is not None:
            try:
                self._program.add(nodes)
            except (KeyError, ConditionError):
                self._program = None  # the fact rules will say what is wrong, the graph rules where it leads
                self._facts_sound = False
                self._succ = None
        if self._succ is not None and self._plain:
            try:
                self._succ += successor_numbers(nodes, self._number, self._version)
            except KeyError:
                self._succ = None
        if self._questions_sound or self._texts_clean:
            found = node_texts(nodes)
            lines = [*ids, *(text for markdown, texts in found.values() if not markdown for text in texts)]
            plain = Joined(lines).plain
            if self._questions_sound:
                questions = [n for n in nodes if n.kind == "question"]
                labels = found.get(("choices", "label"), (False, []))[1]
                self._questions_sound = plain and questions_sound(questions, labels)
            markdown = [text for is_markdown, texts in found.values() if is_markdown for text in texts]
            self._texts_clean = self._texts_clean and plain and markdown_clean(markdown)

    def proofs(self) -> Proofs:
        program = self._program
        if program is not None:
            # The compiled ways name their nodes by number already; what the declarations allow
            # was checked against every name as it compiled, and is checked for each distinct use now.
            whole = not program.missing
            self._succ = [[w.next for w in s.ways if not w.loop] for s in program.steps] if whole else None
            self._facts_sound = self._facts_sound and self._uses is not None and self._uses.program_sound(program)
        order = sound(self._succ, self._start) if self._succ is not None and self._start is not None else None
        graph_sound = order is not None
        plain = self._plain or (self._program is not None and not needs_proof(self._program))
        return Proofs(graph_sound, self._questions_sound, self._texts_clean, plain, self._facts_sound, program, order)


def prove(tree: Tree, part: int = PART) -> Proofs:
    """The quick proofs of a tree that no reader proved on its way."""
    collector = ProofCollector()
    collector.begin(tree)
    ids, nodes = iter(tree.nodes), iter(tree.nodes.values())
    while some := list(islice(nodes, part)):
        collector.part(list(islice(ids, len(some))), some)
    return collector.proofs()
