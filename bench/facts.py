"""The benchmark of format 2: `quiz check` on trees with facts, conditions, routes, numbers and loops.

Beside `json.load` of the same file, as bench/run.py measures format 1, all in one run:
generated trees of twenty facts at 10^4 and 10^5 nodes (bench/generate_facts.py), and the
tree whose facts only make sense in pairs, where a proof that looks at one fact at a time
is unsure everywhere and the exact proof decides.

    python bench/facts.py              # writes bench/out/facts.md and prints it
    python bench/facts.py --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

from run import BIN, OUT, Measured, measure

HERE = Path(__file__).resolve().parent


def tree_file(nodes: int, *, correlated: bool = False) -> Path:
    """The generated tree, made once per version of the generators, in its own process."""
    made_by = hashlib.sha256(b"".join((HERE / n).read_bytes() for n in ("generate.py", "generate_facts.py")))
    kind = "correlated" if correlated else "facts"
    path = OUT / f"{kind}-{nodes}-{made_by.hexdigest()[:8]}.json"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        command = [sys.executable, str(HERE / "generate_facts.py"), str(nodes), *(["--correlated"] if correlated else [])]
        with path.open("wb") as out:
            subprocess.run(command, stdout=out, check=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--correlated", type=int, default=1_000, help="nodes of the tree of paired facts")
    args = parser.parse_args()
    files = {f"facts {n}": tree_file(n) for n in args.sizes} | {
        f"correlated {args.correlated}": tree_file(args.correlated, correlated=True)
    }
    commands = {}
    for name, path in files.items():
        commands[f"json {name}"] = ([sys.executable, "-c", f"import json; json.load(open({str(path)!r}, 'rb'))"], args.runs)
        commands[f"quiz {name}"] = ([str(BIN / "quiz"), "check", str(path)], args.runs)
    measured = measure(commands, args.runs)
    lines = [
        f"Medians of {args.runs} runs, the commands taking turns.",
        "",
        "| tree | file | json.load | quiz check | ratio | json.load RSS | quiz RSS | exit |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path in files.items():
        json_load: Measured = measured[f"json {name}"]
        quiz: Measured = measured[f"quiz {name}"]
        lines.append(
            f"| {name} nodes | {path.stat().st_size / 2**20:.0f} MB | {json_load.seconds:.2f} s | {quiz.seconds:.2f} s"
            f" | {quiz.seconds / json_load.seconds:.2f}× | {json_load.megabytes:.0f} MB | {quiz.megabytes:.0f} MB"
            f" | {quiz.code} |"
        )
    small, big = (measured[f"quiz facts {n}"] for n in (args.sizes[0], args.sizes[-1]))
    lines += ["", f"quiz check's time grew {big.seconds / small.seconds:.1f}× from {args.sizes[0]:,} to {args.sizes[-1]:,} nodes."]
    report = "\n".join(lines) + "\n"
    OUT.mkdir(exist_ok=True)
    (OUT / "facts.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
