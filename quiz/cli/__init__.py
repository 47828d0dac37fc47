"""The `quiz` command: a thin shell over the library.

Exit codes, for every command: 0 clean, 1 findings, 2 could not run (bad usage, a
missing or unreadable path). The terminal UI is imported only by the commands that
open it, so `quiz check` starts without loading textual. Nothing here changes the
process (its collector, its exit): only the program's entry point does (quiz.__main__).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from quiz.cli import commands
from quiz.cli.commands import EXIT_USAGE
from quiz.cli.parser import parser
from quiz.errors import UsageError
from quiz.text import printable

__all__ = ["EXIT_PIPE", "dispatch", "main", "parse_args"]

EXIT_PIPE = 128 + 13  # what a shell reports for cat when the reader of its output has gone (SIGPIPE)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command and its arguments; bad usage prints the usage line and exits 2, as argparse does."""
    args = parser().parse_args(argv)
    if args.run is None:
        args.run, args.target = commands.run_play, None
    return args


def dispatch(args: argparse.Namespace) -> int:
    """Run the command; its exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        code: int = args.run(args)
    except UsageError as error:
        print(printable(f"quiz: error: {error}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    return code


def _quiet_stdout() -> None:
    """The reader of our output has gone (`quiz check | head -1`): what is still buffered goes nowhere.

    Python's own advice: point stdout at devnull, so that flushing it at exit raises no second error.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # a stdout without a file descriptor (captured by a test)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    return dispatch(parse_args(argv))
