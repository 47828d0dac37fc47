"""Every bundled tree: clean under --strict, every outcome, choice and route under a scenario, random walks all end."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import load_path
from quiz.author.coverage import coverage
from quiz.check.graph import walks
from quiz.format.model import Number, Outcome, Question, Route
from quiz.play import bundled
from quiz.play.session import Session
from tests.conftest import REPO

TREES = sorted((REPO / "trees").glob("*.json"))
LOADED = {path.name: load_path(path) for path in TREES}


def test_there_is_a_choice_of_trees():
    assert len(TREES) >= 2
    assert {e.id for e in bundled.entries()} >= {"get-him-back", "is-it-fixable"}


@pytest.mark.parametrize("name", sorted(LOADED))
def test_bundled_tree_is_clean_without_warnings(name):
    loaded = LOADED[name]
    assert loaded.findings == ()
    assert loaded.tree.id == Path(name).stem, "a bundled tree's file is named after its id"


@pytest.mark.parametrize("name", sorted(LOADED))
def test_every_outcome_is_reached_by_a_scenario(name):
    tree = LOADED[name].tree
    outcomes = {i for i, node in tree.nodes.items() if isinstance(node, Outcome)}
    reached = set()
    for scenario in tree.scenarios:
        session = Session.start(tree).replay(scenario.answers)
        assert session.finished and session.current == scenario.outcome, scenario.name
        assert scenario.facts.items() <= session.facts.items(), scenario.name
        reached.add(session.current)
    assert reached == outcomes


@pytest.mark.parametrize("name", sorted(LOADED))
def test_the_scenarios_take_every_choice_and_every_route(name):
    tree = LOADED[name].tree
    assert coverage(tree).missed_choices == ()
    followed = set()
    for scenario in tree.scenarios:
        path = Session.start(tree).replay(scenario.answers).path
        followed |= set(pairwise(path))
    routes = {(i, r.next) for i, n in tree.nodes.items() if isinstance(n, Route) for r in n.routes}
    assert routes and routes <= followed, sorted(routes - followed)


@pytest.mark.parametrize("name", sorted(LOADED))
def test_each_bundled_tree_keeps_facts_and_routes_by_them(name):
    tree = LOADED[name].tree
    assert tree.format == 2 and tree.facts
    assert any(isinstance(n, Route) for n in tree.nodes.values())


def test_the_main_tree_has_at_least_eight_outcomes():
    tree = LOADED["get-him-back.json"].tree
    assert sum(isinstance(n, Outcome) for n in tree.nodes.values()) >= 8


@pytest.mark.parametrize("name", sorted(LOADED))
@given(picks=st.lists(st.integers(min_value=0), max_size=100))
def test_random_walks_end_at_an_outcome_within_the_longest_walk(name, picks):
    """A pick chooses among the choices offered, or is the number given (folded into the range)."""
    tree = LOADED[name].tree
    bound = walks(tree).most_steps[tree.start]
    session, steps = Session.start(tree), 0
    while not session.finished:
        node = session.node
        pick = picks[steps] if steps < len(picks) else 0
        if isinstance(node, Question):
            offered = session.choices()
            session = session.answer(offered[pick % len(offered)].label)
        elif isinstance(node, Number):
            low, high = session.number_range()
            session = session.answer(low + pick % (high - low + 1))
        else:
            session = session.proceed()
        steps += 1
        assert steps <= bound
    assert isinstance(session.node, Outcome)


def test_installed_quiz_finds_its_bundled_trees(tmp_path):
    """Run from elsewhere, the installed command reads the trees shipped with the package."""
    script = Path(sys.executable).parent / "quiz"
    out = subprocess.run([str(script), "list"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "get-him-back" in out and "is-it-fixable" in out
    listed = [Path(line.rsplit("(", 1)[1].rstrip(")")) for line in out.splitlines()]
    assert all(path.is_file() for path in listed)
