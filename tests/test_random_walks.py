"""The pytest plugin's random walks on format-2 trees: they follow conditions, give numbers in range, go round
loops a bounded number of times, and end at an outcome within the bound the tree gives."""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quiz import load_bytes
from quiz.author.numbers import worth_trying
from quiz.cli.random_walks import HOMEWARD, LOOPS, Walker, bound
from quiz.format.model import Tree
from quiz.play.session import Session
from tests.conftest import REPO
from tests.strategies import dumps
from tests.walk_trees import format2_trees

BREAKUP = json.loads((REPO / "tests" / "trees" / "breakup.json").read_text())
COFFEE = json.loads((REPO / "tests" / "trees" / "coffee.json").read_text())


def _tree(doc: dict[str, Any], *, clean: bool = True) -> Tree:
    loaded = load_bytes(dumps(doc))
    assert loaded.tree is not None
    if clean:
        assert loaded.ok, loaded.findings
    return loaded.tree


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(format2_trees(), st.randoms(use_true_random=False))
def test_on_a_tree_that_checks_clean_every_walk_ends_at_the_outcome_the_session_reaches(doc, chooser):
    loaded = load_bytes(dumps(doc))
    assume(loaded.ok)
    assert loaded.tree is not None
    walk = Walker(loaded.tree).walk(chooser)
    assert walk.ended and walk.why is None
    session, used = Session.start(loaded.tree).follow(walk.answers)
    while session.node.kind == "info":
        session = session.proceed()
    assert used == len(walk.answers) and session.finished and session.current == walk.at


def test_walks_take_only_the_choices_the_facts_offer_and_numbers_in_range():
    walker = Walker(_tree(BREAKUP))
    walks = [walker.walk(random.Random(seed)) for seed in range(300)]
    assert all(w.ended for w in walks)
    for w in walks:
        # "He met someone else" is offered only after "He did".
        assert "He met someone else" not in w.answers or w.answers[0] == "He did", w.answers
        numbers = [a for a in w.answers if type(a) is int]
        assert len(numbers) == 1 and 0 <= numbers[0] <= 520
    ends = {w.at for w in walks}
    assert ends == {"talk", "fresh-start"}
    assert any(0 in w.answers or 1 in w.answers for w in walks), "numbers the route tells apart are tried"
    assert any("Read that again" in w.answers for w in walks)


def test_a_loop_is_gone_round_at_most_loops_times_by_choice():
    walker = Walker(_tree(BREAKUP))
    rounds = [walker.walk(random.Random(seed)).answers.count("Read that again") for seed in range(500)]
    assert max(rounds) == LOOPS


def test_a_loop_is_gone_round_past_that_where_nothing_else_is_offered():
    # "Again" alone is offered until `tries` reaches 8: every walk goes round it 8 times, more than LOOPS.
    doc = {
        "format": 2, "id": "tries", "version": "1.0.0", "title": "Tries", "start": "q",
        "facts": {"tries": {"type": "int", "min": 0, "max": 8, "initial": 0}},
        "nodes": {
            "q": {"kind": "question", "text": "Again?", "choices": [
                {"label": "Again", "when": "tries < 8", "add": {"tries": 1}, "next": "q", "loop": True},
                {"label": "Done", "when": "tries >= 8", "next": "end"},
            ]},
            "end": {"kind": "outcome", "title": "End", "text": "x"},
        },
    }  # fmt: skip
    tree = _tree(doc)
    walk = Walker(tree).walk(random.Random(1))
    assert walk.ended and walk.answers == ("Again",) * 8 + ("Done",)
    assert LOOPS < 8 and bound(tree) == (LOOPS + 1) * 2 + HOMEWARD


def test_a_walk_in_a_trap_says_so_once_its_loops_are_used_up():
    # Once `stuck` is set, a walk can only go round "q" for ever: the checker calls this a trap, Q312.
    # A walk that has gone round LOOPS times looks for the way out, finds none, and says so.
    doc = {
        "format": 2, "id": "trap", "version": "1.0.0", "title": "Trap", "start": "q",
        "facts": {"stuck": {"type": "bool", "initial": False}},
        "nodes": {
            "q": {"kind": "question", "text": "On?", "choices": [
                {"label": "Round", "set": {"stuck": True}, "next": "q", "loop": True},
                {"label": "Out", "when": "not stuck", "next": "end"},
            ]},
            "end": {"kind": "outcome", "title": "End", "text": "x"},
        },
    }  # fmt: skip
    tree = _tree(doc, clean=False)
    walker = Walker(tree)
    walks = [walker.walk(random.Random(seed)) for seed in range(20)]
    stuck = [w for w in walks if not w.ended]
    assert stuck and all(w.why == "no walk from here reaches an outcome" and w.at == "q" for w in stuck)
    assert all(w.answers == ("Round",) * LOOPS for w in stuck)
    assert all(w.answers == ("Round",) * w.answers.count("Round") + ("Out",) for w in walks if w.ended)
    assert "stopped at 'q': no walk from here reaches an outcome" in stuck[0].failure()


def test_a_walk_that_reads_a_fact_before_it_is_set_says_so():
    doc = {
        "format": 2, "id": "unset", "version": "1.0.0", "title": "Unset", "start": "r",
        "facts": {"seen": {"type": "bool"}},
        "nodes": {
            "r": {"kind": "route", "routes": [{"when": "seen", "next": "end"}, {"next": "end"}]},
            "end": {"kind": "outcome", "title": "End", "text": "x"},
        },
    }  # fmt: skip
    walk = Walker(_tree(doc, clean=False)).walk(random.Random(0))
    assert not walk.ended and walk.at == "r" and walk.why == "it reads the fact 'seen' before any step sets it"


def test_a_tree_without_a_loop_is_walked_within_its_longest_walk():
    assert bound(_tree(COFFEE)) == 2
    walker = Walker(_tree(COFFEE))
    assert {walker.walk(random.Random(seed)).at for seed in range(50)} == {"espresso", "latte"}


def test_the_numbers_worth_trying_are_the_ends_and_either_side_of_what_conditions_compare():
    tree = _tree(BREAKUP)
    assert worth_trying([tree]) == {"weeks": (0, 1, 2, 3, 520), "hope": (0, 4, 5, 6, 7, 8, 9, 10)}


def test_the_way_home_through_a_wide_range_tries_the_numbers_conditions_tell_apart():
    # "Out" needs x == 7; once the loops are used up, the way home gives 7 at the number, found
    # without listing the billion others.
    doc = {
        "format": 2, "id": "wide", "version": "1.0.0", "title": "Wide", "start": "n",
        "facts": {"x": {"type": "int", "min": 0, "max": 10**9}},
        "nodes": {
            "n": {"kind": "number", "text": "How many?", "fact": "x", "next": "q"},
            "q": {"kind": "question", "text": "On?", "choices": [
                {"label": "Again", "next": "n", "loop": True},
                {"label": "Out", "when": "x == 7", "next": "end"},
            ]},
            "end": {"kind": "outcome", "title": "End", "text": "x"},
        },
    }  # fmt: skip
    walker = Walker(_tree(doc))
    walks = [walker.walk(random.Random(seed)) for seed in range(200)]
    assert all(w.ended for w in walks)
    homeward = [w for w in walks if w.answers.count("Again") == LOOPS]
    assert homeward and all(w.answers[-2:] == (7, "Out") for w in homeward)
    assert max(w.answers.count("Again") for w in walks) == LOOPS
