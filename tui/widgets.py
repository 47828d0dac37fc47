"""Widgets the screens share: a numbered list of choices, the answers so far, advice as Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.content import Content
from textual.widgets import Markdown, OptionList
from textual.widgets.option_list import Option

from quiz.check import printable
from tui.text import markdown_source, plain


class Choices(OptionList):
    """Numbered choices: digits, arrows and Enter, or a click, pick one."""

    def show(self, labels: Sequence[str], highlight: int | None = 0) -> None:
        self.clear_options()
        self.add_options(
            Option(Content.assemble((f"{n}. " if n < 10 else "   ", "dim"), plain(label, one_line=True)), id=str(n))
            for n, label in enumerate(labels, 1)
        )
        self.highlighted = highlight


class History(OptionList):
    """The answers given so far; choosing one asks that question again."""

    def show(self, answered: Sequence[tuple[str, str]]) -> None:
        self.clear_options()
        self.add_options(
            Option(Content.assemble(plain(question, "dim", one_line=True), "\n→ ", plain(label, "bold", one_line=True)))
            for question, label in answered
        )
        self.highlighted = len(answered) - 1 if answered else None
        self.display = bool(answered)


class Advice(Markdown):
    """Markdown from a tree. Links are shown, never opened: a tree cannot make the terminal act."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(markdown_source(text), open_links=False, **kwargs)

    def show(self, text: str):
        return self.update(markdown_source(text))

    @on(Markdown.LinkClicked)
    def _show_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.notify(f"Link: {printable(event.href, one_line=True)}", title="Not opened", markup=False)
