"""The pipeline in one place: inputs → documents → analyses → tidy tables.

Every public function takes ``inputs``: paths (files or folders), :class:`Document` objects,
a :class:`Corpus` (analysed once, reused), or ``None`` for the embedded default corpus
(``seeds/`` and ``corpus/`` of a framing checkout). Column contracts: ``docs/tables.md``.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import pandas as pd
from tqdm import tqdm

from framing.detection import Analysis, Hit, analyze_document, detect
from framing.document import Document
from framing.errors import FramingError, Problem
from framing.lexicon import Lexicon, load_lexicon
from framing.readers import read

__all__ = [
    "Corpus",
    "Inputs",
    "default_corpus_paths",
    "documents_table",
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


#: Below this many documents the work stays in one process (starting workers costs more).
PARALLEL_MIN_DOCUMENTS = 300
_worker_lexicon: Lexicon | None = None


def _init_worker(lexicon: Lexicon) -> None:
    global _worker_lexicon
    _worker_lexicon = lexicon


def _detect_chunk(documents: list[Document]) -> list[tuple[list[Hit], tuple[int, int]]]:
    """Worker: analyse and detect; return only hits and sizes (analyses cost more to send)."""
    if _worker_lexicon is None:  # pragma: no cover - set by the pool initializer
        raise RuntimeError("worker lexicon not initialised")
    out = []
    for document in documents:
        analysis = analyze_document(document)
        out.append(
            (detect(analysis, _worker_lexicon), (len(analysis.tokens), len(analysis.sentences)))
        )
    return out


def _workers() -> int:
    return max(
        1,
        min(
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1),
            8,
        ),
    )


@dataclass
class Corpus:
    """Documents read once, analysed lazily and cached, with the lexicon to detect signals.

    Signals of a large corpus are detected in worker processes (one per core) when nothing
    has been analysed yet; sentences and morphemes are analysed in this process when a table
    needs them.
    """

    documents: list[Document]
    lexicon: Lexicon
    skipped: list[Problem] = field(default_factory=list)
    passed_over: list[Problem] = field(default_factory=list)
    progress: bool | None = None
    workers: int | None = None
    _analyses: list[Analysis] | None = None
    _hits: list[list[Hit]] | None = None
    _sizes: list[tuple[int, int]] | None = None

    def _show_progress(self) -> bool:
        show = sys.stderr.isatty() if self.progress is None else self.progress
        return show and len(self.documents) >= 50

    @property
    def analyses(self) -> list[Analysis]:
        """Sentences and morphemes of every document (computed on first use)."""
        if self._analyses is None:
            self._analyses = [
                analyze_document(document)
                for document in tqdm(
                    self.documents,
                    desc="解析中 (analysing)",
                    unit="doc",
                    disable=not self._show_progress(),
                )
            ]
        return self._analyses

    @property
    def hits(self) -> list[list[Hit]]:
        """Signal hits of every document, in document order."""
        if self._hits is None:
            workers = self.workers if self.workers is not None else _workers()
            if (
                self._analyses is None
                and workers > 1
                and len(self.documents) >= PARALLEL_MIN_DOCUMENTS
            ):
                self._detect_parallel(workers)
            else:
                self._hits = [detect(analysis, self.lexicon) for analysis in self.analyses]
        assert self._hits is not None
        return self._hits

    @property
    def sizes(self) -> list[tuple[int, int]]:
        """``(morphemes, sentences)`` of every document."""
        if self._sizes is None:
            if self._analyses is None and self._hits is None:
                _ = self.hits
            if self._sizes is None:
                self._sizes = [(len(a.tokens), len(a.sentences)) for a in self.analyses]
        return self._sizes

    def _detect_parallel(self, workers: int) -> None:
        size = max(10, min(200, len(self.documents) // (workers * 8) or 1))
        chunks = [self.documents[i : i + size] for i in range(0, len(self.documents), size)]
        context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        results: list[tuple[list[Hit], tuple[int, int]]] = []
        with (
            context.Pool(workers, initializer=_init_worker, initargs=(self.lexicon,)) as pool,
            tqdm(
                total=len(self.documents),
                desc="検出中 (detecting)",
                unit="doc",
                disable=not self._show_progress(),
            ) as bar,
        ):
            for chunk_result in pool.imap(_detect_chunk, chunks):
                results.extend(chunk_result)
                bar.update(len(chunk_result))
        self._hits = [hits for hits, _ in results]
        self._sizes = [sizes for _, sizes in results]

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
) -> Corpus:
    """Read ``inputs`` into a :class:`Corpus` (a Corpus is returned as it is).

    ``lexicon`` is a loaded :class:`Lexicon`, a list of lexicon files replacing the shipped
    ones, or ``None`` for the shipped lexicons.
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
            workers=inputs.workers,
            _analyses=inputs._analyses,
            _sizes=inputs._sizes,
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
    )


def _metadata_columns(corpus: Corpus) -> list[str]:
    keys: dict[str, None] = {}
    for document in corpus.documents:
        for key, value in document.metadata.items():
            if isinstance(value, (str, int, float, bool)) or value is None:
                keys.setdefault(str(key), None)
    return [k for k in keys if k not in DOCUMENT_COLUMNS]


def documents_table(corpus: Corpus) -> pd.DataFrame:
    """One row per document: the columns of ``docs/tables.md`` plus metadata columns."""
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


def hits_table(corpus: Corpus) -> pd.DataFrame:
    """One row per signal hit (``docs/tables.md``), in document order."""
    rows = []
    for d, hits in zip(corpus.documents, corpus.hits, strict=True):
        for h in hits:
            rows.append(
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
                    pd.NA if h.source_named is None else h.source_named,
                )
            )
    frame = pd.DataFrame(rows, columns=list(HIT_COLUMNS))
    frame["source_named"] = frame["source_named"].astype("boolean")
    return frame
