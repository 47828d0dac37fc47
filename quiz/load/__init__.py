"""Reading: a file's bytes to a tree, by the fast road where it can and by the exact road where it must.

This stage knows the format (quiz.format) and nothing of the checker: the fast road hands
what it reads to a collector it is given.
"""

from quiz.load import exact, fast
from quiz.load.fast import Collector
from quiz.load.json_reader import text_of
from quiz.load.positions import locate

__all__ = ["Collector", "exact", "fast", "locate", "text_of"]
