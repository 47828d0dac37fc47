"""`quiz preview`: the quiz follows the file as it is saved, and shows findings instead of quitting."""

from __future__ import annotations

import json
import os

from tests.conftest import REPO
from tests.tui.conftest import flat_text
from tui.quiz_screen import QuizScreen
from tui.screens import FindingsScreen

SIZE = (80, 24)


def _save(path, doc, tick: int) -> None:
    path.write_text(json.dumps(doc))
    os.utime(path, ns=(tick * 10**9, tick * 10**9))  # a distinct mtime, however coarse the file system's clock


async def test_preview_reloads_on_save_keeping_answers_and_shows_findings_meanwhile(app_for, tmp_path, data_dir):
    doc = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())
    path = tmp_path / "coffee.json"
    _save(path, doc, 1)
    app = app_for(path, preview=True)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, QuizScreen), "preview opens straight at the first question"
        await pilot.press("2")
        assert app.screen.session.answers == ("Fine",)

        broken = json.loads(json.dumps(doc))
        broken["nodes"]["milk"]["choices"][0]["next"] = "lattte"
        _save(path, broken, 2)
        await app.reload_if_saved()
        await pilot.pause()
        assert isinstance(app.screen, FindingsScreen)
        assert "Q302" in flat_text(app) and "did you mean 'latte'?" in flat_text(app)
        assert app.is_running

        doc["nodes"]["milk"]["text"] = "Any milk?"
        _save(path, doc, 3)
        await app.reload_if_saved()
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert app.screen.session.answers == ("Fine",) and "Any milk?" in flat_text(app)
    assert not data_dir.exists(), "a preview keeps no saved place"
