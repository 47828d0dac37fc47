"""The quick road may only be quicker: whatever it accepts, the exact road reads the same way."""

import json
from typing import Any
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from quiz import parse, structure
from quiz.load import _load_exactly, load_bytes
from quiz.model import Choice, Question, Tree
from tests.strategies import damaged_trees, dumps, valid_trees

# Keys from a small alphabet, so that objects often repeat one; colons and quotes, so that
# the colon count meets them inside strings.
KEYS = st.text(alphabet='ab:"\\', max_size=3)
SPACE = st.sampled_from(["", " ", "\n", "\t", "\r\n", "  "])


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


def json_text(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pairs = st.lists(st.tuples(KEYS.flatmap(json_string), children), max_size=4)
    return (
        st.lists(children, max_size=4).map(lambda items: "[" + ",".join(items) + "]")
        | pairs.map(lambda items: "{" + ",".join(f"{k}:{v}" for k, v in items) + "}")
        | st.tuples(SPACE, children, SPACE).map("".join)
    )


SCALARS = (
    st.sampled_from(["null", "true", "false", "0", "-0", "1e2", "1.5", "NaN", "1e400"])
    | st.integers(-(2**70), 2**70).map(str)
    | st.floats(allow_nan=False, allow_infinity=False).map(repr)
    | st.text(max_size=6).flatmap(json_string)
)
DOCUMENTS = st.recursive(SCALARS, json_text, max_leaves=12)


def same(quick: Any, exact: Any) -> bool:
    """Equal as JSON values and of the same Python types all the way down (1 is not 1.0 here)."""
    a, b = quick, exact
    if type(a) is not type(b):
        return False
    if type(a) is dict:
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if type(a) is list:
        return len(a) == len(b) and all(map(same, a, b))
    return a == b or a != a


@given(st.sampled_from(["", "\ufeff"]), DOCUMENTS, st.integers(1, 3))
def test_quick_json_is_exact_json_or_declines(bom, text, part):
    """With a top-level object's members counted a few at a time, so that the parts' seams are crossed."""
    raw = (bom + text).encode("utf-8", "surrogatepass")
    with patch.object(parse, "CHUNK", part):
        data = parse.quick(raw)
    if data is None:
        return
    exact = parse.parse(raw)
    assert not exact.findings
    assert same(data, exact.data)


def test_quick_json_declines_a_repeated_key_wherever_colons_hide():
    for text in (
        '{"a": 1, "a": 2}',
        '{"x": {"a": 1, "a": 2}}',
        '{"a": "one\\u003atwo", "b": 1, "b": 2}',
        '{"a": "\\": ", "b": 1, "b": 2}',
    ):
        assert parse.quick(text.encode()) is None, text
    assert parse.quick(b'{"a": "x: y", "b": "\\": "}') == {"a": "x: y", "b": '": '}


def test_quick_json_declines_a_repeated_node_id_far_into_a_large_tree():
    nodes = ",".join(f'"n:{i}": {{"text": "t: {i}"}}' for i in range(3 * parse.CHUNK))
    assert parse.quick(f'{{"format": 1, "nodes": {{{nodes}}}}}'.encode()) is not None
    again = f'"n:{3 * parse.CHUNK - 2}": {{"text": "t"}}'
    assert parse.quick(f'{{"format": 1, "nodes": {{{nodes}, {again}}}}}'.encode()) is None


def test_quick_json_reads_a_plain_tree():
    doc = {"format": 1, "nodes": {"a": {"text": "Time: 10:30"}}}
    assert parse.quick(json.dumps(doc, indent=2).encode()) == doc
    assert parse.quick(b"\xef\xbb\xbf" + json.dumps(doc).encode()) == doc


def test_a_format_number_past_64_bits_is_read_exactly():
    raw = json.dumps({"format": 2**64 + 1, "id": "t"}).encode()
    assert parse.quick(raw) == {"format": 2**64 + 1, "id": "t"}
    assert [f.message for f in load_bytes(raw).findings] == [
        f"this file is format {2**64 + 1}, but this quiz reads formats 1 to 1"
    ]


@given(valid_trees(max_nodes=6) | damaged_trees())
def test_loading_gives_what_the_exact_road_gives(doc):
    raw = dumps(doc)
    assert load_bytes(raw, "t.json") == _load_exactly(raw, "t.json")


@given(valid_trees(max_nodes=8))
def test_quickly_built_values_equal_those_attrs_builds(doc):
    tree = structure.quick(doc)
    assert isinstance(tree, Tree)
    for node_id, node in tree.nodes.items():
        if type(node) is Question:
            choices = tuple(Choice(c.label, c.next) for c in node.choices)
            rebuilt = Question(text=node.text, help=node.help, choices=choices)
            assert node == rebuilt and hash(node) == hash(rebuilt), node_id
            assert doc["nodes"][node_id].get("help") == node.help
