"""Reading tree files that may be anything, and writing files so that nothing an author wrote is lost.

Reading: only a regular file is read (a FIFO would block forever, /dev/zero never ends), and
the check is made on the open file, so nothing can be swapped in between the look and the read.

Writing: the new text goes to a temporary file beside the target, is flushed to the disk,
and is renamed over the target, so a crash or a full disk never leaves half a file; a
regular file keeps its mode, a new one gets `mode` less the user's umask. Temporary files
that a killed save left behind are cleared by the next save of the same file.

An author's file (`authored`, as `quiz fmt` and `quiz new` write) is kept as the author has
it: a symlink is written through to its target; its owner is kept; a read-only file is
refused; and a file with several hard links, or one whose owner this process cannot give a
new file, is rewritten in place once the new text is safely on disk beside it, so that the
links and the owner stay. What quiz keeps for itself (saved places, settings) is written
otherwise: a symlink there is replaced, not followed, so that it cannot send a save elsewhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path

__all__ = ["NotAFile", "NotRegular", "ReadOnly", "TooLarge", "read_regular", "read_small", "write_atomic"]

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


def write_atomic(
    path: Path,
    text: str,
    *,
    mode: int = 0o666,
    parents: bool = True,
    durable: bool = True,
    authored: bool = False,
    overwrite: bool = True,
) -> None:
    """Write `text` to `path` so that a crash leaves the old file or the new.

    With `parents`, missing folders are made; with `durable`, the text is on the disk before
    the rename, so that a power cut leaves the old file or the new one. `authored` keeps an
    author's file as described above. With `overwrite` false, an existing file is never
    replaced (FileExistsError), even one made by another process at the same moment.
    """
    target = Path(os.path.realpath(path, strict=True)) if authored and path.is_symlink() else path
    data = text.encode("utf-8")
    if parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(target)
    try:
        old = os.stat(target) if authored else os.lstat(target)
    except FileNotFoundError:
        old = None
    if old is not None:
        if not overwrite:
            raise FileExistsError(errno.EEXIST, "already exists; not overwriting it", str(path))
        if not stat.S_ISREG(old.st_mode):
            if authored:
                raise NotRegular(errno.EINVAL, "not a regular file; not writing over it", str(path))
            old = None  # a symlink, say, which the new file replaces
        elif authored and (not old.st_mode & 0o222 or not os.access(target, os.W_OK)):
            raise ReadOnly(errno.EACCES, "the file is read-only; not rewriting it", str(path))
    temporary = target.with_name(f".{target.name[:_NAME_PART]}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    # Created as open() creates files, so the kernel applies the user's umask to a new file.
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    try:
        with open(fd, "wb") as out:
            out.write(data)
            out.flush()
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
            kept = old is None or not authored or _same_owner(fd, old)
            if durable:
                os.fsync(fd)
        if old is None and not overwrite:
            os.link(temporary, target)  # fails if the name was taken meanwhile
        elif old is None or not authored or (kept and old.st_nlink == 1):
            os.replace(temporary, target)
        else:
            _in_place(target, data)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    if durable:
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


class NotAFile(OSError):
    """Something other than a regular file (a folder, a pipe, a device) where a file should be."""


class TooLarge(ValueError):
    """A file far larger than any this program writes there."""


def read_small(path: Path, limit: int) -> bytes:
    """The bytes of a small file quiz wrote itself; never more than `limit`, and never from a pipe that could hang.

    Raises FileNotFoundError when there is none, NotAFile, TooLarge, or the OSError that
    reading gave.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise NotAFile(f"{path} is not a file")
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{path} is larger than {limit} bytes")
    return data
