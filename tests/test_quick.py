"""The quick road may only be quicker: whatever it accepts, the exact road reads the same way."""

import json
from typing import Any
from unittest.mock import patch

import attrs
import msgspec
from hypothesis import given
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.check import ProofCollector, Proofs, check
from quiz.format.convert import structure
from quiz.format.migrate import CURRENT, migrate
from quiz.format.mirror import mirror
from quiz.format.model import Choice, Info, Outcome, Question, Scenario, Tree
from quiz.load import fast
from quiz.pipeline import load_exactly
from tests.strategies import damaged_trees, dumps, valid_trees


def read(raw: bytes, part: int = fast.PART) -> tuple[Tree, Proofs] | None:
    """The fast road's tree and the proofs gathered on the way, or None where it declines."""
    collector = ProofCollector()
    tree = fast.read(raw, collector, part)
    return None if tree is None else (tree, collector.proofs())


SPACE = st.sampled_from(["", " ", "\n", "\t", "\r\n", "  "])
TREE = {"format": 1, "id": "t", "version": "1.0.0", "title": "T", "start": "q"}


@st.composite
def json_string(draw: st.DrawFn, text: str) -> str:
    """`text` as a JSON string, each character written plainly or escaped, as an author's tools might."""
    out = []
    for char in text:
        plain = {'"': '\\"', "\\": "\\\\"}.get(char, char)
        if ord(char) < 0x20 or 0xD800 <= ord(char) <= 0xDFFF:
            plain = f"\\u{ord(char):04x}"
        escaped = [f"\\u{ord(char):04x}", f"\\u{ord(char):04X}"] if ord(char) < 0x10000 else []
        out.append(draw(st.sampled_from([plain, *escaped])))
    return '"' + "".join(out) + '"'


@st.composite
def written(draw: st.DrawFn, doc: Any) -> tuple[str, bool]:
    """`doc` as JSON text in any spacing and escaping, perhaps with one member of one object repeated.

    Also says whether a member was repeated: the repeat may have another value, or the same.
    """
    objects: list[dict] = []

    def collect(value: Any) -> None:
        if type(value) is dict and value:
            objects.append(value)
        for child in value.values() if type(value) is dict else value if type(value) is list else ():
            collect(child)

    collect(doc)
    target = draw(st.sampled_from([None, *objects])) if objects else None
    repeated = []

    def write(value: Any) -> str:
        if type(value) is str:
            return draw(json_string(value))
        if type(value) is list:
            return "[" + ",".join(draw(SPACE) + write(item) for item in value) + draw(SPACE) + "]"
        if type(value) is not dict:
            return json.dumps(value)
        members = list(value.items())
        if value is target and not repeated:
            repeated.append(True)
            key, child = draw(st.sampled_from(members))
            again = draw(st.sampled_from([child, "again", 2]))
            members.insert(draw(st.integers(0, len(members))), (key, again))
        return "{" + ",".join(f"{draw(SPACE)}{write(k)}{draw(SPACE)}:{draw(SPACE)}{write(v)}" for k, v in members) + "}"

    return write(doc), bool(repeated)


@given(
    valid_trees(max_nodes=6).map(lambda doc: (doc, True)) | damaged_trees().map(lambda doc: (doc, False)),
    st.sampled_from(["", "\ufeff"]),
    st.integers(1, 3),
    st.data(),
)
def test_the_quick_road_reads_as_the_exact_road_does_or_declines(case, bom, part, data):
    """Taken a node or a few at a time, so that the parts' seams are crossed too."""
    doc, valid = case
    text, repeated = data.draw(written(doc))
    raw = (bom + text).encode("utf-8", "surrogatepass")
    fast_read = read(raw, part)
    exact = load_exactly(raw, "t.json")
    if repeated:
        assert fast_read is None
        assert "Q104" in [f.code for f in exact.findings]
    elif valid and "\\u003" not in text:
        assert fast_read is not None, "a valid tree, plainly written, must not need the exact road"
    if fast_read is not None:
        tree, proofs = fast_read
        assert migrate(tree) == exact.tree
        assert check(tree, proofs) == check(exact.tree)
    assert load_bytes(raw, "t.json") == exact


def test_the_quick_road_declines_a_repeated_key_wherever_colons_hide():
    node = '{"kind": "outcome", "title": "End", "text": "Advice: none."}'
    for nodes in (
        f'{{"q": {node}, "q": {node}}}',
        '{"q": {"kind": "outcome", "title": "End", "title": "End", "text": "x"}}',
        '{"q": {"kind": "outcome", "kind": "outcome", "title": "End", "text": "x"}}',
        '{"q": {"kind": "outcome", "title": "End\\u003a", "text": "x"}}',
        '{"q": {"kind": "outcome", "title": "\\": ", "text": "x", "text": "y"}}',
        '{"q": {"kind": "question", "text": "?", "choices": [{"label": "a", "next": "q", "next": "q"}]}}',
    ):
        raw = f'{{"format": 1, "id": "t", "version": "1.0.0", "title": "T", "start": "q", "nodes": {nodes}}}'
        assert read(raw.encode()) is None, nodes
    raw = '{"format": 1, "id": "t", "id": "t", "version": "1.0.0", "title": "T", "start": "q", "nodes": {}}'
    assert read(raw.encode()) is None
    head = '{"format": 1, "id": "t:1", "version": "1.0.0", "title": "T: \\": ", "start": "q"'
    assert read(f'{head}, "nodes": {{"q": {node}}}}}'.encode()) is not None


