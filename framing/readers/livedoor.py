"""The livedoor news corpus layout: ``<channel>/<channel>-<id>.txt`` with URL, date, title, body.

The channel is the outlet. The document's text is the body (line 4 onwards, verbatim); the
URL, timestamp and title lines are read into their fields and stay inside the span.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from framing.document import Document, Segment
from framing.readers.lines import split_lines

__all__ = ["is_livedoor", "read_livedoor"]

_NAME = re.compile(r"^(?P<channel>[a-z0-9-]+)-(?P<id>\d+)$")


def _header(source: str) -> list[str]:
    return [line.text for line in split_lines(source[:2000], limit=3)]


def is_livedoor(source: str, path: Path) -> bool:
    """True when the file name and its first two lines follow the livedoor layout."""
    match = _NAME.match(path.stem)
    if match is None or match["channel"] != path.parent.name:
        return False
    header = _header(source)
    if len(header) < 2 or not header[0].startswith("http"):
        return False
    try:
        datetime.fromisoformat(header[1].strip())
    except ValueError:
        return False
    return True


def read_livedoor(source: str, *, path: Path) -> list[Document]:
    """Read one livedoor article file."""
    lines = split_lines(source, limit=4)  # URL, date, title, then the body
    body_start = lines[3].start if len(lines) > 3 else len(source)
    text = source[body_start:].rstrip()
    channel = path.parent.name
    return [
        Document(
            doc_id=f"{channel}/{path.stem}",
            text=text,
            outlet=channel,
            medium="article",
            published=datetime.fromisoformat(lines[1].text.strip()).isoformat(),
            title=lines[2].text.strip() if len(lines) > 2 else None,
            url=lines[0].text.strip(),
            source_path=str(path),
            source_spans=((0, len(source)),) if source else (),
            segments=(Segment(0, body_start, len(text)),) if text else (),
        )
    ]
