"""The trees that ship with quiz, found where they are installed.

A wheel carries them inside the package (`quiz/trees`); a checkout or an editable install
reads them from the repository's `trees/`.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs

PACKAGED = Path(__file__).parent.parent / "trees"
CHECKOUT = Path(__file__).parent.parent.parent / "trees"


@attrs.frozen
class Entry:
    """A bundled tree as a picker shows it, read without the full pipeline."""

    id: str
    title: str
    description: str
    path: Path


def directory() -> Path:
    return PACKAGED if PACKAGED.is_dir() else CHECKOUT


def entries() -> list[Entry]:
    """Every bundled tree, by title. A file too broken to name itself is listed by its file name."""
    found = []
    for path in sorted(directory().glob("*.json")):
        try:
            doc = json.loads(path.read_bytes())
        except ValueError:
            doc = {}
        doc = doc if isinstance(doc, dict) else {}
        text = {key: value if isinstance(value := doc.get(key), str) else "" for key in ("id", "title", "description")}
        found.append(Entry(text["id"] or path.stem, text["title"] or path.stem, text["description"], path))
    return sorted(found, key=lambda e: e.title.casefold())


def find(name: str) -> Path | None:
    """A tree by file path, or else by the id of a bundled tree."""
    path = Path(name)
    if path.is_file():
        return path
    return next((e.path for e in entries() if e.id == name), None)
