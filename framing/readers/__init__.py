"""Read documents from files and folders: the first stage of the pipeline.

``read(paths)`` accepts ``.txt`` articles (scraped blog posts with embedded tweets are
split), ``.jsonl``/``.ndjson`` and ``.csv`` corpora, X archive ``tweets.js``/``tweet.js``,
X API v2 ``.json``, and folders (recursively; the livedoor layout is recognized). Files are
decoded from UTF-8, CP932/Shift_JIS or EUC-JP.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing.document import Document
from framing.errors import InputError, Problem
from framing.readers.encoding import decode, read_text
from framing.readers.livedoor import is_livedoor, read_livedoor
from framing.readers.plaintext import read_plaintext
from framing.readers.tabular import read_csv, read_jsonl
from framing.readers.twitter import looks_like_api_v2, read_api_v2, read_archive

__all__ = ["ReadResult", "decode", "read", "read_file"]

SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv", ".json", ".js")
_ARCHIVE_NAMES = ("tweets.js", "tweet.js")
#: Files inside a corpus folder that are not documents (licences and the corpus's own notes).
NOT_DOCUMENTS = ("LICENSE", "LICENCE", "README", "CHANGES", "COPYING")


@dataclass
class ReadResult:
    """Documents read, and what was skipped (with ``skip_bad``) or passed over in folders."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    passed_over: list[Problem] = field(default_factory=list)


def _read_json(source: str, path: Path) -> list[Document]:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        raise InputError(
            str(path), error.lineno, f"invalid JSON: {error.msg} (column {error.colno})"
        ) from None
    if looks_like_api_v2(data):
        return read_api_v2(source, data, path=path)
    raise InputError(
        str(path),
        1,
        'unrecognized JSON: expected an X API v2 response ({"data": [...]}); '
        "use .jsonl for one document per line",
    )


def read_file(
    path: Path, *, skip_bad: bool = False, skipped: list[Problem] | None = None
) -> list[Document]:
    """Read one file into documents; see the module docstring for the formats."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            str(path),
            None,
            f"unsupported file type {suffix or '(none)'!r}; "
            f"supported: {', '.join(SUFFIXES)} and folders",
        )
    if (
        suffix == ".js"
        and path.name not in _ARCHIVE_NAMES
        and not path.name.startswith("tweets-part")
    ):
        raise InputError(
            str(path), None, "only tweets.js / tweet.js of an X archive are read among .js files"
        )
    source = read_text(path)
    if not source.strip():
        return []  # an empty (or blank) file holds no documents, whatever its type

    def on_error(error: InputError) -> None:
        if not skip_bad:
            raise error
        if skipped is not None:
            skipped.append(error.problem)

    if suffix == ".txt":
        if is_livedoor(source, path):
            return read_livedoor(source, path=path)
        return read_plaintext(source, path=path)
    if suffix in (".jsonl", ".ndjson"):
        return read_jsonl(source, path=path, on_error=on_error)
    if suffix == ".csv":
        return read_csv(source, path=path, on_error=on_error)
    if suffix == ".js":
        return read_archive(source, path=path)
    return _read_json(source, path)


def _walk(folder: Path, passed_over: list[Problem]) -> Iterable[Path]:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if path.name.upper().startswith(NOT_DOCUMENTS) or path.name == "account.js":
            passed_over.append(Problem(str(path), None, "not a document (licence or corpus notes)"))
            continue
        if path.suffix.lower() not in SUFFIXES:
            passed_over.append(Problem(str(path), None, f"unsupported file type {path.suffix!r}"))
            continue
        yield path


def read(paths: str | Path | Sequence[str | Path], *, skip_bad: bool = False) -> ReadResult:
    """Read every path (files or folders) into one list of documents.

    Parameters
    ----------
    paths:
        Files and folders. Folders are read recursively in sorted order; licence and README
        files and unsupported types found there are listed in ``passed_over``.
    skip_bad:
        Instead of raising at the first bad file or row, skip it and list it in ``skipped``.

    Raises
    ------
    InputError
        For a missing path, an undecodable file, a malformed row (unless ``skip_bad``), or a
        ``doc_id`` that occurs twice.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = ReadResult()
    seen: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files: Iterable[Path] = _walk(path, result.passed_over)
        elif path.exists():
            files = [path]
        else:
            error = InputError(str(path), None, "no such file or directory")
            if not skip_bad:
                raise error
            result.skipped.append(error.problem)
            continue
        for file in files:
            try:
                documents = read_file(file, skip_bad=skip_bad, skipped=result.skipped)
            except InputError as error:
                if not skip_bad:
                    raise
                result.skipped.append(error.problem)
                continue
            for document in documents:
                if document.doc_id in seen:
                    duplicate = InputError(
                        str(file),
                        None,
                        f"duplicate doc_id {document.doc_id!r} "
                        f"(first read from {seen[document.doc_id]})",
                    )
                    if not skip_bad:
                        raise duplicate
                    result.skipped.append(duplicate.problem)
                    continue
                seen[document.doc_id] = str(file)
                result.documents.append(document)
    return result
