"""The proof about walks against the reference, which lists every reachable state one by one.

The two share no code: the reference (tests/reference.py) was written from the semantics in
docs/format.md alone. On every generated tree they must find the same stops, traps, ways never
taken and nodes never reached; and every scenario the checker gives must replay, in the
reference, to a state that shows the problem it names.
"""

from __future__ import annotations

from hypothesis import given, settings

from quiz import load_bytes
from tests import reference
from tests.conftest import WALK_TREES
from tests.strategies import dumps
from tests.walk_trees import format2_trees

WALK_CODES = {"Q309", "Q310", "Q311", "Q312", "Q504", "Q505"}


def _key(finding) -> tuple:
    if finding.code == "Q504":
        return (finding.code, finding.node, finding.path[3])
    return (finding.code, finding.node)


@settings(max_examples=WALK_TREES)
@given(format2_trees())
def test_the_proof_finds_what_the_reference_finds_and_its_scenarios_replay_to_it(doc):
    expected = reference.analyse(doc)
    loaded = load_bytes(dumps(doc), "t.json")
    found = [f for f in loaded.findings if f.code in WALK_CODES]
    assert {_key(f) for f in found} == set(expected.findings), [f.message for f in found]
    for finding in found:
        if finding.code in ("Q504", "Q505"):
            assert finding.scenario is None
            continue
        assert finding.scenario is not None, finding
        replayed = reference.replay(doc, list(finding.scenario))
        showing = expected.problem_states[(finding.code, finding.node)]
        if finding.code == "Q312":
            assert any((finding.node, state) in replayed.path for state in showing), finding
        else:
            assert replayed.used == len(finding.scenario), finding
            assert (replayed.node, replayed.state) in {(finding.node, s) for s in showing}, finding
