"""The document record that every reader produces and every later stage consumes."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from framing.errors import json_type

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
        # Field by field, not dataclasses.asdict: that deep-copies every segment and flag
        # only for the lines below to replace them (0.3 s of a warm livedoor report).
        record = {name: getattr(self, name) for name in _FIELDS}
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
        """Inverse of :meth:`to_record`.

        Raises
        ------
        ValueError
            When a field does not have the shape :meth:`to_record` writes; the message names
            the field, the value and what was expected.
        """
        raw_id = record.get("doc_id")
        doc_id = str(raw_id) if isinstance(raw_id, int) and not isinstance(raw_id, bool) else raw_id
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise ValueError(f"'doc_id' must be a non-empty string, got {json_type(raw_id)}")
        text = record.get("text")
        if not isinstance(text, str):
            raise ValueError(f"'text' must be a string, got {json_type(text)}")
        medium = record.get("medium") or "article"
        if medium not in ("article", "tweet"):
            raise ValueError(f"'medium' {medium!r} is not one of 'article', 'tweet'")
        metadata = record.get("metadata") or {}
        if not isinstance(metadata, Mapping):
            raise ValueError(f"'metadata' must be an object, got {json_type(metadata)}")
        return cls(
            doc_id=doc_id,
            text=text,
            outlet=_optional_text(record, "outlet"),
            medium="tweet" if medium == "tweet" else "article",
            published=_optional_text(record, "published"),
            title=_optional_text(record, "title"),
            url=_optional_text(record, "url"),
            author=_optional_text(record, "author"),
            handle=_optional_text(record, "handle"),
            parent=_optional_text(record, "parent"),
            source_path=_optional_text(record, "source_path"),
            source_spans=tuple((a, b) for a, b in _int_rows(record, "source_spans", width=2)),
            segments=tuple(Segment(a, b, c) for a, b, c in _int_rows(record, "segments", width=3)),
            sections=tuple(_section(item) for item in _list(record, "sections")),
            flags=tuple(_flag(item) for item in _list(record, "flags")),
            links=tuple(_text_items(record, "links")),
            metadata=dict(metadata),
        )


_FIELDS = tuple(f.name for f in fields(Document))


def _optional_text(record: Mapping[str, Any], name: str) -> str | None:
    value = record.get(name)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{name!r} must be a string or null, got {json_type(value)}")


def _list(record: Mapping[str, Any], name: str) -> list[Any]:
    value = record.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{name!r} must be an array, got {json_type(value)}")
    return value


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name!r} must hold integers, got {json_type(value)}")
    return value


def _int_rows(record: Mapping[str, Any], name: str, *, width: int) -> list[list[int]]:
    rows = []
    for item in _list(record, name):
        if not isinstance(item, list) or len(item) != width:
            raise ValueError(
                f"{name!r} must hold arrays of {width} integers, got {json_type(item)}"
            )
        rows.append([_int(value, name) for value in item])
    return rows


def _object(item: Any, name: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(item, Mapping) or any(key not in item for key in keys):
        raise ValueError(f"{name!r} must hold objects with {', '.join(keys)}")
    return item


def _section(item: Any) -> Section:
    s = _object(item, "sections", ("index", "title", "start", "end"))
    title = s["title"]
    if not isinstance(title, str):
        raise ValueError(f"'sections' titles must be strings, got {json_type(title)}")
    return Section(
        _int(s["index"], "sections"),
        title,
        _int(s["start"], "sections"),
        _int(s["end"], "sections"),
    )


def _flag(item: Any) -> Flag:
    f = _object(item, "flags", ("kind", "start", "end", "text"))
    if not isinstance(f["kind"], str) or not isinstance(f["text"], str):
        raise ValueError("'flags' kind and text must be strings")
    return Flag(f["kind"], _int(f["start"], "flags"), _int(f["end"], "flags"), f["text"])


def _text_items(record: Mapping[str, Any], name: str) -> list[str]:
    items = _list(record, name)
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"{name!r} must hold strings, got {json_type(item)}")
    return items
