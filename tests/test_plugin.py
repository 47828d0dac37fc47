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


def test_long_walks_pass_and_one_broken_file_stops_nothing(pytester):
    trees = pytester.mkdir("trees")
    n = 3000
    nodes = {
        f"q{i}": {
            "kind": "question",
            "text": "Q?",
            "choices": [{"label": "a", "next": f"q{i + 1}"}, {"label": "b", "next": f"q{i + 1}"}],
        }
        for i in range(n)
    }
    nodes[f"q{n}"] = {"kind": "outcome", "title": "End", "text": "x"}
    doc = {"format": 1, "id": "long", "version": "1.0.0", "title": "L", "start": "q0", "nodes": nodes}
    (trees / "long.json").write_text(json.dumps(doc))
    (trees / "deep.json").write_text('{"format": 1, "nodes": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (trees / "coffee.json").write_text(json.dumps(COFFEE))
    result = pytester.runpytest_subprocess("trees", "-v", "-p", "no:randomly")
    result.stdout.fnmatch_lines(["*deep.json::check FAILED*", "*long.json::random walks PASSED*"])
    result.assert_outcomes(passed=4 + len(COFFEE["scenarios"]), failed=1)


def test_scenario_ids_are_printable_and_their_own(pytester):
    trees = pytester.mkdir("trees")
    doc = json.loads(json.dumps(COFFEE))
    scenario = doc["scenarios"][0]
    doc["scenarios"] = [scenario, dict(scenario, name=scenario["name"]), dict(scenario, name="x\nFAILED fake::line")]
    (trees / "coffee.json").write_text(json.dumps(doc))
    result = pytester.runpytest_subprocess("trees", "-v", "-p", "no:randomly")
    out = result.stdout.str()
    assert "\nFAILED fake::line" not in out and "scenario[3: x FAILED fake::line]" in out
    assert f"scenario[1: {scenario['name']}]" in out and f"scenario[2: {scenario['name']}]" in out


def test_the_walks_need_no_hypothesis():
    import subprocess
    import sys

    code = "import sys, quiz.cli.pytest_plugin; sys.exit('hypothesis' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_format_2_trees_are_walked_following_their_facts(pytester):
    trees = pytester.mkdir("trees")
    for name in ("facts.json", "breakup.json"):
        (trees / name).write_text((REPO / "tests" / "trees" / name).read_text())
    result = pytester.runpytest_subprocess("trees", "-v", "-p", "no:randomly")
    result.stdout.fnmatch_lines(["*breakup.json::random walks PASSED*"])
    result.stdout.fnmatch_lines(["*facts.json::random walks PASSED*"])
    assert "SKIPPED" not in result.stdout.str()
    result.assert_outcomes(passed=12)
