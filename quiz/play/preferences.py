"""What the terminal UI remembers from one start to the next: the theme, and the folder advice was saved in.

A small JSON file in the user's config folder. Reading it never fails: a missing,
unreadable or mangled file means the defaults. Writing it is atomic, and its errors are
the caller's to report.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import platformdirs

from quiz.files import read_small, write_atomic

__all__ = ["Preferences", "default_path"]

_LIMIT = 1 << 16


def default_path() -> Path:
    return Path(platformdirs.user_config_dir("quiz", appauthor=False)) / "settings.json"


@attrs.frozen
class Preferences:
    theme: str | None = None
    save_folder: str | None = None

    @classmethod
    def read(cls, path: Path) -> Preferences:
        """The settings kept in `path`; each one missing or not a text is left at its default."""
        try:
            data = json.loads(read_small(path, _LIMIT))
        except (OSError, ValueError, RecursionError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(**{f.name: data[f.name] for f in attrs.fields(cls) if isinstance(data.get(f.name), str)})

    def write(self, path: Path) -> None:
        """Keep the settings in `path`. Raises OSError."""
        record = {k: v for k, v in attrs.asdict(self).items() if v is not None}
        write_atomic(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n", durable=False)
