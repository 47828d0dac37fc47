"""The docs are part of the contract: every code is documented, and every example still raises its code."""

from __future__ import annotations

import json
import re

import pytest

from quiz import load_bytes
from quiz.findings import CODES
from quiz.format.schema import schema_text
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
TABLE_ROW = re.compile(r"^\| `([$\w]+)` \| [^|]+ \| (yes|no) \|", re.M)


def _documented_tables() -> dict[str, dict[str, bool]]:
    """Each reference section's keys and whether they are required, read from format.md."""
    tables = {}
    for heading, body in re.findall(r"^#+ (.+?)\n(.*?)(?=^#|\Z)", FORMAT_MD, re.M | re.S):
        rows = {key: required == "yes" for key, required in TABLE_ROW.findall(body)}
        if rows:
            tables[heading.strip().lower()] = rows
    return tables


def test_format_reference_matches_the_schema() -> None:
    schema = json.loads(schema_text())
    expected = {"the tree": _keys(schema)}
    names = {"question": "question", "choice": "choice", "info": "info", "outcome": "outcome", "scenarios": "scenario"}
    expected |= {heading: _keys(schema["$defs"][name]) for heading, name in names.items()}
    assert _documented_tables() == expected


def _keys(definition: dict) -> dict[str, bool]:
    return {key: key in definition.get("required", ()) for key in definition["properties"]}
