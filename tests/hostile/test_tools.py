"""The tools that write an author's files (fmt, new) keep them: links, owner, mode, escapes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quiz.cli import main
from tests.hostile.cases import outcome, question, tree

LOOSE = json.dumps(tree({"q": question("a", "b"), "a": outcome(), "b": outcome()}), indent=5)


def test_fmt_writes_through_a_symlink_and_keeps_hard_links(tmp_path: Path) -> None:
    real, other, link = tmp_path / "real.json", tmp_path / "other.json", tmp_path / "link.json"
    real.write_text(LOOSE)
    os.link(real, other)
    link.symlink_to(real)
    assert main(["fmt", str(link)]) == 0
    assert link.is_symlink() and real.read_text() != LOOSE
    assert other.read_text() == real.read_text() and other.stat().st_ino == real.stat().st_ino


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file another owner takes root")
def test_fmt_keeps_the_owner_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(LOOSE)
    os.chown(path, 1234, 5678)
    path.chmod(0o640)
    assert main(["fmt", str(path)]) == 0
    after = path.stat()
    assert (after.st_uid, after.st_gid, after.st_mode & 0o777) == (1234, 5678, 0o640)


@pytest.mark.parametrize("escape", ["\\u202e", "\\u0085", "\\u2066", "\\ud800", "\\u001b"])
def test_fmt_keeps_invisible_and_control_characters_escaped(tmp_path: Path, escape: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(LOOSE.replace('"All done."', f'"All{escape} done."'))
    before = json.loads(path.read_text())
    assert main(["fmt", str(path)]) == 0
    written = path.read_text()
    assert f"All{escape} done." in written and json.loads(written) == before


@pytest.mark.parametrize("depth", [600, 950, 5000])
def test_fmt_refuses_nesting_deeper_than_a_tree_and_goes_on(tmp_path: Path, depth: int, capsys) -> None:
    (tmp_path / "a.json").write_text('{"format": 1, "nodes": {}, "x": ' + "[" * depth + "]" * depth + "}")
    (tmp_path / "b.json").write_text(LOOSE)
    assert main(["fmt", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert "Q105" in err and "1 file reformatted" in out and (tmp_path / "b.json").read_text() != LOOSE


def test_new_reports_a_folder_it_cannot_write_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # as good as read-only for a root that may write anywhere
    assert main(["new", "my-quiz"]) == 2
    assert "cannot write my-quiz.json" in capsys.readouterr().err


HOSTILE_LABELS = ["%%{init: {'theme': 'dark'}}%%", "&amp; &#60; &lt;", "a %% comment", "#35; #quot;", 'say "hi" | <b>']


def test_mermaid_s_own_parser_takes_every_hostile_label_as_text() -> None:
    from quiz.author.pictures import mermaid
    from quiz.pipeline import load_bytes
    from tests.test_pictures import mermaid_verdicts

    texts = []
    for label in HOSTILE_LABELS:
        doc = tree({"q": question("a", "b", labels=(label, "No"), text=label), "a": outcome(label), "b": outcome()})
        loaded = load_bytes(json.dumps(doc).encode())
        assert loaded.tree is not None
        texts.append(mermaid(loaded.tree))
    assert all("%%" not in text and "&" not in text for text in texts)  # no directive, comment or HTML entity
    assert mermaid_verdicts(texts) == ["ok"] * len(texts)
