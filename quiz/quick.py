"""The quick road: a good file read and proven in one pass, its nodes built only when asked for.

msgspec reads the file into typed values where it lies, each node kept as its place in
the file (a `msgspec.Raw`). One pass then takes the nodes a thousand at a time: each is
read into a small value, numbered, and its texts and labels proven plain, and the part
is let go before the next is read. A tree never holds all its nodes as objects at once:
at a million nodes, dicts and frozen values for every node took five times the memory of
the file, and fresh memory is what costs most, and grows fastest with size, in a large check.

The road accepts or declines, and never says why: a file it declines (a repeated key, a
key it does not know, a value of the wrong type, a format other than the current one)
is read by the exact road, whose stages say what is wrong and where. A file it accepts
may still break a rule (a link to no node, an empty text): `check` looks closer at the
tree it gives, guided by the proofs made on the way.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import islice

import msgspec
from msgspec import Raw, Struct

from quiz import migrate
from quiz.check import PART, Proofs, part_proofs, top_texts_clean
from quiz.graph import sound, successor_numbers
from quiz.model import Choice, Info, Node, Outcome, Question, Scenario, Tree

_BOM = "\ufeff".encode()


# The current format as msgspec reads it, field for field the model's (a test holds them
# alike): nothing coerced, no key unknown.
class _Value(Struct, forbid_unknown_fields=True, omit_defaults=True, gc=False):
    pass


class _Choice(_Value):
    label: str
    next: str


class _Node(_Value, tag_field="kind"):
    pass


class _Question(_Node, tag="question"):
    text: str
    choices: list[_Choice]
    help: str | None = None


class _Info(_Node, tag="info"):
    text: str
    next: str
    title: str | None = None


class _Outcome(_Node, tag="outcome"):
    title: str
    text: str


class _Scenario(_Value):
    name: str
    answers: list[str]
    outcome: str


class _Tree(_Value, rename={"schema": "$schema"}):
    format: int
    id: str
    version: str
    title: str
    start: str
    nodes: dict[str, Raw]
    schema: str | None = None
    description: str | None = None
    language: str | None = None
    scenarios: list[_Scenario] | None = None


_read_tree = msgspec.json.Decoder(_Tree).decode
_read_node = msgspec.json.Decoder(_Question | _Info | _Outcome).decode


class Nodes(Mapping[str, Node]):
    """A tree's nodes as the quick road read them: each built from its place in the file when asked for.

    So a large tree never holds every node as an object; the file's bytes are kept instead.
    """

    __slots__ = ("_raws",)

    def __init__(self, raws: dict[str, Raw]) -> None:
        self._raws = raws

    def __getitem__(self, node_id: str) -> Node:
        return _model(_read_node(self._raws[node_id]))

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._raws

    def __iter__(self) -> Iterator[str]:
        return iter(self._raws)

    def __len__(self) -> int:
        return len(self._raws)

    def __repr__(self) -> str:
        return f"Nodes({dict(self.items())!r})"


def _model(value: _Question | _Info | _Outcome) -> Node:
    if type(value) is _Question:
        choices = tuple([Choice(c.label, c.next) for c in value.choices])
        return Question(text=value.text, help=value.help, choices=choices)
    if type(value) is _Info:
        return Info(title=value.title, text=value.text, next=value.next)
    return Outcome(title=value.title, text=value.text)


def read(raw: bytes, part: int = PART) -> tuple[Tree, Proofs] | None:
    """The tree in `raw` and the proofs made while reading it, if it fits the current format; else None."""
    body = memoryview(raw)[len(_BOM) :] if raw.startswith(_BOM) else raw
    if b"\\u003" in raw:  # a colon may hide there: see `_Colons`
        return None
    try:
        top = _read_tree(body)
    except (msgspec.DecodeError, RecursionError):
        return None
    if top.format != migrate.CURRENT:  # an older format is migrated on the exact road
        return None
    tree = _tree(top)
    number = {node_id: i for i, node_id in enumerate(top.nodes)}
    succ: list[list[int]] | None = []
    questions_sound, texts_clean = True, top_texts_clean(tree)
    colons = _Colons(top)
    items = iter(top.nodes.items())
    while some := list(islice(items, part)):
        ids = [node_id for node_id, _ in some]
        try:
            values = [_read_node(node) for _, node in some]
        except (msgspec.DecodeError, RecursionError):
            return None
        colons.add(ids, values)
        if succ is not None:
            try:
                succ += successor_numbers(values, number, _Question, _Info)
            except KeyError:
                succ = None
        if questions_sound or texts_clean:
            questions_sound, texts_clean = part_proofs(ids, values, _Question, questions_sound, texts_clean)
    if colons.count != raw.count(b":"):
        return None
    start = number.get(top.start)
    graph_sound = succ is not None and start is not None and sound(succ, start)
    return tree, Proofs(graph_sound, questions_sound, texts_clean)


def _tree(top: _Tree) -> Tree:
    scenarios = [Scenario(name=s.name, answers=tuple(s.answers), outcome=s.outcome) for s in top.scenarios or ()]
    return Tree(
        schema=top.schema,
        format=top.format,
        id=top.id,
        version=top.version,
        title=top.title,
        description=top.description,
        language=top.language,
        start=top.start,
        nodes=Nodes(top.nodes),
        scenarios=tuple(scenarios),
    )


class _Colons:
    """The colons msgspec writes for what it read, to be held against the file's.

    msgspec keeps the last of two equal keys without a word. Every key is followed by one
    colon outside strings, and colons inside strings are written out again as they were,
    unless escaped as \\u003a: so, with no such escape, the values written out again have
    as many colons as the file exactly when no key was lost. A field left out is not
    written, and one written as null in the file is read as left out: its colon is then
    missing, and the file goes to the exact road, which judges it.

    The nodes are written a part at a time into one buffer, as [id, node] pairs (the colon
    after each id is counted apart), so that no copy of the whole file is made.
    """

    def __init__(self, top: _Tree) -> None:
        self._encode_into = msgspec.json.Encoder().encode_into
        self._written = bytearray()
        self.count = len(top.nodes) + self._colons_in(msgspec.structs.replace(top, nodes={}))

    def add(self, ids: list[str], values: list) -> None:
        self.count += self._colons_in(list(zip(ids, values, strict=True)))

    def _colons_in(self, value: object) -> int:
        self._encode_into(value, self._written)
        return self._written.count(b":")
