"""Tree text is content: markup-looking text shows as written and does nothing; links are shown, not opened;
Markdown reads as CommonMark reads it, and HTML-looking text is kept."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tests.tui.conftest import flat_text, screen_text
from tests.tui.drawn import text_in
from tui.quiz_screen import QuizScreen
from tui.text import markdown_plain

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
        choices = text_in(pilot.app, pilot.app.screen.query_one("#choices").region)
        assert choices == "1. [@click=app.quit]Quit?[/] 2. [link=https://example.com]Link[/link]"
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


async def test_markdown_renders_as_commonmark_reads_it(app_for):
    async with app_for("markdown.json").run_test(size=(80, 50)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        help_ = pilot.app.screen.query_one("#question-help")
        assert [h.content.plain for h in help_.query("MarkdownH2")] == ["Intro"], "a setext heading"
        text = text_in(pilot.app, help_.region)
        assert "---" not in text and "more words under a setext heading." in text
        await pilot.press("1")
        await pilot.pause()
        page = pilot.app.screen.query_one("#info-text")
        assert [h.content.plain for h in page.query("MarkdownH1")] == ["Title one"]
        assert len(page.query("MarkdownHorizontalRule")) == 1, "`---` between blank lines is a rule"
        text = text_in(pilot.app, page.region)
        assert "Intro --- more, on one line." in text, "a rule only where CommonMark makes one"
        assert "Title one =========" not in text and "=====" not in text
        assert "1. First step" in text and "a point" in text and "an indented code block" in text
        assert "See the site (https://example.com) and https://example.org; 5 < 6 & 7 > 3." in text


async def test_text_that_looks_like_html_is_shown_as_written(app_for):
    async with app_for("markdown.json").run_test(size=(80, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = text_in(pilot.app, pilot.app.screen.query_one("#question-help").region)
        assert "Press <Enter> to go on, or read <details> below." in text
        assert "<details> not hidden </details>" in text


async def test_the_answers_and_the_way_there_show_markdown_as_plain_words(app_for):
    async with app_for("markdown.json").run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        screen = pilot.app.screen
        side = text_in(pilot.app, screen.query_one("#side").region)
        assert "Do you still want to go on?" in side and "*" not in side.replace("Yes *please*", "")
        journey = text_in(pilot.app, screen.query_one("#journey").region)
        assert journey == "1. Do you still want to go on? — Yes *please* 2. Read: A page of every block"
        assert screen.query_one("#journey").query("MarkdownOrderedList"), "one numbered list"


@given(st.text())
def test_plain_words_of_any_text_are_one_line_without_controls(text):
    words = markdown_plain(text)
    assert words == " ".join(words.split())
    assert not any(unicodedata.category(c) == "Cc" for c in words)


def test_plain_words_drop_markers_but_keep_what_looks_like_html():
    assert markdown_plain("Do you **still** love `him`?") == "Do you still love him?"
    assert markdown_plain("Intro\n---\nmore") == "Intro more"
    assert markdown_plain("Press <Enter>, see [docs](https://x.org).") == "Press <Enter>, see docs (https://x.org)."
