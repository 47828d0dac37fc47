"""Large format-2 trees for the benchmarks: the layered DAGs of generate.py, with facts, conditions and loops.

    python bench/generate_facts.py 100000 > big2.json        # twenty facts, set and read across the layers
    python bench/generate_facts.py 1000 --correlated > c.json # facts that only make sense together

The first kind is what a large real quiz looks like: questions set facts and add to scores,
later choices are offered on conditions, routes send walks by score, number nodes ask for a
count, and some questions offer to read a page again (a loop, with a way on beside it). Its
facts vary one by one, so a proof that looks at each fact alone can settle most of it.

The second kind is made to defeat such a proof: each early question sets a pair of facts to
equal values, and each later route asks whether the members of a pair agree. Every walk
keeps the pairs equal, so every route always has a branch that holds; but a proof that
looks at the facts one by one sees every combination as possible, and is unsure everywhere.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from typing import Any

from generate import LAYERS, sentence

BOOLS, ENUMS, INTS = 8, 6, 6
LEVELS = ["low", "mid", "high"]


def facts() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i in range(BOOLS):
        out[f"b{i}"] = {"type": "bool", "initial": False}
    for i in range(ENUMS):
        out[f"e{i}"] = {"type": "enum", "values": LEVELS, "initial": "low"}
    for i in range(INTS):
        out[f"n{i}"] = {"type": "int", "min": 0, "max": 100, "initial": 0}
    return out


def condition(rng: random.Random) -> str:
    """A condition that holds at the start and may stop holding as a walk sets and adds."""
    kind = rng.randrange(4)
    if kind == 0:
        return f"not b{rng.randrange(BOOLS)} or n{rng.randrange(INTS)} < 30"
    if kind == 1:
        return f"e{rng.randrange(ENUMS)} != 'high'"
    if kind == 2:
        return f"n{rng.randrange(INTS)} <= {rng.randrange(20, 60)}"
    return f"not b{rng.randrange(BOOLS)} or e{rng.randrange(ENUMS)} in ['mid', 'high']"


def generate(nodes: int, seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    width = max(2, nodes // LAYERS)
    layers = [[f"n{layer}-{i}" for i in range(width)] for layer in range(LAYERS)]
    tree_nodes: dict[str, dict[str, Any]] = {}
    for depth, layer in enumerate(layers):
        last = depth == LAYERS - 1
        below = layers[depth + 1] if not last else []
        for i, node_id in enumerate(layer):
            if last:
                tree_nodes[node_id] = {
                    "kind": "outcome",
                    "title": sentence(rng, 5),
                    "text": "\n".join(f"- {sentence(rng, 12)}" for _ in range(4)),
                }
            elif depth % 7 == 3 and depth > 7 and i % 5 == 0:  # deep enough for the scores to vary
                score = f"n{i % (INTS - 1)}"
                tree_nodes[node_id] = {
                    "kind": "route",
                    "routes": [
                        {"when": f"{score} >= 2", "next": below[i % len(below)]},
                        {"when": f"e{i % ENUMS} != 'low'", "next": below[(i + 1) % len(below)]},
                        {"next": below[(i + 2) % len(below)]},
                    ],
                }
            elif depth % 11 == 5 and i % 7 == 0:
                tree_nodes[node_id] = {
                    "kind": "number",
                    "text": sentence(rng, 10)[:-1] + "?",
                    "fact": f"n{INTS - 1}",  # a count the reader gives; no choice adds to it
                    "next": below[i % len(below)],
                }
            else:
                targets = [below[i % len(below)], *rng.sample(below, k=min(len(below), rng.randint(1, 3)))]
                targets = list(dict.fromkeys(targets))
                if len(targets) < 2 and len(below) > 1:
                    targets.append(below[(i + 1) % len(below)])
                choices: list[dict[str, Any]] = []
                for k, target in enumerate(targets):
                    choice: dict[str, Any] = {"label": f"{k + 1}. {sentence(rng, 4)}"}
                    if k > 0 and rng.random() < 0.5:
                        choice["when"] = condition(rng)
                    if rng.random() < 0.3:
                        facts_set = {f"b{rng.randrange(BOOLS)}": True, f"e{rng.randrange(ENUMS)}": rng.choice(LEVELS)}
                        choice["set"] = facts_set
                    if rng.random() < 0.3:
                        choice["add"] = {f"n{rng.randrange(INTS - 1)}": 1}  # fewer than LAYERS adds: in range
                    choice["next"] = target
                    choices.append(choice)
                if i % 9 == 0:
                    choices.append({"label": "Read that again", "next": node_id, "loop": True})
                tree_nodes[node_id] = {
                    "kind": "question",
                    "text": sentence(rng, 14)[:-1] + "?",
                    "help": sentence(rng, 14),
                    "choices": choices,
                }
    first = {
        "kind": "question",
        "text": "Where to begin?",
        "choices": [{"label": f"Way {i + 1}", "next": node_id} for i, node_id in enumerate(layers[0])],
    }
    return _tree(f"bench-facts-{nodes}", tree_nodes, first, facts(), rng)


def correlated(nodes: int, seed: int = 0, pairs: int = 10) -> dict[str, Any]:
    """A chain of `pairs` questions, each setting a pair of facts alike, then routes and questions on the pairs."""
    rng = random.Random(seed)
    declared = {f"{side}{p}": {"type": "bool"} for p in range(pairs) for side in "xy"}
    tree_nodes: dict[str, dict[str, Any]] = {}
    for p in range(pairs):
        after = f"set{p + 1}" if p + 1 < pairs else "r0"
        tree_nodes[f"set{p}"] = {
            "kind": "question",
            "text": f"Question {p + 1} of the first part?",
            "choices": [
                {"label": "Yes", "set": {f"x{p}": True, f"y{p}": True}, "next": after},
                {"label": "No", "set": {f"x{p}": False, f"y{p}": False}, "next": after},
            ],
        }
    rest = max(1, nodes - pairs - 1)
    for i in range(rest):
        here, after = f"r{i}", f"r{i + 1}" if i + 1 < rest else "end"
        p, q = i % pairs, (i * 7 + 3) % pairs
        if i % 2 == 0:
            tree_nodes[here] = {
                "kind": "route",
                "routes": [
                    {"when": f"x{p} and y{p}", "next": after},
                    {"when": f"not x{p} and not y{p}", "next": after},
                ],
            }
        else:
            tree_nodes[here] = {
                "kind": "question",
                "text": sentence(rng, 10)[:-1] + "?",
                "choices": [
                    {"label": "Agree", "when": f"(x{q} and y{q}) or (not x{q} and not y{q})", "next": after},
                    {"label": "Only one", "when": f"(x{q} and not y{q}) or (y{q} and not x{q})", "next": after},
                    {"label": "Either way", "when": f"x{p} or not y{p}", "next": after},
                ],
            }
    tree_nodes["end"] = {"kind": "outcome", "title": "The end", "text": "Every walk ends here."}
    return _tree(f"bench-correlated-{nodes}", tree_nodes, None, declared, rng, start="set0")


def _tree(
    tree_id: str,
    nodes: dict[str, Any],
    first: dict[str, Any] | None,
    declared: dict[str, Any],
    rng: random.Random,
    start: str = "start",
) -> dict[str, Any]:
    all_nodes = {"start": first, **nodes} if first is not None else nodes
    return {
        "format": 2,
        "id": tree_id,
        "version": "1.0.0",
        "title": f"A generated tree of {len(all_nodes)} nodes",
        "description": sentence(rng, 30),
        "language": "en",
        "facts": declared,
        "start": start,
        "nodes": all_nodes,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("nodes", type=int, nargs="?", default=100_000)
    parser.add_argument("--correlated", action="store_true", help="facts that only make sense together")
    args = parser.parse_args()
    made = correlated(args.nodes) if args.correlated else generate(args.nodes)
    json.dump(made, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
