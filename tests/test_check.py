"""The checker: each rule by example, then hypothesis against random trees and a slow reference."""

import json
import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.check.graph import search, walks
from quiz.format.convert import structure
from tests.strategies import BREAKS, break_tree, dumps, valid_trees


def tree_doc(nodes: dict, start: str = "q", **extra) -> dict:
    return {"format": 1, "id": "t", "version": "1.0.0", "title": "T", "start": start, "nodes": nodes, **extra}


def q(*nexts: str, text: str = "Which?") -> dict:
    return {"kind": "question", "text": text, "choices": [{"label": f"c{i}", "next": n} for i, n in enumerate(nexts)]}


def out(title: str = "End") -> dict:
    return {"kind": "outcome", "title": title, "text": "Advice."}


def findings(doc: dict):
    return load_bytes(json.dumps(doc, indent=1).encode(), "t.json").findings


def codes(doc: dict) -> list[str]:
    return [f.code for f in findings(doc)]


def test_missing_start_suggests_nearest():
    [f] = findings(tree_doc({"q": q("end", "end"), "end": out()}, start="qq"))
    assert f.code == "Q301" and f.hint == "did you mean 'q'?"


def test_dangling_next_has_hint_and_witness():
    doc = tree_doc({"q": q("mid", "end"), "mid": q("no-contct", "end"), "end": out(), "no-contact": out()})
    doc["nodes"]["q"]["choices"].append({"label": "c2", "next": "no-contact"})
    [f] = findings(doc)
    assert f.code == "Q302"
    assert f.hint == "did you mean 'no-contact'?"
    assert f.witness == ("q", "mid")
    assert f.path == ("nodes", "mid", "choices", 0, "next")
    assert f.node == "mid"


def test_cycle_witness_is_the_loop_in_order():
    doc = tree_doc({"q": q("a", "end"), "a": q("b", "end"), "b": q("c", "end"), "c": q("a", "end"), "end": out()})
    [f] = findings(doc)
    assert f.code == "Q304"
    assert "a → b → c → a" in f.message
    assert f.witness == ("q", "a", "b", "c", "a")
    assert f.path == ("nodes", "c", "choices", 0, "next")


def test_self_loop_through_an_info_page():
    doc = tree_doc({"q": q("i", "end"), "i": {"kind": "info", "text": "x", "next": "i"}, "end": out()})
    assert codes(doc) == ["Q304"]


def test_one_finding_per_orphaned_region():
    doc = tree_doc({"q": q("end", "end"), "end": out(), "lost": q("lost2", "lost3"), "lost2": out(), "lost3": out()})
    [f] = findings(doc)
    assert f.code == "Q303" and f.node == "lost" and "nor 2 nodes" in f.message


def test_orphaned_loop_is_reported_once():
    doc = tree_doc({"q": q("end", "end"), "end": out(), "x": q("y", "y"), "y": q("x", "x")})
    assert codes(doc) == ["Q303"]


def test_question_without_choices_is_a_dead_end_with_witness():
    doc = tree_doc({"q": q("dead", "end"), "dead": {"kind": "question", "text": "?", "choices": []}, "end": out()})
    [f] = findings(doc)
    assert f.code == "Q305" and f.witness == ("q", "dead")


def test_duplicate_labels_ignore_case_and_spacing():
    doc = tree_doc({"q": q("end", "end"), "end": out()})
    doc["nodes"]["q"]["choices"][1]["label"] = "  C0 "
    [f] = findings(doc)
    assert f.code == "Q306" and f.path == ("nodes", "q", "choices", 1, "label")


def test_empty_and_control_character_texts():
    doc = tree_doc({"q": q("end", "end", text=" \n "), "end": out(title="a\x1b[2Jb")})
    assert codes(doc) == ["Q307", "Q308"]


def test_one_line_texts_hold_no_line_breaks_but_markdown_may():
    doc = tree_doc({"q": q("end", "end", text="line\nline"), "end": out(title="two\nlines")})
    assert codes(doc) == ["Q308"]


def test_bidi_override_is_a_control_character():
    doc = tree_doc({"q": q("end", "end", text="abc\u202edef"), "end": out()})
    assert codes(doc) == ["Q308"]


def test_warnings():
    doc = tree_doc({"q": q("end"), "end": out()}, version="v1")
    assert sorted(codes(doc)) == ["Q501", "Q502"]


