"""Growth with the input, counted rather than timed: doubling a hostile input must not quadruple the work.

Each test counts what the code does (candidates compared, pairs of places followed, bytes
allocated as tracemalloc sees them, characters written) at a size and at twice that size.
The times themselves are in bench/hostile.py.
"""

from __future__ import annotations

import json
import math
import tracemalloc
from collections.abc import Callable
from typing import Any

from quiz import load_bytes
from quiz.author.diff import diff
from quiz.findings import Suggestions
from quiz.load.positions import Text
from tests.hostile.cases import ESC, outcome, question, tree


def peak(work: Callable[[], Any]) -> int:
    """The most memory allocated at once while `work` runs, beyond what was there before."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_hints_compare_linearly_many_broken_links_or_not(n: int = 4000) -> None:
    def compared(n: int) -> int:
        ids = Suggestions(f"node-{i:06d}" for i in range(n))
        for i in range(n // 4):
            ids.nearest(f"node-{i:06d}x")
        return ids.compared

    small, large = compared(n), compared(2 * n)
    assert large <= 2.5 * small, (small, large)


def test_hints_name_the_nearest_of_all_ids() -> None:
    ids = [f"n{i}-{j}" for i in range(100) for j in range(100)]
    assert Suggestions(ids).nearest("n41-39x") == "n41-39"  # past the first thousand ids
    assert Suggestions(["abd", "abe"]).nearest("abc") == "abd"  # of equally near ones, the first
    assert Suggestions(["x" * 300]).nearest("x" * 299) is None  # too long to be a typo


def test_memory_stays_within_ten_times_a_file_with_a_long_label_ending_in_esc() -> None:
    def raw(length: int) -> bytes:
        nodes = {"q": question("a", "b", labels=("x" * length + ESC, "No")), "a": outcome(), "b": outcome()}
        return json.dumps(tree(nodes)).encode()

    small, large = raw(1_000_000), raw(2_000_000)
    small_peak, large_peak = peak(lambda: load_bytes(small)), peak(lambda: load_bytes(large))
    assert large_peak <= 10 * len(large), (large_peak, len(large))
    assert large_peak <= 2.5 * small_peak


def test_locating_in_a_string_of_escapes_keeps_no_frame_a_character() -> None:
    def scan(length: int) -> int:
        text = Text('{"a": "' + "\\n" * length + '", "b": 1}')
        return peak(lambda: list(text.scan()))

    small, large = scan(500_000), scan(1_000_000)
    assert large <= 4 * 1_000_000 and large <= 2.5 * small  # the events hold the string itself, and no more


def test_diff_follows_each_pair_of_places_once() -> None:
    def states(n: int) -> int:
        def doc(last: str) -> dict[str, Any]:
            nodes = {f"q{i}": question(f"q{i + 1}", f"q{i + 1}", labels=("a", "b")) for i in range(n)}
            nodes[f"q{n}"] = question("end", last, labels=("a", "b"))
            return tree(nodes | {"end": outcome(), "other": outcome()})

        old, new = (load_bytes(json.dumps(doc(last)).encode()).tree for last in ("end", "other"))
        assert old is not None and new is not None
        result = diff(old, new)
        assert result.all_paths and abs(result.paths_elsewhere - n * math.log10(2)) < 1e-6  # 2^n, as a logarithm
        return result.states

    assert states(2000) <= 2.2 * states(1000)


def test_repeated_keys_give_a_few_findings_however_many() -> None:
    def findings(n: int) -> int:
        text = '{"format": 1, "x": {' + ", ".join(['"k": 0'] * n) + "}}"
        return sum(f.code == "Q104" for f in load_bytes(text.encode()).findings)

    assert findings(20_000) == findings(40_000) == 11
