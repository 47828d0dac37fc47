"""The terminal UI: take a quiz in Textual. It uses quiz's public names; of quiz, only the command line imports it."""

from tui.app import QuizApp, make_app

__all__ = ["QuizApp", "make_app"]
