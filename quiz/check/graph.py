"""Linear passes over a tree's graph: reachability, loops, and the walks from each node.

Everything here visits each node and each edge a bounded number of times, so a tree
with a million nodes and more paths than atoms is answered in one sweep; nothing ever
walks paths one by one.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain
from operator import attrgetter
from typing import Any

import attrs

from quiz.errors import UnfinishedTree
from quiz.format.fields import Ref, node_kinds, ref_plan, successors
from quiz.format.migrate import CURRENT
from quiz.format.model import NODE_KINDS, Node, Tree

# Counts up to this are exact; beyond it, only the order of magnitude is kept.
EXACT_LIMIT = 10**18


@attrs.frozen
class Search:
    """One depth-first search from `start`."""

    parent: dict[str, str | None]  # every reachable node, and the node it was first reached from
    postorder: list[str]  # reachable nodes, each after all it leads to (when there is no loop)
    loops: list[tuple[str, ...]]  # distinct loops, each in walk order, first node first


def successor_lists(tree: Tree, *, loops: bool = True) -> dict[str, tuple[str, ...]]:
    """Each node's successors; without `loops`, not by the choices that may lead back."""
    return {node_id: successors(node, loops=loops) for node_id, node in tree.nodes.items()}


def search(tree: Tree, *, max_loops: int = 50) -> Search:
    """Iterative, so a chain of any length is fine; each edge is looked at once.

    A loop is found in the graph without the choices that may lead back; those still reach
    nodes, so a node reached only through one is searched from in turn.
    """
    succ = successor_lists(tree, loops=False)
    every = successor_lists(tree)
    parent: dict[str, str | None] = {}
    postorder: list[str] = []
    loops: list[tuple[str, ...]] = []
    in_loop: set[str] = set()
    if tree.start not in succ:
        return Search(parent, postorder, loops)
    parent[tree.start] = None
    roots = [tree.start]
    while roots:
        _depth_first(roots.pop(), succ, parent, postorder, loops, in_loop, max_loops)
        roots = [
            _reached(parent, child, node_id)
            for node_id in list(parent)
            for child in every[node_id]
            if child in every and child not in parent
        ][:1]
    return Search(parent, postorder, loops)


def _reached(parent: dict[str, str | None], node_id: str, by: str) -> str:
    parent[node_id] = by
    return node_id


def _depth_first(
    root: str,
    succ: dict[str, tuple[str, ...]],
    parent: dict[str, str | None],
    postorder: list[str],
    loops: list[tuple[str, ...]],
    in_loop: set[str],
    max_loops: int,
) -> None:
    active = {root}
    stack, positions = [root], [0]
    while stack:
        node_id = stack[-1]
        children = succ[node_id]
        i = positions[-1]
        while i < len(children):
            child = children[i]
            i += 1
            if child in parent:
                if child in active and child not in in_loop and len(loops) < max_loops:
                    loop = [node_id]
                    while loop[-1] != child:
                        up = parent[loop[-1]]
                        assert up is not None
                        loop.append(up)
                    loop.reverse()
                    loops.append(tuple(loop))
                    in_loop.update(loop)
            elif child in succ:
                parent[child] = node_id
                active.add(child)
                positions[-1] = i
                stack.append(child)
                positions.append(0)
                break
        else:
            stack.pop()
            positions.pop()
            active.discard(node_id)
            postorder.append(node_id)


def reachable(succ: dict[str, tuple[str, ...]], start: str) -> set[str]:
    """The nodes a walk from `start` can reach, a level at a time, with set operations doing the work."""
    if start not in succ:
        return set()
    seen = {start}
    frontier: set[str] = {start}
    while frontier:
        frontier = set(chain.from_iterable(map(succ.__getitem__, frontier)))
        frontier -= seen
        frontier &= succ.keys()
        seen |= frontier
    return seen


def topological(succ: dict[str, tuple[str, ...]], nodes: Iterable[str]) -> list[str] | None:
    """`nodes` (closed under `succ`), each before those it leads to; None if they hold a loop (Kahn)."""
    nodes = list(nodes)
    waiting = dict(Counter(chain.from_iterable(map(succ.__getitem__, nodes))))
    ordered = [n for n in nodes if n not in waiting]
    return _free(succ, waiting, ordered, len(nodes))


def numbered(tree: Tree) -> tuple[list[list[int]], int] | None:
    """The graph without the choices that may lead back, its nodes numbered in order: each node's
    successors by number, and start's number.

    None if start or a target names no node. With numbers, the quick proof looks nodes up
    in lists that lie in order in memory rather than by string in dicts spread over the
    heap: at a million nodes, a third of the time.
    """
    number = {node_id: i for i, node_id in enumerate(tree.nodes)}
    try:
        return successor_numbers(tree.nodes.values(), number, CURRENT), number[tree.start]
    except KeyError:
        return None


def successor_numbers(nodes: Iterable[Node], number: dict[str, int], version: int) -> list[list[int]]:
    """Each node's successors by `number`, but by the choices that may lead back; KeyError if one names no node.

    `nodes` may be the model's, or values with the fields of format `version` (the fast reader's).
    """
    targets, by_number = _targets(version), number.__getitem__
    return [targets[node.kind](node, by_number) for node in nodes]


Numbering = Callable[[Node, Callable[[str], int]], list[int]]


