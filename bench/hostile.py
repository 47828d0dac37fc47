"""Hostile inputs, timed: each case of issue 18 run by this quiz and, side by side in the same run, by another.

Every case is a real process given a real file (or a FIFO, or /dev/zero): its wall time,
its peak memory (max RSS, read by a small helper process, so this one's is not counted),
its peak memory against the file's size, its exit code and how much it wrote. The other
quiz is an older install to compare with, given by --before; its runs are bounded (a time
limit and an address-space limit), since some of these inputs made it hang or grow without end.

    python bench/hostile.py                                   # this quiz alone
    python bench/hostile.py --before /path/to/old/venv/bin/quiz
    python bench/hostile.py --runs 3 --only diff

It writes the table to bench/out/hostile.md and prints it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
QUIZ = Path(sys.executable).parent / "quiz"
ESC = "\x1b"

# Runs the command under limits and reports [wall, peak MiB, exit code, bytes written], or the limit it hit.
TIMER = """
import json, os, resource, subprocess, sys, time
seconds, memory = float(sys.argv[1]), int(sys.argv[2])
def limits():
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
start = time.perf_counter()
child = subprocess.Popen(sys.argv[3:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=limits)
try:
    out, _ = child.communicate(timeout=seconds)
    code = child.returncode
except subprocess.TimeoutExpired:
    child.kill()
    out, _ = child.communicate()
    code = "timeout"
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if code != "timeout" and code < 0:
    code = f"signal {-code}"
elif code == 1 and b"MemoryError" in out:
    code = "out of memory"
print(json.dumps([wall, peak, code, len(out)]))
"""


def tree(nodes: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": 1, "id": "t", "version": "1.0.0", "title": "T", "start": next(iter(nodes)), "nodes": nodes} | top


def question(*nexts: str, labels: tuple[str, ...] = ()) -> dict[str, Any]:
    labels = labels or tuple(f"c{i}" for i in range(len(nexts)))
    return {
        "kind": "question",
        "text": "Q?",
        "choices": [{"label": a, "next": n} for a, n in zip(labels, nexts, strict=True)],
    }


def outcome() -> dict[str, Any]:
    return {"kind": "outcome", "title": "Done", "text": "All done."}


def write(folder: Path, name: str, doc: Any) -> Path:
    path = folder / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    return path


def long_dangling(length: int, count: int) -> Callable[[Path], tuple[list[str], Path | None]]:
    def make(folder: Path) -> tuple[list[str], Path | None]:
        nodes = {"q": question(*(f"{i}" + "x" * length for i in range(count)))}
        nodes |= {f"{i}" + "y" * length: outcome() for i in range(count)}
        path = write(folder, f"dangling-{length}.json", tree(nodes))
        return ["check", str(path)], path

    return make


def many_dangling(folder: Path) -> tuple[list[str], Path | None]:
    """100,000 nodes, 5,000 of whose links are typos of another node's id."""
    nodes: dict[str, Any] = {}
    n = 100_000
    for i in range(n - 1):
        target = f"node-{i + 1:06d}" + ("x" if i % 20 == 0 else "")
        nodes[f"node-{i:06d}"] = {"kind": "info", "text": "A page.", "next": target}
    nodes[f"node-{n - 1:06d}"] = outcome()
    path = write(folder, "many-dangling.json", tree(nodes))
    return ["check", str(path)], path


def fifo(folder: Path) -> tuple[list[str], Path | None]:
    os.mkfifo(folder / "pipe.json")
    return ["check", str(folder / "pipe.json")], None


def long_label(tail: str, body: str) -> Callable[[Path], tuple[list[str], Path | None]]:
    def make(folder: Path) -> tuple[list[str], Path | None]:
        label = body * (30_000_000 // len(body)) + tail
        doc = tree({"q": question("a", "b", labels=(label, "No")), "a": outcome(), "b": outcome()})
        path = folder / f"label-{len(body)}.json"
        path.write_text(json.dumps(doc).replace("\\\\", "\\"))  # body "\\n" stays an escape in the file
        return ["check", str(path)], path

    return make


def repeated_keys(folder: Path) -> tuple[list[str], Path | None]:
    path = write(folder, "repeats.json", '{"format": 1, "x": {' + ", ".join(['"k": 0'] * 1_000_000) + "}}")
    return ["check", str(path)], path


def huge_integer(folder: Path) -> tuple[list[str], Path | None]:
    path = write(folder, "huge.json", '{"format": 1' + "0" * 4000 + ', "id": "t"}')
    return ["check", str(path)], path


def chain(n: int, *extra: str) -> Callable[[Path], tuple[list[str], Path | None]]:
    """Two versions of a chain of n questions whose two answers both lead on: 2^n answer sequences."""

    def make(folder: Path) -> tuple[list[str], Path | None]:
        def doc(last: str, version: str) -> dict[str, Any]:
            nodes = {f"q{i}": question(f"q{i + 1}", f"q{i + 1}", labels=("Yes", "No")) for i in range(n)}
            nodes[f"q{n}"] = question("end", last, labels=("Yes", "No"))
            return tree(nodes | {"end": outcome(), "other": outcome()}, version=version)

        old = write(folder, f"old-{n}.json", doc("end", "1.0.0"))
        new = write(folder, f"new-{n}.json", doc("other", "2.0.0"))
        return ["diff", *extra, str(old), str(new)], new

    return make


def good_tree(folder: Path) -> tuple[list[str], Path | None]:
    path = folder / "good-100000.json"
    with path.open("wb") as out:
        subprocess.run([sys.executable, str(HERE / "generate.py"), "100000"], stdout=out, check=True)
    return ["check", str(path)], path


CASES: dict[str, tuple[str, Callable[[Path], tuple[list[str], Path | None]]]] = {
    "hint-3000": ("20 dangling `next`s of 3,000 characters (122 KB)", long_dangling(3000, 20)),
    "hint-8000": ("20 dangling `next`s of 8,000 characters", long_dangling(8000, 20)),
    "hint-many": ("100,000 nodes, 5,000 links a typo of a node's id", many_dangling),
    "dev-zero": ("`quiz check /dev/zero`", lambda folder: (["check", "/dev/zero"], None)),
    "fifo": ("a FIFO named t.json", fifo),
    "label-esc": ("a 30 MB label ending in ESC", long_label(ESC, "a")),
    "label-escapes": ("a 30 MB label of `\\n` escapes ending in ESC", long_label(ESC, "\\n")),
    "repeated-keys": ("one key repeated a million times", repeated_keys),
    "huge-integer": ("`format` of 4,001 digits", huge_integer),
    "diff-500": ("diff, a 500-question chain (2^501 sequences)", chain(500)),
    "diff-2000": ("diff, a 2,000-question chain", chain(2000)),
    "diff-5000": ("diff, a 5,000-question chain", chain(5000)),
    "diff-all": ("diff --max-paths -1, a 5,000-question chain", chain(5000, "--max-paths", "-1")),
    "good-100000": ("a good 100,000-node tree (the fast road)", good_tree),
}


def measure(command: list[str], seconds: float, memory: int) -> list[Any]:
    done = subprocess.run(
        [sys.executable, "-c", TIMER, str(seconds), str(memory), *command], capture_output=True, check=True
    )
    return list(json.loads(done.stdout))


def cell(result: list[Any] | None, size: int | None) -> str:
    if result is None:
        return "–"
    wall, peak, code, written = result
    ratio = f", {peak * 2**20 / size:.1f}× the file" if size and size >= 2**20 else ""
    shown = (
        f"{written / 2**20:.1f} MB"
        if written >= 2**20
        else f"{written / 1024:.0f} KB"
        if written >= 1024
        else f"{written} B"
    )
    return f"{wall:.2f} s, {peak:.0f} MB{ratio}; exit {code}; wrote {shown}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", help="another quiz to run each case with, side by side")
    parser.add_argument("--runs", type=int, default=3, help="runs of each case by each quiz; the median is kept")
    parser.add_argument("--seconds", type=float, default=60, help="time limit of one run of the other quiz")
    parser.add_argument("--memory", type=int, default=4, help="address-space limit of one run, in GB")
    parser.add_argument("--only", nargs="*", default=None, help="cases whose names start so")
    args = parser.parse_args()
    quizzes = {"this quiz": str(QUIZ)} | ({"before": args.before} if args.before else {})
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, (what, make) in CASES.items():
            if args.only and not any(name.startswith(prefix) for prefix in args.only):
                continue
            folder = Path(scratch, name)
            folder.mkdir()
            command, path = make(folder)
            size = path.stat().st_size if path is not None else None
            results: dict[str, list[list[Any]]] = {q: [] for q in quizzes}
            for _ in range(args.runs):  # the two take turns, so that the machine's drift falls on both alike
                for label, binary in quizzes.items():
                    limit = args.seconds if label == "before" else 600
                    if results[label] and results[label][-1][2] in ("timeout", "out of memory"):
                        continue  # once is enough to know it does not end
                    results[label].append(measure([binary, *command], limit, args.memory * 2**30))
            medians = {
                label: [
                    statistics.median(r[0] for r in runs),
                    statistics.median(r[1] for r in runs),
                    runs[-1][2],
                    runs[-1][3],
                ]
                for label, runs in results.items()
            }
            rows.append((what, size, medians))
            print(f"{name}: {medians}", file=sys.stderr)
            shutil.rmtree(folder)
    lines = ["| case | file | " + " | ".join(quizzes) + " |", "|---|---:|" + "---|" * len(quizzes)]
    for what, size, medians in rows:
        shown = f"{size / 2**20:.1f} MB" if size and size >= 2**20 else f"{size / 1024:.0f} KB" if size else "–"
        lines.append(f"| {what} | {shown} | " + " | ".join(cell(medians.get(q), size) for q in quizzes) + " |")
    table = "\n".join(lines) + "\n"
    OUT.mkdir(exist_ok=True)
    (OUT / "hostile.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
