"""The `quiz` command: a thin shell over the library.

Exit codes, for every command: 0 clean, 1 findings, 2 could not run (bad usage, a
missing or unreadable path). The terminal UI is imported only by the commands that
open it, so `quiz check` starts without loading textual. Nothing here changes the
process (its collector, its exit): only the program's entry point does (quiz.__main__).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quiz.cli import commands
from quiz.cli.commands import EXIT_USAGE
from quiz.cli.parser import parser
from quiz.errors import UsageError

__all__ = ["dispatch", "main", "parse_args"]


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
        print(f"quiz: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    return code


def main(argv: Sequence[str] | None = None) -> int:
    return dispatch(parse_args(argv))
