"""Plain-text articles, including web-scraped blog posts with embedded tweets.

A scraped embed ends with an attribution line ``— Name (@handle) Month D, YYYY``, sometimes
glued to the end of the tweet (``…pic.twitter.com/xKbQdvDoZf— JIJI (@jinbo11) December 20,
2025``). Each embed becomes a ``tweet`` document; the rest is the ``article``.

Where a tweet starts is decided by walking back from its attribution line to the line that
opens the block: blog layouts put a section heading (a short line without a sentence-final
mark, right after a prose line) or a boundary (a blank line, boilerplate, the previous
attribution line, the start of the file) right before an embed. Prose lines inside a
multi-line tweet do not stop the walk, but a tweet is short: X counts each CJK character
twice, a link as 23 (an attached picture's ``pic.twitter.com`` link as nothing) and allows
280 (:func:`tweet_weight`). The walk stops before a line that would take the body past
``MAX_TWEET_WEIGHT``, so the article's prose right above an embed with no heading or blank
line in between stays in the article. (A long post of a paying account, over 280, loses its
first lines to the article; the seed's eleven embeds weigh 82 to 281.)

Headings are kept as :class:`~framing.document.Section` records of the article; boilerplate
(a 目次 box, a stray ``<``) is left out of the text but stays inside the article's
``source_spans`` and is listed in its ``flags``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from framing.document import Document, Flag, Section, Segment
from framing.readers.accounts import account_voice
from framing.readers.lines import Line, split_lines

__all__ = ["Attribution", "find_attribution", "read_plaintext"]

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: The end of an attribution line: ``(@handle) Month D, YYYY``. Anchored at the end of the
#: line and without an unbounded lazy group, so a search is linear in the line's length.
_ATTRIBUTION_TAIL = re.compile(
    r"\(@(?P<handle>[A-Za-z0-9_]{1,50})\)\s*"
    rf"(?P<date>(?P<month>{'|'.join(_MONTHS)})\s+(?P<day>\d{{1,2}}),\s+(?P<year>\d{{4}}))\s*$"
)
_DASHES = "—―"


@dataclass(frozen=True, slots=True)
class Attribution:
    """The ``— Name (@handle) Month D, YYYY`` that ends a scraped tweet embed.

    ``start`` is the offset of the dash in the line; ``date`` is ISO 8601.
    """

    start: int
    name: str
    handle: str
    date: str


def find_attribution(line: str) -> Attribution | None:
    """The attribution at the end of ``line``, or ``None``.

    The name runs from the first dash (``—`` or ``―``) to ``(@handle)``; a date that does
    not exist (``February 30``) means the line is not an attribution. Month names are read
    without the locale, so a Japanese ``LC_TIME`` changes nothing.
    """
    tail = _ATTRIBUTION_TAIL.search(line)
    if tail is None:
        return None
    dashes = [i for i in (line.find(d, 0, tail.start()) for d in _DASHES) if i >= 0]
    if not dashes:
        return None
    try:
        date = datetime(
            int(tail["year"]), _MONTHS.index(tail["month"]) + 1, int(tail["day"])
        ).date()
    except ValueError:
        return None
    start = min(dashes)
    return Attribution(
        start, line[start + 1 : tail.start()].strip(), tail["handle"], date.isoformat()
    )


URL = re.compile(r"(?:https?://|pic\.twitter\.com/)[^\s<>「」『』（）()、。\u2014\u2015]+")
_PROSE_END = tuple("。．！!？?")
_BOILERPLATE_LINES = frozenset({"目次", "この記事で扱うポイント", "<", ">", "«", "»", "▼", "▲"})
MAX_HEADING_CHARS = 40
#: X's limit (280) and a little room for how a scraper joins lines and spaces.
MAX_TWEET_WEIGHT = 290


def tweet_weight(text: str) -> int:
    """The length of ``text`` as X counts it against 280: a character 1 in Latin, general
    punctuation and a few other ranges, 2 otherwise (kana, kanji, full-width forms, emoji); a
    link 23, or 0 for ``pic.twitter.com`` (an attached picture)."""
    weight = 0
    for link in URL.findall(text):
        weight += 0 if link.startswith("pic.twitter.com/") else 23
    for char in URL.sub("", text):
        code = ord(char)
        light = (
            code <= 0x10FF
            or 0x2000 <= code <= 0x200D
            or 0x2010 <= code <= 0x201F
            or 0x2032 <= code <= 0x2037
        )
        weight += 1 if light else 2
    return weight


def _is_prose(text: str) -> bool:
    return text.rstrip().endswith(_PROSE_END)


def _is_boilerplate(text: str) -> bool:
    return text.strip() in _BOILERPLATE_LINES


_PAIRS: tuple[tuple[str, str], ...] = tuple(
    (pair[0], pair[1]) for pair in ("「」", "『』", "（）", "()", "【】", "〈〉", "《》", "“”")
)


def _balanced(text: str) -> bool:
    return all(text.count(open_) == text.count(close) for open_, close in _PAIRS)


def _is_heading(text: str) -> bool:
    """Short, no sentence-final mark, no link, brackets closed (a wrapped line leaves one open)."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= MAX_HEADING_CHARS
        and not _is_prose(stripped)
        and not _is_boilerplate(stripped)
        and URL.search(stripped) is None
        and _balanced(stripped)
    )


def _only_links(text: str) -> bool:
    return URL.sub("", text).strip() == ""


@dataclass(frozen=True, slots=True)
class _Embed:
    first: int  # index of the first body line
    last: int  # index of the attribution line
    body_end: int  # source offset where the body stops on the attribution line
    name: str
    handle: str
    date: str


