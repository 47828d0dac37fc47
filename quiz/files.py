"""Writing files so that a crash or a full disk never leaves half of one."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


def write_atomic(path: Path, text: str, *, mode: int = 0o666, parents: bool = True, durable: bool = True) -> None:
    """Write `text` to a new file beside `path`, then rename it over `path`.

    A regular file already there keeps its mode; a new one gets `mode` less the umask.
    The name itself is replaced, never written through: a symbolic link there becomes
    the new file and its target is left as it was. With `parents`, missing folders are
    made; with `durable`, the text is on the disk before the rename, so that a power cut
    leaves the old file or the new one.
    """
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    keep = _regular_mode(path)
    while True:
        # A short random name: the real one may be near the file system's limit already.
        temporary = path.with_name(f".{path.name[:32]}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            if keep is not None:
                os.fchmod(out.fileno(), keep)
            if durable:
                os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _regular_mode(path: Path) -> int | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


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
