"""`quiz check` and `quiz schema` as a CI maintainer runs them: output formats and exit codes."""

import json
import subprocess
import sys

import pytest

from quiz.cli import commands, main


def run(*args: str) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "quiz", *args], capture_output=True, text=True, timeout=60)
    assert "Traceback" not in proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


def test_clean_tree_exits_0(examples):
    code, out = run("check", str(examples / "coffee.json"))
    assert code == 0 and "All checks passed: 1 file." in out


def test_findings_exit_1_in_ruff_format(examples):
    code, out = run("check", str(examples / "broken.json"))
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{examples / 'broken.json'}:4:14: Q501 (warning) version")
    assert f"{examples / 'broken.json'}:9:59: Q302 node 'a' leads to 'no-contct'" in out
    assert "  hint: did you mean 'no-contact'?" in out
    assert out.rstrip().endswith("Found 10 errors and 1 warning in 1 file.")


def test_directories_are_searched_for_json(examples, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.json").write_bytes((examples / "coffee.json").read_bytes())
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.json").write_text("{")
    (tmp_path / "notes.txt").write_text("not a tree")
    code, out = run("check", str(tmp_path))
    assert code == 0 and "1 file" in out


def test_warnings_fail_only_with_strict(tmp_path, examples):
    doc = json.loads((examples / "coffee.json").read_text())
    doc["version"] = "one"
    path = tmp_path / "w.json"
    path.write_text(json.dumps(doc))
    assert run("check", str(path))[0] == 0
    assert run("check", "--strict", str(path))[0] == 1


def test_json_output_is_an_object_with_a_version_and_the_findings(examples):
    code, out = run("check", "--output-format", "json", str(examples / "broken.json"))
    document = json.loads(out)
    assert code == 1 and list(document) == ["version", "findings"] and document["version"] == 1
    findings = document["findings"]
    assert len(findings) == 11
    first = findings[1]
    assert {k: first[k] for k in ("line", "column", "end_line", "end_column", "code", "severity", "node")} == {
        "line": 9,
        "column": 59,
        "end_line": 9,
        "end_column": 69,
        "code": "Q302",
        "severity": "error",
        "node": "a",
    }
    assert first["file"].endswith("broken.json") and first["path"] == "$.nodes.a.choices[1].next"


def test_github_output_is_workflow_commands(examples):
    code, out = run("check", "--output-format", "github", str(examples / "broken.json"))
    lines = out.splitlines()
    assert code == 1 and len(lines) == 11
    assert lines[0].startswith("::warning file=")
    assert any(
        line.startswith("::error file=") and ",line=9,col=59,endLine=9,endColumn=69,title=quiz (Q302)::" in line
        for line in lines
    )


def test_stats(examples):
    code, out = run("check", "--stats", str(examples / "coffee.json"), str(examples / "broken.json"))
    assert "coffee.json: 5 nodes (2 questions, 1 info, 2 outcomes), 4 choices; 3 distinct paths" in out
    assert "broken.json: no stats or coverage until its errors are mended" in out
    assert code == 1
    code, out = run("check", "--stats", "--output-format", "json", str(examples / "coffee.json"))
    assert code == 0
    document = json.loads(out)
    assert list(document) == ["version", "findings", "stats"] and document["findings"] == []
    stats = document["stats"]
    [facts] = stats.values()
    assert facts["paths"] == 3 and facts["shortest_walk"] == 2 and facts["longest_walk"] == 2


def test_stats_of_a_format_2_tree_count_routes_numbers_and_facts_and_say_a_loop_has_no_end_of_paths(examples):
    code, out = run("check", "--stats", str(examples / "breakup.json"))
    assert code == 0
    assert (
        "breakup.json: 8 nodes (3 questions, 1 number question, 1 route, 1 info, 2 outcomes), 7 choices,"
        " 3 route branches, 4 facts; no end to the distinct paths, since a walk can go round a loop;"
        " walks of 4 to 6 steps, at most 4 questions, without going round a loop" in out
    )
    code, out = run("check", "--stats", "--output-format", "json", str(examples / "breakup.json"))
    [facts] = json.loads(out)["stats"].values()
    assert facts["loops"] is True and facts["paths"] is None and facts["paths_text"] == "no end to them"
    assert facts["kinds"]["route"] == facts["kinds"]["number"] == 1
    assert facts["branches"] == 3 and facts["facts"] == 4 and facts["choices"] == 7


def test_stats_count_the_paths_of_a_format_2_tree_without_a_loop(examples, tmp_path):
    doc = json.loads((examples / "breakup.json").read_text())
    ready = doc["nodes"]["ready"]["choices"]
    ready[1]["next"] = "talk"  # still marked `loop`, but it closes no cycle
    doc["scenarios"] = [s for s in doc["scenarios"] if "Read that again" not in s["answers"]]
    path = tmp_path / "breakup.json"
    path.write_text(json.dumps(doc))
    code, out = run("check", "--stats", str(path))
    assert code == 0
    # who (2) x why (3) x which: cool-off then ready (2), fresh-start, talk.
    assert "7 choices, 3 route branches, 4 facts; 24 distinct paths through the graph; walks of 4 to 6 steps" in out
    code, out = run("check", "--stats", "--output-format", "json", str(path))
    [facts] = json.loads(out)["stats"].values()
    assert facts["loops"] is False and facts["paths"] == 24


@pytest.mark.parametrize(
    "args",
    [("check", "no/such/file.json"), ("check", "--output-format", "xml", "x.json"), ("frobnicate",)],
)
def test_could_not_run_exits_2(args):
    code, out = run(*args)
    assert code == 2 and "error" in out


def test_empty_directory_exits_2(tmp_path):
    code, out = run("check", str(tmp_path))
    assert code == 2 and "no tree files" in out


def test_unreadable_file_exits_2(tmp_path, monkeypatch, capsys):
    path = tmp_path / "locked.json"
    path.write_text("{}")

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(commands, "read_regular", refuse)  # root reads any file, so refusing is simulated
    assert main(["check", str(path)]) == 2
    assert f"{path}: Permission denied" in capsys.readouterr().err


def test_messages_never_put_control_characters_on_the_terminal(tmp_path):
    doc = {
        "format": 1,
        "id": "t",
        "version": "1.0.0",
        "title": "T",
        "start": "x\x1b[31m",
        "nodes": {"end\x07": {"kind": "outcome", "title": "E", "text": "e"}},
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(doc))
    code, out = run("check", str(path))
    assert code == 1 and "\x1b" not in out and "\x07" not in out and "\\x1b" in out


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_play_an_unknown_tree_exits_2_naming_the_bundled_ones():
    code, out = run("play", "no-such-tree")
    assert code == 2
    assert "no-such-tree: no such file, and no bundled tree has that id" in out and "get-him-back" in out


def test_preview_without_a_terminal_exits_2_and_says_what_to_do(examples):
    code, out = run("preview", str(examples / "coffee.json"))  # stdin and stdout are pipes here
    assert code == 2 and "needs a terminal" in out


def test_list_shows_the_bundled_trees():
    code, out = run("list")
    assert code == 0 and "get-him-back" in out and "Can you get him back?" in out
