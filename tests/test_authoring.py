"""The authoring commands: graph, fmt, new, diff, check --coverage, migrate; and the pre-commit hooks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import load_bytes, load_path
from quiz.author.canonical import canonical
from quiz.author.pictures import dot, mermaid
from quiz.cli import main
from tests.conftest import REPO
from tests.strategies import JSON_VALUES, dumps, valid_trees

COMMANDS = ["play", "preview", "check", "graph", "fmt", "new", "diff", "migrate", "list", "schema"]


def quiz(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself(capsys, command):
    with pytest.raises(SystemExit) as exit:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert exit.value.code == 0
    assert f"usage: quiz {command}" in out and "Exit codes: 0 clean, 1 findings, 2 could not run." in out


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["fmt"])
    assert exit.value.code == 2


# graph ------------------------------------------------------------------------------------------

MERMAID_LINE = re.compile(
    r'  (n\d+(\{"[^"]*"\}|\("[^"]*"\)|\(\["[^"]*"\]\)|\["missing: [^"]*"\])'
    r'|class n\d+ \w+|n\d+ (-->\|"[^"|]*"\||-->) n\d+|classDef .*)'
)
DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'
DOT_LINE = re.compile(
    rf"  ({DOT_STRING} \[[^\n]*label={DOT_STRING}\];|{DOT_STRING} -> {DOT_STRING}( \[label={DOT_STRING}\])?;"
    rf"|{DOT_STRING} \[shape=box, style=dashed, color=\"#b91c1c\"\];|(node|edge) \[fontname=\"Helvetica\"\];)"
)


@given(valid_trees())
def test_graphs_always_parse_whatever_the_text(doc):
    tree = load_bytes(dumps(doc)).tree
    lines = mermaid(tree).splitlines()
    assert lines[0] == "flowchart TD"
    for line in lines[1:]:
        assert MERMAID_LINE.fullmatch(line), line
    lines = dot(tree).splitlines()
    assert re.fullmatch(rf"digraph {DOT_STRING} \{{", lines[0]) and lines[-1] == "}"
    for line in lines[1:-1]:
        assert DOT_LINE.fullmatch(line), line


def test_graph_shapes_edges_and_escaping(capsys):
    code, out, _ = quiz(capsys, "graph", str(REPO / "tests" / "trees" / "markup.json"))
    assert code == 0
    assert 'n0{"Click [@click=app.quit]here[/] to win?"}' in out  # a question is a diamond
    assert 'n1("[reverse]Page[/reverse]")' in out and 'n2(["[i]End[/i]"])' in out
    assert 'n0 -->|"[link=https://example.com]Link[/link]"| n2' in out
    code, out, _ = quiz(capsys, "graph", "--format", "dot", "get-him-back")
    assert code == 0 and '"who-ended-it" -> "why-you-ended-it" [label="I did"];' in out


def test_graph_of_a_tree_that_does_not_fit_the_format_exits_1(capsys, tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": 1}')
    code, out, err = quiz(capsys, "graph", str(path))
    assert code == 1 and out == "" and "Q203" in err


# fmt --------------------------------------------------------------------------------------------


@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=6), valid_trees(max_nodes=8))
def test_canonical_layout_keeps_the_value_and_is_idempotent(extra, doc):
    for value in (extra, doc | extra):
        text = canonical(value)
        assert json.loads(text) == value
        assert canonical(json.loads(text)) == text


def test_fmt_check_names_files_and_fmt_rewrites_them(capsys, tmp_path):
    messy = tmp_path / "messy.json"
    doc = {"nodes": {"end": {"text": "Café ☕", "title": "Done", "kind": "outcome"}}, "start": "end", "title": "T",
           "version": "1.0.0", "id": "t", "format": 1, "x-note": "kept"}  # fmt: skip
    messy.write_text(json.dumps(doc, ensure_ascii=True))
    tidy = tmp_path / "tidy.json"
    tidy.write_text(canonical(doc))
    code, out, _ = quiz(capsys, "fmt", "--check", str(tmp_path))
    assert code == 1 and f"Would reformat: {messy}" in out and str(tidy) not in out.split("\n")[0]
    assert "1 file would be reformatted, 1 left unchanged" in out
    assert json.loads(messy.read_text()) == doc, "--check changes nothing"
    code, out, _ = quiz(capsys, "fmt", str(messy))
    assert code == 0 and f"Reformatted: {messy}" in out
    text = messy.read_text(encoding="utf-8")
    assert text == tidy.read_text(encoding="utf-8")
    assert "Café ☕" in text, "Unicode is written as itself"
    assert list(json.loads(text)) == ["format", "id", "version", "title", "start", "nodes", "x-note"]
    assert quiz(capsys, "fmt", "--check", str(messy))[0] == 0


def test_fmt_refuses_what_it_cannot_read_and_leaves_it_alone(capsys, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": 1, "id": "a", "id": "b"}')
    code, _, err = quiz(capsys, "fmt", str(path))
    assert code == 2 and f"{path}:1:26: Q104" in err
    assert path.read_text() == '{"format": 1, "id": "a", "id": "b"}'


def test_bundled_trees_are_in_the_canonical_layout(capsys):
    assert quiz(capsys, "fmt", "--check", str(REPO / "trees"))[0] == 0


# new --------------------------------------------------------------------------------------------


def test_new_writes_a_valid_tree_and_never_overwrites(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = quiz(capsys, "new", "my-quiz")
    assert code == 0 and "my-quiz.json" in out
    loaded = load_path(tmp_path / "my-quiz.json")
    assert loaded.ok and loaded.findings == () and loaded.tree.id == "my-quiz"
    assert json.loads((tmp_path / "my-quiz.json").read_text())["$schema"].endswith("schema/tree-2.schema.json")
    (tmp_path / "my-quiz.json").write_text("mine")
    code, _, err = quiz(capsys, "new", "my-quiz")
    assert code == 2 and "already exists" in err and (tmp_path / "my-quiz.json").read_text() == "mine"
    code, _, err = quiz(capsys, "new", "../escape")
    assert code == 2 and not (tmp_path.parent / "escape.json").exists()


# diff -------------------------------------------------------------------------------------------


def _versions(tmp_path: Path, change, version: str) -> tuple[str, str]:
    old = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())
    new = json.loads(json.dumps(old))
    change(new)
    new["version"] = version
    paths = tmp_path / "old.json", tmp_path / "new.json"
    for path, doc in zip(paths, (old, new), strict=True):
        path.write_text(json.dumps(doc))
    return str(paths[0]), str(paths[1])


def test_diff_wording_only_is_a_patch(capsys, tmp_path):
    old, new = _versions(tmp_path, lambda d: d["nodes"]["latte"].update(text="Reworded."), "1.0.1")
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 0
    assert "patch: reworded outcome 'latte' (text)" in out and "The change is PATCH" in out


def test_diff_an_added_choice_is_minor_and_a_patch_bump_is_too_small(capsys, tmp_path):
    def add(d):
        d["nodes"]["milk"]["choices"].append({"label": "Oat", "next": "latte"})

    old, new = _versions(tmp_path, add, "1.0.1")
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 1
    assert "minor: added choice 'Oat' to 'milk'" in out and "too small: bump it to 1.1.0" in out


def test_diff_a_reroute_is_major_and_names_the_answers_that_now_end_elsewhere(capsys, tmp_path):
    old, new = _versions(tmp_path, lambda d: d["nodes"]["milk"]["choices"][0].update(next="espresso"), "2.0.0")
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 0
    assert "major: re-routed choice 'Yes' of 'milk': 'latte' → 'espresso'" in out
    assert "Fine › Yes: 'latte' → 'espresso'" in out
    code, out, _ = quiz(capsys, "diff", "--output-format", "json", old, new)
    result = json.loads(out)
    assert result["required"] == "major" and result["paths"][0]["answers"] == ["Fine", "Yes"]


def test_diff_of_identical_trees_needs_no_bump(capsys, tmp_path):
    old, new = _versions(tmp_path, lambda d: None, "1.0.0")
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 0 and "no change a reader would see" in out


# coverage ---------------------------------------------------------------------------------------


def test_check_coverage_names_outcomes_and_choices_no_scenario_reaches(capsys, tmp_path):
    doc = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())
    doc["scenarios"] = [{"name": "tired", "answers": ["Barely"], "outcome": "espresso"}]
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc))
    code, out, _ = quiz(capsys, "check", "--coverage", str(path))
    assert code == 0
    assert "scenarios reach 1 of 2 outcomes and take 1 of 4 choices" in out
    assert "outcome not reached: 'latte'" in out and "choice not taken: 'milk' → 'Yes'" in out


# migrate ----------------------------------------------------------------------------------------


def test_migrate_rewrites_format_1_as_format_2_and_changes_nothing_else(capsys, tmp_path):
    path = tmp_path / "coffee.json"
    text = (REPO / "tests" / "trees" / "coffee.json").read_text()
    old = json.loads(text)
    path.write_text(text)
    code, out, _ = quiz(capsys, "migrate", "--check", str(path))
    assert code == 1 and f"Would migrate to format 2: {path}" in out and path.read_text() == text
    code, out, _ = quiz(capsys, "migrate", str(path))
    assert code == 0 and f"Migrated to format 2: {path}" in out
    assert json.loads(path.read_text()) == {**old, "format": 2}
    code, out, _ = quiz(capsys, "migrate", str(path))
    assert code == 0 and "0 of 1 files migrated" in out


def test_migrate_refuses_a_newer_format(capsys, tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": 7}')
    code, _, err = quiz(capsys, "migrate", str(path))
    assert code == 1 and "Q201" in err and path.read_text() == '{"format": 7}'


# pre-commit -------------------------------------------------------------------------------------


def test_pre_commit_hooks_run_real_commands(capsys, tmp_path):
    text = (REPO / ".pre-commit-hooks.yaml").read_text()
    hooks = dict(re.findall(r"- id: (\S+)\n(?:  .*\n)*?  entry: (.+)", text))
    assert hooks == {"quiz-check": "quiz check", "quiz-fmt": "quiz fmt"}
    trees = tmp_path / "trees"
    shutil.copytree(REPO / "trees", trees)
    for entry in hooks.values():
        assert quiz(capsys, *entry.split()[1:], str(trees))[0] == 0
