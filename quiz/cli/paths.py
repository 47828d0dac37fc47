"""Which files a command reads: the files named, and the tree files in the folders named.

In a folder, a file is read when it ends in `.json`, is a tree (a JSON object with `format` and
`nodes`; a file too broken to parse counts when it names both), and no rule leaves it out:
hidden files and folders, folders that tools fill (node_modules, __pycache__, virtual
environments), what each .gitignore on the way says, and the `exclude` patterns (gitignore
style, relative to the project root). A file named on the command line is read whatever the
rules say, unless `force_exclude` is given (as ruff has it): pre-commit names every file it
hooks, and the rules should hold for those too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import msgspec
import pathspec

from quiz.errors import UsageError
from quiz.files import read_regular

__all__ = ["DEFAULT_EXCLUDE", "is_tree", "tree_files"]

DEFAULT_EXCLUDE = (".*", "node_modules/", "__pycache__/", "venv/", "site-packages/")
_TOP_LEVEL = msgspec.json.Decoder(dict[str, msgspec.Raw])  # keys only: nested values are skipped, not built


def is_tree(path: Path) -> bool:
    """A JSON object with `format` and `nodes` at its top; a file too broken to parse counts if it names both."""
    try:
        raw = read_regular(path)  # a FIFO named *.json must not block the walk
    except OSError:
        return True  # let the command say why it cannot be read
    try:
        keys = _TOP_LEVEL.decode(raw)
    except (msgspec.DecodeError, RecursionError):  # nested past msgspec's depth: judged by its names
        return b'"format"' in raw and b'"nodes"' in raw
    return "format" in keys and "nodes" in keys


def _absolute(path: Path) -> Path:
    """An absolute path with `..` resolved as text, so that symbolic links keep the names given."""
    return Path(os.path.abspath(path))


class _Rules:
    """The exclude patterns, and the .gitignore files met, each applying below its own folder."""

    def __init__(self, root: Path, exclude: Iterable[str]) -> None:
        self.root = _absolute(root)
        self.exclude = pathspec.GitIgnoreSpec.from_lines([*DEFAULT_EXCLUDE, *exclude])
        self.ignores: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self.tops: dict[Path, Path | None] = {}

    def _gitignore(self, directory: Path) -> pathspec.GitIgnoreSpec | None:
        if directory not in self.ignores:
            try:
                lines = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            self.ignores[directory] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self.ignores[directory]

    def _top(self, directory: Path, start: Path) -> Path:
        """Where .gitignore files start to apply: the repository's top, or `start` outside a repository."""
        if directory not in self.tops:
            self.tops[directory] = next((d for d in (directory, *directory.parents) if (d / ".git").exists()), None)
        top = self.tops[directory]
        return top if top is not None else start

    def left_out(self, path: Path, *, is_dir: bool, start: Path) -> bool:
        path, start = _absolute(path), _absolute(start)
        suffix = "/" if is_dir else ""
        base = self.root if path.is_relative_to(self.root) else start
        if self.exclude.match_file(path.relative_to(base).as_posix() + suffix):
            return True
        # A deeper .gitignore overrides a shallower one, as git has it.
        top = self._top(path.parent, start)
        folders = [path.parent, *(d for d in path.parent.parents if d.is_relative_to(top))]
        ignored = False
        for directory in reversed(folders):
            spec = self._gitignore(directory)
            if spec is not None:
                verdict = spec.check_file(path.relative_to(directory).as_posix() + suffix).include
                if verdict is not None:
                    ignored = verdict
        return ignored


def _walk(folder: Path, rules: _Rules) -> list[Path]:
    found, pending = [], [folder]
    while pending:
        directory = pending.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            raise UsageError(f"{directory}: {error.strerror or error}") from error
        for entry in entries:
            path = Path(entry.path)
            if _is(entry.is_dir):
                if not rules.left_out(path, is_dir=True, start=folder):
                    pending.append(path)
            elif (
                entry.name.endswith(".json")
                and not rules.left_out(path, is_dir=False, start=folder)
                and (not _is(entry.is_file) or is_tree(path))
            ):
                # A *.json that is not a regular file (a FIFO, a device, a symlink loop) is kept
                # for the reading to refuse by name: it is a could-not-run, not a file to skip.
                found.append(path)
    return sorted(found)


def _is(test: Callable[[], bool]) -> bool:
    """An entry's kind, where a symlink loop (which has none) is neither a folder nor a file."""
    try:
        return test()
    except OSError:
        return False


def tree_files(
    names: Sequence[str], *, root: Path, exclude: Iterable[str] = (), force_exclude: bool = False
) -> list[Path]:
    """The files named, and the tree files in the folders named, in a stable order."""
    rules = _Rules(root, exclude)
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files.extend(_walk(path, rules))
        elif path.exists() or path.is_symlink():
            if not force_exclude or (not rules.left_out(path, is_dir=False, start=path.parent) and is_tree(path)):
                files.append(path)
        else:
            raise UsageError(f"{name}: no such file or directory")
    if not files and not force_exclude:
        raise UsageError(f"no tree files (*.json with `format` and `nodes`) in {', '.join(names)}")
    return files
