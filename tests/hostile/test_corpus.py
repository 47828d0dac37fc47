"""Every case of the hostile corpus, run as a reader runs quiz: a process, its exit code, its output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quiz.text import CONTROL
from tests.hostile.cases import CASES, Case


def run(args: list[str], folder: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        cwd=folder,
        input=stdin,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=120,
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path) -> None:
    done = run(case.make(tmp_path), tmp_path, case.stdin)
    out = done.stdout + done.stderr
    assert done.returncode == case.code, out[-2000:]
    for text in case.says:
        assert text in out, out[-2000:]
    for text in case.never:
        assert text not in out
    assert "Traceback" not in out
    assert not CONTROL.search(out.replace("\n", "")), "a control character reached the output"


def test_an_unreadable_folder_is_named_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import os

    from quiz.cli import main

    (tmp_path / "locked").mkdir()
    (tmp_path / "good.json").write_text('{"format": 1}')
    real = os.scandir

    def scandir(path=".", *args, **kwargs):  # root lists any folder, so refusing is simulated
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'locked'}: Permission denied" in err


def test_a_reader_that_goes_away_ends_output_quietly(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"format": 1, "nodes": {' + ", ".join(f'"n{i}": {{}}' for i in range(5000)) + "}}")
    done = subprocess.run(
        f"{sys.executable} -m quiz check {path} {path} | head -1", shell=True, capture_output=True, text=True
    )
    assert done.stdout.count("\n") == 1 and done.stderr == ""
