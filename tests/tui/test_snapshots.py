"""Snapshots of the screens at 40x15, 60x20, 80x24 and 120x40, in the dark and the light theme.

Every tree here is one of tests/trees, so the pictures change only when the look does.
After a deliberate change of look, review the new pictures and update them with
`pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.play import bundled
from tests.conftest import REPO
from tests.tui.conftest import TREES
from tui.app import THEMES
from tui.screens import PickerScreen

SIZES = {"40x15": (40, 15), "60x20": (60, 20), "80x24": (80, 24), "120x40": (120, 40)}
# Journey: a question with long help, a page after it, and a long outcome with a list.
EVERY_SIZE = {
    "question": ["enter"],
    "page": ["enter", "1"],
    "outcome": ["enter", "1", "enter", "1", "1"],
}
# The rest at the smallest and the largest size.
EDGE_SIZES = {
    "welcome": [],
    "answers": ["enter", "1", "enter", "1", "a"],
    "change": ["enter", "1", "enter", "1", "a", "enter"],
    "keys": ["enter", "question_mark"],
    "restart": ["enter", "2", "r"],
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("screen", sorted(EVERY_SIZE))
def test_quiz_screens_at_every_size(snap_compare, app_for, screen, size, theme):
    assert snap_compare(app_for("journey.json", theme=theme), press=EVERY_SIZE[screen], terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", ["40x15", "120x40"])
@pytest.mark.parametrize("screen", sorted(EDGE_SIZES))
def test_more_screens_at_the_smallest_and_largest_size(snap_compare, app_for, screen, size, theme):
    assert snap_compare(app_for("journey.json", theme=theme), press=EDGE_SIZES[screen], terminal_size=SIZES[size])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", ["40x15", "80x24"])
def test_a_page_of_every_kind_of_markdown(snap_compare, app_for, size, theme):
    assert snap_compare(app_for("markdown.json", theme=theme), press=["enter", "1"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", ["40x15", "80x24"])
def test_the_list_of_quizzes(snap_compare, app_for, size):
    entries = [bundled.Entry(p.stem, p.stem.title(), "A tree the tests use.", p) for p in sorted(TREES.glob("*.json"))]

    async def picker(pilot):
        await pilot.app.push_screen(PickerScreen(entries))

    assert snap_compare(app_for("coffee.json"), run_before=picker, terminal_size=SIZES[size])


def test_findings(snap_compare, app_for, monkeypatch):
    monkeypatch.chdir(REPO)  # the screen names the file as given: keep it the same on every machine
    assert snap_compare(app_for(Path("tests/trees/broken.json")))
