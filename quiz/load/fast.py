"""The fast road: a good file read in one pass, its nodes handed a part at a time to a collector.

msgspec reads the file into the mirror's typed values where it lies (quiz.format.mirror),
each node kept as its place in the file. One pass then takes the nodes a thousand at a
time: each is read into a small value, and the part is handed to the collector the caller
gives (the checker's proofs, which this road knows nothing of) and let go before the next
is read. A tree never holds all its nodes as objects at once: at a million nodes, objects
for every node took five times the memory of the file.

The road accepts or declines, and never says why: a file it declines (a repeated key, a
key it does not know, a value of the wrong type, a format it cannot read) is read by the
exact road, whose stages say what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, Protocol, cast

import attrs
import msgspec
from msgspec import UNSET, Raw

from quiz.format.fields import fields
from quiz.format.migrate import CURRENT
from quiz.format.mirror import mirror, to_model
from quiz.format.model import Node, Tree

_BOM = "\ufeff".encode()
PART = 1024  # nodes read, proven and let go together


class Collector(Protocol):
    """What the fast road tells as it reads: the tree first, then its nodes a part at a time."""

    def begin(self, tree: Tree) -> None: ...

    def part(self, ids: Sequence[str], nodes: Sequence[Node]) -> None: ...


class Nodes(Mapping[str, Node]):
    """A tree's nodes as the fast road read them: each built from its place in the file when first asked for."""

    __slots__ = ("_built", "_classes", "_decode", "_raws")

    def __init__(self, raws: dict[str, Raw], decode: Any, classes: Mapping[type, type]) -> None:
        self._raws = raws
        self._decode = decode
        self._classes = classes
        self._built: dict[str, Node] = {}

    def __getitem__(self, node_id: str) -> Node:
        node = self._built.get(node_id)
        if node is None:
            node = self._built[node_id] = to_model(self._decode(self._raws[node_id]), self._classes)
        return node

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._raws

    def __iter__(self) -> Iterator[str]:
        return iter(self._raws)

    def __len__(self) -> int:
        return len(self._raws)

    def __repr__(self) -> str:
        return f"Nodes({dict(self.items())!r})"


def read(raw: bytes, collector: Collector, part: int = PART) -> Tree | None:
    """The tree in `raw`, in its own format, if the fast road can read it; else None."""
    body = memoryview(raw)[len(_BOM) :] if raw.startswith(_BOM) else raw
    if b"\\u003" in raw:  # a colon may hide there: see `_Colons`
        return None
    try:
        top = mirror(CURRENT).decode_tree(body)
    except (msgspec.DecodeError, RecursionError):
        return None
    version = top.format
    if not 1 <= version <= CURRENT or _newer(top, version):
        return None  # the exact road says why, or reads an older format's view of the model
    own = mirror(version)
    nodes = Nodes(top.nodes, own.decode_node, own.classes)
    tree: Tree = attrs.evolve(to_model(msgspec.structs.replace(top, nodes={}), mirror(CURRENT).classes), nodes=nodes)
    collector.begin(tree)
    colons = _Colons(top)
    items = iter(top.nodes.items())
    while some := list(islice(items, part)):
        ids = [node_id for node_id, _ in some]
        try:
            values = [own.decode_node(node) for _, node in some]
        except (msgspec.DecodeError, RecursionError):
            return None
        colons.add(ids, values)
        collector.part(ids, cast(list[Node], values))  # the mirror has the model's fields
    if colons.count != raw.count(b":"):
        return None
    return tree


def _newer(value: Any, version: int) -> bool:
    """Whether a value read by the current mirror uses a field that arrived after `version`."""
    cl = mirror(CURRENT).classes.get(type(value))
    if cl is None:
        return type(value) is list and any(_newer(item, version) for item in value)
    for f in fields(cl):
        if f.name == "nodes" or f.name not in value.__struct_fields__:
            continue  # the nodes are read apart; a tag is no field of the mirror
        item = getattr(value, f.name)
        if f.since > version and item is not UNSET:
            return True
        if _newer(item, version):
            return True
    return False


class _Colons:
    """The colons msgspec writes for what it read, to be held against the file's.

    msgspec keeps the last of two equal keys without a word. Every key is followed by one
    colon outside strings, and colons inside strings are written out again as they were,
    unless escaped as \\u003a: so, with no such escape, the values written out again have
    as many colons as the file exactly when no key was lost. A field the file leaves out
    stays UNSET and is not written (quiz.format.mirror).

    The nodes are written a part at a time into one buffer, as [id, node] pairs (the colon
    after each id is counted apart), so that no copy of the whole file is made.
    """

    def __init__(self, top: Any) -> None:
        self._encode_into = msgspec.json.Encoder().encode_into
        self._written = bytearray()
        self.count = len(top.nodes) + self._colons_in(msgspec.structs.replace(top, nodes={}))

    def add(self, ids: list[str], values: list[Any]) -> None:
        self.count += self._colons_in(list(zip(ids, values, strict=True)))

    def _colons_in(self, value: object) -> int:
        self._encode_into(value, self._written)
        return self._written.count(b":")
