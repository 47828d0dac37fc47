"""The distribution as PyPI and pip see it: a free name, metadata PyPI shows, and clean wheel contents."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from tests.conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def test_twine_check_passes_strictly(dist: Path) -> None:
    proc = subprocess.run(
        [BIN / "twine", "check", "--strict", *sorted(map(str, dist.iterdir()))], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2


def test_check_wheel_contents_is_clean(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    proc = subprocess.run(
        [BIN / "check-wheel-contents", "--config", str(REPO / "pyproject.toml"), str(wheel)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stdout.strip().endswith(": OK"), proc.stdout + proc.stderr


def test_the_wheel_ships_the_licence_the_trees_and_the_type_marker(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "quiz/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert {"quiz/trees/get-him-back.json", "quiz/trees/is-it-fixable.json"} <= set(names)


def test_command_and_plugin_point_into_quiz_not_tui() -> None:
    """The top-level `tui` shares its name with an old PyPI package; nothing is reached through it."""
    points = metadata.distribution("quiztree").entry_points
    assert {(p.group, p.name, p.value) for p in points} == {
        ("console_scripts", "quiz", "quiz.__main__:run"),
        ("pytest11", "quiz", "quiz.cli.pytest_plugin"),
    }


def test_metadata_pypi_shows() -> None:
    project = PYPROJECT["project"]
    assert project["name"] == "quiztree" and project["license"] == "MIT"
    assert (REPO / "LICENSE").read_text().startswith("MIT License")
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(project["urls"])
    assert all(url.startswith("https://") for url in project["urls"].values())
    assert "Typing :: Typed" in project["classifiers"] and any("3.11" in c for c in project["classifiers"])


def test_readme_links_work_on_pypi() -> None:
    """PyPI shows the README away from the repository, so a relative link would lead nowhere."""
    links = re.findall(r"\]\(([^)]+)\)", (REPO / "README.md").read_text(encoding="utf-8"))
    assert links and [link for link in links if not link.startswith("https://")] == []


def test_readme_says_how_to_install_from_pypi_and_from_a_clone() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install quiztree" in readme and "pipx install quiztree" in readme
    assert ".venv/bin/pip install ." in readme and "`tui`" in readme
