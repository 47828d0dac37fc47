"""Findings as text (like ruff and mypy), as JSON, or as GitHub workflow commands; SARIF is quiz.cli.sarif.

The JSON output is one object whose shape docs/check-output.schema.json describes; its
`version` changes only when a key is removed or changes meaning.

Whatever came from a file (its name, and the texts and ids in messages) passes through
quiz.text's printable rule on its way out, in every format, so that nothing a file holds
reaches a terminal or a CI log as a control; the colours text output adds are the only
escape sequences it writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quiz.check.graph import every_path, kinds, walks
from quiz.cli.colour import Palette
from quiz.cli.regions import Sources
from quiz.findings import Finding, Severity, format_path
from quiz.format.model import Question, Route, Tree
from quiz.text import json_text, printable, quote

JSON_VERSION = 1


def shown(text: str | None) -> str | None:
    """A file name, message or hint as output shows it: printable, on one line."""
    return None if text is None else printable(text, one_line=True)


def as_dict(finding: Finding, sources: Sources | None = None) -> dict[str, Any]:
    span = sources.span(finding) if sources is not None else None
    return {
        "file": shown(finding.file),
        "line": finding.line,
        "column": finding.column,
        "end_line": span.end_line if span else None,
        "end_column": span.end_column if span else None,
        "code": finding.code,
        "name": finding.name,
        "severity": str(finding.severity),
        "message": shown(finding.message),
        "path": printable(format_path(finding.path)),
        "node": shown(finding.node),
        "hint": shown(finding.hint),
        "witness": [printable(node_id) for node_id in finding.witness],
        "scenario": {"answers": list(finding.scenario)} if finding.scenario is not None else None,
    }


def text(findings: Iterable[Finding], paint: Palette | None = None) -> str:
    paint = paint or Palette(False)
    lines = []
    for f in findings:
        error = f.severity is Severity.ERROR
        label = paint(f.code, "bold", "red") if error else paint(f.code, "bold", "yellow") + " (warning)"
        lines.append(f"{paint(f'{shown(f.file)}:{f.line}:{f.column}:', 'bold')} {label} {shown(f.message)}")
        if f.witness:
            lines.append(f"  {paint('walk:', 'cyan')} {' → '.join(map(quote, f.witness))}")
        if f.scenario is not None:  # ready to paste into `scenarios`: JSON, with what a terminal would act on escaped
            scenario = json_text({"answers": list(f.scenario)}, indent=None)
            lines.append(f"  {paint('scenario:', 'cyan')} {scenario}")
        if f.hint:
            lines.append(f"  {paint('hint:', 'cyan')} {shown(f.hint)}")
    return "\n".join(lines)


def document(
    findings: Iterable[Finding],
    sources: Sources,
    *,
    stats: Mapping[str, Any] | None = None,
    coverage: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON output: its version, the findings, and the stats and coverage when asked for."""
    out: dict[str, Any] = {"version": JSON_VERSION, "findings": [as_dict(f, sources) for f in findings]}
    if stats is not None:
        out["stats"] = dict(stats)
    if coverage is not None:
        out["coverage"] = dict(coverage)
    return out


def github(findings: Iterable[Finding], sources: Sources | None = None) -> str:
    lines = []
    for f in findings:
        command = "error" if f.severity is Severity.ERROR else "warning"
        span = sources.span(f) if sources is not None else None
        where: list[tuple[str, object]] = [("file", shown(f.file)), ("line", f.line), ("col", f.column)]
        if span is not None:
            where += [("endLine", span.end_line), ("endColumn", span.end_column)]
        props = ",".join(
            f"{key}={_escape(str(value), prop=True)}"
            for key, value in (*where, ("title", f"quiz ({f.code})"))
            if value is not None
        )
        message = f"{shown(f.message)}" + (f" ({shown(f.hint)})" if f.hint else "")
        lines.append(f"::{command} {props}::{_escape(message)}")
    return "\n".join(lines)


def _escape(value: str, *, prop: bool = False) -> str:
    """GitHub's workflow-command escaping: % CR LF always, and : , in properties."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def summary(findings: Sequence[Finding], files: int) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    checked = f"{files} file{'s' * (files != 1)}"
    if not findings:
        return f"All checks passed: {checked}."
    parts = [f"{n} {word}{'s' * (n != 1)}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return f"Found {' and '.join(parts)} in {checked}."


def stats(tree: Tree) -> dict[str, Any]:
    """Size and walks of a tree without errors, from the same linear passes as the checker.

    Where a walk can go round a loop, there is no end to the distinct paths, so `paths` is
    None, and the walks' lengths are those of walks that do not go round one.
    """
    facts, paths = walks(tree), every_path(tree)
    loops = paths is None
    return {
        "nodes": len(tree.nodes),
        "kinds": kinds(tree),
        "choices": sum(len(n.choices) for n in tree.nodes.values() if isinstance(n, Question)),
        "branches": sum(len(n.routes) for n in tree.nodes.values() if isinstance(n, Route)),
        "facts": len(tree.facts),
        "loops": loops,
        "paths": None if paths is None else paths.exact if paths.exact is not None else f"1e{paths.log10:.1f}",
        "paths_text": "no end to them" if paths is None else str(paths),
        "shortest_walk": facts.fewest_steps[tree.start],
        "longest_walk": facts.most_steps[tree.start],
        "most_questions": facts.most_questions[tree.start],
    }


def stats_text(file: str, facts: Mapping[str, Any]) -> str:
    k = facts["kinds"]
    parts = [_count(k["question"], "question")]
    parts += [_count(k["number"], "number question")] if k.get("number") else []
    parts += [_count(k["route"], "route")] if k.get("route") else []
    parts += [f"{k['info']} info", _count(k["outcome"], "outcome")]
    size = [_count(facts["choices"], "choice")]
    size += [_count(facts["branches"], "route branch", "route branches")] if facts["branches"] else []
    size += [_count(facts["facts"], "fact")] if facts["facts"] else []
    if facts["loops"]:
        paths = "no end to the distinct paths, since a walk can go round a loop"
        around = ", without going round a loop"
    else:
        paths = f"{facts['paths_text']} distinct {'path' if facts['paths'] == 1 else 'paths'}"
        # Conditions may rule some paths out, and a number node gives many walks along one.
        paths += " through the graph" if facts["facts"] else ""
        around = ""
    return (
        f"{shown(file)}: {_count(facts['nodes'], 'node')} ({', '.join(parts)}), {', '.join(size)}; {paths};"
        f" walks of {facts['shortest_walk']} to {_count(facts['longest_walk'], 'step')},"
        f" at most {_count(facts['most_questions'], 'question')}{around}"
    )


def _count(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


def as_json(value: object) -> str:
    """JSON and SARIF output, through quiz.text.json_text: no control reaches a terminal, no lone surrogate a parser."""
    return json_text(value)
