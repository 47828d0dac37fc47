"""A picture of a tree: Mermaid (which GitHub renders), Graphviz DOT, or SVG and PNG drawn by Graphviz.

Node shapes tell the kinds apart: a question is a diamond, an info page a rounded box,
a number question a parallelogram that names the fact it sets and its range, a route (which
the reader never sees) a hexagon, an outcome a stadium (Mermaid) or a filled box (DOT). Each
node shows its id above its words, and an arrow from a small `start` circle marks the first
node. A choice's edge carries its label, its condition (`if ...`) and what it sets and adds; a
route's edges carry their conditions, numbered in the order they are read; a choice that may
lead back (`loop`) is drawn dashed. Tree text is escaped for each language so that every text
shows literally and every picture parses: quotes, brackets and pipes never break the picture,
`%%{init: ...}%%` in a label never reconfigures a Mermaid diagram, `&amp;` or `&#60;` in a
tree show as written, not as `&` and `<`, and a blank text is drawn as `(blank)`, since Mermaid
refuses an empty label. A tree with texts that cannot be shown as written (control characters)
is not drawn.
Mermaid draws at most 500 edges and 50,000 characters by default (its maxEdges and
maxTextSize); a larger tree is refused with a pointer to DOT, SVG and PNG, which Graphviz
draws at any size.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from typing import NamedTuple

from quiz.errors import UsageError
from quiz.findings import CODES, Finding, Stage
from quiz.format.model import Choice, Info, IntFact, Node, Number, Outcome, Question, Route, Tree, Value
from quiz.text import printable

FORMATS = ("mermaid", "dot", "svg", "png")
LABEL_LENGTH = 60
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000
BLANK = "(blank)"
RENDER_SECONDS = 120
# Findings that leave texts no picture could show as written (a control character, shown
# as U+FFFD, would silently differ from the file); reading and format errors leave no tree.
_UNDRAWABLE = {"Q308"}


def draw(tree: Tree, fmt: str) -> str:
    """The picture as text: Mermaid or DOT (SVG and PNG come from `render`)."""
    return {"mermaid": mermaid, "dot": dot}[fmt](tree)


def undrawable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that keep a tree from being drawn as it is written."""
    return [f for f in findings if f.code in _UNDRAWABLE or CODES[f.code].stage in (Stage.READING, Stage.FORMAT)]


def render(tree: Tree, fmt: str) -> bytes:
    """SVG or PNG, drawn by Graphviz's `dot` from the DOT picture; a clear error if it is not installed."""
    program = shutil.which("dot")
    if program is None:
        raise UsageError(
            f"--format {fmt} needs Graphviz's `dot` program, which is not on PATH: install Graphviz "
            "(apt install graphviz, brew install graphviz, or https://graphviz.org/download/), "
            "or print DOT with --format dot and render it elsewhere"
        )
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"], input=dot(tree).encode(), capture_output=True, timeout=RENDER_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise UsageError(f"Graphviz did not finish drawing {tree.id!r} in {RENDER_SECONDS} s") from error
    if done.returncode != 0:
        reason = printable(done.stderr.decode(errors="replace"), one_line=True)
        raise UsageError(f"Graphviz could not draw {tree.id!r}: {reason}")
    return done.stdout


def _shown(text: str) -> str:
    """Text for a label, never blank."""
    return text if text.strip() else BLANK


def caption(node: Node) -> str:
    """A node's words in short: a question's text, a page's title (or text), an outcome's title; a route has none."""
    if isinstance(node, Info):
        text = node.title or node.text
    elif isinstance(node, Outcome):
        text = node.title
    elif isinstance(node, Route):
        text = "route"
    else:
        text = node.text
    return _short(text)


def _short(text: str) -> str:
    text = printable(text, one_line=True)
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def words(tree: Tree, node_id: str) -> tuple[str, ...]:
    """The lines a node shows: its id, its words, and for a number question the fact it sets and its range."""
    node = tree.nodes[node_id]
    lines: tuple[str, ...] = (node_id, caption(node))
    if isinstance(node, Number):
        fact = tree.facts.get(node.fact)
        bounds = f" ({fact.min} to {fact.max})" if isinstance(fact, IntFact) else ""
        lines += (_short(f"sets {node.fact}{bounds}"),)
    return lines


class Edge(NamedTuple):
    """A way from one node to another, with the lines its label shows (none: no label)."""

    source: str
    target: str
    label: tuple[str, ...] = ()
    loop: bool = False  # a choice that may lead back: drawn dashed


def edges(tree: Tree) -> list[Edge]:
    """Every choice, every route's branch (numbered, with its condition), and every other way on."""
    out: list[Edge] = []
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            out.extend(Edge(node_id, c.next, _choice_label(c), c.loop) for c in node.choices)
        elif isinstance(node, Route):
            out.extend(
                Edge(node_id, b.next, (f"{i}. {b.when if b.when is not None else 'otherwise'}",))
                for i, b in enumerate(node.routes, 1)
            )
        elif isinstance(node, Info | Number):
            out.append(Edge(node_id, node.next))
    return out


def _choice_label(choice: Choice) -> tuple[str, ...]:
    """The label, then `if` its condition, then what it sets and adds, compactly: `cheated = true, hope += -2`."""
    lines = [choice.label]
    if choice.when is not None:
        lines.append(f"if {choice.when}")
    effects = [f"{name} = {_value(value)}" for name, value in choice.set.items()]
    effects += [f"{name} += {amount}" for name, amount in choice.add.items()]
    if effects:
        lines.append(", ".join(effects))
    return tuple(lines)


