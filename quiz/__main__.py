"""The program `quiz` (the console script, and `python -m quiz`): the one place that tunes the process.

A check builds hundreds of thousands of objects and no reference cycles, so the cyclic
collector would only walk them again and again; and freeing a large tree object by object
at exit serves nothing, so the process ends without it, once output is flushed. The quiz
itself (play, preview, serve) keeps the collector. When a shell asks for
completions (quiz.cli.completion), they are printed and the process ends before anything else.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

from quiz.cli import EXIT_PIPE, dispatch, parse_args, taking
from quiz.cli.completion import complete

# Those that run for as long as someone uses them, and so need the collector.
_INTERACTIVE = (taking.run_play, taking.run_preview, taking.run_serve)


def run() -> NoReturn:
    complete()
    args = parse_args()
    if taking.full_screen(args):
        # Textual writes frames from a thread of its own: with a short switch interval each leaves
        # at once instead of waiting on the main thread.
        sys.setswitchinterval(0.0005)
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