@functools.cache
def _targets(version: int) -> dict[str, Numbering]:
    """For each kind, a function from a node to the numbers of the nodes it leads to, made once from the model.

    Made of C-level getters and maps, it takes half the time of walking the fields' metadata
    for every node, which at a million nodes is a noticeable part of a check.
    """

    def made(plan: tuple[Ref, ...]) -> Numbering:
        if len(plan) == 1 and plan[0].inner is None:
            get = attrgetter(plan[0].name)
            return lambda node, number: [number(get(node))]
        if len(plan) == 1 and plan[0].loop is None:
            outer, inner = attrgetter(plan[0].name), attrgetter(plan[0].inner or "")
            return lambda node, number: list(map(number, map(inner, outer(node))))
        if len(plan) == 1:
            outer, inner, back = (
                attrgetter(plan[0].name),
                attrgetter(plan[0].inner or ""),
                attrgetter(plan[0].loop or ""),
            )
            return lambda node, number: [number(inner(item)) for item in outer(node) if not back(item)]
        assert not plan, "a node names nodes in one field"
        return lambda node, number: []

    return {kind: made(ref_plan(cl, version)) for kind, cl in node_kinds(version).items()}


def sound(succ: list[list[int]], start: int) -> list[int] | None:
    """The quick proof for a good tree: only `start` has no way in, and no loop (nodes numbered as by `numbered`);
    then the nodes in an order in which each comes before those it leads to.

    Then every node is reachable from `start` (a node with a way in, in a graph without
    loops, is reached from a node with none), and every walk ends. None where the proof fails.
    """
    waiting = [0] * len(succ)
    for node in chain.from_iterable(succ):  # quicker than a Counter: no dict of a million entries
        waiting[node] += 1
    if waiting[start] or waiting.count(0) != 1:
        return None
    return _free(succ, waiting, [start], len(succ))


def _free(succ: Any, waiting: Any, ordered: list[Any], total: int) -> list[Any] | None:
    """Kahn's sort from `ordered`, on nodes named by id (dicts) or by number (lists)."""
    for node_id in ordered:  # grows as nodes are freed of every way in
        for child in succ[node_id]:
            left = waiting[child] - 1
            waiting[child] = left
            if not left:
                ordered.append(child)
    return ordered if len(ordered) == total else None


def order(tree: Tree) -> list[str] | None:
    """The nodes reachable from `start`, each after all it leads to but by the choices that may lead back;
    None if a walk loops other than by those, or leads nowhere."""
    every = successor_lists(tree)
    reach = reachable(every, tree.start)
    if not reach or not set(chain.from_iterable(map(every.__getitem__, reach))) <= every.keys():
        return None
    ordered = topological(successor_lists(tree, loops=False), reach)
    return ordered[::-1] if ordered is not None else None


def every_path(tree: Tree) -> PathCount | None:
    """How many distinct paths lead from `start` to an outcome by every way on, choices marked `loop` included;
    None if a walk can go round a loop, since then there is no end to them."""
    every = successor_lists(tree)
    ordered = topological(every, reachable(every, tree.start))
    if ordered is None:
        return None
    count: dict[str, int | float] = {}  # int: exact; float: log10 of a count beyond EXACT_LIMIT
    for node_id in reversed(ordered):
        nexts = every[node_id]
        count[node_id] = _sum_counts([count[n] for n in nexts]) if nexts else 1
    total = count[tree.start]
    return PathCount(total, math.log10(total)) if type(total) is int else PathCount(None, total)


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
    most_questions: dict[str, int]  # counting this node, if it asks (a question, a number)
    fewest_questions: dict[str, int]
    loop_ahead: dict[str, bool]  # a choice that may lead back can be met on some walk from here
    paths: PathCount  # from `start`, without going round a loop (with one, there is no end to them)


def walks(tree: Tree, postorder: list[str] | None = None) -> Walks:
    """Each node is visited once, after its successors. Raises UnfinishedTree if a walk loops or leads nowhere."""
    if postorder is None:
        postorder = order(tree)
        if postorder is None:
            raise UnfinishedTree(f"tree {tree.id!r} has walks that never end; check it first")
    nodes = tree.nodes
    fewest: dict[str, int] = {}
    most: dict[str, int] = {}
    questions: dict[str, int] = {}
    fewest_questions: dict[str, int] = {}
    loop_ahead: dict[str, bool] = {}
    count: dict[str, int | float] = {}  # int: exact; float: log10 of a count beyond EXACT_LIMIT
    for node_id in postorder:
        node = nodes[node_id]
        nexts = successors(node, loops=False)
        loops = len(nexts) < len(successors(node))
        if not nexts:
            fewest[node_id] = most[node_id] = questions[node_id] = fewest_questions[node_id] = 0
            loop_ahead[node_id] = loops
            count[node_id] = 1
            continue
        asks = node.kind in ("question", "number")
        fewest[node_id] = 1 + min(fewest[n] for n in nexts)
        most[node_id] = 1 + max(most[n] for n in nexts)
        questions[node_id] = asks + max(questions[n] for n in nexts)
        fewest_questions[node_id] = asks + min(fewest_questions[n] for n in nexts)
        loop_ahead[node_id] = loops or any(loop_ahead[n] for n in nexts)
        count[node_id] = _sum_counts([count[n] for n in nexts])
    total = count.get(tree.start, 0)
    paths = PathCount(total, math.log10(total) if total else 0.0) if type(total) is int else PathCount(None, total)
    return Walks(fewest, most, questions, fewest_questions, loop_ahead, paths)


def _sum_counts(counts: list[int | float]) -> int | float:
    if all(type(c) is int for c in counts):
        total = sum(counts)
        return total if total <= EXACT_LIMIT else math.log10(total)
    logs = [c if type(c) is float else math.log10(c) for c in counts if c]
    top = max(logs)
    return top + math.log10(sum(10 ** (x - top) for x in logs))


def kinds(tree: Tree) -> dict[str, int]:
    out = dict.fromkeys(NODE_KINDS, 0)
    for node in tree.nodes.values():
        out[node.kind] += 1
    return out
