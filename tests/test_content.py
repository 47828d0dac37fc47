"""What the bundled advice promises its reader, checked on every walk of every bundled tree.

The walks are few (a few hundred), so each promise is checked on all of them, not on examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from quiz import load_path
from quiz.format.model import Info, Outcome, Question, Tree
from tests.conftest import REPO

MAIN = load_path(REPO / "trees" / "get-him-back.json").tree
FIXABLE = load_path(REPO / "trees" / "is-it-fixable.json").tree
TREES = {"get-him-back": MAIN, "is-it-fixable": FIXABLE}

Step = tuple[str, str | None]  # a node id, and the label answered there (None for pages and the outcome)


def every_walk(tree: Tree) -> Iterator[list[Step]]:
    def go(node_id: str, so_far: list[Step]) -> Iterator[list[Step]]:
        node = tree.nodes[node_id]
        if isinstance(node, Outcome):
            yield [*so_far, (node_id, None)]
        elif isinstance(node, Info):
            yield from go(node.next, [*so_far, (node_id, None)])
        else:
            for choice in node.choices:
                yield from go(choice.next, [*so_far, (node_id, choice.label)])

    yield from go(tree.start, [])


def texts(tree: Tree, node_id: str) -> str:
    node = tree.nodes[node_id]
    parts = [node.text, node.help if isinstance(node, Question) else node.title]
    return " ".join(p for p in parts if p)


def answers(walk: list[Step]) -> list[str]:
    return [label for _, label in walk if label is not None]


MAIN_WALKS = list(every_walk(MAIN))
FIXABLE_WALKS = list(every_walk(FIXABLE))


def test_the_walks_are_all_there():
    assert len(MAIN_WALKS) > 100 and len(FIXABLE_WALKS) > 10


def test_everyone_is_asked_how_they_are_and_about_harm_before_anything_about_him():
    for walk in MAIN_WALKS:
        ids = [i for i, _ in walk]
        assert ids[0] == "coping"
        if "who-ended-it" in ids:
            assert ids.index("harm-check") < ids.index("who-ended-it"), answers(walk)


@pytest.mark.parametrize("label", ["I can barely cope", "I feel frightened or unsafe"])
def test_a_reader_who_cannot_cope_or_is_frightened_gets_help_at_once(label):
    coping = MAIN.nodes["coping"]
    assert isinstance(coping, Question) and label in [c.label for c in coping.choices]
    chose = [w for w in MAIN_WALKS if answers(w)[:1] == [label]]
    assert [[i for i, _ in w] for w in chose] == [["coping", "get-help"]]


def test_the_help_outcome_gives_concrete_steps_and_names_no_country():
    text = MAIN.nodes["get-help"].text
    for step in ["trust", "doctor", "counsellor", "emergency number", "crisis line"]:
        assert step in text
    for tree in TREES.values():
        for node_id in tree.nodes:
            assert not re.search(r"\d{3}", texts(tree, node_id)), f"{tree.id}: {node_id} names a number to call"


def test_no_page_tells_the_reader_to_stop_feeling_sorry_for_herself():
    for tree in TREES.values():
        for node_id in tree.nodes:
            text = texts(tree, node_id).lower()
            assert "sorry for yourself" not in text and "self-pity" not in text and "wallow" not in text, node_id


HARMED = {"Yes, he has", "I'm not sure", "He hurt, frightened, threatened or controlled me"}


def test_harm_leads_only_to_safety_never_to_winning_him_back():
    for tree, walks in [(MAIN, MAIN_WALKS), (FIXABLE, FIXABLE_WALKS)]:
        harmed = [w for w in walks if HARMED & set(answers(w))]
        assert harmed, tree.id
        for walk in harmed:
            assert walk[-1][0] == "stay-safe", answers(walk)
        assert "emergency number" in tree.nodes["stay-safe"].text


def test_something_he_did_never_reaches_the_apology_for_the_readers_own_fault():
    his = [w for w in MAIN_WALKS if "Something he did" in answers(w)]
    assert his
    for walk in his:
        assert walk[-1][0] != "say-sorry", answers(walk)
    asked = {i for w in his for i, label in w if label is not None}
    # the path of its own: a one-off? will it repeat? as he is? both willing?
    assert {"his-first-time", "his-again", "his-accept", "his-both-invest"} <= asked
    assert {"him-first-time", "him-again", "him-accept", "him-both-invest"} <= asked


def test_every_question_about_what_was_really_behind_it_offers_something_he_did():
    behind = [n for n in MAIN.nodes.values() if isinstance(n, Question) and "really behind it" in n.text]
    assert len(behind) == 2
    for node in behind:
        assert "Something he did" in [c.label for c in node.choices]


def test_after_weeks_of_quiet_the_reader_is_told_her_place_is_kept_before_being_asked_how_things_stand():
    quiet = [w for w in MAIN_WALKS if any(i.startswith("quiet-") for i, _ in w)]
    assert quiet
    for walk in quiet:
        ids = [i for i, _ in walk]
        if "when-quiet-ends" in ids:
            kept = [k for k, i in enumerate(ids) if "your place is kept" in texts(MAIN, i)]
            assert kept and kept[0] < ids.index("when-quiet-ends"), answers(walk)
    assert MAIN.nodes["when-quiet-ends"].text.startswith("When the quiet weeks are over")


def test_when_he_ended_it_he_makes_the_first_move_and_his_mind_is_his_own():
    for walk in MAIN_WALKS:
        if "He did" in answers(walk):
            seen = " ".join(texts(MAIN, i) for i, _ in walk)
            assert "first move" in seen and "can't change his mind" in seen, answers(walk)
            questions = [i for i, label in walk if label is not None]
            assert questions[questions.index("who-ended-it") + 1] == "ended-when", "how long ago comes next, on its own"


def test_when_both_ended_it_no_page_speaks_of_his_decision_or_quiet_weeks():
    both = [w for w in MAIN_WALKS if "We both did" in answers(w)]
    assert both
    for walk in both:
        for node_id, _ in walk:
            text = texts(MAIN, node_id).lower()
            assert "his decision" not in text and "quiet weeks" not in text, (node_id, answers(walk))


UNMENDABLE = ("unfaithful", "another city")


@pytest.mark.parametrize("name", sorted(TREES))
def test_infidelity_and_moving_away_lead_to_the_same_honest_answer_in_both_trees(name):
    tree = TREES[name]
    outcomes = set()
    for node in tree.nodes.values():
        if isinstance(node, Question):
            for choice in node.choices:
                if any(word in choice.label for word in UNMENDABLE):
                    outcomes.add(choice.next)
    assert len(outcomes) == 1, outcomes
    (outcome,) = outcomes
    text = tree.nodes[outcome].text
    assert isinstance(tree.nodes[outcome], Outcome) and "Unfaithfulness" in text and "another city" in text
