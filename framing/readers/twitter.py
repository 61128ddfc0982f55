"""X/Twitter data: archive exports (``tweets.js``/``tweet.js``) and X API v2 JSON.

Each tweet's span runs from the end of the previous tweet to the end of its own JSON object
(the first from the start of the file, the last to its end), so the spans of a file's
documents cover every character of it; the container around the tweets is flagged.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from framing.document import Document, Flag
from framing.errors import InputError

__all__ = ["looks_like_api_v2", "read_api_v2", "read_archive"]

_decoder = json.JSONDecoder()


def _skip_ws(source: str, index: int) -> int:
    while index < len(source) and source[index] in " \t\r\n":
        index += 1
    return index


def _line(source: str, index: int) -> int:
    return source.count("\n", 0, index) + 1


def _array_items(source: str, start: int, *, path: Path) -> Iterator[tuple[Any, int, int]]:
    """Items of the JSON array whose ``[`` is at ``start``, with their ``[start, end)``."""
    index = _skip_ws(source, start + 1)
    if index < len(source) and source[index] == "]":
        return
    while True:
        try:
            item, end = _decoder.raw_decode(source, index)
        except json.JSONDecodeError as error:
            raise InputError(
                str(path), _line(source, error.pos), f"invalid JSON: {error.msg}"
            ) from None
        yield item, index, end
        index = _skip_ws(source, end)
        if index < len(source) and source[index] == ",":
            index = _skip_ws(source, index + 1)
            continue
        if index < len(source) and source[index] == "]":
            return
        raise InputError(
            str(path), _line(source, index), "invalid JSON: expected ',' or ']' in the tweet array"
        )


def _partition(items: list[tuple[Any, int, int]], length: int) -> list[tuple[Any, tuple[int, int]]]:
    spans: list[tuple[Any, tuple[int, int]]] = []
    for k, (item, _start, end) in enumerate(items):
        begin = 0 if k == 0 else items[k - 1][2]
        stop = length if k == len(items) - 1 else end
        spans.append((item, (begin, stop)))
    return spans


def _container_flags(source: str, items: list[tuple[Any, int, int]]) -> tuple[Flag, ...]:
    if not items:
        return ()
    head = (0, items[0][1])
    tail = (items[-1][2], len(source))
    return tuple(
        Flag("container", a, b, source[a:b]) for a, b in (head, tail) if source[a:b].strip()
    )


def _twitter_date(value: str | None) -> str | None:
    if not value:
        return None
    for fmt in ("%a %b %d %H:%M:%S %z %Y",):
        try:
            return datetime.strptime(value, fmt).isoformat()
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _archive_account(path: Path) -> tuple[str | None, str | None]:
    account = path.with_name("account.js")
    if not account.is_file():
        return None, None
    text = account.read_text("utf-8-sig")
    try:
        data = json.loads(text[text.index("=") + 1 :])
        info = data[0]["account"]
        return info.get("username"), info.get("accountDisplayName")
    except (ValueError, LookupError, TypeError):
        return None, None


def _links(entities: Iterable[Any]) -> tuple[str, ...]:
    """Expanded URLs of tweet entities (``urls``, ``media``), skipping empty ones."""
    found = []
    for entity in entities:
        if isinstance(entity, Mapping):
            url = entity.get("expanded_url") or entity.get("url")
            if url:
                found.append(str(url))
    return tuple(found)


def _tweet(
    *,
    tweet_id: str,
    text: str,
    handle: str | None,
    author: str | None,
    created_at: str | None,
    path: Path,
    span: tuple[int, int],
    flags: tuple[Flag, ...],
    links: tuple[str, ...],
    metadata: dict[str, Any],
) -> Document:
    return Document(
        doc_id=f"tweet-{tweet_id}",
        text=text,
        outlet=f"@{handle}" if handle else None,
        medium="tweet",
        published=_twitter_date(created_at),
        author=author,
        handle=handle,
        url=f"https://x.com/{handle or 'i'}/status/{tweet_id}",
        source_path=str(path),
        source_spans=(span,),
        flags=flags,
        links=links,
        metadata=metadata,
    )


def read_archive(source: str, *, path: Path) -> list[Document]:
    """Read ``tweets.js`` / ``tweet.js`` from an X archive (``window.YTD.tweets.part0 = [...]``)."""
    start = source.find("[")
    if start < 0 or "=" not in source[:start]:
        raise InputError(
            str(path), 1, "not an X archive file: expected 'window.YTD.<name>.part0 = [ ... ]'"
        )
    items = list(_array_items(source, start, path=path))
    handle, name = _archive_account(path)
    flags = _container_flags(source, items)
    documents: list[Document] = []
    for k, (item, span) in enumerate(_partition(items, len(source))):
        tweet = item.get("tweet", item) if isinstance(item, Mapping) else None
        if not isinstance(tweet, Mapping) or ("full_text" not in tweet and "text" not in tweet):
            raise InputError(str(path), _line(source, span[0]), "tweet object without 'full_text'")
        entities = tweet.get("entities") or {}
        documents.append(
            _tweet(
                tweet_id=str(tweet.get("id_str") or tweet.get("id") or k),
                text=html.unescape(str(tweet.get("full_text", tweet.get("text", "")))),
                handle=handle,
                author=name,
                created_at=tweet.get("created_at"),
                path=path,
                span=span,
                flags=flags if k in (0, len(items) - 1) else (),
                links=_links([*entities.get("urls", []), *entities.get("media", [])]),
                metadata={
                    "lang": tweet.get("lang"),
                    "in_reply_to": tweet.get("in_reply_to_status_id_str"),
                },
            )
        )
    return documents


def looks_like_api_v2(data: Any) -> bool:
    """True for an X API v2 response: an object with a ``data`` list of tweets."""
    return isinstance(data, Mapping) and isinstance(data.get("data"), list)


def _top_level_value_start(source: str, key: str, *, path: Path) -> int:
    index = _skip_ws(source, 0)
    if source[index : index + 1] != "{":
        raise InputError(str(path), 1, "expected a JSON object")
    index = _skip_ws(source, index + 1)
    while index < len(source) and source[index] != "}":
        name, index = _decoder.raw_decode(source, index)
        index = _skip_ws(source, index)
        index = _skip_ws(source, index + 1)  # ':'
        if name == key:
            return index
        _value, index = _decoder.raw_decode(source, index)
        index = _skip_ws(source, index)
        if source[index : index + 1] == ",":
            index = _skip_ws(source, index + 1)
    raise InputError(str(path), 1, f"no top-level {key!r} key")


def read_api_v2(source: str, data: Mapping[str, Any], *, path: Path) -> list[Document]:
    """Read an X API v2 response (``{"data": [...], "includes": {"users": [...]}}``)."""
    users = {
        str(u.get("id")): u
        for u in (data.get("includes") or {}).get("users", [])
        if isinstance(u, Mapping)
    }
    items = list(_array_items(source, _top_level_value_start(source, "data", path=path), path=path))
    flags = _container_flags(source, items)
    documents: list[Document] = []
    for k, (tweet, span) in enumerate(_partition(items, len(source))):
        if not isinstance(tweet, Mapping) or "text" not in tweet:
            raise InputError(str(path), _line(source, span[0]), "tweet object without 'text'")
        user = users.get(str(tweet.get("author_id")), {})
        documents.append(
            _tweet(
                tweet_id=str(tweet.get("id", k)),
                text=str((tweet.get("note_tweet") or {}).get("text") or tweet["text"]),
                handle=user.get("username"),
                author=user.get("name"),
                created_at=tweet.get("created_at"),
                path=path,
                span=span,
                flags=flags if k in (0, len(items) - 1) else (),
                links=_links((tweet.get("entities") or {}).get("urls") or []),
                metadata={"lang": tweet.get("lang"), "author_id": tweet.get("author_id")},
            )
        )
    return documents
