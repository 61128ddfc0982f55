"""The document record that every reader produces and every later stage consumes."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["Document", "Flag", "Medium", "Section", "Segment"]

Medium = Literal["article", "tweet"]


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of an article and the stretch of text it governs.

    ``start``/``end`` are character offsets into the document's ``text``; the heading line
    itself starts at ``start``. ``index`` 0 is the text before the first heading (its
    ``title`` is empty).
    """

    index: int
    title: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Flag:
    """A stretch of the source that a reader judged not to be text of the document.

    Boilerplate (a 目次 box, a stray ``<``), a CSV header, the JSON around exported tweets:
    it is left out of ``text`` but stays inside the document's ``source_spans``, so nothing
    is lost silently. ``start``/``end`` are offsets into the decoded source file.
    """

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """``text[text_start:text_start+length] == source[source_start:source_start+length]``."""

    text_start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Document:
    """One article or tweet.

    Attributes
    ----------
    doc_id:
        Unique identifier within a corpus.
    outlet:
        Who published it: a news outlet, a livedoor channel, or a tweet's account.
    medium:
        ``"article"`` or ``"tweet"``.
    published:
        ISO 8601 date or datetime, or ``None``.
    title, url, author, handle:
        Where known. ``handle`` is the ``@name`` of a tweet's account, without ``@``.
    text:
        The document's text, original characters (never normalized).
    parent:
        ``doc_id`` of the article an embedded tweet came from.
    source_path:
        The file the document was read from.
    source_spans:
        ``[start, end)`` character offsets into the decoded source file covering everything
        this document came from (attribution lines and headings included).
    segments:
        Where the text was copied verbatim from the source, the map back to it (used to give
        ``file:line:column`` positions).
    sections:
        Headings of an article, in order.
    flags:
        Boilerplate found inside the document.
    links:
        URLs found in the document (tweets: their t.co and pic.twitter.com links).
    metadata:
        Other columns of a JSONL/CSV row, or fields of a tweet export.
    """

    doc_id: str
    text: str
    outlet: str | None = None
    medium: Medium = "article"
    published: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    handle: str | None = None
    parent: str | None = None
    source_path: str | None = None
    source_spans: tuple[tuple[int, int], ...] = ()
    segments: tuple[Segment, ...] = ()
    sections: tuple[Section, ...] = ()
    flags: tuple[Flag, ...] = ()
    links: tuple[str, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def source_offset(self, offset: int) -> int | None:
        """The source-file offset of ``text[offset]``; ``None`` where it was not copied verbatim."""
        starts = [s.text_start for s in self.segments]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        if offset < seg.text_start + seg.length:
            return seg.source_start + offset - seg.text_start
        return None

    def to_record(self) -> dict[str, Any]:
        """A JSON-serializable dict (the line ``framing ingest`` writes)."""
        record = asdict(self)
        record["source_spans"] = [list(span) for span in self.source_spans]
        record["segments"] = [[s.text_start, s.source_start, s.length] for s in self.segments]
        record["sections"] = [
            {"index": s.index, "title": s.title, "start": s.start, "end": s.end}
            for s in self.sections
        ]
        record["flags"] = [
            {"kind": f.kind, "start": f.start, "end": f.end, "text": f.text} for f in self.flags
        ]
        record["links"] = list(self.links)
        record["metadata"] = dict(self.metadata)
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Document:
        """Inverse of :meth:`to_record`."""
        return cls(
            doc_id=str(record["doc_id"]),
            text=str(record["text"]),
            outlet=record.get("outlet"),
            medium=record.get("medium") or "article",
            published=record.get("published"),
            title=record.get("title"),
            url=record.get("url"),
            author=record.get("author"),
            handle=record.get("handle"),
            parent=record.get("parent"),
            source_path=record.get("source_path"),
            source_spans=tuple((int(a), int(b)) for a, b in record.get("source_spans", [])),
            segments=tuple(
                Segment(int(a), int(b), int(c)) for a, b, c in record.get("segments", [])
            ),
            sections=tuple(
                Section(int(s["index"]), str(s["title"]), int(s["start"]), int(s["end"]))
                for s in record.get("sections", [])
            ),
            flags=tuple(
                Flag(str(f["kind"]), int(f["start"]), int(f["end"]), str(f["text"]))
                for f in record.get("flags", [])
            ),
            links=tuple(record.get("links", [])),
            metadata=dict(record.get("metadata", {})),
        )
