"""Every character on every screen meets WCAG AA (4.5:1) against what is behind it, in the dark and the light theme.

The colours are read from Textual's screenshot of each screen, so each is the theme's
colour as quiz.tcss and Textual's own styles resolve it, blended and dimmed as drawn. A
second test reads the text colours quiz.tcss names from the theme's own variables and
measures each against the backgrounds the screens are drawn on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual.color import Color
from textual.screen import ModalScreen

import tui
from tests.tui.drawn import cells, contrast, is_text
from tui.app import THEMES

AA = 4.5


async def _welcome_with_a_note(pilot):
    return None


async def _question(pilot):
    return None


async def _answers_open(pilot):
    await pilot.press("1", "a")


async def _info(pilot):
    await pilot.press("1")


async def _outcome(pilot):
    await pilot.press("1", "enter")


async def _keys(pilot):
    await pilot.press("question_mark")


async def _change(pilot):
    await pilot.press("1", "a", "enter")


async def _save_problem(pilot):
    await pilot.press("1", "enter", "s", "ctrl+u", *"/no/such/folder/x.md", "enter")


async def _confirm_restart(pilot):
    await pilot.press("1", "r")


async def _toast(pilot):
    await pilot.press("ctrl+c")


SCREENS = {
    "welcome": _welcome_with_a_note,
    "question": _question,
    "answers": _answers_open,
    "info": _info,
    "outcome": _outcome,
    "keys": _keys,
    "change": _change,
    "save-problem": _save_problem,
    "confirm": _confirm_restart,
    "toast": _toast,
}


def _failures(app) -> list[str]:
    """Each pair of colours below AA, with the text drawn in it.

    Over a dialog, the screen beneath is faded on purpose and takes no keys: only what is
    in the dialog must be read then.
    """
    drawn = [c for c in cells(app.export_screenshot()) if is_text(c.char)]
    if isinstance(app.screen, ModalScreen):
        region = app.screen.query_one(".dialog").region
        drawn = [c for c in drawn if region.contains(c.column, c.line)]
    assert drawn, "the screenshot shows some text"
    low: dict[tuple[str, str], list[str]] = {}
    for cell in drawn:
        if cell.contrast < AA:
            low.setdefault((cell.foreground, cell.background), []).append(cell.char)
    return [
        f"{fg} on {bg}: {contrast(fg, bg):.2f}:1 for {''.join(chars)[:40]!r}" for (fg, bg), chars in sorted(low.items())
    ]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("size", [(80, 24), (40, 15)], ids=["80x24", "40x15"])
async def test_every_text_is_readable_on_every_screen(app_for, data_dir, screen, theme, size):
    # A saved place from another version, so the welcome page shows its note and its warning colour.
    data_dir.mkdir(parents=True)
    record = {"session": 1, "tree": "markdown", "version": "0.9", "answers": ["Yes *please*", "Gone"], "read": 0}
    (data_dir / "markdown.json").write_text(json.dumps(record))
    async with app_for("markdown.json", theme=theme).run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        if screen != "welcome":
            await pilot.click("#start")
            await pilot.pause()
        await SCREENS[screen](pilot)
        await pilot.pause(0.2)
        assert _failures(pilot.app) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_the_list_of_quizzes_and_a_broken_trees_findings_are_readable(app_for, theme):
    async with app_for(None, theme=theme).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _failures(pilot.app) == []
    async with app_for("broken.json", theme=theme).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _failures(pilot.app) == []


@pytest.mark.parametrize("theme", THEMES)
async def test_a_corrupt_saved_place_warning_is_readable(app_for, data_dir, theme):
    data_dir.mkdir(parents=True)
    (data_dir / "coffee.json").write_text("{")
    async with app_for("coffee.json", theme=theme).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _failures(pilot.app) == []


def test_the_contrast_of_known_colours():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffa62b", "#e0e0e0") < 1.6, "orange on light grey, the light theme's old titles"


TCSS = (Path(tui.__file__).parent / "quiz.tcss").read_text(encoding="utf-8")
TEXT_COLOURS = sorted(set(re.findall(r"^\s*color: \$([a-z-]+);", TCSS, re.M)))


def _resolved(value: str, background: Color) -> Color:
    """A theme variable's colour as drawn on `background`: `auto N%` is Textual's contrasting text at N%."""
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return background + background.get_contrast_text(alpha)
    return background + Color.parse(value)


@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_colour_of_the_stylesheet_is_readable_on_the_themes_backgrounds(app_for, theme):
    """Each `color: $variable` in quiz.tcss, resolved in the theme, on each background the screens use."""
    assert {"text-primary", "text-muted", "text-error"} <= set(TEXT_COLOURS), "the colours this test reads"
    async with app_for("coffee.json", theme=theme).run_test(size=(80, 24)) as pilot:
        variables = pilot.app.get_css_variables()
    low = []
    for back in ("background", "surface", "panel"):
        background = Color.parse(variables[back])
        for name in TEXT_COLOURS:
            colour = _resolved(variables[name], background)
            ratio = contrast(colour.hex, background.hex)
            if ratio < AA:
                low.append(f"${name} on ${back}: {ratio:.2f}:1")
    assert low == []
