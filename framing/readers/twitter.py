"""X/Twitter data: archive exports (``tweets.js``/``tweet.js``) and X API v2 JSON.

Each tweet's span runs from the end of the previous tweet to the end of its own JSON object
(the first from the start of the file, the last to its end), so the spans of a file's
documents cover every character of it; the container around the tweets is flagged.

Exports change shape over the years. A tweet needs its text as a string (``full_text`` or
``text`` in an archive, ``text`` in API v2); a tweet without one is a bad row (reported with
its line, skipped with ``skip_bad``). Optional parts of an unexpected shape (``entities``
that is not an object, a ``created_at`` that is not a date) are read as absent.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from framing.document import Document, Flag
from framing.errors import InputError, json_type
from framing.readers.checks import bad_string_in
from framing.readers.encoding import read_text
from framing.readers.lines import line_number

__all__ = ["looks_like_api_v2", "read_api_v2", "read_archive"]

OnError = Callable[[InputError], None]
_ARCHIVE_SHAPE = "expected 'window.YTD.<name>.part0 = [ ... ]'"

_decoder = json.JSONDecoder()


def _raise(error: InputError) -> None:
    raise error


def _skip_ws(source: str, index: int) -> int:
    while index < len(source) and source[index] in " \t\r\n":
        index += 1
    return index


def _mapping(value: Any) -> Mapping[str, Any]:
    """``value`` if it is a JSON object, else an empty one (an optional part of odd shape)."""
    return value if isinstance(value, Mapping) else {}


def _items(value: Any) -> list[Any]:
    """``value`` if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def _optional_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


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
                str(path), line_number(source, error.pos), f"invalid JSON: {error.msg}"
            ) from None
        except RecursionError:
            raise InputError(
                str(path), line_number(source, index), "invalid JSON: nested too deeply"
            ) from None
        yield item, index, end
        index = _skip_ws(source, end)
        if index < len(source) and source[index] == ",":
            index = _skip_ws(source, index + 1)
            continue
        if index < len(source) and source[index] == "]":
            return
        raise InputError(
            str(path),
            line_number(source, index),
            "invalid JSON: expected ',' or ']' in the tweet array"
            + ("; the file ends early: was it cut off?" if index >= len(source) else ""),
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


def _twitter_date(value: Any) -> str | None:
    """ISO 8601 of an archive (``Wed Jan 03 12:00:00 +0000 2026``) or API v2 timestamp."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _archive_account(path: Path) -> tuple[str | None, str | None]:
    """Handle and display name from ``account.js`` next to ``path`` (``None`` without one)."""
    account = path.with_name("account.js")
    if not account.is_file():
        return None, None
    text = read_text(account)
    equals = text.find("=")
    try:
        data = json.loads(text[equals + 1 :]) if equals >= 0 else None
    except (json.JSONDecodeError, RecursionError):
        data = None
    entries = _items(data)
    if not entries or "account" not in _mapping(entries[0]):
        raise InputError(
            str(account),
            None,
            "not an X archive account file: expected "
            "'window.YTD.account.part0 = [{\"account\": {...}}]'",
        )
    info = _mapping(_mapping(entries[0])["account"])
    return _optional_str(info.get("username")), _optional_str(info.get("accountDisplayName"))


def _links(entities: Iterable[Any]) -> tuple[str, ...]:
    """Expanded URLs of tweet entities (``urls``, ``media``), skipping empty ones."""
    found = []
    for entity in entities:
        if isinstance(entity, Mapping):
            url = _optional_str(entity.get("expanded_url")) or _optional_str(entity.get("url"))
            if url:
                found.append(url)
    return tuple(found)


def _tweet(
    *,
    tweet_id: str,
    text: str,
    handle: str | None,
    author: str | None,
    created_at: Any,
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


def _tweet_text(tweet: Any, keys: tuple[str, ...], *, path: Path, line: int) -> str:
    """The tweet's text under the first of ``keys`` present; an :class:`InputError` otherwise."""
    if not isinstance(tweet, Mapping):
        raise InputError(str(path), line, f"expected a tweet object, got {json_type(tweet)}")
    names = " or ".join(repr(key) for key in keys)
    for key in keys:
        if key in tweet:
            text = tweet[key]
            if not isinstance(text, str):
                raise InputError(
                    str(path), line, f"tweet {key!r} must be a string, got {json_type(text)}"
                )
            problem = bad_string_in(tweet, name="")
            if problem:
                raise InputError(str(path), line, problem)
            return text
    raise InputError(str(path), line, f"tweet object without {names}")


def _archive_array_start(source: str, *, path: Path) -> int:
    equals = source.find("=")
    if equals < 0:
        raise InputError(str(path), 1, f"not an X archive file: {_ARCHIVE_SHAPE}")
    start = _skip_ws(source, equals + 1)
    if source[start : start + 1] != "[":
        found = repr(source[start]) if start < len(source) else "the end of the file"
        raise InputError(
            str(path),
            line_number(source, start),
            f"not an X archive file: {_ARCHIVE_SHAPE}, but '=' is followed by {found}",
        )
    return start


def read_archive(source: str, *, path: Path, on_error: OnError = _raise) -> list[Document]:
    """Read ``tweets.js`` / ``tweet.js`` from an X archive (``window.YTD.tweets.part0 = [...]``).

    A tweet without a string ``full_text`` (or ``text``) goes to ``on_error`` with its line;
    the default raises.
    """
    start = _archive_array_start(source, path=path)
    items = list(_array_items(source, start, path=path))
    handle, name = _archive_account(path)
    flags = _container_flags(source, items)
    documents: list[Document] = []
    for k, (item, span) in enumerate(_partition(items, len(source))):
        line = line_number(source, items[k][1])
        tweet = item.get("tweet", item) if isinstance(item, Mapping) else item
        try:
            text = _tweet_text(tweet, ("full_text", "text"), path=path, line=line)
        except InputError as error:
            on_error(error)
            continue
        entities = _mapping(tweet.get("entities"))
        documents.append(
            _tweet(
                tweet_id=_optional_str(tweet.get("id_str"))
                or _optional_str(tweet.get("id"))
                or str(k),
                text=html.unescape(text),
                handle=handle,
                author=name,
                created_at=tweet.get("created_at"),
                path=path,
                span=span,
                flags=flags if k in (0, len(items) - 1) else (),
                links=_links([*_items(entities.get("urls")), *_items(entities.get("media"))]),
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


def read_api_v2(
    source: str, data: Mapping[str, Any], *, path: Path, on_error: OnError = _raise
) -> list[Document]:
    """Read an X API v2 response (``{"data": [...], "includes": {"users": [...]}}``).

    A tweet without a string ``text`` goes to ``on_error`` with its line; the default raises.
    """
    users = {
        str(u.get("id")): u
        for u in _items(_mapping(data.get("includes")).get("users"))
        if isinstance(u, Mapping)
    }
    items = list(_array_items(source, _top_level_value_start(source, "data", path=path), path=path))
    flags = _container_flags(source, items)
    documents: list[Document] = []
    for k, (tweet, span) in enumerate(_partition(items, len(source))):
        line = line_number(source, items[k][1])
        try:
            short = _tweet_text(tweet, ("text",), path=path, line=line)
        except InputError as error:
            on_error(error)
            continue
        user = _mapping(users.get(str(tweet.get("author_id"))))
        long = _mapping(tweet.get("note_tweet")).get("text")
        documents.append(
            _tweet(
                tweet_id=_optional_str(tweet.get("id")) or str(k),
                text=long if isinstance(long, str) and long else short,
                handle=_optional_str(user.get("username")),
                author=_optional_str(user.get("name")),
                created_at=tweet.get("created_at"),
                path=path,
                span=span,
                flags=flags if k in (0, len(items) - 1) else (),
                links=_links(_items(_mapping(tweet.get("entities")).get("urls"))),
                metadata={"lang": tweet.get("lang"), "author_id": tweet.get("author_id")},
            )
        )
    return documents
