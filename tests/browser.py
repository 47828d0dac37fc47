"""`quiz serve` in a real browser: Debian's headless Chromium, driven by Playwright.

Shared by the browser test (tests/test_serve.py) and the script that takes the docs'
screenshots and measures memory per visitor (bench/serve.py). The page draws the terminal
on a canvas, so to read what it shows the page's own textual.js is given one extra
assignment that leaves xterm.js's Terminal where a script can read its buffer; keys go to
xterm's hidden text area, as a person's typing does.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quiz import Info, Number, Outcome, Question, Session
from quiz.play.reading import markdown_words

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
_HOOK = "this.terminal.open(e),"
_READ = """() => { const t = window.__textualTerminal; if (!t) return null;
  const b = t.buffer.active, rows = [];
  for (let i = 0; i < t.rows; i++) {
    const l = b.getLine(b.viewportY + i); rows.push(l ? l.translateToString(false) : ""); }
  return rows; }"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(*args: str, env: dict[str, str], log: Path) -> Iterator[tuple[str, int]]:
    """`quiz serve ARGS` on a free local port until the block ends; the page's address and the server's pid."""
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "quiz", "serve", *args, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            deadline = time.monotonic() + 30
            while "Serving" not in log.read_text():
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"quiz serve did not start:\n{log.read_text()}")
                time.sleep(0.1)
            yield f"http://127.0.0.1:{port}/", server.pid
        finally:
            server.terminate()
            server.wait(10)


def _expose_terminal(route: Any) -> None:
    response = route.fetch()
    body = response.text()
    assert _HOOK in body, "textual-serve's textual.js has changed: find where it opens its Terminal"
    route.fulfill(response=response, body=body.replace(_HOOK, _HOOK + "window.__textualTerminal=this.terminal,", 1))


def visitor(browser: Any, *, width: int = 1000, height: int = 640) -> Any:
    """A new browser context, as a new visitor has: its own cookies, its own page, and so its own quiz process."""
    context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": height})
    context.route("**/static/js/textual.js", _expose_terminal)
    # The page asks Google for its fonts; offline they would only make it wait.
    context.route(re.compile(r"^https://fonts\.(googleapis|gstatic)\.com/"), lambda route: route.abort())
    return context


def screen(page: Any) -> str:
    rows = page.evaluate(_READ)
    return "\n".join(rows or [])


def wait_for(page: Any, pattern: str, timeout: float = 30) -> str:
    """The screen once `pattern` (a regular expression) is on it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = screen(page)
        if re.search(pattern, text):
            return text
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} is not on the screen:\n{screen(page)}")


def open_quiz(context: Any, url: str) -> Any:
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("body.-first-byte", state="attached", timeout=30_000)
    page.locator(".xterm-helper-textarea").focus()
    return page


def press(page: Any, *keys: str) -> None:
    for key in keys:
        page.keyboard.press(key)


def click(page: Any, words: str) -> None:
    """A mouse click on the middle of `words` where the screen first shows them."""
    rows = screen(page).split("\n")
    for row, line in enumerate(rows):
        column = line.find(words)
        if column >= 0:
            box = page.locator(".xterm-screen").bounding_box()
            width, height = box["width"] / len(line), box["height"] / len(rows)
            page.mouse.click(box["x"] + (column + len(words) / 2) * width, box["y"] + (row + 0.5) * height)
            return
    raise AssertionError(f"{words!r} is not on the screen:\n{screen(page)}")


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)


def environment(home: Path) -> dict[str, str]:
    """A server's environment with a home of its own, so that any file written for a visitor would show there."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DOCUMENTS_DIR": str(home / "documents"),
    }


def words(text: str, count: int = 5) -> str:
    """A pattern for the first words of a text as the page shows them, wrapped anywhere between words."""
    return r"\s+".join(re.escape(word) for word in markdown_words(text).split()[:count])


def shown(session: Session) -> str:
    node = session.node
    if isinstance(node, Question | Number):
        return words(node.text)
    if isinstance(node, Info):
        return words(node.title or node.text)
    assert isinstance(node, Outcome)
    return words(node.title)


def take(page: Any, session: Session, answers: Sequence[str | int]) -> Session:
    """The scenario's answers given by key presses, each once its question is on the screen."""
    for answer in answers:
        while isinstance(session.node, Info):
            wait_for(page, shown(session))
            press(page, "Enter")
            session = session.proceed()
        wait_for(page, shown(session))
        if isinstance(session.node, Number):
            press(page, *str(answer), "Enter")
        else:
            press(page, str([c.label for c in session.choices()].index(str(answer)) + 1))
        session = session.answer(answer)
    while isinstance(session.node, Info):
        wait_for(page, shown(session))
        press(page, "Enter")
        session = session.proceed()
    return session
