"""The hostile corpus: each case of hostile input, the command it is given to, and what must happen.

A case builds its files in a folder (so that no huge or strange file is kept in the
repository), names the command line, and states the behaviour: the exit code, what the
output must say, and what it must never hold. tests/hostile/test_corpus.py runs them all
as a reader would, in a real process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

ESC = "\x1b"


def tree(nodes: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": 1, "id": "t", "version": "1.0.0", "title": "T", "start": next(iter(nodes)), "nodes": nodes} | top


def question(*nexts: str, text: str = "Q?", labels: tuple[str, ...] = ()) -> dict[str, Any]:
    labels = labels or tuple(f"c{i}" for i in range(len(nexts)))
    return {
        "kind": "question",
        "text": text,
        "choices": [{"label": la, "next": n} for la, n in zip(labels, nexts, strict=True)],
    }


def outcome(title: str = "Done") -> dict[str, Any]:
    return {"kind": "outcome", "title": title, "text": "All done."}


def write(folder: Path, name: str, doc: Any) -> Path:
    path = folder / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8", errors="surrogatepass")
    return path


@attrs.frozen
class Case:
    """One hostile input: `make` builds it in a folder and returns the command's arguments."""

    name: str
    item: int  # the item of the issue it is about
    make: Callable[[Path], list[str]]
    code: int
    says: tuple[str, ...] = ()  # each must be in stdout or stderr
    never: tuple[str, ...] = (ESC,)  # none may be in stdout or stderr
    stdin: str | None = None


def _dangling_long_ids(folder: Path) -> list[str]:
    nodes = {"q": question(*(f"{i}" + "x" * 3000 for i in range(20)))}
    nodes |= {f"{i}" + "y" * 3000: outcome() for i in range(20)}
    return ["check", str(write(folder, "long-ids.json", tree(nodes)))]


def _hint_on_a_big_tree(folder: Path) -> list[str]:
    nodes: dict[str, Any] = {"start": question("n0-0", "n0-1")}
    for i in range(60):
        for j in range(40):
            nodes[f"n{i}-{j}"] = outcome()
    nodes["start"] = question(*nodes, text="Q?")  # one choice to each node, but the typo below
    nodes["start"]["choices"] = [c for c in nodes["start"]["choices"] if c["next"] != "start"]
    nodes["start"]["choices"][0]["next"] = "n41-39x"
    return ["check", str(write(folder, "big.json", tree(nodes)))]


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.json")
    return ["check", str(folder / "pipe.json")]


def _loop(folder: Path) -> list[str]:
    (folder / "loop.json").symlink_to(folder / "loop.json")
    return ["check", str(folder)]


def _repeated_keys(folder: Path) -> list[str]:
    text = '{"format": 1, "x": {' + ", ".join(['"k": 0'] * 100_000) + "}}"
    return ["check", str(write(folder, "repeats.json", text))]


