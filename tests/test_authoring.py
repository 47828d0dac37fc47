"""The authoring commands: fmt, new, diff, check --coverage, migrate (graph: test_pictures.py; hooks: test_hooks.py)."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import load_path
from quiz.author.canonical import canonical
from quiz.author.coverage import coverage
from quiz.cli import main
from quiz.format.fields import class_of, fields, item_class, keys
from quiz.format.model import Tree
from tests.conftest import REPO
from tests.strategies import JSON_VALUES, valid_trees
from tests.walk_trees import format2_trees

COMMANDS = ["play", "preview", "check", "graph", "fmt", "new", "diff", "migrate", "list", "schema", "completion"]


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
        main(["fmt", "--no-such-option"])
    assert exit.value.code == 2


# fmt --------------------------------------------------------------------------------------------


@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=6), valid_trees(max_nodes=8))
def test_canonical_layout_keeps_the_value_and_is_idempotent(extra, doc):
    for value in (extra, doc | extra):
        text = canonical(value)
        assert json.loads(text) == value
        assert canonical(json.loads(text)) == text


def test_canonical_layout_orders_the_keys_of_facts_by_their_type():
    doc = {
        "format": 2,
        "facts": {
            "weeks": {"max": 9, "initial": 0, "type": "int", "min": 0},
            "who": {"values": ["me", "him"], "type": "enum"},
            "hurt": {"initial": False, "type": "bool"},
        },
    }
    text = canonical(doc)
    assert json.loads(text) == doc and canonical(json.loads(text)) == text
    facts = json.loads(text)["facts"]
    assert [list(f) for f in facts.values()] == [
        ["type", "min", "max", "initial"],
        ["type", "values"],
        ["type", "initial"],
    ]


def _shuffled(value, held, rng):
    """The same document with the keys of every object of the model in a random order (ids and names stay put)."""
    if isinstance(value, list):
        return [_shuffled(item, held, rng) for item in value]
    cl = class_of(value, held)
    if not isinstance(value, dict):
        return value
    if cl is None:  # a mapping of ids or names to objects of the model, or of names to values
        return {key: _shuffled(item, held, rng) for key, item in value.items()}
    by_key = {f.key: f for f in fields(cl)}
    order = list(value)
    rng.shuffle(order)
    return {key: _shuffled(value[key], item_class(by_key[key].type), rng) for key in order}


def _in_model_order(value, held) -> None:
    """Every object's keys come in the order its class in the model lists them, all the way down."""
    cl = class_of(value, held)
    if cl is None or not isinstance(value, dict):
        return
    order = keys(cl)
    assert list(value) == [key for key in order if key in value], (cl.__name__, list(value))
    by_key = {f.key: f for f in fields(cl)}
    for key, item in value.items():
        inner = item_class(by_key[key].type)
        for element in item if isinstance(item, list) else item.values() if isinstance(item, dict) else [item]:
            _in_model_order(element, inner)


@given(format2_trees(), st.randoms(use_true_random=False))
def test_format_2_trees_come_out_in_the_model_s_key_order_and_formatting_twice_changes_nothing(doc, rng):
    doc["scenarios"] = [{"facts": {"weeks": 3}, "outcome": "end", "answers": ["A", 2], "name": "s"}]
    messy = _shuffled(doc, Tree, rng)
    text = canonical(messy)
    assert json.loads(text) == doc
    assert canonical(json.loads(text)) == text
    _in_model_order(json.loads(text), Tree)


