"""Reading tree files that may be anything, and writing files so that nothing an author wrote is lost.

Reading: only a regular file is read (a FIFO would block forever, /dev/zero never ends), and
the check is made on the open file, so nothing can be swapped in between the look and the read.

Writing: the new text goes to a temporary file beside the target, is flushed to the disk,
and is renamed over the target, so a crash or a full disk never leaves half a file. A
symlink is written through to its target; the target's mode and owner are kept (a new
file gets the user's umask); a read-only file is refused. A file with several hard links,
or one whose owner this process cannot give a new file, is rewritten in place once the new
text is safely on disk beside it, so that the links and the owner stay. Temporary files that
a killed save left behind are cleared by the next save of the same file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path

__all__ = ["NotRegular", "ReadOnly", "read_regular", "write_atomic"]

_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
_NAME_PART = 100  # of the target's name in a temporary's, so that the temporary's name is never too long


class NotRegular(OSError):
    """A path that is not a regular file (a FIFO, a device, a directory) where a file is to be read."""


class ReadOnly(OSError):
    """A file without write permission, which a save refuses to replace."""


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; OSError (with a message in `strerror`) for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "a symlink loop: it never reaches a file", str(path)) from error
        raise
    with open(fd, "rb") as file:  # closes fd
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise NotRegular(errno.EINVAL, f"{kind}, not a tree file: only regular files are read", str(path))
        return file.read()


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write `text` to `path` (through a symlink, to its target) so that a crash leaves the old file or the new.

    With `overwrite` false, an existing file is never replaced (FileExistsError), even one
    made by another process at the same moment.
    """
    target = Path(os.path.realpath(path, strict=True)) if path.is_symlink() else path
    data = text.encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(target)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None:
        if not overwrite:
            raise FileExistsError(errno.EEXIST, "already exists; not overwriting it", str(path))
        if not stat.S_ISREG(old.st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file; not writing over it", str(path))
        if not old.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise ReadOnly(errno.EACCES, "the file is read-only; not rewriting it", str(path))
    temporary = target.with_name(f".{target.name[:_NAME_PART]}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    # Created as open() creates files, so the kernel applies the user's umask to a new file.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with open(fd, "wb") as out:
            out.write(data)
            out.flush()
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
            kept = old is None or _same_owner(fd, old)
            os.fsync(fd)
        if old is None and not overwrite:
            os.link(temporary, target)  # fails if the name was taken meanwhile
        elif old is None or (kept and old.st_nlink == 1):
            os.replace(temporary, target)
        else:
            _in_place(target, data)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    _sync_directory(target.parent)


def _same_owner(fd: int, old: os.stat_result) -> bool:
    """Give the new file the old one's owner and group; whether it now has them."""
    if (os.fstat(fd).st_uid, os.fstat(fd).st_gid) != (old.st_uid, old.st_gid):
        with contextlib.suppress(PermissionError):
            os.fchown(fd, old.st_uid, old.st_gid)
    now = os.fstat(fd)
    return (now.st_uid, now.st_gid) == (old.st_uid, old.st_gid)


def _in_place(target: Path, data: bytes) -> None:
    """Rewrite the file itself, keeping its inode (its links, its owner), after the new text is on disk beside it."""
    fd = os.open(target, os.O_WRONLY | os.O_CLOEXEC)
    with open(fd, "wb") as out:
        out.write(data)
        out.truncate()
        out.flush()
        os.fsync(fd)


def _clear_leftovers(target: Path) -> None:
    """Remove the temporaries of saves of `target` whose process has ended (a save that was killed)."""
    leftover = re.compile(re.escape(f".{target.name[:_NAME_PART]}.") + r"(\d+)\.[0-9a-f]{8}\.tmp")
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            found = leftover.fullmatch(entry.name)
            if found and not _running(int(found[1])) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process saves one file at a time, so its own leftovers are from before
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sync_directory(folder: Path) -> None:
    """Flush the rename itself to disk, where the system allows a directory to be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
