"""Decode Japanese text files: UTF-8 (with or without BOM), CP932/Shift_JIS, EUC-JP, UTF-16/32.

What happens to bytes that are not text is decided here, once for every reader:

* A byte order mark is the encoding's signature, not text: it selects the codec and is
  removed (UTF-8, UTF-16 and UTF-32 BOMs). A U+FEFF later in the file is kept as it is.
* A NUL byte means a binary file (or UTF-16 without a BOM): the file is rejected with the
  line of the first NUL. Nothing is dropped or replaced.
* Bytes that no candidate encoding decodes reject the file, naming the line of the first one.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Literal

from charset_normalizer import from_bytes

from framing.errors import InputError

__all__ = ["Encoding", "decode", "read_text"]

Encoding = Literal["utf-8", "cp932", "euc_jp", "utf-16", "utf-32"]

_CANDIDATES: tuple[Literal["cp932", "euc_jp"], ...] = ("cp932", "euc_jp")
#: Byte order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str, Encoding], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)
_UTF8_BOM = b"\xef\xbb\xbf"


def _line_of(data: bytes, position: int) -> int:
    """1-based line of ``data[position]``; ``\\r\\n``, ``\\r`` and ``\\n`` each end a line."""
    head = data[:position]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _decode_with_bom(data: bytes, codec: str, name: Encoding, *, path: str) -> tuple[str, Encoding]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        head = data[: error.start].decode(codec, errors="replace")
        line = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
        raise InputError(
            path,
            line,
            f"cannot decode the file: it starts with a {name.upper()} byte order mark, but "
            f"bytes at offset {error.start} are not valid {codec.upper()}; re-save it as UTF-8",
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        head = text[:nul]
        line = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
        raise InputError(
            path,
            line,
            f"cannot decode the file: a NUL character (U+0000) in {name.upper()} text; "
            "this looks like a binary file",
        )
    return text, name


def _reject_binary(data: bytes, *, path: str) -> None:
    nul = data.find(b"\x00")
    if nul < 0:
        return
    sample = data[:200]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    utf16 = max(odd, even) >= len(sample) // 4 and min(odd, even) <= len(sample) // 50
    hint = (
        "it looks like UTF-16 text without a byte order mark; re-save it as UTF-8"
        if utf16
        else "this looks like a binary file, not text"
    )
    raise InputError(
        path, _line_of(data, nul), f"cannot decode the file: NUL byte at offset {nul}; {hint}"
    )


def decode(data: bytes, *, path: str = "<bytes>") -> tuple[str, Encoding]:
    """Decode ``data`` and return ``(text, encoding)``.

    A UTF-16 or UTF-32 byte order mark selects that codec. Otherwise UTF-8 is tried first
    (a BOM is removed), then CP932 (a superset of Shift_JIS, what Windows and Excel write)
    and EUC-JP, strictly; when both decode, the one with more kana wins, and on a tie the
    one charset-normalizer finds more plausible.

    Raises
    ------
    InputError
        When the data holds a NUL byte (a binary file), or no candidate decodes the bytes;
        the message names the line of the first offending byte.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data[len(bom) :], codec, name, path=path)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    _reject_binary(data, path=path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    decoded: dict[Literal["cp932", "euc_jp"], str] = {}
    for encoding in _CANDIDATES:
        try:
            decoded[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise InputError(
            path,
            _line_of(data, first_bad),
            f"cannot decode the file: byte {data[first_bad : first_bad + 1]!r} at offset "
            f"{first_bad} is not UTF-8, and the file is not valid CP932/Shift_JIS or EUC-JP "
            "either; re-save it as UTF-8",
        )
    if len(decoded) == 1:
        ((only, text),) = decoded.items()
        return text, only
    return _likelier(data, decoded["cp932"], decoded["euc_jp"])


def _kana_score(text: str) -> int:
    """Full-width kana minus half-width katakana.

    Japanese prose is full of hiragana and katakana; read in the wrong one of CP932 and
    EUC-JP, kana turn into half-width katakana (EUC-JP bytes as CP932) or into kanji.
    """
    full = sum("\u3041" <= char <= "\u30ff" for char in text)
    half = sum("\uff61" <= char <= "\uff9f" for char in text)
    return full - half


def _likelier(data: bytes, cp932: str, euc_jp: str) -> tuple[str, Encoding]:
    """The more plausible of two strict decodings: by kana, then by charset-normalizer.

    Ambiguity is rare: on sentences of the test corpora, only one-sentence EUC-JP files
    are sometimes taken for CP932 (a longer file always decodes one way only).
    """
    cp932_score, euc_score = _kana_score(cp932), _kana_score(euc_jp)
    if cp932_score != euc_score:
        return (cp932, "cp932") if cp932_score > euc_score else (euc_jp, "euc_jp")
    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    if best is not None and best.encoding in ("euc_jp", "euc_jis_2004", "euc_jisx0213"):
        return euc_jp, "euc_jp"
    return cp932, "cp932"


def read_text(path: Path) -> str:
    """Read and decode a file, with an :class:`InputError` for a missing or unreadable path.

    Only regular files are read: a FIFO or a device would block or never end.
    """
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(str(path), None, "is a directory, expected a file")
        if not stat.S_ISREG(mode):
            raise InputError(str(path), None, "not a regular file (a pipe, socket or device?)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), None, "no such file or directory") from None
    except OSError as error:
        raise InputError(str(path), None, f"cannot read the file: {error.strerror}") from None
    return decode(data, path=str(path))[0]
