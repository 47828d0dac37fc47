"""Quitting keeps your place; the next start offers it back, even across versions, and survives a corrupt file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


async def _moves_go_on(pilot) -> None:
    """The quiz goes on: a start and two answers reach the outcome."""
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuizScreen)
    await pilot.press("2", "1")
    assert screen.session.finished


async def test_a_file_where_the_data_folder_should_be(app_for, data_dir):
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("not a folder")
    async with app_for("coffee.json").run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, WelcomeScreen) and "Resume" not in screen_text(pilot.app)
        assert "could not read the saved session" in flat_text(pilot.app)
        await _moves_go_on(pilot)
        assert "Your place could not be kept" in flat_text(pilot.app)
    assert data_dir.read_text() == "not a folder"


async def test_a_folder_where_the_session_file_should_be(app_for, data_dir):
    (data_dir / "coffee.json").mkdir(parents=True)
    async with app_for("coffee.json").run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "is not a file, so it was left as it is" in flat_text(pilot.app)
        await _moves_go_on(pilot)
    assert (data_dir / "coffee.json").is_dir()


async def test_a_folder_that_cannot_be_written_is_said_once_and_the_quiz_goes_on(app_for, monkeypatch):
    def refuse(path, text, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("quiz.play.saved.write_atomic", refuse)  # the tests may run as root, whom no folder refuses
    async with app_for("coffee.json").run_test(size=SIZE, notifications=True) as pilot:
        await _moves_go_on(pilot)
        await pilot.pause()
        assert flat_text(pilot.app).count("Your place could not be kept") == 1, "said once, not at every key"


@pytest.mark.parametrize(
    "content", [b"[" * 100_000, b" " * (2 << 20), b"\xff\xfe"], ids=["deeply-nested", "huge", "not-utf8"]
)
async def test_a_mangled_session_file_is_set_aside_and_the_quiz_opens(app_for, data_dir, content):
    data_dir.mkdir(parents=True)
    (data_dir / "coffee.json").write_bytes(content)
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "It was set aside" in flat_text(pilot.app) and "Resume" not in screen_text(pilot.app)
        await _moves_go_on(pilot)
    [aside] = data_dir.glob("coffee.corrupt-*.json")
    assert aside.read_bytes() == content


async def test_a_session_file_that_cannot_be_set_aside_is_named(app_for, data_dir, monkeypatch):
    data_dir.mkdir(parents=True)
    (data_dir / "coffee.json").write_text("{not json")

    def refuse(self, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "could not be set aside (Permission denied)" in flat_text(pilot.app)
        await pilot.press("enter", "2")
        assert isinstance(pilot.app.screen, QuizScreen)


async def test_start_over_and_resume_go_through_the_same_guard(app_for, data_dir, monkeypatch):
    await _answer_first_question(app_for("coffee.json"))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    monkeypatch.setattr("quiz.play.saved.write_atomic", refuse)
    for button in ("#start", "#resume"):
        async with app_for("coffee.json").run_test(size=SIZE, notifications=True) as pilot:
            await pilot.click(button)
            await pilot.pause()
            assert isinstance(pilot.app.screen, QuizScreen) and pilot.app.is_running
            assert "Your place could not be kept" in flat_text(pilot.app)


async def test_tree_ids_of_any_length_and_alphabet_keep_places_of_their_own(app_for, data_dir, tmp_path):
    doc = json.loads((TREES / "coffee.json").read_text())
    ids = ["木/" * 150, "木/" * 149 + "林", "../../x", "Coffee"]
    for n, tree_id in enumerate(ids):
        doc["id"] = tree_id
        path = tmp_path / f"tree-{n}.json"
        path.write_text(json.dumps(doc))
        async with app_for(path).run_test(size=SIZE) as pilot:
            await pilot.press("enter", "2" if n % 2 else "1")
            await pilot.press("q")
    assert len(list(data_dir.iterdir())) == len(ids) and all(p.parent == data_dir for p in data_dir.iterdir())
    for n in range(len(ids)):
        async with app_for(tmp_path / f"tree-{n}.json").run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert pilot.app.screen.session.answers == (("Fine",) if n % 2 else ("Barely",))
