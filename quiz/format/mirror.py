"""The fast reader's mirror of the model: msgspec types made from the model's fields, and back to the model.

msgspec reads a file straight into typed values, nothing coerced and no key unknown, in
a fraction of the time the converter takes. Its types are made here from the classes of
quiz.format.model, field for field (a node's `kind` becomes the tag that tells the node
classes apart), so the mirror cannot drift from the format. The tree's nodes are kept as
their place in the file (`msgspec.Raw`), to be read a part at a time.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Mapping
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import msgspec
from msgspec import UNSET, Raw, Struct, UnsetType

from quiz.format.fields import fields
from quiz.format.model import NODE_KINDS, Node, Tree


class _Value(Struct, forbid_unknown_fields=True, kw_only=True, gc=False):
    """What every mirror type is: strict, no key unknown; a field the file leaves out stays UNSET.

    An UNSET field is not written back out, and one the file gives is, whatever its value:
    so the values written out again hold exactly the keys the file held (quiz.load.fast).
    """


@attrs.frozen
class Mirror:
    """The mirror of the model in files of one format."""

    tree: type  # the tree, with its nodes as Raw
    decode_tree: Callable[[bytes | memoryview], Any]
    decode_node: Callable[[bytes | memoryview], Any]
    classes: Mapping[type, type]  # mirror type → model class


@functools.cache
def mirror(version: int) -> Mirror:
    made: dict[type, type] = {}
    node_types = [_struct(cl, version, made, tag=kind) for kind, cl in NODE_KINDS.items()]
    tree = _struct(Tree, version, made, raw_nodes=True)
    node_union: Any = functools.reduce(lambda a, b: a | b, node_types)
    return Mirror(
        tree,
        msgspec.json.Decoder(tree).decode,
        msgspec.json.Decoder(node_union).decode,
        {mirrored: cl for cl, mirrored in made.items()},
    )


def _struct(cl: type, version: int, made: dict[type, type], *, tag: str | None = None, raw_nodes: bool = False) -> type:
    if cl in made:
        return made[cl]
    specs: list[tuple[str, Any, Any] | tuple[str, Any]] = []
    renames = {}
    for f in fields(cl, version):
        if f.name == "kind":
            continue  # the tag
        if raw_nodes and f.name == "nodes":
            spec: Any = dict[str, Raw]
        else:
            spec = _spec(f.type, version, made)
        if f.key != f.name:
            renames[f.name] = f.key
        specs.append((f.name, spec) if f.required else (f.name, spec | UnsetType, UNSET))
    options: dict[str, Any] = {"rename": renames or None, "kw_only": True}
    namespace = {}
    if tag is not None:
        options |= {"tag_field": "kind", "tag": tag}
        namespace["kind"] = tag  # read as the model's `kind` is
    struct = msgspec.defstruct(f"Mirror{cl.__name__}", specs, bases=(_Value,), namespace=namespace, **options)
    made[cl] = struct
    return struct


def _spec(annotation: Any, version: int, made: dict[type, type]) -> Any:
    """The msgspec type for a field's annotation."""
    if annotation is Node or annotation == Node:
        kinds: list[Any] = [_struct(c, version, made, tag=k) for k, c in NODE_KINDS.items()]
        return functools.reduce(lambda a, b: a | b, kinds)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):  # None in the model means "left out", never null in a file
        options: list[Any] = [_spec(a, version, made) for a in get_args(annotation) if a is not type(None)]
        return functools.reduce(lambda a, b: a | b, options)
    if origin is tuple:
        item = _spec(get_args(annotation)[0], version, made)
        return list[item]  # type: ignore[valid-type]
    if origin is Mapping or origin is dict:
        key, value = get_args(annotation)
        value = _spec(value, version, made)
        return dict[key, value]  # type: ignore[valid-type]
    if origin is Literal:
        return annotation
    if isinstance(annotation, type) and attrs.has(annotation):
        return _struct(annotation, version, made)
    return annotation


def to_model(value: Any, classes: Mapping[type, type]) -> Any:
    """The model's value for a mirror value: structs become frozen attrs values, lists tuples."""
    cl = classes.get(type(value))
    if cl is not None:
        given = {name: getattr(value, name) for name in value.__struct_fields__}
        return cl(**{name: to_model(item, classes) for name, item in given.items() if item is not UNSET})
    if type(value) is list:
        return tuple([to_model(item, classes) for item in value])
    if type(value) is dict:
        return {key: to_model(item, classes) for key, item in value.items()}
    return value
