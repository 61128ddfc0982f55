"""Split decoded source text into lines that keep their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "line_number", "split_lines"]

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a source file: ``source[start:end] == text``; ``stop`` includes the newline."""

    number: int
    start: int
    end: int
    stop: int
    text: str


def split_lines(source: str, *, limit: int | None = None) -> list[Line]:
    """Lines of ``source``, numbered from 1, with ``[start, end)`` offsets (newline excluded).

    ``\\r\\n``, ``\\r`` and ``\\n`` all end a line, so a file with mixed line endings is
    numbered the way an editor shows it. With ``limit``, only the first ``limit`` lines.
    """
    lines: list[Line] = []
    start = 0
    number = 1
    for match in _NEWLINE.finditer(source):
        if limit is not None and len(lines) >= limit:
            return lines
        lines.append(Line(number, start, match.start(), match.end(), source[start : match.start()]))
        start = match.end()
        number += 1
    if start < len(source) and (limit is None or len(lines) < limit):
        lines.append(Line(number, start, len(source), len(source), source[start:]))
    return lines


def line_number(source: str, index: int) -> int:
    """The 1-based line of ``source[index]``, counting lines as :func:`split_lines` does."""
    newlines = source.count("\n", 0, index)
    returns = source.count("\r", 0, index)
    pairs = source.count("\r\n", 0, index)
    if index > 0 and source[index - 1 : index + 1] == "\r\n":
        pairs += 1  # index is the \n of a \r\n: still the line that \r\n ends
    return newlines + returns - pairs + 1
