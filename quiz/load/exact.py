"""The exact road: the strict reader with positions, then the converter for the file's own format.

It reads any file, and says of one that is not a tree what is wrong and where. The fast
road sends here whatever it declines, so a good file costs this second reading only when
it is of an older format or holds something the fast road cannot judge.
"""

from __future__ import annotations

import attrs

from quiz.findings import Finding
from quiz.format.migrate import format_of
from quiz.format.model import Tree
from quiz.load.json_reader import parse
from quiz.load.positions import Text


@attrs.frozen
class Read:
    """What the exact road made of a file: its text (for positions), the tree if any, and the findings so far."""

    text: Text | None
    tree: Tree | None
    findings: tuple[Finding, ...]


def read(raw: bytes) -> Read:
    # Imported here: cattrs and the converter would add a fifth to the start of every
    # `quiz check`, and a file the fast road reads never needs them.
    from quiz.format.convert import structure

    parsed = parse(raw)
    findings = list(parsed.findings)
    tree = None
    if parsed.data is not None:
        version, problem = format_of(parsed.data)
        if problem is not None:
            findings.append(problem)
        else:
            assert version is not None
            tree, problems = structure(parsed.data, version)
            findings.extend(problems)
    return Read(parsed.text, tree, tuple(findings))
