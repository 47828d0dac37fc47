"""Snapshots of the main screens at 80×24, in the dark and the light theme.

After a deliberate change of look, review the new pictures and update them with
`pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO

MAIN_TREE = REPO / "trees" / "get-him-back.json"
SCREENS = {
    "welcome": [],
    "question": ["enter"],
    "info": ["enter", "2"],
    "outcome": ["enter", "2", "enter", "3"],
    "keys": ["enter", "question_mark"],
}


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_main_screens(snap_compare, app_for, screen, theme):
    assert snap_compare(app_for(MAIN_TREE, theme=theme), press=SCREENS[screen])


def test_picker(snap_compare, app_for):
    assert snap_compare(app_for(None))


def test_findings(snap_compare, app_for, monkeypatch):
    monkeypatch.chdir(REPO)  # the screen names the file as given: keep it the same on every machine
    assert snap_compare(app_for(Path("tests/trees/broken.json")))
