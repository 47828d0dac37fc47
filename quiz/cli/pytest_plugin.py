"""A pytest plugin: in a repository of trees, `pytest trees/` tests every tree file.

Each tree file (a JSON object with `format` and `nodes`) becomes a few test items: its
checks, each of its scenarios, and seeded random walks that follow the facts and must all
end at an outcome within a bound the tree gives (quiz.cli.random_walks). A failure is reported as findings, file:line:col, just
as `quiz check` prints them.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quiz.cli import report
from quiz.cli.random_walks import Walker
from quiz.findings import Finding, Severity
from quiz.pipeline import Loaded, load_path

WALKS = 100


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".json" and _looks_like_a_tree(file_path):
        return TreeFile.from_parent(parent, path=file_path)
    return None


def _looks_like_a_tree(path: Path) -> bool:
    """A JSON object with `format` and `nodes`; a file too broken to parse counts if it names both."""
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    try:
        doc = json.loads(raw)
    except ValueError:
        return b'"format"' in raw and b'"nodes"' in raw
    return isinstance(doc, dict) and "format" in doc and "nodes" in doc


class FindingsFailed(Exception):
    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(report.text(findings))
        self.findings = findings


class TreeFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        loaded = load_path(self.path)
        yield TreeItem.from_parent(self, name="check", loaded=loaded)
        if loaded.tree is None:
            return
        for index, scenario in enumerate(loaded.tree.scenarios):
            yield ScenarioItem.from_parent(self, name=f"scenario[{scenario.name}]", loaded=loaded, index=index)
        if loaded.ok:
            yield WalkItem.from_parent(self, name="random walks", loaded=loaded)


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
    """Seeded hypothesis walks that follow the facts (quiz.cli.random_walks): each must reach an outcome within
    the bound the tree gives."""

    def runtest(self) -> None:
        try:
            from hypothesis import given, settings
            from hypothesis import strategies as st
        except ImportError:
            pytest.fail("random walks need hypothesis: pip install 'quiztree[pytest]'", pytrace=False)
        tree = self.loaded.tree
        assert tree is not None  # only a tree without errors gets this item
        walker = Walker(tree)

        @settings(derandomize=True, max_examples=WALKS, database=None, deadline=None)
        @given(st.randoms(use_true_random=False))
        def walk(chooser: random.Random) -> None:
            done = walker.walk(chooser)
            scenario = json.dumps({"answers": list(done.answers)}, ensure_ascii=False)
            assert done.ended, f"the walk {scenario} stopped at {done.at!r}: {done.why}"

        walk()
