"""What each `quiz` command does, once its arguments are parsed. Each returns an exit code."""

from __future__ import annotations

import argparse
import gc
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from quiz import bundled, migrate, report
from quiz.check import printable
from quiz.coverage import coverage
from quiz.diff import diff
from quiz.draw import draw
from quiz.files import write_atomic
from quiz.findings import has_errors
from quiz.layout import canonical
from quiz.load import Loaded, load_bytes, load_path
from quiz.parse import parse
from quiz.schema import SCHEMA_URL, schema_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something the user asked for cannot be done; exit 2 with this message."""


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
    # A tree makes hundreds of thousands of objects and no reference cycles; the cyclic
    # collector would only walk them again and again. The process ends when the check does.
    gc.disable()
    results = [_load(path) for path in tree_files(args.paths)]
    findings = [f for result in results for f in result.findings]
    facts = {r.file: report.stats(r.tree) for r in results if args.stats and r.ok}
    covered = {r.file: coverage(r.tree) for r in results if args.coverage and r.ok}
    if args.output_format == "json":
        out: object = json.loads(report.as_json(findings))
        if args.stats or args.coverage:
            out = {"findings": out}
            if args.stats:
                out["stats"] = facts
            if args.coverage:
                out["coverage"] = {file: c.as_dict() for file, c in covered.items()}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif args.output_format == "github":
        if findings:
            print(report.github(findings))
    else:
        if findings:
            print(report.text(findings))
        for result in results if args.stats or args.coverage else ():
            if not result.ok:
                print(f"{result.file}: no stats or coverage until its errors are mended")
                continue
            if args.stats:
                print(report.stats_text(result.file, facts[result.file]))
            if args.coverage:
                print(covered[result.file].text(result.file))
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
    # Importing the UI and drawing its first screen make a few hundred thousand objects that
    # live as long as the app; the cyclic collector would walk them again and again, the
    # last time just before the first frame. The app resumes it, with those set aside, once
    # that frame is drawn (QuizApp.on_ready).
    gc.disable()
    # Textual writes frames from a thread of its own: a finished frame should not wait out
    # the 5 ms the main thread may otherwise keep the interpreter for its next work.
    sys.setswitchinterval(0.0005)
    from tui import make_app

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
    print(draw(loaded.tree, args.format), end="")
    return EXIT_OK


def _reformat(path: Path, change: Callable[[dict], str | None], args: argparse.Namespace) -> tuple[str, bool]:
    """Apply `change` (document → new text, or None to leave it) to a file; what happened, and if it failed."""
    raw = _read(path)
    parsed = parse(raw)
    if parsed.data is None or parsed.findings:
        unreadable = [f for f in load_bytes(raw, str(path)).findings if f.code.startswith("Q1")]
        return report.text(unreadable), True
    text = change(parsed.data)
    if text is None or text.encode() == raw:
        return "", False
    if not args.check:
        write_atomic(path, text)
    return str(path), False


def run_fmt(args: argparse.Namespace) -> int:
    changed, broken, files = [], 0, tree_files(args.paths)
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
    print(f"{len(changed)} file{'s' * (len(changed) != 1)} {done}, {left} left unchanged", end="")
    print(f", {broken} could not be read as JSON" if broken else "")
    if broken:
        return EXIT_USAGE
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


def run_migrate(args: argparse.Namespace) -> int:
    def to_current(doc: dict) -> str | None:
        version, finding = migrate.format_of(doc)
        if finding is not None or version >= migrate.CURRENT:
            return None
        moved, _ = migrate.migrate(doc)
        return canonical(moved)

    changed, problems, files = [], [], tree_files(args.paths)
    for path in files:
        loaded = _load(path)
        stopper = [f for f in loaded.findings if f.code.startswith(("Q1", "Q20"))]
        if stopper:
            problems.extend(stopper)
            continue
        what, _ = _reformat(path, to_current, args)
        if what:
            changed.append(what)
    if problems:
        print(report.text(problems), file=sys.stderr)
    verb = "Would migrate" if args.check else "Migrated"
    for name in changed:
        print(f"{verb} to format {migrate.CURRENT}: {name}")
    print(f"{len(changed)} of {len(files)} files {verb.lower()}; format {migrate.CURRENT} is current")
    if problems:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if args.check and changed else EXIT_OK


NEW_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def run_new(args: argparse.Namespace) -> int:
    if not NEW_ID.fullmatch(args.id):
        raise UsageError(f"{args.id!r}: an id is letters, digits, '.', '_' and '-', starting with a letter or digit")
    path = Path(args.id + ".json")
    if path.exists():
        raise UsageError(f"{path} already exists; not overwriting it")
    write_atomic(path, canonical(_starter(args.id)))
    print(f"Wrote {path}: a small valid tree to start from. Try: quiz preview {path}")
    return EXIT_OK


def _starter(tree_id: str) -> dict:
    title = tree_id.replace("-", " ").replace("_", " ").capitalize()
    return {
        "$schema": SCHEMA_URL,
        "format": migrate.CURRENT,
        "id": tree_id,
        "version": "0.1.0",
        "title": f"{title}?",
        "description": "What this quiz helps with, in a sentence or two. **Markdown** works here.",
        "language": "en",
        "start": "first-question",
        "nodes": {
            "first-question": {
                "kind": "question",
                "text": "The first question?",
                "help": "Optional help under the question.",
                "choices": [{"label": "Yes", "next": "a-page"}, {"label": "No", "next": "outcome-no"}],
            },
            "a-page": {
                "kind": "info",
                "title": "A page",
                "text": "A page of advice with one way on.",
                "next": "outcome-yes",
            },
            "outcome-yes": {"kind": "outcome", "title": "Advice for yes", "text": "- a first step\n- a second step"},
            "outcome-no": {"kind": "outcome", "title": "Advice for no", "text": "- a first step\n- a second step"},
        },
        "scenarios": [
            {"name": "says yes", "answers": ["Yes"], "outcome": "outcome-yes"},
            {"name": "says no", "answers": ["No"], "outcome": "outcome-no"},
        ],
    }


# Findings that leave some walk without an end; other findings (an orphan, a failing
# scenario) do not stop a diff, and failing scenarios are part of what it reports.
UNWALKABLE = {"Q301", "Q302", "Q304", "Q305"}


def run_diff(args: argparse.Namespace) -> int:
    loaded = []
    for name in (args.old, args.new):
        if not Path(name).is_file():
            raise UsageError(f"{name}: no such file")
        loaded.append(_load(Path(name)))
    blocking = [f for result in loaded for f in result.findings if f.code in UNWALKABLE or f.code < "Q3"]
    if blocking:
        print(report.text(blocking), file=sys.stderr)
        print("quiz diff walks both trees; mend these findings first", file=sys.stderr)
        return EXIT_FINDINGS
    old, new = loaded[0].tree, loaded[1].tree
    result = diff(old, new, max_paths=args.max_paths)
    print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False) if args.output_format == "json" else result.text())
    return EXIT_OK if result.ok else EXIT_FINDINGS
