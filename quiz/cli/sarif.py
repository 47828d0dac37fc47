"""Findings as SARIF 2.1.0, the log format GitHub code scanning and other tools read.

One run of one tool: every code in CODES is a rule, with its summary, its default level and
a link to its section of docs/codes.md; every finding is a result pointing at that rule, with
its file, its region where known, and its JSON path as a logical location. File names under
the current directory are written relative to it (SARIF's %SRCROOT%), as code scanning needs
them to match files in the repository; others become file: URIs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from quiz.cli.regions import Sources
from quiz.findings import CODES, Finding, Severity, format_path

__all__ = ["CODES_URL", "SARIF_SCHEMA", "help_uri", "log"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
CODES_URL = "https://github.com/quiz-trees/quiz/blob/main/docs/codes.md"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def help_uri(code: str) -> str:
    """The link to a code's section of docs/codes.md, whose headings read `Q302 missing-next (error)`."""
    c = CODES[code]
    return f"{CODES_URL}#{c.code.lower()}-{c.name}-{c.severity}"


def _rules() -> list[dict[str, Any]]:
    return [
        {
            "id": c.code,
            "name": c.name,
            "shortDescription": {"text": c.summary},
            "helpUri": help_uri(c.code),
            "help": {"text": f"{c.code} {c.name}: {c.summary}. See {help_uri(c.code)}"},
            "defaultConfiguration": {"level": _LEVEL[c.severity]},
            "properties": {"tags": [str(c.stage)]},
        }
        for c in CODES.values()
    ]


def _artifact(file: str) -> dict[str, Any]:
    path = Path(file)
    absolute = Path(os.path.abspath(path))
    here = Path(os.path.abspath(os.curdir))
    if absolute.is_relative_to(here):
        return {"uri": quote(absolute.relative_to(here).as_posix()), "uriBaseId": "%SRCROOT%"}
    return {"uri": absolute.as_uri()}


def _result(finding: Finding, index: dict[str, int], sources: Sources) -> dict[str, Any]:
    text = finding.message + (f" (hint: {finding.hint})" if finding.hint else "")
    if finding.witness:
        text += f" (walk: {' → '.join(map(repr, finding.witness))})"
    if finding.scenario is not None:
        text += f" (scenario: {json.dumps({'answers': list(finding.scenario)}, ensure_ascii=False)})"
    physical: dict[str, Any] = {"artifactLocation": _artifact(finding.file or "-")}
    span = sources.span(finding)
    if span is not None:
        # SARIF's end column is the one after the region's last character.
        physical["region"] = {
            "startLine": span.line,
            "startColumn": span.column,
            "endLine": span.end_line,
            "endColumn": span.end_column + 1,
        }
    elif finding.line is not None:
        physical["region"] = {"startLine": finding.line, "startColumn": finding.column or 1}
    return {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": format_path(finding.path), "kind": "element"}],
            }
        ],
    }


def log(findings: Iterable[Finding], sources: Sources, *, version: str) -> dict[str, Any]:
    """A SARIF log of one run of quiz over the files that gave `findings`."""
    index = {code: i for i, code in enumerate(CODES)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "quiz",
                        "version": version,
                        "informationUri": "https://github.com/quiz-trees/quiz",
                        "rules": _rules(),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(f, index, sources) for f in findings],
            }
        ],
    }
