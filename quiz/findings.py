"""Findings: what the loader and the checker report, each under a stable code.

Codes never change meaning once published; docs/codes.md documents each one and a
test runs the bad example given there to prove it still raises that code.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable

import attrs

JsonPath = tuple[str | int, ...]


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Anchor(enum.StrEnum):
    """Which text a finding points at: the value at its path, or the key naming it."""

    VALUE = "value"
    KEY = "key"


class Stage(enum.StrEnum):
    """The stage of the pipeline that reports a code; docs/codes.md groups the codes by it."""

    READING = "reading"
    FORMAT = "format"
    GRAPH = "graph"  # and the walks through it
    SCENARIOS = "scenarios"
    STYLE = "style"


@attrs.frozen
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    stage: Stage
    blocks_walks: bool  # while it stands, a walk from `start` is not known to be defined, so none is taken


# Reading and format errors leave no tree to walk; these graph errors leave walks that may not end
# or may not be defined. A node no walk reaches (Q303) blocks nothing: walks simply never meet it.
_BLOCKING = {"Q301", "Q302", "Q304", "Q305"}
_STAGES = {"1": Stage.READING, "2": Stage.FORMAT, "3": Stage.GRAPH, "4": Stage.SCENARIOS, "5": Stage.STYLE}


def _codes(*rows: tuple[str, str, Severity, str]) -> dict[str, Code]:
    return {
        code: Code(code, name, severity, summary, _STAGES[code[1]], code[1] in "12" or code in _BLOCKING)
        for code, name, severity, summary in rows
    }


E, W = Severity.ERROR, Severity.WARNING
CODES: dict[str, Code] = _codes(
    ("Q101", "not-utf8", E, "the file is not UTF-8 text"),
    ("Q102", "empty-file", E, "the file holds no JSON value"),
    ("Q103", "json-syntax", E, "the file is not well-formed JSON"),
    ("Q104", "duplicate-key", E, "an object names the same key twice"),
    ("Q105", "too-deep", E, "values are nested deeper than any tree needs"),
    ("Q106", "bad-number", E, "a number JSON cannot carry: NaN, Infinity, or too large"),
    ("Q107", "not-an-object", E, "the top-level value is not an object"),
    ("Q201", "format-too-new", E, "the file's format is newer than this quiz knows"),
    ("Q202", "bad-format", E, "`format` is missing or not a format number"),
    ("Q203", "missing-key", E, "a required key is missing"),
    ("Q204", "unknown-key", E, "a key the format does not define"),
    ("Q205", "wrong-type", E, "a value of the wrong JSON type"),
    ("Q206", "unknown-kind", E, "a node's `kind` is not one the format defines"),
    ("Q207", "bad-fact", E, "a fact is declared wrongly"),
    ("Q208", "condition-syntax", E, "a condition does not parse"),
    ("Q209", "unknown-fact", E, "a condition, `set`, `add`, number node or scenario names an undeclared fact"),
    ("Q210", "type-mismatch", E, "a fact is compared with, set to or given a value of the wrong type"),
    ("Q301", "missing-start", E, "`start` names no node"),
    ("Q302", "missing-next", E, "a `next` names no node"),
    ("Q303", "unreachable", E, "a node no walk from `start` reaches"),
    ("Q304", "cycle", E, "a walk can go round in a loop without a `loop` choice"),
    ("Q305", "no-choices", E, "a question with no choices: a dead end"),
    ("Q306", "duplicate-label", E, "two choices of one question share a label"),
    ("Q307", "empty-text", E, "a text that is empty or only white space"),
    ("Q308", "control-character", E, "a text holds a terminal control character"),
    ("Q309", "unset-read", E, "some walk reads a fact before any step sets it"),
    ("Q310", "out-of-range", E, "some walk's `add` takes an int fact past its bounds"),
    ("Q311", "stuck", E, "some walk reaches a question with no choice offered, or a route with none that holds"),
    ("Q312", "trap", E, "some walk reaches a state from which it can never end"),
    ("Q313", "proof-budget", E, "the proof about walks did not finish within its budget"),
    ("Q401", "scenario-unknown-answer", E, "a scenario answer that is not a choice where it is given"),
    ("Q402", "scenario-wrong-outcome", E, "a scenario's answers do not end at its outcome"),
    ("Q403", "scenario-unknown-outcome", E, "a scenario's outcome names no outcome node"),
    ("Q404", "scenario-wrong-facts", E, "a scenario's facts do not have the values it expects at its outcome"),
    ("Q501", "version-not-semver", W, "`version` is not a semantic version"),
    ("Q502", "single-choice", W, "a question with one choice is not a choice"),
    ("Q503", "duplicate-scenario", W, "two scenarios share a name"),
    ("Q504", "never-offered", W, "a choice or route no walk ever takes"),
    ("Q505", "never-reached", W, "a node no walk ever reaches, its conditions taken into account"),
)


@attrs.frozen
class Finding:
    """One thing wrong with a tree, and where: the JSON path, and once located, line and column."""

    code: str
    message: str
    path: JsonPath = ()
    anchor: Anchor = Anchor.VALUE
    node: str | None = None
    hint: str | None = None
    witness: tuple[str, ...] = ()  # the nodes of a walk from `start` to the problem
    scenario: tuple[str | int, ...] | None = None  # the answers of a walk that shows it, to paste into `scenarios`
    within: int | None = None  # for a finding inside a text (a condition): the 1-based column in it
    file: str | None = None
    line: int | None = None
    column: int | None = None

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def name(self) -> str:
        return CODES[self.code].name


def format_path(path: JsonPath) -> str:
    """A JSONPath such as `$.nodes["who-ended-it"].choices[0].next`."""
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif part.isidentifier():
            out.append(f".{part}")
        else:
            out.append("[" + json.dumps(part, ensure_ascii=False) + "]")
    return "".join(out)


def has_errors(findings: Iterable[Finding], *, strict: bool = False) -> bool:
    return any(strict or f.severity is Severity.ERROR for f in findings)


class Suggestions:
    """The nearest of many words (node ids, labels, keys) to a misspelt one: the "did you mean" of a hint.

    Every candidate is considered, by Levenshtein distance (rapidfuzz, in C, giving up on a
    candidate once it cannot be close enough), but only those whose length is within the
    distance that still counts as a typo. A word is close enough when its distance is at
    most a third of its length (and at least 2); of equally near ones, the first candidate
    wins. The work is bounded, so that a tree with many broken links stays near-linear: the
    candidates compared, over all the words asked about, stay within BUDGET_PER_CANDIDATE
    times their number (plus BUDGET_BASE). A word whose comparisons would pass that, or that
    is longer than MAX_WORD (no one misspells such a word by a few letters), gets no
    suggestion rather than a guess from part of the candidates.
    """

    MAX_WORD = 200
    BUDGET_PER_CANDIDATE = 16
    BUDGET_BASE = 100_000

    def __init__(self, candidates: Iterable[str]) -> None:
        self._by_length: dict[int, tuple[list[str], list[int]]] = {}
        count = 0
        for index, candidate in enumerate(candidates):
            words, indices = self._by_length.setdefault(len(candidate), ([], []))
            words.append(candidate)
            indices.append(index)
            count = index + 1
        self.budget = self.BUDGET_PER_CANDIDATE * count + self.BUDGET_BASE
        self.compared = 0  # candidates compared so far, over all words
        self._answers: dict[str, str | None] = {}

    def nearest(self, word: str) -> str | None:
        if word not in self._answers:
            self._answers[word] = self._nearest(word)
        return self._answers[word]

    def _nearest(self, word: str) -> str | None:
        if len(word) > self.MAX_WORD:
            return None
        cap = max(2, len(word) // 3)  # the greatest distance that still reads as a typo
        lengths = sorted(
            (n for n in self._by_length if abs(n - len(word)) <= cap), key=lambda n: (abs(n - len(word)), n)
        )
        cost = sum(len(self._by_length[n][0]) for n in lengths)
        if self.compared + cost > self.budget:
            return None
        self.compared += cost
        # Imported only when a hint is asked for: importing rapidfuzz takes about 80 ms, more than
        # checking a small tree, and a good tree never needs it.
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        best: tuple[int, int, str] | None = None  # (distance, index, candidate)
        for n in lengths:
            if best is not None and abs(n - len(word)) > best[0]:
                break  # every candidate of this length, and of those after, is further away
            words, indices = self._by_length[n]
            found = process.extractOne(
                word, words, scorer=Levenshtein.distance, score_cutoff=cap if best is None else best[0]
            )
            if found is not None:
                candidate, distance, at = found
                if best is None or (int(distance), indices[at]) < best[:2]:
                    best = (int(distance), indices[at], candidate)
        return None if best is None else best[2]


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `word`, if close enough to be a likely typo (see Suggestions)."""
    return Suggestions(candidates).nearest(word)
