"""Scenarios: the author's own tests, replayed answer by answer against the tree."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from quiz.findings import Finding, Suggestions, nearest
from quiz.format.model import Info, Outcome, Question, Scenario, Tree
from quiz.text import quote


def scenario_findings(tree: Tree) -> Iterator[Finding]:
    outcomes = functools.cache(lambda: Suggestions(n for n, node in tree.nodes.items() if type(node) is Outcome))
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
        if type(target) is not Outcome:
            guess = outcomes().nearest(scenario.outcome)
            what = "names no node" if target is None else f"is {_article(target.kind)}, not an outcome"
            yield Finding(
                "Q403",
                f"scenario {quote(scenario.name)}: outcome {quote(scenario.outcome)} {what}",
                path=("scenarios", i, "outcome"),
                hint=f"did you mean {quote(guess)}?" if guess else "name the id of an outcome node",
            )
            continue
        yield from _replay(tree, i, scenario)


def _replay(tree: Tree, index: int, scenario: Scenario) -> Iterator[Finding]:
    """Walk the answers from `start`, passing info pages; stop at the first thing that fails."""
    nodes = tree.nodes
    node_id = tree.start
    walked: list[str] = []
    limit = len(nodes) + 1
    for step, answer in enumerate(scenario.answers):
        node_id = _past_info(nodes, node_id, walked, limit)
        node = nodes.get(node_id)
        where = ("scenarios", index, "answers", step)
        if type(node) is not Question:
            reached = "an outcome" if type(node) is Outcome else "a dead end"
            yield Finding(  # an answer given where there is no question to take it: not a choice there
                "Q401",
                f"scenario {quote(scenario.name)}: after answer {step}, the walk is at {reached} {quote(node_id)},"
                f" but {len(scenario.answers) - step} answer(s) are left",
                path=where,
                node=node_id,
                witness=tuple(walked),
                hint="remove the extra answers, or check the ones before them",
            )
            return
        labels = [c.label for c in node.choices]
        if answer not in labels:
            guess = nearest(answer, labels)
            yield Finding(
                "Q401",
                f"scenario {quote(scenario.name)}, answer {step + 1}: {quote(answer)}"
                f" is not a choice of {quote(node_id)}"
                f" (choices: {', '.join(map(quote, labels[:20]))}{', …' if len(labels) > 20 else ''})",
                path=where,
                node=node_id,
                witness=tuple(walked),
                hint=f"did you mean {quote(guess)}?" if guess else "answers are choice labels, written exactly",
            )
            return
        node_id = node.choices[labels.index(answer)].next
    node_id = _past_info(nodes, node_id, walked, limit)
    if node_id != scenario.outcome:
        node = nodes.get(node_id)
        reached = f"{node.kind} {quote(node_id)}" if node is not None else f"missing node {quote(node_id)}"
        yield Finding(
            "Q402",
            f"scenario {quote(scenario.name)} should end at outcome {quote(scenario.outcome)},"
            f" but its answers lead to {reached}",
            path=("scenarios", index, "outcome"),
            node=node_id,
            witness=tuple(walked),
            hint="add the answers still missing" if type(node) is Question else "check the answers, or the outcome",
        )


def _past_info(nodes: dict, node_id: str, walked: list[str], limit: int) -> str:
    walked.append(node_id)
    while type(nodes.get(node_id)) is Info and len(walked) <= limit:
        node_id = nodes[node_id].next
        walked.append(node_id)
    return node_id


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"
