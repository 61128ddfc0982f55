"""Sentence segmentation for Japanese news prose and tweets.

* A line break always ends a sentence (headings, tweet lines and list items carry no 。).
* Inside a line, a run of 。．！？!? ends a sentence, together with any closing brackets,
  emoji or ``…`` that follow the run directly; the full stop after a label that opens the
  line or sentence (Q．, A．, １．, Q1．) ends none.
* No break inside 「」『』（）() brackets, so a quotation containing 。 stays in one sentence.
* No break inside a URL (``?`` and ``!`` in query strings, ``.`` in host names), and links
  that trail a sentence on its line (a tweet's ``https://t.co/…`` and ``pic.twitter.com/…``)
  stay with that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["PROTECTED", "PROTECTED_FIRST", "Sentence", "split_sentences"]

#: Every character a protected token can start with.
PROTECTED_FIRST = "hpw@#＃"
#: URLs, @handles, #hashtags: never split, and tokenized as one token each.
PROTECTED = re.compile(
    # The lookahead names every possible first character, so most positions fail at once.
    rf"(?=[{PROTECTED_FIRST}])(?:"
    r"(?:https?://|pic\.twitter\.com/|www\.)[!-~]+"
    r"|(?<![A-Za-z0-9_])@[A-Za-z0-9_]{1,30}"
    r"|(?<![&\w])[#＃][^\s#＃、。「」『』（）()!?！？.,]+"
    r")"
)
_TERMINAL = "。．！？!?"
_CLOSERS = '」』）)】〉》"”’'
_OPENERS = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "〈": "〉",
    "《": "》",
    "“": "”",
}
_TRAILING = re.compile(
    r"[。．！？!?]*[」』）)】〉》\"”’…‥]*(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D]+)?"
)
_LINE = re.compile(r"[^\r\n]+")
#: A label that opens a line or sentence, before a full stop: Q． A． １． Q1． (the stop
#: belongs to the label and ends no sentence).
_LABEL = re.compile(r"\s*(?:[A-ZＡ-Ｚ][0-9０-９]{0,2}|[0-9０-９]{1,3})")
_EVENT = re.compile("[" + re.escape("".join(sorted({*_TERMINAL, *_CLOSERS, *_OPENERS}))) + "]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == document_text[start:end]``."""

    index: int
    start: int
    end: int
    text: str


def _protected_ends(line: str) -> dict[int, int]:
    return {m.start(): m.end() for m in PROTECTED.finditer(line)}


def _split_line(line: str, offset: int) -> Iterator[tuple[int, int]]:
    protected = _protected_ends(line)
    starts = sorted(protected)
    p = 0
    stack: list[str] = []
    start = 0
    i = 0
    n = len(line)
    while i < n:
        # Only brackets, sentence ends and protected spans matter: jump to the next one.
        event = _EVENT.search(line, i)
        j = event.start() if event else n
        while p < len(starts) and starts[p] < i:
            p += 1
        if p < len(starts) and starts[p] <= j:
            i = protected[starts[p]]
            p += 1
            continue
        if event is None:
            break
        i = j
        char = line[i]
        if char in _OPENERS:
            stack.append(_OPENERS[char])
        elif stack and char == stack[-1]:
            stack.pop()
        elif char in _CLOSERS and char in stack:
            while stack and stack.pop() != char:
                pass
        elif (
            char in _TERMINAL
            and not stack
            and not (char == "．" and _LABEL.fullmatch(line, start, i))
        ):
            match = _TRAILING.match(line, i)
            end = match.end() if match else i + 1
            yield offset + start, offset + end
            start = i = end
            continue
        i += 1
        if len(stack) > 8:  # an unclosed bracket must not swallow the rest of a long line
            stack.clear()
    if start < n:
        yield offset + start, offset + n


def _only_links(piece: str) -> bool:
    return PROTECTED.sub("", piece).strip() == ""


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with character offsets (see the module docstring)."""
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        first_in_line = True
        for start, end in _split_line(line.group(), line.start()):
            piece = text[start:end]
            stripped = piece.strip()
            if not stripped:
                continue
            if not first_in_line and _only_links(piece):
                last = sentences[-1]
                real_end = start + len(piece.rstrip())
                sentences[-1] = Sentence(
                    last.index, last.start, real_end, text[last.start : real_end]
                )
                continue
            first_in_line = False
            lead = len(piece) - len(piece.lstrip())
            real_start = start + lead
            real_end = real_start + len(stripped)
            sentences.append(Sentence(len(sentences), real_start, real_end, stripped))
    return sentences
