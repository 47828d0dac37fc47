"""`quiz play --plain`: the quiz as lines of text, for screen readers, braille displays and pipes.

Every line is printed once, in order, and nothing moves the cursor, clears the screen or
(unless FORCE_COLOR asks) colours anything, so a screen reader reads it as it comes and a
transcript reads like the session. Answers and commands are lines on standard input, so
`printf '2\\n\\n1\\n' | quiz play --plain TREE` takes a quiz; the end of the input quits,
keeping the place. Places are kept where the terminal UI keeps them (quiz.play.Store), and
the advice is saved as the UI saves it: the same Markdown, never over a file without asking.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

from quiz.cli import report
from quiz.cli.plain_save import save
from quiz.cli.reader import Ended, Reader
from quiz.errors import UsageError
from quiz.files import read_regular
from quiz.format.model import Info, Number, Question
from quiz.pipeline import load_bytes
from quiz.play import Entry, Session, Store, reason
from quiz.play.reading import markdown_lines, markdown_words, one_line, shown
from quiz.text import printable

__all__ = ["play"]

EXIT_OK, EXIT_FINDINGS, EXIT_INTERRUPTED = 0, 1, 130
_WHOLE = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: int() would take any script's digits
HELP = [
    "Type a command on a line of its own:",
    "  a number, or a choice's words — answer the question",
    "  Enter — go on from a page of advice",
    "  b — back to the question before",
    "  c — your answers so far; c N asks question N again, to change its answer",
    "  r — start again from the first question (it asks first)",
    "  s, or s FILE — at the advice: save it, with the way there, as Markdown",
    "  ? — this list",
    "  q — quit; your place is kept for next time",
    "A choice whose words are one of these commands is picked by its number.",
]


def play(
    targets: Sequence[Path],
    quizzes: Sequence[Entry],
    reader: Reader,
    *,
    store: Store,
    preferences_path: Path,
    documents: Path,
) -> int:
    """Take one quiz: the one tree given, else one picked from `quizzes`. Returns the exit code."""
    try:
        path = targets[0] if len(targets) == 1 else _pick(quizzes, reader)
        if path is None:
            return EXIT_OK
        try:
            loaded = load_bytes(read_regular(path), str(path))  # only a regular file: a FIFO would block
        except OSError as error:
            raise UsageError(f"{printable(str(path), one_line=True)}: {reason(error)}") from error
        if not loaded.ok or loaded.tree is None:
            print(report.text(loaded.findings), file=sys.stderr)
            return EXIT_FINDINGS
        walk = Walk(reader, store, preferences_path, documents, path)
        walk.run(walk.welcome(Session.start(loaded.tree)))
    except Ended:
        reader.say("The input has ended; your place is kept.")
    except KeyboardInterrupt:
        reader.say("", "Stopped; your place is kept.")
        return EXIT_INTERRUPTED
    return EXIT_OK


def _pick(quizzes: Sequence[Entry], reader: Reader) -> Path | None:
    if not quizzes:
        raise UsageError("there are no quizzes to choose from; name a tree file: quiz play --plain FILE")
    reader.heading("Choose a quiz:")
    for n, entry in enumerate(quizzes, 1):
        about = markdown_words(entry.description.strip().split("\n\n", 1)[0])
        reader.say(f"  {n}. {one_line(entry.title)}" + (f" — {about}" if about else ""))
    while True:
        line = reader.ask(f"Your choice, 1 to {len(quizzes)} (q quits): ")
        if line == "q":
            return None
        if line.isascii() and line.isdigit() and 1 <= int(line) <= len(quizzes):
            return quizzes[int(line) - 1].path
        named = [e for e in quizzes if line.casefold() in (e.id.casefold(), " ".join(e.title.split()).casefold())]
        if line and len(named) == 1:
            return named[0].path
        reader.say(f"Type the number of a quiz, from 1 to {len(quizzes)}, or q to quit.")


class Walk:
    """One reader's way through one tree: what is shown at each node, and what each line typed does."""

    def __init__(self, reader: Reader, store: Store, preferences_path: Path, documents: Path, path: Path) -> None:
        self.reader = reader
        self.store = store
        self.preferences_path = preferences_path
        self.documents = documents
        self.name = str(path)
        self._said: set[str] = set()

    def welcome(self, start: Session) -> Session:
        """The tree's title and description, how long it is, and the saved place to resume or leave."""
        tree, progress = start.tree, start.progress
        outcomes = sum(node.kind == "outcome" for node in tree.nodes.values())
        self.reader.heading(one_line(tree.title))
        self.reader.say(*markdown_lines(tree.description or ""))
        bound = "At least" if progress.loop_ahead else "At most"
        length = f"{bound} {progress.to_go} questions · {outcomes} possible outcomes"
        self.reader.say(f"{length} · version {one_line(tree.version)}")
        self.reader.say("Answer with a choice's number or its words; ? lists the commands.")
        resumed = self.store.load(start)
        if resumed is None:
            return start
        self.reader.say(printable(resumed.note()))
        if resumed.session is None or not self.reader.yes("Resume there?", default=True):
            self._keep(start)  # forgotten, as the UI's Start over forgets it
            return start
        return resumed.session

    def run(self, session: Session) -> None:
        """Until the reader quits (or the input ends, which raises Ended)."""
        self._show(session)
        going: Session | None = session
        while going is not None:
            session, going = going, self._step(going)
        if len(session.path) > 1:
            self.reader.say(f"Your place is kept: quiz play {printable(self.name, one_line=True)} resumes it.")

    def _show(self, session: Session, before: str | int | None = None) -> None:
        lines = shown(session)
        self.reader.heading(lines[0])
        self.reader.say(*lines[1:])
        if before is not None:
            self.reader.say(f"Your answer was: {one_line(str(before))}")

    def _step(self, session: Session) -> Session | None:
        """Read one line at the session's node and do what it says; the session it leads to, or None to quit."""
        node = session.node
        if isinstance(node, Question):
            prompt = f"Your choice, 1 to {len(session.choices())}: "
        elif isinstance(node, Number):
            low, high = session.number_range()
            prompt = f"Your number, {low} to {high}: "
        elif isinstance(node, Info):
            prompt = "Enter goes on: "
        else:
            prompt = "s saves this advice, q quits: "
        line = self.reader.ask(prompt)
        head, _, rest = line.partition(" ")
        if line in ("b", "r", "q", "?", "c", "s") or (head in ("c", "s") and rest.strip()):
            return self._command(session, head, rest.strip())
        if isinstance(node, Info) and not line:
            return self._moved(session.proceed())
        if isinstance(node, Question | Number):
            given = _answer(session, line)
            if not isinstance(given, Refused):
                return self._moved(session.answer(given))
            self.reader.say(given.why)
        elif isinstance(node, Info):
            self.reader.say("Press Enter to go on, or type ? for the commands.")
        else:
            self.reader.say("This is the end of the quiz: s saves the advice, b goes back, r starts again, q quits.")
        return session

    def _command(self, session: Session, command: str, argument: str) -> Session | None:
        if command == "q":
            return None
        if command == "?":
            self.reader.say(*HELP)
        elif command == "b":
            if len(session.path) == 1:
                self.reader.say("This is the start: there is nothing before it.")
                return session
            back = session.asked(len(session.answers) - 1) if session.answers else session.back()
            before = session.answers[-1] if session.answers else None
            return self._moved(back, before)
        elif command == "r":
            count = len(session.answers)
            if len(session.path) == 1:
                self.reader.say("This is the start already.")
            elif not count or self.reader.yes(
                f"Start again from the first question? Your {count} {'answer' if count == 1 else 'answers'} will go.",
                default=False,
            ):
                return self._moved(session.restart())
            else:
                self.reader.say("Nothing changed.")
        elif command == "c":
            return self._change(session, argument)
        else:
            save(self.reader, session, argument, self.preferences_path, self.documents)
        return session

    def _moved(self, session: Session, before: str | int | None = None) -> Session:
        self._keep(session)
        self._show(session, before)
        return session

    def _keep(self, session: Session) -> None:
        try:
            self.store.save(session)
        except OSError as error:
            self._say_once(
                f"Your place could not be kept ({reason(error)}: {self.store.path(session.tree.id)}); "
                "the quiz goes on without it."
            )

    def _say_once(self, problem: str) -> None:
        """A warning said the first time only: a folder that cannot be written fails again at every answer."""
        if problem not in self._said:
            self._said.add(problem)
            self.reader.say(printable(problem))

    def _change(self, session: Session, argument: str) -> Session:
        """`c`: the answers so far; `c N`: question N asked again as it was, to answer anew."""
        steps = session.steps()
        if not steps:
            self.reader.say("There are no answers to change yet.")
            return session
        if not argument:
            self.reader.say("Your answers so far:")
            for n, (node_id, given) in enumerate(steps, 1):
                question = session.tree.nodes[node_id]
                words = markdown_words(question.text) if isinstance(question, Question | Number) else node_id
                self.reader.say(f"  {n}. {words} — {one_line(str(given))}")
            self.reader.say("c N asks question N again.")
            return session
        if not (argument.isascii() and argument.isdigit() and 1 <= int(argument) <= len(steps)):
            shown_argument = printable(argument, one_line=True)
            self.reader.say(f"There is no answer {shown_argument}: type c and a number from 1 to {len(steps)}.")
            return session
        step = int(argument) - 1
        asked, given = session.asked(step), steps[step][1]
        lines = shown(asked)
        self.reader.heading(f"Answer {step + 1} again (Enter keeps: {one_line(str(given))})")
        self.reader.say(*lines[1:])
        while True:
            line = self.reader.ask("Your new answer: ")
            if not line:
                self.reader.say("Your answer is kept.")
                return session
            new = _answer(asked, line)
            if not isinstance(new, Refused):
                break
            self.reader.say(new.why + " Enter keeps your answer.")
        if new == given:
            self.reader.say("That is the answer you gave; nothing changed.")
            return session
        return self._moved(session.change(step, new))


