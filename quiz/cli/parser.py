"""The `quiz` command line: its commands, their arguments, and what `--help` says of them."""

from __future__ import annotations

import argparse
import sys
from typing import Any, NoReturn

from quiz.author.diff import MAX_PATHS
from quiz.author.pictures import FORMATS as PICTURE_FORMATS
from quiz.cli import commands, taking
from quiz.cli.commands import EXIT_USAGE
from quiz.cli.completion import SHELLS
from quiz.cli.settings import OUTPUT_FORMATS

EXIT_CODES = "Exit codes: 0 clean, 1 findings, 2 could not run."
SETTINGS = (
    "Settings: [tool.quiz] in the nearest pyproject.toml gives defaults for paths, exclude, strict and "
    "output-format; options given here win."
)


class _Version(argparse.Action):
    """--version, reading the installed version only when asked (reading it costs start-up time)."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print quiz's version and exit", **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from quiz import __version__
        from quiz.format.migrate import CURRENT

        print(f"quiz {__version__} (tree format {CURRENT})")  # on standard output, as ruff and mypy print it
        parser.exit()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Bad usage exits 2, as argparse does, with the command's usage line."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quiz",
        description="Decision-tree quizzes: take them in the terminal, and check that every path ends. "
        "With no command, opens a list of the bundled quizzes.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action=_Version)
    parser.set_defaults(run=None)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, run: Any, summary: str, description: str, more: str = "") -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=summary, description=f"{description} {more}".strip(), epilog=EXIT_CODES)
        cmd.set_defaults(run=run)
        return cmd

    def walking(cmd: argparse.ArgumentParser, *, stdin: bool) -> None:
        """The arguments of the commands that read many files, as ruff's and check-jsonschema's read them."""
        cmd.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="tree files or folders; default: `paths` in [tool.quiz], else the current folder"
            + ("; `-` reads a tree from standard input" if stdin else ""),
        )
        if stdin:
            cmd.add_argument(
                "--stdin-filename", metavar="NAME", help="the name findings give the tree read from `-` (default: -)"
            )
        cmd.add_argument(
            "--exclude",
            action="append",
            default=[],
            metavar="PATTERN",
            help="leave out files and folders matching this gitignore-style pattern when walking folders "
            "(repeatable; adds to `exclude` in [tool.quiz]). Hidden folders, node_modules, virtual "
            "environments and what .gitignore files list are always left out",
        )
        cmd.add_argument(
            "--force-exclude",
            action="store_true",
            help="apply the exclusions, and skip JSON that is not a tree, for files named on the command "
            "line too (for pre-commit, which names every file it hooks)",
        )
        cmd.add_argument("-q", "--quiet", action="store_true", help="print findings and changes only, no summary")

    play = command(
        "play",
        taking.run_play,
        "take a quiz in the terminal",
        "Take a quiz: a tree file, or the id of a bundled tree (see `quiz list`); several, or none, open a list "
        "to choose from (none: the bundled quizzes, as quiz with no command does). Your place is kept when you "
        "quit, and offered the next time. When standard input or output is not a terminal, the quiz is taken "
        "in plain lines of text, as with --plain.",
    )
    play.add_argument(
        "targets", nargs="*", metavar="PATH-OR-TREE-ID", help="a tree file, or a bundled tree's id (repeatable)"
    )
    play.add_argument(
        "--plain",
        action="store_true",
        help="the quiz as plain lines of text, for screen readers, braille displays and pipes: each line printed "
        "once, no cursor movement, no colour (unless FORCE_COLOR is set); answers and commands are read a line "
        "at a time from standard input, and ? lists the commands",
    )

    serve = command(
        "serve",
        taking.run_serve,
        "serve the quiz to web browsers",
        "Serve the quiz's own UI to web browsers, through textual-serve: the trees or bundled ids given, or the "
        "bundled quizzes. Each visitor (each page opened) gets a process of their own, with their own answers; "
        "a visitor's place is kept in that process only, never on this machine's disk, and Save hands the advice "
        "to their browser as a download. Needs textual-serve: pip install 'quiztree[serve]'.",
    )
    serve.add_argument(
        "targets", nargs="*", metavar="PATH-OR-TREE-ID", help="a tree file, or a bundled tree's id (repeatable)"
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1: this machine alone; 0.0.0.0 is every address)",
    )
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default 8000)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers reach the server at, when that is not --host and --port (behind a proxy)",
    )

    preview = command(
        "preview",
        taking.run_preview,
        "take a tree you are editing; reloads when it is saved",
        "Open the quiz on a tree file you are editing. Each time the file is saved it is reloaded, keeping your "
        "answers as far as they still fit; while it has errors, the findings are shown in place of the quiz.",
    )
    preview.add_argument("target", metavar="PATH", help="the tree file")

    check = command(
        "check",
        commands.run_check,
        "check trees: every path must reach an outcome",
        "Check tree files, and the tree files (*.json objects with `format` and `nodes`) in the folders given. "
        "Prints each finding as file:line:col: CODE message; docs/codes.md explains every code.",
        SETTINGS,
    )
    walking(check, stdin=True)
    check.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        default=None,
        help="text (default; coloured on a terminal, never with NO_COLOR, always with FORCE_COLOR), json "
        "(one object: version, findings, stats and coverage when asked; docs/check-output.schema.json), "
        "sarif (SARIF 2.1.0, for GitHub code scanning), or github (workflow annotations)",
    )
    check.add_argument(
        "--strict", action=argparse.BooleanOptionalAction, default=None, help="fail on warnings too (default: off)"
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument(
        "--stats", action="store_true", help="also print nodes by kind, paths, shortest and longest walk"
    )
    check.add_argument(
        "--coverage", action="store_true", help="also print the outcomes and choices no scenario reaches"
    )

    graph = command(
        "graph",
        commands.run_graph,
        "draw a tree as Mermaid, Graphviz DOT, SVG or PNG",
        "Print a picture of a tree: questions as diamonds, info pages as rounded boxes, outcomes as stadiums, "
        "each with its id; choice labels on the edges; an arrow from `start` to the first node. Mermaid renders "
        "in GitHub Markdown, up to Mermaid's 500 edges; DOT renders with Graphviz at any size; svg and png are "
        "drawn by Graphviz's `dot` program when it is installed (quiz graph T --format svg > tree.svg).",
    )
    graph.add_argument("tree", metavar="PATH-OR-TREE-ID", help="a tree file, or a bundled tree's id")
    graph.add_argument(
        "--format", choices=PICTURE_FORMATS, default="mermaid", help="mermaid (default), dot, svg or png"
    )

    fmt = command(
        "fmt",
        commands.run_fmt,
        "write trees in the canonical layout",
        "Rewrite tree files in the canonical layout: keys in the reference order, two-space indent, short "
        "objects on one line, text as UTF-8. Only layout changes; the JSON value stays the same. "
        "`quiz fmt -` prints standard input in the canonical layout.",
        SETTINGS,
    )
    walking(fmt, stdin=True)
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 and name the files that would change")

    new = command(
        "new",
        commands.run_new,
        "start a new tree file",
        "Write ID.json in the current directory: a small valid tree to start from, with $schema set so that "
        "editors complete and check keys. Never overwrites a file.",
    )
    new.add_argument("id", metavar="ID", help="the tree's id, also its file name")

    diff = command(
        "diff",
        commands.run_diff,
        "what changed between two versions of a tree, and the version bump it needs",
        "Compare two versions of a tree in a reader's terms: nodes added, removed and reworded; choices added, "
        "removed and re-routed; scenarios and answer sequences that now end elsewhere. Says whether the change is "
        "major, minor or patch, and exits 1 if the new `version` does not bump enough.",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier tree file")
    diff.add_argument("new", metavar="NEW", help="the later tree file")
    diff.add_argument("--output-format", choices=("text", "json"), default="text")
    diff.add_argument(
        "--max-paths", type=int, default=MAX_PATHS, help=f"answer sequences to compare at most (default {MAX_PATHS})"
    )

    migrate = command(
        "migrate",
        commands.run_migrate,
        "rewrite trees of an older format in the current one",
        "Rewrite tree files of an older format in the current format, in the canonical layout. "
        "Files already current are left alone.",
        SETTINGS,
    )
    walking(migrate, stdin=False)
    migrate.add_argument("--check", action="store_true", help="change nothing; exit 1 if any file needs migrating")

    command("list", commands.run_list, "list the bundled trees", "List the trees that ship with quiz.")
    command(
        "schema",
        commands.run_schema,
        "print the JSON Schema of the tree format",
        "Print the JSON Schema (draft 2020-12) of the tree format, for editors and validators.",
    )
    completion = command(
        "completion",
        commands.run_completion,
        "print a shell completion script for bash, zsh or fish",
        "Print a script that makes the shell complete quiz's commands, options and files. Load it from your "
        'shell\'s start-up file: bash: eval "$(quiz completion bash)"; zsh (after compinit): '
        'eval "$(quiz completion zsh)"; fish: quiz completion fish | source.',
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or fish")
    return parser
