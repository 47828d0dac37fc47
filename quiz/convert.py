"""The converter: JSON documents to frozen values, built in one place, on first use.

cattrs coerces by default (null becomes "None", 1 becomes "1", a string passes for a
list of its letters); every hook here refuses instead, and `structure` is the single
boundary where cattrs' exceptions become findings with JSON paths. A file that fits the
format never comes here (quiz.structure reads it by hand), so cattrs is imported and the
converter built only for a file with something to report and for reading back a saved
place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any, get_args

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from quiz.findings import Anchor, Finding, JsonPath, nearest
from quiz.model import NODE_KINDS, RENAMED, Choice, Info, Node, Outcome, Question, Scenario, Tree
from quiz.parse import json_type


class WrongType(TypeError):
    def __init__(self, expected: str, value: Any, key: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.value = value
        self.key = key


class UnknownKind(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class MissingKind(KeyError):
    pass


def _strict_str(value: Any, _: type) -> str:
    if type(value) is str:
        return value
    raise WrongType("a string", value)


def _strict_int(value: Any, _: type) -> int:
    if type(value) is int:
        return value
    raise WrongType("a whole number", value)


def _object_only(structure_fn):
    @functools.wraps(structure_fn)
    def structure(value: Any, cl: type) -> Any:
        if type(value) is not dict:
            raise WrongType("an object", value)
        return structure_fn(value, cl)

    return structure


def _build() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(str | None, _strict_str)
    converter.register_structure_hook(int, _strict_int)

    def list_hook(cl: type):
        (item_type, _) = get_args(cl)
        structure_item = converter.get_structure_hook(item_type)

        def structure(value: Any, _: type) -> tuple:
            if type(value) is not list:
                raise WrongType("an array", value)
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(structure_item(item, item_type))
                except Exception as error:
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"Structuring {cl} @ index {index}", index, item_type),
                    ]
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {cl}", errors, cl)
            return tuple(items)

        return structure

    converter.register_structure_hook_factory(
        lambda cl: getattr(cl, "__origin__", None) is tuple and get_args(cl)[1:] == (...,), list_hook
    )

    def register(cl: type) -> None:
        overrides = {name: override(rename=key) for name, key in RENAMED.items()} if cl is Tree else {}
        converter.register_structure_hook(
            cl,
            _object_only(make_dict_structure_fn(cl, converter, _cattrs_forbid_extra_keys=True, **overrides)),
        )

    # Order matters: a class's structure function binds the hooks of its fields when made.
    for cl in (Choice, Question, Info, Outcome, Scenario):
        register(cl)
    by_kind = {kind: converter.get_structure_hook(cl) for kind, cl in NODE_KINDS.items()}

    def structure_node(value: Any, _: type) -> Node:
        if type(value) is not dict:
            raise WrongType("an object", value)
        if "kind" not in value:
            raise MissingKind("kind")
        kind = value["kind"]
        if type(kind) is not str:
            raise WrongType("a string", kind, key="kind")
        if kind not in by_kind:
            raise UnknownKind(kind)
        return by_kind[kind](value, NODE_KINDS[kind])

    converter.register_structure_hook_func(lambda cl: cl == Node, structure_node)
    node_map = Mapping[str, Node]
    converter.register_structure_hook_func(
        lambda cl: cl == node_map,
        _object_only(converter.gen_structure_mapping(node_map)),
    )
    register(Tree)
    return converter


@functools.cache
def converter() -> cattrs.Converter:
    return _build()


def structure(doc: dict[str, Any]) -> tuple[Tree | None, list[Finding]]:
    """The tree, or what keeps the document from being one, each finding with its JSON path."""
    try:
        return converter().structure(doc, Tree), []
    except Exception as error:
        return None, [_finding(leaf, path) for leaf, path in _leaves(error, ())]


def _leaves(error: BaseException, path: JsonPath) -> Iterator[tuple[BaseException, JsonPath]]:
    """Each leaf exception of a cattrs exception group, with the JSON path it is about."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            path = (*path, RENAMED.get(note.name, note.name))
        elif isinstance(note, IterableValidationNote):
            path = (*path, note.index)
    if isinstance(error, BaseExceptionGroup):
        for sub in error.exceptions:
            yield from _leaves(sub, path)
    else:
        yield error, path


def _finding(error: BaseException, path: JsonPath) -> Finding:
    node = path[1] if len(path) >= 2 and path[0] == "nodes" else None
    where = _describe(path)
    if isinstance(error, ForbiddenExtraKeysError):
        extra = sorted(error.extra_fields)
        fields = [RENAMED.get(f.name, f.name) for f in attrs.fields(error.cl)]
        key = extra[0]
        guess = nearest(key, fields)
        more = f" (and {', '.join(map(repr, extra[1:]))})" if len(extra) > 1 else ""
        return Finding(
            "Q204",
            f"{where} has a key the format does not define: {key!r}{more}",
            path=(*path, key),
            anchor=Anchor.KEY,
            node=node,
            hint=f"did you mean {guess!r}?" if guess else f"the keys here are: {', '.join(fields)}",
        )
    if isinstance(error, MissingKind):
        return Finding(
            "Q203",
            f"{where} has no `kind`",
            path=path,
            node=node,
            hint='add "kind": "question", "info" or "outcome"',
        )
    if isinstance(error, KeyError):
        key = path[-1]
        return Finding(
            "Q203",
            f"{_describe(path[:-1])} has no `{key}`",
            path=path[:-1],
            node=node,
            hint=_missing_hint(str(key)),
        )
    if isinstance(error, UnknownKind):
        guess = nearest(error.kind, NODE_KINDS)
        return Finding(
            "Q206",
            f"{where} has kind {error.kind!r}",
            path=(*path, "kind"),
            node=node,
            hint=f"did you mean {guess!r}?" if guess else "a kind is question, info or outcome",
        )
    if isinstance(error, WrongType):
        if error.key is not None:
            path = (*path, error.key)
            where = _describe(path)
        return Finding(
            "Q205",
            f"{where} must be {error.expected}, not {json_type(error.value)}",
            path=path,
            node=node,
            hint=_type_hint(error),
        )
    return Finding("Q205", f"{where} could not be read: {error}", path=path, node=node)


def _describe(path: JsonPath) -> str:
    """How a message names a place: `node 'x'`, `node 'x' choice 2 .next`, `the tree's title`."""
    if not path:
        return "the tree"
    if path[0] == "nodes" and len(path) >= 2:
        out = f"node {path[1]!r}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] == "choices" and isinstance(rest[1], int):
            out += f" choice {rest[1] + 1}"
            rest = rest[2:]
        return out + "".join(f" `{p}`" for p in rest)
    if path[0] == "scenarios" and len(path) >= 2 and isinstance(path[1], int):
        out = f"scenario {path[1] + 1}"
        rest = path[2:]
        if len(rest) >= 2 and rest[0] == "answers":
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
