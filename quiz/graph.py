"""Linear passes over a tree's graph: reachability, loops, and the walks from each node.

Everything here visits each node and each edge a bounded number of times, so a tree
with a million nodes and more paths than atoms is answered in one sweep; nothing ever
walks paths one by one.
"""

from __future__ import annotations

import math

import attrs

from quiz.model import Outcome, Question, Tree, successors

# Counts up to this are exact; beyond it, only the order of magnitude is kept.
EXACT_LIMIT = 10**18


@attrs.frozen
class Search:
    """One depth-first search from `start`."""

    parent: dict[str, str | None]  # every reachable node, and the node it was first reached from
    postorder: list[str]  # reachable nodes, each after all it leads to (when there is no loop)
    loops: list[tuple[str, ...]]  # distinct loops, each in walk order, first node first


def search(tree: Tree, *, max_loops: int = 50) -> Search:
    nodes = tree.nodes
    parent: dict[str, str | None] = {}
    postorder: list[str] = []
    loops: list[tuple[str, ...]] = []
    in_loop: set[str] = set()
    if tree.start not in nodes:
        return Search(parent, postorder, loops)
    active: set[str] = {tree.start}
    parent[tree.start] = None
    stack = [(tree.start, iter(successors(nodes[tree.start])))]
    while stack:
        node_id, children = stack[-1]
        for child in children:
            if child not in nodes:
                continue
            if child not in parent:
                parent[child] = node_id
                active.add(child)
                stack.append((child, iter(successors(nodes[child]))))
                break
            if child in active and child not in in_loop and len(loops) < max_loops:
                loop = [node_id]
                while loop[-1] != child:
                    loop.append(parent[loop[-1]])
                loop.reverse()
                loops.append(tuple(loop))
                in_loop.update(loop)
        else:
            stack.pop()
            active.discard(node_id)
            postorder.append(node_id)
    return Search(parent, postorder, loops)


def route(parent: dict[str, str | None], node_id: str) -> tuple[str, ...]:
    """The nodes from `start` to `node_id` along the search tree."""
    out = [node_id]
    while (up := parent[out[-1]]) is not None:
        out.append(up)
    return tuple(reversed(out))


@attrs.frozen
class PathCount:
    """How many distinct walks: exact up to 10^18, else its base-10 logarithm."""

    exact: int | None
    log10: float

    def __str__(self) -> str:
        if self.exact is not None:
            return f"{self.exact:,}"
        return f"about 10^{math.floor(self.log10)}"


@attrs.frozen
class Walks:
    """For each node reachable from `start`, facts about the walks from it to an outcome."""

    fewest_steps: dict[str, int]
    most_steps: dict[str, int]
    most_questions: dict[str, int]  # counting this node, if it is a question
    paths: PathCount  # from `start`


def walks(tree: Tree, found: Search) -> Walks:
    """Requires a tree without loops or dead ends; each node is visited once, after its successors."""
    nodes = tree.nodes
    fewest: dict[str, int] = {}
    most: dict[str, int] = {}
    questions: dict[str, int] = {}
    count: dict[str, int | float] = {}  # int: exact; float: log10 of a count beyond EXACT_LIMIT
    for node_id in found.postorder:
        node = nodes[node_id]
        kind = type(node)
        if kind is Outcome:
            fewest[node_id] = most[node_id] = questions[node_id] = 0
            count[node_id] = 1
            continue
        nexts = [c.next for c in node.choices] if kind is Question else [node.next]
        fewest[node_id] = 1 + min(fewest[n] for n in nexts)
        most[node_id] = 1 + max(most[n] for n in nexts)
        questions[node_id] = (kind is Question) + max(questions[n] for n in nexts)
        count[node_id] = _sum_counts([count[n] for n in nexts])
    total = count.get(tree.start, 0)
    paths = PathCount(total, math.log10(total) if total else 0.0) if type(total) is int else PathCount(None, total)
    return Walks(fewest, most, questions, paths)


def _sum_counts(counts: list[int | float]) -> int | float:
    if all(type(c) is int for c in counts):
        total = sum(counts)
        return total if total <= EXACT_LIMIT else math.log10(total)
    logs = [c if type(c) is float else math.log10(c) for c in counts if c]
    top = max(logs)
    return top + math.log10(sum(10 ** (x - top) for x in logs))


def kinds(tree: Tree) -> dict[str, int]:
    out = {"question": 0, "info": 0, "outcome": 0}
    for node in tree.nodes.values():
        out[node.kind] += 1
    return out