def test_scenarios():
    nodes = {"q": q("i", "end"), "i": {"kind": "info", "text": "x", "next": "q2"}, "q2": q("end", "other")}
    nodes |= {"end": out(), "other": out()}
    scenarios = [
        {"name": "fine", "answers": ["c0", "c1"], "outcome": "other"},
        {"name": "typo", "answers": ["c0", "c9"], "outcome": "other"},
        {"name": "short", "answers": ["c0"], "outcome": "other"},
        {"name": "long", "answers": ["c1", "c0"], "outcome": "end"},
        {"name": "elsewhere", "answers": ["c0", "c0"], "outcome": "other"},
        {"name": "nowhere", "answers": [], "outcome": "i"},
    ]
    found = findings(tree_doc(nodes, scenarios=scenarios))
    assert [(f.code, f.path) for f in found] == [
        ("Q401", ("scenarios", 1, "answers", 1)),
        ("Q402", ("scenarios", 2, "outcome")),
        ("Q401", ("scenarios", 3, "answers", 1)),  # an answer given where the walk has ended
        ("Q402", ("scenarios", 4, "outcome")),
        ("Q403", ("scenarios", 5, "outcome")),
    ]
    typo, short, long, elsewhere, nowhere = found
    assert "'typo'" in typo.message and "answer 2" in typo.message and typo.witness == ("q", "i", "q2")
    assert "question 'q2'" in short.message
    assert "outcome 'end'" in long.message
    assert "outcome 'end'" in elsewhere.message and "'other'" in elsewhere.message
    assert "is a info" not in nowhere.message and "not an outcome" in nowhere.message


def test_long_chain_checks_without_recursion():
    n = 100_000
    nodes = {f"n{i}": q(f"n{i + 1}", f"n{i + 1}") for i in range(n)}
    nodes[f"n{n}"] = out()
    loaded = load_bytes(json.dumps(tree_doc(nodes, start="n0")).encode())
    assert loaded.ok and sys.getrecursionlimit() < n
    facts = walks(loaded.tree)
    assert facts.most_steps["n0"] == n
    assert facts.paths.exact is None and round(facts.paths.log10) == round(n * 0.30103)


def test_path_counts_are_exact_up_to_10_to_the_18():
    for layers, exact in ((59, True), (60, False)):
        nodes = {f"n{i}": q(f"n{i + 1}", f"n{i + 1}") for i in range(layers)}
        nodes[f"n{layers}"] = out()
        tree, _ = structure(tree_doc(nodes, start="n0"), 1)
        paths = walks(tree).paths
        assert (paths.exact == 2**layers) if exact else (paths.exact is None and str(paths) == "about 10^18")


# --- hypothesis ------------------------------------------------------------------------------


@given(valid_trees())
def test_random_valid_trees_check_clean(doc):
    found = load_bytes(dumps(doc)).findings
    assert found == (), [(f.code, f.message) for f in found]


@given(valid_trees(), st.data())
def test_random_walks_end_at_an_outcome_within_the_longest_walk(doc, data):
    tree = load_bytes(dumps(doc)).tree
    longest = walks(tree).most_steps[tree.start]
    node_id, steps = tree.start, 0
    while tree.nodes[node_id].kind != "outcome":
        node = tree.nodes[node_id]
        node_id = data.draw(st.sampled_from(node.choices)).next if node.kind == "question" else node.next
        steps += 1
        assert steps <= longest
    assert tree.nodes[node_id].kind == "outcome"


@given(valid_trees(), st.sampled_from(sorted(BREAKS)), st.data())
def test_each_way_of_breaking_a_tree_gives_its_one_finding(doc, how, data):
    broken = break_tree(doc, how, data.draw)
    found = load_bytes(dumps(broken)).findings
    assert [f.code for f in found] == [BREAKS[how]], [(f.code, f.message) for f in found]
    assert found[0].line > 1


# --- the slow reference ------------------------------------------------------------------------


def reference(nodes: dict, start: str) -> dict:
    """Every path enumerated one by one: only feasible on small trees, and obviously right."""
    reachable, loops, dead, lengths = set(), False, set(), []

    def walk(node_id, on_path, steps):
        nonlocal loops
        if node_id not in nodes:
            dead.add(node_id)
            return
        if node_id in on_path:
            loops = True
            return
        reachable.add(node_id)
        node = nodes[node_id]
        nexts = [c["next"] for c in node.get("choices", [])] if node["kind"] == "question" else [node.get("next")]
        if node["kind"] == "outcome":
            lengths.append(steps)
            return
        if not nexts:
            dead.add(node_id)
        for n in nexts:
            walk(n, on_path | {node_id}, steps + 1)

    if start in nodes:
        walk(start, frozenset(), 0)
    return {"reachable": reachable, "loops": loops, "dead": dead, "lengths": lengths}


@st.composite
def small_graphs(draw):
    ids = draw(st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=7, unique=True))
    targets = st.sampled_from([*ids, "zz"])
    nodes = {}
    for node_id in ids:
        kind = draw(st.sampled_from(["question", "info", "outcome"]))
        if kind == "question":
            nexts = draw(st.lists(targets, max_size=3))
            nodes[node_id] = {
                "kind": kind,
                "text": "?",
                "choices": [{"label": f"{i}", "next": n} for i, n in enumerate(nexts)],
            }
        elif kind == "info":
            nodes[node_id] = {"kind": kind, "text": "i", "next": draw(targets)}
        else:
            nodes[node_id] = out()
    return nodes, draw(st.sampled_from([*ids, "zz"]))


