"""Colour in text output, as ruff and most terminal tools decide it.

On when the stream is a terminal (and TERM is not `dumb`); off when NO_COLOR is set to anything
but the empty string (https://no-color.org); on, even into a pipe, when FORCE_COLOR is set so.
NO_COLOR wins over FORCE_COLOR, as Python's own interpreter has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

__all__ = ["Palette", "palette"]

_SGR = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2"}


def wants_colour(stream: TextIO, environ: Mapping[str, str]) -> bool:
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and environ.get("TERM") != "dumb"


class Palette:
    """Wraps text in SGR sequences when colour is on; returns it unchanged when off."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, *styles: str) -> str:
        if not self.on or not styles:
            return text
        return f"\x1b[{';'.join(_SGR[s] for s in styles)}m{text}\x1b[0m"


def palette(stream: TextIO, environ: Mapping[str, str]) -> Palette:
    return Palette(wants_colour(stream, environ))
