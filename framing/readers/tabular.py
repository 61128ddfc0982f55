"""JSONL and CSV corpora: one document per line or row.

Columns ``id`` and ``text`` are required; ``outlet``, ``medium``, ``published``, ``title``,
``url``, ``author``, ``handle`` and ``parent`` are read when present; every other column is
kept in ``metadata``. A JSONL file written by ``framing ingest`` (rows with ``doc_id``) reads
back as the same documents.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from framing.document import Document, Flag
from framing.errors import InputError
from framing.readers.lines import split_lines

__all__ = ["read_csv", "read_jsonl", "record_to_document"]

KNOWN = ("outlet", "medium", "published", "title", "url", "author", "handle", "parent")
OnError = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def record_to_document(
    row: Mapping[str, Any], *, path: Path, line: int, span: tuple[int, int]
) -> Document:
    """Turn one JSONL object or CSV row into a :class:`Document`, validating its fields."""
    if "doc_id" in row and "text" in row and "id" not in row:
        record = dict(row)
        record.setdefault("source_path", str(path))
        record.setdefault("source_spans", [list(span)])
        return Document.from_record(record)
    missing = [name for name in ("id", "text") if name not in row]
    if missing:
        raise InputError(
            str(path),
            line,
            f"missing column(s) {', '.join(missing)}; a row needs 'id' and 'text' "
            f"(found: {', '.join(map(str, row)) or 'none'})",
        )
    doc_id = _optional_str(row["id"])
    if doc_id is None:
        raise InputError(str(path), line, "empty 'id'")
    text = row["text"]
    if not isinstance(text, str):
        raise InputError(str(path), line, f"'text' must be a string, got {type(text).__name__}")
    fields = {name: _optional_str(row.get(name)) for name in KNOWN}
    medium = fields.pop("medium") or "article"
    if medium not in ("article", "tweet"):
        raise InputError(str(path), line, f"medium {medium!r} is not one of 'article', 'tweet'")
    published = fields.pop("published")
    if published is not None:
        try:
            datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(
                str(path), line, f"published {published!r} is not an ISO 8601 date or datetime"
            ) from None
    metadata = {key: value for key, value in row.items() if key not in (*KNOWN, "id", "text")}
    return Document(
        doc_id=doc_id,
        text=text,
        medium="tweet" if medium == "tweet" else "article",
        published=published,
        source_path=str(path),
        source_spans=(span,),
        metadata=metadata,
        outlet=fields["outlet"],
        title=fields["title"],
        url=fields["url"],
        author=fields["author"],
        handle=fields["handle"],
        parent=fields["parent"],
    )


def read_jsonl(source: str, *, path: Path, on_error: OnError = _raise) -> list[Document]:
    """One document per non-blank line; a bad line is reported with its line number."""
    documents: list[Document] = []
    for line in split_lines(source):
        if not line.text.strip():
            continue
        try:
            row = json.loads(line.text)
        except json.JSONDecodeError as error:
            on_error(
                InputError(
                    str(path), line.number, f"invalid JSON: {error.msg} (column {error.colno})"
                )
            )
            continue
        if not isinstance(row, dict):
            on_error(
                InputError(
                    str(path), line.number, f"expected a JSON object, got {type(row).__name__}"
                )
            )
            continue
        try:
            documents.append(
                record_to_document(row, path=path, line=line.number, span=(line.start, line.end))
            )
        except InputError as error:
            on_error(error)
    return documents


def _rows(source: str) -> Iterator[tuple[int, tuple[int, int], list[str]]]:
    """CSV rows with their first line number and their character span in ``source``."""
    lines = split_lines(source)
    position = {"index": 0}

    def feed() -> Iterator[str]:
        while position["index"] < len(lines):
            line = lines[position["index"]]
            position["index"] += 1
            yield source[line.start : line.stop]

    reader = csv.reader(feed(), strict=True)
    while True:
        first = position["index"]
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError("", first + 1, f"malformed CSV: {error}") from None
        last = position["index"] - 1
        yield first + 1, (lines[first].start, lines[last].end), cells


def read_csv(source: str, *, path: Path, on_error: OnError = _raise) -> list[Document]:
    """One document per row under a header row that names ``id`` and ``text``."""
    documents: list[Document] = []
    header: list[str] | None = None
    header_span = (0, 0)
    try:
        for number, span, cells in _rows(source):
            if header is None:
                header = [cell.strip() for cell in cells]
                header_span = span
                missing = [name for name in ("id", "text") if name not in header]
                if missing:
                    raise InputError(
                        str(path),
                        number,
                        f"the header has no {' or '.join(repr(m) for m in missing)} column "
                        f"(found: {', '.join(header) or 'none'})",
                    )
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                on_error(
                    InputError(
                        str(path),
                        number,
                        f"{len(cells)} cells, but the header has {len(header)} columns",
                    )
                )
                continue
            try:
                documents.append(
                    record_to_document(
                        dict(zip(header, cells, strict=True)), path=path, line=number, span=span
                    )
                )
            except InputError as error:
                on_error(error)
    except InputError as error:
        if error.path == "":
            raise InputError(str(path), error.line, error.problem.message) from None
        raise
    if documents:
        # The header belongs to no row; the first document carries it so that the spans of a
        # file's documents cover all of it.
        first = documents[0]
        documents[0] = replace(
            first,
            source_spans=(header_span, *first.source_spans),
            flags=(Flag("header", *header_span, source[header_span[0] : header_span[1]]),),
        )
    return documents
