"""No input makes quiz raise: arbitrary bytes, arbitrary JSON, and valid trees with values swapped."""

import json
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.cli import main
from tests.strategies import JSON_VALUES, damaged_trees, dumps, valid_trees


@given(st.binary(max_size=300))
def test_arbitrary_bytes(raw):
    loaded = load_bytes(raw)
    assert loaded.tree is not None or loaded.findings


@given(JSON_VALUES)
def test_arbitrary_json(value):
    loaded = load_bytes(json.dumps(value).encode())
    assert all(f.line and f.column for f in loaded.findings)


@given(damaged_trees())
def test_damaged_trees(doc):
    loaded = load_bytes(dumps(doc))
    assert all(f.line and f.column and f.code for f in loaded.findings)


@given(st.binary(max_size=200) | valid_trees(max_nodes=5).map(dumps))
def test_the_cli_never_raises(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("fuzz") / "t.json"
    path.write_bytes(raw)
    for fmt in ("text", "json", "github"):
        assert main(["check", "--stats", "--output-format", fmt, str(path)]) in (0, 1)


def test_import_quiz_does_not_load_textual():
    code = "import sys, quiz, quiz.cli, quiz.play; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
