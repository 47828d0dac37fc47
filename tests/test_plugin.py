"""The pytest plugin, as a repository of trees uses it: `pytest trees/`."""

from __future__ import annotations

import json

from tests.conftest import REPO

COFFEE = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())


def test_each_tree_becomes_check_scenario_and_walk_items(pytester):
    trees = pytester.mkdir("trees")
    (trees / "coffee.json").write_text(json.dumps(COFFEE))
    (trees / "package.json").write_text('{"name": "not a tree"}')
    result = pytester.runpytest_subprocess("trees", "-v", "-p", "no:randomly")  # the items in the order collected
    result.assert_outcomes(passed=2 + len(COFFEE["scenarios"]))
    result.stdout.fnmatch_lines(["*coffee.json::check PASSED*", "*coffee.json::random walks PASSED*"])
    assert "package.json" not in result.stdout.str()


def test_failures_are_reported_as_findings_with_positions(pytester):
    trees = pytester.mkdir("trees")
    doc = json.loads(json.dumps(COFFEE))
    doc["nodes"]["milk"]["choices"][0]["next"] = "lattte"
    doc["scenarios"] = [{"name": "latte please", "answers": ["Fine", "Yes"], "outcome": "espresso"}]
    (trees / "coffee.json").write_text(json.dumps(doc, indent=2))
    (trees / "syntax.json").write_text('{"format": 1, "nodes": {,}}')
    result = pytester.runpytest_subprocess("trees")
    result.assert_outcomes(failed=3)
    out = result.stdout.str()
    assert "coffee.json:" in out and "Q302 node 'milk' leads to 'lattte'" in out
    assert "Q402 scenario 'latte please'" in out
    assert "syntax.json:1:25: Q103" in out
    assert "Traceback" not in out
