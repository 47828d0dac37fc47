"""quiz: decision-tree quizzes as versioned JSON, checked so that every path reaches an outcome.

The library is the pipeline in `quiz.load` (bytes → JSON → migrate → structure → check)
and the session value in `quiz.session`; the CLI and the terminal UI are shells over it.
"""

from quiz.findings import CODES, Finding, Severity
from quiz.load import Loaded, load_bytes, load_path
from quiz.migrate import CURRENT as FORMAT
from quiz.model import Choice, Info, Outcome, Question, Scenario, Tree
from quiz.session import NotAChoice, Session

__version__ = "0.1.0"

__all__ = [
    "CODES",
    "FORMAT",
    "Choice",
    "Finding",
    "Info",
    "Loaded",
    "NotAChoice",
    "Outcome",
    "Question",
    "Scenario",
    "Session",
    "Severity",
    "Tree",
    "load_bytes",
    "load_path",
]
