"""`quiz play --plain` as a reader takes it: whole walks piped in, the outcome and saved advice held to the UI's.

Every walk of every bundled tree and of a format-2 tree is taken in-process through the
plain mode's own loop; every scenario is taken by the real command in a subprocess, its
advice saved and compared with the Markdown the UI saves; and the format-2 tree's
scenarios are also taken in the UI by the pilot, whose saved files must be the same bytes.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quiz import Number, Question, Session, load_path
from quiz.cli.colour import Palette
from quiz.cli.plain import play
from quiz.cli.reader import LIMIT, Reader
from quiz.play import Store, describe, markdown
from tests.conftest import HERE, REPO

TREES = [*sorted((REPO / "trees").glob("*.json")), HERE / "trees" / "puncture.json"]
COMMANDS = {"b", "r", "q", "?", "c", "s"}
ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DATE = re.compile(r"\*From .*?, (\d{4}-\d{2}-\d{2})\.\*")


def _typed(session: Session, answer: str | int, words: bool) -> str:
    """What a reader types for `answer`: its number as listed, or its words (where those cannot be taken for
    a number or a command, which the plain mode reads first)."""
    if isinstance(session.node, Number):
        return str(answer)
    labels = [c.label for c in session.choices()]
    label = str(answer)
    command = label.strip() in COMMANDS or label.partition(" ")[0] in ("c", "s")
    if words and not label.strip().isdigit() and not command:
        return label
    return str(labels.index(label) + 1)


def _lines_for(tree, answers, *, words: bool = False) -> tuple[list[str], Session]:
    """The lines that give `answers` from the start, each page passed with Enter; and the session they reach."""
    session, lines = Session.start(tree), []
    for n, answer in enumerate(answers):
        while session.node.kind == "info":
            lines.append("")
            session = session.proceed()
        lines.append(_typed(session, answer, words and n % 2 == 1))
        session = session.answer(answer)
    while session.node.kind == "info":
        lines.append("")
        session = session.proceed()
    return lines, session


def _walks(session: Session) -> Iterator[tuple[str | int, ...]]:
    """Every walk's answers from `session` to an outcome; at a number node every number of a small range, else
    its ends and middle."""
    while session.node.kind == "info":
        session = session.proceed()
    if session.finished:
        yield ()
        return
    if isinstance(session.node, Question):
        options: list[str | int] = [c.label for c in session.choices()]
    else:
        low, high = session.number_range()
        options = list(range(low, high + 1)) if high - low <= 40 else [low, (low + high) // 2, high]
    for option in options:
        for rest in _walks(session.answer(option)):
            yield (option, *rest)


def _play(tmp_path: Path, tree_path: Path, typed: str, **kwargs) -> tuple[int, str, Store]:
    """The plain mode's loop on `typed` as standard input, with its own store, settings and documents folder."""
    out = io.StringIO()
    store = Store(tmp_path / "sessions")
    documents = tmp_path / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    targets = kwargs.pop("targets", [tree_path])
    quizzes = kwargs.pop("quizzes", [describe(tree_path)])
    reader = Reader(io.StringIO(typed), out, Palette(kwargs.pop("colour", False)))
    code = play(targets, quizzes, reader, store=store, preferences_path=tmp_path / "settings.json", documents=documents)
    return code, out.getvalue(), store


@pytest.mark.parametrize("tree_path", TREES, ids=lambda p: p.stem)
def test_every_walk_reaches_the_outcome_the_session_reaches_and_keeps_that_place(tmp_path, tree_path):
    tree = load_path(tree_path).tree
    walks = list(_walks(Session.start(tree)))
    assert len(walks) >= 10, "the tree has walks enough to be worth walking"
    for n, answers in enumerate(walks):
        lines, end = _lines_for(tree, answers, words=n % 2 == 0)
        code, out, store = _play(tmp_path / str(n), tree_path, "\n".join([*lines, "q"]) + "\n")
        assert code == 0, out
        assert f"\nAdvice: {end.outcome.title}\n" in out, answers
        assert out.count("\nAdvice: ") == 1 and "\nHow you got here:\n" in out
        assert json.loads(store.path(tree.id).read_text()) == end.record(), "the place kept is the outcome reached"
        assert not ESCAPE.search(out.replace("\n", "")), "nothing but text and line breaks"


