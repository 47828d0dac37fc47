"""`quiz graph`: pictures an author can use, checked by Mermaid's own parser and drawn by Graphviz."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.author.pictures import MERMAID_MAX_EDGES, dot, mermaid
from quiz.cli import main
from tests.conftest import REPO
from tests.strategies import dumps, valid_trees
from tests.walk_trees import format2_trees

TREES = valid_trees() | format2_trees()  # every node kind, conditions on the edges

MERMAID_DIR = REPO / "tests" / "mermaid"
COFFEE = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())

MERMAID_LINE = re.compile(
    r'  (n\d+(\{"[^"]*"\}|\("[^"]*"\)|\(\["[^"]*"\]\)|\[/"[^"]*"/\]|\{\{"[^"]*"\}\}|\["missing: [^"]*"\])'
    r'|s\(\("start"\)\)'
    r'|class (n\d+|s) \w+|(n\d+|s) (-->|-\.->)(\|"[^"|]*"\|)? n\d+|classDef .*)'
)
DOT_STRING = r'"(?:[^"\\\n]|\\.)*"'
DOT_EDGE = rf"( \[label={DOT_STRING}(, style=dashed, constraint=false)?\]| \[style=dashed, constraint=false\])"
DOT_LINE = re.compile(
    rf"  ({DOT_STRING} \[[^\n]*label={DOT_STRING}\];|{DOT_STRING} -> {DOT_STRING}{DOT_EDGE}?;"
    rf"|{DOT_STRING} \[shape=box, style=dashed, color=\"#b91c1c\"\];|(node|edge) \[fontname=\"Helvetica\"\];)"
)


def quiz(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def mermaid_verdicts(texts: list[str]) -> list[str]:
    """What Mermaid's own parser says of each text: "ok" or its error."""
    node = shutil.which("node")
    assert node and (MERMAID_DIR / "node_modules" / "mermaid").is_dir(), "run: npm install --prefix tests/mermaid"
    proc = subprocess.run(
        [node, str(MERMAID_DIR / "parse.mjs")], input="\n%%%%\n".join(texts), capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    verdicts: list[str] = json.loads(proc.stdout)
    return verdicts


def _tree(doc: dict) -> object:
    tree = load_bytes(dumps(doc)).tree
    assert tree is not None
    return tree


@given(TREES)
def test_graphs_always_parse_whatever_the_text(doc):
    tree = _tree(doc)
    lines = mermaid(tree).splitlines()
    assert lines[0] == "flowchart TD"
    for line in lines[1:]:
        assert MERMAID_LINE.fullmatch(line), line
    lines = dot(tree).splitlines()
    assert re.fullmatch(rf"digraph {DOT_STRING} \{{", lines[0]) and lines[-1] == "}"
    for line in lines[1:-1]:
        assert DOT_LINE.fullmatch(line), line


@settings(max_examples=5, suppress_health_check=[HealthCheck.data_too_large])
@given(st.lists(valid_trees(max_nodes=10) | format2_trees(), min_size=1, max_size=8))
def test_mermaid_s_own_parser_accepts_every_picture(docs):
    texts = [mermaid(_tree(doc)) for doc in docs]
    assert mermaid_verdicts(texts) == ["ok"] * len(texts)


def test_blank_texts_never_give_mermaid_an_empty_label():
    doc = json.loads(json.dumps(COFFEE))
    doc["nodes"]["awake"]["text"] = "   "
    doc["nodes"]["awake"]["choices"][0]["label"] = " "
    doc["nodes"]["strong"]["title"] = "\t"
    doc["nodes"]["latte"]["title"] = ""
    text = mermaid(_tree(doc))
    assert '""' not in text and text.count("(blank)") == 4
    ours, empty = mermaid_verdicts([text, 'flowchart TD\n  n0{""}\n'])
    assert ours == "ok" and empty != "ok", "Mermaid accepts ours and refuses an empty label"


def test_pictures_show_node_ids_and_mark_the_start(capsys):
    code, out, _ = quiz(capsys, "graph", str(REPO / "tests" / "trees" / "coffee.json"))
    assert code == 0 and 'n0{"awake<br/>How awake are you?"}' in out and 'n4(["latte<br/>Latte"])' in out
    assert '  s(("start"))' in out and "  s --> n0" in out
    code, out, _ = quiz(capsys, "graph", "--format", "dot", str(REPO / "tests" / "trees" / "coffee.json"))
    assert (
        code == 0
        and '"awake" [shape=diamond, style=filled, fillcolor="#dbeafe", label="awake\\nHow awake are you?"];' in out
    )
    assert '  "start" -> "awake";' in out


def test_a_node_called_start_keeps_its_own_name_in_dot():
    doc = json.loads(json.dumps(COFFEE).replace('"awake"', '"start"'))
    text = dot(_tree(doc))
    assert '  "start_" -> "start";' in text and '"start" [shape=diamond' in text


def test_graph_shapes_edges_and_escaping(capsys):
    code, out, _ = quiz(capsys, "graph", str(REPO / "tests" / "trees" / "markup.json"))
    assert code == 0
    assert re.search(r'n0\{"[^"]*<br/>Click \[@click=app.quit\]here\[/\] to win\?"\}', out)  # a question is a diamond
    assert re.search(r'n1\("[^"]*<br/>\[reverse\]Page\[/reverse\]"\)', out) and re.search(
        r'n2\(\["[^"]*<br/>\[i\]End\[/i\]"\]\)', out
    )
    assert 'n0 -->|"[link=https://example.com]Link[/link]"| n2' in out
    code, out, _ = quiz(capsys, "graph", "--format", "dot", "get-him-back")
    assert code == 0 and '"who-ended-it" -> "ended-when" [label="I did\\nended_by = \'me\'"];' in out
    route = '"after-ended" -> "why-you-ended-it" [label="1. ended_by == \'me\'"];'
    assert route in out, "a route's edge shows its condition"


def _chain(length: int) -> dict:
    """`length` questions in a row, each with a way on and a way out: with the start, 2 * length + 1 edges."""
    nodes = {
        f"q{i}": {"kind": "question", "text": f"Step {i}?",
                  "choices": [{"label": "On", "next": f"q{i + 1}"}, {"label": "Stop", "next": "end"}]}
        for i in range(length)
    }  # fmt: skip
    nodes[f"q{length}"] = {"kind": "outcome", "title": "Last", "text": "x"}
    nodes["end"] = {"kind": "outcome", "title": "End", "text": "x"}
    return {"format": 1, "id": "big", "version": "1.0.0", "title": "Big", "start": "q0", "nodes": nodes}


def test_a_tree_past_mermaid_s_limits_is_refused_with_a_pointer_to_dot(capsys, tmp_path):
    path = tmp_path / "big.json"
    path.write_text(json.dumps(_chain(MERMAID_MAX_EDGES // 2)))
    code, out, err = quiz(capsys, "graph", str(path))
    assert code == 2 and out == ""
    assert "too large to draw in Mermaid" in err and "edges; Mermaid draws at most 500" in err and "--format dot" in err
    code, out, _ = quiz(capsys, "graph", "--format", "dot", str(path))
    assert code == 0 and out.count(" -> ") == 2 * (MERMAID_MAX_EDGES // 2) + 1
    path.write_text(json.dumps(_chain(MERMAID_MAX_EDGES // 2 - 2)))
    code, out, _ = quiz(capsys, "graph", str(path))
    assert code == 0 and mermaid_verdicts([out]) == ["ok"]


def test_long_texts_past_mermaid_s_text_size_are_refused_too(capsys, tmp_path):
    doc = _chain(120)
    for node in doc["nodes"].values():
        node["text" if node["kind"] == "question" else "title"] = "x" * 59
        for choice in node.get("choices", []):
            choice["label"] += " " + "y" * 200
    path = tmp_path / "wordy.json"
    path.write_text(json.dumps(doc))
    code, _, err = quiz(capsys, "graph", str(path))
    assert code == 2 and "characters; Mermaid reads at most 50,000" in err


def _graph(*args: str, path: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "quiz", "graph", *args], capture_output=True, env=env, timeout=120)


def test_svg_and_png_are_drawn_by_graphviz():
    assert shutil.which("dot"), "Graphviz is needed: apt-get install graphviz (.ci/run installs it)"
    svg = _graph("--format", "svg", "get-him-back")
    assert svg.returncode == 0 and b"<svg" in svg.stdout and b">coping<" in svg.stdout
    png = _graph("--format", "png", "get-him-back")
    assert png.returncode == 0 and png.stdout.startswith(b"\x89PNG\r\n\x1a\n")


def test_without_graphviz_svg_says_how_to_get_it(tmp_path):
    done = _graph("--format", "svg", "get-him-back", path=str(tmp_path))
    assert done.returncode == 2 and done.stdout == b""
    assert b"needs Graphviz's `dot` program, which is not on PATH" in done.stderr and b"--format dot" in done.stderr
    assert b"Traceback" not in done.stderr


def test_png_is_never_written_to_a_terminal(tmp_path):
    import pty

    leader, follower = pty.openpty()
    command = [sys.executable, "-m", "quiz", "graph", "--format", "png", "get-him-back"]
    proc = subprocess.run(command, stdout=follower, stderr=subprocess.PIPE, timeout=60)
    os.close(follower)
    os.close(leader)
    assert proc.returncode == 2 and b"a PNG is binary" in proc.stderr


def test_graph_of_a_tree_that_does_not_fit_the_format_exits_1(capsys, tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": 1}')
    code, out, err = quiz(capsys, "graph", str(path))
    assert code == 1 and out == "" and "Q203" in err


FACTS = json.loads((REPO / "tests" / "trees" / "breakup.json").read_text())


def test_routes_are_drawn_with_each_branch_s_condition_in_the_order_they_are_read():
    tree = _tree(FACTS)
    text = mermaid(tree)
    assert 'n3{{"which<br/>route"}}' in text
    assert [line for line in text.splitlines() if line.startswith("  n3 -")] == [
        '  n3 -->|"1. weeks #lt; 2"| n4',
        '  n3 -->|"2. not cheated and hope #gt;= 5"| n6',
        '  n3 -->|"3. otherwise"| n7',
    ]
    picture = dot(tree)
    assert '"which" -> "cool-off" [label="1. weeks < 2"];' in picture
    assert '"which" -> "talk" [label="3. otherwise"];' in picture
    assert mermaid_verdicts([text]) == ["ok"]


def test_a_choice_s_edge_shows_its_condition_and_what_it_sets_and_adds():
    tree = _tree(FACTS)
    text = mermaid(tree)
    assert '  n0 -->|"He did<br/>ended_by = #39;him#39;, hope += -2"| n1' in text.replace("'", "#39;")
    assert '  n1 -->|"He met someone else<br/>if ended_by == #39;him#39;"| n2' in text.replace("'", "#39;")
    assert '  n1 -->|"He was unfaithful<br/>cheated = true, hope += -3"| n2' in text
    assert '  n1 -->|"It had run its course"| n2' in text, "a plain choice shows its label alone"
    picture = dot(tree)
    assert '"why" -> "since" [label="He met someone else\\nif ended_by == \'him\'"];' in picture
    assert '"who" -> "why" [label="He did\\nended_by = \'him\', hope += -2"];' in picture


def test_a_choice_that_may_lead_back_is_dashed_and_others_are_not():
    tree = _tree(FACTS)
    text = mermaid(tree)
    assert '  n5 -.->|"Read that again"| n4' in text and '  n5 -->|"Yes"| n7' in text
    assert text.count("-.->") == 1
    picture = dot(tree)
    assert '"ready" -> "cool-off" [label="Read that again", style=dashed, constraint=false];' in picture
    assert picture.count("style=dashed, constraint=false") == 1
    assert '"ready" -> "talk" [label="Yes"];' in picture


def test_a_number_question_names_the_fact_it_sets_and_its_range():
    tree = _tree(FACTS)
    assert 'n2[/"since<br/>How many weeks ago did it end?<br/>sets weeks (0 to 520)"/]' in mermaid(tree)
    assert (
        '"since" [shape=parallelogram, style=filled, fillcolor="#dbeafe",'
        ' label="since\\nHow many weeks ago did it end?\\nsets weeks (0 to 520)"];' in dot(tree)
    )


def test_a_condition_with_quotes_and_brackets_parses_in_both_languages():
    doc = json.loads(json.dumps(FACTS))
    doc["facts"]["ended_by"]["values"] = ['say "no"', "it's [over] | done"]
    why = doc["nodes"]["why"]["choices"]
    why[2]["when"] = 'ended_by in ["it\'s [over] | done"]'
    doc["nodes"]["who"]["choices"][0]["set"] = {"ended_by": 'say "no"'}
    doc["nodes"]["who"]["choices"][1]["set"] = {"ended_by": "it's [over] | done"}
    doc["scenarios"][3]["facts"]["ended_by"] = "it's [over] | done"
    loaded = load_bytes(dumps(doc))
    assert loaded.ok, loaded.findings
    text = mermaid(loaded.tree)
    assert "if ended_by in [#quot;it's [over] #124; done#quot;]" in text
    assert mermaid_verdicts([text]) == ["ok"]
    picture = dot(loaded.tree)
    assert '[label="He did\\nended_by = \\"it\'s [over] | done\\", hope += -2"]' in picture
    for line in picture.splitlines()[1:-1]:
        assert DOT_LINE.fullmatch(line), line
