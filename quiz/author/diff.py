"""What changed between two versions of a tree, in a reader's terms, and the version bump it implies.

Semantic versioning of content: MAJOR when something a reader or a saved session relied
on is gone or leads elsewhere (a node, an outcome or a choice removed; a choice or page
re-routed; an answer sequence that now ends somewhere else); MINOR when something is
only added; PATCH when only wording changed.

Every answer sequence of the old tree is replayed on the new one, all at once, facts and
all (quiz.author.sequences): the work grows with the trees (the pairs of places a sequence
can be at in the two), not with the number of sequences, which for a tree of a few hundred
questions is past counting. A sequence goes round loops at most LOOPS times.

Versions are compared as SemVer says (the `semver` library), pre-releases included: a
pre-release promises nothing, so any later version is a valid step from one (1.0.0-rc.1 to
1.0.0 is its release, whatever changed), and a lower version, a pre-release of the same
version among them, is never a step up.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator
from typing import Any

import attrs
import semver

from quiz.author.sequences import LISTED, LOOPS, Comparison, Count, Rerouted, ending
from quiz.format.fields import text_fields
from quiz.format.model import Info, Number, Question, Route, Tree
from quiz.format.walk import Program
from quiz.text import printable, quote, shorten

__all__ = ["LISTED", "MAX_PATHS", "Bump", "Change", "Diff", "Rerouted", "diff"]

MAX_PATHS = -1  # compare every answer sequence
STATES_PER_NODE = 10  # the comparison's budget: pairs of places, for each node of the two trees ...
STATES_BASE = 100_000  # ... and these besides


class Bump(enum.IntEnum):
    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3

    def __str__(self) -> str:
        return self.name.lower()


@attrs.frozen
class Change:
    bump: Bump
    what: str


@attrs.frozen
class Diff:
    old: Tree
    new: Tree
    changes: tuple[Change, ...]
    scenarios: tuple[tuple[str, Rerouted], ...]
    paths: tuple[Rerouted, ...]  # the first sequences that end elsewhere, at most LISTED
    paths_checked: int | float  # sequences compared (float: the log10 of a count past EXACT_LIMIT)
    paths_elsewhere: int | float  # of them, those that end elsewhere
    all_paths: bool
    states: int  # pairs of places followed: the work done, within the budget
    loops: bool = False  # whether a sequence can go round a loop (at most LOOPS times)

    @property
    def budget(self) -> int:
        return STATES_PER_NODE * (len(self.old.nodes) + len(self.new.nodes)) + STATES_BASE

    @property
    def required(self) -> Bump:
        bumps = [c.bump for c in self.changes]
        if self.scenarios or self.paths_elsewhere:
            bumps.append(Bump.MAJOR)
        return max(bumps, default=Bump.NONE)

    @property
    def declared(self) -> Bump | None:
        """The bump between the two versions' MAJOR.MINOR.PATCH, or None if either is not SemVer or it went down."""
        step = _step(self.old.version, self.new.version)
        if step is None:
            return None
        old, new = (v.finalize_version() for v in step)
        if new.major > old.major:
            return Bump.MAJOR
        if new.minor > old.minor:
            return Bump.MINOR
        return Bump.PATCH if new.patch > old.patch else Bump.NONE

    @property
    def from_prerelease(self) -> bool:
        """Whether the old version is a pre-release and the new one later: any change may follow one."""
        step = _step(self.old.version, self.new.version)
        return step is not None and bool(step[0].prerelease) and step[1] > step[0]

    @property
    def suggested(self) -> str | None:
        old = _version(self.old.version)
        if old is None:
            return None
        if old.prerelease:
            return str(old.finalize_version())
        return {
            Bump.MAJOR: str(old.bump_major()),
            Bump.MINOR: str(old.bump_minor()),
            Bump.PATCH: str(old.bump_patch()),
            Bump.NONE: self.old.version,
        }[self.required]

    @property
    def ok(self) -> bool:
        step = _step(self.old.version, self.new.version)
        if step is None:
            return False
        if step[1] == step[0]:  # SemVer's precedence: build metadata is not a change of version
            return self.required is Bump.NONE
        declared = self.declared
        return self.from_prerelease or (declared is not None and declared >= self.required)

    def as_dict(self) -> dict[str, Any]:
        return {
            "old": {"id": self.old.id, "version": self.old.version},
            "new": {"id": self.new.id, "version": self.new.version},
            "changes": [{"bump": str(c.bump), "what": c.what} for c in self.changes],
            "scenarios": [{"name": n, **attrs.asdict(r)} for n, r in self.scenarios],
            "paths": [attrs.asdict(r) for r in self.paths],
            "paths_checked": _json_count(self.paths_checked),
            "paths_elsewhere": _json_count(self.paths_elsewhere),
            "all_paths": self.all_paths,
            "loops_at_most": LOOPS if self.loops else None,
            "states": self.states,
            "budget": self.budget,
            "required": str(self.required),
            "declared": str(self.declared) if self.declared is not None else None,
            "from_prerelease": self.from_prerelease,
            "suggested_version": self.suggested,
            "ok": self.ok,
        }

    def _shown(self, after: str) -> str:
        return quote(after) if after in self.new.nodes else after

    def text(self) -> str:
        old, new = shorten(printable(self.old.id, one_line=True)), shorten(printable(self.new.id, one_line=True))
        old_version, new_version = (shorten(printable(v, one_line=True)) for v in (self.old.version, self.new.version))
        if self.old.id == self.new.id:
            lines = [f"{old}: {old_version} → {new_version}"]
        else:
            lines = [f"{old} {old_version} → {new} {new_version}"]
        lines += [f"  {c.bump}: {c.what}" for c in sorted(self.changes, key=lambda c: -c.bump)]
        if not self.changes:
            lines.append("  no change a reader would see")
        for name, r in self.scenarios:
            lines.append(f"  scenario {quote(name)} now ends elsewhere: {quote(r.before)} → {self._shown(r.after)}")
        checked, elsewhere = _shown_count(self.paths_checked), _shown_count(self.paths_elsewhere)
        around = f" (going round loops at most {LOOPS} times)" if self.loops else ""
        if self.all_paths:
            lines.append(f"  answer sequences compared: all {checked}{around}; ending elsewhere: {elsewhere}")
        else:
            lines.append(
                f"  answer sequences compared: {checked}{around}, not all"
                f" (stopped after {self.states:,} pairs of places,"
                f" the budget being {self.budget:,}, or at --max-paths); ending elsewhere: {elsewhere}"
            )
        for r in self.paths:
            answers = _answers_shown(r.answers)
            lines.append(f"    {answers}: {quote(r.before)} → {self._shown(r.after)}")
        if self.paths_elsewhere != len(self.paths):
            rest = self.paths_elsewhere - len(self.paths)
            lines.append(f"    … and {_shown_count(rest) if type(rest) is int else 'more'} more")
        lines.append(
            f"The change is {self.required.name}"
            + (f"; the next version would be {self.suggested}." if self.suggested else ".")
        )
        declared, step = self.declared, f"version {self.old.version} → {self.new.version}"
        if declared is None:
            lines.append(f"{step} is not a semver step up; expected {self.suggested or 'a semver version'}.")
        elif self.from_prerelease:
            lines.append(f"{step} follows a pre-release, which promises nothing: enough.")
        elif self.ok:
            lines.append(f"{step} ({declared.name}) is enough.")
        else:
            lines.append(f"{step} is {declared.name}, too small: bump it to {self.suggested}.")
        return "\n".join(lines)


