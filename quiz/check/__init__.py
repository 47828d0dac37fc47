"""Checking: the rules a tree that fits the format must keep, so that every walk from `start` ends at an outcome.

A good tree is confirmed by the quick proofs (quiz.check.proofs), gathered as the tree was
read or afterwards; only where a proof fails do the rules that find witnesses and name each
text run. Everything here runs in time linear in nodes and choices.
"""

from __future__ import annotations

import functools
import re

from quiz.check.facts import fact_findings
from quiz.check.graph import search
from quiz.check.links import link_findings, loop_findings, unreachable_findings
from quiz.check.proofs import ProofCollector, Proofs, prove
from quiz.check.questions import question_findings
from quiz.check.scenarios import scenario_findings
from quiz.check.texts import text_findings
from quiz.findings import CODES, Finding
from quiz.format.model import Tree
from quiz.format.walk import Program
from quiz.text import quote

__all__ = ["ProofCollector", "Proofs", "check", "prove"]

# SemVer 2.0.0 exactly (semver.org's own pattern), in ASCII digits only: no leading zero in a
# number, nor in a numeric pre-release identifier, and no empty identifier.
_NUMBER = "(?:0|[1-9][0-9]*)"
_PRE = f"(?:{_NUMBER}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_BUILD = "[0-9A-Za-z-]+"
_SEMVER = re.compile(
    rf"{_NUMBER}\.{_NUMBER}\.{_NUMBER}(?:-{_PRE}(?:\.{_PRE})*)?(?:\+{_BUILD}(?:\.{_BUILD})*)?", re.ASCII
)


def check(tree: Tree, proofs: Proofs | None = None) -> list[Finding]:
    """Every rule: where `proofs` (or the quick proofs, made now) hold, a rule needs no closer look."""
    proofs = prove(tree) if proofs is None else proofs
    found = None if proofs.graph_sound else search(tree)
    findings = [] if proofs.facts_sound else list(fact_findings(tree))
    if found is not None:
        findings += [*link_findings(tree, found), *loop_findings(tree, found), *unreachable_findings(tree, found)]
    if not proofs.questions_sound:
        findings += question_findings(tree, functools.cache(lambda: found or search(tree)))
    if not proofs.texts_clean:
        findings += text_findings(tree)
    if not proofs.walks_plain and not any(CODES[f.code].blocks_walks for f in findings):
        # Imported only here: the proof of the walks loads dd's BDDs (CUDD), which take about 140 ms
        # and 25 MB to load, and a tree whose walks are plain never needs them.
        from quiz.check.walks import walk_findings

        order = proofs.order if proofs.program is not None else None
        findings += walk_findings(proofs.program or Program.of(tree), order)
    findings += scenario_findings(tree)
    if not _SEMVER.fullmatch(tree.version):
        findings.append(
            Finding(
                "Q501",
                f"version {quote(tree.version)} is not a semantic version",
                path=("version",),
                hint='use MAJOR.MINOR.PATCH, such as "1.0.0"',
            )
        )
    return findings
