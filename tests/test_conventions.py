"""`quiz` keeps the conventions of ruff, mypy and check-jsonschema: a CI maintainer's habits work unchanged.

Each test runs the installed program as a pipeline would, in a scratch project, and asserts
what it prints and how it exits.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

COFFEE = (REPO / "tests" / "trees" / "coffee.json").read_text()
BROKEN = (REPO / "tests" / "trees" / "broken.json").read_text()


def quiz(*args: str, cwd: Path, stdin: str | None = None, **env: str) -> tuple[int, str, str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | env
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", *args], cwd=cwd, input=stdin, capture_output=True, text=True, env=environ,
        timeout=60,
    )  # fmt: skip
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


# --version, -q, --exit-zero ---------------------------------------------------------------------


def test_version_prints_the_installed_version_on_stdout(tmp_path):
    from importlib.metadata import version

    from quiz.format.migrate import CURRENT

    code, out, err = quiz("--version", cwd=tmp_path)
    assert code == 0 and out == f"quiz {version('quiztree')} (tree format {CURRENT})\n" and err == ""


def test_quiet_prints_the_findings_and_no_summary(tmp_path):
    project(tmp_path, {"good.json": COFFEE, "bad.json": BROKEN})
    code, out, _ = quiz("check", "-q", "good.json", cwd=tmp_path)
    assert code == 0 and out == ""
    code, out, _ = quiz("check", "--quiet", "bad.json", cwd=tmp_path)
    assert code == 1 and out.startswith("bad.json:4:14: Q501") and "Found" not in out


def test_exit_zero_reports_findings_but_exits_0_and_still_2_when_it_cannot_run(tmp_path):
    project(tmp_path, {"bad.json": BROKEN})
    code, out, _ = quiz("check", "--exit-zero", "bad.json", cwd=tmp_path)
    assert code == 0 and "Q302" in out and "Found 10 errors" in out
    assert quiz("check", "--exit-zero", "missing.json", cwd=tmp_path)[0] == 2


# standard input ---------------------------------------------------------------------------------


def test_a_dash_reads_the_tree_from_stdin_under_the_stdin_filename(tmp_path):
    code, out, _ = quiz("check", "-", cwd=tmp_path, stdin=BROKEN)
    assert code == 1 and "-:9:59: Q302" in out
    code, out, _ = quiz("check", "--output-format", "github", "-", "--stdin-filename", "trees/b.json",
                        cwd=tmp_path, stdin=BROKEN)  # fmt: skip
    assert code == 1 and "::error file=trees/b.json,line=9,col=59,endLine=9,endColumn=69,title=quiz (Q302)::" in out
    assert quiz("check", "-", cwd=tmp_path, stdin=COFFEE)[:2] == (0, "All checks passed: 1 file.\n")


def test_stdin_mixes_with_files_and_is_given_once(tmp_path):
    project(tmp_path, {"good.json": COFFEE})
    code, out, _ = quiz("check", "good.json", "-", cwd=tmp_path, stdin=COFFEE)
    assert code == 0 and "2 files" in out
    code, _, err = quiz("check", "-", "-", cwd=tmp_path, stdin=COFFEE)
    assert code == 2 and "only once" in err
    code, _, err = quiz("check", "good.json", "--stdin-filename", "x.json", cwd=tmp_path)
    assert code == 2 and "`-` is not among the paths" in err


def test_fmt_dash_prints_the_canonical_layout_of_stdin(tmp_path):
    code, out, _ = quiz("fmt", "-", cwd=tmp_path, stdin=json.dumps(json.loads(COFFEE)))
    assert code == 0 and json.loads(out) == json.loads(COFFEE) and out.count("\n") > 10
    assert quiz("fmt", "--check", "-", cwd=tmp_path, stdin=out)[:2] == (0, "")
    code, out, _ = quiz("fmt", "--check", "-", "--stdin-filename", "t.json", cwd=tmp_path, stdin=COFFEE + " ")
    assert (code, out) == (1, "Would reformat: t.json\n")
    assert quiz("fmt", "-", cwd=tmp_path, stdin="{,")[0] == 2


# colour -----------------------------------------------------------------------------------------


def _on_a_terminal(tmp_path: Path, *args: str, **env: str) -> str:
    """The output of `quiz` with a pseudo-terminal as its standard output, as a person sees it."""
    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | {"TERM": "xterm"} | env
    proc = subprocess.Popen([sys.executable, "-m", "quiz", *args], cwd=tmp_path, stdout=follower, env=environ)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the program ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    proc.wait(timeout=60)
    return b"".join(chunks).decode()


def test_text_is_coloured_on_a_terminal_and_not_with_no_color(tmp_path):
    project(tmp_path, {"bad.json": BROKEN})
    assert "\x1b[1;31mQ302\x1b[0m" in _on_a_terminal(tmp_path, "check", "bad.json")
    assert "\x1b[" not in _on_a_terminal(tmp_path, "check", "bad.json", NO_COLOR="1")
    assert "\x1b[" not in _on_a_terminal(tmp_path, "check", "bad.json", TERM="dumb")


def test_text_is_plain_into_a_pipe_unless_force_color(tmp_path):
    project(tmp_path, {"bad.json": BROKEN})
    assert "\x1b[" not in quiz("check", "bad.json", cwd=tmp_path)[1]
    out = quiz("check", "bad.json", cwd=tmp_path, FORCE_COLOR="1")[1]
    assert "\x1b[1mbad.json:9:59:\x1b[0m \x1b[1;31mQ302\x1b[0m" in out and "\x1b[1;33mQ501\x1b[0m (warning)" in out
    assert "\x1b[" not in quiz("check", "bad.json", cwd=tmp_path, FORCE_COLOR="1", NO_COLOR="1")[1]
    assert "\x1b[" not in quiz("check", "bad.json", cwd=tmp_path, FORCE_COLOR="")[1]


def test_colour_never_reaches_machine_formats(tmp_path):
    project(tmp_path, {"bad.json": BROKEN})
    for fmt in ("json", "sarif", "github"):
        assert "\x1b" not in quiz("check", "--output-format", fmt, "bad.json", cwd=tmp_path, FORCE_COLOR="1")[1]


# walking folders --------------------------------------------------------------------------------


def test_folders_hold_trees_not_every_json_file(tmp_path):
    schema = (REPO / "schema" / "tree-1.schema.json").read_text()
    project(tmp_path, {"trees/a.json": COFFEE, "package.json": '{"name": "x"}', "schema/tree.schema.json": schema,
                       "node_modules/dep/trees/b.json": BROKEN, "venv/lib/c.json": BROKEN, ".cache/d.json": BROKEN,
                       "tsconfig.json": "{,", "trees/broken.json": '{"format": 1, "nodes": {,}}'})  # fmt: skip
    code, out, _ = quiz("check", ".", cwd=tmp_path)
    assert code == 1 and "2 files" in out and "trees/broken.json:1:25: Q103" in out
    assert "package.json" not in out and "schema" not in out and "node_modules" not in out


def test_a_file_named_is_checked_even_if_it_is_no_tree(tmp_path):
    project(tmp_path, {"package.json": '{"name": "x"}'})
    code, out, _ = quiz("check", "package.json", cwd=tmp_path)
    assert code == 1 and "package.json:1:1: Q202" in out


def test_gitignore_files_are_respected_deeper_ones_winning(tmp_path):
    project(tmp_path, {".git/HEAD": "", ".gitignore": "build/\ndrafts/*.json\n", "drafts/.gitignore": "!keep.json\n",
                       "trees/a.json": COFFEE, "build/b.json": BROKEN, "drafts/c.json": BROKEN,
                       "drafts/keep.json": COFFEE})  # fmt: skip
    code, out, _ = quiz("check", ".", cwd=tmp_path)
    assert code == 0 and "2 files" in out
    code, _, err = quiz("check", "build", cwd=tmp_path)
    assert code == 2 and "no tree files" in err
    code, out, _ = quiz("check", "../drafts", cwd=tmp_path / "trees")  # the repository's top .gitignore applies
    assert code == 0 and "1 file." in out


def test_exclude_adds_gitignore_style_patterns(tmp_path):
    project(tmp_path, {"trees/a.json": COFFEE, "trees/old/b.json": BROKEN, "trees/c.draft.json": BROKEN})
    code, out, _ = quiz("check", "--exclude", "old/", "--exclude", "*.draft.json", "trees", cwd=tmp_path)
    assert code == 0 and "1 file." in out


def test_force_exclude_applies_the_rules_to_files_named(tmp_path):
    project(tmp_path, {"trees/a.json": COFFEE, "trees/package.json": '{"name": "x"}', "trees/old/b.json": BROKEN})
    names = ["trees/a.json", "trees/package.json", "trees/old/b.json"]
    code, out, _ = quiz("check", "--force-exclude", "--exclude", "old/", *names, cwd=tmp_path)
    assert code == 0 and "1 file." in out
    code, out, _ = quiz("check", "--force-exclude", "trees/package.json", cwd=tmp_path)
    assert code == 0 and "0 files" in out


# [tool.quiz] ------------------------------------------------------------------------------------


def test_settings_come_from_the_nearest_pyproject_with_tool_quiz(tmp_path):
    doc = json.loads(COFFEE)
    doc["version"] = "one"  # a warning: fails only when strict
    project(tmp_path, {"pyproject.toml": '[tool.quiz]\npaths = ["trees"]\nexclude = ["old/"]\nstrict = true\n'
                       'output-format = "github"\n', "trees/w.json": json.dumps(doc), "trees/old/b.json": BROKEN,
                       "sub/pyproject.toml": "[tool.ruff]\n"})  # fmt: skip
    code, out, _ = quiz("check", cwd=tmp_path / "sub")
    assert code == 1 and out.startswith("::warning file=../trees/w.json,") and "b.json" not in out
    code, out, _ = quiz("check", "--no-strict", "--output-format", "text", cwd=tmp_path)
    assert code == 0 and out.startswith("trees/w.json:") and "1 file." in out


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('strict = "yes"', "strict must be true or false"),
        ('paths = "trees"', "paths must be a list of strings"),
        ('output-format = "xml"', "output-format must be one of"),
        ("exlude = []", "no setting 'exlude'"),
    ],
)
def test_bad_settings_are_an_error_naming_the_file(tmp_path, table, says):
    project(tmp_path, {"pyproject.toml": f"[tool.quiz]\n{table}\n", "a.json": COFFEE})
    code, _, err = quiz("check", "a.json", cwd=tmp_path)
    assert code == 2 and str(tmp_path / "pyproject.toml") in err and says in err


def test_fmt_and_migrate_take_paths_and_excludes_from_the_settings(tmp_path):
    flat = json.dumps(json.loads(COFFEE))
    project(tmp_path, {"pyproject.toml": '[tool.quiz]\npaths = ["trees"]\nexclude = ["keep/"]\n',
                       "trees/a.json": flat, "trees/keep/b.json": flat})  # fmt: skip
    assert quiz("fmt", "--check", cwd=tmp_path)[:2] == (
        1,
        "Would reformat: trees/a.json\n1 file would be reformatted, 0 left unchanged\n",
    )
    from quiz.format.migrate import CURRENT

    assert quiz("migrate", "--check", "-q", cwd=tmp_path)[:2] == (
        1,
        f"Would migrate to format {CURRENT}: trees/a.json\n",
    )
    code, _, err = quiz("migrate", "-", cwd=tmp_path)
    assert code == 2 and "standard input" in err


# shell completion -------------------------------------------------------------------------------


def _completion_env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
    }


def test_bash_completes_commands_and_options(tmp_path):
    script = quiz("completion", "bash", cwd=tmp_path)[1]
    line = "quiz check --output-format s"
    probe = f"""{script}