def _answers_shown(answers: tuple[str | int, ...], ends: int = 5) -> str:
    """Answers as a line shows them: each quoted short (a number as it is), and of a long walk only its first
    and last few."""
    shown = [_answer_shown(a) for a in (answers if len(answers) <= 3 * ends else answers[:ends])]
    if len(answers) > 3 * ends:
        shown += [f"… {len(answers) - 2 * ends:,} more …", *(_answer_shown(a) for a in answers[-ends:])]
    return " › ".join(shown) or "(no answers)"


def _answer_shown(answer: str | int) -> str:
    return str(answer) if type(answer) is int else quote(answer)[1:-1]


def _version(text: str) -> semver.Version | None:
    try:
        return semver.Version.parse(text)
    except ValueError:
        return None


def _step(old: str, new: str) -> tuple[semver.Version, semver.Version] | None:
    """Both versions, if both are SemVer and the new one is not lower."""
    a, b = _version(old), _version(new)
    return (a, b) if a is not None and b is not None and b >= a else None


def diff(old: Tree, new: Tree, *, max_paths: int = MAX_PATHS) -> Diff:
    """Both trees must check clean. `max_paths` < 0 compares every answer sequence."""
    changes = [*_tree_changes(old, new), *_fact_changes(old, new), *_node_changes(old, new)]
    program = Program.of(new)
    scenarios = []
    for scenario in old.scenarios:
        after = ending(program, scenario.answers)
        if after != scenario.outcome:
            scenarios.append((scenario.name, Rerouted(scenario.answers, scenario.outcome, after)))
    budget = STATES_PER_NODE * (len(old.nodes) + len(new.nodes)) + STATES_BASE
    compared = Comparison(old, new, max_paths, budget).run()
    loops = any(c.loop for n in old.nodes.values() if isinstance(n, Question) for c in n.choices)
    return Diff(old, new, tuple(changes), tuple(scenarios), *compared, loops=loops)


