"""A pytest plugin: in a repository of trees, `pytest trees/` tests every tree file.

Each tree file (a JSON object with `format` and `nodes`) becomes a few test items: its
checks, each of its scenarios, and seeded random walks that must all end at an outcome
within the longest-walk bound. A failure is reported as findings, file:line:col, just
as `quiz check` prints them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz.check.graph import walks
from quiz.cli import report
from quiz.findings import Finding, Severity
from quiz.format.model import Question
from quiz.pipeline import Loaded, load_path
from quiz.play.session import Session

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
    def collect(self):
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

    def __init__(self, *, loaded: Loaded, **kwargs) -> None:
        super().__init__(**kwargs)
        self.loaded = loaded

    def mine(self, finding: Finding) -> bool:
        return finding.path[:1] != ("scenarios",)

    def runtest(self) -> None:
        errors = [f for f in self.loaded.findings if f.severity is Severity.ERROR and self.mine(f)]
        if errors:
            raise FindingsFailed(errors)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, FindingsFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, self.name


class ScenarioItem(TreeItem):
    def __init__(self, *, index: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index = index

    def mine(self, finding: Finding) -> bool:
        return finding.path[:2] == ("scenarios", self.index)


class WalkItem(TreeItem):
    """Seeded hypothesis walks: each must reach an outcome in no more steps than the longest walk."""

    def runtest(self) -> None:
        try:
            from hypothesis import given, settings
            from hypothesis import strategies as st
        except ImportError:
            pytest.fail("random walks need hypothesis: pip install 'quiztree[pytest]'", pytrace=False)
        tree = self.loaded.tree
        bound = walks(tree).most_steps[tree.start]

        @settings(derandomize=True, max_examples=WALKS, database=None, deadline=None)
        @given(st.data())
        def walk(data) -> None:
            session = Session.start(tree)
            for _ in range(bound):
                if session.finished:
                    return
                node = session.node
                if isinstance(node, Question):
                    session = session.answer(data.draw(st.sampled_from([c.label for c in node.choices])))
                else:
                    session = session.proceed()
            assert session.finished, f"the walk {session.answers} did not end within {bound} steps"

        walk()
