"""Lines to the reader and lines from them, for the plain mode: every line written once, every prompt flushed.

What a reader types is one line; a line longer than any answer or file name is read and
let go rather than kept, so that no input can make the process hold a stream's worth.
"""

from __future__ import annotations

from typing import TextIO

from quiz.cli.colour import Palette
from quiz.text import printable

__all__ = ["LIMIT", "Ended", "Reader"]

LIMIT = 4096  # the longest line kept


class Ended(Exception):
    """Standard input ended: the reader has gone, and the place is kept."""


class Reader:
    """Lines to the reader and lines from them: every line written once, every prompt flushed."""

    def __init__(self, stdin: TextIO, stdout: TextIO, paint: Palette) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.paint = paint
        # What was typed is shown after its prompt when no terminal echoes it, so a transcript reads in order.
        self.echo = not _isatty(stdin)

    def say(self, *lines: str) -> None:
        """Lines through the printable rule: nothing from a tree or a file name acts on a terminal."""
        for line in lines:
            self.stdout.write(printable(line) + "\n")
        self.stdout.flush()

    def heading(self, line: str) -> None:
        # Made printable before it is painted: the paint's own codes are the only ones written.
        self.stdout.write("\n" + self.paint(printable(line), "bold") + "\n")
        self.stdout.flush()

    def ask(self, prompt: str) -> str:
        """A line typed in answer to `prompt`, without its line break and surrounding space. Raises Ended."""
        while True:
            self.stdout.write(printable(prompt, one_line=True) + " ")
            self.stdout.flush()
            line = self.stdin.readline(LIMIT + 1)
            if not line:
                self.say("")
                raise Ended
            if len(line) <= LIMIT or line.endswith("\n"):
                break
            while (rest := self.stdin.readline(LIMIT)) and not rest.endswith("\n"):
                pass  # the rest of an endless line is read and let go, never kept
            self.say("", f"That line is longer than {LIMIT} characters; it was left unread.")
        if self.echo:
            self.say(printable(line.strip(), one_line=True))
        return line.strip()

    def yes(self, question: str, *, default: bool) -> bool:
        """A yes or no; Enter gives `default`. Raises Ended."""
        while True:
            answer = self.ask(f"{question} ({'Y/n' if default else 'y/N'}): ").casefold()
            if answer in ("", "y", "yes", "n", "no"):
                return default if not answer else answer.startswith("y")
            self.say("Type y for yes or n for no.")


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
