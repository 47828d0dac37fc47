"""The session value: moves return new sessions; records round-trip and resume as far as they fit."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz import BadRecord, NotAChoice, Session, load_bytes, load_path
from quiz.format.model import Answer
from tests.bundled_walks import every_walk, other_answers
from tests.conftest import REPO
from tests.strategies import dumps, valid_trees


@pytest.fixture
def coffee(examples):
    return load_path(examples / "coffee.json").tree


def test_a_walk_through_the_tree(coffee):
    s = Session.start(coffee)
    assert (s.current, s.finished, str(s.progress)) == ("awake", False, "question 1 · at most 2 to go")
    s = s.answer("Fine")
    assert (s.current, str(s.progress)) == ("milk", "question 2 · at most 1 to go")
    s = s.answer("Yes")
    assert s.finished and s.outcome.title == "Latte"
    assert s.path == ("awake", "milk", "latte")
    assert s.steps() == [("awake", "Fine"), ("milk", "Yes")]
    assert str(s.progress) == "done · 2 answered"


def test_moves_return_new_values(coffee):
    s = Session.start(coffee)
    t = s.answer("Fine")
    assert s.current == "awake" and t.current == "milk"
    assert t.back() == s
    assert t.restart() == s


def test_info_pages_are_passed_with_proceed_and_back_returns_to_them(coffee):
    s = Session.start(coffee).answer("Barely")
    assert s.current == "strong" and str(s.progress) == "1 answered · no questions left"
    with pytest.raises(NotAChoice):
        s.answer("Barely")
    done = s.proceed()
    assert done.current == "espresso"
    assert done.back().current == "strong"
    assert done.back().back().current == "awake"
    assert Session.start(coffee).back().current == "awake"


def test_an_answer_that_is_not_a_choice_is_a_clear_error(coffee):
    with pytest.raises(NotAChoice, match="'Wide awake' is not a choice of 'awake'; the choices are 'Barely', 'Fine'"):
        Session.start(coffee).answer("Wide awake")
    with pytest.raises(NotAChoice, match="info page"):
        Session.start(coffee).proceed()


def test_record_round_trips_through_json(coffee):
    s = Session.start(coffee).answer("Barely").proceed()
    record = json.loads(json.dumps(s.record()))
    assert record == {"session": 1, "tree": "coffee", "version": "1.0.0", "answers": ["Barely"], "read": 1}
    resumed, dropped = Session.start(coffee).resume(record)
    assert resumed == s and dropped == 0


def test_resume_keeps_what_still_fits(coffee):
    record = {"session": 1, "tree": "coffee", "version": "0.9.0", "answers": ["Fine", "Oat milk"], "read": 0}
    resumed, dropped = Session.start(coffee).resume(record)
    assert resumed.answers == ("Fine",) and resumed.current == "milk" and dropped == 1


@pytest.mark.parametrize(
    "record",
    [
        None,
        [],
        {"session": 1, "tree": "coffee"},
        {"session": 1, "tree": "tea", "version": "1", "answers": []},
        {"session": 9, "tree": "coffee", "version": "1", "answers": []},
        {"session": 1, "tree": "coffee", "version": "1", "answers": "Fine"},
        {"session": 1, "tree": "coffee", "version": "1", "answers": [None]},
    ],
)
def test_bad_records_are_refused(coffee, record):
    with pytest.raises(BadRecord):
        Session.start(coffee).resume(record)


def test_change_an_earlier_answer_keeps_later_answers_where_they_still_fit(examples):
    tree = load_path(examples / "change.json").tree
    s = Session.start(tree).answer("x").answer("1").answer("q")
    changed = s.change(1, "2")
    assert changed.answers == ("x", "2") and changed.finished
    back = changed.change(0, "x")
    assert back.path == ("a", "b", "end"), "the page between is passed only when it was read before"


def test_a_changed_answer_whose_new_way_passes_an_unread_page_stops_there(examples):
    tree = load_path(examples / "change.json").tree
    s = Session.start(tree).answer("x").answer("1").answer("q")
    changed = s.change(0, "y")
    assert changed.current == "i" and changed.answers == ("y",), "the page is shown, not skipped"
    assert changed.back() == Session.start(tree)
    read = changed.proceed().answer("1").answer("q")
    assert read.change(1, "2").path == ("a", "i", "b", "end"), "a page on the walk so far is passed"
    assert read.change(0, "x").change(0, "y").current == "i", "one off the walk so far is shown again"


def test_an_answer_right_after_a_page_can_be_changed(examples):
    tree = load_path(examples / "change.json").tree
    s = Session.start(tree).answer("y").proceed().answer("1").answer("p")
    changed = s.change(1, "2")
    assert changed.answers == ("y", "2") and changed.path == ("a", "i", "b", "end")
    assert s.asked(1) == Session.start(tree).answer("y").proceed()


def test_asking_for_an_answer_that_was_not_given_is_an_error(examples):
    s = Session.start(load_path(examples / "change.json").tree).answer("x")
    with pytest.raises(IndexError, match="no answer 2"):
        s.change(1, "2")
    with pytest.raises(NotAChoice, match="'z' is not a choice of 'a'"):
        s.change(0, "z")


def _walks(session: Session):
    """Every walk from `session` to an outcome of a format-1 tree, depth first."""
    if session.finished:
        yield session
    elif session.node.kind == "info":
        yield from _walks(session.proceed())
    else:
        for choice in session.node.choices:
            yield from _walks(session.answer(choice.label))


ASKS = ("question", "number")  # the kinds of node a reader answers


def _assert_changed_well(before: Session, step: int, answer: Answer, after: Session) -> None:
    """`after` is `before` with answer `step` made `answer`: a session of its own, kept answers and all."""
    tree = before.tree
    assert after == Session.start(tree).replay(after.answers, after.read), "answers and path agree"
    assert after.answers[:step] == before.answers[:step] and after.answers[step] == answer
    given = dict(before.steps())
    assert all(given[q] == a for q, a in after.steps()[step + 1 :]), "later answers are the ones given before"
    changed_at = [n for n in after.path if tree.nodes[n].kind in ASKS][step]
    passed = after.path[after.path.index(changed_at) + 1 : -1]
    assert all(n in before.path for n in passed if tree.nodes[n].kind == "info"), "no unread page is skipped"
    if after.node.kind == "info":
        assert after.current not in before.path, "the walk stops only at a page not read yet"
    elif after.node.kind == "question":
        assert after.current not in given or given[after.current] not in [c.label for c in after.choices()], (
            "the walk stops only at a question not answered yet, or whose answer is no longer offered"
        )
    elif after.node.kind == "number":
        assert after.current not in given, "a number given before is given again"
    assert after.progress.answered == len(after.answers)


def _assert_every_answer_changes(walk: Session) -> int:
    changes = 0
    for step in range(len(walk.answers)):
        for answer in other_answers(walk, step):
            _assert_changed_well(walk, step, answer, walk.change(step, answer))
            changes += 1
    return changes


BUNDLED = sorted((REPO / "trees").glob("*.json"))


def test_both_bundled_trees_are_walked():
    assert len(BUNDLED) >= 2, "the test below reads every tree in trees/; it found fewer than the two bundled"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_answer_of_every_walk_of_a_bundled_tree_can_be_changed_to_every_other(path):
    """Every other choice offered, and every number tried around the tree's conditions (tests.bundled_walks)."""
    tree = load_path(path).tree
    walks = every_walk(tree)
    changes = sum(_assert_every_answer_changes(walk) for walk in walks)
    assert changes > len(walks), "a bundled tree has a question with more than one choice"
    numbers = [w for w in walks if any(type(a) is int for a in w.answers)]
    assert all(other_answers(w, i) for w in numbers for i, a in enumerate(w.answers) if type(a) is int)


