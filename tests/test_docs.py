"""The docs are part of the contract: every code is documented, and every example still raises its code."""

from __future__ import annotations

import json
import re

import pytest

from quiz import load_bytes
from quiz.cli import main
from quiz.findings import CODES
from quiz.format.schema import schema, schema_text
from tests.conftest import REPO

CODES_MD = (REPO / "docs" / "codes.md").read_text(encoding="utf-8")
SECTION = re.compile(r"^## (Q\d{3}) (\S+) \((error|warning)\)\n(.*?)(?=^## |\Z)", re.M | re.S)
BLOCK = re.compile(r"^```(json|python)\n(.*?)^```", re.M | re.S)


def _sections() -> dict[str, tuple[str, str, str]]:
    return {m[1]: (m[2], m[3], m[4]) for m in SECTION.finditer(CODES_MD)}


def test_every_code_is_documented_with_its_name_and_severity() -> None:
    sections = _sections()
    assert sorted(sections) == sorted(CODES)
    for code, (name, severity, _) in sections.items():
        assert (name, severity) == (CODES[code].name, CODES[code].severity), code


@pytest.mark.parametrize("code", sorted(CODES))
def test_documented_example_raises_its_code(code: str) -> None:
    body = _sections()[code][2]
    assert "Mend:" in body, f"{code} says how to mend it"
    kind, source = BLOCK.search(body).groups()
    raw = eval(source, {"__builtins__": {}}) if kind == "python" else source.encode()
    found = {f.code for f in load_bytes(raw).findings}
    assert code in found, found


FORMAT_MD = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
TABLE_ROW = re.compile(r"^\| `([$\w]+)` \| [^|]+ \| (yes|no) \|(.*)$", re.M)
# The headings of format.md's reference tables, and the schema definitions they describe.
OBJECTS = {
    "bool fact": "boolfact",
    "enum fact": "enumfact",
    "int fact": "intfact",
    "question": "question",
    "choice": "choice",
    "info": "info",
    "route": "route",
    "branch": "branch",
    "number": "number",
    "outcome": "outcome",
    "scenarios": "scenario",
}


def _documented_rows() -> dict[str, dict[str, tuple[bool, str]]]:
    """Each reference section's keys: whether they are required, and their meaning, read from format.md."""
    tables = {}
    for heading, body in re.findall(r"^#+ (.+?)\n(.*?)(?=^#|\Z)", FORMAT_MD, re.M | re.S):
        rows = {key: (required == "yes", meaning) for key, required, meaning in TABLE_ROW.findall(body)}
        if rows:
            tables[heading.strip().lower()] = rows
    return tables


def _definitions(version: int | None = None) -> dict[str, dict]:
    """The schema's definition of each object format.md has a table for, in the current format or `version`."""
    made = json.loads(schema_text()) if version is None else schema(version)
    return {"the tree": made} | {
        heading: made["$defs"][name] for heading, name in OBJECTS.items() if name in made["$defs"]
    }


def test_format_reference_matches_the_schema() -> None:
    documented = {heading: {key: rows[key][0] for key in rows} for heading, rows in _documented_rows().items()}
    assert documented == {heading: _keys(definition) for heading, definition in _definitions().items()}


def test_the_keys_format_2_added_to_format_1_objects_are_marked_as_format_2() -> None:
    rows = _documented_rows()
    for heading, definition in _definitions(1).items():
        for key, (_, meaning) in rows[heading].items():
            assert ("*format 2*" in meaning) == (key not in definition["properties"]), (heading, key)


def _keys(definition: dict) -> dict[str, bool]:
    return {key: key in definition.get("required", ()) for key in definition["properties"]}


AUTHORING_MD = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def _guide_trees() -> list[tuple[str, str, str]]:
    """Each whole tree the guide writes out: its id, its text, and the console block that follows it."""
    blocks = FENCE.findall(AUTHORING_MD)
    out = []
    for (kind, text), after in zip(blocks, [*blocks[1:], ("", "")], strict=True):
        try:
            doc = json.loads(text)
        except ValueError:
            continue
        if kind == "json" and isinstance(doc, dict) and "nodes" in doc:
            out.append((doc["id"], text, after[1] if after[0] == "console" else ""))
    return out


def test_the_guide_writes_out_trees_to_check():
    assert len(_guide_trees()) >= 4


@pytest.mark.parametrize(("tree", "console"), [t[1:] for t in _guide_trees()], ids=[t[0] for t in _guide_trees()])
def test_each_tree_in_the_guide_checks_as_the_guide_shows(tree, console, tmp_path, monkeypatch, capsys):
    """The guide follows each tree it writes out with `quiz check` on it; run so, it prints what the guide says."""
    command, _, shown = console.partition("\n")
    *args, name = command.removeprefix("$ quiz ").split()
    assert command.startswith("$ quiz check ") and name.endswith(".json"), "a tree is followed by its check"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / name).write_text(tree, encoding="utf-8")
    main([*args, name])
    assert capsys.readouterr().out == shown
