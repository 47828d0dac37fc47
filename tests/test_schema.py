"""The JSON Schemas: in step with `quiz schema`, every shipped tree valid under its format's, as strict as quiz."""

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import regress
from hypothesis import example, given
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.findings import CODES, Stage
from quiz.format.migrate import CURRENT
from quiz.format.model import LINE, MARKDOWN
from quiz.format.schema import TEXT_PATTERNS, schema, schema_text
from tests.conftest import REPO

TREES = [*sorted((REPO / "trees").glob("*.json")), REPO / "tests" / "trees" / "coffee.json"]


@pytest.mark.parametrize("version", range(1, CURRENT + 1))
def test_committed_schemas_match_quiz_schema(version):
    committed = REPO / "schema" / f"tree-{version}.schema.json"
    assert committed.read_text() == schema_text(version), f"run: quiz schema > {committed.relative_to(REPO)}"


@pytest.mark.parametrize("version", range(1, CURRENT + 1))
def test_schema_is_valid_draft_2020_12(version):
    jsonschema.Draft202012Validator.check_schema(schema(version))


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.name)
def test_every_shipped_tree_is_valid_under_its_formats_schema(path):
    doc = json.loads(path.read_text())
    jsonschema.Draft202012Validator(schema(doc["format"])).validate(doc)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format=3),
        lambda d: d.update(extra=1),
        lambda d: d.update(facts={"x": {"type": "bool"}}),
        lambda d: d["nodes"]["awake"].update(kind="quest"),
        lambda d: d["nodes"]["awake"].update(kind="route"),
        lambda d: d["nodes"]["awake"]["choices"][0].update(next=1),
        lambda d: d["nodes"]["awake"]["choices"][0].update(when="true"),
        lambda d: d["nodes"]["latte"].pop("title"),
        lambda d: d.update(title=""),
    ],
)
def test_the_format_1_schema_rejects_what_the_loader_rejects(change):
    doc = json.loads(TREES[-1].read_text())
    change(doc)
    assert not jsonschema.Draft202012Validator(schema(1)).is_valid(doc)


# As strict as JSON Schema can be: what quiz refuses for the format's sake, the schema refuses too.

BIN = Path(sys.executable).parent
CODES_MD = (REPO / "docs" / "codes.md").read_text(encoding="utf-8")
# Findings a schema can say too: the format's own, and the text rules. The rest (reading, links,
# loops, scenarios, style) no schema can express; docs/format.md lists them. Nor can it say the
# rules of facts (Q207-Q210): they compare a declaration's parts, or a use with the declaration,
# or read a condition's language.
FACT_RULES = {"Q207", "Q208", "Q209", "Q210"}
SCHEMA_CODES = {c for c, code in CODES.items() if code.stage is Stage.FORMAT} - FACT_RULES | {"Q307", "Q308"}
COFFEE = json.loads(TREES[-1].read_text())


def _committed(version: int) -> Path:
    return REPO / "schema" / f"tree-{version}.schema.json"


