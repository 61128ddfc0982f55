"""The entries of MeCab's compiled dictionary (``sys.dic``, ``unk.dic``), read from the files.

MeCab can print, for each morpheme, the surface and the ids that pick its dictionary entry
(left and right context ids and word cost: ``%m\\t%phl,%phr,%pw``) instead of the 26-field
feature string (``%H``). That line is a quarter as long, MeCab writes it faster and Python
splits and hashes it faster; the feature string of a line seen for the first time is then
read here, from the entry with that surface and those ids.

The layout is MeCab 0.996's (``dictionary.cpp``, version 102): a header of ten 32-bit
integers and the charset name (32 bytes), the double-array trie of the surfaces (Darts:
8-byte units of a signed ``base`` and an unsigned ``check``), the entries (16 bytes each:
left id, right id, part-of-speech id, cost as 16-bit integers, then the offset of the
feature string and a compound field as 32-bit ones) and the NUL-terminated feature strings.
A trie leaf holds ``first entry << 8 | number of entries`` for its surface. The unknown-word
dictionary has the same layout; its keys are character classes (``KANJI``), so its entries
are matched on the ids alone.
"""

from __future__ import annotations

import mmap
import os
import struct
import threading
from collections.abc import Callable
from pathlib import Path

__all__ = ["CompiledDictionary", "DictionaryFormatError"]

_MAGIC = 0xEF718F77
_VERSION = 102
_HEADER = struct.Struct("<10I")
_HEADER_SIZE = _HEADER.size + 32  # then the charset name
_UNIT = struct.Struct("<iI")  # a double-array unit: base, check
_ENTRY = struct.Struct("<HHHhII")  # left id, right id, POS id, cost, feature offset, compound
#: Feature strings are read in blocks of this many bytes (UniDic's longest is about 300).
_READ = 512


def _read_at(descriptor: int, position: int) -> bytes:
    """Up to :data:`_READ` bytes of a file from ``position`` (one system call where the
    platform has ``pread``)."""
    if _PREAD is not None:
        return _PREAD(descriptor, _READ, position)
    with _SEEK_LOCK:  # seek and read share the descriptor's position: one thread at a time
        os.lseek(descriptor, position, os.SEEK_SET)
        return os.read(descriptor, _READ)


_PREAD: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)  # not on Windows
_SEEK_LOCK = threading.Lock()


class DictionaryFormatError(ValueError):
    """A file that is not a MeCab dictionary this module can read."""


class CompiledDictionary:
    """One compiled MeCab dictionary file: the trie and the entries mapped read-only into
    memory (as MeCab maps them: only the pages read count towards the process's memory), the
    feature strings read from the file when asked for (a mapping would hold every page read,
    about 100 MB on a large corpus).

    Parameters
    ----------
    path:
        ``sys.dic`` or ``unk.dic``.

    Raises
    ------
    DictionaryFormatError
        When the header does not match the file (magic number, version, sizes, charset).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        size = self.path.stat().st_size
        if size < _HEADER_SIZE:
            raise DictionaryFormatError(f"{self.path}: too short for a MeCab dictionary")
        # One bare descriptor for the mapping and the feature reads (no ResourceWarning: the
        # process-wide dictionaries stay open until the process ends).
        descriptor = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        data = mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
        magic, version, _kind, count, _left, _right, trie, entries, features, _ = (
            _HEADER.unpack_from(data)
        )
        charset = data[_HEADER.size : _HEADER_SIZE].split(b"\0", 1)[0].decode("ascii", "replace")
        problems = []
        if magic ^ _MAGIC != size:
            problems.append("the magic number does not match the file size")
        if version != _VERSION:
            problems.append(f"version {version} (expected {_VERSION})")
        if _HEADER_SIZE + trie + entries + features != size or entries != count * 16:
            problems.append("the section sizes do not add up")
        if charset.lower().replace("-", "") != "utf8":
            problems.append(f"charset {charset!r} (expected utf-8)")
        if problems:
            data.close()
            os.close(descriptor)
            raise DictionaryFormatError(f"{self.path}: {'; '.join(problems)}")
        self._data = data
        self._descriptor = descriptor
        self._units = trie // 8
        self._entries_at = _HEADER_SIZE + trie
        self._features_at = self._entries_at + entries
        self.size = count

    def close(self) -> None:
        """Release the mapping and the file (the process-wide dictionaries stay open)."""
        self._data.close()
        os.close(self._descriptor)

    def _range(self, surface: bytes) -> range:
        """The indices of the entries whose surface is ``surface`` (exact trie match)."""
        data = self._data
        unit = _UNIT.unpack_from
        at = _HEADER_SIZE
        base = unit(data, at)[0]
        limit = self._units
        for byte in surface:
            position = base + byte + 1
            if not 0 <= position < limit:
                return range(0)
            following, check = unit(data, at + position * 8)
            if check != base & 0xFFFFFFFF:
                return range(0)
            base = following
        if not 0 <= base < limit:
            return range(0)
        value, check = unit(data, at + base * 8)
        if check != base & 0xFFFFFFFF or value >= 0:
            return range(0)
        leaf = -value - 1
        first = leaf >> 8
        return range(first, min(first + (leaf & 0xFF), self.size))

    def _feature(self, offset: int) -> str:
        position = self._features_at + offset
        chunks = []
        while True:
            block = _read_at(self._descriptor, position)
            end = block.find(b"\0")
            if end >= 0 or not block:
                chunks.append(block if end < 0 else block[:end])
                return b"".join(chunks).decode("utf-8")
            chunks.append(block)
            position += len(block)

    def features(self, surface: str | None, left: int, right: int, cost: int) -> list[str]:
        """Feature strings of the entries with these ids, and this surface unless it is None
        (the unknown-word dictionary: every entry is tried), in the dictionary's order.
        Usually one; a few surfaces have two or three entries with the same ids and cost
        (names with two readings: 鬼太郎 オニタロウ and キタロウ)."""
        indices = range(self.size) if surface is None else self._range(surface.encode("utf-8"))
        found = []
        for k in indices:
            entry_left, entry_right, _pos, entry_cost, offset, _ = _ENTRY.unpack_from(
                self._data, self._entries_at + k * 16
            )
            if entry_left == left and entry_right == right and entry_cost == cost:
                found.append(self._feature(offset))
        return found
