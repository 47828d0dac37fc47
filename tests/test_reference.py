"""The brute-force reference on small trees whose verdicts were worked out by hand from the semantics."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reference import UNSET, Unset, analyse, make_state, replay

Doc = dict[str, Any]


def tree(nodes: dict[str, Any], facts: dict[str, Any] | None = None, start: str = "q") -> Doc:
    doc: Doc = {"format": 2, "id": "t", "version": "1.0.0", "title": "T", "start": start, "nodes": nodes}
    if facts is not None:
        doc["facts"] = facts
    return doc


def q(*choices: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "question", "text": "Which?", "choices": list(choices)}


def c(label: str, nxt: str, **extra: Any) -> dict[str, Any]:
    return {"label": label, "next": nxt, **extra}


def route(*routes: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "route", "routes": list(routes)}


def info(nxt: str) -> dict[str, Any]:
    return {"kind": "info", "text": "Note.", "next": nxt}


def number(fact: str, nxt: str) -> dict[str, Any]:
    return {"kind": "number", "text": "How many?", "fact": fact, "next": nxt}


OUT = {"kind": "outcome", "title": "End", "text": "Advice."}
BOOL = {"type": "bool"}


def s(**values: bool | int | str | Unset) -> tuple[tuple[str, bool | int | str | Unset], ...]:
    return make_state(values)


# Q309 -------------------------------------------------------------------------------------------

SET_OR_SKIP = tree(
    {
        "q": q(c("set it", "q1", set={"b": True}), c("skip", "q1")),
        "q1": q(c("Yes", "end", when="b"), c("No", "end")),
        "end": OUT,
    },
    {"b": BOOL},
)


def test_unset_read_in_a_when() -> None:
    # (q, U) -> (q1, T) offers both; (q, U) -> (q1, U) reads b unset; (end, T) from the first.
    v = analyse(SET_OR_SKIP)
    assert v.findings == {("Q309", "q1")}
    assert v.states == 4
    assert v.problem_states[("Q309", "q1")] == {s(b=UNSET)}


def test_a_condition_reads_every_fact_it_names() -> None:
    # `true or b` holds whatever b is, but it names b, so with b unset it is an unset read.
    v = analyse(tree({"q": q(c("a", "end", when="true or b")), "end": OUT}, {"b": BOOL}))
    assert v.findings == {("Q309", "q"), ("Q504", "q", 0), ("Q505", "end")}


def test_unset_read_in_an_add() -> None:
    doc = tree(
        {
            "q": q(c("up", "end", add={"n": 1}), c("stay", "end"), c("both", "end", set={"n": 1}, add={"n": 1})),
            "end": OUT,
        },
        {"n": {"type": "int", "min": 0, "max": 3}},
    )
    # "up" adds to unset n (Q309); "stay" reaches (end, U); "both" sets n to 1 first, then adds: (end, 2).
    # "up" is still offered, so it is taken, and no Q504 for it.
    v = analyse(doc)
    assert v.findings == {("Q309", "q")}
    assert v.reached["end"] == {s(n=UNSET), s(n=2)}
    assert v.states == 3


def test_unset_read_in_a_route_stops_the_reading() -> None:
    facts = {"b": BOOL, "x": {"type": "enum", "values": ["p", "q"], "initial": "p"}}
    doc = tree(
        {"r": route({"when": "x == 'q'", "next": "a"}, {"when": "b", "next": "a"}, {"next": "c"}), "a": OUT, "c": OUT},
        facts,
        start="r",
    )
    # x == 'q' is false, then b is read unset: the walk ends there, and the last route is never read.
    v = analyse(doc)
    assert v.findings == {
        ("Q309", "r"),
        ("Q504", "r", 0),
        ("Q504", "r", 1),
        ("Q504", "r", 2),
        ("Q505", "a"),
        ("Q505", "c"),
    }
    assert v.problem_states[("Q309", "r")] == {s(b=UNSET, x="p")}


def test_a_route_that_holds_hides_the_unset_reads_after_it() -> None:
    facts = {"b": BOOL, "x": {"type": "enum", "values": ["p", "q"], "initial": "p"}}
    doc = tree(
        {"r": route({"when": "x == 'p'", "next": "a"}, {"when": "b", "next": "c"}), "a": OUT, "c": OUT},
        facts,
        start="r",
    )
    assert analyse(doc).findings == {("Q504", "r", 1), ("Q505", "c")}


# Q310 -------------------------------------------------------------------------------------------

BOTH_ENDS = tree(
    {
        "q": q(c("plus", "q1", add={"n": 2}), c("minus", "q1", add={"n": -1})),
        "q1": q(c("plus", "end", add={"n": 1}), c("done", "end")),
        "end": OUT,
    },
    {"n": {"type": "int", "min": 0, "max": 2, "initial": 0}},
)


def test_out_of_range_below_and_above() -> None:
    # (q, 0): plus -> (q1, 2), minus -> -1 < 0. (q1, 2): plus -> 3 > 2, done -> (end, 2).
    v = analyse(BOTH_ENDS)
    assert v.findings == {("Q310", "q"), ("Q310", "q1")}
    assert v.problem_states == {("Q310", "q"): {s(n=0)}, ("Q310", "q1"): {s(n=2)}}
    assert v.states == 3


# Q311 -------------------------------------------------------------------------------------------

LOCKED = tree(
    {"q": q(c("yes", "q1", set={"b": True}), c("no", "q1")), "q1": q(c("go", "end", when="b")), "end": OUT},
    {"b": {"type": "bool", "initial": False}},
)
NUMBER_THEN_ROUTE = tree(
    {"num": number("n", "r"), "r": route({"when": "n > 1", "next": "end"}), "end": OUT},
    {"n": {"type": "int", "min": 0, "max": 2}},
    start="num",
)


def test_stuck_question() -> None:
    v = analyse(LOCKED)
    assert v.findings == {("Q311", "q1")}
    assert v.problem_states[("Q311", "q1")] == {s(b=False)}


def test_stuck_route() -> None:
    # The number node gives n 0, 1 or 2; only 2 gets past the route.
    v = analyse(NUMBER_THEN_ROUTE)
    assert v.findings == {("Q311", "r")}
    assert v.problem_states[("Q311", "r")] == {s(n=0), s(n=1)}
    assert v.states == 5  # (num, U), (r, 0), (r, 1), (r, 2), (end, 2)


# Q312 -------------------------------------------------------------------------------------------

ROUND_AND_ROUND = tree(
    {
        "q": q(c("in", "q1"), c("into the middle", "i"), c("out", "end")),
        "q1": q(c("round", "i")),
        "i": info("q2"),
        "q2": q(c("back", "q1", loop=True)),
        "end": OUT,
    }
)


def test_trap_is_reported_where_walks_enter_it() -> None:
    # q1 -> i -> q2 -> q1 never ends. Walks enter the region at q1 and at i from q, which can end;
    # q2 is only ever reached from inside the region, so it is not reported.
    v = analyse(ROUND_AND_ROUND)
    assert v.findings == {("Q312", "q1"), ("Q312", "i")}
    assert v.problem_states == {("Q312", "q1"): {()}, ("Q312", "i"): {()}}
    assert v.traps == {"q": set(), "q1": {()}, "i": {()}, "q2": {()}, "end": set()}
    assert v.states == 5


def test_trap_at_the_first_state() -> None:
    doc = tree({"q": q(c("again", "q", loop=True), c("leave", "end", when="false")), "end": OUT})
    assert analyse(doc).findings == {("Q312", "q"), ("Q504", "q", 1), ("Q505", "end")}


def test_trap_in_some_states_only() -> None:
    doc = tree(
        {
            "q": q(c("lock", "q1", set={"b": True}), c("free", "q1")),
            "q1": q(c("out", "end", when="not b"), c("again", "q1", loop=True)),
            "end": OUT,
        },
        {"b": {"type": "bool", "initial": False}},
    )
    # (q1, F) can leave; (q1, T) only goes round to itself.
    v = analyse(doc)
    assert v.findings == {("Q312", "q1")}
    assert v.problem_states[("Q312", "q1")] == {s(b=True)}
    assert v.states == 4


def test_no_trap_where_every_walk_ends_in_an_error() -> None:
    doc = tree(
        {"q": q(c("up", "q", add={"n": 1}, loop=True), c("leave", "end", when="n > 5")), "end": OUT},
        {"n": {"type": "int", "min": 0, "max": 1, "initial": 0}},
    )
    # (q, 0) -> (q, 1) -> add leaves the range. No outcome is reachable, but an error is: not a trap.
    v = analyse(doc)
    assert v.findings == {("Q310", "q"), ("Q504", "q", 1), ("Q505", "end")}
    assert v.states == 2


# Q504 and Q505 ----------------------------------------------------------------------------------


def test_route_after_an_unconditional_one_is_never_followed() -> None:
    doc = tree({"r": route({"next": "a"}, {"when": "true", "next": "b"}), "a": OUT, "b": OUT}, start="r")
    assert analyse(doc).findings == {("Q504", "r", 1), ("Q505", "b")}


def test_routes_shadowed_by_conditions() -> None:
    doc = tree(
        {
            "r": route({"when": "b", "next": "a"}, {"when": "b == true", "next": "b"}, {"next": "c"}),
            "a": OUT,
            "b": OUT,
            "c": OUT,
        },
        {"b": {"type": "bool", "initial": True}},
        start="r",
    )
    assert analyse(doc).findings == {("Q504", "r", 1), ("Q504", "r", 2), ("Q505", "b"), ("Q505", "c")}


@pytest.mark.parametrize("when", ["n > 5", "5 < n", "n in [7, -9]", "n == 4", "n <= -1", "not n != 0 and n == 1"])
def test_choice_whose_condition_never_holds(when: str) -> None:
    doc = tree(
        {"q": q(c("never", "end", when=when), c("ok", "end")), "end": OUT},
        {"n": {"type": "int", "min": 0, "max": 3, "initial": 1}},
    )
    assert analyse(doc).findings == {("Q504", "q", 0)}


def test_node_reached_only_through_a_never_taken_choice() -> None:
    doc = tree({"q": q(c("never", "hidden", when="false"), c("ok", "end")), "hidden": info("end"), "end": OUT})
    assert analyse(doc).findings == {("Q504", "q", 0), ("Q505", "hidden")}


def test_number_values_and_lists() -> None:
    doc = tree(
        {
            "num": number("n", "r"),
            "r": route({"when": "n in [-1, 1]", "next": "a"}, {"when": "n not in [0]", "next": "b"}, {"next": "c"}),
            "a": OUT,
            "b": OUT,
            "c": OUT,
        },
        {"n": {"type": "int", "min": -1, "max": 1}},
        start="num",
    )
    # -1 and 1 take the first route; 0 fails both lists and takes the last.
    v = analyse(doc)
    assert v.findings == {("Q504", "r", 1), ("Q505", "b")}
    assert v.reached["c"] == {s(n=0)}
    assert v.states == 7


def test_a_clean_tree() -> None:
    assert analyse(NUMBER_THEN_ROUTE | {"facts": {"n": {"type": "int", "min": 2, "max": 3}}}).findings == set()


# Refusals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nodes",
    [
        {"q": q(c("a", "q")), "end": OUT},  # a cycle without a loop choice
        {"q": q(c("a", "end")), "end": OUT, "lost": OUT},  # unreachable
        {"q": q(c("a", "nowhere"))},  # a next that names no node
        {"q": q(c("a", "end", When="true")), "end": OUT},  # an unknown key
        {"q": q(c("a", "end", when="x == 1")), "end": OUT},  # an unknown fact
        {"q": q(), "end": OUT},  # no choices
    ],
)
def test_refuses_what_it_cannot_judge(nodes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        analyse(tree(nodes))


# Replay -----------------------------------------------------------------------------------------


def test_replay_to_an_outcome_through_pages_and_routes() -> None:
    doc = tree({"q": q(c("go", "i")), "i": info("r"), "r": route({"next": "end"}), "end": OUT})
    r = replay(doc, ["go"])
    assert (r.node, r.status, r.used) == ("end", "outcome", 1)
    assert [n for n, _ in r.path] == ["q", "i", "r", "end"]


def test_replay_waits_for_an_answer() -> None:
    r = replay(SET_OR_SKIP, ["set it"])
    assert (r.node, r.status, r.state, r.used) == ("q1", "waiting", s(b=True), 1)
    assert replay(NUMBER_THEN_ROUTE, []).status == "waiting"


def test_replay_stops_at_errors() -> None:
    r = replay(SET_OR_SKIP, ["skip", "No"])
    assert (r.node, r.status, r.state, r.used) == ("q1", "Q309", s(b=UNSET), 1)
    r = replay(BOTH_ENDS, ["plus", "plus"])
    assert (r.node, r.status, r.state, r.used) == ("q1", "Q310", s(n=2), 2)
    r = replay(BOTH_ENDS, ["minus"])
    assert (r.node, r.status, r.state) == ("q", "Q310", s(n=0))
    r = replay(LOCKED, ["no"])
    assert (r.node, r.status, r.facts) == ("q1", "Q311", {"b": False})
    r = replay(NUMBER_THEN_ROUTE, [1])
    assert (r.node, r.status, r.state) == ("r", "Q311", s(n=1))
    assert replay(NUMBER_THEN_ROUTE, [2]).status == "outcome"


@pytest.mark.parametrize(
    ("doc", "answers", "bad"),
    [
        (NUMBER_THEN_ROUTE, [3], 0),  # past the fact's max
        (NUMBER_THEN_ROUTE, [True], 0),  # a bool is not a number
        (NUMBER_THEN_ROUTE, ["2"], 0),  # nor is a text
        (LOCKED, ["yes", "stay"], 1),  # not a label of the question
        (LOCKED, ["no", "go"], None),  # "go" is a label, but q1 is stuck first: Q311, not a bad answer
        (LOCKED, [0], 0),  # a number at a question
    ],
)
def test_replay_bad_answers(doc: Doc, answers: list[Any], bad: int | None) -> None:
    r = replay(doc, answers)
    assert r.bad_answer == bad
    assert r.status == ("bad-answer" if bad is not None else "Q311")


def test_replay_a_label_not_offered() -> None:
    doc = tree({"q": q(c("hidden", "end", when="false"), c("ok", "end")), "end": OUT})
    r = replay(doc, ["hidden"])
    assert (r.status, r.bad_answer, r.node) == ("bad-answer", 0, "q")


def test_replay_lands_in_a_trap_on_its_path() -> None:
    v = analyse(ROUND_AND_ROUND)
    r = replay(ROUND_AND_ROUND, ["into the middle", "back", "round"])
    assert r.status == "waiting" and r.node == "q2"
    assert ("i", ()) in r.path and () in v.problem_states[("Q312", "i")]
