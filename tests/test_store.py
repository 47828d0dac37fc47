"""Saved sessions, remembered settings and atomic files on disk, and the Markdown a finished session exports."""

from __future__ import annotations

import datetime
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from quiz import Session, load_path
from quiz.files import write_atomic
from quiz.play import Preferences, Store, escape, file_name, markdown
from quiz.play.saved import file_name as session_file_name

COMMONMARK = MarkdownIt("commonmark")
DAY = datetime.date(2026, 1, 2)


def _coffee(examples):
    return load_path(examples / "coffee.json").tree


def _finished(tree, pick: int = 0) -> Session:
    """A walk to an outcome taking, at each question, the offered choice `pick`; at a number, its least
    (pick 0) or greatest (pick -1) value."""
    s = Session.start(tree)
    while not s.finished:
        if s.node.kind == "info":
            s = s.proceed()
        elif s.node.kind == "number":
            s = s.answer(s.number_range()[pick])
        else:
            s = s.answer(s.choices()[pick].label)
    return s


# Saved sessions


def test_save_and_load_round_trip(examples, tmp_path):
    store = Store(tmp_path / "sessions")
    session = Session.start(_coffee(examples)).answer("Fine")
    store.save(session)
    assert list(store.root.iterdir()) == [store.path("coffee")], "no temporary file is left behind"
    assert stat.S_IMODE(store.path("coffee").stat().st_mode) == 0o600, "a saved place is the user's alone"
    resumed = store.load(Session.start(session.tree))
    assert resumed.session == session and resumed.dropped == 0 and not resumed.changed


def test_a_session_at_its_start_is_not_kept(examples, tmp_path):
    store = Store(tmp_path)
    session = Session.start(_coffee(examples))
    store.save(session.answer("Fine"))
    store.save(session)
    assert store.load(Session.start(session.tree)) is None


HARD_IDS = [
    "coffee",
    "Coffee",
    "COFFEE",
    "a/b",
    "a-b",
    "a%2Fb",
    "a+b",
    "../../etc/passwd",
    "/abs",
    ".",
    "..",
    "",
    " ",
    "con",
    "x" * 300,
    "x" * 299 + "y",
    "中文の木",
    "中文の本",
    "a\x00b",
    "\ud800",
    "coffee.corrupt-20260102-101010",
]


def test_tree_ids_of_any_length_or_alphabet_become_distinct_legal_file_names(tmp_path):
    store = Store(tmp_path)
    names = [session_file_name(tree_id) for tree_id in HARD_IDS]
    assert len({name.casefold() for name in names}) == len(names), "no two ids share a file, whatever the case"
    for tree_id in HARD_IDS:
        path = store.path(tree_id)
        assert path.parent == tmp_path and not path.name.startswith(".")
        assert len(path.name.encode()) <= 255 and "\x00" not in path.name
        path.write_text(tree_id.encode("utf-8", "surrogatepass").hex())  # the file system takes the name
    assert len(list(tmp_path.iterdir())) == len(HARD_IDS)
    assert session_file_name("get-him-back") == "get-him-back.json", "a plain id is its own file name"


@given(st.lists(st.text(max_size=300), min_size=2, max_size=6, unique=True))
def test_distinct_ids_never_share_a_saved_place(ids):
    names = [session_file_name(i) for i in ids]
    assert len({n.casefold() for n in names}) == len(ids)
    assert all("/" not in n and "\x00" not in n and len(n.encode()) <= 255 and n[0] != "." for n in names)


