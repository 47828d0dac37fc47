"""Saved sessions on disk, and the Markdown a finished session exports."""

import datetime
import json

from quiz import load_path
from quiz.play import Store, markdown
from quiz.play.session import Session


def _coffee(examples):
    return load_path(examples / "coffee.json").tree


def test_save_and_load_round_trip(examples, tmp_path):
    store = Store(tmp_path / "sessions")
    session = Session.start(_coffee(examples)).answer("Fine")
    store.save(session)
    assert list(store.root.iterdir()) == [store.path("coffee")], "no temporary file is left behind"
    resumed = store.load(Session.start(session.tree))
    assert resumed.session == session and resumed.dropped == 0 and not resumed.changed


def test_a_session_at_its_start_is_not_kept(examples, tmp_path):
    store = Store(tmp_path)
    session = Session.start(_coffee(examples))
    store.save(session.answer("Fine"))
    store.save(session)
    assert store.load(Session.start(session.tree)) is None


def test_tree_ids_become_safe_file_names(tmp_path):
    store = Store(tmp_path)
    assert store.path("../../etc/passwd").parent == tmp_path
    assert store.path("a/b").name == "a%2Fb.json"
    assert store.path("a%2Fb").name == "a%252Fb.json", "distinct ids never share a file"


def test_an_unreadable_record_is_set_aside(examples, tmp_path):
    store = Store(tmp_path)
    tree = _coffee(examples)
    store.path(tree.id).write_text(json.dumps({"session": 1, "tree": "coffee", "version": 3, "answers": []}))
    resumed = store.load(Session.start(tree))
    assert resumed.session is None and "set aside" in resumed.problem
    assert not store.path(tree.id).exists() and len(list(tmp_path.iterdir())) == 1


def test_markdown_has_the_advice_and_every_answer(examples):
    session = Session.start(_coffee(examples)).replay(["Fine", "Yes"])
    text = markdown(session, today=datetime.date(2026, 1, 2))
    outcome = session.outcome
    assert text.startswith(f"# {outcome.title}\n")
    assert "(version 1.0.0), 2026-01-02" in text and outcome.text.strip() in text
    assert "1. How awake are you? — **Fine**" in text and "2. Milk? — **Yes**" in text
