"""Run the per-document work — analyse, detect, count lemmas — over a stream of documents.

:func:`process_document` is the whole per-document pipeline: sentences and morphemes (from
the cache when the text was seen before), signal hits, sizes and lemma counts, returned as a
compact :class:`DocResult`. :func:`run` maps it over any iterable of documents and yields
``(document, result)`` pairs **in input order**, holding only a bounded window of documents
in memory, with one of three engines:

``jobs=1``
    in this process;
``engine="processes"`` (default)
    a pool of ``jobs`` worker processes on this machine (default: all cores);
``engine="dask"``
    a Dask cluster: a :class:`distributed.LocalCluster` of ``jobs`` workers, or the running
    cluster at ``scheduler`` (``tcp://host:8786``). Workers need framing installed; the
    lexicon travels with the tasks as file contents, so its files need not exist there.

Matching happens in the workers; only results travel back. With a cache, the process
engine reads stored results itself and sends workers only the documents it must compute.
Every engine gives the same results as one process (tested).
"""

from __future__ import annotations

import dataclasses
import gc
import importlib
import json
import os
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice, repeat
from pathlib import Path
from typing import Any, Literal

from framing.cache import Cache
from framing.detection import Analysis, Hit, analyze_document, detect
from framing.document import Document
from framing.errors import FramingError
from framing.lexicon import Lexicon, load_lexicon
from framing.sentences import Sentence
from framing.tokens import Morpheme

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_EXCLUDE_POS1",
    "DocResult",
    "Engine",
    "analyze_cached",
    "default_jobs",
    "lemma_counts",
    "process_document",
    "run",
]

Engine = Literal["processes", "dask"]
ENGINES: tuple[Engine, ...] = ("processes", "dask")
#: Documents sent to a worker at a time.
BATCH_SIZE = 16
#: Below this many documents the work stays in one process (starting workers costs more).
PARALLEL_MIN_DOCUMENTS = 300
#: Batches in flight per worker: enough to keep workers busy, few enough to bound memory.
WINDOW_PER_WORKER = 4

DEFAULT_EXCLUDE_POS1: tuple[str, ...] = ("補助記号", "記号", "空白", "助詞", "助動詞")
"""UniDic ``pos1`` values that lemma counts (and so :func:`framing.keyness.keyness`) leave out
by default: symbols, whitespace, particles, auxiliaries."""
_EXCLUDED_POS1 = frozenset(DEFAULT_EXCLUDE_POS1)


def default_jobs() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover - macOS, Windows


@dataclass(frozen=True)
class DocResult:
    """What the per-document work sends back.

    Attributes
    ----------
    doc_id:
        The document's id.
    hits:
        Its signal hits, in document order.
    morphemes, sentences:
        Its size.
    lemmas:
        Occurrences of each lemma of a word token, symbols, particles and auxiliaries left
        out (the counts :func:`framing.keyness.keyness` scores by default).
    """

    doc_id: str
    hits: list[Hit]
    morphemes: int
    sentences: int
    lemmas: dict[str, int]

    def to_cache(self) -> tuple[Any, ...]:
        hits = tuple(map(tuple, self.hits))
        return (self.doc_id, hits, self.morphemes, self.sentences, self.lemmas)

    @classmethod
    def of(cls, analysis: Analysis, lexicon: Lexicon, *, lemmas: bool = True) -> DocResult:
        """Detect the signals of an analysed document and count its lemmas (unless not
        ``lemmas``: then :attr:`lemmas` is empty)."""
        return cls(
            analysis.document.doc_id,
            detect(analysis, lexicon),
            len(analysis.types),
            len(analysis.sentences),
            lemma_counts(analysis.types) if lemmas else {},
        )

    def without_lemmas(self) -> DocResult:
        """This result with :attr:`lemmas` empty."""
        return dataclasses.replace(self, lemmas={}) if self.lemmas else self

    @classmethod
    def from_cache(cls, value: tuple[Any, ...]) -> DocResult:
        doc_id, hits, morphemes, sentences, lemmas = value
        return cls(doc_id, list(map(Hit._make, hits)), morphemes, sentences, lemmas)


def lemma_counts(tokens: Sequence[Morpheme]) -> dict[str, int]:
    """Lemmas of word tokens, symbols, particles and auxiliaries left out, with counts."""
    # m[1] is the lemma, m[2] pos1 and m[12] the kind (indexing is faster than names here).
    out = _EXCLUDED_POS1
    return dict(Counter([m[1] for m in tokens if m[12] == "word" and m[1] and m[2] not in out]))


