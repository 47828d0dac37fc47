"""What the bundled advice promises its reader, checked on every walk of every bundled tree.

The walks are taken by the Session, as a reader takes them (tests.bundled_walks): answers set and
add to the facts, routes are followed by those facts, and a number is tried at and around every
value a condition compares it with. The walks are a few hundred, so each promise is checked on all
of them, not on examples.
"""

from __future__ import annotations

import re

import pytest

from quiz import Info, Number, Question, Route, Session, Tree, load_path
from quiz.format.model import IntFact
from tests.bundled_walks import every_walk, numbers_to_try
from tests.conftest import REPO

MAIN = load_path(REPO / "trees" / "get-him-back.json").tree
FIXABLE = load_path(REPO / "trees" / "is-it-fixable.json").tree
TREES = {"get-him-back": MAIN, "is-it-fixable": FIXABLE}


def texts(tree: Tree, node_id: str) -> str:
    node = tree.nodes[node_id]
    parts = [getattr(node, "text", None), getattr(node, "help", None), getattr(node, "title", None)]
    return " ".join(p for p in parts if p)


def seen(walk: Session) -> str:
    """Everything the reader of this walk was shown: questions, pages and the outcome (never a route)."""
    return " ".join(texts(walk.tree, node_id) for node_id in walk.path)


def labels(walk: Session) -> list[str]:
    return [a for a in walk.answers if isinstance(a, str)]


def asked(walk: Session) -> list[str]:
    """The questions and number nodes, in the order the reader answered them."""
    return [node_id for node_id, _ in walk.steps()]


MAIN_WALKS = every_walk(MAIN)
FIXABLE_WALKS = every_walk(FIXABLE)
WALKS = {"get-him-back": MAIN_WALKS, "is-it-fixable": FIXABLE_WALKS}


def test_the_numbers_tried_are_each_end_and_each_side_of_every_boundary():
    assert numbers_to_try(MAIN, "weeks") == [0, 1, 2, 3, 4, 5, 520]


@pytest.mark.parametrize("name", sorted(TREES))
def test_the_walks_take_every_choice_and_every_route_and_reach_every_node(name):
    tree, walks = TREES[name], WALKS[name]
    assert len(walks) > (100 if name == "get-him-back" else 10)
    assert {n for w in walks for n in w.path} == set(tree.nodes)
    taken = {step for w in walks for step in zip(w.path, w.path[1:], strict=False)}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Route):
            assert {(node_id, r.next) for r in node.routes} <= taken, node_id
    chosen = {step for w in walks for step in w.steps()}
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            assert {(node_id, c.label) for c in node.choices} <= chosen, node_id


# How the reader is, and harm -------------------------------------------------------------------


def test_everyone_is_asked_how_they_are_and_about_harm_before_anything_about_him():
    for walk in MAIN_WALKS:
        ids = asked(walk)
        assert ids[0] == "coping"
        if "who-ended-it" in ids:
            assert ids.index("harm-check") < ids.index("who-ended-it"), walk.answers


@pytest.mark.parametrize("label", ["I can barely cope", "I feel frightened or unsafe"])
def test_a_reader_who_cannot_cope_or_is_frightened_gets_help_at_once(label):
    coping = MAIN.nodes["coping"]
    assert isinstance(coping, Question) and label in [c.label for c in coping.choices]
    chose = [w for w in MAIN_WALKS if w.answers[:1] == (label,)]
    assert [w.path for w in chose] == [("coping", "get-help")]


def test_a_shaky_reader_is_met_with_warmth_before_going_on():
    shaky = [w for w in MAIN_WALKS if w.answers[0] == "Shaky — some days are really hard"]
    assert shaky
    for walk in shaky:
        assert walk.path[1] == "go-gently", walk.answers
    assert "gentle with yourself" in texts(MAIN, "go-gently")


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


@pytest.mark.parametrize("name", sorted(TREES))
def test_harm_leads_only_to_safety_never_to_winning_him_back(name):
    tree, walks = TREES[name], WALKS[name]
    harmed = [w for w in walks if HARMED & set(labels(w))]
    assert harmed
    for walk in walks:
        assert (walk.current == "stay-safe") == bool(HARMED & set(labels(walk))), walk.answers
    for walk in harmed:
        assert asked(walk)[-1] in ("harm-check", "main-problem"), "nothing more is asked once harm is named"
    assert "emergency number" in tree.nodes["stay-safe"].text
    if "harm" in tree.facts:
        assert all(w.facts["harm"] == bool(HARMED & set(labels(w))) for w in walks)


SAFETY = {"I can barely cope": "get-help", "I feel frightened or unsafe": "get-help", "Yes, he has": "stay-safe"}
SAFETY |= {"I'm not sure": "stay-safe", "He hurt, frightened, threatened or controlled me": "stay-safe"}


