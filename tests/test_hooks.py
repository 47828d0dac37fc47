"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit on a scratch repository.

pre-commit installs this repository (uncommitted changes included) into an environment of its
own, as it would for a user's `.pre-commit-config.yaml`, and runs both hooks over the scratch
repository's files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quiz.author.canonical import canonical
from tests.conftest import REPO

COFFEE = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())
TREES = 6  # past pre-commit's smallest batch (4 files), so that parallel runs would split them


def test_each_hook_runs_once_over_all_files_and_only_over_trees() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"quiz-check", "quiz-fmt"}
    assert all(hook["require_serial"] and "--force-exclude" in hook["entry"] for hook in hooks.values())


@pytest.fixture(scope="module")
def hooked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, bytes]]:
    """A scratch repository after `pre-commit try-repo` ran quiz's hooks on all its files."""
    work = tmp_path_factory.mktemp("scratch")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
    }  # fmt: skip
    files = {f"trees/t{i}.json": canonical({**COFFEE, "id": f"t{i}"}) for i in range(TREES)}
    files |= {
        "trees/package.json": '{"name":   "not a tree"}',
        "package.json": '{"name":   "not a tree", "format": "nodes"}',
        "trees/drafts/broken.json": json.dumps({**COFFEE, "start": "nowhere"}),
        "drafts.json": "{,",
    }
    for name, text in files.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=work, check=True, env=env)
    before = {name: (work / name).read_bytes() for name in files}
    proc = subprocess.run(
        [Path(sys.executable).parent / "pre-commit", "try-repo", str(REPO), "--all-files", "--verbose"],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return work, proc.stdout + proc.stderr, before


def test_the_check_hook_fails_on_a_broken_tree_with_one_summary(hooked: tuple[Path, str, dict[str, bytes]]) -> None:
    _, out, _ = hooked
    assert re.search(r"^quiz check\.+Failed$", out, re.M), out
    assert "trees/drafts/broken.json:" in out and "Q301" in out
    summaries = re.findall(r"^(?:All checks passed|Found) .*$", out, re.M)
    assert len(summaries) == 1 and summaries[0].endswith(f"errors in {TREES + 1} files."), out


def test_the_fmt_hook_rewrites_trees_and_leaves_other_json_alone(hooked: tuple[Path, str, dict[str, bytes]]) -> None:
    work, out, before = hooked
    assert re.search(r"^quiz fmt\.+Failed$", out, re.M), out  # files were changed: pre-commit says so
    assert (work / "trees/drafts/broken.json").read_bytes() != before["trees/drafts/broken.json"]
    for name in ("trees/package.json", "package.json", "drafts.json", "trees/t0.json"):
        assert (work / name).read_bytes() == before[name], name
    assert "Q202" not in out and "package.json" not in out
