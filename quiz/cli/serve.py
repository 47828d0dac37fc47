"""`quiz serve`: the quiz's own UI in web browsers, through textual-serve.

textual-serve starts one process per visitor (each browser page that connects), running
`quiz play` under Textual's web driver, and relays its screen and keys over a websocket.
`quiz play` sees that driver in its environment and runs the app served: the visitor's
place is kept in that process's memory only, nothing is read from or written to this
machine's disk for them, and the advice is saved as a download in their browser. So no
visitor ever sees another's answers. textual-serve is imported only here, when asked for.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from quiz.errors import UsageError
from quiz.text import printable

__all__ = ["command", "is_loopback", "public_url", "serve"]

_WILDCARDS = ("0.0.0.0", "::", "")


def command(targets: Sequence[Path]) -> str:
    """The shell command textual-serve runs for each visitor: this Python, this quiz, these trees."""
    words = [sys.executable, "-m", "quiz", "play", *(str(path.resolve()) for path in targets)]
    # textual-serve runs it through a shell; `exec` leaves no shell process between it and the app.
    return "exec " + shlex.join(words)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host`: a loopback address, or a name all of whose addresses are."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in found)


def public_url(host: str, port: int) -> str:
    """The address the page tells a browser to connect back to. Bound to every interface, that is the
    machine's name, as the wildcard address itself is no address a browser can reach."""
    name = socket.gethostname() if host in _WILDCARDS else host
    if ":" in name:  # an IPv6 address goes in brackets in a URL
        name = f"[{name}]"
    return f"http://{name}:{port}"


def serve(
    targets: Sequence[Path],
    titles: Sequence[str],
    *,
    host: str,
    port: int,
    url: str | None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Serve the trees (their titles given, made printable) until interrupted; the exit code.

    Raises UsageError when it cannot listen, or textual-serve is not installed."""
    try:
        from textual_serve.server import Server
    except ImportError as error:
        raise UsageError(f"quiz serve needs textual-serve ({error}): pip install 'quiztree[serve]'") from error

    address = url or public_url(host, port)
    shown = printable(address, one_line=True)
    what = f"“{titles[0]}”" if len(titles) == 1 else f"{len(titles)} quizzes" if titles else "the bundled quizzes"
    local = is_loopback(host)

    class QuizServer(Server):
        async def on_startup(self, app: object) -> None:
            """Say where the quiz is served, in place of textual-serve's banner (which names the command)."""
            out.write(f"Serving {what} at {shown}/\n")
            if local:
                out.write("Only this machine can reach it: --host 0.0.0.0 opens it to others.\n")
            out.write("Each visitor gets a process of their own. Their place is kept in it while the page is open, ")
            out.write("never on this machine's disk, and Save downloads the advice to their browser.\n")
            out.write("Ctrl+C stops.\n")
            out.flush()

    if not local:
        err.write(
            f"quiz serve: warning: listening on {printable(host, one_line=True) or 'every address'}, where other "
            "machines can reach it; anyone who can reach it may take the quizzes, over plain HTTP, and each visit "
            "starts a process here. Use --host 127.0.0.1 for this machine alone.\n"
        )
        err.flush()
    # The name on the page before the quiz starts: the quiz's title when there is one.
    name = titles[0] if len(titles) == 1 else "quiz"
    server = QuizServer(command(targets), host=host, port=port, title=name, public_url=address)
    try:
        server.serve()
    except OSError as error:
        where = f"{printable(host, one_line=True)}:{port}"
        raise UsageError(f"cannot listen on {where}: {error.strerror or error}") from error
    return 0
