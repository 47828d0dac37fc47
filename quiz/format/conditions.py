"""The condition language: `weeks < 4 and not cheated`, read into a small tree of values, never run as code.

    condition  := or
    or         := and ("or" and)*
    and        := not ("and" not)*
    not        := "not" not | primary
    primary    := "(" condition ")" | NAME ["not"] "in" list | operand [OP operand] | "true" | "false"
    operand    := NAME | INT | STRING | "true" | "false"        OP := == != < <= > >=
    list       := "[" literal ("," literal)* "]"

A comparison has one operator (no chains). What the names and literals mean (a fact's type,
its values) is checked against the tree's facts in `typed`; docs/format.md has the whole
language and its semantics.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
NAME = re.compile(r"[a-z][a-z0-9_]*")
OPERATORS = ("==", "!=", "<=", ">=", "<", ">")
MAX_DEPTH = 64  # parentheses and `not`s within one condition; deeper is a finding, not a stack overflow

_TOKEN = re.compile(
    r"""(?P<space>[ \t]+)
      | (?P<int>-?[0-9]+)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<op>==|!=|<=|>=|<|>)
      | (?P<punct>[()\[\],])""",
    re.VERBOSE,
)


class ConditionError(ValueError):
    """A condition that does not parse: what is wrong, the 1-based column in the condition, and how to mend it."""

    def __init__(self, message: str, column: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


@attrs.frozen
class Literal:
    value: bool | int | str
    column: int


@attrs.frozen
class Name:
    name: str
    column: int


@attrs.frozen
class Compare:
    left: Name | Literal
    op: str
    right: Name | Literal
    column: int


@attrs.frozen
class Member:
    fact: Name
    values: tuple[Literal, ...]
    negated: bool
    column: int


@attrs.frozen
class Not:
    inner: Condition


@attrs.frozen
class All:
    items: tuple[Condition, ...]


@attrs.frozen
class Any:
    items: tuple[Condition, ...]


Condition = Literal | Name | Compare | Member | Not | All | Any


@attrs.frozen
class _Token:
    kind: str  # int, name, string, op, punct, keyword, end
    text: str
    column: int


def _tokens(text: str) -> list[_Token]:
    out = []
    at = 0
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None:
            raise ConditionError(
                f"unexpected character {text[at]!r}",
                at + 1,
                "a condition holds fact names, numbers, 'texts', true, false, == != < <= > >=, in [..], "
                "and, or, not and parentheses",
            )
        kind = m.lastgroup or ""
        if kind in ("int", "name") and m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] == "_"):
            raise ConditionError(f"{m.group()!r} runs into what follows", m.end() + 1, "put a space between them")
        if kind != "space":
            word = m.group()
            out.append(_Token("keyword" if kind == "name" and word in KEYWORDS else kind, word, at + 1))
        at = m.end()
    out.append(_Token("end", "", len(text) + 1))
    return out


def parse(text: str) -> Condition:
    """The condition written in `text`; ConditionError says where it stops making sense."""
    parser = _Parser(_tokens(text))
    condition = parser.condition(0)
    end = parser.peek()
    if end.kind != "end":
        raise ConditionError(f"unexpected {end.text!r}", end.column, _after_condition_hint(end))
    return condition


def _after_condition_hint(token: _Token) -> str:
    if token.kind == "op":
        return "comparisons do not chain: write `a < b and b < c`"
    if token.text == ")":
        return "this closes a parenthesis that was never opened"
    return "join conditions with `and` or `or`"


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._at = 0

    def peek(self) -> _Token:
        return self._tokens[self._at]

    def take(self) -> _Token:
        token = self._tokens[self._at]
        self._at += 1
        return token

    def _deeper(self, depth: int, token: _Token) -> int:
        if depth >= MAX_DEPTH:
            raise ConditionError(f"the condition nests more than {MAX_DEPTH} levels deep", token.column)
        return depth + 1

    def condition(self, depth: int) -> Condition:
        items = [self.conjunction(depth)]
        while self.peek().text == "or":
            self.take()
            items.append(self.conjunction(depth))
        return items[0] if len(items) == 1 else Any(tuple(items))

    def conjunction(self, depth: int) -> Condition:
        items = [self.negation(depth)]
        while self.peek().text == "and":
            self.take()
            items.append(self.negation(depth))
        return items[0] if len(items) == 1 else All(tuple(items))

    def negation(self, depth: int) -> Condition:
        token = self.peek()
        if token.text == "not" and token.kind == "keyword":
            self.take()
            return Not(self.negation(self._deeper(depth, token)))
        return self.primary(depth)

    def primary(self, depth: int) -> Condition:
        token = self.peek()
        if token.text == "(":
            self.take()
            inner = self.condition(self._deeper(depth, token))
            closing = self.take()
            if closing.text != ")":
                raise ConditionError(f"expected ')' to close the '(' at column {token.column}", closing.column)
            return inner
        left = self.operand()
        after = self.peek()
        if after.kind == "op":
            self.take()
            right = self.operand()
            return Compare(left, after.text, right, left.column)
        if after.text in ("in", "not") and after.kind == "keyword":
            return self.membership(left)
        return left

    def membership(self, left: Name | Literal) -> Member:
        negated = self.take().text == "not"
        if negated:
            token = self.take()
            if token.text != "in":
                raise ConditionError(f"expected `in` after `not`, not {token.text!r}", token.column)
        if not isinstance(left, Name):
            raise ConditionError("`in` needs a fact on its left", left.column, "write `fact in [...]`")
        opening = self.take()
        if opening.text != "[":
            raise ConditionError("expected '[' to open the list", opening.column, "write `fact in ['a', 'b']`")
        values = [self.literal()]
        while self.peek().text == ",":
            self.take()
            values.append(self.literal())
        closing = self.take()
        if closing.text != "]":
            raise ConditionError("expected ',' or ']' in the list", closing.column)
        return Member(left, tuple(values), negated, left.column)

    def operand(self) -> Name | Literal:
        token = self.peek()
        if token.kind == "name":
            self.take()
            return Name(token.text, token.column)
        return self.literal()

    def literal(self) -> Literal:
        token = self.take()
        if token.kind == "int":
            return Literal(int(token.text), token.column)
        if token.kind == "string":
            return Literal(token.text[1:-1], token.column)
        if token.text in ("true", "false"):
            return Literal(token.text == "true", token.column)
        if token.kind == "end":
            raise ConditionError("the condition ends too soon", token.column, "something is missing at its end")
        if token.text == "[":
            raise ConditionError("a list is only allowed after `in`", token.column)
        raise ConditionError(f"expected a fact or a value, not {token.text!r}", token.column)


def names(condition: Condition) -> Iterator[Name]:
    """Every fact a condition names, in the order written: the facts it reads."""
    if isinstance(condition, Name):
        yield condition
    elif isinstance(condition, Compare):
        yield from (side for side in (condition.left, condition.right) if isinstance(side, Name))
    elif isinstance(condition, Member):
        yield condition.fact
    elif isinstance(condition, Not):
        yield from names(condition.inner)
    elif isinstance(condition, All | Any):
        for item in condition.items:
            yield from names(item)
