"""Widgets the screens share: a numbered list of choices, the answers so far, advice as Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

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


class KeyFooter(Footer):
    """The footer, rebuilt only when the keys it shows change.

    Textual's footer rebuilds its keys, a widget each, whenever focus moves or bindings
    are refreshed; most of those times the keys are the same, and a first screen and a
    key press would pay for rebuilding them.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
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


class Advice(Static):
    """Markdown from a tree, drawn in one piece so that moving between questions stays instant.

    Links are written out as text and address, never made clickable: a tree cannot make
    the terminal act.
    """

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.show(text)

    def show(self, text: str) -> None:
        text = markdown_source(text)
        if not _MARKDOWN_SYNTAX.search(text):  # most questions: plain words, shown without a Markdown parser
            self.update(Content(" ".join(text.split())))
            return
        from rich.markdown import Markdown

        self.update(Markdown(text, hyperlinks=False, code_theme="ansi_dark"))


# Anything a Markdown parser could read as more than plain words: emphasis, code, links,
# headings, quotes, lists, tables, escapes, HTML, entities, or more than one paragraph.
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>#|~\\&]|^\s*([-+]|\d+[.)])\s|\n\s*\n|https?://|www\.", re.M)
