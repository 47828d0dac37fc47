"""Reading only regular files, and saves that keep what the author had: links, owner, mode, and a whole file.

What quiz keeps for itself is written otherwise (a symlink there is replaced): tests/test_store.py.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from quiz import files
from quiz.files import NotRegular, ReadOnly, read_regular, write_atomic


def test_reading_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(NotRegular, match="FIFO"):
        read_regular(tmp_path / "pipe")  # opened without blocking, then refused
    with pytest.raises(NotRegular, match="character device"):
        read_regular(Path("/dev/zero"))
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    with pytest.raises(OSError, match="symlink loop"):
        read_regular(tmp_path / "loop")
    (tmp_path / "real").write_bytes(b"{}")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert read_regular(tmp_path / "link") == b"{}"


def test_a_new_file_gets_the_users_umask(tmp_path: Path) -> None:
    code = (
        "import os, sys; from pathlib import Path; from quiz.files import write_atomic; os.umask(0o027);"
        "write_atomic(Path(sys.argv[1]), 'x'); print(oct(os.stat(sys.argv[1]).st_mode & 0o777))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "new.json")], capture_output=True, text=True)
    assert done.stdout.strip() == "0o640"  # 0666 less the umask, where mkstemp gave 0600


def test_a_rewrite_keeps_the_mode_and_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("old")
    target.chmod(0o664)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomic(link, "new", authored=True)
    assert link.is_symlink() and target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_rewrite_keeps_hard_links(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text("old")
    os.link(first, second)
    write_atomic(first, "new", authored=True)
    assert second.read_text() == "new" and first.stat().st_ino == second.stat().st_ino


def test_a_read_only_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "ro.json"
    path.write_text("mine")
    path.chmod(0o444)
    with pytest.raises(ReadOnly):
        write_atomic(path, "theirs", authored=True)
    assert path.read_text() == "mine"


def test_the_text_is_on_disk_before_the_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(files.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(files.os, "replace", lambda a, b: (events.append("rename"), real_replace(a, b))[1])
    write_atomic(tmp_path / "t.json", "text")
    assert events[:2] == ["fsync", "rename"]


def test_what_a_killed_save_left_is_cleared_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("old")
    code = (
        "import os, sys; from pathlib import Path; import quiz.files as f;"
        "f.os.replace = lambda a, b: os.kill(os.getpid(), 9);"  # killed between writing and renaming
        "f.write_atomic(Path(sys.argv[1]), 'new')"
    )
    subprocess.run([sys.executable, "-c", code, str(path)])
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "the kill left a temporary"
    assert path.read_text() == "old"
    write_atomic(path, "newer")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"] and path.read_text() == "newer"


def test_new_never_overwrites_even_a_file_made_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("mine")
    with pytest.raises(FileExistsError):
        write_atomic(path, "theirs", overwrite=False)
    assert path.read_text() == "mine"