def _subprocess_env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def _quiz(home: Path, *args: str, typed: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        input=typed,
        capture_output=True,
        text=True,
        timeout=120,
        env=env or _subprocess_env(home),
    )


def _markdown_as_saved(session: Session, saved: str) -> str:
    """The Markdown the UI saves for `session`, dated as the saved file is (a run may pass midnight)."""
    day = DATE.search(saved)
    assert day, saved[:200]
    return markdown(session, datetime.date.fromisoformat(day[1]))


@pytest.mark.parametrize("tree_path", TREES, ids=lambda p: p.stem)
def test_every_scenario_piped_through_the_command_saves_the_advice_the_ui_saves(tmp_path, tree_path):
    """One sitting: each scenario in turn, its advice saved, then `r`, `y` to start the next; finally `q`."""
    tree = load_path(tree_path).tree
    typed, ends = [], []
    for n, scenario in enumerate(tree.scenarios):
        lines, end = _lines_for(tree, scenario.answers, words=n % 2 == 1)
        typed += [*lines, f"s {tmp_path / f'{n}.md'}", "r", "y"]
        ends.append(end)
    proc = _quiz(tmp_path, "play", "--plain", str(tree_path), typed="\n".join([*typed, "q"]) + "\n")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert [line[len("Advice: ") :] for line in proc.stdout.splitlines() if line.startswith("Advice: ")] == [
        end.outcome.title for end in ends
    ]
    for n, (scenario, end) in enumerate(zip(tree.scenarios, ends, strict=True)):
        assert scenario.outcome == end.current
        saved = (tmp_path / f"{n}.md").read_text(encoding="utf-8")
        assert saved == _markdown_as_saved(end, saved), scenario.name
    assert not ESCAPE.search(proc.stdout.replace("\n", ""))


async def test_the_ui_saves_the_same_bytes_for_every_scenario_of_the_format_2_tree(tmp_path):
    from tests.tui.conftest import flat_text
    from tui import make_app
    from tui.dialogs import SaveScreen

    tree_path = HERE / "trees" / "puncture.json"
    tree = load_path(tree_path).tree
    for n, scenario in enumerate(tree.scenarios):
        data = tmp_path / f"ui-data-{n}"
        app = make_app(tree_path, data_dir=data, save_dir=tmp_path, config_path=tmp_path / "c.json")
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("enter")  # Start
            await pilot.pause()
            session = Session.start(tree)
            for answer in scenario.answers:
                while session.node.kind == "info":
                    await pilot.press("enter")
                    session = session.proceed()
                if isinstance(answer, int):
                    await pilot.press(*str(answer), "enter")
                else:
                    await pilot.press(str([c.label for c in session.choices()].index(answer) + 1))
                session = session.answer(answer)
                await pilot.pause()
            assert session.finished and app.screen.session == session, flat_text(app)
            await pilot.press("s")
            assert isinstance(app.screen, SaveScreen)
            app.screen.query_one("#save-path").value = str(tmp_path / f"ui-{n}.md")
            await pilot.press("enter")
            await pilot.pause()
        typed, _ = _lines_for(tree, scenario.answers)
        code, out, _ = _play(tmp_path / f"plain-{n}", tree_path, "\n".join([*typed, f"s {tmp_path / f'plain-{n}.md'}"]))
        assert code == 0, out
        assert (tmp_path / f"plain-{n}.md").read_bytes() == (tmp_path / f"ui-{n}.md").read_bytes(), scenario.name


