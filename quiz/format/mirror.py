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

from quiz.format.fields import fields, node_kinds
from quiz.format.model import UNIONS, Node, Tree


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
    node_union = _spec(Node, version, made)
    tree = _struct(Tree, version, made, raw_nodes=True)
    return Mirror(
        tree,
        msgspec.json.Decoder(tree).decode,
        msgspec.json.Decoder(node_union).decode,
        {mirrored: cl for cl, mirrored in made.items()},
    )


def _struct(
    cl: type, version: int, made: dict[type, type], *, tag: tuple[str, str] | None = None, raw_nodes: bool = False
) -> type:
    if cl in made:
        return made[cl]
    specs: list[tuple[str, Any, Any] | tuple[str, Any]] = []
    renames = {}
    for f in fields(cl, version):
        if tag is not None and f.name == tag[0]:
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
        options |= {"tag_field": tag[0], "tag": tag[1]}
        namespace[tag[0]] = tag[1]  # read as the model's field is
    struct = msgspec.defstruct(f"Mirror{cl.__name__}", specs, bases=(_Value,), namespace=namespace, **options)
    made[cl] = struct
    return struct


def _spec(annotation: Any, version: int, made: dict[type, type]) -> Any:
    """The msgspec type for a field's annotation."""
    if annotation in UNIONS:
        field, classes = UNIONS[annotation]
        if annotation == Node:
            classes = node_kinds(version)
        tagged: list[Any] = [_struct(c, version, made, tag=(field, name)) for name, c in classes.items()]
        return functools.reduce(lambda a, b: a | b, tagged)
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
