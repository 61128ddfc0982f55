"""Read answer sheets (``answers.csv`` filled in by a student, or the key's ``key.csv``).

File format
-----------
A CSV file whose first line is the header. Columns:

``sentence`` (required)
    The sentence's number on the worksheet, ``1..N``. Full-width digits are accepted.
``category`` (required)
    One category id per row, from the worksheet's list. Case, surrounding spaces and
    full-width letters are forgiven. A row with a sentence number but an empty category says
    "no signal" and is ignored, as is a sentence left out altogether.
``note`` (optional)
    Free text for the student's own use; ignored (a row with only a note is skipped).

Columns with an empty header and no values (Excel's trailing commas) are ignored; any other
column is an error, so that a misspelt header is caught. The separator may be a comma, a tab or
a semicolon (detected from the header line). Fully empty rows are skipped.

Encodings: UTF-8 with or without BOM, and CP932 (Shift_JIS, what Excel writes for "CSV
(comma delimited)" on Japanese Windows). UTF-16 ("Unicode text") and Excel workbooks are
recognised and refused with advice.

Errors
------
Every problem of a file is collected, each naming the file and the row (the line number in
the file, the header being line 1, so it matches the row number Excel shows). One problem is
raised as :class:`~framing.errors.InputError`, several as :class:`~framing.errors.InputErrors`
(at most ``MAX_PROBLEMS`` listed, then a count of the rest).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from framing.errors import InputError, InputErrors, Problem
from framing.exercise.codebook import suggest
from framing.exercise.model import Answers, Exercise

__all__ = ["MAX_PROBLEMS", "AnswerRow", "raise_problems", "read_answers", "read_rows"]

MAX_PROBLEMS = 20
REQUIRED_COLUMNS = ("sentence", "category")
OPTIONAL_COLUMNS = ("note",)
_NUMBER = re.compile(r"\d+(?:\.0+)?")
# What Python's cp932 codec makes of bytes that Shift_JIS text never holds (0x80, 0xA0, 0xFD-FF)
_NOT_CP932 = re.compile("[\u0080-\u009f\uf8f0-\uf8f3]")
_SEPARATORS = re.compile(r"[;,、，／/・\s]+")
_SAVE_AS = "save it from Excel with 'Save As' -> 'CSV UTF-8 (comma delimited) (*.csv)'"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One valid row of an answer file: ``sentence`` carries ``category``, found on ``line``."""

    line: int
    sentence: int
    category: str


