"""The benchmark: `quiz check` beside json.load and check-jsonschema, and the UI's response times.

Everything is measured in one run, process to process, as the median of several runs:
wall time and peak memory (max RSS) of each command on the same generated file, and
for the UI the time from launch until the first question is on a real (pseudo-)terminal,
beside a bare Textual app that shows one label. Key presses are timed through the pilot,
in `quiz play` and in a bare app whose one label changes.

    python bench/run.py                       # 10^4, 10^5 and 10^6 nodes
    python bench/run.py --sizes 10000 100000  # fewer sizes
    python bench/run.py --runs 3 --jsonschema-max 100000

Needs the `bench` extra: pip install '.[bench]'.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import itertools
import json
import os
import platform
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("bare-app-ready")

Bare().run()
"""


# Peak memory is read by a small helper process: a child forked from this one would carry
# this process's own high-water mark across exec and report that instead of its own.
TIMER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
print(json.dumps([wall, usage.ru_maxrss / 1024, code, usage.ru_utime, usage.ru_stime]))
"""


# The machine's own cost of memory, beside the commands: a process that writes once to each
# page of as much fresh memory as json.load's peak (about 5.5 times the file). On a virtual
# machine the first touch of a page can cost more the more a process takes, which no
# program's own work explains.
TOUCH = """
import sys
memory = bytearray(int(sys.argv[1]))
memory[::4096] = bytes(len(range(0, len(memory), 4096)))
"""
TOUCHED_PER_BYTE = 5.5


@dataclasses.dataclass
class Measured:
    """Medians over the runs: wall seconds, peak RSS in MiB, CPU seconds in user and in system mode."""

    seconds: float
    megabytes: float
    user: float
    system: float
    code: int


def measure(commands: dict[str, tuple[list[str], int]], runs: int) -> dict[str, Measured]:
    """Each named (command, how many runs): medians over its runs.

    The commands take turns round by round, so that the machine's drift over minutes falls
    on each alike; a command with fewer runs takes part in the first rounds only.
    """
    samples: dict[str, list[tuple[float, ...]]] = {name: [] for name in commands}
    codes = dict.fromkeys(commands, 0)
    for round_ in range(runs):
        for name, (command, wanted) in commands.items():
            if round_ >= wanted:
                continue
            out = subprocess.run([sys.executable, "-c", TIMER, *map(str, command)], capture_output=True, check=True)
            seconds, peak, codes[name], user, system = json.loads(out.stdout)
            samples[name].append((seconds, peak, user, system))
    return {
        name: Measured(*(statistics.median(column) for column in zip(*rows, strict=True)), codes[name])
        for name, rows in samples.items()
    }


def tree_file(nodes: int) -> Path:
    """The generated tree of this size, made once per version of the generator, in its own process."""
    made_by = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:8]
    path = OUT / f"tree-{nodes}-{made_by}.json"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        with path.open("wb") as out:
            subprocess.run([sys.executable, str(HERE / "generate.py"), str(nodes)], stdout=out, check=True)
    return path


def check_rows(sizes: list[int], runs: int, jsonschema_max: int) -> list[dict]:
    """One row per size, all sizes measured in the same rounds.

    Growth with size compares the rows, so the machine's drift over the minutes of a run
    must fall on each size alike, as it does on each command.
    """
    schema = HERE.parent / "schema" / "tree-1.schema.json"  # the generated trees are format 1
    paths = {nodes: tree_file(nodes) for nodes in sizes}
    commands = {}
    for nodes, path in paths.items():
        commands[f"json {nodes}"] = ([sys.executable, "-c", f"import json; json.load(open({str(path)!r}, 'rb'))"], runs)
        commands[f"quiz {nodes}"] = ([str(BIN / "quiz"), "check", str(path)], runs)
        touched = int(path.stat().st_size * TOUCHED_PER_BYTE)
        commands[f"memory {nodes}"] = ([sys.executable, "-c", TOUCH, str(touched)], runs)
        if nodes <= jsonschema_max:
            commands[f"jsonschema {nodes}"] = (
                [BIN / "check-jsonschema", "--schemafile", schema, path],
                max(1, runs // 2),
            )
    measured = measure(commands, runs)
    rows = []
    for nodes, path in paths.items():
        row = {"nodes": nodes, "megabytes": path.stat().st_size / 2**20}
        row |= {
            name: measured[f"{name} {nodes}"]
            for name in ("json", "quiz", "jsonschema", "memory")
            if f"{name} {nodes}" in measured
        }
        assert row["quiz"].code == 0, f"quiz check failed on {path}"
        if "jsonschema" in row:
            assert row["jsonschema"].code == 0, "check-jsonschema rejected a valid tree"
        rows.append(row)
    return rows


def first_screens(commands: list[tuple[list[str], str]], runs: int) -> list[float]:
    """For each (command, marker): median seconds from launch until `marker` is on a pseudo-terminal of 100×30.

    The commands take turns run by run, so that the machine's drift falls on each alike.
    """
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for each, (command, marker) in zip(times, commands, strict=True):
            each.append(_first_screen(command, marker))
    return [statistics.median(each) for each in times]


def _first_screen(command: list[str], marker: str) -> float:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", COLUMNS="100", LINES="30")
        os.execv(command[0], command)
    start, seen = time.perf_counter(), b""
    try:
        while marker.encode() not in seen:
            ready, _, _ = select.select([fd], [], [], 30)
            if not ready:
                raise TimeoutError(f"{marker!r} never appeared for {command}")
            seen += os.read(fd, 65536)
        return time.perf_counter() - start
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)


async def key_press_times(path: Path, presses: int) -> list[float]:
    """Seconds from each key press until the next question has been drawn, in `quiz play`.

    The pilot sends the key at once but then idles in 20 ms steps until the app is quiet,
    so the end is taken inside the app: after the screen's next refresh, once the new
    node is shown. Each move also keeps the reader's place on disk, as it does for a reader.
    """
    from tui import make_app
    from tui.quiz_screen import QuizScreen

    with tempfile.TemporaryDirectory() as data:
        app = make_app(path, data_dir=Path(data), save_dir=Path(data))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("enter")  # past the welcome page
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuizScreen), "the welcome page did not lead to the quiz"
            shown = screen.show
            drawn: list[float] = []
            times = []

            async def show_and_mark(session):
                await shown(session)
                screen.call_after_refresh(lambda: drawn.append(time.perf_counter()))

            screen.show = show_and_mark
            await pilot.press(_to_a_question(screen.session))
            drawn.clear()
            for i in range(presses):  # forward to a question and back again, from the second question on
                key = _to_a_question(screen.session) if i % 2 == 0 else "backspace"
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                assert drawn and screen.session.node.kind == "question", "the key press did not reach a question"
                times.append(drawn.pop() - start)
    return times


async def bare_key_press_times(presses: int) -> list[float]:
    """The same measure on a bare Textual app whose one label changes at each key: what any app pays."""
    from textual.app import App
    from textual.widgets import Label

    drawn: list[float] = []

    class Bare(App):
        def compose(self):
            yield Label("0")

        def on_key(self) -> None:
            label = self.query_one(Label)
            label.update(str(int(str(label.content)) + 1))
            self.call_after_refresh(lambda: drawn.append(time.perf_counter()))

    times = []
    async with Bare().run_test(size=(100, 30)) as pilot:
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            times.append(drawn.pop() - start)
    return times


def _to_a_question(session) -> str:
    """The number key of a choice that leads straight to another question."""
    nodes = session.tree.nodes
    for number, choice in enumerate(session.node.choices[:9], 1):
        if nodes[choice.next].kind == "question":
            return str(number)
    raise ValueError(f"no choice of {session.current!r} leads to a question")


def ui_rows(runs: int, sizes: list[int]) -> list[dict]:
    bare = OUT / "bare_app.py"
    bare.write_text(BARE_APP)
    bare_presses = asyncio.run(bare_key_press_times(40))
    rows = []
    for name, path in [("bundled get-him-back", HERE.parent / "trees" / "get-him-back.json")] + [
        (f"generated, {n} nodes", tree_file(n)) for n in sizes
    ]:
        tree = json.loads(path.read_text(encoding="utf-8"))
        first = tree["nodes"][tree["start"]]["text"].split()[-1]
        commands = [([sys.executable, str(bare)], "bare-app-ready"), ([str(BIN / "quiz"), "preview", str(path)], first)]
        bare_s, quiz_s = first_screens(commands, runs)
        presses = asyncio.run(key_press_times(path, 40))
        rows.append(
            {
                "tree": name,
                "bare_s": bare_s,
                "quiz_s": quiz_s,
                "press_median_ms": statistics.median(presses) * 1000,
                "press_p90_ms": sorted(presses)[int(len(presses) * 0.9)] * 1000,
                "bare_press_ms": statistics.median(bare_presses) * 1000,
            }
        )
    return rows


def report(checks: list[dict], ui: list[dict]) -> str:
    from importlib.metadata import version

    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.processor() or platform.platform()}; "
        f"Python {platform.python_version()}; quiz {version('quiztree')}, textual {version('textual')}, "
        f"cattrs {version('cattrs')}, attrs {version('attrs')}, msgspec {version('msgspec')}, "
        f"check-jsonschema {version('check-jsonschema')}.",
        "",
        "| nodes | file | json.load | quiz check | ratio | check-jsonschema | quiz faster by | "
        "json.load RSS | quiz RSS | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in checks:
        plain, quiz, js = r["json"], r["quiz"], r.get("jsonschema")
        lines.append(
            f"| {r['nodes']:,} | {r['megabytes']:.0f} MB | {plain.seconds:.2f} s | {quiz.seconds:.2f} s | "
            f"{quiz.seconds / plain.seconds:.2f}× | {f'{js.seconds:.2f} s' if js else 'not run'} | "
            f"{f'{js.seconds / quiz.seconds:.0f}×' if js else '–'} | {plain.megabytes:.0f} MB | "
            f"{quiz.megabytes:.0f} MB | {quiz.megabytes / plain.megabytes:.2f}× |"
        )
    lines.append("")
    for small, big in itertools.pairwise(checks):

        def grew(name: str, field: str, small: dict = small, big: dict = big) -> str:
            """How many times over `field` grew per 10× the nodes."""
            ratio = getattr(big[name], field) / getattr(small[name], field)
            return f"{ratio * 10 / (big['nodes'] / small['nodes']):.1f}×"

        lines.append(
            f"{small['nodes']:,} → {big['nodes']:,} nodes, per 10× the nodes: quiz check's time grew "
            f"{grew('quiz', 'seconds')} (CPU in user mode {grew('quiz', 'user')}, in the kernel "
            f"{grew('quiz', 'system')}); json.load's {grew('json', 'seconds')} (user {grew('json', 'user')}, "
            f"kernel {grew('json', 'system')}); touching as much fresh memory as json.load's peak, "
            f"{grew('memory', 'seconds')} ({small['memory'].seconds:.2f} s → {big['memory'].seconds:.2f} s)."
        )
    lines += [
        "",
        "| tree | bare Textual app, first screen | quiz, first question | ratio | key press → next question "
        "(median, p90) | bare app, key press → label changed (median) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in ui:
        lines.append(
            f"| {r['tree']} | {r['bare_s'] * 1000:.0f} ms | {r['quiz_s'] * 1000:.0f} ms | "
            f"{r['quiz_s'] / r['bare_s']:.2f}× | {r['press_median_ms']:.1f} ms, {r['press_p90_ms']:.1f} ms | "
            f"{r['bare_press_ms']:.1f} ms |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is kept")
    parser.add_argument("--jsonschema-max", type=int, default=100_000, help="largest size to run check-jsonschema on")
    parser.add_argument("--ui-sizes", type=int, nargs="*", default=[10_000], help="generated trees for the UI")
    args = parser.parse_args()
    if shutil.which("check-jsonschema", path=str(BIN)) is None:
        sys.exit("check-jsonschema is missing: pip install '.[bench]'")
    checks = check_rows(args.sizes, args.runs, args.jsonschema_max)
    ui = ui_rows(args.runs, args.ui_sizes)
    text = report(checks, ui)
    (OUT / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
