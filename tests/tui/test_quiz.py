"""The quiz as a person takes it, driven headless through Textual's pilot."""

from __future__ import annotations

import json

from textual.widgets import Input
from textual.widgets._footer import FooterKey

from tests.conftest import REPO
from tests.tui.conftest import flat_text, screen_text
from tests.tui.drawn import text_in
from tui.dialogs import ChangeScreen, ConfirmScreen, KeysScreen, SaveScreen
from tui.quiz_screen import QuizScreen
from tui.screens import FindingsScreen, PickerScreen, WelcomeScreen

SIZE = (80, 24)


async def start(pilot) -> QuizScreen:
    assert isinstance(pilot.app.screen, WelcomeScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuizScreen)
    return pilot.app.screen


async def test_welcome_page_shows_title_description_and_length(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        text = screen_text(pilot.app)
        assert "Which coffee?" in text
        assert "At most 2 questions" in text


async def test_number_keys_pick_a_choice_and_info_pages_continue(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        first = screen.session.node.choices
        await pilot.press("1")
        assert screen.session.answers == (first[0].label,)
        assert "question 2" in screen_text(pilot.app) or screen.session.node.kind != "question"


async def test_arrows_and_enter_pick_a_choice(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        second = screen.session.node.choices[1].label
        await pilot.press("down", "enter")
        assert screen.session.answers == (second,)


async def test_a_click_picks_a_choice(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        second = screen.session.node.choices[1].label
        choices = screen.query_one("#choices")
        await pilot.click(choices, offset=(4, 1))
        await pilot.pause()
        assert screen.session.answers == (second,)


async def test_title_answers_and_progress_stay_in_view(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert "question 1 · at most 2 to go" in screen_text(pilot.app)
        label = screen.session.node.choices[0].label
        await pilot.press("1")
        text = screen_text(pilot.app)
        assert "Which coffee?" in text and label in text
        assert str(screen.session.progress) in text


async def test_backspace_returns_to_the_question_before_with_the_answer_given_there_highlighted(app_for):
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        choices = screen.query_one("#choices")
        await pilot.press("2")
        assert screen.session.current == "season"
        await pilot.press("3", "backspace")
        assert screen.session.current == "season" and screen.session.answers == (screen.session.answers[0],)
        assert choices.highlighted == 2, "Winter, the answer given there"
        await pilot.press("backspace")
        assert screen.session.current == "roots" and screen.session.answers == () and choices.highlighted == 1


async def test_backspace_passes_over_the_page_between_two_questions(app_for):
    async with app_for("journey.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("1", "enter")
        assert screen.session.current == "season" and screen.session.path[-2] == "bound"
        await pilot.press("backspace")
        assert screen.session.current == "roots" and screen.query_one("#choices").highlighted == 0
        await pilot.press("1")
        assert screen.session.current == "bound", "the page comes again on the way on"
        await pilot.press("backspace")
        assert screen.session.current == "roots"


async def test_r_asks_before_throwing_the_answers_away(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("2", "1")
        assert screen.session.finished
        await pilot.press("r")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        assert "Your 2 answers will go" in flat_text(pilot.app)
        await pilot.press("n")
        assert pilot.app.screen is screen and screen.session.finished, "No keeps them"
        await pilot.press("r", "enter")  # a stray Enter is No
        assert pilot.app.screen is screen and screen.session.finished
        await pilot.press("r", "y")
        await pilot.pause()
        assert screen.session.current == "awake" and screen.session.answers == ()
        assert screen.query_one("#choices").highlighted == 0, "answers thrown away are not offered again"


async def test_r_with_no_answer_yet_starts_again_without_asking(app_for, tmp_path):
    path = tmp_path / "page-first.json"
    path.write_text(json.dumps(_page_first()))
    async with app_for(path).run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("enter", "r")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.session.current == "hello"


async def test_escape_leaves_a_quiz_for_the_list_and_the_place_is_kept(app_for):
    async with app_for(None).run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the first quiz on the list
        await pilot.pause()
        screen = await start(pilot)
        await pilot.press("1")
        answers = screen.session.answers
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WelcomeScreen) and "Resume" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.session.answers == answers


async def test_escape_from_a_quiz_opened_by_name_shows_the_list_too(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
        assert "Can you get him back?" in screen_text(pilot.app)


async def test_a_says_what_to_do_and_escape_leaves_the_answers(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("2")
        assert "Enter changes it" not in flat_text(pilot.app)
        await pilot.press("a")
        assert screen.query_one("#history").has_focus
        hint = screen.query_one("#answers-hint")
        assert text_in(pilot.app, hint.region) == "↑ ↓ pick one, Enter changes it, Esc goes back to the quiz"
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.query_one("#choices").has_focus
        assert "Enter changes it" not in flat_text(pilot.app)


async def test_escape_from_answers_reached_by_tab_goes_back_to_the_quiz(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("2", "tab")
        assert screen.query_one("#history").has_focus and screen.query_one("#answers-hint").display
        await pilot.press("escape")
        assert pilot.app.screen is screen and screen.query_one("#choices").has_focus


async def test_ctrl_c_names_the_key_that_quits(app_for):
    async with app_for("coffee.json").run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert pilot.app.is_running
        assert "Press q to quit" in flat_text(pilot.app) and "ctrl+q" not in flat_text(pilot.app)


async def test_question_mark_shows_every_key(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, KeysScreen)
        text = screen_text(pilot.app)
        for key in ("Backspace", "1–9", "r", "s", "q"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, QuizScreen)


async def test_q_quits(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_change_an_earlier_answer_keeps_later_answers_that_still_fit(app_for):
    async with app_for("change.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("1", "1", "2")
        assert screen.session.answers == ("x", "1", "q") and screen.session.finished
        await pilot.press("a")
        history = screen.query_one("#history")
        assert history.has_focus
        history.highlighted = 0
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, ChangeScreen)
        await pilot.press("2")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.session.answers == ("y",) and screen.session.current == "i", "the new page is shown"
        assert "A page on the way." in screen_text(pilot.app)
        await pilot.press("enter")
        assert screen.query_one("#choices").highlighted == 0, "the answer given before is offered again"
        await pilot.press("enter")
        assert screen.query_one("#choices").highlighted == 1
        await pilot.press("enter")
        assert screen.session.answers == ("y", "1", "q") and screen.session.finished


async def test_an_answer_right_after_a_page_can_be_changed(app_for):
    """The walk that used to end the app with NotAChoice: the question comes straight after a page."""
    async with app_for("change.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("2", "enter", "1", "1")
        assert screen.session.path == ("a", "i", "b", "c", "end")
        await pilot.press("a")
        screen.query_one("#history").highlighted = 1
        await pilot.press("enter", "2")
        await pilot.pause()
        assert pilot.app.is_running and pilot.app.screen is screen
        assert screen.session.path == ("a", "i", "b", "end") and screen.session.answers == ("y", "2")


async def test_every_answer_of_a_bundled_walk_changes_through_the_answers_panel(app_for):
    """On each bundled tree, the walk by the last choice everywhere: every answer changed to the first, by keys."""
    for tree in sorted((REPO / "trees").glob("*.json")):
        async with app_for(tree).run_test(size=SIZE) as pilot:
            screen = await start(pilot)
            while not screen.session.finished:
                node = screen.session.node
                await pilot.press(str(len(node.choices)) if node.kind == "question" else "enter")
            walk = screen.session
            for step, (question_id, label) in enumerate(walk.steps()):
                first = walk.tree.nodes[question_id].choices[0].label
                if first == label:
                    continue
                await screen.show(walk)
                await pilot.press("a")
                screen.query_one("#history").highlighted = step
                await pilot.press("enter", "1")
                await pilot.pause()
                assert pilot.app.screen is screen and screen.session == walk.change(step, first)


def _page_first() -> dict:
    nodes = {
        "hello": {"kind": "info", "title": "Before you start", "text": "Read this first.", "next": "q"},
        "q": {"kind": "question", "text": "Ready?", "choices": [{"label": a, "next": "end"} for a in ("Yes", "No")]},
        "end": {"kind": "outcome", "title": "All done", "text": "That was it."},
    }
    return {"format": 1, "id": "i", "version": "1.0.0", "title": "I", "start": "hello", "nodes": nodes}


async def test_a_quiz_may_open_on_an_info_page_and_each_kind_of_page_appears_when_reached(app_for, tmp_path):
    """The screen builds the part for each kind of node when one is first shown, whatever comes first."""
    path = tmp_path / "info-first.json"
    path.write_text(json.dumps(_page_first()))
    async with app_for(path).run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        assert "Before you start" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Ready?" in screen_text(pilot.app)
        await pilot.press("2")
        await pilot.pause()
        assert "All done" in screen_text(pilot.app) and screen.session.finished
        await pilot.press("backspace", "backspace")
        await pilot.pause()
        assert "Before you start" in screen_text(pilot.app)


async def test_the_footer_is_rebuilt_only_when_its_keys_change(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("1")
        await pilot.pause()
        keys = list(screen.query(FooterKey))
        assert "Back" in [key.description for key in keys]
        await pilot.press("a")  # focus moves to the answers; the keys stay the same
        await pilot.pause()
        assert list(screen.query(FooterKey)) == keys
        await pilot.press("escape", "r", "y")  # back at the first question: Back goes
        await pilot.pause()
        assert "Back" not in [key.description for key in screen.query(FooterKey)]


def _long_chain(questions: int) -> dict:
    """Questions one after another, each of several lines in the side panel, then an outcome."""
    nodes = {
        f"q{n}": {
            "kind": "question",
            # Words of every length, so that two columns less for a scrollbar wrap a text to more lines.
            "text": f"Question {n}: " + " ".join("abcdefghi"[: (n + k) % 9 + 1] for k in range(24)) + "?",
            "choices": [{"label": f"answer {n}", "next": f"q{n + 1}" if n + 1 < questions else "end"}],
        }
        for n in range(questions)
    }
    nodes["end"] = {"kind": "outcome", "title": "End", "text": "Done."}
    return {"format": 1, "id": "chain", "version": "1.0.0", "title": "Chain", "start": "q0", "nodes": nodes}


async def test_every_answer_stays_readable_once_the_answers_scroll(app_for, tmp_path):
    """Each answer keeps its line under its question however many there are, the last one in view."""
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(_long_chain(20)))
    async with app_for(path).run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        for n in range(12):
            await pilot.press("1")
            await pilot.pause()
            assert f"→ answer {n}" in screen_text(pilot.app)
        history = screen.query_one("#history")
        assert history.max_scroll_y > 0, "the answers should overflow the panel in this test"
        await pilot.press("a", *["up"] * 11)
        await pilot.pause()
        assert "→ answer 0" in screen_text(pilot.app)


async def test_outcome_lists_answers_and_s_saves_markdown_without_overwriting(app_for, save_dir):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        while not screen.session.finished:
            await pilot.press("1" if screen.session.node.kind == "question" else "enter")
        outcome = screen.session.outcome
        text = screen_text(pilot.app)
        assert "How you got here" in text and screen.session.answers[0] in text
        await pilot.press("s")
        assert isinstance(pilot.app.screen, SaveScreen)
        target = pilot.app.screen.query_one(Input).value
        await pilot.press("enter")
        await pilot.pause()
        saved = save_dir / target.rsplit("/", 1)[1]
        assert saved.is_file()
        content = saved.read_text(encoding="utf-8")
        assert content.startswith(f"# {outcome.title}") and screen.session.answers[0] in content
        assert "Saved to" in screen_text(pilot.app) and saved.name in screen_text(pilot.app)

        saved.write_text("my own notes")
        await pilot.press("s", "enter")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert saved.read_text() == "my own notes"
        await pilot.press("s", "enter", "y")
        await pilot.pause()
        assert saved.read_text(encoding="utf-8") == content


async def test_save_is_only_offered_at_an_outcome(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        await start(pilot)
        await pilot.press("s")
        assert isinstance(pilot.app.screen, QuizScreen)
        assert " Save " not in screen_text(pilot.app)


async def test_picker_lists_bundled_trees_and_opens_one(app_for):
    async with app_for(None).run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, PickerScreen)
        text = screen_text(pilot.app)
        assert "Can you get him back?" in text and "Is it fixable?" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, WelcomeScreen)
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, PickerScreen)


async def test_theme_toggles_between_light_and_dark(app_for):
    async with app_for("coffee.json").run_test(size=SIZE) as pilot:
        assert pilot.app.theme == "textual-dark"
        await pilot.press("t")
        assert pilot.app.theme == "textual-light"


async def test_broken_tree_lists_its_findings_not_a_traceback(app_for):
    async with app_for("broken.json").run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, FindingsScreen)
        text = screen_text(pilot.app)
        assert "broken.json:9:59" in text and "Q302" in text and "no-contct" in text
        assert "Traceback" not in text


async def test_tree_that_is_not_json_lists_its_finding(app_for, tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"format": 1,\n  "id": }')
    async with app_for(path).run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, FindingsScreen)
        assert "bad.json:2:9" in screen_text(pilot.app)


async def test_control_characters_never_reach_the_terminal(app_for, tmp_path):
    path = tmp_path / "escape.json"
    path.write_text(json.dumps({"format": 1, "id": "e\u001b]0;owned\u0007", "title": "\u001b[2J"}))
    async with app_for(path).run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, FindingsScreen)
        svg = pilot.app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg
