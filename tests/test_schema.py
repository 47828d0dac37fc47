"""The JSON Schemas: committed copies in step with `quiz schema`, and every shipped tree valid under its format's."""

import json

import jsonschema
import pytest

from quiz.format.migrate import CURRENT
from quiz.format.schema import schema, schema_text
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
