"""Large valid trees for the benchmarks: layered DAGs with shared nodes and astronomically many paths.

Each layer's questions lead, by two to four choices, to nodes of the next layer, and
every node of a layer is led to by some node of the layer before, so all are reachable
and many are shared. Every few layers an info page sits on some walks. With fifty
layers of three-way choices a tree has far more than 10^20 paths. The text is prose of
a realistic length, so a 100,000-node tree is about 40 MB, as real trees would be.

    python bench/generate.py 100000 > big.json
"""

from __future__ import annotations

import json
import random
import sys

WORDS = """
when you both take a step back the real reason often shows itself slowly and quietly
give it time talk honestly listen first and let the small things go while you look after yourself
""".split()  # noqa: SIM905 (prose reads better than a list of quoted words)
LAYERS = 50


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def generate(nodes: int, seed: int = 0) -> dict:
    rng = random.Random(seed)
    width = max(2, nodes // LAYERS)
    layers = [[f"n{layer}-{i}" for i in range(width)] for layer in range(LAYERS)]
    tree_nodes: dict[str, dict] = {}
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
            elif depth % 7 == 3 and i % 5 == 0:
                tree_nodes[node_id] = {
                    "kind": "info",
                    "title": sentence(rng, 4),
                    "text": sentence(rng, 50),
                    "next": below[i % len(below)],
                }
            else:
                # the first choice covers the next layer in order; the others share nodes at random
                targets = [below[i % len(below)], *rng.sample(below, k=min(len(below), rng.randint(1, 3)))]
                targets = list(dict.fromkeys(targets))
                if len(targets) < 2 and len(below) > 1:
                    targets.append(below[(i + 1) % len(below)])
                tree_nodes[node_id] = {
                    "kind": "question",
                    "text": sentence(rng, 14)[:-1] + "?",
                    "help": sentence(rng, 14),
                    "choices": [{"label": f"{k + 1}. {sentence(rng, 4)}", "next": t} for k, t in enumerate(targets)],
                }
    first = {
        "kind": "question",
        "text": "Where to begin?",
        "choices": [{"label": f"Way {i + 1}", "next": node_id} for i, node_id in enumerate(layers[0])],
    }
    return {
        "format": 1,
        "id": f"bench-{nodes}",
        "version": "1.0.0",
        "title": f"A generated tree of {len(tree_nodes) + 1} nodes",
        "description": sentence(rng, 30),
        "language": "en",
        "start": "start",
        "nodes": {"start": first, **tree_nodes},
    }


def main() -> None:
    nodes = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    json.dump(generate(nodes), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
