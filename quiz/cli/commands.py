"""What each `quiz` command does, once its arguments are parsed. Each returns an exit code.

All output goes through `say` (text) or report.as_json (JSON), so that the printable rule
holds for whatever a file or its name held. A file that cannot be read (a FIFO, a device, a
symlink loop, one without read permission) is a could-not-run: it is named on stderr, the
other files are still done, and the command exits 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from quiz.author.canonical import canonical
from quiz.author.coverage import coverage
from quiz.author.diff import diff
from quiz.author.pictures import draw, render, undrawable
from quiz.author.starter import NEW_ID, starter
from quiz.cli import report, sarif
from quiz.cli.colour import palette
from quiz.cli.paths import tree_files
from quiz.cli.regions import Sources
from quiz.cli.settings import Settings, find_settings
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
STDIN = "-"


def say(text: str = "", *, file: TextIO | None = None, end: str = "\n") -> None:
    """Print text through the printable rule: nothing but line breaks and tabs reaches the terminal as control."""
    print(printable(text), file=sys.stdout if file is None else file, end=end)


def name(path: Path | str) -> str:
    """A file name as messages show it: printable, on one line."""
    return printable(str(path), one_line=True)


def _complain(problems: list[str]) -> None:
    for problem in problems:
        say(f"quiz: error: {problem}", file=sys.stderr)


def _project() -> Settings:
    return find_settings(Path.cwd())


def _files(args: argparse.Namespace, settings: Settings) -> list[Path]:
    """The files a command reads: its paths, else `paths` in [tool.quiz], else the current directory."""
    names = [n for n in args.paths if n != STDIN]
    if not args.paths:
        names = [os.path.relpath(settings.root / p) for p in settings.paths] or ["."]
    if not names:
        return []
    return tree_files(
        names,
        root=settings.root,
        exclude=[*settings.exclude, *args.exclude],
        force_exclude=args.force_exclude,
    )


def _stdin(args: argparse.Namespace) -> tuple[str, bytes] | None:
    """The tree read from standard input when `-` is among the paths, under --stdin-filename's name."""
    if STDIN not in args.paths:
        if args.stdin_filename is not None:
            raise UsageError("--stdin-filename names the tree read from `-`, but `-` is not among the paths")
        return None
    if args.paths.count(STDIN) > 1:
        raise UsageError("`-` (standard input) can be given only once")
    return args.stdin_filename or STDIN, sys.stdin.buffer.read()


def _read(path: Path) -> bytes:
    """A tree file's bytes; only a regular file is read (a FIFO would block, /dev/zero never ends)."""
    try:
        return read_regular(path)
    except OSError as error:
        raise UsageError(f"{name(path)}: {error.strerror or error}") from error


def _load(path: Path) -> Loaded:
    return load_bytes(_read(path), str(path))


def _tree_argument(given: str) -> Path:
    path = bundled.find(given)
    if path is None:
        known = ", ".join(printable(e.id, one_line=True) for e in bundled.entries()) or "none"
        raise UsageError(f"{name(given)}: no such file, and no bundled tree has that id (bundled: {known})")
    return path