def analyze_cached(document: Document, cache: Cache | None) -> Analysis:
    """:func:`framing.detection.analyze_document`, through the analysis cache when given."""
    if cache is None:
        return analyze_document(document)
    key = Cache.analysis_key(document.text)
    stored = cache.get("analysis", key)
    text = document.text
    if stored is not None:
        sentence_rows, type_rows, type_index, starts, ends, bounds = stored
        sentences = [Sentence(i, a, b, text[a:b]) for i, a, b in sentence_rows]
        new = tuple.__new__
        table = [new(Morpheme, row) for row in type_rows]
        types = [table[k] for k in type_index]
        return Analysis(
            document, sentences, types, list(starts), list(ends), [tuple(b) for b in bounds]
        )
    analysis = analyze_document(document)
    index: dict[Morpheme, int] = {}
    type_index = [index.setdefault(t, len(index)) for t in analysis.types]
    cache.put(
        "analysis",
        key,
        (
            tuple((s.index, s.start, s.end) for s in analysis.sentences),
            tuple(tuple(t) for t in index),
            type_index,
            analysis.starts,
            analysis.ends,
            analysis.bounds,
        ),
    )
    return analysis


def _result_key(document: Document, lexicon: Lexicon) -> str:
    record = json.dumps(document.to_record(), ensure_ascii=False, sort_keys=True, default=str)
    return Cache.result_key(record, lexicon.sha256)


def _stored(cache: Cache, key: str) -> DocResult | None:
    stored = cache.get("result", key)
    return None if stored is None else DocResult.from_cache(stored)


def process_document(
    document: Document,
    lexicon: Lexicon,
    cache: Cache | None = None,
    *,
    lemmas: bool = True,
    missing_key: str | None = None,
) -> DocResult:
    """Analyse one document, detect its signals and count its lemmas (cached when given).

    Without ``lemmas`` the result's lemma counts are left empty (a cache still stores them).
    ``missing_key`` is the document's result key when the caller already looked it up in
    ``cache`` and found nothing: the result is then computed and stored under it.
    """
    if cache is None:
        return DocResult.of(analyze_document(document), lexicon, lemmas=lemmas)
    key = missing_key
    result = None
    if key is None:
        key = _result_key(document, lexicon)
        result = _stored(cache, key)
    if result is None:
        result = DocResult.of(analyze_cached(document, cache), lexicon)
        cache.put("result", key, result.to_cache())
    return result if lemmas else result.without_lemmas()


# --- the lexicon travels as file contents ----------------------------------------------

LexiconFiles = tuple[tuple[str, bytes], ...]
#: Compiled lexicons by digest: in a worker, loaded once per process; in a parent that forks
#: workers, the lexicon they inherit.
_lexicons: dict[str, Lexicon] = {}


def _lexicon_files(lexicon: Lexicon) -> LexiconFiles:
    files = []
    for given in lexicon.paths:
        path = Path(given)
        for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
            files.append((file.name, file.read_bytes()))
    return tuple(files)


def _worker_lexicon(files: LexiconFiles, sha256: str) -> Lexicon:
    """The lexicon in a worker, loaded once per process from the files' contents."""
    lexicon = _lexicons.get(sha256)
    if lexicon is None:
        folder = Path(tempfile.mkdtemp(prefix="framing-lexicon-"))
        names = []
        for n, (name, data) in enumerate(files):
            target = folder / f"{n:03d}" / name  # keeps order and allows repeated names
            target.parent.mkdir()
            target.write_bytes(data)
            names.append(target)
        lexicon = load_lexicon(names)
        if lexicon.sha256 != sha256:
            raise FramingError("the lexicon arrived changed in a worker process")
        _lexicons[sha256] = lexicon
    return lexicon


@dataclass(frozen=True)
class _Task:
    """What a worker needs besides the documents (small enough to travel with each batch)."""

    files: LexiconFiles
    sha256: str
    cache_dir: str | None
    lemmas: bool


def _process_batch(
    documents: list[Document], task: _Task, missing_keys: list[str] | None = None
) -> list[DocResult]:
    lexicon = _worker_lexicon(task.files, task.sha256)
    cache = Cache(Path(task.cache_dir)) if task.cache_dir is not None else None
    return _serial(documents, lexicon, cache, lemmas=task.lemmas, missing_keys=missing_keys)


def _serial(
    documents: Iterable[Document],
    lexicon: Lexicon,
    cache: Cache | None,
    *,
    lemmas: bool = True,
    missing_keys: list[str] | None = None,
) -> list[DocResult]:
    """``missing_keys``: see :func:`process_document` (one per document)."""
    keys = repeat(None) if missing_keys is None else missing_keys
    # The work allocates many small acyclic objects; the cyclic collector only slows it down.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [
            process_document(d, lexicon, cache, lemmas=lemmas, missing_key=k)
            for d, k in zip(documents, keys, strict=False)  # repeat(None) never ends
        ]
    finally:
        if enabled:
            gc.enable()


# --- engines ----------------------------------------------------------------------------


