"""A format-2 quiz as a person takes it: choices as the facts allow, a number typed in, routes never seen."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import flat_text
from tests.tui.test_quiz import SIZE, start


async def test_only_the_offered_choices_are_shown_and_numbered_as_shown(app_for):
    async with app_for("facts.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        text = flat_text(pilot.app)
        assert "1.I did" in text and "2.He did" in text and "3.We both did" in text  # the screen text joins the cells
        assert "at least" in text  # a loop lies ahead
        await pilot.press("3")
        await pilot.pause()
        assert screen.session.answers == ("We both did",) and screen.session.current == "since"


async def test_a_number_is_typed_and_only_a_whole_number_in_range_is_taken(app_for):
    async with app_for("facts.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("2")
        await pilot.pause()
        number = screen.query_one("#number-input", Input)
        assert number.has_focus and "from 0 to 520" in flat_text(pilot.app)
        await pilot.press("9", "9", "9", "enter")
        await pilot.pause()
        assert screen.session.current == "since"  # 999 is past the fact's range: still asked
        await pilot.press("backspace", "backspace", "backspace", "3", "enter")
        await pilot.pause()
        assert screen.session.finished and screen.session.current == "talk"  # the route to it was not shown
        assert "How many weeks ago did it end? — 3" in flat_text(pilot.app)


async def test_a_loop_choice_goes_back_and_the_journey_keeps_both_rounds(app_for):
    async with app_for("facts.json").run_test(size=SIZE) as pilot:
        screen = await start(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("0", "enter")
        await pilot.pause()
        assert screen.session.current == "cool-off"
        await pilot.press("enter", "2")
        await pilot.pause()
        assert screen.session.current == "cool-off"
        await pilot.press("enter", "1")
        await pilot.pause()
        assert screen.session.finished
        text = flat_text(pilot.app)
        assert text.count("Read: Wait") == 2 and "Ready to go on? — Read that again" in text