def _bad_number(token: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        return ["check", str(write(folder, "number.json", '{"format": ' + token + ', "id": "t"}'))]

    return make


def _forged_name(folder: Path) -> list[str]:
    doc = tree({"q": question("end", "nowhere"), "end": outcome()})
    return ["check", str(write(folder, f"{ESC}[1A{ESC}[2KAll checks passed: 1 file.json", doc))]


def _id_with(char: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        return [
            "check",
            str(
                write(
                    folder, "id.json", tree({"q": question(f"a{char}b", "b"), f"a{char}b": outcome(), "b": outcome()})
                )
            ),
        ]

    return make


def _graph(label: str, fmt: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        doc = tree({"q": question("a", "b", labels=(label, "No")), "a": outcome(label), "b": outcome()})
        return ["graph", "--format", fmt, str(write(folder, "g.json", doc))]

    return make


def _deep_then_good(folder: Path) -> list[str]:
    write(folder, "a-deep.json", '{"format": 1, "nodes": {}, "x": ' + "[" * 800 + "]" * 800 + "}")
    write(folder, "b-good.json", tree({"q": question("a", "b"), "a": outcome(), "b": outcome()}))
    return ["fmt", str(folder)]


def _read_only(folder: Path) -> list[str]:
    path = write(folder, "ro.json", tree({"q": question("a", "b"), "a": outcome(), "b": outcome()}))
    path.chmod(0o444)
    return ["fmt", str(path)]


def _long_new_id(folder: Path) -> list[str]:
    return ["new", "a" * 300]  # written in the folder, where the case runs


def _scenario(answers: list[str]) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        doc = tree({"q": question("a", "b"), "a": outcome(), "b": outcome()})
        doc["scenarios"] = [{"name": "s", "answers": answers, "outcome": "a"}]
        return ["check", str(write(folder, "s.json", doc))]

    return make


def _labels(*labels: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        doc = tree({"q": question("a", "b", labels=labels), "a": outcome(), "b": outcome()})
        return ["check", str(write(folder, "l.json", doc))]

    return make


def _version(version: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        doc = tree({"q": question("a", "b"), "a": outcome(), "b": outcome()}, version=version)
        return ["check", "--strict", str(write(folder, "v.json", doc))]

    return make


def _diff_chain(n: int) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        def doc(reroute: bool) -> dict[str, Any]:
            nodes = {f"q{i}": question(f"q{i + 1}", f"q{i + 1}", labels=("a", "b")) for i in range(n)}
            nodes[f"q{n}"] = question("end", "other" if reroute else "end", labels=("a", "b"))
            return tree(nodes | {"end": outcome(), "other": outcome()}, version="2.0.0" if reroute else "1.0.0")

        return [
            "diff",
            "--max-paths",
            "-1",
            str(write(folder, "old.json", doc(False))),
            str(write(folder, "new.json", doc(True))),
        ]

    return make


CASES = [
    Case("hint-long-ids", 1, _dangling_long_ids, 1, ("Q302", "Found 40 errors")),
    Case("hint-all-ids", 1, _hint_on_a_big_tree, 1, ("did you mean 'n41-39'?",)),
    Case("fifo", 2, _fifo, 2, ("FIFO",)),
    Case("dev-zero", 2, lambda folder: ["check", "/dev/zero"], 2, ("character device",)),
    Case("symlink-loop", 2, _loop, 2, ("symlink loop",)),
    Case("repeated-keys", 5, _repeated_keys, 1, ("and 99,989 more repeated keys",)),
    Case("nan-escape", 6, _bad_number(f"NaN{ESC}c"), 1, ("Q106", "\\x1b")),
    Case("huge-float-escape", 6, _bad_number(f"1e400{ESC}#8"), 1, ("Q106",)),
    Case("forged-file-name", 6, _forged_name, 1, ("Q302", "Found 1 error")),
    Case("id-newline", 7, _id_with("\n"), 1, ("Q308",)),
    Case("id-tab", 7, _id_with("\t"), 1, ("Q308",)),
    Case("mermaid-init", 8, _graph("%%{init: {'theme': 'dark'}}%%", "mermaid"), 0, ("#37;#37;",), (ESC, "%%{")),
    Case("mermaid-entity", 8, _graph("&amp; &#60;", "mermaid"), 0, ("#38;amp; #38;#35;60;",), (ESC, "&amp;")),
    Case("dot-entity", 8, _graph("&amp; &#60;", "dot"), 0, ("&amp;amp; &amp;#60;",)),
    Case("graph-control", 8, _graph(f"Yes{ESC}[2J", "mermaid"), 1, ("Q308", "cannot draw")),
    Case("fmt-deep", 9, _deep_then_good, 2, ("Q105", "1 file reformatted")),
    Case("fmt-read-only", 9, _read_only, 2, ("read-only",)),
    Case("new-long-id", 10, _long_new_id, 2, ("File name too long",)),
    Case("extra-answers", 13, _scenario(["c0", "c1"]), 1, ("Q401",), (ESC, "Q402")),
    Case("labels-inner-space", 13, _labels("Yes please", "yes  please"), 1, ("Q306",)),
    Case("huge-integer", 13, _bad_number("1" + "0" * 4000), 1, ("Q106", "…")),
    Case("semver-leading-zero", 13, _version("1.0.0-01"), 1, ("Q501",)),
    Case("semver-empty", 13, _version("1.0.0-a..b"), 1, ("Q501",)),
    Case("semver-unicode-digit", 13, _version("1\u0660.0.0"), 1, ("Q501",)),
    Case("semver-good", 13, _version("1.0.0-rc.1+build.007"), 0, ("All checks passed",)),
    Case("diff-long-chain", 4, _diff_chain(2000), 0, ("answer sequences compared: all about 10^602",)),
]


def _format_2_graph(fmt: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        doc = tree(
            {
                "who": question("since", "since", labels=("%%{init: {'theme': 'dark'}}%%", "&amp;")),
                "since": {"kind": "number", "text": "Weeks?", "fact": "weeks", "next": "when"},
                "when": {"kind": "route", "routes": [{"when": "weeks < 1", "next": "a"}, {"next": "b"}]},
                "a": outcome(),
                "b": outcome(),
            },
            format=2,
            facts={"weeks": {"type": "int", "min": 0, "max": 9}},
        )
        return ["graph", "--format", fmt, str(write(folder, "f2.json", doc))]

    return make


CASES += [
    Case(
        "graph-format-2-mermaid", 8, _format_2_graph("mermaid"), 0, ('{{"when<br/>route"}}', "#37;#37;"), (ESC, "%%{")
    ),
    Case("graph-format-2-dot", 8, _format_2_graph("dot"), 0, ("shape=hexagon", "&amp;amp;")),
]
