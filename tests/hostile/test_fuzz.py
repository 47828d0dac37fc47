"""Every command on hostile input: no output ever holds a control character the input held, and none raises.

The poisoned trees are valid trees whose texts, ids and file name have control characters,
bidi overrides and lone surrogates put in at random; the fuzzed files are arbitrary bytes
and damaged trees. Each is given to every command that reads a tree, in every output format.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from quiz.cli import main
from quiz.text import CONTROL
from tests.strategies import damaged_trees, dumps, valid_trees

POISON = ["\x1b[2J", "\x1b]0;title\x07", "\x9b1A", "\u202e", "\u2066", "\x00", "\r", "\x08", "\x7f", "\ud800"]
NAME_POISON = ["\x1b[1A\x1b[2K", "\x9b", "\u202e", "\r", "\n", "\t"]


def commands(path: str, other: str) -> list[list[str]]:
    """Every command that reads a tree file, in each of its output formats."""
    check = [["check", *extra, path] for extra in ([], ["--output-format", "json"], ["--output-format", "github"])]
    return [
        *check,
        ["check", "--stats", "--coverage", path],
        ["check", "--stats", "--coverage", "--output-format", "json", path],
        ["graph", path],
        ["graph", "--format", "dot", path],
        ["fmt", "--check", path],
        ["migrate", "--check", path],
        ["diff", path, other],
        ["diff", "--output-format", "json", other, path],
        ["preview", path],
    ]


def run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue() + err.getvalue()


@st.composite
def poisoned(draw: st.DrawFn) -> dict[str, Any]:
    """A valid tree with control characters put into some of its texts and ids."""
    doc = draw(valid_trees(max_nodes=6))

    def spoil(text: str) -> str:
        if not draw(st.booleans()):
            return text
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from(POISON)) + text[at:]

    renamed = {old: spoil(old) for old in doc["nodes"]}
    doc["nodes"] = {renamed[k]: v for k, v in doc["nodes"].items()}
    doc["start"] = renamed[doc["start"]]
    for node in doc["nodes"].values():
        for key in ("text", "title", "help"):
            if key in node:
                node[key] = spoil(node[key])
        if "next" in node:
            node["next"] = renamed[node["next"]]
        for choice in node.get("choices", ()):
            choice["label"], choice["next"] = spoil(choice["label"]), renamed[choice["next"]]
    for scenario in doc["scenarios"]:
        scenario["name"] = spoil(scenario["name"])
        scenario["answers"] = [spoil(a) for a in scenario["answers"]]
        scenario["outcome"] = renamed.get(scenario["outcome"], scenario["outcome"])
    doc["title"], doc["id"] = spoil(doc["title"]), spoil(doc["id"])
    return doc


@given(poisoned(), valid_trees(max_nodes=5), st.sampled_from(NAME_POISON))
def test_no_output_holds_a_control_character_from_its_input(tmp_path_factory, doc, other, poison) -> None:
    folder = tmp_path_factory.mktemp("poison")
    path = folder / f"tree{poison}name.json"
    path.write_bytes(json.dumps(doc).encode())  # escapes: the file itself is plain ASCII
    (folder / "other.json").write_bytes(dumps(other))
    for args in commands(str(path), str(folder / "other.json")):
        code, out = run(args)
        assert code in (0, 1, 2), args
        assert not CONTROL.search(out.replace("\n", "")), (args, out)
        assert not re.search("[\u2028\u2029]", out)


@given(st.binary(max_size=300) | damaged_trees().map(dumps) | valid_trees(max_nodes=5).map(dumps))
def test_every_command_takes_any_file(tmp_path_factory, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path, other = folder / "t.json", folder / "u.json"
    path.write_bytes(raw)
    other.write_bytes(raw[::-1])
    for args in [*commands(str(path), str(other)), ["fmt", str(path)], ["migrate", str(path)]]:
        code, out = run(args)
        assert code in (0, 1, 2), (args, out)
