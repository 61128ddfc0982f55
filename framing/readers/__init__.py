"""Read documents from files and folders: the first stage of the pipeline.

``read(paths)`` accepts ``.txt`` articles (scraped blog posts with embedded tweets are
split), ``.jsonl``/``.ndjson`` and ``.csv`` corpora, X archive ``tweets.js``/``tweet.js``,
X API v2 ``.json``, and folders (recursively; the livedoor layout is recognized). Files are
decoded from UTF-8, CP932/Shift_JIS, EUC-JP, or UTF-16/32 with a byte order mark.
``iter_read(paths)`` yields the same documents one file at a time.

What goes wrong is reported, never dropped silently (``docs/errors.md``): an unreadable file
or row raises :class:`~framing.errors.InputError` naming the file and line, or with
``skip_bad`` is listed in ``skipped``; what a folder holds that is not a document (licences,
unsupported types, symbolic-link loops, pipes) is listed in ``passed_over``.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing.document import Document
from framing.errors import InputError, Problem
from framing.readers.encoding import decode, read_text
from framing.readers.livedoor import is_livedoor, read_livedoor
from framing.readers.plaintext import read_plaintext
from framing.readers.tabular import read_csv, read_jsonl
from framing.readers.twitter import looks_like_api_v2, read_api_v2, read_archive

__all__ = ["ReadResult", "decode", "iter_read", "read", "read_file"]

SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv", ".json", ".js")
_ARCHIVE_NAMES = ("tweets.js", "tweet.js")
#: Files inside a corpus folder that are not documents (licences and the corpus's own notes).
NOT_DOCUMENTS = ("LICENSE", "LICENCE", "README", "CHANGES", "COPYING")

OnError = Callable[[InputError], None]


@dataclass
class ReadResult:
    """Documents read, and what was skipped (with ``skip_bad``) or passed over in folders."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    passed_over: list[Problem] = field(default_factory=list)


def _read_json(source: str, path: Path, on_error: OnError) -> list[Document]:
    try:
        data = json.loads(source)
    except json.JSONDecodeError as error:
        raise InputError(
            str(path), error.lineno, f"invalid JSON: {error.msg} (column {error.colno})"
        ) from None
    except RecursionError:
        raise InputError(str(path), None, "invalid JSON: nested too deeply") from None
    if looks_like_api_v2(data):
        return read_api_v2(source, data, path=path, on_error=on_error)
    raise InputError(
        str(path),
        1,
        'unrecognized JSON: expected an X API v2 response ({"data": [...]}); '
        "use .jsonl for one document per line",
    )


def read_file(
    path: Path, *, skip_bad: bool = False, skipped: list[Problem] | None = None
) -> list[Document]:
    """Read one file into documents; see the module docstring for the formats.

    With ``skip_bad``, bad rows of a JSONL/CSV file and bad tweets of an X export are left
    out and listed in ``skipped``; a problem with the whole file still raises.

    Raises
    ------
    InputError
        For an unsupported type, an unreadable or undecodable file, or (without
        ``skip_bad``) a bad row.
    """
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
    if skip_bad and skipped is None:
        raise ValueError("skip_bad=True needs a 'skipped' list to report what was skipped")
    source = read_text(path)
    if not source.strip():
        return []  # an empty (or blank) file holds no documents, whatever its type

    def on_error(error: InputError) -> None:
        if not skip_bad or skipped is None:
            raise error
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
        return read_archive(source, path=path, on_error=on_error)
    return _read_json(source, path, on_error)


# --- folders --------------------------------------------------------------------------------


def _is_ancestor(folder: Path, path: Path) -> bool:
    return folder == path or folder in path.parents


def _link_target(path: Path) -> str:
    try:
        return repr(os.readlink(path))
    except OSError:
        return "an unknown target"


class _Walk:
    """Depth-first, sorted walk of one folder that follows symbolic links safely.

    Every folder and file is read once, identified by device and inode: a link back to a
    folder being walked is a loop, a second link to a folder or file already read is a
    repeat; both are passed over with a message, as are broken links, pipes, sockets and
    devices. Names starting with ``.`` are hidden and left out without a message.
    """

    def __init__(self, passed_over: list[Problem], on_error: OnError) -> None:
        self.passed_over = passed_over
        self.on_error = on_error
        self.entered: dict[tuple[int, int], Path] = {}
        self.files_seen: dict[tuple[int, int], Path] = {}

    def _pass(self, path: Path, message: str) -> None:
        self.passed_over.append(Problem(str(path), None, message))

    def files(self, folder: Path, info: os.stat_result) -> Iterator[Path]:
        self.entered[(info.st_dev, info.st_ino)] = folder
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except OSError as error:
            self.on_error(
                InputError(str(folder), None, f"cannot read the folder: {error.strerror}")
            )
            return
        for name in names:
            if name.startswith("."):
                continue
            yield from self._entry(folder / name)

    def _entry(self, path: Path) -> Iterator[Path]:
        try:
            info = path.stat()  # follows symbolic links
        except OSError as error:
            if error.errno == errno.ELOOP:
                self._pass(path, "symbolic link loop (the link never reaches a file or folder)")
            elif error.errno == errno.ENOENT:
                self._pass(path, f"broken symbolic link (to {_link_target(path)})")
            else:
                self._pass(path, f"cannot read: {error.strerror}")
            return
        if stat.S_ISDIR(info.st_mode):
            first = self.entered.get((info.st_dev, info.st_ino))
            if first is None:
                yield from self.files(path, info)
            elif _is_ancestor(first, path):
                self._pass(path, f"symbolic link loop: leads back to {first}")
            else:
                self._pass(path, f"the same folder as {first}, already read")
            return
        if not stat.S_ISREG(info.st_mode):
            self._pass(path, "not a regular file (a pipe, socket or device)")
            return
        same = self.files_seen.setdefault((info.st_dev, info.st_ino), path)
        if same != path:
            self._pass(path, f"the same file as {same}, already read")
            return
        if path.name.upper().startswith(NOT_DOCUMENTS) or path.name == "account.js":
            self._pass(path, "not a document (licence or corpus notes)")
            return
        if path.suffix.lower() not in SUFFIXES:
            self._pass(path, f"unsupported file type {path.suffix or '(none)'!r}")
            return
        yield path