COMP_LINE={line!r}; COMP_POINT={len(line)}; COMP_WORDS=({line}); COMP_CWORD={len(line.split()) - 1}
_python_argcomplete quiz; printf '%s\\n' "${{COMPREPLY[@]}}"
COMP_LINE='quiz ch'; COMP_POINT=7; COMP_WORDS=(quiz ch); COMP_CWORD=1
_python_argcomplete quiz; printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    proc = subprocess.run(
        ["bash", "-c", probe], capture_output=True, text=True, env=_completion_env(tmp_path), timeout=60
    )
    assert proc.stdout.split() == ["sarif", "check"], proc.stdout + proc.stderr


def test_fish_completes_commands_and_options(tmp_path):
    fish = shutil.which("fish")
    assert fish, "fish is needed: apt-get install fish (.ci/run installs it)"
    script = quiz("completion", "fish", cwd=tmp_path)[1]
    (tmp_path / "quiz.fish").write_text(script)
    probe = f"source {tmp_path / 'quiz.fish'}; complete -C 'quiz comp'; complete -C 'quiz check --exit'"
    proc = subprocess.run(
        [fish, "--no-config", "-c", probe], capture_output=True, text=True, env=_completion_env(tmp_path), timeout=60
    )
    assert [line.split("\t")[0] for line in proc.stdout.splitlines()] == ["completion", "--exit-zero"], (
        proc.stdout + proc.stderr
    )


