"""What a report needs from a stream of documents, gathered one document at a time.

:class:`Digest` takes ``(document, result)`` pairs (from :func:`framing.engine.run`, or a
:class:`~framing.pipeline.Corpus`) and keeps only what the report's tables are computed
from: a row per document (without its text), counts per document and category, lemma
counts per group, the hits of the sovereignty and justice poles, the candidate example
sentences, and the first concordance lines of each group and category. Its memory grows
with documents × categories, not with the length of the texts or the number of hits, so a
report can be written for a corpus larger than memory. The report is the same as one built
from the whole tables (tested).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from framing.counts import CountTable, DocumentCounts
from framing.document import Document
from framing.engine import DocResult
from framing.kwic import KWIC_COLUMNS, kwic_rows
from framing.lexicon import Lexicon
from framing.pipeline import DOCUMENT_COLUMNS, hit_rows, hits_frame
from framing.report import (
    FINGERPRINT_FIELDS,
    combine_fingerprints,
    document_fingerprint,
    group_key,
)

__all__ = ["POLES", "Digest"]

#: The two poles of the report's axis.
POLES = ("frame.sovereignty", "frame.justice")

# A document's row: the values of DOCUMENT_COLUMNS (``text`` empty) and ``characters``, then
# its other scalar metadata (or None).
_Row = tuple[tuple[Any, ...], dict[str, Any] | None]
_FIXED = (*DOCUMENT_COLUMNS, "characters")
_FIXED_INDEX = {name: i for i, name in enumerate(_FIXED)}
_EMPTY = ""


def _get(row: _Row, column: str) -> Any:
    fixed, extra = row
    i = _FIXED_INDEX.get(column)
    if i is not None:
        return fixed[i]
    return None if extra is None else extra.get(column)


@dataclass
class Digest:
    """Report inputs gathered document by document (see the module docstring).

    Parameters
    ----------
    lexicon:
        The lexicon the results were detected with (its categories order the counts).
    by:
        The grouping column: ``outlet``, ``medium`` or a metadata key.
    examples:
        How many example sentences the report shows (those with the most hits).
    kwic_lines:
        Concordance lines the report shows per difference, taken round-robin over documents
        in ``doc_id`` order: the first ``kwic_lines`` lines of the first ``kwic_lines``
        documents of each group and category are all it can need.
    width:
        Characters of context on each side of a concordance line.
    """

    lexicon: Lexicon
    by: str
    examples: int = 12
    kwic_lines: int = 6
    width: int = 25
    documents: int = 0
    _counts: CountTable = field(init=False)
    _doc_rows: list[_Row] = field(default_factory=list)
    _metadata_keys: dict[str, None] = field(default_factory=dict)
    _lemmas: dict[Any, Counter[str]] = field(default_factory=dict)
    _fingerprints: list[tuple[str, bytes]] = field(default_factory=list)
    _poles: list[tuple[Any, ...]] = field(default_factory=list)
    _sections: list[tuple[str, int, str, int, int]] = field(default_factory=list)
    _candidates: list[tuple[int, str, int, int, Document, list[tuple[Any, ...]]]] = field(
        default_factory=list
    )
    _kwic: dict[tuple[str, str], dict[str, list[tuple[Any, ...]]]] = field(default_factory=dict)
    _worst_example: tuple[Any, ...] | None = None

    def __post_init__(self) -> None:
        self._counts = CountTable(self.lexicon)

    def add(self, document: Document, result: DocResult) -> None:
        """Take one document and its result into account."""
        d = document
        index = self.documents
        self.documents += 1
        fixed = (*[_EMPTY if n == "text" else getattr(d, n) for n in DOCUMENT_COLUMNS], len(d.text))
        extra: dict[str, Any] = {}
        for key, value in d.metadata.items():
            if isinstance(value, (str, int, float, bool)) or value is None:
                self._metadata_keys.setdefault(str(key), None)
                if str(key) not in _FIXED_INDEX:
                    extra.setdefault(str(key), value)
        row = (fixed, extra or None)  # a tuple and no dict for most documents: less memory
        self._doc_rows.append(row)
        values = [getattr(d, name) for name in FINGERPRINT_FIELDS]
        self._fingerprints.append((group_key(d.doc_id), document_fingerprint(values)))
        self._counts.add(d, result)

        value = _get(row, self.by)
        group = group_key(value)
        self._lemmas.setdefault(None if group == "" else value, Counter()).update(result.lemmas)
        hits = result.hits
        poles = [h for h in hits if h.category in POLES]
        self._poles.extend(hit_rows(d, poles))
        self._sections.extend((d.doc_id, s.index, s.title, s.start, s.end) for s in d.sections)
        self._add_examples(index, d, hits)
        self._add_kwic(d, group, hits)

    def _add_examples(self, index: int, d: Document, hits: list[Any]) -> None:
        by_sentence: dict[int, list[Any]] = {}
        for h in hits:
            by_sentence.setdefault(h.sentence, []).append(h)
        worst = self._worst_example
        for sentence, mine in by_sentence.items():
            key = (-len(mine), d.doc_id, sentence)
            if worst is not None and key > worst:
                continue  # the kept candidates only get better: this one can never be shown
            self._candidates.append((*key, index, d, hit_rows(d, mine)))
        if len(self._candidates) > 4 * self.examples + 256:
            self._candidates.sort(key=lambda c: (c[0], c[1], c[2]))
            del self._candidates[self.examples :]
            if self._candidates:
                self._worst_example = tuple(self._candidates[-1][:3])

    def _add_kwic(self, d: Document, group: str, hits: list[Any]) -> None:
        doc = str(d.doc_id)
        limit = self.kwic_lines
        by_category: dict[str, list[Any]] = {}
        for h in hits:
            lines = by_category.setdefault(h.category, [])
            if len(lines) < limit:  # hits are in text order: the first ones
                lines.append(h)
        for category, chosen in by_category.items():
            kept = self._kwic.setdefault((group, category), {})
            if len(kept) >= limit:
                largest = max(kept)
                if doc >= largest:
                    continue
                del kept[largest]
            kept[doc] = kwic_rows(d, chosen, width=self.width)

    # --- the tables ------------------------------------------------------------------------

    def documents_table(self) -> pd.DataFrame:
        """The documents table (``docs/tables.md``) with ``text`` empty and ``characters``."""
        extra = [k for k in self._metadata_keys if k not in DOCUMENT_COLUMNS]
        columns = [*DOCUMENT_COLUMNS, *extra, "characters"]
        return pd.DataFrame(
            [[_get(row, c) for c in columns] for row in self._doc_rows], columns=columns
        )

    def counts_table(self) -> pd.DataFrame:
        """The counts table of :func:`framing.counts.count_signals`."""
        return self._counts.frame()

    def document_counts(self) -> DocumentCounts:
        """The same counts in per-document form (what the report is computed from)."""
        return self._counts.documents()

    def lemma_table(self) -> pd.DataFrame:
        """Lemma counts per group: ``lemma``, ``pos1`` (empty), ``n`` and the ``by`` column,
        as :func:`framing.keyness.keyness` reads them."""
        rows = [
            (group, lemma, n)
            for group, counter in self._lemmas.items()
            for lemma, n in sorted(counter.items())
        ]
        table = pd.DataFrame(rows, columns=[self.by, "lemma", "n"])
        table["pos1"] = ""
        table["doc_id"] = table[self.by]
        return table

    def fingerprint(self) -> str:
        """The corpus fingerprint (:func:`framing.report.corpus_fingerprint`)."""
        return combine_fingerprints(self._fingerprints)

    def pole_hits(self) -> pd.DataFrame:
        """The hits table restricted to the two poles."""
        return hits_frame(self._poles)

    def sections_table(self) -> pd.DataFrame:
        """``doc_id``, ``section``, ``title``, ``start``, ``end`` of every section."""
        return pd.DataFrame(self._sections, columns=["doc_id", "section", "title", "start", "end"])

    def example_hits(self) -> tuple[pd.DataFrame, list[Document]]:
        """Hits of the sentences with the most hits (ties: ``doc_id``, then sentence), in
        document order, and the documents they come from."""
        best = sorted(self._candidates, key=lambda c: (c[0], c[1], c[2]))[: self.examples]
        best.sort(key=lambda c: (c[3], c[2]))
        rows = [row for *_, mine in best for row in mine]
        documents = list({c[1]: c[4] for c in best}.values())
        return hits_frame(rows), documents

    def kwic_table(self) -> pd.DataFrame:
        """The concordance lines a report's evidence can draw on (see ``kwic_lines``)."""
        rows = [
            row
            for _, kept in sorted(self._kwic.items())
            for _, lines in sorted(kept.items())
            for row in lines
        ]
        return pd.DataFrame(rows, columns=list(KWIC_COLUMNS))


def digest(
    pairs: Iterable[tuple[Document, DocResult]], lexicon: Lexicon, *, by: str, examples: int = 12
) -> Digest:
    """A :class:`Digest` of every pair."""
    gathered = Digest(lexicon, by, examples=examples)
    for document, result in pairs:
        gathered.add(document, result)
    return gathered
