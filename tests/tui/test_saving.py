"""Saving the advice: where it is offered, what the file holds, and every path that cannot be written."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from markdown_it import MarkdownIt
from textual.widgets import Input

from quiz.play import Preferences
from tests.tui.conftest import TREES, flat_text
from tui.dialogs import ConfirmScreen, SaveScreen
from tui.quiz_screen import QuizScreen

SIZE = (80, 24)
TODAY = datetime.date.today().isoformat()


async def _finish(pilot, keys=("1", "enter", "1", "1")) -> QuizScreen:
    """Through the welcome page and the journey tree to an outcome (root-bound, spring, a small pot)."""
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    await pilot.press(*keys)
    assert screen.session.finished
    return screen


async def _save_as(pilot, path: Path | str | None = None) -> None:
    """s, then the path (or the one suggested), then Enter."""
    await pilot.press("s")
    assert isinstance(pilot.app.screen, SaveScreen)
    if path is not None:
        pilot.app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()


def _shown(widget) -> str:
    """The text a Static shows, as one line."""
    return " ".join(str(widget.render()).split())


def _suggested(pilot) -> Path:
    assert isinstance(pilot.app.screen, SaveScreen)
    return Path(pilot.app.screen.query_one(Input).value)


async def test_save_offers_the_documents_folder_and_keeps_the_whole_way_there(app_for, save_dir):
    async with app_for("journey.json").run_test(size=SIZE, notifications=True) as pilot:
        await _finish(pilot)
        await pilot.press("s")
        assert _suggested(pilot) == save_dir / f"repot-{TODAY}.md"
        await pilot.press("enter")
        await pilot.pause()
        saved = save_dir / f"repot-{TODAY}.md"
        text = saved.read_text(encoding="utf-8")
        assert text.startswith("# Move it up one size now\n")
        assert "1. Lift the plant gently. What do the roots look like?\n\n   Your answer: **They circle" in text
        assert "2. A page of advice: **A root-bound plant**" in text
        assert "   Tease the outer roots loose with your fingers" in text, "the page's text is in the file"
        assert _shown(pilot.app.screen.query_one("#saved-to")) == f"Saved to {saved}"
        assert [p.name for p in save_dir.iterdir()] == [saved.name], "written in one go, nothing left beside it"


async def test_the_folder_saved_in_is_offered_next_time(app_for, tmp_path, config_path):
    elsewhere = tmp_path / "notes"
    elsewhere.mkdir()
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await _save_as(pilot, elsewhere / "mine.md")
        assert (elsewhere / "mine.md").is_file()
    assert Preferences.read(config_path).save_folder == str(elsewhere)
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await pilot.press("s")
        assert _suggested(pilot) == elsewhere / f"repot-{TODAY}.md"


async def test_a_remembered_folder_that_is_gone_falls_back_to_documents(app_for, tmp_path, config_path, save_dir):
    Preferences(save_folder=str(tmp_path / "gone")).write(config_path)
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await pilot.press("s")
        assert _suggested(pilot).parent == save_dir


async def test_a_missing_folder_is_said_in_the_dialog_and_nothing_is_made(app_for, tmp_path):
    target = tmp_path / "no" / "such" / "advice.md"
    async with app_for("journey.json").run_test(size=SIZE, notifications=True) as pilot:
        await _finish(pilot)
        await _save_as(pilot, target)
        assert pilot.app.is_running and isinstance(pilot.app.screen, SaveScreen)
        assert _suggested(pilot) == target, "the dialog comes back with the path as typed, to mend it"
        assert _shown(pilot.app.screen.query_one("#save-problem")).startswith(f"There is no folder {target.parent}")
        await pilot.press("escape")
        assert not (tmp_path / "no").exists()


async def test_a_folder_given_as_the_path_saves_in_it(app_for, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await _save_as(pilot, folder)
        assert isinstance(pilot.app.screen, SaveScreen) and "is a folder" in _shown(
            pilot.app.screen.query_one("#save-problem")
        )
        assert _suggested(pilot) == folder / f"repot-{TODAY}.md"
        await pilot.press("enter")
        await pilot.pause()
        assert (folder / f"repot-{TODAY}.md").is_file()


async def test_a_file_in_the_way_of_the_folder_is_said(app_for, tmp_path):
    (tmp_path / "plain-file").write_text("not a folder")
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await _save_as(pilot, tmp_path / "plain-file" / "advice.md")
        assert isinstance(pilot.app.screen, SaveScreen)
        assert "is not a folder" in _shown(pilot.app.screen.query_one("#save-problem"))
    assert (tmp_path / "plain-file").read_text() == "not a folder"


async def test_no_permission_to_write_is_said(app_for, tmp_path, monkeypatch):
    def refuse(path, text, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("tui.saving.write_atomic", refuse)  # the tests may run as root, whom no folder refuses
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await _save_as(pilot, tmp_path / "advice.md")
        assert isinstance(pilot.app.screen, SaveScreen)
        assert _shown(pilot.app.screen.query_one("#save-problem")).startswith(f"You may not write in {tmp_path}")


async def test_a_folder_that_cannot_be_searched_is_said(app_for, tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    lstat = Path.lstat

    def searched(self):
        if self.parent == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return lstat(self)

    monkeypatch.setattr(Path, "lstat", searched)
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await _save_as(pilot, locked / "advice.md")
        assert pilot.app.is_running and isinstance(pilot.app.screen, SaveScreen)
        assert _shown(pilot.app.screen.query_one("#save-problem")).startswith(f"You may not write in {locked}")


async def test_saving_over_a_file_or_a_link_asks_first(app_for, tmp_path):
    mine = tmp_path / "mine.md"
    mine.write_text("my own notes")
    theirs = tmp_path / "theirs.md"
    theirs.write_text("someone else's")
    link = tmp_path / "link.md"
    link.symlink_to(theirs)
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        await _finish(pilot)
        await _save_as(pilot, mine)
        assert isinstance(pilot.app.screen, ConfirmScreen) and "already exists. Overwrite it?" in flat_text(pilot.app)
        await pilot.press("n")
        assert mine.read_text() == "my own notes"
        await _save_as(pilot, link)
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert f"is a link to {theirs}. Replace the link" in pilot.app.screen.question
        await pilot.press("n")
        assert link.is_symlink()
        await _save_as(pilot, link)
        await pilot.press("y")
        await pilot.pause()
        assert not link.is_symlink() and link.read_text().startswith("# Move it up")
        assert theirs.read_text() == "someone else's", "what the link pointed to is left as it was"
        await _save_as(pilot, mine)
        await pilot.press("y")
        await pilot.pause()
        assert mine.read_text().startswith("# Move it up")


async def test_a_tree_id_cannot_steer_the_suggested_file_out_of_its_folder(app_for, tmp_path, save_dir):
    doc = json.loads((TREES / "coffee.json").read_text())
    for tree_id in ("../../x", "/abs", "..", "a/../../b"):
        doc["id"] = tree_id
        path = tmp_path / "tree.json"
        path.write_text(json.dumps(doc))
        async with app_for(path).run_test(size=SIZE) as pilot:
            await _finish(pilot, ("2", "1"))
            await pilot.press("s")
            suggested = _suggested(pilot)
            assert suggested.parent == save_dir and not suggested.name.startswith("."), tree_id


async def test_titles_and_labels_stay_text_in_the_saved_file(app_for, tmp_path, save_dir):
    doc = json.loads((TREES / "coffee.json").read_text())
    doc["nodes"]["latte"]["title"] = "[Click me](https://example.com/evil) <img src=x>"
    doc["nodes"]["milk"]["choices"][0]["label"] = "<b>Yes</b> *please*"
    doc["scenarios"][1]["answers"][1] = "<b>Yes</b> *please*"
    path = tmp_path / "tree.json"
    path.write_text(json.dumps(doc))
    async with app_for(path).run_test(size=SIZE) as pilot:
        await _finish(pilot, ("2", "1"))
        await _save_as(pilot)
    [saved] = save_dir.iterdir()
    tokens = MarkdownIt("commonmark").parse(saved.read_text(encoding="utf-8"))
    inline = [c for t in tokens if t.type == "inline" for c in t.children]
    assert not [c for c in inline if c.type in ("link_open", "image", "html_inline")]
    words = "".join(c.content for c in inline if c.type == "text")
    assert "[Click me](https://example.com/evil) <img src=x>" in words and "<b>Yes</b> *please*" in words


async def test_the_theme_is_remembered_and_a_config_that_cannot_be_written_is_said(app_for, config_path):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "textual-dark"
        await pilot.press("t")
        assert pilot.app.theme == "textual-light"
    assert Preferences.read(config_path).theme == "textual-light"
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "textual-light", "remembered across starts"
    config_path.unlink()
    config_path.mkdir()  # a folder where the settings file should be
    async with app_for("coffee.json").run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert pilot.app.is_running and pilot.app.theme == "textual-light"
        assert "Your settings could not be kept" in flat_text(pilot.app)
