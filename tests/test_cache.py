"""framing.cache: atomic entries, damaged entries are misses, clearing, keys."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from framing.cache import Cache, default_cache_dir


def test_round_trip_and_stats(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    key = Cache.analysis_key("米国は侵攻した。")
    assert cache.get("analysis", key) is None
    value = ((0, 0, 8),), (("米国", "米国", "名詞"),)
    cache.put("analysis", key, value)
    assert cache.get("analysis", key) == value
    stats = cache.stats()
    assert stats.entries == {"analysis": 1, "result": 0}
    assert stats.bytes["analysis"] > 0
    assert cache.clear() == 1
    assert cache.get("analysis", key) is None


def test_the_folder_may_be_given_as_text(tmp_path: Path) -> None:
    cache = Cache(str(tmp_path))  # type: ignore[arg-type]
    assert cache.directory == tmp_path
    cache.put("result", "ab" * 32, {"x": 1})
    assert cache.get("result", "ab" * 32) == {"x": 1}


def test_keys_depend_on_text_and_lexicon() -> None:
    assert Cache.analysis_key("a") != Cache.analysis_key("b")
    assert Cache.analysis_key("a") == Cache.analysis_key("a")
    assert Cache.result_key("{}", "x" * 64) != Cache.result_key("{}", "y" * 64)


def test_damaged_entry_is_a_miss_and_removed(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    key = Cache.analysis_key("text")
    cache.put("analysis", key, (1, 2, 3))
    path = next((tmp_path / "analysis").glob("*/*"))
    path.write_bytes(path.read_bytes()[:3])
    assert cache.get("analysis", key) is None
    assert not path.exists()


def test_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = Cache(blocker)
    cache.put("result", "ab" * 32, (1,))  # no exception
    assert cache.get("result", "ab" * 32) is None


def _hammer(directory: str, worker: int) -> None:
    cache = Cache(Path(directory))
    for i in range(200):
        cache.put("result", Cache.analysis_key(str(i % 10)), (i % 10, "x" * 1000))
        got = cache.get("result", Cache.analysis_key(str((i + worker) % 10)))
        assert got is None or got == ((i + worker) % 10, "x" * 1000)


def test_concurrent_writers_never_expose_partial_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_hammer, args=(str(tmp_path), w)) for w in range(3)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    assert [p.exitcode for p in processes] == [0, 0, 0]
    assert not list(tmp_path.rglob(".tmp-*"))
    assert Cache(tmp_path).stats().entries["result"] == 10


def test_default_dir_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("FRAMING_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "framing"
