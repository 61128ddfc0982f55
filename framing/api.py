"""The functions researchers call: each takes ``inputs`` and returns a tidy DataFrame.

``inputs`` is anything :func:`framing.pipeline.load` accepts: paths, documents, a
:class:`~framing.pipeline.Corpus` (analysed once and reused — pass one when you call several
functions on the same texts), or ``None`` for the embedded default corpus. Columns are
documented in ``docs/tables.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

import framing.axis as _axis
import framing.comparison as _comparison
import framing.keyness as _keyness
import framing.kwic as _kwic
from framing.cache import Cache
from framing.counts import count_signals as _count_signals
from framing.lexicon import Lexicon
from framing.pipeline import (
    Corpus,
    Inputs,
    documents_table,
    hits_table,
    load,
    sentences_table,
    tokens_table,
)

if TYPE_CHECKING:  # the report machinery (matplotlib) is imported when a report is written
    from framing.digest import Digest

__all__ = [
    "axis",
    "compare",
    "count_signals",
    "documents",
    "keyness",
    "kwic",
    "load",
    "report",
    "report_digest",
    "section_axis",
    "sentences",
    "signals",
    "tokens",
]

LexiconArg = Lexicon | Sequence[str | Path] | None


def _corpus(inputs: Inputs, lexicon: LexiconArg = None) -> Corpus:
    return load(inputs, lexicon=lexicon)


def documents(inputs: Inputs = None) -> pd.DataFrame:
    """One row per document: ``doc_id``, ``outlet``, ``medium``, ``published`` … ``text``."""
    return documents_table(_corpus(inputs))


def tokens(inputs: Inputs = None) -> pd.DataFrame:
    """One row per morpheme: ``doc_id``, ``sentence``, ``surface``, ``lemma``, ``pos1``–``pos4``…"""
    return tokens_table(_corpus(inputs))


def sentences(inputs: Inputs = None) -> pd.DataFrame:
    """One row per sentence: ``doc_id``, ``outlet``, ``medium``, ``sentence``, ``text``…"""
    return sentences_table(_corpus(inputs))


def signals(inputs: Inputs = None, *, lexicon: LexiconArg = None) -> pd.DataFrame:
    """One row per signal hit: ``doc_id``, ``outlet``, ``medium``, ``sentence``, ``start``, ``end``,
    ``signal``, ``category``, ``rule``, ``text``, ``quoted``, ``sentence_text``,
    ``source_named``."""
    return hits_table(_corpus(inputs, lexicon))


def count_signals(inputs: Inputs = None, *, lexicon: LexiconArg = None) -> pd.DataFrame:
    """Per-document counts with rates per 1,000 morphemes and per 100 sentences."""
    return _count_signals(_corpus(inputs, lexicon))


def compare(
    inputs: Inputs = None,
    *,
    by: str = "outlet",
    categories: Sequence[str] | None = None,
    lexicon: LexiconArg = None,
    n_boot: int = 2000,
    seed: int = 0,
    correction: Literal["holm", "fdr_bh"] = "holm",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Rates per group with bootstrap intervals, tests of each group against the rest, effects.

    ``by`` is ``outlet``, ``medium`` or any metadata column (``voice`` for the seed's article
    vs news-agency vs individual tweets).
    """
    counts = _count_signals(_corpus(inputs, lexicon))
    return _comparison.compare(
        counts,
        by=by,
        categories=categories,
        n_boot=n_boot,
        seed=seed,
        correction=correction,
        alpha=alpha,
    )


def keyness(
    inputs: Inputs = None, *, by: str = "outlet", min_count: int = 5, top: int | None = None
) -> pd.DataFrame:
    """Log-odds ratios (informative Dirichlet prior) of each group's lemmas against the rest."""
    corpus = _corpus(inputs)
    return _keyness_table(corpus, _grouped_documents(corpus, by), by, min_count=min_count, top=top)


def _grouped_documents(corpus: Corpus, by: str) -> pd.DataFrame:
    docs = documents_table(corpus)
    if by not in docs.columns:
        raise ValueError(f"unknown grouping column {by!r}; choose one of {', '.join(docs.columns)}")
    return docs


def _keyness_table(
    corpus: Corpus, docs: pd.DataFrame, by: str, *, min_count: int, top: int | None
) -> pd.DataFrame:
    # Lemma counts per document come with the detection results (no tokens table needed).
    rows = [
        (result.doc_id, lemma, n)
        for result in corpus.results
        for lemma, n in sorted(result.lemmas.items())
    ]
    table = pd.DataFrame(rows, columns=["doc_id", "lemma", "n"])
    table["pos1"] = ""
    table = table.merge(docs[["doc_id", by]], on="doc_id", how="left")
    return _keyness.keyness(table, by=by, min_count=min_count, top=top)


