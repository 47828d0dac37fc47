"""Which proof of walks to run, measured: the quick proof beside the exact one on the same trees.

In one process, on the trees bench/facts.py checks: the quick bitmask proof
(quiz.check.abstract), and the exact proof over every reachable state (quiz.check.symbolic,
BDDs through dd and CUDD), each timed alone with the tree already read and compiled.

    python bench/proofs.py          # prints a table; writes bench/out/proofs.md
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections.abc import Callable
from pathlib import Path

from facts import tree_file
from run import OUT

from quiz import load_path
from quiz.check.abstract import Unsure, settle
from quiz.check.symbolic import OverBudget, Space, explore
from quiz.check.walks import BUDGET, _graph
from quiz.format.walk import Program


def timed(run: Callable[[], str], limit: float) -> tuple[float, str]:
    """The time a proof takes and what it found, in a child process stopped at `limit` seconds
    (CUDD's operations cannot be interrupted from Python)."""
    receive, send = multiprocessing.Pipe(duplex=False)

    def child() -> None:
        start = time.perf_counter()
        try:
            verdict = run()
        except Unsure:
            verdict = "unsure: the exact proof decides"
        except OverBudget:
            verdict = "past its budget (of steps, or of nodes in its diagrams)"
        send.send((time.perf_counter() - start, verdict))

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    if receive.poll(limit):
        result: tuple[float, str] = receive.recv()
        process.join()
        return result
    process.kill()
    process.join()
    return limit, f"not settled within {limit:.0f} s"


def row(name: str, path: Path, limit: float) -> str:
    loaded = load_path(path)
    assert loaded.tree is not None
    program = Program.of(loaded.tree)
    reachable, order = _graph(program)

    def quick() -> str:
        settled = settle(program, reachable, order)
        return f"settled ({settled.unsettled:,} warnings left open)" if settled.unsettled else "settled"

    def exact() -> str:
        explore(Space(program, BUDGET), reachable, order)
        return "settled"

    (quick_s, quick_v), (exact_s, exact_v) = timed(quick, limit), timed(exact, limit)
    return f"| {name} | {len(program.steps):,} | {quick_s:.2f} s: {quick_v} | {exact_s:.2f} s: {exact_v} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--correlated", type=int, nargs="+", default=[100, 1_000])
    parser.add_argument("--limit", type=float, default=120, help="seconds, at most, for each proof")
    args = parser.parse_args()
    lines = ["| tree | nodes | quick proof | exact proof |", "|---|---:|---|---|"]
    print(*lines, sep="\n", flush=True)
    trees = [(f"correlated {n}", tree_file(n, correlated=True)) for n in args.correlated]
    for name, path in [*trees, *((f"facts {n}", tree_file(n)) for n in args.sizes)]:
        lines.append(row(name, path, args.limit))
        print(lines[-1], flush=True)  # the exact proof of a large tree takes minutes: each row as it comes
    OUT.mkdir(exist_ok=True)
    (OUT / "proofs.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
