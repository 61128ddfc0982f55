"""The pipeline in one place: inputs → documents → analyses → tidy tables.

Every public function takes ``inputs``: paths (files or folders), :class:`Document` objects,
a :class:`Corpus` (analysed once, reused), or ``None`` for the embedded default corpus
(``seeds/`` and ``corpus/`` of a framing checkout). Column contracts: ``docs/tables.md``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from tqdm import tqdm

from framing.cache import Cache
from framing.detection import Analysis, Hit
from framing.document import Document
from framing.engine import DocResult, Engine, analyze_cached, run
from framing.errors import FramingError, Problem
from framing.lexicon import Lexicon, load_lexicon
from framing.readers import read

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Corpus",
    "Inputs",
    "default_corpus_paths",
    "documents_table",
    "hit_rows",
    "hits_frame",
    "hits_table",
    "load",
    "sentences_table",
    "tokens_table",
]

DOCUMENT_COLUMNS = (
    "doc_id",
    "outlet",
    "medium",
    "published",
    "title",
    "url",
    "author",
    "handle",
    "parent",
    "source_path",
    "text",
)
HIT_COLUMNS = (
    "doc_id",
    "outlet",
    "medium",
    "sentence",
    "start",
    "end",
    "signal",
    "category",
    "rule",
    "text",
    "quoted",
    "sentence_text",
    "source_named",
)
TOKEN_COLUMNS = (
    "doc_id",
    "sentence",
    "surface",
    "lemma",
    "pos1",
    "pos2",
    "pos3",
    "pos4",
    "cType",
    "cForm",
    "start",
    "end",
    "kind",
)
SENTENCE_COLUMNS = (
    "doc_id",
    "outlet",
    "medium",
    "sentence",
    "start",
    "end",
    "text",
    "quoted",
    "morphemes",
)


def default_corpus_paths() -> list[Path]:
    """``seeds/`` and ``corpus/`` beside the installed package (a framing checkout).

    The paths are relative to the working directory when the checkout is inside it, so that
    ``source_path`` (and reports that show it) do not depend on where the checkout lives.

    Raises
    ------
    FramingError
        When framing is installed without its repository (no default corpus to read).
    """
    root = Path(__file__).resolve().parent.parent
    paths = [root / "seeds", root / "corpus"]
    if not all(p.is_dir() for p in paths):
        raise FramingError(
            "the embedded default corpus (seeds/ and corpus/) is not beside the package "
            f"at {root}; give INPUT paths, or install framing from its repository with "
            "`pip install -e .`"
        )
    try:
        return [p.relative_to(Path.cwd().resolve()) for p in paths]
    except ValueError:
        return paths


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small acyclic objects are built."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Corpus:
    """Documents read once, analysed lazily and cached, with the lexicon to detect signals.

    Signals are detected by :func:`framing.engine.run` (in ``jobs`` worker processes, or on
    Dask, for a large corpus); sentences and morphemes are analysed in this process when a
    table needs them. With a ``cache`` (:class:`framing.cache.Cache`), analyses and results of
    texts seen before are read back instead of computed.
    """

    documents: list[Document]
    lexicon: Lexicon
    skipped: list[Problem] = field(default_factory=list)
    passed_over: list[Problem] = field(default_factory=list)
    progress: bool | None = None
    jobs: int | None = None
    engine: Engine = "processes"
    scheduler: str | None = None
    cache: Cache | None = None
    _analyses: list[Analysis] | None = None
    _results: list[DocResult] | None = None

    def _show_progress(self) -> bool:
        show = sys.stderr.isatty() if self.progress is None else self.progress
        return show and len(self.documents) >= 50

    @property
    def analyses(self) -> list[Analysis]:
        """Sentences and morphemes of every document (computed on first use)."""
        if self._analyses is None:
            with _gc_paused():
                self._analyses = [
                    analyze_cached(document, self.cache)
                    for document in tqdm(
                        self.documents,
                        desc="解析中 (analysing)",
                        unit="doc",
                        disable=not self._show_progress(),
                    )
                ]
        return self._analyses

    @property
    def results(self) -> list[DocResult]:
        """Hits, sizes and lemma counts of every document, in document order."""
        if self._results is None:
            if self._analyses is not None:  # already analysed here: detect here
                with _gc_paused():
                    self._results = [DocResult.of(a, self.lexicon) for a in self._analyses]
            else:
                stream = run(
                    self.documents,
                    self.lexicon,
                    jobs=self.jobs,
                    engine=self.engine,
                    scheduler=self.scheduler,
                    cache=self.cache,
                )
                bar = tqdm(
                    stream,
                    total=len(self.documents),
                    desc="検出中 (detecting)",
                    unit="doc",
                    disable=not self._show_progress(),
                )
                self._results = [result for _, result in bar]
        return self._results

    @property
    def hits(self) -> list[list[Hit]]:
        """Signal hits of every document, in document order."""
        return [result.hits for result in self.results]

    @property
    def sizes(self) -> list[tuple[int, int]]:
        """``(morphemes, sentences)`` of every document."""
        return [(result.morphemes, result.sentences) for result in self.results]

    def document(self, doc_id: str) -> Document:
        """The document with this id."""
        for document in self.documents:
            if document.doc_id == doc_id:
                return document
        raise KeyError(doc_id)

    def analysis(self, doc_id: str) -> Analysis:
        """The analysis of the document with this id."""
        for analysis in self.analyses:
            if analysis.document.doc_id == doc_id:
                return analysis
        raise KeyError(doc_id)


Inputs: TypeAlias = str | Path | Document | Sequence[str | Path | Document] | Corpus | None
"""What the API functions accept: paths, documents, a Corpus, or None (the default corpus)."""


def load(
    inputs: Inputs = None,
    *,
    lexicon: Lexicon | Sequence[str | Path] | None = None,
    skip_bad: bool = False,
    progress: bool | None = None,
    jobs: int | None = None,
    engine: Engine = "processes",
    scheduler: str | None = None,
    cache: bool | str | Path | Cache = False,
) -> Corpus:
    """Read ``inputs`` into a :class:`Corpus` (a Corpus is returned as it is).

    ``lexicon`` is a loaded :class:`Lexicon`, a list of lexicon files replacing the shipped
    ones, or ``None`` for the shipped lexicons. ``jobs``, ``engine`` and ``scheduler`` choose
    how signals are detected (:func:`framing.engine.run`). ``cache`` is ``True`` for the
    default cache folder (:func:`framing.cache.default_cache_dir`), a folder, or ``False``.
    """
    if lexicon is not None and not isinstance(lexicon, Lexicon):
        lexicon = load_lexicon(list(lexicon))
    if isinstance(inputs, Corpus):
        if lexicon is None or lexicon is inputs.lexicon:
            return inputs
        # Same documents, other rules: keep the analyses, detect again.
        return Corpus(
            inputs.documents,
            lexicon,
            skipped=inputs.skipped,
            passed_over=inputs.passed_over,
            progress=inputs.progress,
            jobs=inputs.jobs,
            engine=inputs.engine,
            scheduler=inputs.scheduler,
            cache=inputs.cache,
            _analyses=inputs._analyses,
        )
    if lexicon is None:
        lexicon = load_lexicon()
    if inputs is None:
        inputs = list(default_corpus_paths())
    if isinstance(inputs, (str, Path, Document)):
        inputs = [inputs]
    given_docs = [item for item in inputs if isinstance(item, Document)]
    paths = [item for item in inputs if not isinstance(item, Document)]
    result = read(paths, skip_bad=skip_bad) if paths else None
    documents = given_docs + (result.documents if result else [])
    return Corpus(
        documents,
        lexicon,
        skipped=result.skipped if result else [],
        passed_over=result.passed_over if result else [],
        progress=progress,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        cache=as_cache(cache),
    )


def as_cache(cache: bool | str | Path | Cache | None) -> Cache | None:
    """A :class:`Cache` from ``True`` (the default folder), a folder, a Cache, or nothing."""
    if cache is None or cache is False:
        return None
    if cache is True:
        return Cache.default()
    if isinstance(cache, Cache):
        return cache
    return Cache(Path(cache))


def _metadata_columns(corpus: Corpus) -> list[str]:
    keys: dict[str, None] = {}
    for document in corpus.documents:
        for key, value in document.metadata.items():
            if isinstance(value, (str, int, float, bool)) or value is None:
                keys.setdefault(str(key), None)
    return [k for k in keys if k not in DOCUMENT_COLUMNS]


def documents_table(corpus: Corpus) -> pd.DataFrame:
    """One row per document: the columns of ``docs/tables.md`` plus metadata columns."""
    import pandas as pd

    extra = _metadata_columns(corpus)
    rows: list[dict[str, Any]] = []
    for d in corpus.documents:
        row = {name: getattr(d, name) for name in DOCUMENT_COLUMNS}
        for key in extra:
            row[key] = d.metadata.get(key)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*DOCUMENT_COLUMNS, *extra])


def tokens_table(corpus: Corpus) -> pd.DataFrame:
    """One row per morpheme (``docs/tables.md``)."""
    import pandas as pd

    rows = [
        (
            a.document.doc_id,
            m.sentence,
            m.surface,
            m.lemma,
            m.pos1,
            m.pos2,
            m.pos3,
            m.pos4,
            m.cType,
            m.cForm,
            m.start,
            m.end,
            m.kind,
        )
        for a in corpus.analyses
        for m in a.tokens
    ]
    return pd.DataFrame(rows, columns=list(TOKEN_COLUMNS))


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence (``docs/tables.md``)."""
    import pandas as pd

    rows = []
    for a in corpus.analyses:
        d = a.document
        for s, (first, limit) in zip(a.sentences, a.bounds, strict=True):
            quoted = all(a.quote_depth[i] for i in range(s.start, s.end)) if s.text else False
            rows.append(
                (
                    d.doc_id,
                    d.outlet,
                    d.medium,
                    s.index,
                    s.start,
                    s.end,
                    s.text,
                    quoted,
                    limit - first,
                )
            )
    return pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))


def hit_rows(document: Document, hits: Sequence[Hit]) -> list[tuple[Any, ...]]:
    """The rows of :func:`hits_table` for one document's hits."""
    d = document
    return [
        (
            h.doc_id,
            d.outlet,
            d.medium,
            h.sentence,
            h.start,
            h.end,
            h.signal,
            h.category,
            h.rule,
            h.text,
            h.quoted,
            h.sentence_text,
            h.source_named,
        )
        for h in hits
    ]


def hits_frame(rows: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """A hits table (``docs/tables.md``) from rows of :func:`hit_rows`."""
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(HIT_COLUMNS))
    frame["source_named"] = frame["source_named"].astype("boolean")
    return frame


def hits_table(corpus: Corpus) -> pd.DataFrame:
    """One row per signal hit (``docs/tables.md``), in document order."""
    rows = []
    for d, hits in zip(corpus.documents, corpus.hits, strict=True):
        rows.extend(hit_rows(d, hits))
    return hits_frame(rows)
