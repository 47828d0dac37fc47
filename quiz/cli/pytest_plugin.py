"""A pytest plugin: in a repository of trees, `pytest trees/` tests every tree file.

Each tree file (a JSON object with `format` and `nodes`) becomes a few test items: its
checks, each of its scenarios, and seeded random walks that must all end at an outcome
within a bound the tree gives. A failure is reported as findings, file:line:col, just
as `quiz check` prints them. Names from a tree (scenario names) pass through the
printable rule before they become item ids, and each scenario's id is its own.

The walks (quiz.cli.random_walks) need nothing beyond quiz: each takes a seeded choice among
those offered, one step at a time, so a walk of thousands of questions costs thousands of
steps; they follow the facts, give numbers in range and go round loops a bounded number of times.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quiz.cli import report
from quiz.cli.random_walks import WALKS, Walker
from quiz.files import read_regular
from quiz.findings import Finding, Severity
from quiz.pipeline import Loaded, load_bytes
from quiz.text import printable, shorten


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".json" and _looks_like_a_tree(file_path):
        return TreeFile.from_parent(parent, path=file_path)
    return None


def _looks_like_a_tree(path: Path) -> bool:
    """A JSON object with `format` and `nodes`; a file too broken to parse counts if it names both.

    Only a regular file is read (a FIFO would block the collection), and a file nested too deep
    for json.loads is judged by its names alone, so no one file can stop the collection.
    """
    try:
        raw = read_regular(path)
    except OSError:
        return False
    if b'"format"' not in raw or b'"nodes"' not in raw:
        return False
    try:
        doc = json.loads(raw)
    except (ValueError, RecursionError):
        return True
    return isinstance(doc, dict) and "format" in doc and "nodes" in doc


class FindingsFailed(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(report.text(findings))
        self.findings = findings


class TreeFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        loaded = load_bytes(read_regular(self.path), str(self.path))
        yield TreeItem.from_parent(self, name="check", loaded=loaded)
        if loaded.tree is None:
            return
        for index, scenario in enumerate(loaded.tree.scenarios):
            yield ScenarioItem.from_parent(self, name=_scenario_id(index, scenario.name), loaded=loaded, index=index)
        if loaded.ok:
            yield WalkItem.from_parent(self, name="random walks", loaded=loaded)


def _scenario_id(index: int, name: str) -> str:
    """A scenario's item id: its number (two scenarios may share a name) and its name, printable and short."""
    return f"scenario[{index + 1}: {shorten(printable(name, one_line=True))}]"


class TreeItem(pytest.Item):
    """Every finding that is not about a scenario."""

    def __init__(self, *, loaded: Loaded, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded

    def mine(self, finding: Finding) -> bool:
        return finding.path[:1] != ("scenarios",)

    def runtest(self) -> None:
        errors = [f for f in self.loaded.findings if f.severity is Severity.ERROR and self.mine(f)]
        if errors:
            raise FindingsFailed(errors)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, FindingsFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, None, str]:
        return self.path, None, self.name


class ScenarioItem(TreeItem):
    def __init__(self, *, index: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.index = index

    def mine(self, finding: Finding) -> bool:
        return finding.path[:2] == ("scenarios", self.index)


class WalkItem(TreeItem):
    """Seeded random walks: each must end at an outcome within the bound the tree gives."""

    def runtest(self) -> None:
        tree = self.loaded.tree
        assert tree is not None  # only a tree without errors gets this item
        walker = Walker(tree)
        for seed in range(WALKS):
            walk = walker.walk(seed)
            if not walk.ended:
                pytest.fail(printable(walk.failure(), one_line=True), pytrace=False)
