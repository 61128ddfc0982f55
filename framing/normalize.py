"""Unicode normalization that remembers where every character came from.

NFKC folds full-width Latin letters and digits, half-width katakana and compatibility
characters, so that ｱﾒﾘｶ, アメリカ and their variants tokenize alike. Characters whose NFKC
form hurts Japanese text are exempt: ``…`` and ``‥`` (NFKC makes them full stops that MeCab
tags as 句点), the wave dashes ``〜``/``～`` and the long vowel mark. Nothing is deleted
and nothing is glued: unlike neologdn, spaces and 〜 stay where they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

__all__ = ["EXEMPT", "Normalized", "normalize"]

EXEMPT = frozenset("…‥〜～ー－")


@lru_cache(maxsize=65536)
def _fold(char: str) -> str:
    if char in EXEMPT:
        return char
    return unicodedata.normalize("NFKC", char)


#: Characters whose fold is not a single character, or is a combining mark (see ``normalize``).
_COMPLEX: set[str] = set()


class _Table(dict[int, str]):
    """``str.translate`` table that folds each character on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _fold(char)
        if len(folded) != 1 or unicodedata.combining(folded):
            _COMPLEX.add(char)
            folded = char
        self[code] = folded
        return folded


_TABLE = _Table()


@cache
def _touched() -> re.Pattern[str]:
    """A character class of every character normalization may change or compose: the BMP
    characters whose fold differs or is a combining mark, and all of the astral planes (30 ms,
    once per process). Text with none of them is its own normalization."""
    chars = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = _fold(char)
        if folded != char or unicodedata.combining(char):
            chars.append(char)
    return re.compile("[" + "".join(map(re.escape, chars)) + "\U00010000-\U0010FFFF]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text and, for each of its characters, the offset it came from.

    ``origin`` has ``len(text) + 1`` entries; the last is the length of the original, so a
    normalized span ``[i, j)`` maps back to ``[origin[i], origin[j])``.
    """

    text: str
    origin: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalized text back to the original."""
        return self.origin[start], self.origin[end]


def normalize(text: str) -> Normalized:
    """NFKC-normalize ``text`` character by character, keeping the map to original offsets.

    A combining mark is composed with the character before it when a precomposed character
    exists, as whole-string NFKC does: half-width ｶﾞ becomes ガ (one character whose span
    covers both originals), not カ plus a combining ゛ that MeCab splits apart.
    """
    if text.isascii() or _touched().search(text) is None:
        return Normalized(text, range(len(text) + 1))
    folded = text.translate(_TABLE)
    if _COMPLEX.isdisjoint(text):
        # One character in, one out, nothing to compose: a translation keeps every offset.
        return Normalized(folded, range(len(text) + 1))
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold(char)
        if parts and len(folded) == 1 and unicodedata.combining(folded):
            composed = unicodedata.normalize("NFC", parts[-1] + folded)
            if len(composed) == 1:
                parts[-1] = composed
                continue
        parts.append(folded)
        if len(folded) == 1:
            origin.append(index)
        else:
            origin.extend([index] * len(folded))
    origin.append(len(text))
    return Normalized("".join(parts), origin)
