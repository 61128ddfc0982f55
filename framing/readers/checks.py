"""Characters that no document may hold: NUL and lone surrogates.

Decoded files cannot contain them (a NUL byte marks a binary file, see
:mod:`framing.readers.encoding`), but JSON can spell them as escapes (``"\\u0000"``,
``"\\ud800"``). A NUL silently cuts the text that MeCab sees, and a lone surrogate cannot be
written back as UTF-8, so a row holding one is rejected with its line, never repaired.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["bad_character", "bad_string_in"]

_BAD = re.compile("[\x00\ud800-\udfff]")


def bad_character(text: str) -> str | None:
    """What is wrong with the first NUL or lone surrogate in ``text``, or ``None``."""
    match = _BAD.search(text)
    if match is None:
        return None
    position = match.start() + 1
    if match.group() == "\x00":
        return f"a NUL character (U+0000) at character {position}; NUL is never text"
    return (
        f"a lone surrogate (U+{ord(match.group()):04X}) at character {position}, "
        "a broken \\u escape that cannot be written as UTF-8"
    )


def bad_string_in(value: Any, *, name: str) -> str | None:
    """The first NUL or lone surrogate in any string of a parsed JSON value, or ``None``.

    ``name`` is the field the value came from; the message names the nested key or index.
    """
    if isinstance(value, str):
        problem = bad_character(value)
        return f"{name!r} contains {problem}" if problem else None
    if isinstance(value, Mapping):
        for key, item in value.items():
            problem = bad_character(str(key))
            if problem:
                owner = f"a key of {name!r}" if name else "a field name"
                return f"{owner} contains {problem}"
            found = bad_string_in(item, name=f"{name}.{key}" if name else str(key))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = bad_string_in(item, name=f"{name}[{index}]")
            if found:
                return found
    return None
