"""Scenarios: the author's own tests, replayed answer by answer against the tree, facts and all.

The replay takes the steps a walk takes (quiz.format.walk), so a scenario passes exactly when
a reader giving those answers reaches that outcome with those facts. It is careful with a
broken tree too: where a step cannot be taken (a link to no node, a condition that does not
parse), it stops there, and the findings about the tree say why.
"""

from __future__ import annotations

import functools
from collections.abc import Generator, Iterator

from quiz.findings import Finding, Suggestions, nearest
from quiz.format.conditions import ConditionError
from quiz.format.model import Answer, Node, Outcome, Scenario, Tree
from quiz.format.walk import OutOfRange, Program, State, Step, Stuck, Unset, branch, give, offered, take
from quiz.text import quote


def scenario_findings(tree: Tree) -> Iterator[Finding]:
    outcomes = functools.cache(lambda: Suggestions(n for n, node in tree.nodes.items() if node.kind == "outcome"))
    program = Program(tree.facts, tree.nodes, tree.start)
    names: dict[str, int] = {}
    for i, scenario in enumerate(tree.scenarios):
        if scenario.name in names:
            yield Finding(
                "Q503",
                f"scenarios {names[scenario.name] + 1} and {i + 1} are both named {quote(scenario.name)}",
                path=("scenarios", i, "name"),
                hint="name each scenario for the story it tells",
            )
        names.setdefault(scenario.name, i)
        target = tree.nodes.get(scenario.outcome)
        if target is None or target.kind != "outcome":
            guess = outcomes().nearest(scenario.outcome)
            what = "names no node" if target is None else f"is {_article(target.kind)}, not an outcome"
            yield Finding(
                "Q403",
                f"scenario {quote(scenario.name)}: outcome {quote(scenario.outcome)} {what}",
                path=("scenarios", i, "outcome"),
                hint=f"did you mean {quote(guess)}?" if guess else "name the id of an outcome node",
            )
            continue
        yield from _Replay(tree, program, i, scenario).run()


