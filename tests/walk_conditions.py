"""Hypothesis draws for format-2 facts and for random well-typed conditions of the whole grammar.

Drawing goes through a few cached integer strategies: building a strategy per draw costs more than
the draw, and the trees are drawn by the ten thousand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, TypeVar

from hypothesis import strategies as st

__all__ = [
    "Facts",
    "Lean",
    "chance",
    "condition",
    "draw_condition",
    "draw_facts",
    "facts",
    "pick",
    "some",
    "uniform",
    "values",
]

T = TypeVar("T")
Facts = dict[str, dict[str, Any]]

FACT_NAMES = ("a", "b", "done", "ended_by", "hope", "mood", "n", "weeks", "x_1", "z9")
# Enum values with spaces and with either quote, so that rendering must pick the other quote.
ENUM_VALUES = ("me", "him", "both", "not sure", "it's", 'say "no"')
OPS = ("==", "!=", "<", "<=", ">", ">=")
# Words need a separator between them; next to punctuation it may be left out.
_PUNCT = frozenset({*OPS, "(", ")", "[", "]", ","})
# Spacing styles: (between two words, next to punctuation).
_STYLES = ((" ", " "), (" ", ""), ("  ", " "), ("\t", "\t"), (" \t", ""))

_RANGES: dict[tuple[int, int], st.SearchStrategy[int]] = {}


def uniform(draw: st.DrawFn, low: int, high: int) -> int:
    if (low, high) not in _RANGES:
        _RANGES[low, high] = st.integers(low, high)
    return draw(_RANGES[low, high])


def pick(draw: st.DrawFn, items: Sequence[T]) -> T:
    return items[uniform(draw, 0, len(items) - 1)]


def chance(draw: st.DrawFn, tenths: int) -> bool:
    return uniform(draw, 0, 9) < tenths


def some(draw: st.DrawFn, items: Sequence[T], low: int, high: int, unique: bool = False) -> list[T]:
    """low..high items drawn from items; if unique, distinct (and no more than there are)."""
    pool, out = list(items), []
    for _ in range(uniform(draw, low, min(high, len(pool)) if unique else high)):
        out.append(pool.pop(uniform(draw, 0, len(pool) - 1)) if unique else pick(draw, pool))
    return out


def values(decl: dict[str, Any]) -> list[Any]:
    if decl["type"] == "bool":
        return [False, True]
    if decl["type"] == "enum":
        return list(decl["values"])
    return list(range(decl["min"], decl["max"] + 1))


def draw_facts(draw: st.DrawFn, careful: bool) -> Facts:
    """0-4 facts: bools, enums of 1-3 values, ints over ranges of up to four; `initial` or not.

    Careful facts all start set and have two values or more, and the first is an int, so that
    conditions on them can tell states apart.
    """
    out: Facts = {}
    for k, name in enumerate(some(draw, FACT_NAMES, 1 if careful else 0, 4, unique=True)):
        kind = "int" if careful and k == 0 else pick(draw, ("bool", "enum", "int"))
        if kind == "bool":
            decl: dict[str, Any] = {"type": "bool"}
        elif kind == "enum":
            decl = {"type": "enum", "values": some(draw, ENUM_VALUES, 2 if careful else 1, 3, unique=True)}
        else:
            low = uniform(draw, -1, 1)
            decl = {"type": "int", "min": low, "max": low + uniform(draw, 1 if careful else 0, 3)}
        if careful or chance(draw, 5):
            decl["initial"] = pick(draw, values(decl))
        out[name] = decl
    return out


@st.composite
def facts(draw: st.DrawFn, careful: bool = False) -> Facts:
    """A `facts` object of a format-2 tree."""
    return draw_facts(draw, careful)


@dataclass(frozen=True)
class Lean:
    """How a tree's conditions lean. Wild ones may be constant (`false`, literals past the range);
    careful ones mostly read `spread`, an int fact every walk gives each value of, and compare it
    with a value inside its range, so that they hold in some states and not in others."""

    careful: bool = False
    spread: str | None = None


def _literal(value: Any, draw: st.DrawFn) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    # A text cannot hold its own quote, so a value with one quote is written with the other.
    if "'" in value:
        return f'"{value}"'
    if '"' in value:
        return f"'{value}'"
    return pick(draw, ("'", '"')).join(("", value, ""))


def _atom(draw: st.DrawFn, known: Facts, lean: Lean) -> list[str]:
    """A primary that types: a constant, a bool fact, a comparison either way round, or a membership."""
    if not known or uniform(draw, 0, 7) == 0:
        return [pick(draw, ("true",) if lean.careful else ("true", "false"))]
    if lean.spread is not None and chance(draw, 7):
        decl = known[lean.spread]
        inside = _literal(uniform(draw, decl["min"] + 1, decl["max"]), draw)
        op = pick(draw, ("<", ">="))
        return [lean.spread, op, inside] if chance(draw, 5) else [inside, {"<": ">", ">=": "<="}[op], lean.spread]
    name = pick(draw, sorted(known))
    decl = known[name]
    if decl["type"] == "bool":
        if chance(draw, 5):
            return [name]
        op, lit = pick(draw, ("==", "!=")), _literal(chance(draw, 5), draw)
    else:
        # Int literals reach past either end, so that some comparisons are constant.
        past = 1 if lean.careful else 2
        pool = values(decl) if decl["type"] == "enum" else list(range(decl["min"] - past, decl["max"] + past + 1))
        if uniform(draw, 0, 3) == 0:
            listed = ["["]
            for i, item in enumerate(some(draw, pool, 1, 3)):
                listed += [","] * (i > 0) + [_literal(item, draw)]
            return [name, *pick(draw, (["in"], ["not", "in"])), *listed, "]"]
        op = pick(draw, OPS if decl["type"] == "int" else ("==", "!="))
        lit = _literal(pick(draw, pool), draw)
    return [name, op, lit] if chance(draw, 5) else [lit, op, name]


def _tokens(draw: st.DrawFn, known: Facts, lean: Lean, depth: int) -> tuple[list[str], int]:
    """A condition's tokens and how loosely they bind: 0 an or, 1 an and, 2 a not, 3 a primary."""
    kind = uniform(draw, 0, 6) if depth > 0 else 0
    if kind <= 3:
        return _atom(draw, known, lean), 3
    if kind == 4:
        return ["not", *_wrap(draw, _tokens(draw, known, lean, depth - 1), 2)], 2
    op, prec = ("and", 1) if kind == 5 else ("or", 0)
    left, right = _tokens(draw, known, lean, depth - 1), _tokens(draw, known, lean, depth - 1)
    # The right side binds one tighter, so `a or (b or c)` keeps its parentheses.
    return [*_wrap(draw, left, prec), op, *_wrap(draw, right, prec + 1)], prec


def _wrap(draw: st.DrawFn, part: tuple[list[str], int], needed: int) -> list[str]:
    """Parenthesised where precedence needs it, and now and then where it does not."""
    tokens, prec = part
    return ["(", *tokens, ")"] if prec < needed or chance(draw, 1) else tokens


def draw_condition(draw: st.DrawFn, known: Facts, lean: Lean = Lean(), depth: int = 2) -> str:
    tokens = _wrap(draw, _tokens(draw, known, lean, depth), 0)
    word, punct = pick(draw, _STYLES)
    out = tokens[0]
    for before, tok in pairwise(tokens):
        out += (punct if before in _PUNCT or tok in _PUNCT else word) + tok
    return out


@st.composite
def condition(draw: st.DrawFn, known: Facts, depth: int = 2) -> str:
    """A condition of the whole grammar that types against these facts."""
    return draw_condition(draw, known, Lean(), depth)
