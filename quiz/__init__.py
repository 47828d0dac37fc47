"""quiz: decision-tree quizzes as versioned JSON, checked so that every path reaches an outcome.

The library is the pipeline (bytes → tree → findings, quiz.pipeline) and the session value
(quiz.play); the command line and the terminal UI are shells over it. docs/architecture.md
describes the stages.
"""

from quiz.errors import BadRecord, NotAChoice, QuizError, UsageError
from quiz.findings import CODES, Code, Finding, Severity, Stage
from quiz.format import CURRENT as FORMAT
from quiz.format import Branch, Choice, Info, Node, Number, Outcome, Question, Route, Scenario, Tree
from quiz.pipeline import Loaded, load_bytes, load_path
from quiz.play import Session


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata when first asked for: reading it costs a start-up 40 ms."""
    if name != "__version__":
        raise AttributeError(f"module 'quiz' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("quiztree")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


__all__ = [
    "CODES",
    "FORMAT",
    "BadRecord",
    "Branch",
    "Choice",
    "Code",
    "Finding",
    "Info",
    "Loaded",
    "Node",
    "NotAChoice",
    "Number",
    "Outcome",
    "Question",
    "QuizError",
    "Route",
    "Scenario",
    "Session",
    "Severity",
    "Stage",
    "Tree",
    "UsageError",
    "__version__",
    "load_bytes",
    "load_path",
]