def test_the_example_pipe_takes_a_quiz_without_a_terminal_and_keeps_the_place(tmp_path):
    # No --plain: standard input and output are pipes, so the plain mode is chosen.
    proc = _quiz(tmp_path, "play", str(HERE / "trees" / "coffee.json"), typed="1\n\n")
    assert proc.returncode == 0 and proc.stderr == ""
    assert "\nAdvice: Espresso\n" in proc.stdout and "- One shot\n- No sugar\n" in proc.stdout
    assert proc.stdout.endswith("The input has ended; your place is kept.\n")
    saved = json.loads((tmp_path / "data" / "quiz" / "sessions" / "coffee.json").read_text())
    assert saved["answers"] == ["Barely"], "the same saved place the UI resumes"
    again = _quiz(tmp_path, "play", "--plain", str(HERE / "trees" / "coffee.json"), typed="")
    assert "Last time you reached “Espresso”, after 1 answer." in again.stdout


def test_a_tree_with_errors_prints_its_findings_and_exits_1_and_a_missing_one_exits_2(tmp_path):
    broken = _quiz(tmp_path, "play", "--plain", str(HERE / "trees" / "broken.json"), typed="1\n")
    assert broken.returncode == 1 and "broken.json:9:59: Q302" in broken.stderr and "Traceback" not in broken.stderr
    missing = _quiz(tmp_path, "play", "--plain", str(tmp_path / "nothing.json"), typed="1\n")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_with_no_tree_the_bundled_quizzes_are_listed_to_pick_by_number_or_title(tmp_path):
    proc = _quiz(tmp_path, "play", "--plain", typed="3\nis it fixable?\n")
    assert proc.stdout.startswith("\nChoose a quiz:\n  1. Can you get him back? — ")
    assert "There is no" not in proc.stdout and "Type the number of a quiz, from 1 to 2, or q to quit." in proc.stdout
    assert "\nIs it fixable?\n" in proc.stdout and proc.returncode == 0
    assert _quiz(tmp_path, "play", "--plain", typed="q\n").returncode == 0


def test_numbers_must_be_whole_and_in_range_and_labels_may_be_typed_in_any_case(tmp_path):
    tree_path = HERE / "trees" / "puncture.json"
    code, out, _ = _play(tmp_path, tree_path, "a ROAD bike\nno\n31\n-1\n٣\n7.0\n\n7\n")
    assert code == 0
    for typed in ("31", "-1", "٣", "7.0", ""):
        assert f"“{typed}” is not a whole number from 0 to 30." in out
    assert "\nAdvice: A new tyre\n" in out
    assert "The tyre is tubeless" not in out.split("Question 2")[1].split("Your")[0], "not offered on a road bike"


def test_back_restart_and_change_move_as_the_ui_does(tmp_path):
    tree_path = HERE / "trees" / "puncture.json"
    typed = "2\n2\n0\n\nb\n0\n\nc\nc 1\n1\nr\nn\nr\ny\nq\n"
    code, out, store = _play(tmp_path, tree_path, typed)
    assert code == 0
    # b after the page goes back past it to the last question answered, as it was asked, with the answer given.
    went_back = "Your choice, 1 to 3: b\n\nQuestion 3 · at least 1 to go\nHow many years old is the tyre?\n"
    assert went_back + "A whole number from 0 to 30.\nYour answer was: 0\n" in out
    assert "  1. What kind of bike is it? — A mountain bike\n  2. Do you carry a spare tube? — No\n" in out
    assert "Answer 1 again (Enter keeps: A mountain bike)\nWhat kind of bike is it?\n  1. A road bike\n" in out
    # Changed to a road bike: the later answers still fit, and the page already read is passed.
    assert "Your new answer: 1\n\nQuestion 4 · at least 1 to go\nDoes the tube hold air now?\n" in out
    assert "Start again from the first question? Your 3 answers will go. (y/N): n\nNothing changed." in out
    assert out.rstrip().endswith("Your choice, 1 to 2: q")
    assert not store.path("puncture").exists(), "back at the start, nothing is kept"


