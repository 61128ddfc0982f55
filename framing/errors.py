"""Errors that framing reports to users.

Every problem with user input is an :class:`InputError` that names the file, the line (or row)
when there is one, and the problem. The command line prints ``str(error)`` and exits with
status 2, without a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["FramingError", "InputError", "InputErrors", "Problem", "json_type"]


class FramingError(Exception):
    """Base class of the errors framing raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in one input.

    Attributes
    ----------
    path:
        The file (or ``<string>`` for in-memory input).
    line:
        1-based line or row number, or ``None`` when the problem concerns the whole file.
    message:
        What is wrong, in words a user can act on.
    """

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class InputError(FramingError):
    """An input file or value that framing cannot read."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.problem = Problem(str(path), line, message)
        super().__init__(str(self.problem))

    @property
    def path(self) -> str:
        return self.problem.path

    @property
    def line(self) -> int | None:
        return self.problem.line


class InputErrors(FramingError):
    """Several problems, reported at once (for example every error in a lexicon file)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = [f"{len(self.problems)} problem(s):"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_type(value: Any) -> str:
    """How a parsed JSON value is named in messages: ``null``, ``an array``, ``a number (3)``.

    Strings and numbers are shown (cut to 40 characters), containers only by kind.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"a number ({_short(repr(value))})"
    if isinstance(value, str):
        return f"a string ({_short(repr(value))})"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__