def _shown_count(n: Count) -> str:
    return f"{n:,}" if type(n) is int else f"about 10^{math.floor(n)}"


def _json_count(n: Count) -> int | str:
    """A count for JSON, as `quiz check --stats` gives paths: exact, or past 10^18 as "1e26.3"."""
    return n if type(n) is int else f"1e{n:.1f}"


def _tree_changes(old: Tree, new: Tree) -> Iterator[Change]:
    if old.start != new.start:
        yield Change(Bump.MAJOR, f"start moved: {quote(old.start)} → {quote(new.start)}")
    for field, _ in text_fields(Tree):
        if field not in ("id", "version") and getattr(old, field) != getattr(new, field):
            yield Change(Bump.PATCH, f"tree {field} reworded")


def _fact_changes(old: Tree, new: Tree) -> Iterator[Change]:
    """A saved session derives its facts by replaying answers, so a fact removed or redeclared may break one."""
    for name in (n for n in old.facts if n not in new.facts):
        yield Change(Bump.MAJOR, f"removed fact {quote(name)}")
    for name in (n for n in new.facts if n not in old.facts):
        yield Change(Bump.MINOR, f"added fact {quote(name)}")
    for name in (n for n in old.facts if n in new.facts and old.facts[n] != new.facts[n]):
        yield Change(Bump.MAJOR, f"redeclared fact {quote(name)}")


def _node_changes(old: Tree, new: Tree) -> Iterator[Change]:
    for node_id in (i for i in old.nodes if i not in new.nodes):
        yield Change(Bump.MAJOR, f"removed {old.nodes[node_id].kind} {quote(node_id)}")
    for node_id in (i for i in new.nodes if i not in old.nodes):
        yield Change(Bump.MINOR, f"added {new.nodes[node_id].kind} {quote(node_id)}")
    for node_id in (i for i in old.nodes if i in new.nodes):
        a, b = old.nodes[node_id], new.nodes[node_id]
        if type(a) is not type(b):
            yield Change(Bump.MAJOR, f"{quote(node_id)} changed from {a.kind} to {b.kind}")
            continue
        reworded = [name for name, _ in text_fields(type(a)) if getattr(a, name) != getattr(b, name)]
        if reworded:
            yield Change(Bump.PATCH, f"reworded {a.kind} {quote(node_id)} ({', '.join(reworded)})")
        if isinstance(a, Info) and isinstance(b, Info) and a.next != b.next:
            yield Change(Bump.MAJOR, f"re-routed info {quote(node_id)}: {quote(a.next)} → {quote(b.next)}")
        if isinstance(a, Question) and isinstance(b, Question):
            yield from _choice_changes(node_id, a, b)
        if isinstance(a, Route) and isinstance(b, Route) and a.routes != b.routes:
            yield Change(Bump.MAJOR, f"re-routed route {quote(node_id)}")
        if isinstance(a, Number) and isinstance(b, Number) and (a.fact, a.next) != (b.fact, b.next):
            yield Change(Bump.MAJOR, f"changed the fact or next of number question {quote(node_id)}")


def _choice_changes(node_id: str, a: Question, b: Question) -> Iterator[Change]:
    before = {c.label: c.next for c in a.choices}
    after = {c.label: c.next for c in b.choices}
    for label in (label for label in before if label not in after):
        yield Change(Bump.MAJOR, f"removed choice {quote(label)} of {quote(node_id)}")
    for label in (label for label in after if label not in before):
        yield Change(Bump.MINOR, f"added choice {quote(label)} to {quote(node_id)}")
    for label in (label for label in before if label in after):
        if before[label] != after[label]:
            yield Change(
                Bump.MAJOR,
                f"re-routed choice {quote(label)} of {quote(node_id)}: {quote(before[label])} → {quote(after[label])}",
            )
    # Where a choice is offered, and what it does to the facts, decide the walks through it.
    effects = {c.label: (c.when, c.set, c.add, c.loop) for c in b.choices}
    for choice in (c for c in a.choices if c.label in effects):
        if (choice.when, choice.set, choice.add, choice.loop) != effects[choice.label]:
            what = f"choice {quote(choice.label)} of {quote(node_id)}"
            yield Change(Bump.MAJOR, f"changed where {what} is offered or what it does to the facts")
    if [c.label for c in a.choices if c.label in after] != [c.label for c in b.choices if c.label in before]:
        yield Change(Bump.PATCH, f"reordered the choices of {quote(node_id)}")
