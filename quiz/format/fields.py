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
from quiz.format.model import DOC, KEY, MARKDOWN, NODE_KINDS, REF, SCHEMA, SINCE, TEXT, Node

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
        out.append(
            Field(
                f.name,
                meta.get(KEY) or f.name,
                f.type,
                required,
                None if required else f.default,
                meta.get(TEXT),
                meta.get(REF, False),
                meta.get(SINCE, 1),
                meta.get(DOC, ""),
                meta.get(SCHEMA, {}),
            )
        )
    return tuple(out)


def keys(cls: type, version: int = CURRENT) -> tuple[str, ...]:
    """The JSON keys of `cls`, in the canonical order."""
    return tuple(f.key for f in fields(cls, version))


def item_class(annotation: Any) -> type | None:
    """The model class a field holds, alone or as the items of a tuple or the values of a mapping."""
    candidates = [annotation, *get_args(annotation)]
    found = [c for c in candidates if isinstance(c, type) and attrs.has(c)]
    if get_origin(annotation) in (tuple, Mapping) or found:
        return found[0] if found else None
    return None


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
        if inner is not None and get_origin(f.type) is tuple:
            out += [(f.name, name, markdown) for name, markdown in text_fields(inner)]
    return tuple(out)


@_cached
def ref_plan(cl: Any) -> tuple[tuple[str, str, str | None, str | None], ...]:
    """Where a class names nodes: (attribute, key) of a field, and of the values it holds where nested."""
    out: list[tuple[str, str, str | None, str | None]] = []
    for f in fields(cl):
        if f.ref:
            out.append((f.name, f.key, None, None))
        inner = item_class(f.type)
        if inner is not None and get_origin(f.type) is tuple:
            out += [(f.name, f.key, g.name, g.key) for g in fields(inner) if g.ref]
    return tuple(out)


def node_refs(node: Node) -> Iterator[tuple[JsonPath, str]]:
    """Each node id a node leads to, in the order a reader meets them, with its path inside the node."""
    for name, key, inner, inner_key in ref_plan(NODE_KINDS[node.kind]):
        if inner is None:
            yield (key,), getattr(node, name)
        else:
            for i, item in enumerate(getattr(node, name)):
                yield (key, i, inner_key or inner), getattr(item, inner)


def successors(node: Node) -> tuple[str, ...]:
    """The ids a node leads to, in the order a reader sees them."""
    return tuple([target for _, target in node_refs(node)])