def test_the_quick_road_declines_a_repeated_node_id_far_into_a_large_tree():
    count = 3 * fast.PART
    nodes = [f'"n:{i}": {{"kind": "outcome", "title": "T: {i}", "text": "x"}}' for i in range(count)]
    doc = {**TREE, "start": "n:0", "nodes": {}}
    head = json.dumps(doc)[: -len("{}}")]
    assert read(f"{head}{{{','.join(nodes)}}}}}".encode()) is not None
    again = f'"n:{count - 2}": {{"kind": "outcome", "title": "T", "text": "x"}}'
    assert read(f"{head}{{{','.join([*nodes, again])}}}}}".encode()) is None


def test_what_json_refuses_or_python_reads_loosely_is_judged_by_the_exact_road():
    node = '{"kind": "outcome", "title": "End", "text": %s}'
    for value in ("NaN", "Infinity", "1e400", '"\\ud800"', "[" * 600 + "]" * 600, '"x",', "'x'", '"\udcff"'):
        raw = (json.dumps(TREE)[:-1] + ', "nodes": {"q": ' + node % value + "}}").encode("utf-8", "surrogateescape")
        assert read(raw) is None, value
        loaded = load_bytes(raw, "t.json")
        assert loaded == load_exactly(raw, "t.json") and not loaded.ok, value


def test_a_field_written_as_null_is_judged_by_the_exact_road():
    doc = {**TREE, "nodes": {"q": {"kind": "info", "title": None, "text": "x", "next": "e"}}}
    doc["nodes"]["e"] = {"kind": "outcome", "title": "End", "text": "Advice."}
    raw = dumps(doc)
    assert read(raw) is None
    assert load_bytes(raw, "t.json") == load_exactly(raw, "t.json")


def test_a_format_number_past_64_bits_is_read_exactly():
    raw = json.dumps({"format": 2**64 + 1, "id": "t"}).encode()
    assert [f.message for f in load_bytes(raw).findings] == [
        f"this file is format {2**64 + 1}, but this quiz reads formats 1 to 2"
    ]


@given(valid_trees(max_nodes=8))
def test_the_nodes_read_on_demand_are_the_nodes_of_the_file(doc):
    tree, _ = read(dumps(doc))
    assert list(tree.nodes) == list(doc["nodes"]) and len(tree.nodes) == len(doc["nodes"])
    exact, _ = structure(doc, CURRENT)
    assert tree.nodes == exact.nodes and exact.nodes == tree.nodes
    assert all(node_id in tree.nodes for node_id in doc["nodes"]) and "no such node" not in tree.nodes
    assert tree.nodes.get("no such node") is None
    assert repr(tree.nodes) == f"Nodes({exact.nodes!r})"


@given(valid_trees(max_nodes=30))
def test_the_quick_road_reads_each_node_once(doc):
    """Each node's place in the file is read once, by the pass that proves the tree, however it is shared.

    Where the proofs hold, checking reads no node again; only scenarios' walks would.
    """
    counted: list[int] = []
    real = mirror(CURRENT)

    def counting(raw):
        counted.append(1)
        return real.decode_node(raw)

    doc.pop("scenarios", None)
    with patch.object(fast, "mirror", lambda version: attrs.evolve(real, decode_node=counting)):
        tree, proofs = read(dumps(doc))
        assert len(counted) == len(doc["nodes"])
        if proofs == Proofs(True, True, True):
            assert check(tree, proofs) == []
            assert len(counted) == len(doc["nodes"])


def test_the_mirror_has_the_models_fields():
    """The fast reader's types are made from the model; they must come out field for field alike."""

    def model_fields(cl: type) -> dict[str, bool]:
        return {
            f.name: f.default is attrs.NOTHING
            for f in attrs.fields(cl)
            if f.name not in ("kind", "type") and f.metadata["since"] <= CURRENT
        }

    classes = mirror(CURRENT).classes
    assert set(classes.values()) >= {Choice, Question, Info, Outcome, Scenario, Tree}
    for value, model in classes.items():
        fields = {f.name: f.required for f in msgspec.structs.fields(value)}
        assert fields == model_fields(model), value.__name__
        if model in (Question, Info, Outcome):
            assert msgspec.inspect.type_info(value).tag == model.__name__.lower()
    tree = next(value for value, model in classes.items() if model is Tree)
    assert {f.encode_name for f in msgspec.structs.fields(tree)} >= {"$schema"}


@given(valid_trees(max_nodes=8))
def test_nodes_read_on_demand_are_built_once_and_kept(doc):
    tree, _ = read(dumps(doc))
    for node_id in doc["nodes"]:
        assert tree.nodes[node_id] is tree.nodes[node_id]
