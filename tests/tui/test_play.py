"""`quiz play` in a real pseudo-terminal: its exit codes are `quiz check`'s."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.tui.conftest import TREES

_ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")


class Terminal:
    """`quiz` running in a pseudo-terminal of 80x24, with its own home, data and config folders."""

    def __init__(self, home: Path, *args: str) -> None:
        self.fd, child = pty.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "TERM": "xterm-256color",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "quiz", *args], stdin=child, stdout=child, stderr=child, env=env, close_fds=True
        )
        os.close(child)
        self.seen = b""

    def wait_for(self, text: str) -> None:
        """Read what the app draws until `text` is on screen; a stuck app fails the test instead of hanging it."""
        deadline = time.monotonic() + 60
        while text.encode() not in _ESCAPES.sub(b"", self.seen).replace(b" ", b""):
            assert time.monotonic() < deadline, f"{text!r} never appeared"
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:  # the app has gone
                    break
        assert text.encode() in _ESCAPES.sub(b"", self.seen).replace(b" ", b"")

    def press(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def exit_code(self) -> int:
        deadline = time.monotonic() + 60
        while self.process.poll() is None:
            assert time.monotonic() < deadline, "the app did not quit"
            if select.select([self.fd], [], [], 0.2)[0]:
                with contextlib.suppress(OSError):  # the app has gone
                    os.read(self.fd, 65536)
        os.close(self.fd)
        return self.process.returncode


def test_a_finished_quiz_exits_0(tmp_path):
    terminal = Terminal(tmp_path, "play", str(TREES / "coffee.json"))
    terminal.wait_for("Start")
    terminal.press("\r")
    terminal.wait_for("Howawakeareyou?")
    terminal.press("2")
    terminal.wait_for("Milk?")
    terminal.press("1")
    terminal.wait_for("Howyougothere")
    terminal.press("q")
    assert terminal.exit_code() == 0
    assert (tmp_path / "data" / "quiz" / "sessions" / "coffee.json").is_file(), "the place is kept in the data folder"


def test_a_tree_with_errors_shows_its_findings_and_exits_1(tmp_path):
    terminal = Terminal(tmp_path, "play", str(TREES / "broken.json"))
    terminal.wait_for("cannotbetakenyet")
    terminal.wait_for("Q302")
    terminal.press("q")
    assert terminal.exit_code() == 1


def test_without_a_terminal_a_broken_tree_still_exits_1_with_its_findings(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "quiz", "play", str(TREES / "broken.json")],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 1 and "broken.json:9:59: Q302" in proc.stderr and "Traceback" not in proc.stderr


def test_usage_errors_exit_2(tmp_path):
    # Without a terminal `quiz play` takes the quiz in plain lines (tests/test_plain.py); a preview needs one.
    for args in (["play", str(tmp_path / "missing.json")], ["preview", str(TREES / "coffee.json")], ["play", "--nope"]):
        proc = subprocess.run(
            [sys.executable, "-m", "quiz", *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
        assert proc.returncode == 2 and "Traceback" not in proc.stderr, args
