"""Split decoded source text into lines that keep their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "split_lines"]

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a source file: ``source[start:end] == text``; ``stop`` includes the newline."""

    number: int
    start: int
    end: int
    stop: int
    text: str


def split_lines(source: str) -> list[Line]:
    """Lines of ``source``, numbered from 1, with ``[start, end)`` offsets (newline excluded)."""
    lines: list[Line] = []
    start = 0
    number = 1
    for match in _NEWLINE.finditer(source):
        lines.append(Line(number, start, match.start(), match.end(), source[start : match.start()]))
        start = match.end()
        number += 1
    if start < len(source):
        lines.append(Line(number, start, len(source), len(source), source[start:]))
    return lines
