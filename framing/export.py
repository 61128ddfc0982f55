"""Write tables and records to disk safely and byte-for-byte reproducibly.

CSV files are meant to be opened in spreadsheets, so :func:`write_csv` guards against
*formula injection* (a corpus cell such as ``=HYPERLINK("http://evil", "click")`` would otherwise
run as a formula in Excel or LibreOffice):

- A **text** cell whose first character is ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return (or the full-width ``＝ ＋ － ＠``, which Japanese input methods produce) gets a single
  quote ``'`` prefixed, the OWASP recommendation. Spreadsheets then show the text, apostrophe
  included, and never evaluate it.
- Only text cells are touched. Numbers in numeric columns (``-1.5``) stay numbers. A number
  stored *as text* (``"-1.5"`` in a text column) is text and is neutralised like any other.
- Header cells are checked the same way.

Files are UTF-8 **with a byte-order mark** (``utf-8-sig``): Excel, as commonly set up in Japan,
reads a BOM-less UTF-8 CSV as Shift_JIS and garbles it; every other tool (pandas, R, LibreOffice)
skips the BOM. Lines end in ``\\n`` on every platform, floats are written with
:data:`FLOAT_DIGITS` significant digits and missing values as empty cells, so the same table
always gives the same bytes.

JSON is written with sorted keys, ``ensure_ascii=False``, an indent of 2 and floats rounded to
the same :data:`FLOAT_DIGITS` significant digits; ``NaN`` and infinities become ``null``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

__all__ = [
    "FLOAT_DIGITS",
    "FORMULA_PREFIXES",
    "JSONValue",
    "Write",
    "csv_text",
    "json_text",
    "neutralize_cell",
    "round_float",
    "to_json_records",
    "to_json_value",
    "write_csv",
    "write_csv_to",
    "write_json",
    "write_json_to",
    "write_text",
]

JSONValue = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]

FLOAT_DIGITS = 8
"""Significant digits kept for floats in CSV and JSON output."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""First characters that make a spreadsheet treat a cell as a formula (or split it)."""

LIST_SEPARATOR = "; "
"""How list-valued cells (e.g. ``top_terms``) are joined in CSV."""


def neutralize_cell(text: str) -> str:
    """Return ``text`` with a ``'`` prefixed when a spreadsheet would read it as a formula.

    Parameters
    ----------
    text:
        A text cell.

    Returns
    -------
    str
        ``"'" + text`` when ``text`` starts with one of :data:`FORMULA_PREFIXES`, else ``text``.

    Examples
    --------
    >>> neutralize_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> neutralize_cell("主権")
    '主権'
    """
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def round_float(value: float) -> float | None:
    """Round ``value`` to :data:`FLOAT_DIGITS` significant digits; ``None`` for NaN/inf."""
    if not math.isfinite(value):
        return None
    if value == 0:
        return 0.0
    return float(f"{value:.{FLOAT_DIGITS}g}")


def _format_float(value: float) -> str:
    rounded = round_float(value)
    if rounded is None:
        return ""
    return repr(rounded)


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    return False


def _csv_cell(value: object) -> str:
    """Format one cell for CSV (text cells neutralised, numbers kept as numbers)."""
    if _is_missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return "True" if value else "False"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return _format_float(float(value))
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | np.ndarray):
        text = LIST_SEPARATOR.join("" if _is_missing(v) else str(v) for v in value)
        return neutralize_cell(text)
    return neutralize_cell(str(value))


Write = Callable[[bytes], object]
"""Where streamed output goes: a function taking the next block of bytes (``file.write``)."""


class _Pieces(Protocol):
    def append(self, text: str, /) -> None: ...


class _Encoder:
    """Text in, UTF-8 blocks of about ``block`` characters out to ``write``: a large file is
    written as it is produced, never held whole."""

    def __init__(self, write: Write, block: int = 1 << 16) -> None:
        self._write = write
        self._block = block
        self._pieces: list[str] = []
        self._size = 0

    def append(self, text: str) -> None:
        self._pieces.append(text)
        self._size += len(text)
        if self._size >= self._block:
            self.flush()

    write = append  # the file interface csv.writer expects

    def flush(self) -> None:
        if self._pieces:
            self._write("".join(self._pieces).encode("utf-8"))
            self._pieces.clear()
            self._size = 0


def _write_csv_rows(df: pd.DataFrame, out: Any) -> None:
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralize_cell(str(column)) for column in df.columns])
    columns = [df[column].tolist() for column in df.columns]
    for row in zip(*columns, strict=True):
        writer.writerow([_csv_cell(value) for value in row])


def csv_text(df: pd.DataFrame) -> str:
    """Return ``df`` as CSV text (without the BOM), formula-safe and deterministic.

    Parameters
    ----------
    df:
        Any DataFrame. The index is not written.

    Returns
    -------
    str
        The header line and one line per row, each ending in ``\\n``. Cells are quoted only when
        needed (comma, quote, line break).
    """
    buffer = io.StringIO(newline="")
    _write_csv_rows(df, buffer)
    return buffer.getvalue()


def write_csv_to(df: pd.DataFrame, write: Write, *, bom: bool = True) -> None:
    """Stream :func:`csv_text` of ``df`` to ``write`` as UTF-8 (after a BOM when ``bom``)."""
    if bom:
        write(codecs.BOM_UTF8)
    out = _Encoder(write)
    _write_csv_rows(df, out)
    out.flush()


