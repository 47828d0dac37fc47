"""JSON documents to frozen values, read by hand for a file that fits the format.

Each reader here accepts exactly what the converter (quiz.convert) accepts and declines
anything else without saying why; `structure` then hands the document to the converter,
which says what is wrong and where. Nothing is coerced: a number is not a string, null is
not a missing key. A document that fits the format but reached the exact road (one of an
older format, migrated; one whose file repeats a key) is read without importing cattrs or
building the converter, and in a third of the time the converter takes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from quiz.findings import Finding
from quiz.model import RENAMED, Choice, Info, Node, Outcome, Question, Scenario, Tree


class _Refused(Exception):
    """A reader declines; the converter will say why."""


# attrs' __init__ for a frozen class fetches a bound object.__setattr__ and calls it per
# field; setting the slots directly makes the same value in a third of the time, which
# counts for questions and choices, most of a tree's objects. A test holds the values equal.
_new = object.__new__
_set_label, _set_next = (Choice.__dict__[name].__set__ for name in ("label", "next"))
_set_kind, _set_text, _set_help, _set_choices = (
    Question.__dict__[name].__set__ for name in ("kind", "text", "help", "choices")
)


def _quick_question(value: dict[str, Any]) -> Question:
    """A question read without a call per field: most of a tree's objects are questions and choices."""
    # Counting keys is enough: every key but help is required, and a missing one raises.
    help = value.get("help", _Refused)
    if len(value) != (3 if help is _Refused else 4):
        raise _Refused
    text, choices = value["text"], value["choices"]
    if type(text) is not str or type(choices) is not list or (help is not _Refused and type(help) is not str):
        raise _Refused
    made = []
    for item in choices:
        if type(item) is not dict or len(item) != 2:
            raise _Refused
        label, target = item["label"], item["next"]
        if type(label) is not str or type(target) is not str:
            raise _Refused
        choice = _new(Choice)
        _set_label(choice, label)
        _set_next(choice, target)
        made.append(choice)
    question = _new(Question)
    _set_kind(question, "question")
    _set_text(question, text)
    _set_help(question, None if help is _Refused else help)
    _set_choices(question, tuple(made))
    return question


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Refused
    return value


def _whole(value: Any) -> int:
    if type(value) is not int:
        raise _Refused
    return value


def _list_of(read: Callable[[Any], Any]) -> Callable[[Any], tuple]:
    def read_list(value: Any) -> tuple:
        if type(value) is not list:
            raise _Refused
        return tuple([read(item) for item in value])

    return read_list


def _reader(cl: type, **fields: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A reader of `cl` from a JSON object: every key one of `fields`, each field without a default present."""
    by_key = {RENAMED.get(name, name): (name, read) for name, read in fields.items()}
    required = {RENAMED.get(f.name, f.name) for f in attrs.fields(cl) if f.default is attrs.NOTHING}

    def read(value: Any) -> Any:
        if type(value) is not dict or not value.keys() >= required:
            raise _Refused
        made = {}
        for key, item in value.items():
            if key not in by_key:
                raise _Refused
            name, read_field = by_key[key]
            made[name] = read_field(item)
        return cl(**made)

    return read


_info = _reader(Info, kind=_text, title=_text, text=_text, next=_text)
_outcome = _reader(Outcome, kind=_text, title=_text, text=_text)
_scenario = _reader(Scenario, name=_text, answers=_list_of(_text), outcome=_text)


def _nodes(value: Any) -> dict[str, Node]:
    """The node map in one loop: a tree is mostly nodes, and a call saved per node counts."""
    if type(value) is not dict:
        raise _Refused
    nodes: dict[str, Node] = {}
    for node_id, node in value.items():
        if type(node) is not dict:
            raise _Refused
        kind = node.get("kind")
        if kind == "question":
            nodes[node_id] = _quick_question(node)
        elif kind == "info":
            nodes[node_id] = _info(node)
        elif kind == "outcome":
            nodes[node_id] = _outcome(node)
        else:
            raise _Refused
    return nodes


_tree = _reader(
    Tree,
    schema=_text,
    format=_whole,
    id=_text,
    version=_text,
    title=_text,
    description=_text,
    language=_text,
    start=_text,
    nodes=_nodes,
    scenarios=_list_of(_scenario),
)


def quick(doc: dict[str, Any]) -> Tree | None:
    """The tree, if the document fits the format; None, without saying why, if it does not."""
    try:
        return _tree(doc)
    except (_Refused, KeyError):
        return None


def structure(doc: dict[str, Any]) -> tuple[Tree | None, list[Finding]]:
    """The tree, or the findings that say why the document is not one."""
    tree = quick(doc)
    if tree is not None:
        return tree, []
    from quiz import convert

    return convert.structure(doc)
