"""Settings from `[tool.quiz]` in pyproject.toml, found as ruff finds its own.

The nearest pyproject.toml with a `[tool.quiz]` table, from the current directory up, is the
project's; its directory is the root that `paths` and `exclude` are relative to. Options on
the command line win over it. An unknown key or a value of the wrong type is an error, since
a misspelt setting silently ignored is a check silently not made.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import attrs

from quiz.errors import UsageError

__all__ = ["OUTPUT_FORMATS", "Settings", "find_settings"]

OUTPUT_FORMATS = ("text", "json", "sarif", "github")


@attrs.frozen
class Settings:
    """What `[tool.quiz]` says, with the directory its paths are relative to."""

    root: Path
    source: Path | None = None  # the pyproject.toml read, if any
    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    strict: bool = False
    output_format: str = "text"


def _strings(value: Any, key: str, source: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{source}: [tool.quiz] {key} must be a list of strings")
    return tuple(value)


def _read(source: Path, table: dict[str, Any]) -> Settings:
    settings = Settings(root=source.parent, source=source)
    known = {"paths", "exclude", "strict", "output-format"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise UsageError(f"{source}: [tool.quiz] has no setting {unknown[0]!r} (settings: {', '.join(sorted(known))})")
    if "paths" in table:
        settings = attrs.evolve(settings, paths=_strings(table["paths"], "paths", source))
    if "exclude" in table:
        settings = attrs.evolve(settings, exclude=_strings(table["exclude"], "exclude", source))
    if "strict" in table:
        if not isinstance(table["strict"], bool):
            raise UsageError(f"{source}: [tool.quiz] strict must be true or false")
        settings = attrs.evolve(settings, strict=table["strict"])
    if "output-format" in table:
        fmt = table["output-format"]
        if fmt not in OUTPUT_FORMATS:
            raise UsageError(f"{source}: [tool.quiz] output-format must be one of {', '.join(OUTPUT_FORMATS)}")
        settings = attrs.evolve(settings, output_format=fmt)
    return settings


def find_settings(start: Path) -> Settings:
    """The settings of the project `start` is in; defaults rooted at `start` if none says `[tool.quiz]`."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if not candidate.is_file():
            continue
        try:
            document = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise UsageError(f"{candidate}: cannot be read as TOML ({error})") from error
        table = document.get("tool", {}).get("quiz")
        if table is None:
            continue
        if not isinstance(table, dict):
            raise UsageError(f"{candidate}: [tool.quiz] must be a table")
        return _read(candidate, table)
    return Settings(root=start)
