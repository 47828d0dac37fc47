"""The tree format, described once (quiz.format.model), with everything derived from it.

The fields' metadata give the JSON Schema (schema), the canonical key order and the list of
texts (fields), the fast reader's mirror (mirror) and the one converter (convert); older
formats are brought up to the current one by migrate.
"""

from quiz.format.migrate import CURRENT
from quiz.format.model import NODE_KINDS, Branch, Choice, Info, Node, Number, Outcome, Question, Route, Scenario, Tree

__all__ = [
    "CURRENT",
    "NODE_KINDS",
    "Branch",
    "Choice",
    "Info",
    "Node",
    "Number",
    "Outcome",
    "Question",
    "Route",
    "Scenario",
    "Tree",
]