def test_every_new_object_of_format_2_has_its_keys_in_order():
    doc = json.loads((REPO / "tests" / "trees" / "breakup.json").read_text())
    text = canonical(_shuffled(doc, Tree, random.Random(7)))
    assert text == (REPO / "tests" / "trees" / "breakup.json").read_text(), "the test tree is in the canonical layout"
    assert '"hope": {"type": "int", "min": 0, "max": 10, "initial": 6}' in text
    assert '{"label": "He met someone else", "when": "ended_by == \'him\'", "next": "since"}' in text
    assert '"label": "He did",\n          "set": {"ended_by": "him"},\n          "add": {"hope": -2},\n' in text
    assert '{"label": "Read that again", "next": "cool-off", "loop": true}' in text
    assert '{"kind": "number", "text": "How many weeks ago did it end?", "fact": "weeks", "next": "which"}' in text
    assert '{"when": "weeks < 2", "next": "cool-off"}' in text
    assert '"outcome": "talk",\n      "facts": {"weeks": 0}' in text


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
    doc = json.loads((tmp_path / "my-quiz.json").read_text())
    assert doc["$schema"].endswith("schema/tree-2.schema.json") and doc["format"] == 2
    assert {n["kind"] for n in doc["nodes"].values()} == {"question", "info", "number", "route", "outcome"}
    code, out, _ = quiz(capsys, "check", "--strict", "--coverage", str(tmp_path / "my-quiz.json"))
    assert code == 0 and "reach 3 of 3 outcomes, take 2 of 2 choices and follow 2 of 2 route branches" in out
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


def _old_version(old: str, version: str) -> None:
    doc = json.loads(Path(old).read_text())
    doc["version"] = version
    Path(old).write_text(json.dumps(doc))


def test_diff_releasing_a_pre_release_is_enough_whatever_changed(capsys, tmp_path):
    old, new = _versions(tmp_path, lambda d: d["nodes"]["milk"]["choices"][0].update(next="espresso"), "1.0.0")
    _old_version(old, "1.0.0-rc.1")
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 0, out
    assert "version 1.0.0-rc.1 → 1.0.0 follows a pre-release, which promises nothing: enough." in out
    code, out, _ = quiz(capsys, "diff", "--output-format", "json", old, new)
    result = json.loads(out)
    assert result["ok"] and result["from_prerelease"] and result["suggested_version"] == "1.0.0"


@pytest.mark.parametrize(
    ("before", "after"), [("1.0.0", "1.0.0-rc.1"), ("1.0.0-rc.2", "1.0.0-rc.1"), ("1.2.0", "1.1.9")]
)
def test_diff_refuses_a_step_down_a_pre_release_included(capsys, tmp_path, before, after):
    old, new = _versions(tmp_path, lambda d: None, after)
    _old_version(old, before)
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 1 and f"version {before} → {after} is not a semver step up" in out


def test_diff_a_pre_release_of_too_small_a_bump_is_too_small(capsys, tmp_path):
    def add(d):
        d["nodes"]["milk"]["choices"].append({"label": "Oat", "next": "latte"})

    old, new = _versions(tmp_path, add, "1.0.1-rc.1")
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 1 and "too small: bump it to 1.1.0" in out
    old, new = _versions(tmp_path, add, "1.1.0-rc.1")
    assert quiz(capsys, "diff", old, new)[0] == 0


def test_diff_build_metadata_is_not_a_new_version(capsys, tmp_path):
    old, new = _versions(tmp_path, lambda d: d["nodes"]["latte"].update(text="Reworded."), "1.0.0+build.7")
    code, out, _ = quiz(capsys, "diff", old, new)
    assert code == 1 and "bump it to 1.0.1" in out


def _ci_recipe() -> str:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"      - run: \|\n((?:          .*\n)+)", text)
    assert block, "docs/ci.md holds the version-bump step"
    return "\n".join(line[10:] for line in block[1].splitlines())


