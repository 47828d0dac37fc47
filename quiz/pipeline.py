"""The pipeline, top to bottom: a file's bytes to a tree and every finding, located.

    bytes ─ fast road ─────────────┐ (accepts, handing its parts to the proof collector)
        └─ exact road: JSON reader → converter for the file's format ─┤ (says what is wrong)
                                                         migrate → check → locate

A file that fits the format takes the fast road, which reads it and gathers the quick
proofs in one pass; whatever it declines is read again by the exact road, whose stages
say what is wrong and where. Positions are looked up once, at the end, and only for the
findings there are. Reading knows nothing of the checker: this module joins the two.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from quiz import load
from quiz.check import ProofCollector, check
from quiz.files import read_regular
from quiz.findings import Finding, Severity
from quiz.format.migrate import migrate
from quiz.format.model import Tree


@attrs.frozen
class Loaded:
    """What loading one file gave: the tree if it could be read, and every finding, located."""

    file: str
    tree: Tree | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return self.tree is not None and not any(f.severity is Severity.ERROR for f in self.findings)


def load_path(path: str | Path) -> Loaded:
    """Load a tree file. An unreadable file, or one that is not a regular file (a FIFO, a device), raises
    OSError: that is a usage problem, not a finding."""
    return load_bytes(read_regular(Path(path)), str(path))


def load_bytes(raw: bytes, file: str = "<tree>") -> Loaded:
    collector = ProofCollector()
    tree = load.fast.read(raw, collector)
    if tree is None:
        return load_exactly(raw, file)
    tree = migrate(tree)
    findings = check(tree, collector.proofs())
    return Loaded(file, tree, load.locate(load.text_of(raw) if findings else None, findings, file))


def load_exactly(raw: bytes, file: str = "<tree>") -> Loaded:
    """The exact road alone, which reads any file and says what is wrong with it; the fast road must agree."""
    exact = load.exact.read(raw)
    findings = list(exact.findings)
    tree = None
    if exact.tree is not None:
        tree = migrate(exact.tree)
        findings += check(tree)
    return Loaded(file, tree, load.locate(exact.text, findings, file))
