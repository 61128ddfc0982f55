"""framing.digest: the report's inputs gathered per document equal those of the whole tables."""

from __future__ import annotations

import pandas as pd
import pytest

from framing import report as _report
from framing.counts import count_signals
from framing.digest import POLES, Digest, digest
from framing.document import Document
from framing.kwic import kwic
from framing.lexicon import Lexicon
from framing.pipeline import Corpus, documents_table, hits_table


@pytest.fixture(scope="module")
def corpus(sample_documents: list[Document], lexicon: Lexicon) -> Corpus:
    return Corpus(sample_documents, lexicon, jobs=1)


@pytest.fixture(scope="module")
def gathered(corpus: Corpus) -> Digest:
    return digest(zip(corpus.documents, corpus.results, strict=True), corpus.lexicon, by="outlet")


def test_counts_and_documents(corpus: Corpus, gathered: Digest) -> None:
    pd.testing.assert_frame_equal(gathered.counts_table(), count_signals(corpus))
    docs = documents_table(corpus)
    mine = gathered.documents_table()
    assert mine["characters"].tolist() == [len(t) for t in docs["text"]]
    pd.testing.assert_frame_equal(
        mine.drop(columns=["text", "characters"]), docs.drop(columns=["text"])
    )


def test_fingerprint_equals_the_tables(corpus: Corpus, gathered: Digest) -> None:
    assert gathered.fingerprint() == _report.corpus_fingerprint(documents_table(corpus))


def test_pole_hits(corpus: Corpus, gathered: Digest) -> None:
    hits = hits_table(corpus)
    expected = hits[hits["category"].isin(POLES)].reset_index(drop=True)
    pd.testing.assert_frame_equal(gathered.pole_hits(), expected)
    assert len(expected) > 0


@pytest.mark.parametrize("n", [1, 3, 12, 40])
def test_examples_are_the_sentences_with_most_hits(
    corpus: Corpus, lexicon: Lexicon, n: int
) -> None:
    small = Digest(lexicon, "outlet", examples=n)
    for pair in zip(corpus.documents, corpus.results, strict=True):
        small.add(*pair)
    hits = hits_table(corpus)
    first = hits.groupby(["doc_id", "sentence"]).size().rename("n").reset_index()
    first = first.sort_values(
        ["n", "doc_id", "sentence"], ascending=[False, True, True], kind="stable"
    ).head(n)
    expected = hits.merge(first[["doc_id", "sentence"]], on=["doc_id", "sentence"])
    rows, shown = small.example_hits()
    pd.testing.assert_frame_equal(rows, expected)
    assert {d.doc_id for d in shown} == set(first["doc_id"])


def test_kwic_holds_every_line_the_evidence_can_take(corpus: Corpus, gathered: Digest) -> None:
    """For every group and category, the report's evidence from the kept lines equals the
    evidence from the full concordance."""
    full = kwic(corpus, width=25)
    docs = documents_table(corpus)
    groups = _report._doc_groups(docs, "outlet")
    pairs = {(groups[str(d)], c) for d, c in zip(full["doc_id"], full["category"], strict=True)}
    top = pd.DataFrame(
        [(rank, g, c) for rank, (g, c) in enumerate(sorted(pairs), 1)],
        columns=["rank", "group", "category"],
    )
    kept = gathered.kwic_table()
    assert len(kept) < len(full)
    for lines in (6, 2):
        expected = _report._evidence(top, full, groups, per_difference=lines)
        assert _report._evidence(top, kept, groups, per_difference=lines).equals(expected)


def test_lemma_table_counts_per_group(corpus: Corpus, gathered: Digest) -> None:
    table = gathered.lemma_table()
    by_group = table.groupby("outlet")["n"].sum()
    docs = documents_table(corpus)
    for outlet, total in by_group.items():
        members = set(docs.loc[docs["outlet"] == outlet, "doc_id"])
        expected = sum(
            sum(r.lemmas.values()) for r in corpus.results if r.doc_id in members
        )
        assert total == expected
