"""What each `quiz` command does, once its arguments are parsed. Each returns an exit code.

All output goes through `say` (text) or quiz.text.json_text (JSON), so that the printable
rule holds for whatever a file or its name held. A file that cannot be read (missing, a
folder that cannot be listed, a FIFO, a device, a symlink loop) is a could-not-run: it is
named on stderr, the other files are still done, and the command exits 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from quiz.author.canonical import canonical
from quiz.author.coverage import coverage
from quiz.author.diff import diff
from quiz.author.pictures import draw, undrawable
from quiz.author.starter import NEW_ID, starter
from quiz.cli import report
from quiz.errors import UsageError
from quiz.files import read_regular, write_atomic
from quiz.findings import CODES, Stage, has_errors
from quiz.format.migrate import CURRENT
from quiz.format.model import Tree
from quiz.format.schema import schema_text
from quiz.load.json_reader import parse
from quiz.pipeline import Loaded, load_bytes
from quiz.play import bundled
from quiz.text import json_text, printable, quote

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def say(text: str = "", *, file: TextIO | None = None, end: str = "\n") -> None:
    """Print text through the printable rule: nothing but line breaks and tabs reaches the terminal as control."""
    print(printable(text), file=sys.stdout if file is None else file, end=end)


def name(path: Path | str) -> str:
    """A file name as messages show it: printable, on one line."""
    return printable(str(path), one_line=True)


def tree_files(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """The files named, and every *.json under the directories named, in a stable order; and the folders that
    could not be listed, each as a message.

    A path that is there but not a regular file (a FIFO, a device, a symlink loop) is kept,
    for the reading to refuse it by name.
    """
    files: list[Path] = []
    problems: list[str] = []

    def unlisted(error: OSError) -> None:
        problems.append(f"{name(error.filename)}: cannot list this folder: {error.strerror or error}")

    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = []
            for folder, folders, names in os.walk(path, onerror=unlisted):
                folders[:] = [f for f in folders if not f.startswith(".")]
                found += [Path(folder, n) for n in names if n.endswith(".json") and not n.startswith(".")]
            files.extend(sorted(found))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"{name(given)}: no such file or directory")
    if not files and not problems:
        raise UsageError(f"no *.json files in {', '.join(map(name, paths))}")
    return files, problems


def _read(path: Path) -> bytes:
    try:
        return read_regular(path)
    except OSError as error:
        raise UsageError(f"{name(path)}: {error.strerror or error}") from error


def _load(path: Path) -> Loaded:
    return load_bytes(_read(path), str(path))


def _complain(problems: Sequence[str]) -> None:
    for problem in problems:
        say(f"quiz: error: {problem}", file=sys.stderr)


def _tree_argument(given: str) -> Path:
    path = bundled.find(given)
    if path is None:
        known = ", ".join(printable(e.id, one_line=True) for e in bundled.entries()) or "none"
        raise UsageError(f"{name(given)}: no such file, and no bundled tree has that id (bundled: {known})")
    return path


def run_check(args: argparse.Namespace) -> int:
    files, problems = tree_files(args.paths)
    results = []
    for path in files:
        try:
            results.append(_load(path))
        except UsageError as error:
            problems.append(str(error))
    findings = [f for result in results for f in result.findings]
    good = [(r.file, r.tree) for r in results if r.ok and r.tree is not None]
    facts = {file: report.stats(tree) for file, tree in good if args.stats}
    covered = {file: coverage(tree) for file, tree in good if args.coverage}
    if args.output_format == "json":
        out: Any = [report.as_dict(f) for f in findings]
        if args.stats or args.coverage:
            out = {"findings": out}
            if args.stats:
                out["stats"] = {name(file): value for file, value in facts.items()}
            if args.coverage:
                out["coverage"] = {name(file): c.as_dict() for file, c in covered.items()}
        say(json_text(out))
    elif args.output_format == "github":
        if findings:
            say(report.github(findings))
    else:
        if findings:
            say(report.text(findings))
        for result in results if args.stats or args.coverage else ():
            if not result.ok:
                say(f"{name(result.file)}: no stats or coverage until its errors are mended")
                continue
            if args.stats:
                say(report.stats_text(result.file, facts[result.file]))
            if args.coverage:
                say(covered[result.file].text(name(result.file)))
        say(report.summary(findings, len(results)))
    _complain(problems)
    if problems:
        return EXIT_USAGE
    return EXIT_FINDINGS if has_errors(findings, strict=args.strict) else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    found = bundled.entries()
    if not found:
        raise UsageError(f"no bundled trees in {bundled.directory()}")
    width = max(len(e.id) for e in found)
    for entry in found:
        shown = printable(entry.id, one_line=True)
        say(f"{shown:<{width}}  {printable(entry.title, one_line=True)}  ({name(entry.path)})")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    say(schema_text(), end="")
    return EXIT_OK


def run_play(args: argparse.Namespace, *, preview: bool = False) -> int:
    target = None if args.target is None else _tree_argument(args.target)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the quiz needs a terminal; to check trees without one, run: quiz check PATH")
    from tui import make_app  # only here: every other command runs without loading textual

    app = make_app(target, preview=preview)
    app.run()
    return app.return_code or EXIT_OK


def run_preview(args: argparse.Namespace) -> int:
    if not Path(args.target).is_file():
        raise UsageError(f"{name(args.target)}: no such file")
    return run_play(args, preview=True)


def run_graph(args: argparse.Namespace) -> int:
    loaded = _load(_tree_argument(args.tree))
    stoppers = undrawable(loaded.findings)
    if loaded.tree is None or stoppers:
        say(report.text(stoppers), file=sys.stderr)
        what = "does not fit the format" if loaded.tree is None else "has texts a picture cannot show"
        say(f"{name(loaded.file)}: cannot draw a tree that {what}; mend these findings first", file=sys.stderr)
        return EXIT_FINDINGS
    say(draw(loaded.tree, args.format), end="")
    return EXIT_OK


def _reformat(path: Path, change: Callable[[dict[str, Any]], str | None], args: argparse.Namespace) -> tuple[str, bool]:
    """Apply `change` (document → new text, or None to leave it) to a file; what happened, and if it failed.

    A file that cannot be read, is not JSON quiz can read back exactly, or cannot be
    written (read-only, say) is left as it is, and the message says why.
    """
    try:
        raw = _read(path)
    except UsageError as error:
        return f"quiz: error: {error}", True
    parsed = parse(raw)
    if parsed.data is None or parsed.findings:
        unreadable = [f for f in load_bytes(raw, str(path)).findings if CODES[f.code].stage is Stage.READING]
        return report.text(unreadable) or f"{name(path)}: cannot be read as JSON", True
    text = change(parsed.data)
    if text is None or text.encode() == raw:
        return "", False
    if not args.check:
        try:
            write_atomic(path, text)
        except OSError as error:
            return f"quiz: error: {name(path)}: {error.strerror or error}", True
    return name(path), False


def run_fmt(args: argparse.Namespace) -> int:
    changed, broken = [], 0
    files, problems = tree_files(args.paths)
    _complain(problems)
    for path in files:
        what, failed = _reformat(path, canonical, args)
        if failed:
            say(what, file=sys.stderr)
            broken += 1
        elif what:
            changed.append(what)
    for shown in changed:
        say(f"{'Would reformat' if args.check else 'Reformatted'}: {shown}")
    left = len(files) - len(changed) - broken
    done = "would be reformatted" if args.check else "reformatted"
    say(f"{len(changed)} file{'s' * (len(changed) != 1)} {done}, {left} left unchanged", end="")
    say(f", {broken} could not be read or written" if broken else "")
    if broken or problems:
        return EXIT_USAGE
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


def run_migrate(args: argparse.Namespace) -> int:
    from quiz.format.convert import unstructure  # the converter writes the trees out

    changed, problems = [], []
    files, unlisted = tree_files(args.paths)
    _complain(unlisted)
    broken = 0
    for path in files:
        try:
            loaded = _load(path)
        except UsageError as error:
            _complain([str(error)])
            broken += 1
            continue
        stoppers = [f for f in loaded.findings if CODES[f.code].stage in (Stage.READING, Stage.FORMAT)]
        if stoppers or loaded.tree is None:
            problems.extend(stoppers)
            continue
        tree = loaded.tree

        def to_current(doc: dict[str, Any], tree: Tree = tree) -> str | None:
            return canonical(unstructure(tree)) if doc.get("format") != CURRENT else None

        what, failed = _reformat(path, to_current, args)
        if failed:
            say(what, file=sys.stderr)
            broken += 1
        elif what:
            changed.append(what)
    if problems:
        say(report.text(problems), file=sys.stderr)
    verb = "Would migrate" if args.check else "Migrated"
    for shown in changed:
        say(f"{verb} to format {CURRENT}: {shown}")
    say(f"{len(changed)} of {len(files)} files {verb.lower()}; format {CURRENT} is current")
    if broken or unlisted:
        return EXIT_USAGE
    if problems:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    if not NEW_ID.fullmatch(args.id):
        raise UsageError(
            f"{quote(args.id)}: an id is letters, digits, '.', '_' and '-', starting with a letter or digit"
        )
    path = Path(args.id + ".json")
    try:
        if path.exists() or path.is_symlink():
            raise UsageError(f"{name(path)} already exists; not overwriting it")
        write_atomic(path, canonical(starter(args.id)), overwrite=False)
    except FileExistsError as error:
        raise UsageError(f"{name(path)} already exists; not overwriting it") from error
    except OSError as error:
        raise UsageError(f"cannot write {name(path)}: {error.strerror or error}") from error
    say(f"Wrote {name(path)}: a small valid tree to start from. Try: quiz preview {name(path)}")
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    loaded = []
    for given in (args.old, args.new):
        if not Path(given).is_file():
            raise UsageError(f"{name(given)}: no such file")
        loaded.append(_load(Path(given)))
    # Failing scenarios do not stop a diff: they are part of what it reports.
    blocking = [f for result in loaded for f in result.findings if CODES[f.code].blocks_walks]
    if blocking:
        say(report.text(blocking), file=sys.stderr)
        say("quiz diff walks both trees; mend these findings first", file=sys.stderr)
        return EXIT_FINDINGS
    old, new = loaded[0].tree, loaded[1].tree
    if old is None or new is None:  # a tree that cannot be read has findings that block walks
        return EXIT_FINDINGS
    result = diff(old, new, max_paths=args.max_paths)
    say(json_text(result.as_dict()) if args.output_format == "json" else result.text())
    return EXIT_OK if result.ok else EXIT_FINDINGS