def test_an_unreadable_record_is_set_aside(examples, tmp_path):
    store = Store(tmp_path)
    tree = _coffee(examples)
    store.path(tree.id).write_text(json.dumps({"session": 1, "tree": "coffee", "version": 3, "answers": []}))
    resumed = store.load(Session.start(tree))
    assert resumed.session is None and "set aside" in resumed.problem
    assert not store.path(tree.id).exists() and len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize(
    "content",
    [b"[" * 200_000, b'{"a":' * 100_000, b"\xff\xfe not text", b" " * (2 << 20)],
    ids=["deep-list", "deep-object", "not-utf8", "huge"],
)
def test_a_mangled_session_file_is_set_aside_not_a_crash(examples, tmp_path, content):
    store = Store(tmp_path)
    start = Session.start(_coffee(examples))
    store.path("coffee").write_bytes(content)
    resumed = store.load(start)
    assert resumed.session is None and "It was set aside as" in resumed.problem
    [aside] = tmp_path.glob("coffee.corrupt-*.json")
    assert aside.read_bytes() == content, "the file is kept as it was"


def test_set_aside_files_never_overwrite_each_other(examples, tmp_path):
    store = Store(tmp_path)
    start = Session.start(_coffee(examples))
    for n in range(3):
        store.path("coffee").write_text(f"broken {n}")
        store.load(start)
    assert sorted(p.read_text() for p in tmp_path.glob("coffee.corrupt-*.json")) == ["broken 0", "broken 1", "broken 2"]


def test_a_folder_where_the_session_file_should_be_is_left_alone(examples, tmp_path):
    store = Store(tmp_path)
    start = Session.start(_coffee(examples))
    store.path("coffee").mkdir()
    (store.path("coffee") / "mine.txt").write_text("keep me")
    resumed = store.load(start)
    assert resumed.session is None and "is not a file" in resumed.problem
    with pytest.raises(OSError):
        store.save(start.answer("Fine"))
    with pytest.raises(IsADirectoryError):
        store.discard("coffee")
    assert (store.path("coffee") / "mine.txt").read_text() == "keep me"


def test_a_pipe_where_the_session_file_should_be_does_not_hang(examples, tmp_path):
    store = Store(tmp_path)
    os.mkfifo(store.path("coffee"))
    resumed = store.load(Session.start(_coffee(examples)))
    assert resumed.session is None and "is not a file" in resumed.problem


def test_a_file_where_the_folder_should_be(examples, tmp_path):
    (tmp_path / "data").write_text("not a folder")
    store = Store(tmp_path / "data" / "sessions")
    start = Session.start(_coffee(examples))
    resumed = store.load(start)
    assert resumed.session is None and "could not read the saved session" in resumed.problem
    with pytest.raises(OSError):
        store.save(start.answer("Fine"))


def test_a_file_that_cannot_be_set_aside_is_named_and_left(examples, tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.path("coffee").write_text("{not json")

    def refuse(self, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    resumed = store.load(Session.start(_coffee(examples)))
    assert resumed.session is None
    assert (
        "could not be set aside (Permission denied)" in resumed.problem and str(store.path("coffee")) in resumed.problem
    )
    assert store.path("coffee").read_text() == "{not json"


# Atomic files


def test_write_atomic_keeps_a_files_mode_and_gives_a_new_one_the_umasks(tmp_path):
    old = tmp_path / "old.md"
    old.write_text("before")
    old.chmod(0o640)
    write_atomic(old, "after")
    assert old.read_text() == "after" and stat.S_IMODE(old.stat().st_mode) == 0o640
    new = tmp_path / "new.md"
    write_atomic(new, "text", mode=0o600)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "old.md"]


def test_write_atomic_replaces_a_symlink_and_leaves_its_target(tmp_path):
    target = tmp_path / "target.md"
    target.write_text("theirs")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "mine")
    assert not link.is_symlink() and link.read_text() == "mine" and target.read_text() == "theirs"


def test_write_atomic_without_parents_does_not_make_folders(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "x.md", "text", parents=False)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "x.md"
    path.write_text("old")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, "new")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["x.md"]


# Remembered settings


def test_settings_round_trip_and_anything_else_reads_as_the_defaults(tmp_path):
    path = tmp_path / "config" / "settings.json"
    assert Preferences.read(path) == Preferences()
    Preferences("textual-light", "/home/me/Notes").write(path)
    assert Preferences.read(path) == Preferences("textual-light", "/home/me/Notes")
    for content in ["[1]", '{"theme": 3, "save_folder": ["x"]}', "{", "[" * 100_000]:
        path.write_text(content)
        assert Preferences.read(path) == Preferences()
    path.write_text('{"theme": "textual-dark", "future": true}')
    assert Preferences.read(path) == Preferences("textual-dark")
    path.unlink()
    path.mkdir()
    assert Preferences.read(path) == Preferences()


