"""The pipeline, top to bottom: bytes → JSON → migrate → structure → check.

Each stage hands on what it could make and the findings it has; a stage that cannot
make anything ends the pipeline. Positions are looked up once, at the end, and only
for the findings there are.

A file that fits the format takes the quick road (quiz.quick), which reads and proves it
in one pass and can only accept or decline. Whatever it declines is read again on the
exact road, whose stages say what is wrong and where; a file costs that second reading
only when it does not fit the format.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from quiz import parse, quick, structure
from quiz.check import check
from quiz.findings import Anchor, Finding
from quiz.locate import Text
from quiz.migrate import migrate
from quiz.model import Tree


@attrs.frozen
class Loaded:
    """What loading one file gave: the tree if it could be read, and every finding, located."""

    file: str
    tree: Tree | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return self.tree is not None and not any(f.severity == "error" for f in self.findings)


def load_path(path: str | Path) -> Loaded:
    """Load a tree file. An unreadable file raises OSError: that is a usage problem, not a finding."""
    return load_bytes(Path(path).read_bytes(), str(path))


def load_bytes(raw: bytes, file: str = "<tree>") -> Loaded:
    read = quick.read(raw)
    if read is not None:
        tree, proofs = read
        findings = check(tree, proofs)
        text = parse.text_of(raw) if findings else None
        return Loaded(file, tree, _locate(text, findings, file))
    return _load_exactly(raw, file)


def _load_exactly(raw: bytes, file: str) -> Loaded:
    parsed = parse.parse(raw)
    findings = list(parsed.findings)
    tree = None
    if parsed.data is not None:
        document, problem = migrate(parsed.data)
        if problem is not None:
            findings.append(problem)
        else:
            tree, problems = structure.structure(document)
            findings.extend(problems)
            if tree is not None:
                findings.extend(check(tree))
    return Loaded(file, tree, _locate(parsed.text, findings, file))


def _locate(text: Text | None, findings: list[Finding], file: str) -> tuple[Finding, ...]:
    """Give each finding its file, line and column; a path not in the text falls back to its parent."""
    unplaced = [f for f in findings if f.line is None]
    offsets: dict[tuple, int] = {}
    if unplaced and text is not None:
        wanted = {(f.path, f.anchor) for f in unplaced}
        wanted |= {(f.path[:i], Anchor.VALUE) for f in unplaced for i in range(len(f.path))}
        offsets = text.offsets(wanted)
    out = []
    for finding in findings:
        line, column = finding.line, finding.column
        if line is None:
            line, column = 1, 1
            for i in range(len(finding.path), -1, -1):
                anchor = finding.anchor if i == len(finding.path) else Anchor.VALUE
                offset = offsets.get((finding.path[:i], anchor))
                if offset is not None and text is not None:
                    line, column = text.position(offset)
                    break
        out.append(attrs.evolve(finding, file=file, line=line, column=column))
    return tuple(sorted(out, key=lambda f: (f.line, f.column, f.code)))