@attrs.frozen
class Refused:
    """A line that answers nothing, and why."""

    why: str


def _answer(session: Session, line: str) -> str | int | Refused:
    """The answer a line gives at a question or number node: a number picks by place, words by label."""
    shown_line = printable(line, one_line=True)
    if isinstance(session.node, Number):
        low, high = session.number_range()
        if _WHOLE.fullmatch(line) and low <= int(line) <= high:  # a line is short enough for int() to read
            return int(line)
        return Refused(f"“{shown_line}” is not a whole number from {low} to {high}.")
    labels = [c.label for c in session.choices()]
    if not line:
        return Refused(f"Type the number of a choice, from 1 to {len(labels)}, or ? for the commands.")
    if line.isascii() and line.isdigit():
        if 1 <= int(line) <= len(labels):
            return labels[int(line) - 1]
        return Refused(f"There is no choice {shown_line}: type a number from 1 to {len(labels)}.")
    # The words as written, else without regard to case, as long as they name one choice.
    for fold in (str, str.casefold):
        found = [label for label in labels if fold(" ".join(label.split())) == fold(" ".join(line.split()))]
        if len(found) == 1:
            return found[0]
    return Refused(f"“{shown_line}” is not one of the choices: type its number, from 1 to {len(labels)}, or its words.")
