"""The converter: JSON documents to frozen values and back, built from the model in one place.

cattrs coerces by default (null becomes "None", 1 becomes "1", a string passes for a list
of its letters); every hook here refuses instead. `structure` is the one boundary where
cattrs' validation errors become findings with JSON paths; any other exception is a bug
and is left to surface. A file read by the fast road never comes here, so the converter
is built only for a file with something to report, for an older format, for writing a
tree out, and for saved places.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from quiz.findings import Anchor, Finding, JsonPath, nearest
from quiz.format.fields import fields, keys, node_kinds
from quiz.format.migrate import CURRENT
from quiz.format.model import FACT_TYPES, NODE_KINDS, UNIONS, Answer, Branch, Choice, Node, Scenario, Tree, Value
from quiz.format.record import Record
from quiz.text import json_type, quote

T = TypeVar("T")


class WrongType(TypeError):
    """A value of another JSON type than the format's."""

    def __init__(self, expected: str, value: Any, key: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.value = value
        self.key = key


class UnknownTag(ValueError):
    """A tagged object (a node's `kind`, a fact's `type`) whose tag names no class."""

    def __init__(self, tag: str, value: str, known: list[str]) -> None:
        super().__init__(value)
        self.tag = tag
        self.value = value
        self.known = known


class MissingTag(KeyError):
    def __init__(self, tag: str, known: list[str]) -> None:
        super().__init__(tag)
        self.tag = tag
        self.known = known


_SCALARS: dict[Any, tuple[tuple[type, ...], str]] = {
    str: ((str,), "a string"),
    int: ((int,), "a whole number"),
    bool: ((bool,), "true or false"),
    Value: ((bool, int, str), "true, false, a whole number or a string"),
    Answer: ((str, int), "a choice's label or a whole number"),
}


def _exactly(types: tuple[type, ...], expected: str) -> Callable[[Any, type], Any]:
    def structure(value: Any, _: type) -> Any:
        if type(value) in types:  # `type`, not isinstance: true is not a whole number here
            return value
        raise WrongType(expected, value)

    return structure


def _is_or_none(cl: Any, annotation: Any) -> bool:
    return bool(annotation == cl or annotation == cl | None)


def _is_mapping(cl: Any) -> bool:
    origin: Any = get_origin(cl)
    return origin is Mapping


def _is_tuple(cl: Any) -> bool:
    """A homogeneous tuple, `tuple[X, ...]`: what the model holds where a file has an array."""
    return get_origin(cl) is tuple and get_args(cl)[1:] == (...,)


def _object_only(structure_fn: Callable[[Any, type], T]) -> Callable[[Any, type], T]:
    @functools.wraps(structure_fn)
    def structure(value: Any, cl: type) -> T:
        if type(value) is not dict:
            raise WrongType("an object", value)
        return structure_fn(value, cl)

    return structure


def _build(version: int) -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for cl, (exact, expected) in _SCALARS.items():
        hook = _exactly(exact, expected)
        if isinstance(cl, type):
            converter.register_structure_hook(cl, hook)
        converter.register_structure_hook_func(functools.partial(_is_or_none, cl), hook)

    def tuple_hook(cl: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        structure_items = homogenous_tuple_structure_factory(cl, converter)

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            if type(value) is not list:
                raise WrongType("an array", value)
            items: tuple[Any, ...] = structure_items(value, cl)
            return items

        return structure

    converter.register_structure_hook_factory(lambda cl: _is_tuple(cl), tuple_hook)

    def mapping_hook(cl: Any) -> Callable[[Any, type], Any]:
        return _object_only(converter.gen_structure_mapping(cl))

    converter.register_structure_hook_factory(_is_mapping, mapping_hook)

    def register(cl: type) -> None:
        known = {f.name for f in fields(cl, version)}
        renamed = {f.name: override(rename=f.key) for f in fields(cl, version) if f.key != f.name}
        later = {a.name: override(omit=True) for a in attrs.fields(cl) if a.name not in known}
        options = renamed | later
        converter.register_structure_hook(
            cl, _object_only(make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True, **options))
        )
        tags = {tag: override(omit_if_default=False) for tag, classes in UNIONS.values() if cl in classes.values()}
        converter.register_unstructure_hook(
            cl, make_dict_unstructure_fn(cl, converter, _cattrs_omit_if_default=True, **(options | tags))
        )

    def register_union(union: Any, tag: str, classes: dict[str, Any]) -> None:
        by_tag = {name: converter.get_structure_hook(cl) for name, cl in classes.items()}

        def structure_tagged(value: Any, _: type) -> Any:
            if type(value) is not dict:
                raise WrongType("an object", value)
            if tag not in value:
                raise MissingTag(tag, list(classes))
            name = value[tag]
            if type(name) is not str:
                raise WrongType("a string", name, key=tag)
            if name not in by_tag:
                raise UnknownTag(tag, name, list(classes))
            return by_tag[name](value, classes[name])

        converter.register_structure_hook_func(lambda cl: cl == union, structure_tagged)
        converter.register_unstructure_hook_func(lambda cl: cl == union, converter.unstructure)

    # Order matters: a class's structure function binds the hooks of its fields when made.
    kinds = node_kinds(version)
    for cl in (Choice, Branch, *FACT_TYPES.values(), *kinds.values(), Scenario, Record):
        register(cl)
    for union, (tag, classes) in UNIONS.items():
        register_union(union, tag, kinds if union is Node else classes)
    converter.register_unstructure_hook_func(
        _is_mapping, lambda items: {key: converter.unstructure(v) for key, v in items.items()}
    )
    register(Tree)
    return converter


@functools.cache
def converter(version: int = CURRENT) -> cattrs.Converter:
    """The converter for files of format `version`: keys of later formats are unknown to it."""
    return _build(version)


def structure(doc: dict[str, Any], version: int) -> tuple[Tree | None, list[Finding]]:
    """The tree in a document of format `version`, or what keeps it from being one, each finding with its path."""
    try:
        return converter(version).structure(doc, Tree), []
    except (ClassValidationError, IterableValidationError) as error:
        return None, [_finding(leaf, path, version) for leaf, path in _leaves(error, ())]


def unstructure(tree: Tree) -> dict[str, Any]:
    """The tree as a JSON document, with the keys in the format's order and defaults left out."""
    document: dict[str, Any] = converter(tree.format).unstructure(tree, Tree)
    return document


def record_of(data: object) -> Record:
    """A saved place read back; `ValueError` names what is wrong with it."""
    try:
        return converter().structure(data, Record)
    except (ClassValidationError, IterableValidationError, WrongType) as error:
        problems = [_finding(leaf, path, CURRENT).message for leaf, path in _leaves(error, ())]
        raise ValueError("; ".join(problems)) from error


def record_data(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(record, Record)
    return data


def _leaves(error: BaseException, path: JsonPath) -> Iterator[tuple[BaseException, JsonPath]]:
    """Each leaf of a cattrs validation error, with the JSON path it is about."""
    if isinstance(error, ClassValidationError):
        with_notes, without = error.group_exceptions()
        for sub, note in with_notes:
            yield from _leaves(sub, (*path, _key(error.cl, note.name)))
        for sub in without:
            yield from _leaves(sub, path)
    elif isinstance(error, IterableValidationError):
        indexed, without = error.group_exceptions()
        for sub, item in indexed:
            yield from _leaves(sub, (*path, item.index))
        for sub in without:
            yield from _leaves(sub, path)
    elif isinstance(error, WrongType | UnknownTag | KeyError | ForbiddenExtraKeysError):
        yield error, path
    else:
        raise error  # not a problem with the document: a bug, which must not pass for a finding


def _key(cl: type, name: str) -> str:
    return next((f.key for f in fields(cl) if f.name == name), name) if attrs.has(cl) else name


def _finding(error: BaseException, path: JsonPath, version: int) -> Finding:
    node = path[1] if len(path) >= 2 and path[0] == "nodes" and isinstance(path[1], str) else None
    where = describe(path)
    if isinstance(error, ForbiddenExtraKeysError):
        extra = sorted(error.extra_fields)
        known = keys(error.cl, version)
        key = extra[0]
        guess = nearest(key, known)
        more = f" (and {', '.join(map(repr, extra[1:]))})" if len(extra) > 1 else ""
        later = key in keys(error.cl) and key not in known
        hint = (
            f'`{key}` is a key of format {CURRENT}: write "format": {CURRENT} to use it'
            if later
            else f"did you mean {quote(guess)}?"
            if guess
            else f"the keys here are: {', '.join(known)}"
        )
        return Finding(
            "Q204",
            f"{where} has a key the format does not define: {quote(key)}{more}",
            path=(*path, key),
            anchor=Anchor.KEY,
            node=node,
            hint=hint,
        )
    if isinstance(error, MissingTag):
        kinds = ", ".join(error.known)
        return Finding(
            "Q203", f"{where} has no `{error.tag}`", path=path, node=node, hint=f'add "{error.tag}": one of {kinds}'
        )
    if isinstance(error, KeyError):
        key = str(path[-1])
        return Finding(
            "Q203", f"{describe(path[:-1])} has no `{key}`", path=path[:-1], node=node, hint=_missing_hint(str(key))
        )
    if isinstance(error, UnknownTag):
        guess = nearest(error.value, error.known)
        later = error.tag == "kind" and error.value in NODE_KINDS
        hint = (
            f'kind {quote(error.value)} is of format {CURRENT}: write "format": {CURRENT} to use it'
            if later
            else f"did you mean {quote(guess)}?"
            if guess
            else f"a {error.tag} is one of {', '.join(error.known)}"
        )
        code = "Q206" if error.tag == "kind" else "Q207"
        return Finding(
            code, f"{where} has {error.tag} {quote(error.value)}", path=(*path, error.tag), node=node, hint=hint
        )
    assert isinstance(error, WrongType)
    if error.key is not None:
        path = (*path, error.key)
        where = describe(path)
    return Finding(
        "Q205",
        f"{where} must be {error.expected}, not {json_type(error.value)}",
        path=path,
        node=node,
        hint=_type_hint(error),
    )


def describe(path: JsonPath) -> str:
    """How a message names a place: `node 'x'`, `node 'x' choice 2 `next``, `the tree's title`."""
    if not path:
        return "the tree"
    if path[0] == "nodes" and len(path) >= 2:
        out: str = f"node {quote(path[1])}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] == "choices" and isinstance(rest[1], int):
            out += f" choice {rest[1] + 1}"
            rest = rest[2:]
        return out + "".join(f" `{p}`" for p in rest)
    if path[0] == "scenarios" and len(path) >= 2 and isinstance(path[1], int):
        out = f"scenario {path[1] + 1}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] == "answers" and isinstance(rest[1], int):
            return out + f" answer {rest[1] + 1}"
        return out + "".join(f" `{p}`" for p in rest)
    return "`" + ".".join(str(p) for p in path) + "`"


def _missing_hint(key: str) -> str:
    examples = {
        "choices": 'add "choices": [{"label": "...", "next": "..."}]',
        "next": 'add "next": "<id of the node that follows>"',
        "start": 'add "start": "<id of the first node>"',
        "nodes": 'add "nodes": {"<id>": {...}}',
        "version": 'add "version": "1.0.0"',
    }
    return examples.get(key, f'add "{key}": "..."')


def _type_hint(error: WrongType) -> str | None:
    if error.expected == "a string" and error.value is None:
        return "give it a text, or leave the key out where it is optional"
    if error.expected == "a string" and type(error.value) in (int, float, bool):
        return "put the value in double quotes"
    if error.expected == "an array" and type(error.value) is str:
        return 'wrap it in brackets: ["..."]'
    return None
