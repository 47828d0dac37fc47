"""Widgets the screens share: a numbered list of choices, the answers so far, a number box, advice as Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import events
from textual.await_complete import AwaitComplete
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Markdown, OptionList
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


_NUMERALS = "0123456789+-"


class NumberInput(Input):
    """A whole number typed in.

    It claims only the keys a whole number is written with, so the letter keys (quit, save,
    keys) still work while it has focus and stay in the footer; Backspace in an empty box goes
    back, as it does at a question.
    """

    class BackWanted(Message):
        """Backspace was pressed with nothing left to delete."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(type="integer", compact=True, **kwargs)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character in _NUMERALS

    def on_key(self, event: events.Key) -> None:
        # Before Input's own handler, which would take every printable key: another is left to bubble
        # up to the bindings.
        if event.is_printable and event.character is not None and event.character not in _NUMERALS:
            event.prevent_default()

    def action_delete_left(self) -> None:
        if self.value:
            super().action_delete_left()
        else:
            self.post_message(self.BackWanted())


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
        source = markdown_source(text)
        # Unchanged (a question asked again, a help text left empty), its blocks are kept as they are.
        return AwaitComplete() if source == self.source else self.update(source)