def write_text(text: str, path: str | Path, *, bom: bool = False) -> Path:
    """Write ``text`` as UTF-8 with ``\\n`` line ends, creating parent directories.

    Parameters
    ----------
    text:
        The content.
    path:
        Where to write.
    bom:
        Prefix a UTF-8 byte-order mark.

    Returns
    -------
    Path
        The path written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8-sig" if bom else "utf-8"))
    return target


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` to ``path`` as a spreadsheet-safe CSV (UTF-8 with BOM).

    See the module docstring for the neutralisation rule and the formatting.

    Parameters
    ----------
    df:
        The table; its index is not written.
    path:
        The CSV file to create or overwrite; parent directories are created.

    Returns
    -------
    Path
        The path written.
    """
    return write_text(csv_text(df), path, bom=True)


def to_json_value(value: object) -> JSONValue:
    """Convert a cell or a nested structure to a JSON-ready Python value.

    numpy scalars become Python scalars, floats are rounded to :data:`FLOAT_DIGITS` significant
    digits, NaN / NA / infinities become ``None``, timestamps become ISO strings, tuples and
    arrays become lists and mapping keys become strings.
    """
    if _is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return round_float(float(value))
    if isinstance(value, str):
        return value
    if isinstance(value, pd.Timestamp | datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, np.ndarray):
        return [to_json_value(v) for v in value.tolist()]
    if isinstance(value, Sequence):
        return [to_json_value(v) for v in value]
    return str(value)


def to_json_records(df: pd.DataFrame) -> list[dict[str, JSONValue]]:
    """Return the rows of ``df`` as JSON-ready dicts (see :func:`to_json_value`).

    Parameters
    ----------
    df:
        Any DataFrame; the index is dropped.

    Returns
    -------
    list of dict
        One dict per row, keyed by column name (as ``str``), in row order.
    """
    names = [str(column) for column in df.columns]
    columns = [df[column].tolist() for column in df.columns]
    return [
        {name: to_json_value(value) for name, value in zip(names, row, strict=True)}
        for row in zip(*columns, strict=True)
    ]


def json_text(obj: Any) -> str:
    """Serialise ``obj`` deterministically: sorted keys, no ASCII escaping, indent 2.

    Values are converted as by :func:`to_json_value`, so DataFrame cells, numpy scalars and
    NaN are handled; a DataFrame is written as its list of records
    (:func:`to_json_records`). The text equals ``json.dumps(to_json_value(obj),
    sort_keys=True, ensure_ascii=False, indent=2)`` plus a newline, but is built value by
    value: a report of many documents is not first copied into converted rows and then into
    the encoder's millions of small pieces. The text ends with a newline.
    """
    parts: list[str] = []
    _emit(obj, "\n", parts)
    parts.append("\n")
    return "".join(parts)


def write_json_to(obj: Any, write: Write) -> None:
    """Stream :func:`json_text` of ``obj`` to ``write`` as UTF-8, a block at a time."""
    out = _Encoder(write)
    _emit(obj, "\n", out)
    out.append("\n")
    out.flush()


def _emit(value: Any, newline: str, out: _Pieces) -> None:
    """Append the JSON of ``value``; ``newline`` is a line break plus the current indent."""
    if isinstance(value, pd.DataFrame):
        names = [str(column) for column in value.columns]
        order = sorted(range(len(names)), key=names.__getitem__)
        keys = [_encode_str(names[i]) + ": " for i in order]
        columns = [value[value.columns[i]].tolist() for i in order]
        if not len(value):
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for row in zip(*columns, strict=True):
            out.append(separator + _row_text(keys, row, inner))
            separator = "," + inner
        out.append(newline + "]")
    elif isinstance(value, Mapping):
        converted = {str(k): v for k, v in value.items()}
        _emit_items(
            ((_encode_str(k) + ": ", converted[k]) for k in sorted(converted)),
            len(converted),
            "{",
            "}",
            newline,
            out,
        )
    elif isinstance(value, np.ndarray):
        _emit(value.tolist(), newline, out)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        _emit_items((("", v) for v in value), len(value), "[", "]", newline, out)
    else:
        out.append(_scalar(value))


def _scalar(value: Any) -> str:
    """``json.dumps(to_json_value(value), ensure_ascii=False)``, faster for the common cells."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is float:
        rounded = round_float(value)
        return "null" if rounded is None else float.__repr__(rounded)
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    return json.dumps(to_json_value(value), ensure_ascii=False)


def _emit_items(
    items: Iterable[tuple[str, Any]],
    count: int,
    opener: str,
    closer: str,
    newline: str,
    out: _Pieces,
) -> None:
    """Append a container: ``items`` are ``(prefix, element)``, the prefix an encoded key."""
    if not count:
        out.append(opener + closer)
        return
    inner = newline + "  "
    separator = opener + inner
    for prefix, element in items:
        out.append(separator + prefix)
        _emit(element, inner, out)
        separator = "," + inner
    out.append(newline + closer)


def _row_text(keys: list[str], row: tuple[Any, ...], newline: str) -> str:
    """A table row as one string (a long table is not millions of small pieces); ``keys``
    are the encoded column names, in sorted order, and ``row`` the cells in that order."""
    parts: list[str] = []
    _emit_items(zip(keys, row, strict=True), len(keys), "{", "}", newline, parts)
    return "".join(parts)


#: JSON string literal of a ``str`` without ASCII escaping (the encoder json.dumps uses).
_encode_str: Callable[[str], str] = json.encoder.encode_basestring


def write_json(obj: Any, path: str | Path) -> Path:
    """Write ``obj`` as deterministic JSON (see :func:`json_text`) in UTF-8 without BOM.

    Returns
    -------
    Path
        The path written.
    """
    return write_text(json_text(obj), path)
