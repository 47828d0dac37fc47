"""Shell completion for bash, zsh and fish, by argcomplete.

`quiz completion SHELL` prints a script for the shell to load; each time Tab is pressed, the
shell runs `quiz` with argcomplete's variables set, and the program answers from its own
argument parser (quiz.__main__), so commands, options, choices and file names are always
the ones `quiz --help` shows.
"""

from __future__ import annotations

import os

__all__ = ["SHELLS", "complete", "script"]

SHELLS = ("bash", "zsh", "fish")


def script(shell: str) -> str:
    from argcomplete.shell_integration import shellcode

    return shellcode(["quiz"], shell=shell)


def complete() -> None:
    """When the shell asks for completions, print them and end the process; otherwise do nothing."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete

    from quiz.cli.parser import parser

    argcomplete.autocomplete(parser())
