"""The model's fields as the format sees them: JSON keys, types, texts and the format each arrived in.

Everything that must agree with the format (the converter, the schema, the canonical key
order, the checker's list of texts, the fast reader's mirror) reads the classes through
this module, so that a field is added to the format in one place: quiz.format.model.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any, ParamSpec, TypeVar, cast, get_args, get_origin

import attrs

from quiz.findings import JsonPath
from quiz.format.migrate import CURRENT
from quiz.format.model import DOC, KEY, MARKDOWN, NODE_KINDS, REF, ROLE, SCHEMA, SINCE, TEXT, UNIONS, Node

P = ParamSpec("P")
R = TypeVar("R")


def _cached(fn: Callable[P, R]) -> Callable[P, R]:
    """`functools.cache`, typed as the function it keeps answers of (its own typing refuses classes as keys)."""
    return cast(Callable[P, R], functools.cache(fn))


@attrs.frozen
class Field:
    """One field of a class of the model, as the format has it."""

    name: str  # the Python attribute
    key: str  # the JSON key
    type: Any  # the resolved annotation
    required: bool
    default: Any
    text: str | None  # "line" or "markdown" for a text; for a mapping, what its keys are
    ref: bool  # names a node
    role: str | None  # "condition", "loop" (the flag of a choice that may lead back) or "fact" (names facts)
    since: int  # the format it arrived in
    doc: str
    schema: dict[str, Any]  # JSON Schema keywords beyond the type's


@_cached
def fields(cls: Any, version: int = CURRENT) -> tuple[Field, ...]:
    """The fields of `cls` in a file of format `version`, in the order the format lists them."""
    attrs.resolve_types(cls)
    out = []
    for f in attrs.fields(cls):
        meta = f.metadata  # a class outside the tree format (a saved record) has none
        if meta.get(SINCE, 1) > version:
            continue
        required = f.default is attrs.NOTHING
        default = f.default.factory() if isinstance(f.default, attrs.Factory) else f.default  # type: ignore[arg-type]
        out.append(
            Field(
                f.name,
                meta.get(KEY) or f.name,
                f.type,
                required,
                None if required else default,
                meta.get(TEXT),
                meta.get(REF, False),
                meta.get(ROLE),
                meta.get(SINCE, 1),
                meta.get(DOC, ""),
                meta.get(SCHEMA, {}),
            )
        )
    return tuple(out)


def keys(cls: type, version: int = CURRENT) -> tuple[str, ...]:
    """The JSON keys of `cls`, in the canonical order."""
    return tuple(f.key for f in fields(cls, version))


def item_class(annotation: Any) -> Any:
    """What a field holds of the model, alone or as a tuple's items or a mapping's values: a class, a union, or None."""
    for candidate in [annotation, *get_args(annotation)]:
        if candidate in UNIONS or (isinstance(candidate, type) and attrs.has(candidate)):
            return candidate
    return None


def class_of(value: Any, held: Any) -> type | None:
    """The model class of a JSON object where the model holds `held` (a class, or a union told apart by a tag)."""
    if held in UNIONS:
        tag, classes = UNIONS[held]
        found = value.get(tag) if isinstance(value, dict) else None
        return classes.get(found) if isinstance(found, str) else None
    return held if isinstance(held, type) else None


def node_kinds(version: int = CURRENT) -> dict[str, type[Node]]:
    """The kinds of node a file of format `version` may hold."""
    return {kind: cl for kind, cl in NODE_KINDS.items() if attrs.fields(cl).kind.metadata[SINCE] <= version}


def texts(value: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str, bool]]:
    """Every text a value of the model holds, with its JSON path and whether it is Markdown.

    The keys of a mapping whose field is marked as text (the node ids) are texts too, at
    the path of the mapping's entry.
    """
    for f in fields(type(value)):
        item = getattr(value, f.name)
        if item is None:
            continue
        at = (*path, f.key)
        if isinstance(item, str):
            if f.text is not None:
                yield at, item, f.text == MARKDOWN
        elif isinstance(item, tuple):
            for i, element in enumerate(item):
                if attrs.has(type(element)):
                    yield from texts(element, (*at, i))
        elif isinstance(item, Mapping):
            for key, element in item.items():
                if f.text is not None:
                    yield (*at, key), key, f.text == MARKDOWN
                if attrs.has(type(element)):
                    yield from texts(element, (*at, key))


@_cached
def text_fields(cls: Any) -> tuple[tuple[str, bool], ...]:
    """The text fields of a class, as (attribute, is Markdown), for passes that read many values at once."""
    return tuple(
        (f.name, f.text == MARKDOWN) for f in fields(cls) if f.text is not None and f.type in (str, str | None)
    )


@_cached
def nested_text_fields(cls: Any) -> tuple[tuple[str, str, bool], ...]:
    """The text fields of the values a class holds in tuples, as (attribute, their attribute, is Markdown)."""
    out = []
    for f in fields(cls):
        inner = item_class(f.type)
        if isinstance(inner, type) and get_origin(f.type) is tuple:
            out += [(f.name, name, markdown) for name, markdown in text_fields(inner)]
    return tuple(out)


@attrs.frozen
class Ref:
    """Where a class names a node: its field, or the field of the values it holds in a tuple."""

    name: str
    key: str
    inner: str | None = None  # the attribute of the held values that names the node
    inner_key: str | None = None
    loop: str | None = None  # the attribute of the held values that lets the way lead back


@_cached
def ref_plan(cl: Any, version: int = CURRENT) -> tuple[Ref, ...]:
    """Where a class names nodes in a file of format `version`, in the order a reader meets them."""
    out = []
    for f in fields(cl, version):
        if f.ref:
            out.append(Ref(f.name, f.key))
        inner = item_class(f.type)
        if isinstance(inner, type) and get_origin(f.type) is tuple:
            loop = next((g.name for g in fields(inner, version) if g.role == "loop"), None)
            out += [Ref(f.name, f.key, g.name, g.key, loop) for g in fields(inner, version) if g.ref]
    return tuple(out)


def node_refs(node: Node) -> Iterator[tuple[JsonPath, str, bool]]:
    """Each node id a node leads to, in the order a reader meets them: its path in the node, and if it may lead back."""
    for ref in ref_plan(NODE_KINDS[node.kind]):
        if ref.inner is None:
            yield (ref.key,), getattr(node, ref.name), False
        else:
            for i, item in enumerate(getattr(node, ref.name)):
                loop = bool(getattr(item, ref.loop, False)) if ref.loop else False
                yield (ref.key, i, ref.inner_key or ref.inner), getattr(item, ref.inner), loop


def successors(node: Node, *, loops: bool = True) -> tuple[str, ...]:
    """The ids a node leads to, in the order a reader sees them; without `loops`, not those that may lead back."""
    return tuple([target for _, target, loop in node_refs(node) if loops or not loop])
