"""JSONL and CSV corpora: one document per line or row.

Columns ``id`` and ``text`` are required; ``outlet``, ``medium``, ``published``, ``title``,
``url``, ``author``, ``handle`` and ``parent`` are read when present; every other column is
kept in ``metadata``. A JSONL file written by ``framing ingest`` (rows with ``doc_id``) reads
back as the same documents; keys of such a row that are no Document field join ``metadata``.

A bad row (invalid JSON, not an object, a missing or mistyped field, a NUL or lone surrogate
spelled as a JSON escape) goes to ``on_error`` with its line number; the default raises.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from framing.document import Document, Flag
from framing.errors import InputError, json_type
from framing.readers.checks import bad_string_in
from framing.readers.lines import Line, split_lines

__all__ = ["read_csv", "read_jsonl", "record_to_document"]

KNOWN = ("outlet", "medium", "published", "title", "url", "author", "handle", "parent")
OnError = Callable[[InputError], None]
#: The csv module refuses cells over 128 KiB by default; a long article is longer. 2**31 - 1
#: fits a C long everywhere (Windows included).
_FIELD_LIMIT = 2**31 - 1


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
    """Turn one JSONL object or CSV row into a :class:`Document`, validating its fields.

    A row with ``doc_id`` (and no ``id``) is a record written by ``framing ingest`` and is
    read back with :meth:`Document.from_record`. A string holding NUL or a lone surrogate
    (possible through JSON ``\\u`` escapes) rejects the row; see :mod:`framing.readers.checks`.
    """
    problem = bad_string_in(row, name="")
    if problem:
        raise InputError(str(path), line, problem)
    if "doc_id" in row and "text" in row and "id" not in row:
        return _ingest_record(row, path=path, line=line, span=span)
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
        raise InputError(str(path), line, f"'text' must be a string, got {json_type(text)}")
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


def _json_error(error: json.JSONDecodeError, line: Line, *, last: bool) -> str:
    if line.text.startswith("\ufeff"):
        return (
            "the line starts with a byte order mark (U+FEFF): were several files joined "
            "together? Remove the mark"
        )
    message = f"invalid JSON: {error.msg} (column {error.colno})"
    unfinished = error.msg.startswith("Unterminated") or error.pos >= len(line.text.rstrip())
    if last and line.stop == line.end and unfinished:
        message += "; the last line ends in the middle of a value: was the file cut off?"
    return message


def _parse_line(line: Line, *, path: Path, last: bool) -> dict[str, Any]:
    try:
        row = json.loads(line.text)
    except json.JSONDecodeError as error:
        raise InputError(str(path), line.number, _json_error(error, line, last=last)) from None
    except RecursionError:
        raise InputError(str(path), line.number, "invalid JSON: nested too deeply") from None
    if not isinstance(row, dict):
        raise InputError(
            str(path),
            line.number,
            f"expected a JSON object ({{...}}) on each line, got {json_type(row)}",
        )
    return row


_RECORD_FIELDS = frozenset(field.name for field in dataclass_fields(Document))


def _ingest_record(
    row: Mapping[str, Any], *, path: Path, line: int, span: tuple[int, int]
) -> Document:
    """A row written by ``framing ingest``; keys that are no Document field join ``metadata``."""
    record = {key: value for key, value in row.items() if key in _RECORD_FIELDS}
    record.setdefault("source_path", str(path))
    record.setdefault("source_spans", [list(span)])
    extra = {key: value for key, value in row.items() if key not in _RECORD_FIELDS}
    metadata = record.get("metadata")
    if extra and (metadata is None or isinstance(metadata, Mapping)):
        clash = sorted(k for k in extra if metadata and k in metadata and metadata[k] != extra[k])
        if clash:
            raise InputError(
                str(path),
                line,
                f"{', '.join(map(repr, clash))} given both as a field and in 'metadata', "
                "with different values",
            )
        record["metadata"] = {**extra, **(metadata or {})}
    try:
        return Document.from_record(record)
    except ValueError as error:
        raise InputError(str(path), line, f"bad framing ingest record: {error}") from None


def read_jsonl(source: str, *, path: Path, on_error: OnError = _raise) -> list[Document]:
    """One document per non-blank line; a bad line is reported with its line number.

    ``\\n``, ``\\r\\n`` and a lone ``\\r`` all end a line. An error on a last line that
    stops in the middle of a value (no newline after it) says the file may be cut off.
    """
    documents: list[Document] = []
    lines = split_lines(source)
    for line in lines:
        if not line.text.strip():
            continue
        try:
            row = _parse_line(line, path=path, last=line is lines[-1])
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


def _check_header(header: list[str], *, path: Path, number: int) -> None:
    missing = [name for name in ("id", "text") if name not in header]
    if missing:
        hint = ""
        if len(header) == 1 and any(sep in header[0] for sep in (";", "\t")):
            hint = "; the header is one cell: framing reads comma-separated CSV, not ';' or tabs"
        raise InputError(
            str(path),
            number,
            f"the header has no {' or '.join(repr(m) for m in missing)} column "
            f"(found: {', '.join(header) or 'none'}){hint}",
        )
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise InputError(
            str(path),
            number,
            f"the header names {', '.join(map(repr, repeated))} more than once; "
            "each column needs its own name",
        )


def read_csv(source: str, *, path: Path, on_error: OnError = _raise) -> list[Document]:
    """One document per row under a header row that names ``id`` and ``text``.

    Quoted cells may hold commas, doubled quotes and line breaks (kept as they are in the
    file: an Excel export keeps its ``\\r\\n``); cells of any length are read.
    """
    documents: list[Document] = []
    header: list[str] | None = None
    header_span = (0, 0)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, _FIELD_LIMIT))
    try:
        for number, span, cells in _rows(source):
            if header is None:
                header = [cell.strip() for cell in cells]
                header_span = span
                _check_header(header, path=path, number=number)
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
    finally:
        csv.field_size_limit(limit)
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