@given(valid_trees(), st.data())
def test_every_answer_of_a_random_walk_can_be_changed_to_every_other_choice(doc, data):
    s = Session.start(load_bytes(dumps(doc)).tree)
    while not s.finished:
        s = s.proceed() if s.node.kind == "info" else s.answer(data.draw(st.sampled_from(s.node.choices)).label)
    _assert_every_answer_changes(s)


def test_a_tree_with_a_loop_cannot_start_a_session():
    doc = {
        "format": 1,
        "id": "t",
        "version": "1.0.0",
        "title": "T",
        "start": "a",
        "nodes": {"a": {"kind": "info", "text": "x", "next": "a"}},
    }
    with pytest.raises(ValueError, match="never end"):
        Session.start(load_bytes(json.dumps(doc).encode()).tree)


@given(valid_trees(), st.data())
def test_random_sessions_round_trip_and_back_undoes(doc, data):
    tree = load_bytes(dumps(doc)).tree
    s = Session.start(tree)
    history = [s]
    while not s.finished:
        if s.node.kind == "info":
            s = s.proceed()
        else:
            s = s.answer(data.draw(st.sampled_from([c.label for c in s.node.choices])))
        assert s.progress.at_most_to_go <= history[-1].progress.at_most_to_go
        history.append(s)
    assert Session.start(tree).resume(json.loads(json.dumps(s.record()))) == (s, 0)
    for earlier in reversed(history[:-1]):
        s = s.back()
        assert s == earlier
