"""A session of a format-2 tree: facts from the answers, numbers, routes passed unseen, loops, and a saved place."""

from __future__ import annotations

import json

import pytest

from quiz import NotAChoice, Session, load_path
from tests.conftest import HERE


@pytest.fixture
def start() -> Session:
    loaded = load_path(HERE / "trees" / "facts.json")
    assert loaded.ok, loaded.findings
    return Session.start(loaded.tree)


def test_only_the_choices_offered_in_the_facts_are_shown(start: Session) -> None:
    assert [c.label for c in start.choices()] == ["I did", "He did", "We both did"]
    assert start.facts == {"ended_by": "me", "weeks": None, "hope": 5}


def test_a_number_is_taken_in_range_and_routes_are_passed_unseen(start: Session) -> None:
    at_number = start.answer("He did")
    assert at_number.current == "since" and at_number.number_range() == (0, 520)
    with pytest.raises(NotAChoice):
        at_number.answer(521)
    with pytest.raises(NotAChoice):
        at_number.answer(True)  # a boolean is no number here
    done = at_number.answer(3)
    assert done.current == "talk" and "when" in done.path  # the route was followed, never rested at
    assert done.facts == {"ended_by": "him", "weeks": 3, "hope": 3}
    assert [node for node, _ in done.journey()] == ["who", "since"]


def test_a_loop_goes_round_and_back_undoes_it(start: Session) -> None:
    s = start.answer("I did").answer(0)
    assert s.current == "cool-off" and s.progress.loop_ahead and "at least" in str(s.progress)
    s = s.proceed().answer("Read that again")
    assert s.current == "cool-off" and s.answers == ("I did", 0, "Read that again")
    back = s.back()
    assert back.current == "unsure" and back.answers == ("I did", 0)
    assert back.back().current == "cool-off"
    assert back.back().back().current == "since"  # the route before the page is passed over


def test_changing_a_number_keeps_later_answers_where_they_still_fit(start: Session) -> None:
    s = start.answer("I did").answer(0).proceed().answer("Yes")
    assert s.current == "talk"
    changed = s.change(1, 7)
    assert changed.current == "fresh-start" and changed.answers == ("I did", 7)


def test_a_saved_place_with_numbers_reads_back(start: Session) -> None:
    s = start.answer("He did").answer(3)
    data = json.loads(json.dumps(s.record()))
    assert data["answers"] == ["He did", 3]
    resumed, dropped = start.resume(data)
    assert (resumed, dropped) == (s, 0)


def test_every_scenario_replays_to_its_outcome_with_its_facts(start: Session) -> None:
    for scenario in start.tree.scenarios:
        end = start.replay(scenario.answers)
        assert end.current == scenario.outcome, scenario.name
        assert {k: end.facts[k] for k in scenario.facts} == dict(scenario.facts), scenario.name
