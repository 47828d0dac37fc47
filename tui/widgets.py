"""Widgets the screens share: a numbered list of choices, the answers so far, advice as Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.await_complete import AwaitComplete
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList
from textual.widgets.option_list import Option

from tui.text import markdown_parser, markdown_plain, markdown_source, plain


class Choices(OptionList):
    """Numbered choices: digits, arrows and Enter, or a click, pick one. A long label wraps under itself."""

    def show(self, labels: Sequence[str], highlight: int = 0) -> None:
        self.clear_options()
        self.add_options(Option(_numbered(n, label), id=str(n)) for n, label in enumerate(labels, 1))
        self.highlighted = highlight if 0 <= highlight < len(labels) else 0


def _numbered(number: int, label: str) -> Table:
    """The number in a column of its own, so the lines a label wraps to begin under its first word."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(f"{number}." if number < 10 else "", Text(plain(label, one_line=True).plain))
    return grid


class History(OptionList):
    """The answers given so far, each under its question in plain words; choosing one asks that question again."""

    def show(self, answered: Sequence[tuple[str, str]]) -> None:
        self.clear_options()
        self.add_options(
            Option(
                Content.assemble(
                    plain(markdown_plain(question), one_line=True), "\n→ ", plain(label, "bold", one_line=True)
                )
            )
            for question, label in answered
        )
        self.highlighted = len(answered) - 1 if answered else None
        self.display = bool(answered)


class KeyFooter(Footer):
    """The footer, rebuilt only when the keys it shows change.

    Textual's footer rebuilds its keys, a widget each, whenever focus moves or bindings
    are refreshed; most of those times the keys are the same, and a first screen and a
    key press would pay for rebuilding them.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(compact=True, **kwargs)
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = tuple(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for _, binding, enabled, tooltip in screen.active_bindings.values()
                if binding.show
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)


class Advice(Markdown):
    """Markdown from a tree, read as CommonMark; HTML-looking text is shown as written, links are never opened."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(markdown_source(text), parser_factory=markdown_parser, open_links=False, **kwargs)

    def show(self, text: str) -> AwaitComplete:
        return self.update(markdown_source(text))
