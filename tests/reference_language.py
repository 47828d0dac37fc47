"""The condition language of format 2, written from its grammar alone, for the brute-force reference.

A condition is tokenized, parsed by recursive descent (one function a grammar rule), type-checked
against the declared facts and evaluated in a state. Anything that breaks the grammar or the typing
raises ValueError: the reference judges only well-typed trees and refuses the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = ["KEYWORDS", "NAME", "Condition", "Fact", "Value", "compile_condition"]

Value: TypeAlias = bool | int | str
KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
NAME = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Fact:
    """A declared fact: its type, and its values (for int, min..max; for enum, the declared texts)."""

    type: Literal["bool", "enum", "int"]
    values: tuple[Value, ...]


# One token: its kind and its text or value. Kinds: "op", "punct", "int", "str", "word".
Token: TypeAlias = tuple[str, Value]

# Operators longest first, so that "<=" is never read as "<" then "=".
_TOKEN = re.compile(
    r"""(?P<space>[ \t]+)
      | (?P<op>==|!=|<=|>=|<|>)
      | (?P<punct>[()\[\],])
      | (?P<int>-?[0-9]+)
      | (?P<str>'[^']*'|"[^"]*")
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise ValueError(f"condition {text!r}: unexpected character at {pos}")
        kind = m.lastgroup
        assert kind is not None
        pos = m.end()
        if kind == "space":
            continue
        raw = m.group()
        value: Value = int(raw) if kind == "int" else raw[1:-1] if kind == "str" else raw
        # A number run straight into a word ("1and") or another number is not two tokens.
        if out and kind in ("int", "word") and out[-1][0] in ("int", "word") and text[m.start() - 1] not in " \t":
            raise ValueError(f"condition {text!r}: tokens run together at {m.start()}")
        out.append((kind, value))
    return out


# The syntax tree. Operands are a fact's name or a literal; a literal is kept with its kind so that
# `true` (a bool) and `1` (an int) never compare equal, as they would as Python values.
@dataclass(frozen=True)
class Ref:
    name: str


@dataclass(frozen=True)
class Lit:
    kind: Literal["int", "str", "bool"]
    value: Value


@dataclass(frozen=True)
class Compare:
    op: str
    left: Ref | Lit
    right: Ref | Lit


@dataclass(frozen=True)
class Member:
    name: str
    values: tuple[Lit, ...]
    negated: bool


@dataclass(frozen=True)
class Not:
    inner: Node


@dataclass(frozen=True)
class Junction:
    op: Literal["and", "or"]
    parts: tuple[Node, ...]


# A bare `true`/`false` is a Lit; a bare bool fact is a Ref.
Node: TypeAlias = Ref | Lit | Compare | Member | Not | Junction


