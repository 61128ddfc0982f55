"""framing.counts: the counts table and its per-document form give the same comparisons."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from framing.axis import axis_scores
from framing.comparison import compare
from framing.counts import COUNT_COLUMNS, CountTable, DocumentCounts, count_signals
from framing.document import Document
from framing.lexicon import Lexicon
from framing.pipeline import Corpus, hits_table


@pytest.fixture(scope="module")
def corpus(sample_documents: list[Document], lexicon: Lexicon) -> Corpus:
    return Corpus(sample_documents, lexicon, jobs=1)


@pytest.fixture(scope="module")
def per_document(corpus: Corpus) -> DocumentCounts:
    table = CountTable(corpus.lexicon)
    # added in reverse: the per-document form keeps input order, the results must not care
    for d, result in reversed(list(zip(corpus.documents, corpus.results, strict=True))):
        table.add(d, result)
    return table.documents()


def test_per_document_form(corpus: Corpus, per_document: DocumentCounts) -> None:
    tidy = count_signals(corpus)
    docs = per_document.documents
    assert list(docs.columns[:5]) == ["doc_id", "outlet", "medium", "morphemes", "sentences"]
    assert docs["doc_id"].tolist() == [d.doc_id for d in reversed(corpus.documents)]
    assert per_document.categories == list(corpus.lexicon.categories)
    assert per_document.hits.shape == (len(corpus.documents), len(corpus.lexicon.categories))
    wide = tidy.pivot(index="doc_id", columns="category", values="hits")
    expected = wide.loc[docs["doc_id"], per_document.categories].to_numpy()
    np.testing.assert_array_equal(per_document.hits, expected)
    assert per_document.hits.sum() == len(hits_table(corpus))
    # the tidy table is the per-document form laid out long
    back = per_document.frame()
    assert list(back.columns[: len(COUNT_COLUMNS)]) == list(COUNT_COLUMNS)
    order = ["doc_id", "category"]
    pd.testing.assert_frame_equal(
        back.sort_values(order).reset_index(drop=True),
        tidy.sort_values(order).reset_index(drop=True),
    )


@pytest.mark.parametrize("by", ["outlet", "medium", "voice"])
def test_compare_and_axis_give_the_same_tables_from_either_form(
    corpus: Corpus, per_document: DocumentCounts, by: str
) -> None:
    tidy = count_signals(corpus)
    pd.testing.assert_frame_equal(compare(per_document, by=by), compare(tidy, by=by))
    chosen = ["frame.justice", "booster"]
    pd.testing.assert_frame_equal(
        compare(per_document, by=by, categories=chosen), compare(tidy, by=by, categories=chosen)
    )
    hits = hits_table(corpus)
    pd.testing.assert_frame_equal(
        axis_scores(per_document, by=by, hits=hits), axis_scores(tidy, by=by, hits=hits)
    )


def test_the_per_document_form_is_checked(per_document: DocumentCounts) -> None:
    with pytest.raises(ValueError, match="unknown by='hits'"):
        compare(per_document, by="hits")
    with pytest.raises(ValueError, match="unknown by='nope'"):
        axis_scores(per_document, by="nope")
    with pytest.raises(ValueError, match=r"unknown categories \['frame.nope'\]"):
        compare(per_document, categories=["frame.nope"])
    docs = per_document.documents
    twice = dataclasses.replace(
        per_document,
        documents=pd.concat([docs, docs.iloc[:1]], ignore_index=True),
        hits=np.vstack([per_document.hits, per_document.hits[:1]]),
        sentences_with=np.vstack([per_document.sentences_with, per_document.sentences_with[:1]]),
    )
    first = repr(docs["doc_id"].iloc[0])
    with pytest.raises(ValueError, match=f"document {first} appears more than once"):
        compare(twice)
    with pytest.raises(ValueError, match=f"document {first} appears more than once"):
        axis_scores(twice)


def test_the_arrays_must_fit_the_documents(per_document: DocumentCounts) -> None:
    with pytest.raises(ValueError, match=r"hits has shape \(3, \d+\); expected"):
        dataclasses.replace(per_document, hits=per_document.hits[:3])
    negative = per_document.sentences_with.copy()
    negative[0, 0] = -1
    with pytest.raises(ValueError, match="sentences_with must hold non-negative integers"):
        dataclasses.replace(per_document, sentences_with=negative)
    with pytest.raises(ValueError, match="non-negative integers"):
        dataclasses.replace(per_document, hits=per_document.hits.astype(float))
    with pytest.raises(ValueError, match=r"documents lacks column\(s\) \['morphemes'\]"):
        dataclasses.replace(
            per_document, documents=per_document.documents.drop(columns="morphemes")
        )