def axis(
    inputs: Inputs = None,
    *,
    by: str = "outlet",
    pole_a: str = "frame.sovereignty",
    pole_b: str = "frame.justice",
    lexicon: LexiconArg = None,
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Sovereignty ↔ justice (or any two categories): a score per document and per group."""
    corpus = _corpus(inputs, lexicon)
    return _axis.axis_scores(
        _count_signals(corpus),
        by=by,
        pole_a=pole_a,
        pole_b=pole_b,
        n_boot=n_boot,
        seed=seed,
        hits=hits_table(corpus),
    )


def section_axis(
    inputs: Inputs = None,
    *,
    pole_a: str = "frame.sovereignty",
    pole_b: str = "frame.justice",
    lexicon: LexiconArg = None,
) -> pd.DataFrame:
    """The axis section by section through each article that has headings."""
    corpus = _corpus(inputs, lexicon)
    return _section_axis_table(corpus, hits_table(corpus), pole_a=pole_a, pole_b=pole_b)


def _section_axis_table(
    corpus: Corpus, hits: pd.DataFrame, *, pole_a: str, pole_b: str
) -> pd.DataFrame:
    rows = [
        (d.doc_id, s.index, s.title, s.start, s.end) for d in corpus.documents for s in d.sections
    ]
    sections = pd.DataFrame(rows, columns=["doc_id", "section", "title", "start", "end"])
    return _axis.axis_by_section(hits, sections, pole_a=pole_a, pole_b=pole_b)


def kwic(
    inputs: Inputs = None,
    *,
    category: str | None = None,
    width: int = 30,
    lexicon: LexiconArg = None,
) -> pd.DataFrame:
    """Keyword-in-context lines of every hit (of one category or family)."""
    return _kwic.kwic(_corpus(inputs, lexicon), category=category, width=width)


def report(
    inputs: Inputs = None,
    *,
    out: str | Path,
    by: str = "outlet",
    lang: Literal["ja", "en"] = "ja",
    title: str | None = None,
    lexicon: LexiconArg = None,
    seed: int = 0,
    examples: int = 12,
    force: bool = False,
) -> list[Path]:
    """Write ``index.html``, ``report.md``, ``report.json`` and ``tables/*.csv`` to ``out``.

    Deterministic: the same inputs give byte-identical files. Returns the paths written.
    Files are written atomically, only inside ``out``; a file there that framing did not
    write (or that was edited since) is not overwritten unless ``force``
    (:mod:`framing.output`).
    """
    from framing.digest import digest

    corpus = _corpus(inputs, lexicon)
    gathered = digest(
        zip(corpus.documents, corpus.results, strict=True),
        corpus.lexicon,
        by=by,
        examples=examples,
    )
    return report_digest(
        gathered, out=out, lang=lang, title=title, seed=seed, force=force, cache=corpus.cache
    )


def report_digest(
    gathered: Digest,
    *,
    out: str | Path,
    lang: Literal["ja", "en"] = "ja",
    title: str | None = None,
    seed: int = 0,
    force: bool = False,
    cache: Cache | None = None,
) -> list[Path]:
    """:func:`report` from a :class:`framing.digest.Digest` (what a streamed run gathers)."""
    from framing import report as _report

    by, lexicon = gathered.by, gathered.lexicon
    docs = gathered.documents_table()
    if by not in docs.columns:
        raise ValueError(f"unknown grouping column {by!r}; choose one of {', '.join(docs.columns)}")
    counts = gathered.document_counts()
    comparison = _comparison.compare(counts, by=by, seed=seed)
    try:
        key = _keyness.keyness(gathered.lemma_table(), by=by, min_count=5, top=20)
    except ValueError:  # fewer than two groups, or too few lemmas, to contrast
        key = pd.DataFrame(columns=list(_keyness.KEYNESS_COLUMNS))
    poles = gathered.pole_hits()
    axis_table = _axis.axis_scores(counts, by=by, seed=seed, hits=poles)
    sections = _axis.axis_by_section(
        poles, gathered.sections_table(), pole_a="frame.sovereignty", pole_b="frame.justice"
    )
    example_rows, shown = gathered.example_hits()
    # Only the example sentences need their place in the text: analyse just their documents.
    sents = sentences_table(Corpus(shown, lexicon, cache=cache))
    sents = sents.merge(
        example_rows[["doc_id", "sentence"]].drop_duplicates(), on=["doc_id", "sentence"]
    )
    methods = _report.methods_stamp(
        docs,
        lexicon_version=", ".join(f"{k} v{v}" for k, v in lexicon.versions.items()),
        lexicon_hash=lexicon.sha256,
        extra={"bootstrap_seed": str(seed), "p_adjust": "holm"},
        fingerprint=gathered.fingerprint(),
    )
    rendered = _report.render_report(
        documents=docs,
        counts=counts,
        comparison=comparison,
        keyness=key,
        axis=axis_table,
        section_axis=sections,
        kwic=gathered.kwic_table(),
        examples=example_rows,
        methods=methods,
        by=by,
        lang=lang,
        title=title,
        sentences=sents,
        kwic_lines=gathered.kwic_lines,
    )
    return _report.write_report(rendered, out, force=force)
