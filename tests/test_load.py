"""Loading: bytes to JSON to a tree, with every problem a located finding and never a traceback."""

import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.findings import Anchor
from quiz.format.migrate import migrate
from quiz.load.positions import Text
from tests.strategies import JSON_VALUES, valid_trees

MINIMAL = {
    "format": 1,
    "id": "t",
    "version": "1.0.0",
    "title": "T",
    "start": "end",
    "nodes": {"end": {"kind": "outcome", "title": "End", "text": "Done."}},
}


def load_doc(doc: dict):
    return load_bytes(json.dumps(doc, indent=2).encode(), "t.json")


def codes(loaded) -> list[str]:
    return [f.code for f in loaded.findings]


def only(loaded, code: str):
    assert codes(loaded) == [code], [(f.code, f.message) for f in loaded.findings]
    return loaded.findings[0]


def test_minimal_tree_loads_clean():
    loaded = load_doc(MINIMAL)
    assert loaded.ok and loaded.findings == ()
    assert loaded.tree.nodes["end"].title == "End"


def test_utf8_bom_is_accepted():
    loaded = load_bytes(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode())
    assert loaded.ok


@pytest.mark.parametrize("raw", [b"", b"   \n\t  "])
def test_empty_file(raw):
    finding = only(load_bytes(raw), "Q102")
    assert (finding.line, finding.column) == (1, 1)


def test_not_utf8_says_where():
    finding = only(load_bytes(b'{\n  "id": "caf\xe9"\n}'), "Q101")
    assert (finding.line, finding.column) == (2, 13)
    assert "0xe9" in finding.message


def test_syntax_error_says_line_and_column():
    finding = only(load_bytes(b'{\n  "format": 1,\n  "id": "x",\n}'), "Q103")
    assert (finding.line, finding.column) == (4, 1)
    assert "trailing comma" in finding.hint


def test_deep_nesting_is_a_finding_not_a_crash():
    finding = only(load_bytes(b'{"nodes": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"), "Q105")
    assert finding.line == 1


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e400", b"9" * 5000])
def test_numbers_json_cannot_carry(number):
    finding = only(load_bytes(b'{\n "format": 1,\n "x": ' + number + b"}"), "Q106")
    assert (finding.line, finding.column) == (3, 7)


@pytest.mark.parametrize("value", ["[]", '"tree"', "1", "null"])
def test_top_level_must_be_an_object(value):
    only(load_bytes(value.encode()), "Q107")


def test_duplicate_node_id_is_reported_where_the_second_stands():
    text = (
        '{"format": 1, "id": "t", "version": "1.0.0", "title": "T", "start": "end",\n'
        ' "nodes": {\n'
        '  "end": {"kind": "outcome", "title": "A", "text": "a"},\n'
        '  "end": {"kind": "outcome", "title": "B", "text": "b"}\n'
        " }}"
    )
    finding = only(load_bytes(text.encode()), "Q104")
    assert (finding.line, finding.column) == (4, 3)
    assert finding.node == "end" and "first on line 3" in finding.message


def test_duplicate_key_in_a_choice():
    doc = json.dumps(MINIMAL)[:-1] + ', "scenarios": [{"name": "a", "name": "b", "answers": [], "outcome": "end"}]}'
    finding = only(load_bytes(doc.encode()), "Q104")
    assert finding.path == ("scenarios", 0, "name")


def test_newer_format_is_refused_naming_both_versions():
    finding = only(load_doc({**MINIMAL, "format": 7}), "Q201")
    assert "format 7" in finding.message and "1" in finding.message
    assert "upgrade" in finding.hint


@pytest.mark.parametrize("value", [True, "1", 1.0, None, 0, [1]])
def test_format_must_be_a_positive_integer(value):
    finding = only(load_doc({**MINIMAL, "format": value}), "Q202")
    assert finding.path == ("format",)


def test_missing_format():
    doc = {k: v for k, v in MINIMAL.items() if k != "format"}
    only(load_doc(doc), "Q202")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("id", None, "not null"),
        ("id", 1, "not a number"),
        ("title", True, "not a boolean"),
        ("title", ["T"], "not an array"),
        ("description", None, "not null"),
    ],
)
def test_nothing_is_coerced_to_text(key, value, expected):
    finding = only(load_doc({**MINIMAL, key: value}), "Q205")
    assert finding.path == (key,) and expected in finding.message


def test_string_where_a_list_is_due():
    doc = {**MINIMAL, "scenarios": [{"name": "s", "answers": "abc", "outcome": "end"}]}
    finding = only(load_doc(doc), "Q205")
    assert finding.path == ("scenarios", 0, "answers")
    assert "brackets" in finding.hint