def _is_boundary(lines: Sequence[Line], j: int) -> bool:
    """A line that no tweet body continues through: blank, boilerplate, another attribution."""
    text = lines[j].text
    return not text.strip() or _is_boilerplate(text) or find_attribution(text) is not None


def _is_block_heading(lines: Sequence[Line], j: int) -> bool:
    """A heading-like line that opens a block: its predecessor is prose or a boundary."""
    if not _is_heading(lines[j].text):
        return False
    return j == 0 or _is_prose(lines[j - 1].text) or _is_boundary(lines, j - 1)


def _tweet_start(lines: Sequence[Line], attribution: int, floor: int, glued: str) -> int:
    """Index of the first body line of the tweet whose attribution line is ``attribution``
    (``glued``: the body text on that line, before the dash).

    Walk back to the heading (or boundary) that opens the block, but no further than a tweet
    can reach (``MAX_TWEET_WEIGHT``): the line that would exceed it is the article's. A body
    has at least one line: a short post without a final 。 right after a blank line looks like
    a heading, and is the tweet.
    """
    weight = tweet_weight(glued)
    has_text = bool(glued.strip())
    has_body = has_text  # a heading-like line right above the attribution is the body itself
    j = attribution - 1
    while j > floor and not _is_boundary(lines, j):
        if has_body and _is_block_heading(lines, j):
            return j + 1
        text = lines[j].text
        weight += tweet_weight(text) + 1  # the line break
        if has_text and weight > MAX_TWEET_WEIGHT:
            return j + 1
        has_text = has_text or not _only_links(text)
        has_body = True
        j -= 1
    return j + 1


def _find_embeds(lines: Sequence[Line]) -> list[_Embed]:
    embeds: list[_Embed] = []
    floor = -1  # index of the last line already given to a tweet
    for i, line in enumerate(lines):
        found = find_attribution(line.text)
        if found is None:
            continue
        first = _tweet_start(lines, i, floor, line.text[: found.start])
        embeds.append(
            _Embed(first, i, line.start + found.start, found.name, found.handle, found.date)
        )
        floor = i
    return embeds


class _TextBuilder:
    """Concatenates verbatim pieces of the source, remembering where each came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def add(self, source: str, start: int, end: int) -> None:
        if end <= start:
            return
        self.segments.append(Segment(self.length, start, end - start))
        self.parts.append(source[start:end])
        self.length += end - start

    def add_separator(self) -> None:
        if self.length:
            self.parts.append("\n")
            self.length += 1

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def read_plaintext(
    source: str, *, path: Path, doc_id: str | None = None, outlet: str | None = None
) -> list[Document]:
    """Read one decoded ``.txt`` file: an article, plus one document per embedded tweet.

    ``doc_id`` defaults to the file's stem; tweets are ``<doc_id>#tweet-N`` in order of
    appearance. ``outlet`` defaults to the name of the file's folder.
    """
    doc_id = doc_id or path.stem
    outlet = outlet if outlet is not None else (path.parent.name or None)
    lines = split_lines(source)
    embeds = _find_embeds(lines)
    in_tweet = [False] * len(lines)
    documents: list[Document] = []
    tweets: list[Document] = []
    for n, embed in enumerate(embeds, start=1):
        builder = _TextBuilder()
        for k in range(embed.first, embed.last + 1):
            in_tweet[k] = True
            line = lines[k]
            end = embed.body_end if k == embed.last else line.end
            piece = source[line.start : end]
            stripped_end = line.start + len(piece.rstrip())
            if k == embed.last and not piece.strip():
                continue
            builder.add_separator()
            builder.add(source, line.start, stripped_end)
        text = builder.text
        span = (lines[embed.first].start, lines[embed.last].stop)
        tweets.append(
            Document(
                doc_id=f"{doc_id}#tweet-{n}",
                text=text,
                outlet=f"@{embed.handle}",
                medium="tweet",
                published=embed.date,
                author=embed.name,
                handle=embed.handle,
                parent=doc_id,
                source_path=str(path),
                source_spans=(span,),
                segments=tuple(builder.segments),
                links=tuple(URL.findall(text)),
                metadata={"voice": account_voice(embed.handle)},
            )
        )
    builder = _TextBuilder()
    spans: list[tuple[int, int]] = []
    flags: list[Flag] = []
    headings: list[tuple[int, str]] = []
    for k, line in enumerate(lines):
        if in_tweet[k]:
            continue
        spans.append((line.start, line.stop))
        if not line.text.strip():
            continue
        if _is_boilerplate(line.text):
            flags.append(Flag("boilerplate", line.start, line.end, line.text))
            continue
        builder.add_separator()
        if _is_heading(line.text):
            headings.append((builder.length, line.text.strip()))
        builder.add(source, line.start, line.end)
    text = builder.text
    sections: list[Section] = []
    if headings:
        bounds = [(0, ""), *headings] if headings[0][0] > 0 else headings
        for index, (start, title) in enumerate(bounds):
            end = bounds[index + 1][0] if index + 1 < len(bounds) else len(text)
            sections.append(Section(index, title, start, end))
    if text.strip() or not tweets:
        documents.append(
            Document(
                doc_id=doc_id,
                text=text,
                outlet=outlet,
                medium="article",
                source_path=str(path),
                source_spans=_merge(spans),
                segments=tuple(builder.segments),
                sections=tuple(sections),
                flags=tuple(flags),
                links=tuple(URL.findall(text)),
                metadata={"voice": "article"},
            )
        )
    documents.extend(tweets)
    return documents
