"""What changed between two versions of a tree, in a reader's terms, and the version bump it implies.

Semantic versioning of content: MAJOR when something a reader or a saved session relied
on is gone or leads elsewhere (a node, an outcome or a choice removed; a choice or page
re-routed; an answer sequence that now ends somewhere else); MINOR when something is
only added; PATCH when only wording changed.

Versions are compared as SemVer says (the `semver` library), pre-releases included: a
pre-release promises nothing, so any later version is a valid step from one (1.0.0-rc.1 to
1.0.0 is its release, whatever changed), and a lower version, a pre-release of the same
version among them, is never a step up.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs
import semver

from quiz.format.fields import text_fields
from quiz.format.model import Info, Outcome, Question, Tree
from quiz.play.session import Session

MAX_PATHS = 10_000


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

    answers: tuple[str, ...]
    before: str
    after: str  # an outcome id, or a description of where the walk stopped


@attrs.frozen
class Diff:
    old: Tree
    new: Tree
    changes: tuple[Change, ...]
    scenarios: tuple[tuple[str, Rerouted], ...]
    paths: tuple[Rerouted, ...]
    paths_checked: int
    all_paths: bool

    @property
    def required(self) -> Bump:
        bumps = [c.bump for c in self.changes]
        if self.scenarios or self.paths:
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
            "paths_checked": self.paths_checked,
            "all_paths": self.all_paths,
            "required": str(self.required),
            "declared": str(self.declared) if self.declared is not None else None,
            "from_prerelease": self.from_prerelease,
            "suggested_version": self.suggested,
            "ok": self.ok,
        }

    def _shown(self, after: str) -> str:
        return repr(after) if after in self.new.nodes else after

    def text(self) -> str:
        if self.old.id == self.new.id:
            lines = [f"{self.old.id}: {self.old.version} → {self.new.version}"]
        else:
            lines = [f"{self.old.id} {self.old.version} → {self.new.id} {self.new.version}"]
        lines += [f"  {c.bump}: {c.what}" for c in sorted(self.changes, key=lambda c: -c.bump)]
        if not self.changes:
            lines.append("  no change a reader would see")
        for name, r in self.scenarios:
            lines.append(f"  scenario {name!r} now ends elsewhere: {r.before!r} → {self._shown(r.after)}")
        scope = "all" if self.all_paths else "the first"
        lines.append(f"  answer sequences checked: {scope} {self.paths_checked}; ending elsewhere: {len(self.paths)}")
        for r in self.paths[:20]:
            lines.append(f"    {' › '.join(r.answers) or '(no answers)'}: {r.before!r} → {self._shown(r.after)}")
        if len(self.paths) > 20:
            lines.append(f"    … and {len(self.paths) - 20} more")
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
    """Both trees must check clean."""
    changes = [*_tree_changes(old, new), *_node_changes(old, new)]
    start = Session.start(new)
    scenarios = []
    for scenario in old.scenarios:
        after = _ending(start, scenario.answers)
        if after != scenario.outcome:
            scenarios.append((scenario.name, Rerouted(scenario.answers, scenario.outcome, after)))
    paths, checked, complete = [], 0, True
    for answers, outcome in _paths(old):
        if checked == max_paths:
            complete = False
            break
        checked += 1
        after = _ending(start, answers)
        if after != outcome:
            paths.append(Rerouted(answers, outcome, after))
    return Diff(old, new, tuple(changes), tuple(scenarios), tuple(paths), checked, complete)


def _ending(start: Session, answers: tuple[str, ...]) -> str:
    session, used = start.follow(answers)
    while isinstance(session.node, Info):
        session = session.proceed()
    if used < len(answers):
        return f"answer {used + 1} ({answers[used]!r}) no longer fits at {session.current!r}"
    return session.current if session.finished else f"question {session.current!r}, unanswered"


def _paths(tree: Tree):
    """Every answer sequence from `start` to an outcome, depth first, lazily."""
    stack: list[tuple[str, tuple[str, ...]]] = [(tree.start, ())]
    while stack:
        node_id, answers = stack.pop()
        node = tree.nodes[node_id]
        if isinstance(node, Outcome):
            yield answers, node_id
        elif isinstance(node, Info):
            stack.append((node.next, answers))
        else:
            stack.extend((c.next, (*answers, c.label)) for c in reversed(node.choices))


def _tree_changes(old: Tree, new: Tree):
    if old.start != new.start:
        yield Change(Bump.MAJOR, f"start moved: {old.start!r} → {new.start!r}")
    for field, _ in text_fields(Tree):
        if field not in ("id", "version") and getattr(old, field) != getattr(new, field):
            yield Change(Bump.PATCH, f"tree {field} reworded")


def _node_changes(old: Tree, new: Tree):
    for node_id in (i for i in old.nodes if i not in new.nodes):
        yield Change(Bump.MAJOR, f"removed {old.nodes[node_id].kind} {node_id!r}")
    for node_id in (i for i in new.nodes if i not in old.nodes):
        yield Change(Bump.MINOR, f"added {new.nodes[node_id].kind} {node_id!r}")
    for node_id in (i for i in old.nodes if i in new.nodes):
        a, b = old.nodes[node_id], new.nodes[node_id]
        if type(a) is not type(b):
            yield Change(Bump.MAJOR, f"{node_id!r} changed from {a.kind} to {b.kind}")
            continue
        reworded = [name for name, _ in text_fields(type(a)) if getattr(a, name) != getattr(b, name)]
        if reworded:
            yield Change(Bump.PATCH, f"reworded {a.kind} {node_id!r} ({', '.join(reworded)})")
        if isinstance(a, Info) and a.next != b.next:
            yield Change(Bump.MAJOR, f"re-routed info {node_id!r}: {a.next!r} → {b.next!r}")
        if isinstance(a, Question):
            yield from _choice_changes(node_id, a, b)


def _choice_changes(node_id: str, a: Question, b: Question):
    before = {c.label: c.next for c in a.choices}
    after = {c.label: c.next for c in b.choices}
    for label in (label for label in before if label not in after):
        yield Change(Bump.MAJOR, f"removed choice {label!r} of {node_id!r}")
    for label in (label for label in after if label not in before):
        yield Change(Bump.MINOR, f"added choice {label!r} to {node_id!r}")
    for label in (label for label in before if label in after):
        if before[label] != after[label]:
            yield Change(Bump.MAJOR, f"re-routed choice {label!r} of {node_id!r}: {before[label]!r} → {after[label]!r}")
    if [c.label for c in a.choices if c.label in after] != [c.label for c in b.choices if c.label in before]:
        yield Change(Bump.PATCH, f"reordered the choices of {node_id!r}")