def test_the_docs_version_bump_recipe_passes_a_release_and_stops_a_step_down(tmp_path):
    """The step docs/ci.md gives, run by bash -e as GitHub runs it, in a scratch clone with an origin."""
    git = shutil.which("git")
    assert git, "git is needed for the recipe"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # fmt: skip

    def sh(*args: str, cwd: Path = tmp_path / "work") -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)

    sh(git, "init", "-q", "--bare", "-b", "main", str(tmp_path / "origin.git"), cwd=tmp_path)
    sh(git, "clone", "-q", str(tmp_path / "origin.git"), "work", cwd=tmp_path)
    work = tmp_path / "work"
    sh(git, "switch", "-q", "-c", "main")
    ident = ("-c", "user.name=t", "-c", "user.email=t@example.org")
    doc = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())
    (work / "trees").mkdir()

    def commit(version: str, change) -> None:
        change(doc)
        doc["version"] = version
        (work / "trees" / "coffee.json").write_text(json.dumps(doc, indent=2))
        sh(git, "add", "-A")
        assert sh(git, *ident, "commit", "-qm", version).returncode == 0

    commit("1.0.0-rc.1", lambda d: None)
    assert sh(git, "push", "-q", "origin", "main").returncode == 0
    sh(git, "switch", "-q", "-c", "release")
    commit("1.0.0", lambda d: d["nodes"]["milk"]["choices"][0].update(next="espresso"))
    run = sh("bash", "-e", "-c", _ci_recipe())
    assert run.returncode == 0, run.stdout + run.stderr
    assert "follows a pre-release" in run.stdout
    commit("1.0.0-rc.0", lambda d: None)
    run = sh("bash", "-e", "-c", _ci_recipe())
    assert run.returncode == 1 and "is not a semver step up" in run.stdout


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


def _facts_tree(tmp_path: Path, scenarios: list[dict]) -> str:
    doc = json.loads((REPO / "tests" / "trees" / "breakup.json").read_text())
    doc["scenarios"] = scenarios
    path = tmp_path / "breakup.json"
    path.write_text(json.dumps(doc))
    return str(path)


def test_coverage_of_a_format_2_tree_counts_choices_route_branches_and_outcomes(capsys, tmp_path):
    path = str(REPO / "tests" / "trees" / "breakup.json")
    code, out, _ = quiz(capsys, "check", "--strict", "--coverage", path)
    assert code == 0
    assert "scenarios reach 2 of 2 outcomes, take 7 of 7 choices and follow 3 of 3 route branches" in out
    assert "not taken" not in out and "not followed" not in out and "not reached" not in out


def test_coverage_replays_scenarios_with_numbers_and_facts(capsys, tmp_path):
    # 8 weeks after "I did", hope is 6 and nothing was unfaithful: the second branch holds, not the third.
    path = _facts_tree(tmp_path, [{"name": "hopeful", "answers": ["I did", "It had run its course", 8],
                                   "outcome": "fresh-start"}])  # fmt: skip
    code, out, _ = quiz(capsys, "check", "--coverage", path)
    assert code == 0
    assert "scenarios reach 1 of 2 outcomes, take 2 of 7 choices and follow 1 of 3 route branches" in out
    assert "route branch not followed: 'which' → branch 1 ('weeks < 2')" in out
    assert "route branch not followed: 'which' → branch 3 (otherwise)" in out
    assert "route branch not followed: 'which' → branch 2" not in out
    assert "choice not taken: 'why' → 'He met someone else'" in out and "outcome not reached: 'talk'" in out
    code, out, _ = quiz(capsys, "check", "--coverage", "--output-format", "json", path)
    [covered] = json.loads(out)["coverage"].values()
    assert covered["branches"] == 3
    assert covered["missed_branches"] == [
        {"route": "which", "index": 0, "when": "weeks < 2"},
        {"route": "which", "index": 2, "when": None},
    ]


def test_coverage_counts_a_scenario_that_stops_early_as_far_as_it_goes(tmp_path):
    # "He met someone else" is not offered after "I did": the replay stops there, before the number and the route.
    path = _facts_tree(tmp_path, [{"name": "no", "answers": ["I did", "He met someone else", 3], "outcome": "talk"}])
    loaded = load_path(path)
    assert [f.code for f in loaded.findings] == ["Q401"]
    covered = coverage(loaded.tree)
    assert len(covered.missed_choices) == 6 and ("who", "I did") not in covered.missed_choices
    assert len(covered.missed_branches) == 3


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