def raise_problems(problems: Sequence[Problem]) -> NoReturn:
    """Raise one :class:`InputError` for one problem, or :class:`InputErrors` for several.

    At most ``MAX_PROBLEMS`` problems are listed per file; a line after them counts the rest.
    """
    if len(problems) == 1:
        p = problems[0]
        raise InputError(p.path, p.line, p.message)
    by_path: dict[str, list[Problem]] = {}
    for p in problems:
        by_path.setdefault(p.path, []).append(p)
    shown: list[Problem] = []
    for path, found in by_path.items():
        shown.extend(found[:MAX_PROBLEMS])
        if len(found) > MAX_PROBLEMS:
            rest = len(found) - MAX_PROBLEMS
            shown.append(Problem(path, None, f"... and {rest} more problem(s) in this file"))
    raise InputErrors(shown)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(data: bytes, path: str) -> str | Problem:
    """Decode a CSV file's bytes, or return the problem."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Problem(path, None, f"the file is UTF-16 text (Excel's 'Unicode Text'); {_SAVE_AS}")
    if data.startswith(b"PK\x03\x04"):
        return Problem(path, None, f"the file is an Excel workbook, not CSV; {_SAVE_AS}")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as err:
            line = _line_of(data, err.start + len(codecs.BOM_UTF8))
            return Problem(path, line, f"not valid UTF-8 although it starts with a BOM; {_SAVE_AS}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        text = None
    if text is not None and not _NOT_CP932.search(text):
        return text
    bad = data[utf8_error.start : utf8_error.start + 1].hex()
    return Problem(
        path,
        _line_of(data, utf8_error.start),
        f"the file is neither UTF-8 nor CP932 (Shift_JIS): byte 0x{bad} cannot be read; {_SAVE_AS}",
    )


def _norm(value: str) -> str:
    return unicodedata.normalize("NFKC", value).replace("\ufeff", "").strip()


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    for sep in (",", "\t", ";"):
        if sep in first:
            return sep
    return ","


def _header(
    cells: list[str], path: str, line: int
) -> tuple[dict[str, int], list[int], list[Problem]]:
    """Map column names to positions; return the positions to ignore and the problems."""
    names = [_norm(c).lower() for c in cells]
    allowed = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    if not set(REQUIRED_COLUMNS) & set(names) and names and _NUMBER.fullmatch(names[0]):
        found = ",".join(c.strip() for c in cells)
        message = f"the first line must be the header 'sentence,category', found {found!r}"
        return {}, [], [Problem(path, line, message)]
    positions: dict[str, int] = {}
    ignored: list[int] = []
    problems: list[Problem] = []
    explained: set[str] = set()
    for pos, name in enumerate(names):
        if not name:
            ignored.append(pos)
        elif name in positions:
            problems.append(Problem(path, line, f"column {name!r} appears twice in the header"))
        elif name in allowed:
            positions[name] = pos
        else:
            close = suggest(name, allowed)
            hint = f" (did you mean {close!r}?)" if close else ""
            if close:
                explained.add(close)
            problems.append(
                Problem(
                    path,
                    line,
                    f"unknown column {cells[pos].strip()!r}{hint}; allowed columns: "
                    f"{', '.join(allowed)}",
                )
            )
    missing = [c for c in REQUIRED_COLUMNS if c not in positions and c not in explained]
    if missing:
        found = ", ".join(repr(c.strip()) for c in cells if c.strip()) or "nothing"
        problems.append(
            Problem(
                path,
                line,
                f"missing column(s) {', '.join(missing)}; the header must be "
                f"'sentence,category' (found {found})",
            )
        )
    return positions, ignored, problems


def _read_text(path: Path) -> str | Problem:
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Problem(shown, None, "file not found")
    except IsADirectoryError:
        return Problem(shown, None, "is a directory; expected a CSV file")
    except OSError as err:
        return Problem(shown, None, f"cannot be read: {err.strerror}")
    if not data.strip():
        return Problem(shown, None, "the file is empty; the first line must be 'sentence,category'")
    return _decode(data, shown)


def read_rows(
    path: str | Path, *, categories: Sequence[str], n_sentences: int
) -> tuple[list[AnswerRow], list[Problem]]:
    """Read and check an answer file, collecting every problem instead of stopping at the first.

    Parameters
    ----------
    path:
        The CSV file (format in the module docstring).
    categories:
        The category ids allowed.
    n_sentences:
        Sentences are numbered ``1..n_sentences``.

    Returns
    -------
    rows, problems
        The valid rows in file order, and the problems found (empty when the file is fine).
    """
    path = Path(path)
    shown = str(path)
    text = _read_text(path)
    if isinstance(text, Problem):
        return [], [text]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    problems: list[Problem] = []
    rows: list[AnswerRow] = []
    positions: dict[str, int] | None = None
    ignored: list[int] = []
    width = 0
    first_seen: dict[tuple[int, str], int] = {}
    allowed = list(categories)
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if positions is None:
                positions, ignored, header_problems = _header(cells, shown, line)
                width = len(cells)
                if header_problems:
                    return [], header_problems
                continue
            extra = [c for c in cells[width:] if c.strip()] + [
                cells[i] for i in ignored if i < len(cells) and cells[i].strip()
            ]
            if extra:
                problems.append(
                    Problem(
                        shown,
                        line,
                        f"value(s) {', '.join(repr(c) for c in extra)} outside the columns "
                        "sentence, category, note",
                    )
                )
                continue
            row = _check_row(cells, positions, shown, line, allowed, n_sentences)
            if isinstance(row, Problem):
                problems.append(row)
            elif row is not None:
                pair = (row.sentence, row.category)
                if pair in first_seen:
                    problems.append(
                        Problem(
                            shown,
                            line,
                            f"duplicate row: sentence {row.sentence}, {row.category} is already "
                            f"on row {first_seen[pair]}",
                        )
                    )
                else:
                    first_seen[pair] = line
                    rows.append(row)
    except csv.Error as err:
        problems.append(Problem(shown, reader.line_num, f"cannot be read as CSV: {err}"))
    if positions is None:
        problems.append(
            Problem(
                shown, None, "the file has no header; the first line must be 'sentence,category'"
            )
        )
    return rows, problems


def _check_row(
    cells: list[str],
    positions: dict[str, int],
    path: str,
    line: int,
    categories: Sequence[str],
    n_sentences: int,
) -> AnswerRow | Problem | None:
    """Check one data row; ``None`` when it says 'no signal'."""

    def cell(name: str) -> str:
        pos = positions[name]
        return _norm(cells[pos]) if pos < len(cells) else ""

    raw_sentence, raw_category = cell("sentence"), cell("category")
    category = raw_category.lower()
    if not raw_sentence and not category:
        return None  # a note on its own
    if not raw_sentence:
        return Problem(path, line, f"no sentence number for category {raw_category!r}")
    if not _NUMBER.fullmatch(raw_sentence):
        return Problem(
            path,
            line,
            f"sentence {raw_sentence!r} is not a number; write the sentence's number from the "
            f"worksheet (1-{n_sentences})",
        )
    number = int(float(raw_sentence))
    if not 1 <= number <= n_sentences:
        return Problem(
            path,
            line,
            f"sentence {number} is out of range; the worksheet has sentences 1-{n_sentences}",
        )
    if not category:
        return None
    if category not in categories:
        parts = [p for p in _SEPARATORS.split(category) if p]
        if len(parts) > 1 and all(suggest(p, categories) for p in parts):
            return Problem(
                path,
                line,
                f"one category per row: write {' and '.join(repr(p) for p in parts)} "
                f"on separate rows for sentence {number}",
            )
        close = suggest(category, categories)
        hint = f" (did you mean {close!r}?)" if close else ""
        return Problem(
            path,
            line,
            f"unknown category {raw_category!r}{hint}; allowed: {', '.join(categories)}",
        )
    return AnswerRow(line, number, category)


def read_answers(path: str | Path, *, key: Exercise, student: str | None = None) -> Answers:
    """Read one student's answer file and check it against the key.

    Parameters
    ----------
    path:
        The student's CSV file (format in the module docstring).
    key:
        The exercise; gives the allowed categories and the number of sentences.
    student:
        The student's name; by default the file name without its extension.

    Returns
    -------
    Answers
        The ``(sentence, category)`` pairs the student marked.

    Raises
    ------
    InputError, InputErrors
        When the file cannot be read or has bad rows; every problem names the file and row.
    """
    rows, problems = read_rows(path, categories=key.categories, n_sentences=key.n_sentences)
    if problems:
        raise_problems(problems)
    name = student if student is not None else Path(path).stem
    return Answers(str(path), name, frozenset((r.sentence, r.category) for r in rows))