class _Replay:
    def __init__(self, tree: Tree, program: Program, index: int, scenario: Scenario) -> None:
        self.tree, self.program, self.index, self.scenario = tree, program, index, scenario
        self.walked: list[str] = []

    def finding(self, code: str, message: str, step: int | None, node: str | None, hint: str) -> Finding:
        path = ("scenarios", self.index, "answers", step) if step is not None else ("scenarios", self.index, "outcome")
        return Finding(
            code,
            f"scenario {quote(self.scenario.name)}{message}",
            path=path,
            node=node,
            hint=hint,
            witness=tuple(self.walked),
        )

    def run(self) -> Iterator[Finding]:
        node_id, state = self.tree.start, self.program.first()
        answers = self.scenario.answers
        for step, answer in enumerate([*answers, None]):
            passed = self.past_pages(node_id, state)
            if passed is None:
                return  # a step that cannot be taken: the tree's own findings say why
            node_id, state = passed
            if node_id not in self.tree.nodes:
                yield self.finding(
                    "Q402",
                    f" should end at outcome {quote(self.scenario.outcome)},"
                    f" but its answers lead to {quote(node_id)},"
                    " which names no node",
                    None,
                    None,
                    "check the answers, once the link to the missing node is mended",
                )
                return
            node = self.tree.nodes[node_id]
            if answer is None:
                yield from self.ending(node_id, node, state, step)
                return
            if node.kind == "outcome":
                yield self.finding(
                    "Q401",
                    f", answer {step + 1}: the walk has already ended at outcome {quote(node_id)},"
                    f" with {len(answers) - step} answer(s) left",
                    step,
                    node_id,
                    "remove the extra answers, or check the ones before them",
                )
                return
            moved = yield from self.answer(node_id, node, state, answer, step)
            if moved is None:
                return
            node_id, state = moved

    def past_pages(self, node_id: str, state: State) -> tuple[str, State] | None:
        """Past info pages and routes to the next node that takes an answer, or None where the walk cannot go on."""
        for _ in range(len(self.tree.nodes) + 1):  # with no loop, no walk passes a node twice without an answer
            self.walked.append(node_id)
            node = self.tree.nodes.get(node_id)
            if node is None:
                return node_id, state
            if node.kind == "info":
                node_id = node.next
            elif node.kind == "route":
                compiled = self.compiled(node)
                if compiled is None:
                    return None
                followed = branch(compiled, state)
                if isinstance(followed, Unset | Stuck):
                    return None
                node_id = node.routes[followed].next
            else:
                return node_id, state
        return None

    def compiled(self, node: Node) -> Step | None:
        try:
            return self.program.step(node)
        except (KeyError, ConditionError):
            return None

    def answer(
        self, node_id: str, node: Node, state: State, answer: Answer, step: int
    ) -> Generator[Finding, None, tuple[str, State] | None]:
        """The node and state after `answer`, or the finding that it does not fit (then None)."""
        compiled = self.compiled(node)
        if compiled is None:
            return None
        if node.kind == "number":
            assert compiled.fact is not None
            domain = self.program.domains[compiled.fact]
            if type(answer) is not int or not domain.low <= answer <= domain.high:
                yield self.finding(
                    "Q401",
                    f", answer {step + 1}: {quote(answer)} is not what number node {quote(node_id)} asks for",
                    step,
                    node_id,
                    f"give a whole number from {domain.low} to {domain.high}",
                )
                return None
            return node.next, give(compiled, answer, state)
        assert node.kind == "question"
        labels = [c.label for c in node.choices]
        if type(answer) is not str or answer not in labels:
            guess = nearest(str(answer), labels)
            yield self.finding(
                "Q401",
                f", answer {step + 1}: {quote(answer)} is not a choice of {quote(node_id)}"
                f" (choices: {', '.join(map(quote, labels[:20]))}{', …' if len(labels) > 20 else ''})",
                step,
                node_id,
                f"did you mean {quote(guess)}?" if guess else "answers are choice labels, written exactly",
            )
            return None
        shown = offered(compiled, state)
        if isinstance(shown, Unset | Stuck):
            return None  # the walk stops here, which the proof of the walks reports
        i = labels.index(answer)
        if i not in shown:
            yield self.finding(
                "Q401",
                f", answer {step + 1}: {quote(answer)} is a choice of {quote(node_id)}, but it is not offered here:"
                f" {quote(node.choices[i].when)} does not hold",
                step,
                node_id,
                "check the answers before it, which set the facts the condition reads",
            )
            return None
        after = take(compiled.ways[i], state, self.program.domains)
        if isinstance(after, Unset | OutOfRange):
            return None
        return node.choices[i].next, after

    def ending(self, node_id: str, node: Node, state: State, step: int) -> Iterator[Finding]:
        scenario = self.scenario
        if node_id != scenario.outcome:
            reached = f"{node.kind} {quote(node_id)}"
            yield self.finding(
                "Q402",
                f" should end at outcome {quote(scenario.outcome)}, but its answers lead to {reached}",
                None,
                node_id,
                "add the answers still missing" if node.kind in ("question", "number") else "check the answers",
            )
            return
        assert isinstance(node, Outcome)
        for name, want in scenario.facts.items():
            at = self.program.index.get(name)
            if at is None or (state[at] == want and type(state[at]) is type(want)):
                continue  # an undeclared fact is reported as such
            yield Finding(
                "Q404",
                f"scenario {quote(scenario.name)} ends at {quote(node_id)}"
                f" with {name} = {_shown(state[at])}, not {_shown(want)}",
                path=("scenarios", self.index, "facts", name),
                node=node_id,
                hint="check the answers, or the value the scenario expects",
            )


def _shown(value: object) -> str:
    return "unset" if value is None else quote(value) if isinstance(value, str) else repr(value)


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