def _batches(documents: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while batch := list(islice(documents, size)):
        yield batch


def _ordered(
    submit: Callable[[list[Document]], Any],
    result: Callable[[Any], list[DocResult]],
    batches: Iterator[list[Document]],
    window: int,
) -> Iterator[tuple[Document, DocResult]]:
    pending: deque[tuple[list[Document], Any]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield from zip(done, result(future), strict=True)
    while pending:
        done, future = pending.popleft()
        yield from zip(done, result(future), strict=True)


def run(
    documents: Iterable[Document],
    lexicon: Lexicon,
    *,
    jobs: int | None = None,
    engine: Engine = "processes",
    scheduler: str | None = None,
    cache: Cache | None = None,
    lemmas: bool = True,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Document, DocResult]]:
    """Process every document; yield ``(document, result)`` in input order.

    Parameters
    ----------
    documents:
        Any iterable; it is consumed lazily (a window of ``jobs × 4`` batches at a time).
    jobs:
        Worker processes (default: all cores). ``1`` works in this process.
    engine:
        ``"processes"`` or ``"dask"`` (needs ``pip install "framing[dask]"``).
    scheduler:
        Address of a running Dask scheduler; with ``engine="dask"`` only.
    cache:
        Where to keep analyses and results between runs, or ``None``.
    lemmas:
        Count each document's lemmas (:attr:`DocResult.lemmas`, for keyness). Without them
        the results are smaller to send back and, without a cache, cheaper to compute.

    Raises
    ------
    ValueError
        For an unknown engine, ``jobs < 1``, or a scheduler without the Dask engine.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    workers = jobs if jobs is not None else default_jobs()
    stream = iter(documents)
    if engine == "dask":
        yield from _run_dask(stream, lexicon, workers, scheduler, cache, lemmas, batch_size)
        return
    head = list(islice(stream, PARALLEL_MIN_DOCUMENTS))
    if workers == 1 or len(head) < PARALLEL_MIN_DOCUMENTS:
        for batch in _batches(_chain(head, stream), batch_size):
            yield from zip(batch, _serial(batch, lexicon, cache, lemmas=lemmas), strict=True)
        return
    yield from _run_processes(_chain(head, stream), lexicon, workers, cache, lemmas, batch_size)


def _chain(head: list[Document], rest: Iterator[Document]) -> Iterator[Document]:
    yield from head
    yield from rest


_Pending = tuple[list["DocResult | None"], "Future[list[DocResult]] | None"]


def _collect(pending: _Pending) -> list[DocResult]:
    """A batch's results in order: those read from the cache and those a worker computed."""
    stored, future = pending
    computed = iter(future.result() if future is not None else ())
    return [r if r is not None else next(computed) for r in stored]


def _run_processes(
    stream: Iterator[Document],
    lexicon: Lexicon,
    workers: int,
    cache: Cache | None,
    lemmas: bool,
    batch_size: int,
) -> Iterator[tuple[Document, DocResult]]:
    import multiprocessing

    cache_dir = str(cache.directory) if cache is not None else None
    task = _Task(_lexicon_files(lexicon), lexicon.sha256, cache_dir, lemmas)
    # Forked workers start at once with framing imported, and scripts that call framing need
    # no `if __name__ == "__main__":` guard (spawned workers would re-run them). They also
    # inherit this lexicon, compiled, instead of compiling it again.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _lexicons.setdefault(lexicon.sha256, lexicon)
    # A worker only analyses and detects, which makes no reference cycles: without the cyclic
    # collector it does not walk its growing caches again and again.
    with ProcessPoolExecutor(workers, mp_context=context, initializer=gc.disable) as pool:

        def submit(batch: list[Document]) -> _Pending:
            # Stored results are read here: a worker is sent only what must be computed, with
            # the keys to store it under.
            if cache is None:
                return [None] * len(batch), pool.submit(_process_batch, batch, task)
            keys = [_result_key(d, lexicon) for d in batch]
            stored = [_stored(cache, key) for key in keys]
            if not lemmas:
                stored = [None if r is None else r.without_lemmas() for r in stored]
            missing = [i for i, r in enumerate(stored) if r is None]
            if not missing:
                return stored, None
            documents, missing_keys = [batch[i] for i in missing], [keys[i] for i in missing]
            return stored, pool.submit(_process_batch, documents, task, missing_keys)

        yield from _ordered(
            submit, _collect, _batches(stream, batch_size), workers * WINDOW_PER_WORKER
        )


def _run_dask(
    stream: Iterator[Document],
    lexicon: Lexicon,
    workers: int,
    scheduler: str | None,
    cache: Cache | None,
    lemmas: bool,
    batch_size: int,
) -> Iterator[tuple[Document, DocResult]]:
    try:
        # Typed as Any: dask.distributed is optional and only partly annotated.
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        raise FramingError(
            'the Dask engine needs dask.distributed: pip install "framing[dask]"'
        ) from None
    # The cache folder is a path on this machine: workers of a remote cluster do without.
    cache_dir = str(cache.directory) if cache is not None and scheduler is None else None
    task = _Task(_lexicon_files(lexicon), lexicon.sha256, cache_dir, lemmas)
    cluster = None
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(cluster)
    else:
        client = distributed.Client(scheduler)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
    try:

        def submit(batch: list[Document]) -> Any:
            return client.submit(_process_batch, batch, task, pure=False)

        yield from _ordered(
            submit,
            lambda future: future.result(),
            _batches(stream, batch_size),
            workers * WINDOW_PER_WORKER,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