@given(small_graphs())
def test_linear_checker_agrees_with_the_slow_reference(graph):
    nodes, start = graph
    expected = reference(nodes, start)
    loaded = load_bytes(json.dumps(tree_doc(nodes, start=start)).encode())
    found = search(loaded.tree)
    assert set(found.parent) == expected["reachable"]
    assert bool(found.loops) == expected["loops"]
    reported = {f.code for f in loaded.findings}
    assert ("Q303" in reported) == bool(start in nodes and set(nodes) - expected["reachable"])
    every_path_ends = not expected["loops"] and not expected["dead"] and start in nodes
    blocking = {
        f.code
        for f in loaded.findings
        if f.code in {"Q301", "Q302", "Q304", "Q305"} and (f.node is None or f.node in expected["reachable"])
    }
    assert every_path_ends == (not blocking)
    if every_path_ends:
        facts = walks(loaded.tree, found.postorder)
        assert facts.paths.exact == len(expected["lengths"])
        assert facts.fewest_steps[start] == min(expected["lengths"])
        assert facts.most_steps[start] == max(expected["lengths"])


def test_the_quick_label_comparison_knows_every_space_character():
    from quiz.check.texts import OTHER_SPACE

    listed = set(re.findall(f"[{OTHER_SPACE}]", "".join(map(chr, range(0x110000)))))
    assert listed == {chr(c) for c in range(0x110000) if chr(c).isspace() and c != 0x20}


# --- the quick proofs against the rules one text at a time ------------------------------------

# Texts that differ only in what the rules look through (case, spacing), and a few to spare.
LOOK_ALIKE = ["a b", "a  b", "A B", " a b", "a b ", "a\xa0b", "a\tb", "a\nb", "ß", "ss", "SS", "", " ", "a\x00b"]
TRICKY = st.sampled_from(LOOK_ALIKE) | st.text(
    alphabet=[" ", "a", "B", "b", "ß", "S", "s", "é", "\x00", "\t", "\n", "\xa0", "\u2028", "\u200d", "\u202e"]
)
TEXT_KEYS = {"id", "title", "description", "language", "text", "help", "label", "name"}


def text_slots(value):
    """Every (container, key) holding a text the text rules apply to; node ids and links are left out."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        if key in TEXT_KEYS and isinstance(child, str):
            yield value, key
        elif key != "answers":
            yield from text_slots(child)


@given(valid_trees(max_nodes=8), st.integers(1, 3), st.data())
def test_the_quick_text_and_label_proofs_agree_with_the_rules_one_by_one(doc, part, data):
    """Taken a few nodes at a time, so that the parts' seams are crossed too."""
    from quiz.check import prove
    from quiz.check.questions import question_findings
    from quiz.check.texts import text_findings
    from quiz.text import CONTROL

    slots = list(text_slots(doc))
    for container, key in data.draw(st.lists(st.sampled_from(slots), max_size=4)):
        container[key] = data.draw(TRICKY)
    question = data.draw(st.sampled_from([n for n in doc["nodes"].values() if n["kind"] == "question"]))
    for choice in question["choices"]:
        choice["label"] = data.draw(TRICKY)
    tree, _ = structure(doc, 1)
    texts = [container[key] for container, key in text_slots(doc)] + list(doc["nodes"])
    plain = all(t and " ".join(t.split()) == t and not CONTROL.search(t) for t in texts)
    clean = not list(text_findings(tree))
    sound = not list(question_findings(tree, lambda: search(tree)))
    proofs = prove(tree, part)
    quick_sound, quick_clean = proofs.questions_sound, proofs.texts_clean
    assert quick_clean == clean or (not plain and clean)
    assert quick_sound == sound or (not plain and sound)


# --- cost, by counting --------------------------------------------------------------------------


class _Reads:
    """Counts how often each key or index is read."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.reads: dict = {}

    def __getitem__(self, key):
        self.reads[key] = self.reads.get(key, 0) + 1
        return super().__getitem__(key)


class Counting(_Reads, dict):
    """A mapping that counts how often each key is read."""


class CountingList(_Reads, list):
    """A list that counts how often each index is read."""


@given(valid_trees(max_nodes=30))
def test_the_proof_and_the_walks_read_each_node_once(doc):
    """However many ways lead into a shared node, its successors are read once, not once per way in."""
    import attrs

    from quiz.check.graph import numbered, order, sound

    tree = load_bytes(dumps(doc)).tree
    succ, start = numbered(tree)
    counted = CountingList(succ)
    assert sound(counted, start)
    assert set(counted.reads) == set(range(len(tree.nodes))) and set(counted.reads.values()) == {1}
    nodes = Counting(tree.nodes)
    walks(attrs.evolve(tree, nodes=nodes), order(tree))
    assert set(nodes.reads) == set(tree.nodes) and set(nodes.reads.values()) == {1}