def test_saving_asks_before_replacing_a_file_or_a_link_and_says_why_a_path_cannot_be_written(tmp_path):
    tree_path = HERE / "trees" / "coffee.json"
    (tmp_path / "old.md").write_text("mine")
    (tmp_path / "link.md").symlink_to(tmp_path / "old.md")
    typed = [
        "1",
        "",
        f"s {tmp_path / 'old.md'}",
        "",
        f"s {tmp_path / 'link.md'}",
        "n",
        f"s {tmp_path / 'no' / 'x.md'}",
        "s",
        "",
    ]
    code, out, _ = _play(tmp_path, tree_path, "\n".join(typed) + "\n")
    assert code == 0
    assert (tmp_path / "old.md").read_text() == "mine" and (tmp_path / "link.md").is_symlink()
    assert f"{tmp_path / 'old.md'} already exists. Overwrite it? (y/N): \nNot saved." in out
    assert f"{tmp_path / 'link.md'} is a link to {tmp_path / 'old.md'}. Replace the link?" in out
    assert f"There is no folder {tmp_path / 'no'}: make it first, or choose another. Not saved." in out
    day = datetime.date.today().isoformat()
    offered = tmp_path / "documents" / f"coffee-{day}.md"
    assert f"Save as (Enter saves to {offered}): \nSaved to {offered}" in out and offered.is_file()
    assert json.loads((tmp_path / "settings.json").read_text()) == {"save_folder": str(offered.parent)}


def test_the_end_of_input_at_any_prompt_quits_cleanly_keeping_the_place(tmp_path):
    tree_path = HERE / "trees" / "puncture.json"
    lines, _ = _lines_for(load_path(tree_path).tree, ["A road bike", "No", 1, "No, try another patch", "Yes"])
    for cut in range(len(lines) + 1):
        code, out, store = _play(tmp_path / str(cut), tree_path, "".join(line + "\n" for line in lines[:cut]))
        assert code == 0 and out.endswith("\nThe input has ended; your place is kept.\n"), out
        assert store.path("puncture").exists() == (cut > 0)


def test_a_saved_place_is_offered_and_resumed_or_left(tmp_path):
    tree_path = HERE / "trees" / "coffee.json"
    _play(tmp_path, tree_path, "2\n")
    _, out, _ = _play(tmp_path, tree_path, "maybe\n\n")
    assert "Last time you were at question 2 · at most 1 to go, after 1 answer.\nResume there? (Y/n): maybe\n" in out
    assert "Type y for yes or n for no." in out and out.count("\nMilk?\n") == 1
    _, out, store = _play(tmp_path, tree_path, "n\n")
    assert "\nHow awake are you?\n" in out and not store.path("coffee").exists(), "starting over forgets the place"


def test_an_endless_line_is_read_and_let_go_and_input_is_printed_as_text(tmp_path):
    tree_path = HERE / "trees" / "coffee.json"
    code, out, _ = _play(tmp_path, tree_path, "x" * (3 * LIMIT) + "\n\x1b[2J\x07\n2\n")
    assert code == 0 and f"That line is longer than {LIMIT} characters; it was left unread." in out
    assert "x" * 100 not in out and "\x1b" not in out and "\x07" not in out and "“\ufffd[2J\ufffd”" in out
    assert "\nMilk?\n" in out


def test_no_colour_unless_asked_for(tmp_path):
    tree_path = HERE / "trees" / "coffee.json"
    assert "\x1b" not in _play(tmp_path, tree_path, "")[1]
    assert "\x1b[1mQuestion 1 · at most 2 to go\x1b[0m" in _play(tmp_path, tree_path, "", colour=True)[1]
    proc = _quiz(tmp_path, "play", str(tree_path), typed="", env={**_subprocess_env(tmp_path), "FORCE_COLOR": "1"})
    assert "\x1b[1m" in proc.stdout


def test_help_lists_every_command_and_a_page_waits_for_enter(tmp_path):
    code, out, _ = _play(tmp_path, HERE / "trees" / "coffee.json", "?\n1\nx\n?\n\n")
    assert code == 0 and out.count("  q — quit; your place is kept for next time") == 2
    assert "Press Enter to go on, or type ? for the commands." in out and "\nAdvice: Espresso\n" in out
