"""What changed between two versions of a tree, in a reader's terms, and the version bump it implies.

Semantic versioning of content: MAJOR when something a reader or a saved session relied
on is gone or leads elsewhere (a node, an outcome or a choice removed; a choice or page
re-routed; an answer sequence that now ends somewhere else); MINOR when something is
only added; PATCH when only wording changed.

Every answer sequence of the old tree is replayed on the new one, all at once: the work
grows with the trees (the pairs of places a sequence can be at in the two), not with the
number of sequences, which for a tree of a few hundred questions is past counting.

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

from quiz.format.fields import text_fields
from quiz.format.model import Info, Outcome, Question, Tree
from quiz.text import printable, quote, shorten

MAX_PATHS = -1  # compare every answer sequence
STATES_PER_NODE = 10  # the comparison's budget: pairs of places, for each node of the two trees ...
STATES_BASE = 100_000  # ... and these besides
LISTED = 20  # sequences that end elsewhere, given as examples
EXACT_LIMIT = 10**18  # counts up to this are exact; past it, only the order of magnitude is kept


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
class Rerouted:
    """An answer sequence of the old tree that ends elsewhere (or nowhere) in the new one."""

    answers: tuple[str | int, ...]  # labels, and numbers for number nodes in a scenario's
    before: str
    after: str  # an outcome id, or a description of where the walk stopped


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
    compared: bool = True  # False where a tree's walks depend on more than its answers (see walks_by_answers)

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
            "compared": self.compared,
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
        if not self.compared:
            lines.append(
                "  answer sequences: not compared, since a tree's walks depend on facts, conditions, routes,"
                " numbers or loops as well as its answers"
            )
        elif self.all_paths:
            lines.append(f"  answer sequences compared: all {checked}; ending elsewhere: {elsewhere}")
        else:
            lines.append(
                f"  answer sequences compared: {checked}, not all (stopped after {self.states:,} pairs of places,"
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
    """Answers as a line shows them: each quoted short, and of a long walk only its first and last few."""
    shown = [quote(a)[1:-1] for a in (answers if len(answers) <= 3 * ends else answers[:ends])]
    if len(answers) > 3 * ends:
        shown += [f"… {len(answers) - 2 * ends:,} more …", *(quote(a)[1:-1] for a in answers[-ends:])]
    return " › ".join(shown) or "(no answers)"


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
    changes = [*_tree_changes(old, new), *_node_changes(old, new)]
    # quiz check replays the new tree's own scenarios, facts and all.
    if not (walks_by_answers(old) and walks_by_answers(new)):
        return Diff(old, new, tuple(changes), (), (), 0, 0, False, 0, compared=False)
    scenarios = []
    for scenario in old.scenarios:
        after = _ending(new, scenario.answers)
        if after != scenario.outcome:
            scenarios.append((scenario.name, Rerouted(scenario.answers, scenario.outcome, after)))
    compared = _Comparison(old, new, max_paths).run()
    return Diff(old, new, tuple(changes), tuple(scenarios), *compared)


def walks_by_answers(tree: Tree) -> bool:
    """Whether a tree's walks are its answers alone: no facts, conditions, routes, numbers or loops.

    Only then is an answer sequence a path of labels, which the comparison follows; the walks
    of a tree with facts depend on more than the labels (quiz check proves those walks).
    """
    if tree.facts:
        return False
    for node in tree.nodes.values():
        if type(node) is Question:
            if any(c.when is not None or c.set or c.add or c.loop for c in node.choices):
                return False
        elif type(node) is not Info and type(node) is not Outcome:
            return False
    return True


def _past_pages(tree: Tree, node_id: str) -> str:
    """Where a walk stands after the info pages from `node_id` on (a checked tree has no loop of pages)."""
    nodes = tree.nodes
    for _ in range(len(nodes)):
        node = nodes[node_id]
        if type(node) is not Info:
            break
        node_id = node.next
    return node_id


def _ending(tree: Tree, answers: tuple[str | int, ...]) -> str:
    """Where the answers lead in `tree`: an outcome's id, or what stopped them; one step an answer."""
    node_id = _past_pages(tree, tree.start)
    for used, label in enumerate(answers):
        node = tree.nodes[node_id]
        found = next((c.next for c in node.choices if c.label == label), None) if type(node) is Question else None
        if found is None:
            return _no_longer_fits(used, str(label), node_id)
        node_id = _past_pages(tree, found)
    return node_id if type(tree.nodes[node_id]) is Outcome else f"question {quote(node_id)}, unanswered"


def _no_longer_fits(used: int, label: str, node_id: str) -> str:
    return f"answer {used + 1} ({quote(label)}) no longer fits at {quote(node_id)}"


