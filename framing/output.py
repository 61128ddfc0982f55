"""Write output files safely: only inside the output folder, only over its own files, atomically.

Every command that writes files (``framing report``, ``framing exercise make|grade``) goes
through :func:`write_files` (a folder of files) or :func:`write_file` (one file). Both promise:

**Only inside the output folder.** A file name is a relative path with ``/`` separators; an
absolute path, a drive, a backslash, an empty, ``.`` or ``..`` part is refused, and so is a name
whose folder resolves outside the output folder (through a symbolic link). Names built from user
input (a student's file name) cannot escape.

**Never over a file framing did not write.** The folder keeps a manifest,
``.framing-manifest.json``, listing every file framing wrote there with its SHA-256. A file that
is in the way and is not listed, or is listed but has changed since (someone edited it), is not
overwritten: :class:`~framing.errors.FramingError` names the first such file and suggests
``--force`` (``force=True``). Running the same command again over its own output needs no
``--force``. A file of an earlier run that is no longer produced is deleted when it is listed and
unchanged, and left alone (and dropped from the manifest) when it was edited. Nothing but regular
files is ever replaced or deleted: a folder in the way is an error even with ``--force``.

**Atomically.** Everything is first written to a temporary folder next to the output folder
(``.NAME.tmp-XXXX``, on the same file system), then each file is moved into place with
:func:`os.replace`, which replaces a file in one step. Until every new file is complete nothing in
the output folder changes, so a failure while rendering or writing (an exception, a full disk,
Ctrl-C) leaves the previous files exactly as they were. If moving the files into place fails
part-way, the files already moved are put back from hard-linked copies, so the folder again holds
the complete previous set. Only a hard kill in the few microseconds of those moves can leave some
files new and some old; each file is still complete, the manifest accepts both versions, and the
next run replaces them without ``--force``. The temporary folder is removed on every exception
(after a hard kill it is left behind, its name starting with a dot).

The manifest is deterministic (sorted names and SHA-256 digests, no timestamps), so a folder of
committed output (``reports/``) stays byte-for-byte reproducible; it is written last. Deleting it
makes framing treat every file in the folder as foreign.

Two programs writing to one folder at the same time are not coordinated.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PureWindowsPath

from framing.errors import FramingError

__all__ = ["MANIFEST", "write_file", "write_files"]

MANIFEST = ".framing-manifest.json"
"""The manifest's file name, in every folder framing writes to."""

_ABOUT = (
    "Files that framing wrote in this folder, with their SHA-256. framing replaces these "
    "(when unchanged) and refuses to overwrite any other file unless given --force."
)

Digests = dict[str, frozenset[str]]

Content = bytes | Callable[[Callable[[bytes], object]], None]
"""A file's content: its bytes, or a function that writes them, a block at a time, to the
``write`` function it is given (:func:`framing.export.write_json_to`), so a large file is
never held in memory whole."""


def write_files(
    out: str | Path,
    files: Mapping[str, Content],
    *,
    force: bool = False,
    prune: bool = True,
) -> list[Path]:
    """Write ``files`` into the folder ``out`` (created if needed), safely and atomically.

    See the module docstring for the guarantees.

    Parameters
    ----------
    out:
        The output folder.
    files:
        Relative file name (``"index.html"``, ``"tables/overview.csv"``) -> content
        (:data:`Content`: bytes, or a function writing them).
    force:
        Overwrite files in the way that framing did not write, or that changed since it wrote
        them.
    prune:
        Delete the files of an earlier run (listed in the manifest and unchanged) that are not in
        ``files``; with ``False`` they are kept and stay listed.

    Returns
    -------
    list of Path
        ``out / name`` for every name of ``files``, in the order given (the manifest is not
        included).

    Raises
    ------
    FramingError
        A name that is not a plain relative path or leads outside ``out``; ``out`` or a folder
        on the way that is not a folder; a file in the way that framing did not write (unless
        ``force``); an operating-system error while writing (naming the file). In every case
        the files already in ``out`` are left as they were.
    """
    out = Path(out)
    names = [_check_name(name) for name in files]
    _check_nesting(names)
    root = _output_root(out)
    old = _read_manifest(root)
    contents = {name: files[name] for name in names}
    new: Digests = {}
    _check_in_the_way(out, root, names, old, force=force)
    stale = [name for name in old if name not in contents] if prune else []
    kept = {} if prune else {n: d for n, d in old.items() if n not in contents and _exists(root, n)}
    manifest_path = root / MANIFEST
    previous_manifest = _read_bytes(manifest_path)
    staging = _staging_folder(out, root)
    current = out
    try:
        for name, data in contents.items():
            current = out / name
            new[name] = frozenset({_write_new(staging / "new" / name, data)})
        current = out / MANIFEST
        interim = {n: old.get(n, frozenset()) | new.get(n, frozenset()) for n in {*old, *new}}
        _replace(manifest_path, _manifest_bytes(interim), staging)
        current = out
        try:
            _move_into_place(root, names, staging)
        except BaseException:
            _restore(manifest_path, previous_manifest, staging)
            raise
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise FramingError(
            f"cannot write {current}: {error.strerror or error}; "
            f"the files already in {out} are unchanged"
        ) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        _delete_stale(root, stale, old)
        _replace(manifest_path, _manifest_bytes({**kept, **new}), staging)
    except OSError as error:
        raise FramingError(
            f"wrote the files to {out} but could not update {out / MANIFEST}: "
            f"{error.strerror or error}"
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in names]


