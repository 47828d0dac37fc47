"""`quiz serve` as a visitor meets it: a real headless Chromium opens the page, takes a bundled quiz to
its advice by key presses, saves it as a download, and a second visitor starts fresh.

In CI (CI set) the browser must be there: .ci/run installs Debian's chromium where it is missing.
"""

from __future__ import annotations

import datetime
import os
import re
import shlex
import subprocess
import sys

import pytest

from quiz import Session, load_path
from quiz.cli.serve import command, is_loopback
from quiz.play import markdown
from tests import browser
from tests.conftest import REPO

TREE = REPO / "trees" / "get-him-back.json"
SCENARIO = "apologise after a fight, days ago"  # a number typed in on the way

needs_chromium = pytest.mark.skipif(
    not browser.CHROMIUM.exists() and not os.environ.get("CI"),
    reason="needs Debian's chromium (apt-get install chromium); CI always has it",
)


@needs_chromium
def test_a_visitor_takes_a_bundled_quiz_saves_it_as_a_download_and_the_next_starts_fresh(tmp_path):
    from playwright.sync_api import sync_playwright

    tree = load_path(TREE).tree
    scenario = next(s for s in tree.scenarios if s.name == SCENARIO)
    home = tmp_path / "home"
    home.mkdir()
    with browser.served("get-him-back", env=browser.environment(home), log=tmp_path / "serve.log") as (url, _):
        assert "Only this machine can reach it" in (tmp_path / "serve.log").read_text()
        with sync_playwright() as playwright:
            chromium = browser.launch(playwright)
            try:
                first = browser.visitor(chromium)
                page = browser.open_quiz(first, url)
                browser.wait_for(page, r"Start")
                browser.press(page, "Enter")
                end = browser.take(page, Session.start(tree), scenario.answers)
                assert end.current == scenario.outcome
                text = browser.wait_for(page, browser.shown(end))
                assert "How you got here" in text or "Your answers" in text, text
                with page.expect_download(timeout=30_000) as download_info:
                    browser.press(page, "s")
                download = download_info.value
                browser.wait_for(page, r"Your browser downloads it as")
                saved = tmp_path / "download.md"
                download.save_as(saved)
                content = saved.read_text(encoding="utf-8")
                day = datetime.date.fromisoformat(re.search(r"\*From .*?, (\d{4}-\d{2}-\d{2})\.\*", content)[1])
                assert content == markdown(end, day), "the download is the advice the terminal UI saves"
                assert download.suggested_filename == f"get-him-back-{day.isoformat()}.md"

                # A second visitor, while the first is still on the page: a process of their own, from the start.
                second = browser.visitor(chromium)
                other = browser.open_quiz(second, url)
                welcome = browser.wait_for(other, r"Start")
                assert "Last time" not in welcome and "Resume" not in welcome, welcome
                browser.click(other, "Start")  # by mouse, this time
                asked = browser.wait_for(other, browser.shown(Session.start(tree)))
                assert "None yet." in asked, "no answers carried over from the first visitor"
            finally:
                chromium.close()
    kept = sorted(str(path.relative_to(home)) for path in home.rglob("*") if path.is_file())
    assert kept == [], "nothing of a visitor's is written to the server's disk"


def test_only_loopback_addresses_count_as_this_machine_alone():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("192.0.2.1")


def test_each_visitor_runs_this_python_on_the_trees_given_with_no_shell_left_between(tmp_path):
    tree = tmp_path / "a tree; rm -rf ~.json"
    assert command([tree]) == f"exec {shlex.join([sys.executable, '-m', 'quiz', 'play', str(tree)])}"


def test_a_bad_port_or_a_missing_tree_is_a_usage_error(tmp_path):
    for args in (["--port", "70000"], [str(tmp_path / "nothing.json")]):
        proc = subprocess.run(
            [sys.executable, "-m", "quiz", "serve", *args], capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stdout == "", args
