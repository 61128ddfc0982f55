"""On-disk cache of per-document work, so that re-running costs only what changed.

Two kinds of entries, one file each, under ``<cache dir>/<kind>/<2 hex>/<sha256>``:

``analysis``
    A document's sentences and morphemes, keyed by its text and the versions of fugashi,
    unidic-lite and framing's tokenizer. Editing a lexicon keeps these: only detection runs
    again.
``result``
    A document's hits, sizes and lemma counts (:class:`framing.engine.DocResult`), keyed by
    the whole document record and the lexicon's SHA-256.

Entries are written to a temporary file in the same folder and renamed into place, so
concurrent runs (and crashes) never leave a partial entry: a reader sees a whole entry or
none. An entry that cannot be read (a different Python, a damaged disk) is a miss and is
removed. Entries are ``marshal`` data of strings, numbers and tuples only: loading one cannot
run code.

The folder is ``$FRAMING_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/framing`` or
``~/.cache/framing``. ``framing cache info`` shows it; ``framing cache clear`` empties it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

__all__ = ["TOKENIZER_VERSION", "Cache", "CacheStats", "default_cache_dir"]

Kind = Literal["analysis", "result"]
KINDS: tuple[Kind, ...] = ("analysis", "result")
#: Bump when sentence splitting or tokenization changes what it produces for the same text and
#: dictionary.
TOKENIZER_VERSION = "4"
#: Bump when detection or counting changes what it produces for the same lexicon.
RESULT_VERSION = "3"
_MARSHAL_VERSION = 4


def default_cache_dir() -> Path:
    """``$FRAMING_CACHE_DIR``, else ``$XDG_CACHE_HOME/framing``, else ``~/.cache/framing``."""
    if os.environ.get("FRAMING_CACHE_DIR"):
        return Path(os.environ["FRAMING_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "framing"


@cache
def _environment() -> bytes:
    from importlib.metadata import version

    parts = (
        f"python {sys.version_info[0]}.{sys.version_info[1]}",
        f"fugashi {version('fugashi')}",
        f"unidic-lite {version('unidic-lite')}",
        f"tokenizer {TOKENIZER_VERSION}",
    )
    return "\n".join(parts).encode()


@dataclass(frozen=True)
class CacheStats:
    """What a cache folder holds: ``entries`` and ``bytes`` per kind."""

    directory: Path
    entries: dict[str, int]
    bytes: dict[str, int]


@dataclass(frozen=True)
class Cache:
    """A cache folder (see the module docstring). Cheap to create, safe to share."""

    directory: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "directory", Path(self.directory))  # a str folder works too

    @classmethod
    def default(cls) -> Cache:
        """The cache in :func:`default_cache_dir`."""
        return cls(default_cache_dir())

    @staticmethod
    def analysis_key(text: str) -> str:
        """Key of a text's analysis: its SHA-256 with the tokenizer's versions."""
        digest = hashlib.sha256(_environment())
        digest.update(b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    @staticmethod
    def result_key(record: str, lexicon_sha256: str) -> str:
        """Key of a document's detection result: its record (JSON) and the lexicon digest."""
        digest = hashlib.sha256(_environment())
        digest.update(f"\0result {RESULT_VERSION}\0{lexicon_sha256}\0".encode())
        digest.update(record.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, kind: Kind, key: str) -> Path:
        return self.directory / kind / key[:2] / key

    def get(self, kind: Kind, key: str) -> Any | None:
        """The entry, or ``None`` when absent or unreadable (an unreadable one is removed)."""
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            path.unlink(missing_ok=True)
            return None

    def put(self, kind: Kind, key: str, value: Any) -> None:
        """Store an entry atomically; a cache that cannot be written is left alone."""
        path = self._path(kind, key)
        try:
            data = marshal.dumps(value, _MARSHAL_VERSION)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            return  # a full disk or a read-only cache slows the next run down, nothing more

    def stats(self) -> CacheStats:
        """Entries and bytes per kind."""
        entries: dict[str, int] = {}
        sizes: dict[str, int] = {}
        for kind in KINDS:
            files = [p for p in (self.directory / kind).glob("*/*") if p.is_file()]
            entries[kind] = len(files)
            sizes[kind] = sum(p.stat().st_size for p in files)
        return CacheStats(self.directory, entries, sizes)

    def clear(self) -> int:
        """Remove every entry; returns how many there were."""
        removed = sum(self.stats().entries.values())
        for kind in KINDS:
            shutil.rmtree(self.directory / kind, ignore_errors=True)
        return removed
