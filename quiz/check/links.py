"""The graph rules: `start` and every `next` name a node, every node is reached, and no walk goes round.

Each is one pass over the nodes or one use of the graph search (quiz.check.graph), so
they run in time linear in nodes and choices. Findings carry a witness: the walk from
`start` that reaches the problem.
"""

from __future__ import annotations

from collections.abc import Iterator

from quiz.check.graph import Search, route
from quiz.findings import Anchor, Finding, JsonPath, Suggestions
from quiz.format.fields import node_refs
from quiz.format.model import Node, Tree
from quiz.text import quote


def link_findings(tree: Tree, found: Search) -> Iterator[Finding]:
    nodes = tree.nodes
    ids = Suggestions(nodes)  # built once: every broken link asks it
    if tree.start not in nodes:
        guess = ids.nearest(tree.start)
        yield Finding(
            "Q301",
            f"start {quote(tree.start)} names no node",
            path=("start",),
            hint=f"did you mean {quote(guess)}?" if guess else "start must be the id of a node in `nodes`",
        )
    for node_id, node in nodes.items():
        for path, target in edges(node_id, node):
            if target in nodes:
                continue
            guess = ids.nearest(target)
            yield Finding(
                "Q302",
                f"node {quote(node_id)} leads to {quote(target)}, but there is no node {quote(target)}",
                path=path,
                node=node_id,
                hint=f"did you mean {quote(guess)}?" if guess else "add that node, or point `next` at one that exists",
                witness=route(found.parent, node_id) if node_id in found.parent else (),
            )


def edges(node_id: str, node: Node, *, loops: bool = True) -> Iterator[tuple[JsonPath, str]]:
    """Each way on from a node: the JSON path of the id it names, and the id; without `loops`, none that leads back."""
    for path, target, loop in node_refs(node):
        if loops or not loop:
            yield ("nodes", node_id, *path), target


def loop_findings(tree: Tree, found: Search) -> Iterator[Finding]:
    for loop in found.loops:
        last = loop[-1]
        path = next(p for p, target in edges(last, tree.nodes[last], loops=False) if target == loop[0])
        yield Finding(
            "Q304",
            f"a walk can go round forever: {' → '.join(loop)} → {loop[0]}",
            path=path,
            node=last,
            witness=(*route(found.parent, loop[0]), *loop[1:], loop[0]),
            hint=f"point node {quote(last)} at a node that does not lead back to {quote(loop[0])}",
        )


def unreachable_findings(tree: Tree, found: Search) -> Iterator[Finding]:
    """One finding per orphaned region, at its root, rather than one per node in it."""
    nodes = tree.nodes
    orphans = [n for n in nodes if n not in found.parent]
    if not orphans or tree.start not in nodes:
        return
    pointed_at = {t for n in orphans for _, t in edges(n, nodes[n]) if t in nodes}
    roots = [n for n in orphans if n not in pointed_at]
    covered: set[str] = set()
    for root in [*roots, *orphans]:
        if root in covered:
            continue
        size = _cover(tree, root, covered, found)
        beneath = f" (nor {size - 1} node{'s' * (size != 2)} reached only through it)" if size > 1 else ""
        yield Finding(
            "Q303",
            f"node {quote(root)} is not reached from start {quote(tree.start)}{beneath}",
            path=("nodes", root),
            anchor=Anchor.KEY,
            node=root,
            hint="lead a choice or an info page to it, or remove it",
        )


def _cover(tree: Tree, root: str, covered: set[str], found: Search) -> int:
    stack, size = [root], 0
    covered.add(root)
    while stack:
        node_id = stack.pop()
        size += 1
        for _, target in edges(node_id, tree.nodes[node_id]):
            if target in tree.nodes and target not in covered and target not in found.parent:
                covered.add(target)
                stack.append(target)
    return size