@pytest.mark.parametrize("name", sorted(TREES))
def test_changing_any_walk_s_answer_to_one_about_coping_or_harm_leads_straight_to_help_or_safety(name):
    """However far a walk went, a reader who goes back and says she can't cope or was hurt gets help, not advice."""
    for walk in WALKS[name]:
        changed = 0
        for step, (node_id, given) in enumerate(walk.steps()):
            if node_id not in ("coping", "harm-check", "main-problem"):
                continue
            for choice in walk.tree.nodes[node_id].choices:
                if choice.label in SAFETY and choice.label != given:
                    after = walk.change(step, choice.label)
                    assert after.current == SAFETY[choice.label] and after.answers[-1] == choice.label, walk.answers
                    changed += 1
        assert changed or walk.current in SAFETY.values(), walk.answers


# Who ended it, and how long ago ----------------------------------------------------------------

WHO = {"I did": "me", "He did": "him", "We both did": "both"}


def test_the_facts_are_what_the_reader_said():
    for walk in MAIN_WALKS:
        given = dict(walk.steps())
        if "who-ended-it" in given:
            assert walk.facts["ended_by"] == WHO[str(given["who-ended-it"])]
            assert walk.facts["weeks"] == given["ended-when"]
        else:
            assert walk.facts["ended_by"] is None and walk.facts["weeks"] is None
        assert walk.facts["his_act"] == ("Something he did" in labels(walk)), walk.answers


def test_how_long_ago_is_asked_of_everyone_as_a_number_of_weeks_right_after_who_ended_it():
    node = MAIN.nodes["ended-when"]
    assert isinstance(node, Number) and "weeks" in node.text and node.fact == "weeks"
    fact = MAIN.facts["weeks"]
    assert isinstance(fact, IntFact) and (fact.min, fact.max) == (0, 520), "from this week to ten years"
    for walk in MAIN_WALKS:
        ids = asked(walk)
        if "who-ended-it" in ids:
            assert ids[ids.index("who-ended-it") + 1] == "ended-when", walk.answers


QUIET = {"quiet-from-now", "quiet-keep-going", "quiet-so-far"}


def test_the_quiet_advice_fits_how_long_ago_he_ended_it():
    his = [w for w in MAIN_WALKS if w.facts["ended_by"] == "him"]
    assert {w.facts["weeks"] for w in his} == {0, 1, 2, 3, 4, 5, 520}
    for walk in his:
        weeks, pages = walk.facts["weeks"], [n for n in walk.path if n in QUIET]
        assert len(pages) == 1, walk.answers
        text = texts(MAIN, pages[0])
        if weeks < 2:
            assert "From today" in text and "two weeks to a month" in text, (weeks, pages)
        elif weeks <= 4:
            assert "until about a month has passed" in text, (weeks, pages)
        else:
            assert "A month or more has passed" in text, (weeks, pages)
    assert not any(QUIET & set(w.path) for w in MAIN_WALKS if w.facts["ended_by"] != "him")


def test_the_first_days_of_calm_are_advised_only_while_they_are_still_ahead():
    reasons = {"heat-of-the-moment", "happier-alone"}
    calm = [w for w in MAIN_WALKS if reasons & set(w.path) or w.facts["ended_by"] == "both"]
    assert {w.facts["weeks"] for w in calm} == {0, 1, 2, 3, 4, 5, 520}
    for walk in calm:
        pages = [n for n in walk.path if isinstance(MAIN.nodes[n], Info) and n.startswith(("cool-off-", "space-"))]
        assert len(pages) == 1, walk.answers
        text = texts(MAIN, pages[0])
        if walk.facts["weeks"] == 0:
            assert "less than a week" in text and "three or four days" in text, (pages, walk.answers)
        else:
            assert "behind you" in text and "less than a week" not in text, (pages, walk.answers)


def test_when_he_ended_it_he_makes_the_first_move_and_his_mind_is_his_own():
    his = [w for w in MAIN_WALKS if w.facts["ended_by"] == "him"]
    assert his
    for walk in his:
        text = seen(walk)
        assert "first move" in text and "can't change his mind" in text, walk.answers
        assert walk.current not in ("say-sorry", "talk-it-through"), walk.answers
        assert "reach out yourself" not in text, walk.answers


def test_when_both_ended_it_no_page_speaks_of_his_decision_or_quiet_weeks():
    both = [w for w in MAIN_WALKS if w.facts["ended_by"] == "both"]
    assert both
    for walk in both:
        for node_id in walk.path:
            text = texts(MAIN, node_id).lower()
            assert "his decision" not in text and "quiet weeks" not in text, (node_id, walk.answers)


# Something he did ------------------------------------------------------------------------------

HIS_QUESTIONS = ["his-first-time", "his-again", "accept-him", "his-both-invest"]