Count = int | float  # int: exact; float: log10 of a count past EXACT_LIMIT


def _add(a: Count, b: Count) -> Count:
    if type(a) is int and type(b) is int:
        total = a + b
        return total if total <= EXACT_LIMIT else math.log10(total)
    if not a or not b:
        return a or b
    high, low = sorted((a if type(a) is float else math.log10(a), b if type(b) is float else math.log10(b)))[::-1]
    return high + math.log10(1 + 10 ** (low - high))


def _shown_count(n: Count) -> str:
    return f"{n:,}" if type(n) is int else f"about 10^{math.floor(n)}"


def _json_count(n: Count) -> int | str:
    """A count for JSON, as `quiz check --stats` gives paths: exact, or past 10^18 as "1e26.3"."""
    return n if type(n) is int else f"1e{n:.1f}"


@attrs.define
class _Frame:
    at: tuple[str, str]  # (old node, new node), both past their info pages
    label: str | None  # the answer that led here
    steps: Iterator[tuple[str, str]]  # the old question's choices still to follow: (label, next)
    total: Count = 0
    elsewhere: Count = 0


class _Comparison:
    """Every answer sequence of the old tree, replayed on the new one all at once, as pairs of places.

    A sequence is at one node of the old tree and one of the new after each answer; the
    sequences that pass through the same pair go on alike, so each pair is followed once and
    its counts (sequences, and those ending elsewhere) are kept. The work is the number of
    pairs met, which for two versions of one tree is about the old tree's size; it is
    bounded by a budget of STATES_PER_NODE pairs a node of the two trees (plus STATES_BASE),
    and a comparison that reaches it, or `max_paths` sequences, stops and says so.
    """

    def __init__(self, old: Tree, new: Tree, max_paths: int) -> None:
        self.old, self.new, self.max_paths = old, new, max_paths
        self.budget = STATES_PER_NODE * (len(old.nodes) + len(new.nodes)) + STATES_BASE
        self.states = 0
        self.checked: Count = 0
        self.done: dict[tuple[str, str], tuple[Count, Count]] = {}
        self.from_old: dict[str, Count] = {}  # sequences from an old node to an outcome
        self.examples: list[Rerouted] = []

    def run(self) -> tuple[tuple[Rerouted, ...], Count, Count, bool, int]:
        root = (_past_pages(self.old, self.old.start), _past_pages(self.new, self.new.start))
        total, elsewhere, complete = self._walk(root)
        return tuple(self.examples), total, elsewhere, complete, self.states

    def _steps(self, old_id: str) -> Iterator[tuple[str, str]]:
        node = self.old.nodes[old_id]
        return iter([(c.label, c.next) for c in node.choices] if type(node) is Question else [])

    def _walk(self, root: tuple[str, str]) -> tuple[Count, Count, bool]:
        if type(self.old.nodes[root[0]]) is Outcome:
            total, elsewhere = self._leaf(root, [])
            self.checked = total
            return total, elsewhere, True
        stack = [_Frame(root, None, self._steps(root[0]))]
        self.states = 1
        stopped = False
        path: list[str] = []  # the answers that led to each frame but the first
        while stack:
            frame = stack[-1]
            step = None if stopped else next(frame.steps, None)
            if step is None:
                stack.pop()
                if path and len(stack) == len(path):
                    path.pop()
                if not stopped:
                    self.done[frame.at] = (frame.total, frame.elsewhere)
                if not stack:
                    return frame.total, frame.elsewhere, not stopped
                stack[-1].total = _add(stack[-1].total, frame.total)
                stack[-1].elsewhere = _add(stack[-1].elsewhere, frame.elsewhere)
                continue
            label, old_next = step
            answers = [*path, label]
            old_id, new_id = _past_pages(self.old, old_next), frame.at[1]
            new_next = self._answered(new_id, label)
            if new_next is None:  # every sequence through this answer ends elsewhere
                count = self._sequences(old_id)
                self._take(frame, count, count)
                self._cut_off(answers, old_id, new_id)
                continue
            pair = (old_id, _past_pages(self.new, new_next))
            if pair in self.done:
                total, elsewhere = self.done[pair]
                self._take(frame, total, elsewhere)
                if elsewhere and len(self.examples) < LISTED:
                    self._examples_below(pair, answers)
            elif type(self.old.nodes[old_id]) is Outcome:
                total, elsewhere = self._leaf(pair, answers)
                self._take(frame, total, elsewhere)
            elif self.states >= self.budget or self._enough():
                stopped = True
            else:
                self.states += 1
                stack.append(_Frame(pair, label, self._steps(old_id)))
                path.append(label)
        raise AssertionError("the root frame returns")  # pragma: no cover

    def _enough(self) -> bool:
        """Whether `max_paths` sequences have been compared (a count kept as a logarithm is past any int given)."""
        return self.max_paths >= 0 and (type(self.checked) is float or self.max_paths <= self.checked)

    def _take(self, frame: _Frame, total: Count, elsewhere: Count) -> None:
        frame.total = _add(frame.total, total)
        frame.elsewhere = _add(frame.elsewhere, elsewhere)
        self.checked = _add(self.checked, total)

    def _leaf(self, pair: tuple[str, str], answers: list[str]) -> tuple[Count, Count]:
        """A sequence that ends at an old outcome: does it end at the same one in the new tree?"""
        old_id, new_id = pair
        if new_id == old_id and type(self.new.nodes[new_id]) is Outcome:
            return 1, 0
        if len(self.examples) < LISTED:
            after = new_id if type(self.new.nodes[new_id]) is Outcome else f"question {quote(new_id)}, unanswered"
            self.examples.append(Rerouted(tuple(answers), old_id, after))
        return 1, 1

    def _sequences(self, old_id: str) -> Count:
        """How many answer sequences lead from an old node to an outcome: each node counted once."""
        stack = [old_id]
        while stack:
            node_id = stack[-1]
            if node_id in self.from_old:
                stack.pop()
                continue
            nexts = [_past_pages(self.old, n) for _, n in self._steps(node_id)]
            waiting = [n for n in nexts if n not in self.from_old]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            count: Count = 0 if nexts else 1
            for n in nexts:
                count = _add(count, self.from_old[n])
            self.from_old[node_id] = count
        return self.from_old[old_id]

    def _cut_off(self, answers: list[str], old_id: str, new_id: str) -> None:
        """Examples of sequences whose last answer no longer fits: each way on from `old_id`, first choices first.

        A depth-first walk with one list of answers, so an example costs its length.
        """
        fits = _no_longer_fits(len(answers) - 1, answers[-1], new_id)
        path = list(answers)
        stack = [(old_id, self._steps(old_id))]
        while stack and len(self.examples) < LISTED:
            node_id, steps = stack[-1]
            if type(self.old.nodes[node_id]) is Outcome:
                self.examples.append(Rerouted(tuple(path), node_id, fits))
            elif (step := next(steps, None)) is not None:
                path.append(step[0])
                below = _past_pages(self.old, step[1])
                stack.append((below, self._steps(below)))
                continue
            stack.pop()
            if len(path) > len(answers):
                path.pop()

    def _examples_below(self, pair: tuple[str, str], answers: list[str]) -> None:
        """Examples from a pair already followed: down the answers whose counts say something ends elsewhere.

        The stack holds pairs still to look into, and answers that no longer fit (with the
        new node where they stop), in the order of the old tree's choices.
        """
        stack: list[tuple[str, str, list[str], bool]] = [(*pair, answers, True)]  # (old, new, answers, fits)
        while stack and len(self.examples) < LISTED:
            old_id, new_id, answers, fits = stack.pop()
            if not fits:
                self._cut_off(answers, old_id, new_id)
            elif type(self.old.nodes[old_id]) is Outcome:
                self._leaf((old_id, new_id), answers)
            else:
                below = []
                for label, old_next in self._steps(old_id):
                    after_old = _past_pages(self.old, old_next)
                    new_next = self._answered(new_id, label)
                    if new_next is None:
                        below.append((after_old, new_id, [*answers, label], False))
                    else:
                        key = (after_old, _past_pages(self.new, new_next))
                        if self.done.get(key, (0, 1))[1]:  # a pair not kept is an outcome: look at it
                            below.append((*key, [*answers, label], True))
                stack.extend(reversed(below))  # the first choice on top, to be taken first

    def _answered(self, new_id: str, label: str) -> str | None:
        """Where `label` leads from a new node, if it is a question that offers it."""
        node = self.new.nodes[new_id]
        return next((c.next for c in node.choices if c.label == label), None) if type(node) is Question else None


def _tree_changes(old: Tree, new: Tree) -> Iterator[Change]:
    if old.start != new.start:
        yield Change(Bump.MAJOR, f"start moved: {quote(old.start)} → {quote(new.start)}")
    for field, _ in text_fields(Tree):
        if field not in ("id", "version") and getattr(old, field) != getattr(new, field):
            yield Change(Bump.PATCH, f"tree {field} reworded")


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
    if [c.label for c in a.choices if c.label in after] != [c.label for c in b.choices if c.label in before]:
        yield Change(Bump.PATCH, f"reordered the choices of {quote(node_id)}")
