"""The terminal UI: take a quiz in Textual. Imports quiz; quiz never imports this."""

from tui.app import QuizApp, make_app

__all__ = ["QuizApp", "make_app"]
