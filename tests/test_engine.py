"""framing.engine: every engine gives the results of one process, in input order."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.cache import Cache
from framing.document import Document
from framing.engine import (
    PARALLEL_MIN_DOCUMENTS,
    DocResult,
    lemma_counts,
    process_document,
    run,
)
from framing.lexicon import Lexicon


def _many(documents: list[Document], n: int) -> list[Document]:
    """``n`` documents cycling through ``documents`` with unique ids (enough to go parallel)."""
    return [
        dataclasses.replace(documents[i % len(documents)], doc_id=f"copy-{i:04d}") for i in range(n)
    ]


@pytest.fixture(scope="module")
def serial(sample_documents: list[Document], lexicon: Lexicon) -> list[DocResult]:
    return [r for _, r in run(sample_documents, lexicon, jobs=1)]


def test_serial_matches_process_document(
    sample_documents: list[Document], lexicon: Lexicon, serial: list[DocResult]
) -> None:
    assert serial == [process_document(d, lexicon) for d in sample_documents]
    assert [r.doc_id for r in serial] == [d.doc_id for d in sample_documents]


def test_process_pool_is_identical_and_ordered(
    sample_documents: list[Document], lexicon: Lexicon
) -> None:
    documents = _many(sample_documents, PARALLEL_MIN_DOCUMENTS + 37)
    expected = [process_document(d, lexicon) for d in documents]
    pairs = list(run(documents, lexicon, jobs=2, batch_size=7))
    assert [d.doc_id for d, _ in pairs] == [d.doc_id for d in documents]
    assert [r for _, r in pairs] == expected


def test_input_is_consumed_lazily(sample_documents: list[Document], lexicon: Lexicon) -> None:
    """Only a bounded window of documents is read ahead of what has been yielded."""
    documents = _many(sample_documents, 2000)
    pulled = 0

    def source() -> Iterator[Document]:
        nonlocal pulled
        for document in documents:
            pulled += 1
            yield document

    stream = run(source(), lexicon, jobs=2, batch_size=4)
    next(stream)
    assert pulled < 2000 / 2  # a window, not the corpus
    stream.close()


def test_dask_local_cluster_is_identical(
    sample_documents: list[Document], lexicon: Lexicon, serial: list[DocResult]
) -> None:
    pytest.importorskip("distributed")
    pairs = list(run(sample_documents, lexicon, jobs=2, engine="dask", batch_size=16))
    assert [r for _, r in pairs] == serial


def test_lexicon_travels_as_file_contents(tmp_path: Path, sample_documents: list[Document]) -> None:
    """Workers rebuild the lexicon from bytes, so a deleted file does not matter."""
    from framing.lexicon import default_lexicon_paths, load_lexicon

    copy = tmp_path / "hedge.yaml"
    (hedge,) = [p for p in default_lexicon_paths() if p.name == "hedge.yaml"]
    copy.write_bytes(hedge.read_bytes())
    mine = load_lexicon([copy])
    documents = _many(sample_documents, PARALLEL_MIN_DOCUMENTS)
    expected = [process_document(d, mine) for d in documents]
    stream = run(documents, mine, jobs=2)
    first = next(stream)
    copy.unlink()
    assert [first[1], *(r for _, r in stream)] == expected


def test_cache_gives_the_same_results(
    tmp_path: Path, sample_documents: list[Document], lexicon: Lexicon, serial: list[DocResult]
) -> None:
    cache = Cache(tmp_path)
    cold = [r for _, r in run(sample_documents, lexicon, jobs=1, cache=cache)]
    stats = cache.stats()
    assert stats.entries["analysis"] == stats.entries["result"] == len(sample_documents)
    warm = [r for _, r in run(sample_documents, lexicon, jobs=1, cache=cache)]
    assert cold == warm == serial


def test_process_pool_serves_stored_results_and_computes_the_rest(
    tmp_path: Path, sample_documents: list[Document], lexicon: Lexicon
) -> None:
    """Half the documents are cached: the pool's results are still those of one process, in
    order, and every document ends up stored."""
    documents = _many(sample_documents, PARALLEL_MIN_DOCUMENTS + 37)
    expected = [process_document(d, lexicon) for d in documents]
    cache = Cache(tmp_path)
    list(run(documents[::2], lexicon, jobs=1, cache=cache))
    assert cache.stats().entries["result"] == len(documents[::2])
    pairs = list(run(documents, lexicon, jobs=2, cache=cache, batch_size=7))
    assert [d.doc_id for d, _ in pairs] == [d.doc_id for d in documents]
    assert [r for _, r in pairs] == expected
    assert cache.stats().entries["result"] == len(documents)
    warm = [r for _, r in run(documents, lexicon, jobs=2, cache=cache, batch_size=7)]
    assert warm == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_without_lemmas_are_the_same_but_the_lemmas(
    tmp_path: Path, sample_documents: list[Document], lexicon: Lexicon, jobs: int
) -> None:
    """``lemmas=False`` empties the lemma counts and nothing else, with or without a cache;
    the cache still stores them for a later run that wants them."""
    documents = _many(sample_documents, PARALLEL_MIN_DOCUMENTS + 11)
    full = [process_document(d, lexicon) for d in documents]
    assert any(r.lemmas for r in full)
    bare = [dataclasses.replace(r, lemmas={}) for r in full]
    assert [r for _, r in run(documents, lexicon, jobs=jobs, lemmas=False)] == bare
    cache = Cache(tmp_path)
    assert [r for _, r in run(documents, lexicon, jobs=jobs, cache=cache, lemmas=False)] == bare
    assert [r for _, r in run(documents, lexicon, jobs=jobs, cache=cache, lemmas=False)] == bare
    assert [r for _, r in run(documents, lexicon, jobs=jobs, cache=cache)] == full


def test_lexicon_edit_reuses_analyses(
    tmp_path: Path, sample_documents: list[Document], lexicon: Lexicon
) -> None:
    """After a lexicon edit only detection runs again: the analyses come from the cache."""
    from framing.lexicon import default_lexicon_paths, load_lexicon

    cache = Cache(tmp_path / "cache")
    list(run(sample_documents[:5], lexicon, jobs=1, cache=cache))
    folder = tmp_path / "lex"
    folder.mkdir()
    for path in default_lexicon_paths():
        (folder / path.name).write_bytes(path.read_bytes())
    edited = folder / "booster.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    other = load_lexicon([folder])
    assert other.sha256 != lexicon.sha256
    before = cache.stats().entries
    results = [r for _, r in run(sample_documents[:5], other, jobs=1, cache=cache)]
    after = cache.stats().entries
    assert after["analysis"] == before["analysis"] == 5
    assert after["result"] == before["result"] + 5
    assert results == [process_document(d, other) for d in sample_documents[:5]]


def test_lemma_counts_follow_keyness_defaults(sample_documents: list[Document]) -> None:
    from framing.detection import analyze_document

    analysis = analyze_document(sample_documents[0])
    excluded = {"補助記号", "記号", "空白", "助詞", "助動詞"}
    expected: dict[str, int] = {}
    for m in analysis.tokens:
        if m.kind == "word" and m.pos1 not in excluded:
            expected[m.lemma] = expected.get(m.lemma, 0) + 1
    assert lemma_counts(analysis.tokens) == expected
    assert "侵攻" in expected and "は" not in expected
    # Shared type records count once per token, in the order lemmas first occur.
    assert analysis.types.count(analysis.types[0]) > 1
    assert list(lemma_counts(analysis.types).items()) == list(expected.items())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"engine": "spark"}, "unknown engine 'spark'"),
        ({"jobs": 0}, "jobs must be a positive integer"),
        ({"scheduler": "tcp://x:1"}, "needs engine='dask'"),
    ],
)
def test_bad_options(lexicon: Lexicon, options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        next(run([], lexicon, **options))  # type: ignore[arg-type]
