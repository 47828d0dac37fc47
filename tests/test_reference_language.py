"""The reference's own condition language, on conditions evaluated and refused by hand."""

from __future__ import annotations

import pytest

from tests.reference_language import Fact, compile_condition

FACTS = {
    "b": Fact("bool", (False, True)),
    "n": Fact("int", (0, 1, 2, 3)),
    "e": Fact("enum", ("p", "q")),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true or false and false", True),  # and binds tighter than or
        ("not true or true", True),  # not binds tighter than or
        ("not n == 1", True),  # not (n == 1), with n = 2
        ("3 > n", True),
        ("n >= 3", False),
        ("(true or false) and false", False),
        ("e in ['q', \"p\"] and not e not in ['p']", True),
        ("b != true", True),
        ("not not b", False),
        ("n\t<=2 and b==false", True),  # tabs separate; operators need no space
    ],
)
def test_conditions_evaluate(text: str, expected: bool) -> None:
    cond = compile_condition(text, FACTS)
    assert cond.holds({"b": False, "n": 2, "e": "p"}) is expected


@pytest.mark.parametrize(
    "text",
    [
        "n",
        "e",
        "n == 'a'",
        "n == m",
        "n == b",
        "1 == 1",
        "n < 1 < 2",
        "b in [true]",
        "e == 'zz'",
        "e < 'p'",
        "N == 1",
        "n in []",
        "n == true",
        "b == 1",
        "1",
        "'p'",
        "(n) == 1",
        "n == 1 and",
        "n = 1",
        "true false",
        "1and b",
        "e == 'p",
        "in == 1",
    ],
)
def test_conditions_refused(text: str) -> None:
    with pytest.raises(ValueError):
        compile_condition(text, FACTS)


def test_reads_every_name() -> None:
    assert compile_condition("b or n > 1 and e == 'p'", FACTS).reads == {"b", "n", "e"}