def _given(path: Path, passed_over: list[Problem], on_error: OnError) -> Iterator[Path]:
    """The files to read for one path given by the user (a file, or a folder's files)."""
    try:
        info = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            message = "symbolic link loop"
        elif error.errno == errno.ENOENT:
            message = "no such file or directory"
            if path.is_symlink():
                message = f"broken symbolic link (to {_link_target(path)})"
        else:
            message = f"cannot read: {error.strerror}"
        on_error(InputError(str(path), None, message))
        return
    if not stat.S_ISDIR(info.st_mode):
        yield path  # read_file says what is wrong with a pipe or an unsupported type
        return
    found = 0
    before = len(passed_over)
    for file in _Walk(passed_over, on_error).files(path, info):
        found += 1
        yield file
    if not found:
        passed = len(passed_over) - before
        detail = f"; passed over {passed} file(s), see the list" if passed else ""
        on_error(
            InputError(
                str(path),
                None,
                f"the folder holds no file to read (supported: {', '.join(SUFFIXES)}){detail}",
            )
        )


def iter_read(
    paths: str | Path | Sequence[str | Path],
    *,
    skip_bad: bool = False,
    skipped: list[Problem] | None = None,
    passed_over: list[Problem] | None = None,
) -> Iterator[Document]:
    """Yield the documents of every path, one file at a time.

    The same documents, in the same order and with the same checks as :func:`read`, but
    only one file's documents are held at a time (and the ``doc_id`` values seen so far, to
    catch duplicates), so a corpus larger than memory can be streamed. ``skipped`` and
    ``passed_over`` are filled as the walk goes; they are complete once the iterator is
    exhausted.

    Parameters
    ----------
    paths:
        Files and folders. Folders are read recursively in sorted order, following symbolic
        links (each folder once).
    skip_bad:
        Instead of raising at the first bad file or row, skip it and append it to
        ``skipped`` (which is then required).
    skipped:
        Receives what was skipped with ``skip_bad``.
    passed_over:
        Receives what folders hold that is not a document: licences and README files,
        unsupported types, symbolic-link loops, pipes. ``None`` discards them.

    Raises
    ------
    InputError
        Without ``skip_bad``: a missing path, an empty folder, an unreadable or undecodable
        file, a malformed row, or a ``doc_id`` that occurs twice. Documents before the
        problem have been yielded already.
    ValueError
        For ``skip_bad=True`` without a ``skipped`` list (what was skipped would be lost);
        raised by the call itself, before any file is read.
    """
    if skip_bad and skipped is None:
        raise ValueError("skip_bad=True needs a 'skipped' list to report what was skipped")
    given = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    return _documents(
        given,
        skip_bad=skip_bad,
        skipped=skipped,
        passed_over=passed_over if passed_over is not None else [],
    )


def _documents(
    paths: list[Path],
    *,
    skip_bad: bool,
    skipped: list[Problem] | None,
    passed_over: list[Problem],
) -> Iterator[Document]:
    """The generator behind :func:`iter_read` (which checks its arguments at once)."""

    def on_error(error: InputError) -> None:
        if not skip_bad or skipped is None:
            raise error
        skipped.append(error.problem)

    seen: dict[str, str] = {}
    for path in paths:
        for file in _given(path, passed_over, on_error):
            try:
                documents = read_file(file, skip_bad=skip_bad, skipped=skipped)
            except InputError as error:
                on_error(error)
                continue
            for document in documents:
                first = seen.get(document.doc_id)
                if first is not None:
                    on_error(
                        InputError(
                            str(file),
                            None,
                            f"duplicate doc_id {document.doc_id!r} (first read from {first})",
                        )
                    )
                    continue
                seen[document.doc_id] = str(file)
                yield document


def read(paths: str | Path | Sequence[str | Path], *, skip_bad: bool = False) -> ReadResult:
    """Read every path (files or folders) into one list of documents.

    :func:`iter_read` collected into a :class:`ReadResult`.

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
        For a missing path, an empty folder, an undecodable file, a malformed row (unless
        ``skip_bad``), or a ``doc_id`` that occurs twice.
    """
    result = ReadResult()
    result.documents.extend(
        iter_read(paths, skip_bad=skip_bad, skipped=result.skipped, passed_over=result.passed_over)
    )
    return result
