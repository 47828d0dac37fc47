"""A picture of a tree: Mermaid (which GitHub renders) or Graphviz DOT.

Node shapes tell the kinds apart: a question is a diamond, an info page a rounded box,
an outcome a stadium (Mermaid) or a filled box (DOT). Tree text is escaped for each
language so that every text shows literally and every picture parses: quotes, brackets
and pipes never break the picture, `%%{init: ...}%%` in a label never reconfigures a
Mermaid diagram, and `&amp;` or `&#60;` in a tree show as written, not as `&` and `<`.
A tree with texts that cannot be shown as written (control characters) is not drawn.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from quiz.findings import CODES, Finding, Stage
from quiz.format.model import Info, Node, Number, Outcome, Question, Route, Tree
from quiz.text import printable

FORMATS = ("mermaid", "dot")
LABEL_LENGTH = 60
# Findings that leave texts no picture could show as written (a control character, shown
# as U+FFFD, would silently differ from the file); reading and format errors leave no tree.
_UNDRAWABLE = {"Q308"}


def draw(tree: Tree, fmt: str) -> str:
    return {"mermaid": mermaid, "dot": dot}[fmt](tree)


def undrawable(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that keep a tree from being drawn as it is written."""
    return [f for f in findings if f.code in _UNDRAWABLE or CODES[f.code].stage in (Stage.READING, Stage.FORMAT)]


def caption(node: Node) -> str:
    """A node's words in short: a question's text, a page's title (or text), an outcome's title, "route"."""
    if isinstance(node, Info):
        text = node.title or node.text
    elif isinstance(node, Outcome):
        text = node.title
    elif isinstance(node, Route):
        text = "route"
    else:
        text = node.text
    text = printable(text, one_line=True)
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def edges(tree: Tree) -> list[tuple[str, str, str | None]]:
    """(from, to, label) for every choice, every route's branch (by its condition) and every other way on."""
    out: list[tuple[str, str, str | None]] = []
    for node_id, node in tree.nodes.items():
        if isinstance(node, Question):
            out.extend((node_id, c.next, c.label) for c in node.choices)
        elif isinstance(node, Route):
            out.extend((node_id, b.next, b.when or "otherwise") for b in node.routes)
        elif isinstance(node, Info | Number):
            out.append((node_id, node.next, None))
    return out


_MERMAID_SHAPES = {
    Question: ('{"', '"}'),
    Info: ('("', '")'),
    Route: ('{{"', '"}}'),
    Number: ('[/"', '"/]'),
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


def mermaid(tree: Tree) -> str:
    ids = {node_id: f"n{i}" for i, node_id in enumerate(tree.nodes)}
    lines = ["flowchart TD"]
    for node_id, node in tree.nodes.items():
        start, end = _MERMAID_SHAPES[type(node)]
        lines.append(f"  {ids[node_id]}{start}{_mermaid_text(caption(node))}{end}")
        lines.append(f"  class {ids[node_id]} {node.kind}")
    for source, target, label in edges(tree):
        if target not in ids:
            ids[target] = f"n{len(ids)}"
            lines.append(f'  {ids[target]}["missing: {_mermaid_text(target)}"]')
            lines.append(f"  class {ids[target]} missing")
        arrow = f'-->|"{_mermaid_text(label)}"|' if label is not None else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    lines += [
        "  classDef question fill:#dbeafe,stroke:#1d4ed8,color:#111",
        "  classDef info fill:#f3f4f6,stroke:#6b7280,color:#111",
        "  classDef route fill:#fef3c7,stroke:#b45309,color:#111",
        "  classDef number fill:#dbeafe,stroke:#1d4ed8,color:#111",
        "  classDef outcome fill:#dcfce7,stroke:#15803d,color:#111",
        "  classDef missing fill:#fee2e2,stroke:#b91c1c,color:#111,stroke-dasharray:4",
    ]
    return "\n".join(lines) + "\n"


_DOT_SHAPES = {
    Question: 'shape=diamond, style=filled, fillcolor="#dbeafe"',
    Info: 'shape=box, style="rounded,filled", fillcolor="#f3f4f6"',
    Route: 'shape=hexagon, style=filled, fillcolor="#fef3c7"',
    Number: 'shape=parallelogram, style=filled, fillcolor="#dbeafe"',
    Outcome: 'shape=box, style="filled,bold", fillcolor="#dcfce7"',
}


def _dot_string(text: str) -> str:
    """A DOT quoted string; JSON's escaping of backslash and quote is DOT's too, and `&` is written as an entity,
    since Graphviz reads entities in every string."""
    return json.dumps(printable(text, one_line=True), ensure_ascii=False).replace("&", "&amp;")


def dot(tree: Tree) -> str:
    lines = [f"digraph {_dot_string(tree.id)} {{", '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica"];']
    for node_id, node in tree.nodes.items():
        lines.append(f"  {_dot_string(node_id)} [{_DOT_SHAPES[type(node)]}, label={_dot_string(caption(node))}];")
    for source, target, label in edges(tree):
        if target not in tree.nodes:
            lines.append(f'  {_dot_string(target)} [shape=box, style=dashed, color="#b91c1c"];')
        attrs = f" [label={_dot_string(label)}]" if label is not None else ""
        lines.append(f"  {_dot_string(source)} -> {_dot_string(target)}{attrs};")
    lines.append("}")
    return "\n".join(lines) + "\n"
