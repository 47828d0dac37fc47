"""The JSON Schema: committed copy in step with `quiz schema`, and every shipped tree valid under it."""

import json

import jsonschema
import pytest

from quiz.format.schema import schema, schema_text
from tests.conftest import REPO

COMMITTED = REPO / "schema" / "tree-1.schema.json"
TREES = [*sorted((REPO / "trees").glob("*.json")), REPO / "tests" / "trees" / "coffee.json"]


def test_committed_schema_matches_quiz_schema():
    assert COMMITTED.read_text() == schema_text(), "run: quiz schema > schema/tree-1.schema.json"


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.name)
def test_every_bundled_tree_is_valid_under_the_schema(path):
    jsonschema.Draft202012Validator(schema()).validate(json.loads(path.read_text()))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format=2),
        lambda d: d.update(extra=1),
        lambda d: d["nodes"]["awake"].update(kind="quest"),
        lambda d: d["nodes"]["awake"]["choices"][0].update(next=1),
        lambda d: d["nodes"]["latte"].pop("title"),
        lambda d: d.update(title=""),
    ],
)
def test_schema_rejects_what_the_loader_rejects(change):
    doc = json.loads(TREES[-1].read_text())
    change(doc)
    assert not jsonschema.Draft202012Validator(schema()).is_valid(doc)