def test_zsh_completes_commands_and_options(tmp_path):
    zsh = shutil.which("zsh")
    assert zsh, "zsh is needed: apt-get install zsh (.ci/run installs it)"
    script = quiz("completion", "zsh", cwd=tmp_path)[1]
    (tmp_path / "_quiz").write_text(script)
    # The script's own function, with zsh's completion builtins it calls replaced by ones that print.
    probe = f"""autoload -U compinit is-at-least; compinit -u -D
source {tmp_path / "_quiz"}
_describe() {{ print -l -- ${{(P)2}} }}; compadd() {{ print -l -- ${{@[-1]}} }}
BUFFER='quiz check --str'; CURSOR=${{#BUFFER}}; words=(quiz check --str); CURRENT=3
_python_argcomplete
"""
    proc = subprocess.run(
        [zsh, "-f", "-c", probe], capture_output=True, text=True, env=_completion_env(tmp_path), timeout=60
    )
    assert proc.stdout.splitlines() == ["--strict:fail on warnings too (default: off)"], proc.stdout + proc.stderr


# the top-level `tui` ----------------------------------------------------------------------------


def test_a_foreign_tui_package_is_named_not_a_traceback(monkeypatch, capsys):
    """PyPI's unrelated `tui`, installed over ours, must not end `quiz play` in an ImportError."""
    import types

    from quiz.cli import main

    monkeypatch.setitem(sys.modules, "tui", types.ModuleType("tui"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["play", str(REPO / "tests" / "trees" / "coffee.json")]) == 2
    err = capsys.readouterr().err
    assert "the package `tui` found here is not quiz's terminal UI" in err and "pip uninstall tui" in err
