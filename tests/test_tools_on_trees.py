"""Each authoring tool run as an author runs it, on the format-2 test trees and on both bundled trees."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from quiz.cli import main
from tests.conftest import REPO

TREES = ["tests/trees/facts.json", "tests/trees/breakup.json", "trees/get-him-back.json", "trees/is-it-fixable.json"]


def quiz(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def _doc(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((REPO / name).read_text())
    return doc


def _of(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for node in doc["nodes"].values() for item in node.get(key, ())]


@pytest.mark.parametrize("name", TREES)
def test_graph_draws_every_node_and_edge_and_dashes_the_loops(capsys, name):
    doc = _doc(name)
    code, out = quiz(capsys, "graph", str(REPO / name))
    assert code == 0
    ids = [line.split("<br/>")[0].split('"')[-1] for line in out.splitlines() if "<br/>" in line and "--" not in line]
    assert sorted(ids) == sorted(doc["nodes"])
    choices, routes = _of(doc, "choices"), _of(doc, "routes")
    nexts = sum("next" in node for node in doc["nodes"].values())
    edges = [line for line in out.splitlines() if "-->" in line or "-.->" in line]
    assert len(edges) == 1 + len(choices) + len(routes) + nexts  # the start arrow, then every way on
    assert sum("-.->" in line for line in edges) == sum(c.get("loop", False) for c in choices)
    # A route's branches are numbered in the order they are read, the last without `when` as "otherwise".
    numbered = [line for line in edges if re.search(r'\|"[0-9]+\. ', line)]
    assert len(numbered) == len(routes)
    assert sum('. otherwise"|' in line for line in numbered) == sum("when" not in r for r in routes)
    code, dot = quiz(capsys, "graph", "--format", "dot", str(REPO / name))
    assert code == 0 and dot.startswith("digraph") and dot.count("->") == len(edges)


@pytest.mark.parametrize("name", TREES)
def test_coverage_and_stats_count_what_the_file_holds(capsys, name):
    doc = _doc(name)
    path = str(REPO / name)
    outcomes = sum(n["kind"] == "outcome" for n in doc["nodes"].values())
    choices, routes = len(_of(doc, "choices")), len(_of(doc, "routes"))
    code, out = quiz(capsys, "check", "--strict", "--coverage", path)
    expected = f"reach {outcomes} of {outcomes} outcomes"
    expected += (
        f", take {choices} of {choices} choices and follow {routes} of {routes} route branches"
        if routes
        else (f" and take {choices} of {choices} choices")
    )
    assert code == 0 and expected in out
    code, out = quiz(capsys, "check", "--stats", "--output-format", "json", path)
    stats = json.loads(out)["stats"][path]
    loops = any(c.get("loop", False) for c in _of(doc, "choices"))
    assert code == 0 and stats["nodes"] == len(doc["nodes"])
    assert (stats["choices"], stats["branches"], stats["facts"]) == (choices, routes, len(doc.get("facts", {})))
    assert stats["loops"] is loops and (stats["paths"] is None) is loops


@pytest.mark.parametrize("name", TREES)
def test_fmt_keeps_the_tree_as_written_and_diff_finds_no_change_against_itself(capsys, name):
    path = str(REPO / name)
    code, out = quiz(capsys, "fmt", "--check", path)
    assert code == 0 and "0 files would be reformatted" in out
    code, out = quiz(capsys, "diff", "--output-format", "json", path, path)
    result = json.loads(out)
    assert code == 0 and result["all_paths"] and result["paths_checked"] > 0 and result["paths_elsewhere"] == 0
    assert result["required"] == "none" and result["ok"]