def run_check(args: argparse.Namespace) -> int:
    settings = _project()
    output = args.output_format or settings.output_format
    strict = settings.strict if args.strict is None else args.strict
    stdin = _stdin(args)
    results, problems = [], []
    for path in _files(args, settings):
        try:
            results.append(_load(path))
        except UsageError as error:  # named below; the other files are still checked
            problems.append(str(error))
    given: dict[str, str] = {}
    if stdin is not None:
        label, raw = stdin
        results.append(load_bytes(raw, label))
        given[label] = raw.decode("utf-8", errors="replace")
    findings = [f for result in results for f in result.findings]
    sources = Sources(given)
    facts = {r.file: report.stats(r.tree) for r in results if args.stats and r.ok and r.tree is not None}
    covered = {r.file: coverage(r.tree) for r in results if args.coverage and r.ok and r.tree is not None}
    if output == "json":
        document = report.document(
            findings,
            sources,
            stats=facts if args.stats else None,
            coverage={file: c.as_dict() for file, c in covered.items()} if args.coverage else None,
        )
        say(report.as_json(document))
    elif output == "sarif":
        from quiz import __version__

        say(report.as_json(sarif.log(findings, sources, version=__version__)))
    elif output == "github":
        if findings:
            say(report.github(findings, sources))
    else:
        paint = palette(sys.stdout, os.environ)
        if findings:  # printed as it is: report.text made its parts printable, and its colours are its own
            print(report.text(findings, paint))
        for result in results if args.stats or args.coverage else ():
            if not result.ok:
                say(f"{name(result.file)}: no stats or coverage until its errors are mended")
                continue
            if args.stats:
                say(report.stats_text(result.file, facts[result.file]))
            if args.coverage:
                say(covered[result.file].text(name(result.file)))
        if not args.quiet:
            say(report.summary(findings, len(results)))
    _complain(problems)
    if problems:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if has_errors(findings, strict=strict) else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    found = bundled.entries()
    if not found:
        raise UsageError(f"no bundled trees in {name(bundled.directory())}")
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
        # Without a terminal there is no quiz to show, but a broken tree is still told as `quiz check` tells it.
        loaded = None if target is None or preview else _load(target)
        if loaded is not None and not loaded.ok:
            print(report.text(loaded.findings), file=sys.stderr)
            return EXIT_FINDINGS
        raise UsageError("the quiz needs a terminal; to check trees without one, run: quiz check PATH")
    try:
        from tui import make_app  # only here: every other command runs without loading textual
    except ImportError as error:
        # PyPI has an unrelated, older package named `tui`; installed after quiz, it takes the name.
        raise UsageError(
            f"the package `tui` found here is not quiz's terminal UI ({error}); an unrelated PyPI package "
            "shares the name: pip uninstall tui, then pip install --force-reinstall quiztree"
        ) from error

    app = make_app(target, preview=preview)
    app.run()
    return app.return_code or EXIT_OK  # 1 when the tree's findings were shown, 2 when it could not be read


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
    if args.format in ("svg", "png"):
        if args.format == "png" and sys.stdout.isatty():
            raise UsageError("a PNG is binary: send it to a file, as in quiz graph TREE --format png > tree.png")
        picture = render(loaded.tree, args.format)
        sys.stdout.flush()
        sys.stdout.buffer.write(picture)
        return EXIT_OK
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
            write_atomic(path, text, authored=True)
        except OSError as error:
            return f"quiz: error: {name(path)}: {error.strerror or error}", True
    return name(path), False


def _fmt_stdin(given: str, raw: bytes, check: bool) -> int:
    """`quiz fmt -`: the canonical layout of standard input on standard output, as editors want it."""
    parsed = parse(raw)
    if parsed.data is None or parsed.findings:
        unreadable = [f for f in load_bytes(raw, given).findings if CODES[f.code].stage is Stage.READING]
        say(report.text(unreadable), file=sys.stderr)
        return EXIT_USAGE
    text = canonical(parsed.data)
    if check:
        if text.encode() != raw:
            say(f"Would reformat: {name(given)}")
            return EXIT_FINDINGS
        return EXIT_OK
    sys.stdout.write(text)
    return EXIT_OK


def run_fmt(args: argparse.Namespace) -> int:
    stdin = _stdin(args)
    if stdin is not None:
        if len(args.paths) > 1:
            raise UsageError("`quiz fmt -` formats standard input alone; name no other paths")
        return _fmt_stdin(*stdin, args.check)
    changed, broken, files = [], 0, _files(args, _project())
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
    if not args.quiet:
        say(f"{len(changed)} file{'s' * (len(changed) != 1)} {done}, {left} left unchanged", end="")
        say(f", {broken} could not be read or written" if broken else "")
    if broken:
        return EXIT_USAGE
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


def run_migrate(args: argparse.Namespace) -> int:
    from quiz.format.convert import unstructure  # the converter writes the trees out

    if STDIN in args.paths:
        raise UsageError("quiz migrate rewrites files; it does not read standard input")

    changed, problems, files = [], [], _files(args, _project())
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
    if not args.quiet:
        say(f"{len(changed)} of {len(files)} files {verb.lower()}; format {CURRENT} is current")
    if broken:
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
        write_atomic(path, canonical(starter(args.id)), authored=True, overwrite=False)
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


def run_completion(args: argparse.Namespace) -> int:
    from quiz.cli.completion import script

    print(script(args.shell), end="")
    return EXIT_OK
