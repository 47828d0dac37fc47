"""Quitting keeps your place; the next start offers it back, even across versions, and survives a corrupt file."""

from __future__ import annotations

import json

from tests.tui.conftest import TREES, flat_text, screen_text
from tui.quiz_screen import QuizScreen
from tui.screens import WelcomeScreen

SIZE = (80, 24)


async def _answer_first_question(app) -> tuple[str, ...]:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")
        answers = pilot.app.screen.session.answers
        await pilot.press("q")
    return answers


async def test_quitting_mid_quiz_saves_and_the_next_start_offers_to_resume(app_for, data_dir):
    answers = await _answer_first_question(app_for("coffee.json"))
    saved = json.loads((data_dir / "coffee.json").read_text())
    assert saved["tree"] == "coffee" and saved["answers"] == list(answers)
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, WelcomeScreen)
        assert "Resume" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen)
        assert screen.session.answers == answers


async def test_start_over_forgets_the_saved_place(app_for, data_dir):
    await _answer_first_question(app_for("coffee.json"))
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        assert pilot.app.screen.session.answers == ()
    assert not (data_dir / "coffee.json").exists()


async def test_a_session_of_an_older_version_resumes_as_far_as_it_fits(app_for, data_dir, tmp_path):
    tree = json.loads((TREES / "coffee.json").read_text())
    (data_dir).mkdir(parents=True)
    record = {"session": 1, "tree": "coffee", "version": "0.9.0", "answers": ["Fine", "Oat milk, please"], "read": 0}
    (data_dir / "coffee.json").write_text(json.dumps(record))
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        text = flat_text(pilot.app)
        assert "0.9.0 → 1.0.0" in text and "1 of your answers no longer fits and was left out" in text
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert screen.session.answers == ("Fine",)
        assert screen.session.current == tree["nodes"]["awake"]["choices"][1]["next"]


async def test_a_corrupt_session_file_is_set_aside_with_a_message(app_for, data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "coffee.json").write_text("{not json")
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, WelcomeScreen)
        text = flat_text(pilot.app)
        assert "Resume" not in text
        assert "could not be used: the file is not valid JSON. It was set aside" in text
    assert not (data_dir / "coffee.json").exists()
    [aside] = data_dir.glob("coffee.corrupt-*.json")
    assert aside.read_text() == "{not json"


async def test_a_session_of_another_tree_is_set_aside(app_for, data_dir):
    data_dir.mkdir(parents=True)
    record = {"session": 1, "tree": "tea", "version": "1.0.0", "answers": [], "read": 0}
    (data_dir / "coffee.json").write_text(json.dumps(record))
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "is for tree 'tea', not 'coffee'" in flat_text(pilot.app)