class _Parser:
    """Recursive descent over the token list, one method a rule of the grammar."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.pos = 0

    def fail(self, why: str) -> ValueError:
        return ValueError(f"condition {self.text!r}: {why} (token {self.pos})")

    def peek(self, ahead: int = 0) -> Token | None:
        i = self.pos + ahead
        return self.toks[i] if i < len(self.toks) else None

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise self.fail("ends too soon")
        self.pos += 1
        return tok

    def expect(self, kind: str, value: Value) -> None:
        if self.take() != (kind, value):
            raise self.fail(f"expected {value!r}")

    def whole(self) -> Node:
        node = self.or_()
        if self.peek() is not None:
            raise self.fail("unexpected text after the condition")
        return node

    def or_(self) -> Node:
        parts = [self.and_()]
        while self.peek() == ("word", "or"):
            self.pos += 1
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else Junction("or", tuple(parts))

    def and_(self) -> Node:
        parts = [self.not_()]
        while self.peek() == ("word", "and"):
            self.pos += 1
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else Junction("and", tuple(parts))

    def not_(self) -> Node:
        if self.peek() == ("word", "not"):
            self.pos += 1
            return Not(self.not_())
        return self.primary()

    def primary(self) -> Node:
        if self.peek() == ("punct", "("):
            self.pos += 1
            inner = self.or_()
            self.expect("punct", ")")
            return inner
        first = self.operand()
        nxt = self.peek()
        if nxt is not None and nxt[0] == "op":
            self.pos += 1
            return Compare(str(nxt[1]), first, self.operand())
        if isinstance(first, Ref) and nxt == ("word", "in"):
            self.pos += 1
            return Member(first.name, self.list_(), negated=False)
        if isinstance(first, Ref) and nxt == ("word", "not") and self.peek(1) == ("word", "in"):
            self.pos += 2
            return Member(first.name, self.list_(), negated=True)
        if isinstance(first, Ref) or first.kind == "bool":
            return first
        raise self.fail("a number or a text alone is not a condition")

    def list_(self) -> tuple[Lit, ...]:
        self.expect("punct", "[")
        items = [self.literal()]
        while self.peek() == ("punct", ","):
            self.pos += 1
            items.append(self.literal())
        self.expect("punct", "]")
        return tuple(items)

    def operand(self) -> Ref | Lit:
        kind, value = self.take()
        if kind == "word" and value not in KEYWORDS:
            if not NAME.fullmatch(str(value)):
                raise self.fail(f"{value!r} is not a fact name")
            return Ref(str(value))
        self.pos -= 1
        return self.literal()

    def literal(self) -> Lit:
        kind, value = self.take()
        if kind == "int":
            return Lit("int", value)
        if kind == "str":
            return Lit("str", value)
        if (kind, value) in (("word", "true"), ("word", "false")):
            return Lit("bool", value == "true")
        raise self.fail(f"expected a literal, not {value!r}")


def _fact(facts: Mapping[str, Fact], name: str) -> Fact:
    if name not in facts:
        raise ValueError(f"unknown fact {name!r}")
    return facts[name]


def _fits(fact: Fact, lit: Lit) -> bool:
    """Whether a literal may meet this fact: ints of any size, declared enum texts, true/false for bools."""
    if fact.type == "int":
        return lit.kind == "int"
    if fact.type == "enum":
        return lit.kind == "str" and lit.value in fact.values
    return lit.kind == "bool"


def _check(node: Node, facts: Mapping[str, Fact]) -> None:
    """Raise ValueError where the typing rules are broken."""
    if isinstance(node, Ref):
        if _fact(facts, node.name).type != "bool":
            raise ValueError(f"fact {node.name!r} alone is a condition only if it is a bool")
    elif isinstance(node, Compare):
        refs = [o for o in (node.left, node.right) if isinstance(o, Ref)]
        lits = [o for o in (node.left, node.right) if isinstance(o, Lit)]
        if len(refs) != 1 or len(lits) != 1:
            raise ValueError("a comparison is between one fact and one literal")
        fact = _fact(facts, refs[0].name)
        if not _fits(fact, lits[0]):
            raise ValueError(f"{lits[0].value!r} does not fit fact {refs[0].name!r}")
        if fact.type != "int" and node.op not in ("==", "!="):
            raise ValueError(f"{node.op} needs an int fact")
    elif isinstance(node, Member):
        fact = _fact(facts, node.name)
        if fact.type == "bool" or not all(_fits(fact, lit) for lit in node.values):
            raise ValueError(f"list does not fit fact {node.name!r}")
    elif isinstance(node, Not):
        _check(node.inner, facts)
    elif isinstance(node, Junction):
        for part in node.parts:
            _check(part, facts)


def _names(node: Node) -> frozenset[str]:
    if isinstance(node, Ref):
        return frozenset({node.name})
    if isinstance(node, Compare):
        return frozenset(o.name for o in (node.left, node.right) if isinstance(o, Ref))
    if isinstance(node, Member):
        return frozenset({node.name})
    if isinstance(node, Not):
        return _names(node.inner)
    if isinstance(node, Junction):
        return frozenset().union(*(_names(p) for p in node.parts))
    return frozenset()


_COMPARE = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _eval(node: Node, values: Mapping[str, Value]) -> bool:
    """Evaluate with every named fact set (the caller has made sure); types match, so == is exact."""
    if isinstance(node, Ref):
        return bool(values[node.name])
    if isinstance(node, Lit):
        return bool(node.value)
    if isinstance(node, Compare):
        left = values[node.left.name] if isinstance(node.left, Ref) else node.left.value
        right = values[node.right.name] if isinstance(node.right, Ref) else node.right.value
        return bool(_COMPARE[node.op](left, right))
    if isinstance(node, Member):
        inside = values[node.name] in [lit.value for lit in node.values]
        return inside != node.negated
    if isinstance(node, Not):
        return not _eval(node.inner, values)
    results = [_eval(p, values) for p in node.parts]
    return all(results) if node.op == "and" else any(results)


@dataclass(frozen=True)
class Condition:
    """A parsed, type-checked condition: the facts it reads, and its value where they are all set."""

    text: str
    tree: Node
    reads: frozenset[str]

    def holds(self, values: Mapping[str, Value]) -> bool:
        return _eval(self.tree, values)


def compile_condition(text: str, facts: Mapping[str, Fact]) -> Condition:
    if not isinstance(text, str):
        raise ValueError(f"a condition is text, not {text!r}")
    tree = _Parser(text).whole()
    _check(tree, facts)
    return Condition(text, tree, _names(tree))