def write_file(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write one file atomically, never over a file framing did not write.

    The file is written with :func:`write_files` into its folder (``prune=False``, so the other
    files there are left alone), which records it in that folder's manifest: writing the same
    path again later needs no ``force``; an existing file that framing did not write, or that
    changed since, is refused unless ``force``.

    Parameters
    ----------
    path:
        The file to write.
    data:
        Its content.
    force:
        Overwrite an existing file framing did not write (or that changed since).

    Returns
    -------
    Path
        ``path``.
    """
    target = Path(path)
    if target.name in ("", ".", ".."):
        raise FramingError(f"{path}: not a file name")
    written = write_files(target.parent, {target.name: data}, force=force, prune=False)
    return written[0]


# --- names and folders ----------------------------------------------------------------------------


def _check_name(name: object) -> str:
    """``name`` when it is a plain relative path inside the output folder."""
    if not isinstance(name, str) or not name:
        raise FramingError(f"an output file name must be non-empty text, got {name!r}")
    windows = PureWindowsPath(name)
    if (
        "\\" in name
        or "\0" in name
        or name.startswith("/")
        or windows.drive
        or windows.root
        or any(part in ("", ".", "..") for part in name.split("/"))
    ):
        raise FramingError(
            f"refusing to write {name!r}: an output file name is a relative path inside the "
            "output folder, with '/' between folders and no '.' or '..' parts"
        )
    if name == MANIFEST:
        raise FramingError(f"refusing to write {name!r}: framing keeps its manifest there")
    return name


def _check_nesting(names: Iterable[str]) -> None:
    given = set(names)
    for name in given:
        parts = name.split("/")
        for i in range(1, len(parts)):
            folder = "/".join(parts[:i])
            if folder in given:
                raise FramingError(f"cannot write both {folder!r} and {name!r}: one is a folder")


def _output_root(out: Path) -> Path:
    """The output folder, created when missing, as an absolute path without symbolic links."""
    if out.exists() and not out.is_dir():
        raise FramingError(f"{out} exists and is not a folder; choose another output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FramingError(
            f"cannot create the output folder {out}: {error.strerror or error}"
        ) from error
    return out.resolve()


def _inside(root: Path, path: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _check_in_the_way(
    out: Path, root: Path, names: list[str], old: Digests, *, force: bool
) -> None:
    """Raise when writing ``names`` would escape ``root`` or overwrite what it must not."""
    refused: list[str] = []
    for name in names:
        target = root / name
        if not _inside(root, target.parent):
            raise FramingError(
                f"refusing to write {out / name}: its folder leads outside {out} (a symbolic link)"
            )
        for parent in reversed(target.relative_to(root).parents[:-1]):
            folder = root / parent
            if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
                raise FramingError(f"cannot write {out / name}: {out / parent} is not a folder")
        if target.is_symlink() or target.is_file():
            if not force and not _is_ours(target, old.get(name)):
                refused.append(name)
        elif target.exists():
            raise FramingError(
                f"cannot write {out / name}: a folder of that name is in the way; "
                "move it away or choose another output folder"
            )
    if refused:
        first = refused[0]
        why = (
            "it changed since framing wrote it"
            if first in old
            else f"framing did not write it (it is not listed in {out / MANIFEST})"
        )
        more = f" ({len(refused) - 1} more file(s) are in the way)" if len(refused) > 1 else ""
        raise FramingError(
            f"refusing to overwrite {out / first}: {why}{more}; choose another output folder, "
            "or pass --force (force=True) to replace it"
        )


def _is_ours(path: Path, digests: frozenset[str] | None) -> bool:
    """Whether ``path`` is a regular file that framing wrote and nobody changed since."""
    if digests is None or path.is_symlink() or not path.is_file():
        return False
    data = _read_bytes(path)
    return data is not None and _sha256(data) in digests


def _exists(root: Path, name: str) -> bool:
    path = root / name
    return path.is_file() and not path.is_symlink()


def _staging_folder(out: Path, root: Path) -> Path:
    """A new temporary folder on the output folder's file system, next to it when possible."""
    parent = root.parent
    try:
        if root.name and os.stat(parent).st_dev == os.stat(root).st_dev:
            return Path(tempfile.mkdtemp(dir=parent, prefix=f".{root.name}.tmp-"))
    except OSError:
        pass  # the parent is not writable: stage inside the output folder instead
    try:
        return Path(tempfile.mkdtemp(dir=root, prefix=".framing-tmp-"))
    except OSError as error:
        raise FramingError(f"cannot write to {out}: {error.strerror or error}") from error


# --- the manifest -----------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _read_manifest(root: Path) -> Digests:
    """Name -> accepted digests; empty when there is no readable manifest.

    An unreadable or malformed manifest counts as none, so every file in the folder is then
    foreign: the safe reading.
    """
    data = _read_bytes(root / MANIFEST)
    if data is None:
        return {}
    try:
        parsed = json.loads(data.decode("utf-8"))
    except ValueError:
        return {}
    files = parsed.get("files") if isinstance(parsed, dict) else None
    if not isinstance(files, dict):
        return {}
    digests: Digests = {}
    for name, value in files.items():
        values = [value] if isinstance(value, str) else value
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            with contextlib.suppress(FramingError):
                digests[_check_name(name)] = frozenset(values)
    return digests


def _manifest_bytes(digests: Mapping[str, frozenset[str]]) -> bytes:
    files: dict[str, str | list[str]] = {}
    for name in sorted(digests):
        values = sorted(digests[name])
        files[name] = values[0] if len(values) == 1 else values
    document = {"about": _ABOUT, "files": files, "format": 1}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


# --- writing ------------------------------------------------------------------------------------


def _write_new(path: Path, data: Content) -> str:
    """Create ``path`` (and its folders) with ``data``, flushed to disk; its SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with path.open("xb") as stream:

        def write(block: bytes) -> None:
            digest.update(block)
            stream.write(block)

        if callable(data):
            data(write)
        else:
            write(bytes(data))
        stream.flush()
        os.fsync(stream.fileno())
    return digest.hexdigest()


def _replace(path: Path, data: bytes, staging: Path) -> None:
    """Replace ``path`` with ``data`` in one step."""
    handle, temporary = tempfile.mkstemp(dir=staging, prefix="replace-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def _restore(path: Path, data: bytes | None, staging: Path) -> None:
    """Put back a file's earlier content (``None``: it did not exist)."""
    with contextlib.suppress(OSError):
        if data is None:
            path.unlink(missing_ok=True)
        else:
            _replace(path, data, staging)


def _move_into_place(root: Path, names: list[str], staging: Path) -> None:
    """Move the staged files over their targets; on any failure put the old files back."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for name in names:
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            backup = None
            if target.is_symlink() or target.exists():
                backup = staging / "old" / name
                backup.parent.mkdir(parents=True, exist_ok=True)
                _keep_copy(target, backup)
            os.replace(staging / "new" / name, target)
            done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    target.unlink()
                    _remove_empty_folders(root, target.parent)
                else:
                    os.replace(backup, target)
        raise


def _keep_copy(target: Path, backup: Path) -> None:
    """A copy of ``target`` at ``backup``: a hard link when possible (no copying, no gap)."""
    if target.is_symlink():
        os.symlink(os.readlink(target), backup)
        return
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)


def _delete_stale(root: Path, stale: Iterable[str], old: Digests) -> None:
    """Delete files of an earlier run that are no longer written, when unchanged."""
    for name in stale:
        path = root / name
        if _inside(root, path.parent) and _is_ours(path, old.get(name)):
            with contextlib.suppress(OSError):  # best effort: an undeleted file does no harm
                path.unlink()
                _remove_empty_folders(root, path.parent)


def _remove_empty_folders(root: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents up to ``root`` (excluded) while they are empty."""
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
