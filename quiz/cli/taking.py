"""Taking a quiz: `quiz play` in the full-screen UI or as plain lines, `quiz preview`, `quiz serve`.

Textual is imported only here, and only when the UI is about to run: every other command
runs without loading it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from quiz.cli.commands import EXIT_OK, name, tree_argument
from quiz.errors import UsageError
from quiz.play import bundled
from quiz.text import printable


def _served() -> bool:
    """Whether this process is a visitor's app under textual-serve, which drives it through pipes, not a terminal."""
    return os.environ.get("TEXTUAL_DRIVER", "").endswith("web_driver:WebDriver")


def _terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def full_screen(args: argparse.Namespace) -> bool:
    """Whether the command will run the full-screen UI (in a terminal, or served to a browser)."""
    if args.run is run_preview:
        return True
    return args.run is run_play and (_served() or not (args.plain or not _terminal()))


def run_play(args: argparse.Namespace) -> int:
    targets = [tree_argument(given) for given in args.targets]
    if _served() and args.plain:
        raise UsageError("--plain is for a terminal or a pipe; served to a browser, the quiz is its full UI")
    if not full_screen(args):
        return _plain(targets)
    return _ui(targets, web=_served())


def run_preview(args: argparse.Namespace) -> int:
    target = Path(args.target)
    if not target.is_file():
        raise UsageError(f"{name(args.target)}: no such file")
    if not _terminal():
        raise UsageError("quiz preview needs a terminal; to check trees without one, run: quiz check PATH")
    return _ui([target], preview=True)


def run_serve(args: argparse.Namespace) -> int:
    from quiz.cli.serve import serve

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: a port is a number from 1 to 65535")
    targets = [tree_argument(given) for given in args.targets]
    titles = [printable(bundled.describe(path).title, one_line=True) for path in targets]
    return serve(targets, titles, host=args.host, port=args.port, url=args.public_url)


def _plain(targets: list[Path]) -> int:
    """The quiz as lines of text on standard input and output (quiz.cli.plain)."""
    import platformdirs

    from quiz.cli.colour import Palette
    from quiz.cli.plain import play
    from quiz.cli.reader import Reader
    from quiz.play import Store, default_path

    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # bytes that are not text are answers that fit nothing, not a crash
    # Colour only when asked for: a screen reader or a braille display would read its codes out.
    colour = bool(os.environ.get("FORCE_COLOR")) and not os.environ.get("NO_COLOR")
    quizzes = [bundled.describe(path) for path in targets] if targets else bundled.entries()
    return play(
        targets,
        quizzes,
        Reader(sys.stdin, sys.stdout, Palette(colour)),
        store=Store.default(),
        preferences_path=default_path(),
        documents=Path(platformdirs.user_documents_dir()),
    )


def _ui(targets: list[Path], *, preview: bool = False, web: bool = False) -> int:
    """The full-screen UI, in a terminal or served to a browser."""
    try:
        from tui import make_app  # only here: every other command runs without loading textual
    except ImportError as error:
        # PyPI has an unrelated, older package named `tui`; installed after quiz, it takes the name.
        raise UsageError(
            f"the package `tui` found here is not quiz's terminal UI ({error}); an unrelated PyPI package "
            "shares the name: pip uninstall tui, then pip install --force-reinstall quiztree"
        ) from error

    if len(targets) == 1:
        app = make_app(targets[0], preview=preview, web=web)
    else:
        app = make_app(None, quizzes=[bundled.describe(path) for path in targets] or None, web=web)
    app.run()
    return app.return_code or EXIT_OK  # 1 when the tree's findings were shown, 2 when it could not be read
