"""Any terminal from 40x15 up: the answers fold away when narrow, words never split, the question and its
choices stay in view, and a long page opens at its top."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz import Session, load_path
from tests.conftest import REPO
from tests.tui.conftest import TREES
from tests.tui.drawn import rows, text_in
from tui.quiz_screen import QuizScreen
from tui.screens import WelcomeScreen
from tui.text import markdown_parser, markdown_plain

SIZES = [(40, 15), (60, 20), (80, 24), (120, 40)]
TREE_FILES = [TREES / "journey.json", TREES / "markdown.json", *sorted((REPO / "trees").glob("*.json"))]


async def _quiz(pilot) -> QuizScreen:
    assert isinstance(pilot.app.screen, WelcomeScreen)
    await pilot.press("enter")
    await pilot.pause()
    return pilot.app.screen


def _first_visits(tree) -> list[Session]:
    """A session at each node, reached by the first way there, in the order a walk meets them."""
    found: dict[str, Session] = {}
    todo = [Session.start(tree)]
    while todo:
        s = todo.pop(0)
        if s.current in found:
            continue
        found[s.current] = s
        if s.node.kind == "info":
            todo.append(s.proceed())
        elif s.node.kind == "question":
            todo.extend(s.answer(c.label) for c in s.node.choices)
    return list(found.values())


def _one_paragraph(markdown: str) -> bool:
    return [t.type for t in markdown_parser().parse(markdown)] == ["paragraph_open", "inline", "paragraph_close"]


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_below_70_columns_the_answers_fold_away_and_a_shows_them(app_for, size):
    narrow = size[0] < 70
    async with app_for("journey.json").run_test(size=size) as pilot:
        screen = await _quiz(pilot)
        side, node = screen.query_one("#side"), screen.query_one("#node")
        await pilot.press("2")
        assert side.display is not narrow and node.display
        await pilot.press("a")
        assert side.display and node.display is not narrow, "the answers take the quiz's place on a narrow screen"
        assert "Some poke out of the drainage holes" in text_in(pilot.app, side.region)
        await pilot.press("escape")
        assert side.display is not narrow and node.display and screen.query_one("#choices").has_focus
        if narrow:
            assert "Your answers" not in " ".join(rows(pilot.app))


@pytest.mark.parametrize("path", TREE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("size", [(40, 15), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_question_and_its_choices_are_in_view_and_no_word_is_split(app_for, path: Path, size):
    tree = load_path(path).tree
    async with app_for(path).run_test(size=size) as pilot:
        screen = await _quiz(pilot)
        footer_top = screen.query_one("KeyFooter").region.y
        for session in _first_visits(tree):
            if session.node.kind != "question":
                continue
            await screen.show(session)
            await pilot.pause()
            part = screen.query_one("#question")
            scroll, text, choices = part.query_one(".question-scroll"), part.query_one("#question-text"), part.choices
            shown = text_in(pilot.app, text.region.intersection(scroll.region))
            question = _words(markdown_plain(session.node.text))
            assert shown and question.startswith(shown.split(" ")[0]), f"{session.current}: the question is in view"
            if _one_paragraph(session.node.text):
                assert question.startswith(shown), f"{session.current}: {shown!r} splits a word of {question!r}"
            assert choices.region.height >= 2 and choices.region.bottom <= footer_top
            labels = " ".join(f"{n}. {_words(c.label)}" for n, c in enumerate(session.node.choices, 1))
            listed = text_in(pilot.app, choices.region)
            assert listed and labels.startswith(listed), f"{session.current}: {listed!r} splits {labels!r}"


@pytest.mark.parametrize("size", [(40, 15), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_long_page_and_a_long_outcome_open_at_their_top(app_for, size):
    async with app_for("journey.json").run_test(size=size) as pilot:
        screen = await _quiz(pilot)
        await pilot.press("1")
        scroll = screen.query_one("#info-scroll")
        assert scroll.scroll_y == 0 and "A root-bound plant" in rows(pilot.app)[scroll.region.y]
        assert screen.query_one("#continue").region.bottom <= screen.query_one("KeyFooter").region.y
        await pilot.press("end")  # read to the bottom of the page, then on
        await pilot.press("enter", "1", "1")
        outcome = screen.query_one("#outcome-scroll")
        assert screen.session.finished and outcome.scroll_y == 0
        assert "Move it up one size now" in rows(pilot.app)[outcome.region.y]
        if size == (40, 15):
            assert outcome.max_scroll_y > 0, "the outcome is longer than the screen here"
        await pilot.press("end")
        assert outcome.scroll_y == outcome.max_scroll_y
        await pilot.press("backspace", "2")
        assert outcome.scroll_y == 0, "the next outcome opens at its top"


async def test_long_help_opens_at_the_question_and_scrolls_on_its_own(app_for):
    async with app_for("journey.json").run_test(size=(40, 15)) as pilot:
        screen = await _quiz(pilot)
        scroll = screen.query_one(".question-scroll")
        assert scroll.scroll_y == 0 and scroll.max_scroll_y > 0, "the help is longer than its half of the screen"
        assert "Lift the plant gently" in " ".join(rows(pilot.app)[scroll.region.y : scroll.region.y + 2])
        assert "1. They circle the pot" in " ".join(rows(pilot.app))
