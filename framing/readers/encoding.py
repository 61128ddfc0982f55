"""Decode Japanese text files: UTF-8 (with or without BOM), CP932/Shift_JIS and EUC-JP."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from framing.errors import InputError

__all__ = ["decode", "read_text"]

_CANDIDATES = ("cp932", "euc_jp")


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode(data: bytes, *, path: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    UTF-8 is tried first (a BOM is removed). Otherwise CP932 (a superset of Shift_JIS, what
    Windows and Excel write) and EUC-JP are tried strictly; when both decode, the one
    charset-normalizer finds more plausible wins.

    Raises
    ------
    InputError
        When no candidate decodes the bytes; the message names the line of the first byte
        that is not valid UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    decoded: dict[str, str] = {}
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
        encoding = next(iter(decoded))
        return decoded[encoding], encoding
    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    encoding = "cp932"
    if best is not None and best.encoding in ("euc_jp", "euc_jis_2004", "euc_jisx0213"):
        encoding = "euc_jp"
    return decoded[encoding], encoding


def read_text(path: Path) -> str:
    """Read and decode a file, with an :class:`InputError` for a missing or unreadable path."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), None, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(str(path), None, "is a directory, expected a file") from None
    except OSError as error:
        raise InputError(str(path), None, f"cannot read the file: {error.strerror}") from None
    return decode(data, path=str(path))[0]
