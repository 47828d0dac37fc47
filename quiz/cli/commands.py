"""What each `quiz` command does, once its arguments are parsed. Each returns an exit code."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quiz.author.canonical import canonical
from quiz.author.coverage import coverage
from quiz.author.diff import diff
from quiz.author.pictures import draw, render
from quiz.author.starter import NEW_ID, starter
from quiz.cli import report, sarif
from quiz.cli.colour import palette
from quiz.cli.paths import tree_files
from quiz.cli.regions import Sources
from quiz.cli.settings import Settings, find_settings
from quiz.errors import UsageError
from quiz.files import write_atomic
from quiz.findings import CODES, Stage, has_errors
from quiz.format.migrate import CURRENT
from quiz.format.model import Tree
from quiz.format.schema import schema_text
from quiz.load.json_reader import parse
from quiz.pipeline import Loaded, load_bytes, load_path
from quiz.play import bundled
from quiz.text import printable

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
STDIN = "-"


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


def _load(path: Path) -> Loaded:
    try:
        return load_path(path)
    except OSError as error:
        raise UsageError(f"{path}: {error.strerror or error}") from error


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UsageError(f"{path}: {error.strerror or error}") from error


def _tree_argument(name: str) -> Path:
    path = bundled.find(name)
    if path is None:
        known = ", ".join(e.id for e in bundled.entries()) or "none"
        raise UsageError(f"{name}: no such file, and no bundled tree has that id (bundled: {known})")
    return path


def run_check(args: argparse.Namespace) -> int:
    settings = _project()
    output = args.output_format or settings.output_format
    strict = settings.strict if args.strict is None else args.strict
    stdin = _stdin(args)
    results = [_load(path) for path in _files(args, settings)]
    given: dict[str, str] = {}
    if stdin is not None:
        name, raw = stdin
        results.append(load_bytes(raw, name))
        given[name] = raw.decode("utf-8", errors="replace")
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
        print(report.as_json(document))
    elif output == "sarif":
        from quiz import __version__

        print(report.as_json(sarif.log(findings, sources, version=__version__)))
    elif output == "github":
        if findings:
            print(report.github(findings, sources))
    else:
        paint = palette(sys.stdout, os.environ)
        if findings:
            print(report.text(findings, paint))
        for result in results if args.stats or args.coverage else ():
            if not result.ok:
                print(f"{result.file}: no stats or coverage until its errors are mended")
                continue
            if args.stats:
                print(report.stats_text(result.file, facts[result.file]))
            if args.coverage:
                print(covered[result.file].text(result.file))
        if not args.quiet:
            print(report.summary(findings, len(results)))
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if has_errors(findings, strict=strict) else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    found = bundled.entries()
    if not found:
        raise UsageError(f"no bundled trees in {bundled.directory()}")
    width = max(len(e.id) for e in found)
    for entry in found:
        print(f"{printable(entry.id, one_line=True):<{width}}  {printable(entry.title, one_line=True)}  ({entry.path})")
    return EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
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
        raise UsageError(f"{args.target}: no such file")
    return run_play(args, preview=True)


def run_graph(args: argparse.Namespace) -> int:
    loaded = _load(_tree_argument(args.tree))
    if loaded.tree is None:
        print(report.text(loaded.findings), file=sys.stderr)
        print(f"{loaded.file}: cannot draw a tree that does not fit the format", file=sys.stderr)
        return EXIT_FINDINGS
    if args.format in ("svg", "png"):
        if args.format == "png" and sys.stdout.isatty():
            raise UsageError("a PNG is binary: send it to a file, as in quiz graph TREE --format png > tree.png")
        picture = render(loaded.tree, args.format)
        sys.stdout.flush()
        sys.stdout.buffer.write(picture)
        return EXIT_OK
    print(draw(loaded.tree, args.format), end="")
    return EXIT_OK


def _reformat(path: Path, change: Callable[[dict], str | None], args: argparse.Namespace) -> tuple[str, bool]:
    """Apply `change` (document → new text, or None to leave it) to a file; what happened, and if it failed."""
    raw = _read(path)
    parsed = parse(raw)
    if parsed.data is None or parsed.findings:
        unreadable = [f for f in load_bytes(raw, str(path)).findings if CODES[f.code].stage is Stage.READING]
        return report.text(unreadable), True
    text = change(parsed.data)
    if text is None or text.encode() == raw:
        return "", False
    if not args.check:
        write_atomic(path, text)
    return str(path), False


def _fmt_stdin(name: str, raw: bytes, check: bool) -> int:
    """`quiz fmt -`: the canonical layout of standard input on standard output, as editors want it."""
    parsed = parse(raw)
    if parsed.data is None or parsed.findings:
        unreadable = [f for f in load_bytes(raw, name).findings if CODES[f.code].stage is Stage.READING]
        print(report.text(unreadable), file=sys.stderr)
        return EXIT_USAGE
    text = canonical(parsed.data)
    if check:
        if text.encode() != raw:
            print(f"Would reformat: {name}")
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
            print(what, file=sys.stderr)
            broken += 1
        elif what:
            changed.append(what)
    for name in changed:
        print(f"{'Would reformat' if args.check else 'Reformatted'}: {name}")
    left = len(files) - len(changed) - broken
    done = "would be reformatted" if args.check else "reformatted"
    if not args.quiet:
        print(f"{len(changed)} file{'s' * (len(changed) != 1)} {done}, {left} left unchanged", end="")
        print(f", {broken} could not be read as JSON" if broken else "")
    if broken:
        return EXIT_USAGE
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


def run_migrate(args: argparse.Namespace) -> int:
    from quiz.format.convert import unstructure  # the converter writes the trees out

    if STDIN in args.paths:
        raise UsageError("quiz migrate rewrites files; it does not read standard input")

    changed, problems, files = [], [], _files(args, _project())
    for path in files:
        loaded = _load(path)
        stoppers = [f for f in loaded.findings if CODES[f.code].stage in (Stage.READING, Stage.FORMAT)]
        if stoppers or loaded.tree is None:
            problems.extend(stoppers)
            continue
        tree = loaded.tree

        def to_current(doc: dict[str, Any], tree: Tree = tree) -> str | None:
            return canonical(unstructure(tree)) if doc.get("format") != CURRENT else None

        what, _ = _reformat(path, to_current, args)
        if what:
            changed.append(what)
    if problems:
        print(report.text(problems), file=sys.stderr)
    verb = "Would migrate" if args.check else "Migrated"
    for name in changed:
        print(f"{verb} to format {CURRENT}: {name}")
    if not args.quiet:
        print(f"{len(changed)} of {len(files)} files {verb.lower()}; format {CURRENT} is current")
    if problems:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


def run_new(args: argparse.Namespace) -> int:
    if not NEW_ID.fullmatch(args.id):
        raise UsageError(f"{args.id!r}: an id is letters, digits, '.', '_' and '-', starting with a letter or digit")
    path = Path(args.id + ".json")
    if path.exists():
        raise UsageError(f"{path} already exists; not overwriting it")
    write_atomic(path, canonical(starter(args.id)))
    print(f"Wrote {path}: a small valid tree to start from. Try: quiz preview {path}")
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    loaded = []
    for name in (args.old, args.new):
        if not Path(name).is_file():
            raise UsageError(f"{name}: no such file")
        loaded.append(_load(Path(name)))
    # Failing scenarios do not stop a diff: they are part of what it reports.
    blocking = [f for result in loaded for f in result.findings if CODES[f.code].blocks_walks]
    if blocking:
        print(report.text(blocking), file=sys.stderr)
        print("quiz diff walks both trees; mend these findings first", file=sys.stderr)
        return EXIT_FINDINGS
    old, new = loaded[0].tree, loaded[1].tree
    result = diff(old, new, max_paths=args.max_paths)
    print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) if args.output_format == "json" else result.text())
    return EXIT_OK if result.ok else EXIT_FINDINGS


def run_completion(args: argparse.Namespace) -> int:
    from quiz.cli.completion import script

    print(script(args.shell), end="")
    return EXIT_OK
