"""The `quiz` command: a thin shell over the library.

Exit codes, for every command: 0 clean, 1 findings, 2 could not run (bad usage, a
missing or unreadable path). The terminal UI is imported only by the commands that
open it, so `quiz check` starts without loading textual.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from quiz import bundled, report
from quiz.check import printable
from quiz.findings import has_errors
from quiz.load import load_path
from quiz.schema import schema_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something the user asked for cannot be done; exit 2 with this message."""


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.run, args.target = run_play, None
    try:
        return args.run(args)
    except UsageError as error:
        print(f"quiz: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="Decision-tree quizzes: take them in the terminal, and check that every path ends. "
        "With no command, opens a list of the bundled quizzes.",
        epilog="Exit codes: 0 clean, 1 findings, 2 could not run.",
    )
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="check trees: every path must reach an outcome",
        description="Check tree files, and every *.json under the directories given. "
        "Prints each finding as file:line:col: CODE message; see docs/codes.md for every code.",
        epilog="Exit codes: 0 clean, 1 findings (warnings only with --strict), 2 could not run.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="tree files or directories")
    check.add_argument(
        "--output-format",
        choices=report.FORMATS,
        default="text",
        help="text (default), json, or github annotations",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--stats", action="store_true", help="also print nodes by kind, paths, shortest and longest walk"
    )
    check.set_defaults(command="check", run=run_check)

    play = commands.add_parser(
        "play",
        help="take a quiz in the terminal",
        description="Take a quiz: a tree file, or the id of a bundled tree (see `quiz list`). "
        "With no command at all, quiz opens a list of the bundled trees to choose from. "
        "Your place is kept when you quit, and offered the next time.",
    )
    play.add_argument("target", metavar="PATH-OR-TREE-ID", help="a tree file, or a bundled tree's id")
    play.set_defaults(command="play", run=run_play)

    listing = commands.add_parser(
        "list",
        help="list the bundled trees",
        description="List the trees that ship with quiz: id, title, and the file each is read from. "
        "`quiz play ID` takes any of these ids.",
    )
    listing.set_defaults(command="list", run=run_list)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the tree format",
        description="Print the JSON Schema (draft 2020-12) of tree format 1, for editors and validators.",
    )
    schema.set_defaults(command="schema", run=lambda args: print(schema_text(), end="") or EXIT_OK)
    return parser


def tree_files(paths: Sequence[str]) -> list[Path]:
    """The files named, and every *.json under the directories named, in a stable order."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*.json")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise UsageError(f"{name}: no such file or directory")
    if not files:
        raise UsageError(f"no *.json files in {', '.join(paths)}")
    return files


def run_check(args: argparse.Namespace) -> int:
    results = []
    for path in tree_files(args.paths):
        try:
            results.append(load_path(path))
        except OSError as error:
            raise UsageError(f"{path}: {error.strerror or error}") from error
    findings = [f for result in results for f in result.findings]
    facts = {r.file: report.stats(r.tree) for r in results if args.stats and r.ok}
    if args.output_format == "json":
        out = report.as_json(findings)
        if args.stats:
            out = json.dumps({"findings": json.loads(out), "stats": facts}, indent=2, ensure_ascii=False)
        print(out)
    elif args.output_format == "github":
        if findings:
            print(report.github(findings))
    else:
        if findings:
            print(report.text(findings))
        for result in results if args.stats else ():
            if result.file in facts:
                print(report.stats_text(result.file, facts[result.file]))
            else:
                print(f"{result.file}: no stats until its errors are mended")
        print(report.summary(findings, len(results)))
    return EXIT_FINDINGS if has_errors(findings, strict=args.strict) else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    found = bundled.entries()
    if not found:
        raise UsageError(f"no bundled trees in {bundled.directory()}")
    width = max(len(e.id) for e in found)
    for entry in found:
        print(f"{printable(entry.id, one_line=True):<{width}}  {printable(entry.title, one_line=True)}  ({entry.path})")
    return EXIT_OK


def run_play(args: argparse.Namespace) -> int:
    target = None
    if args.target is not None:
        target = bundled.find(args.target)
        if target is None:
            known = ", ".join(e.id for e in bundled.entries()) or "none"
            raise UsageError(f"{args.target}: no such file, and no bundled tree has that id (bundled: {known})")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the quiz needs a terminal; to check trees without one, run: quiz check PATH")
    from tui import make_app

    app = make_app(target)
    app.run()
    return app.return_code or EXIT_OK