# The Markdown export


def test_markdown_has_the_advice_and_the_whole_way_there(examples):
    tree = _coffee(examples)
    session = Session.start(tree).replay(["Fine", "Yes"])
    text = markdown(session, today=DAY)
    outcome = session.outcome
    assert text.startswith(f"# {outcome.title}\n")
    assert "(version 1.0.0), 2026-01-02" in text and outcome.text.strip() in text
    assert "1. How awake are you?\n\n   Your answer: **Fine**" in text
    assert "2. Milk?\n\n   Your answer: **Yes**" in text


def test_markdown_keeps_the_pages_passed_with_their_text(examples):
    session = Session.start(_coffee(examples)).answer("Barely").proceed()
    text = markdown(session, today=DAY)
    assert "2. A page of advice: **Strong it is**\n\n   You need something strong." in text


@pytest.mark.parametrize("path", sorted((Path(__file__).parent.parent / "trees").glob("*.json")), ids=lambda p: p.stem)
def test_the_saved_journey_reads_back_as_one_list_of_every_step(path):
    """Parsed as CommonMark, the journey is one ordered list: an item per question and per page, in order."""
    tree = load_path(path).tree
    for pick in (0, -1):
        session = _finished(tree, pick)
        tokens = COMMONMARK.parse(markdown(session, today=DAY))
        start = next(
            i for i, t in enumerate(tokens) if t.type == "heading_open" and tokens[i + 1].content == "How you got here"
        )
        lists = [t for t in tokens[start:] if t.type == "ordered_list_open" and t.level == 0]
        items = [t for t in tokens[start:] if t.type == "list_item_open" and t.level == 1]
        passed = [n for n in session.path[:-1] if tree.nodes[n].kind != "route"]  # routes are never shown
        assert len(lists) == 1 and len(items) == len(passed) == len(session.journey())


ONE_LINE = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1).filter(str.strip)


@given(ONE_LINE)
def test_an_escaped_one_line_text_is_only_text_wherever_the_export_puts_one(text):
    """No title or label can become a link, an image, HTML, code or emphasis in the saved Markdown."""
    plain = " ".join(text.split())
    lines = {
        f"# {escape(text)}": plain,
        f"*From “{escape(text)}” (version 1)*": f"From “{plain}” (version 1)",
        f"1. x\n\n   Your answer: **{escape(text)}**": f"Your answer: {plain}",
    }
    for line, shown in lines.items():
        inline = [t for t in COMMONMARK.parse(line) if t.type == "inline"][-1]
        kinds = {c.type for c in inline.children} - {"text", "em_open", "em_close", "strong_open", "strong_close"}
        assert not kinds, f"{line!r} holds {kinds}"
        assert "".join(c.content for c in inline.children if c.type == "text") == shown


@given(st.text())
def test_the_suggested_file_name_stays_in_its_folder(tree_id):
    name = file_name(tree_id, DAY)
    folder = Path("/home/me/Documents")
    assert (folder / name).parent == folder and name.endswith("-2026-01-02.md")
    assert not name.startswith((".", "-")) and "/" not in name and "\\" not in name and "\x00" not in name


@pytest.mark.parametrize(
    ("tree_id", "name"),
    [
        ("get-him-back", "get-him-back-2026-01-02.md"),
        ("../../x", "x-2026-01-02.md"),
        ("/abs", "abs-2026-01-02.md"),
        ("..", "advice-2026-01-02.md"),
        ("a b/c", "a-b-c-2026-01-02.md"),
    ],
)
def test_the_suggested_file_name_is_the_cleaned_id_and_the_date(tree_id, name):
    assert file_name(tree_id, DAY) == name
