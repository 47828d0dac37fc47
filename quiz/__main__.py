"""The program `quiz` (the console script, and `python -m quiz`): the one place that tunes the process.

A check builds hundreds of thousands of objects and no reference cycles, so the cyclic
collector would only walk them again and again; and freeing a large tree object by object
at exit serves nothing, so the process ends without it, once output is flushed. The quiz
itself (play, preview) runs with the collector as Python has it. When a shell asks for
completions (quiz.cli.completion), they are printed and the process ends before anything else.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

from quiz.cli import EXIT_PIPE, commands, dispatch, parse_args
from quiz.cli.completion import complete

_INTERACTIVE = (commands.run_play, commands.run_preview)


def run() -> NoReturn:
    complete()
    args = parse_args()
    if args.run not in _INTERACTIVE:
        gc.disable()
    code = dispatch(args)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader has gone: end quietly, as cat does
            code = EXIT_PIPE
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    run()