def _value(value: Value) -> str:
    """A value as the condition language writes it: true, 3, 'me'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return f'"{value}"' if "'" in value else f"'{value}'"


_MERMAID_SHAPES = {
    Question: ('{"', '"}'),
    Info: ('("', '")'),
    Number: ('[/"', '"/]'),
    Route: ('{{"', '"}}'),
    Outcome: ('(["', '"])'),
}
# Mermaid's own entity codes (#NUMBER;): `#` so that a text's own "#35;" stays as written, `%` so
# that no "%%" (a comment, or a `%%{init}%%` directive) appears, and `&` so that HTML entities show as written.
_MERMAID_ENTITIES = {
    "#": "#35;",
    "%": "#37;",
    "&": "#38;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "|": "#124;",
    "`": "#96;",
}


def _mermaid_text(text: str) -> str:
    return "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in printable(text, one_line=True))


def _mermaid_lines(lines: tuple[str, ...]) -> str:
    return "<br/>".join(_mermaid_text(_shown(line)) for line in lines)


def mermaid(tree: Tree) -> str:
    links = edges(tree)
    if len(links) + 1 > MERMAID_MAX_EDGES:
        raise _too_large(tree, f"{len(links) + 1} edges; Mermaid draws at most {MERMAID_MAX_EDGES}")
    ids = {node_id: f"n{i}" for i, node_id in enumerate(tree.nodes)}
    lines = ["flowchart TD", '  s(("start"))', "  class s start"]
    for node_id, node in tree.nodes.items():
        start, end = _MERMAID_SHAPES[type(node)]
        lines.append(f"  {ids[node_id]}{start}{_mermaid_lines(words(tree, node_id))}{end}")
        lines.append(f"  class {ids[node_id]} {node.kind}")
    for source, target, label, loop in [Edge("", tree.start), *links]:
        if target not in ids:
            ids[target] = f"n{len(ids)}"
            lines.append(f'  {ids[target]}["missing: {_mermaid_text(_shown(target))}"]')
            lines.append(f"  class {ids[target]} missing")
        arrow = "-.->" if loop else "-->"
        if label:
            arrow += f'|"{_mermaid_lines(label)}"|'
        lines.append(f"  {ids.get(source, 's')} {arrow} {ids[target]}")
    lines += [
        "  classDef start fill:#111,stroke:#111,color:#fff",
        "  classDef question fill:#dbeafe,stroke:#1d4ed8,color:#111",
        "  classDef info fill:#f3f4f6,stroke:#6b7280,color:#111",
        "  classDef number fill:#dbeafe,stroke:#1d4ed8,color:#111",
        "  classDef route fill:#fef3c7,stroke:#b45309,color:#111",
        "  classDef outcome fill:#dcfce7,stroke:#15803d,color:#111",
        "  classDef missing fill:#fee2e2,stroke:#b91c1c,color:#111,stroke-dasharray:4",
    ]
    text = "\n".join(lines) + "\n"
    if len(text) > MERMAID_MAX_TEXT:
        raise _too_large(tree, f"{len(text):,} characters; Mermaid reads at most {MERMAID_MAX_TEXT:,}")
    return text


def _too_large(tree: Tree, why: str) -> UsageError:
    return UsageError(
        f"{printable(tree.id, one_line=True)!r} is too large to draw in Mermaid ({why}): draw it with "
        "--format dot, or --format svg or png, which Graphviz draws at any size"
    )


_DOT_SHAPES = {
    Question: 'shape=diamond, style=filled, fillcolor="#dbeafe"',
    Info: 'shape=box, style="rounded,filled", fillcolor="#f3f4f6"',
    Number: 'shape=parallelogram, style=filled, fillcolor="#dbeafe"',
    Route: 'shape=hexagon, style=filled, fillcolor="#fef3c7"',
    Outcome: 'shape=box, style="filled,bold", fillcolor="#dcfce7"',
}


def _dot_string(text: str) -> str:
    """A DOT quoted string; JSON's escaping of backslash and quote is DOT's too, and `&` is written as an entity,
    since Graphviz reads entities in every string."""
    return json.dumps(printable(text, one_line=True), ensure_ascii=False).replace("&", "&amp;")


def _dot_lines(lines: tuple[str, ...]) -> str:
    """One DOT string of several lines: "\\n" inside a DOT string is a line break."""
    return "\\n".join(_dot_string(_shown(line))[1:-1] for line in lines).join('""')


def dot(tree: Tree) -> str:
    lines = [f"digraph {_dot_string(tree.id)} {{", '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica"];']
    start = next(name for name in (f"start{'_' * i}" for i in range(len(tree.nodes) + 1)) if name not in tree.nodes)
    marker = 'shape=circle, style=filled, fillcolor="#111111", fontcolor="#ffffff", label="start"'
    lines.append(f"  {_dot_string(start)} [{marker}];")
    for node_id, node in tree.nodes.items():
        lines.append(f"  {_dot_string(node_id)} [{_DOT_SHAPES[type(node)]}, label={_dot_lines(words(tree, node_id))}];")
    for source, target, label, loop in [Edge(start, tree.start), *edges(tree)]:
        if target not in tree.nodes:
            lines.append(f'  {_dot_string(target)} [shape=box, style=dashed, color="#b91c1c"];')
        extra = [f"label={_dot_lines(label)}"] if label else []
        # A way back is dashed, and left out of the ranking, so the picture still reads top to bottom.
        extra += ["style=dashed", "constraint=false"] if loop else []
        attributes = f" [{', '.join(extra)}]" if extra else ""
        lines.append(f"  {_dot_string(source)} -> {_dot_string(target)}{attributes};")
    lines.append("}")
    return "\n".join(lines) + "\n"