def test_something_he_did_has_one_path_of_its_own_whoever_ended_it_and_never_reaches_the_apology():
    his = [w for w in MAIN_WALKS if "Something he did" in labels(w)]
    assert {w.facts["ended_by"] for w in his} == {"me", "him", "both"}
    for walk in his:
        assert walk.current != "say-sorry", walk.answers
        ids = asked(walk)
        start = ids.index("his-first-time")
        after = ids[start : start + len(HIS_QUESTIONS)]
        # a one-off? will it repeat? as he is? both willing? -- asked in that order, as far as the walk goes
        assert after == HIS_QUESTIONS[: len(after)], walk.answers
    for who in WHO.values():
        assert set(HIS_QUESTIONS) <= {i for w in his if w.facts["ended_by"] == who for i in asked(w)}, who


def test_no_question_is_asked_in_two_copies():
    questions = [(n.text, n.help) for n in MAIN.nodes.values() if isinstance(n, Question)]
    assert len(questions) == len(set(questions))


def test_the_apology_is_only_for_a_reader_who_ended_it_for_reasons_of_her_own():
    sorry = [w for w in MAIN_WALKS if w.current == "say-sorry"]
    assert sorry
    for walk in sorry:
        assert walk.facts["ended_by"] == "me" and not walk.facts["his_act"], walk.answers


def test_if_he_would_work_at_it_the_reader_waits_for_him_only_when_he_ended_it():
    willing = [w for w in MAIN_WALKS if "Yes, I think he would" in labels(w)]
    assert {w.facts["ended_by"] for w in willing} == {"me", "him", "both"}
    for walk in willing:
        if walk.facts["ended_by"] == "him":
            assert "come-back-later" in walk.path and walk.current != "talk-it-through", walk.answers
        else:
            assert walk.current == "talk-it-through", walk.answers


def test_every_question_about_what_was_really_behind_it_offers_something_he_did():
    behind = [n for n in MAIN.nodes.values() if isinstance(n, Question) and "really behind it" in n.text]
    assert len(behind) == 2
    for node in behind:
        assert "Something he did" in [c.label for c in node.choices]


# Time ------------------------------------------------------------------------------------------


def test_after_weeks_of_quiet_the_reader_is_told_her_place_is_kept_before_being_asked_how_things_stand():
    quiet = [w for w in MAIN_WALKS if QUIET & set(w.path)]
    assert quiet and any("when-quiet-ends" in w.path for w in quiet)
    for walk in quiet:
        if "when-quiet-ends" in walk.path:
            kept = [k for k, i in enumerate(walk.path) if "your place is kept" in texts(MAIN, i)]
            assert kept and kept[0] < walk.path.index("when-quiet-ends"), walk.answers
    assert all(QUIET & set(w.path) for w in MAIN_WALKS if "when-quiet-ends" in w.path)
    assert MAIN.nodes["when-quiet-ends"].text.startswith("When the quiet weeks are over")


# What may not be mendable ----------------------------------------------------------------------

UNMENDABLE = ("unfaithful", "another city")


@pytest.mark.parametrize("name", sorted(TREES))
def test_infidelity_and_moving_away_lead_to_the_same_honest_answer_in_both_trees(name):
    tree, walks = TREES[name], WALKS[name]
    ended = {w.current for w in walks if any(word in label for label in labels(w) for word in UNMENDABLE)}
    assert len(ended) == 1, ended
    (outcome,) = ended
    text = tree.nodes[outcome].text
    assert "Unfaithfulness" in text and "another city" in text


# The scored check ------------------------------------------------------------------------------

HOPEFUL = ["too-soon", "mend-slowly", "fixable"]  # the verdicts the score gives, least hopeful first


def test_the_check_counts_every_answer_and_the_score_decides_only_what_nothing_else_settles():
    settled = {"harm": "stay-safe", "unfaithful": "not-fixable", "moving": "not-fixable"}
    settled |= {"needs_him_to_change": "rests-on-him", "only_me": "one-sided"}
    for walk in FIXABLE_WALKS:
        named = [fact for fact in settled if walk.facts[fact]]
        assert len(named) <= 1, walk.answers
        if named:
            assert walk.current == settled[named[0]], walk.answers
        else:
            assert walk.current in HOPEFUL, walk.answers
    scored = sorted((w.facts["score"], HOPEFUL.index(w.current)) for w in FIXABLE_WALKS if w.current in HOPEFUL)
    assert [h for _, h in scored] == sorted(h for _, h in scored), "a higher score never gives a less hopeful verdict"
    assert {h for _, h in scored} == {0, 1, 2}


def test_the_check_calls_it_mendable_only_when_both_would_work_and_she_could_take_him_as_he_is():
    for walk in FIXABLE_WALKS:
        if walk.current == "fixable":
            assert {"Yes, both of us", "Yes, I can take him as he is"} <= set(labels(walk)), walk.answers
        if "Only me, for now" in labels(walk):
            assert walk.current == "one-sided", walk.answers
        if {"No, I can't be sure", "Only if he changes"} & set(labels(walk)):
            assert walk.current == "rests-on-him", walk.answers