def _refused_by_check_jsonschema(files: list[Path]) -> set[str]:
    """The files check-jsonschema (its ECMAScript regexes, as editors have them) refuses under their format's schema."""
    by_version: dict[int, list[Path]] = {}
    for f in files:
        doc = json.loads(f.read_bytes())
        declared = doc.get("format") if isinstance(doc, dict) else None
        version = declared if isinstance(declared, int) and 1 <= declared <= CURRENT else CURRENT
        by_version.setdefault(version, []).append(f)
    refused = set()
    for version, group in by_version.items():
        proc = subprocess.run(
            [BIN / "check-jsonschema", "--schemafile", str(_committed(version)), "-o", "JSON", *map(str, group)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        report = json.loads(proc.stdout)
        assert not report["parse_errors"], report["parse_errors"]
        refused |= {error["filename"] for error in report["errors"]}
    return refused


@pytest.mark.parametrize("version", range(1, CURRENT + 1))
def test_the_schema_passes_its_metaschema_by_check_jsonschema(version):
    proc = subprocess.run(
        [BIN / "check-jsonschema", "--check-metaschema", str(_committed(version))], capture_output=True
    )
    assert proc.returncode == 0, proc.stdout


def _documented_examples() -> list[tuple[str, bytes]]:
    out = []
    for m in re.finditer(r"^## (Q\d{3}) .*?\n(.*?)(?=^## |\Z)", CODES_MD, re.M | re.S):
        block = re.search(r"^```(json|python)\n(.*?)^```", m[2], re.M | re.S)
        if block:
            raw = eval(block[2], {"__builtins__": {}}) if block[1] == "python" else block[2].encode()
            out.append((m[1], raw))
    return out


def test_every_tree_and_docs_example_quiz_refuses_for_the_format_is_refused_by_the_schema(tmp_path):
    files = [*sorted((REPO / "trees").glob("*.json")), *sorted((REPO / "tests" / "trees").glob("*.json"))]
    for code, raw in _documented_examples():
        try:
            json.loads(raw)
        except (ValueError, RecursionError):
            continue  # not JSON (or nested past what a reader takes): no schema reads it
        (tmp_path / f"{code}.json").write_bytes(raw)
        files.append(tmp_path / f"{code}.json")
    refused = _refused_by_check_jsonschema(files)
    expected = {str(f) for f in files if {x.code for x in load_bytes(f.read_bytes()).findings} & SCHEMA_CODES}
    documented = {f.name for f in files if f.parent == tmp_path and f.stem in SCHEMA_CODES}
    assert documented and documented <= {Path(name).name for name in expected}
    assert expected <= refused, sorted(expected - refused)
    assert {str(f) for f in (REPO / "trees").glob("*.json")}.isdisjoint(refused)


SPECIAL = "\t\n\r\x0b\x0c\x1b\x1c\x7f\x85\x9b\xa0\u1680\u2000\u2028\u2029\u202a\u202e\u2066\u2069\u3000\ufeff"


def _quiz_refuses_text(field: tuple[str, ...], text: str) -> bool:
    doc = json.loads(json.dumps(COFFEE))
    target = doc
    for key in field[:-1]:
        target = target[key]
    target[field[-1]] = text
    return any(f.code in ("Q307", "Q308") for f in load_bytes(json.dumps(doc).encode()).findings)


TEXTS = st.text(alphabet=st.sampled_from(SPECIAL + " ab") | st.characters(exclude_categories=["Cs"]), max_size=6)


@given(TEXTS)
@example("0\n")  # Python's `$` matches before a final line break; ECMAScript's does not
@example("\n0")
def test_one_line_text_pattern_refuses_exactly_what_quiz_refuses(text):
    refused = _quiz_refuses_text(("title",), text)
    assert (re.search(TEXT_PATTERNS[LINE], text) is None) == refused
    assert (regress.Regex(TEXT_PATTERNS[LINE], "u").find(text) is None) == refused


@given(TEXTS)
@example("0\x1b\n")
@example(" \n")
def test_markdown_pattern_refuses_exactly_what_quiz_refuses(text):
    refused = _quiz_refuses_text(("nodes", "latte", "text"), text)
    assert (re.search(TEXT_PATTERNS[MARKDOWN], text) is None) == refused
    assert (regress.Regex(TEXT_PATTERNS[MARKDOWN], "u").find(text) is None) == refused


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(title="Two\tparts"),
        lambda d: d.update(title="Two\nlines"),
        lambda d: d.update(title="   "),
        lambda d: d.update(title="\u202eevil"),
        lambda d: d["nodes"]["latte"].update(text="\x1b[2J"),
        lambda d: d["nodes"].update({"": {"kind": "outcome", "title": "T", "text": "t"}}),
        lambda d: d["nodes"].update({"a\tb": {"kind": "outcome", "title": "T", "text": "t"}}),
        lambda d: d.update(format="1"),
    ],
)
def test_the_schema_refuses_the_texts_quiz_refuses(change):
    doc = json.loads(TREES[-1].read_text())
    change(doc)
    assert not jsonschema.Draft202012Validator(schema(1)).is_valid(doc)
    if isinstance(doc["format"], int):  # the same tree in the current format is refused for the same reason
        assert not jsonschema.Draft202012Validator(schema(CURRENT)).is_valid({**doc, "format": CURRENT})
    assert {f.code for f in load_bytes(json.dumps(doc).encode()).findings} & SCHEMA_CODES


@pytest.mark.parametrize("version", range(1, CURRENT + 1))
def test_editors_get_descriptions_and_snippets(version):
    s = schema(version)
    assert all("description" in definition for definition in s["$defs"].values())
    snippets = {snippet["label"] for snippet in s["$defs"]["node"]["defaultSnippets"]}
    assert snippets == {"question", "info", "outcome"}
    for snippet in s["$defs"]["node"]["defaultSnippets"]:
        body = json.loads(re.sub(r"\$\{\d+:([^}]*)\}|\$\d+", lambda m: m[1] or "x", json.dumps(snippet["body"])))
        one_kind = {"$defs": s["$defs"], "$ref": f"#/$defs/{body['kind']}"}
        assert jsonschema.Draft202012Validator(one_kind).is_valid(body), body