def test_unknown_key_suggests_the_nearest():
    doc = json.loads(json.dumps(MINIMAL))
    doc["nodes"]["end"]["titel"] = "x"
    finding = only(load_doc(doc), "Q204")
    assert finding.hint == "did you mean 'title'?"
    assert finding.node == "end"
    assert (finding.line, finding.column) == (12, 7)


def test_schema_key_is_allowed_and_kept():
    loaded = load_doc({"$schema": "./schema.json", **MINIMAL})
    assert loaded.ok
    assert loaded.tree.schema == "./schema.json"


def test_unknown_kind_suggests_the_nearest():
    doc = json.loads(json.dumps(MINIMAL))
    doc["nodes"]["end"]["kind"] = "outcom"
    finding = only(load_doc(doc), "Q206")
    assert finding.hint == "did you mean 'outcome'?"


def test_missing_key_points_at_the_object():
    doc = json.loads(json.dumps(MINIMAL))
    del doc["nodes"]["end"]["text"]
    finding = only(load_doc(doc), "Q203")
    assert finding.path == ("nodes", "end") and "`text`" in finding.message


def test_all_structure_problems_are_reported_at_once():
    doc = json.loads(json.dumps(MINIMAL))
    doc["title"] = None
    doc["nodes"]["end"]["text"] = 3
    doc["nodes"]["other"] = "nope"
    assert sorted(codes(load_doc(doc))) == ["Q205", "Q205", "Q205"]


def test_migration_chain_runs_each_step_in_order():
    def one_to_two(tree):
        return attrs.evolve(tree, format=2, title=tree.title + " (2)")

    def two_to_three(tree):
        return attrs.evolve(tree, format=3, title=tree.title + " (3)")

    tree = attrs.evolve(load_doc(MINIMAL).tree, format=1)
    moved = migrate(tree, steps={1: one_to_two, 2: two_to_three}, current=3)
    assert (moved.format, moved.title) == (3, "T (2) (3)")
    assert migrate(tree, steps={}, current=1) is tree


# Every key the format defines, and one it does not.
KEYS = ["$schema", "format", "id", "version", "title", "description", "language", "start", "nodes", "scenarios"]
KEYS += ["kind", "text", "help", "choices", "label", "next", "name", "answers", "outcome", "extra"]


@st.composite
def edited_trees(draw: st.DrawFn) -> dict:
    """A valid tree with one object edited: a key, or an item of a list, set to any JSON value; or a key taken out.

    The object is drawn kind by kind, and the key mostly from its own, so that scenarios and
    their answers are edited as often as the many questions.
    """
    doc = draw(valid_trees(max_nodes=8))
    nodes = list(doc["nodes"].values())
    kinds = {"tree": [doc], "choice": [c for n in nodes for c in n.get("choices", ())], "scenario": doc["scenarios"]}
    for node in nodes:
        kinds.setdefault(node["kind"], []).append(node)
    target = draw(st.sampled_from(draw(st.sampled_from([objects for objects in kinds.values() if objects]))))
    key = draw(st.sampled_from(KEYS if draw(st.integers(0, 3)) == 0 else sorted(target)))
    edit = draw(st.sampled_from(["set", "item", "remove"]))
    if edit == "remove":
        target.pop(key, None)
    elif edit == "item" and isinstance(target.get(key), list) and target[key]:
        target[key][draw(st.integers(0, len(target[key]) - 1))] = draw(JSON_VALUES)
    else:
        target[key] = draw(JSON_VALUES)
    return doc


@settings(max_examples=400)
@given(edited_trees())
def test_the_quick_readers_give_the_converters_verdict(doc):
    """The fast road may only be quicker: what it accepts, the converter reads alike; what that refuses, it declines."""
    from quiz.check import ProofCollector
    from quiz.format.convert import structure
    from quiz.load import fast
    from tests.strategies import dumps

    known = type(doc.get("format")) is int and doc["format"] in (1, 2)
    exact, _ = structure(doc, doc["format"]) if known else (None, [])
    tree = fast.read(dumps(doc), ProofCollector())
    assert tree == exact or (tree is None and exact is not None)  # it may decline what it need not judge


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(alphabet='{}[]"\\:, ab\n'),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='{}[]"\\ab'), inner, max_size=3),
        max_leaves=30,
    ),
    st.sampled_from([None, 0, 2]),
)
def test_a_value_passed_over_is_passed_over_exactly(value, indent):
    """Locating a key after a value steps over that value whole, however deep and whatever its strings hold."""
    head = '{"a": ' + json.dumps(value, indent=indent) + ",\n "
    text = Text(head + '"b": 1}')
    assert text.offsets({(("b",), Anchor.KEY)}) == {(("b",), Anchor.KEY): len(head)}
