"""Tree text is content: markup-looking text shows as written and does nothing; links are shown, not opened."""

from __future__ import annotations

from tests.tui.conftest import flat_text, screen_text
from tui.quiz_screen import QuizScreen

SIZE = (100, 30)


async def test_markup_in_every_field_shows_exactly_as_written(app_for):
    async with app_for("markup.json").run_test(size=SIZE) as pilot:
        welcome = screen_text(pilot.app)
        assert "Tricky [bold]title[/bold] [@click=app.quit]" in welcome
        assert "[red]red[/red]" in welcome and "[link=https://example.com]a link[/link]" in welcome
        await pilot.press("enter")
        text = screen_text(pilot.app)
        assert "Click [@click=app.quit]here[/] to win?" in text
        assert "[b]Help[/b]" in text
        assert "1. [@click=app.quit]Quit?[/]" in text
        assert "2. [link=https://example.com]Link[/link]" in text
        await pilot.press("1")
        assert "[reverse]Page[/reverse]" in screen_text(pilot.app)
        await pilot.press("enter")
        text = screen_text(pilot.app)
        assert "[i]End[/i]" in text and "[@click=app.bell]ring[/]" in text


async def test_clicking_markup_or_links_does_nothing_but_show_them(app_for):
    async with app_for("markup.json").run_test(size=SIZE) as pilot:
        await pilot.click("#welcome .heading", offset=(30, 0))  # on "[@click=app.quit]" in the title
        await pilot.click("#start")
        screen = pilot.app.screen
        assert isinstance(screen, QuizScreen)
        await pilot.click("#question-text", offset=(10, 0))
        await pilot.click("#question-help", offset=(20, 0))  # the Markdown link
        await pilot.pause()
        assert pilot.app.is_running and pilot.app.screen is screen
        assert "[b]Help[/b] with a real link (https://example.com/help)." in flat_text(pilot.app)
        await pilot.press("1", "enter")
        text = flat_text(pilot.app)
        assert "the site (https://example.com)" in text, "a link's address is shown beside its text"
        for x in range(0, 40, 3):
            await pilot.click("#outcome-text", offset=(x, 0))
        await pilot.pause()
        assert pilot.app.is_running and pilot.app.screen is screen
