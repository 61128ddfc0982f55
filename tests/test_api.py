"""The public API: tables of the pipeline, their columns (docs/tables.md) and their agreement."""

from __future__ import annotations

import filecmp
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.counts import COUNT_COLUMNS
from framing.kwic import KWIC_COLUMNS
from framing.pipeline import HIT_COLUMNS, SENTENCE_COLUMNS, TOKEN_COLUMNS, Corpus

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"
SAMPLE = ROOT / "corpus" / "livedoor"


@pytest.fixture(scope="module")
def seed() -> Corpus:
    return framing.load(SEED)


@pytest.fixture(scope="module")
def default() -> Corpus:
    return framing.load()


def test_default_corpus_is_seed_plus_sample(default: Corpus) -> None:
    docs = framing.documents(default)
    assert len(docs) == 1 + 11 + 90
    assert set(docs["outlet"]) >= {"seeds", "topic-news", "sports-watch", "@ReutersJapan"}
    assert docs["doc_id"].is_unique


def test_table_columns_are_the_documented_ones(seed: Corpus) -> None:
    assert tuple(framing.tokens(seed).columns) == TOKEN_COLUMNS
    assert tuple(framing.sentences(seed).columns) == SENTENCE_COLUMNS
    assert tuple(framing.signals(seed).columns) == HIT_COLUMNS
    assert tuple(framing.count_signals(seed).columns)[: len(COUNT_COLUMNS)] == COUNT_COLUMNS
    assert tuple(framing.kwic(seed).columns) == KWIC_COLUMNS


def test_documented_columns_are_in_tables_md() -> None:
    text = (ROOT / "docs" / "tables.md").read_text("utf-8")
    for column in (*HIT_COLUMNS, *TOKEN_COLUMNS, *COUNT_COLUMNS, *KWIC_COLUMNS):
        assert f"`{column}`" in text, column


def test_hit_offsets_point_at_their_text(seed: Corpus) -> None:
    hits = framing.signals(seed)
    texts = {d.doc_id: d.text for d in seed.documents}
    for row in hits.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.text
        assert row.text in row.sentence_text


def test_counts_agree_with_hits(seed: Corpus) -> None:
    hits = framing.signals(seed)
    counts = framing.count_signals(seed)
    expected = hits.groupby(["doc_id", "category"]).size()
    got = counts.set_index(["doc_id", "category"])["hits"]
    assert (got[got > 0] == expected.reindex(got[got > 0].index)).all()
    assert got.sum() == len(hits)
    assert len(counts) == len(seed.documents) * len(seed.lexicon.categories)
    article = counts[counts["doc_id"] == "000_fcc0ace334e89954"].iloc[0]
    assert article["per_1k_morphemes"] == pytest.approx(
        article["hits"] / article["morphemes"] * 1000
    )


def test_every_compare_number_traces_back_to_hits(default: Corpus) -> None:
    table = framing.compare(default, by="outlet", n_boot=200)
    hits = framing.signals(default)
    for row in table.sample(20, random_state=1).itertuples(index=False):
        kwic = framing.kwic(default, category=row.category)
        assert row.hits == int((kwic["outlet"] == row.group).sum())
        assert row.hits == int(
            ((hits["outlet"] == row.group) & (hits["category"] == row.category)).sum()
        )


def test_compare_is_identical_run_to_run(default: Corpus) -> None:
    first = framing.compare(default, by="outlet", n_boot=300, seed=3)
    second = framing.compare(framing.load(), by="outlet", n_boot=300, seed=3)
    pd.testing.assert_frame_equal(first, second)


def test_seed_voices_compare(seed: Corpus) -> None:
    table = framing.compare(seed, by="voice", n_boot=200)
    assert set(table["group"]) == {"article", "news", "individual"}
    article_hedges = table[
        (table["group"] == "article") & (table["category"] == "hedge.reportative")
    ]
    assert int(article_hedges["hits"].iloc[0]) > 20


def test_seed_moves_between_justice_and_sovereignty(seed: Corpus) -> None:
    sections = framing.section_axis(seed)
    scores = sections.set_index("id")["score"]
    assert scores["「戦争」ではなく「法の執行」という建て付け"] < 0
    assert scores["世界からの反発と国際法上の問題点"] > 0


def test_axis_and_keyness_have_groups(default: Corpus) -> None:
    axis = framing.axis(default, by="outlet", n_boot=200)
    assert {"group", "document"} <= set(axis["unit"])
    keys = framing.keyness(default, by="outlet", top=5)
    assert set(keys["group"]) >= {"topic-news", "sports-watch"}


def test_unknown_grouping_is_named(default: Corpus) -> None:
    with pytest.raises(ValueError, match="outlet"):
        framing.keyness(default, by="nonexistent")


def test_kwic_rejects_unknown_category(seed: Corpus) -> None:
    with pytest.raises(ValueError, match=r"hedge\.reportative"):
        framing.kwic(seed, category="hedge.nope")


def test_parallel_and_single_process_agree() -> None:
    documents = framing.load(SAMPLE).documents * 4
    renamed = [replace(d, doc_id=f"{d.doc_id}#{i}") for i, d in enumerate(documents)]
    parallel = framing.load(renamed)
    parallel.workers = 2
    single = framing.load(renamed)
    single.workers = 1
    assert len(renamed) >= 300
    assert [[h.rule for h in hits] for hits in parallel.hits] == [
        [h.rule for h in hits] for hits in single.hits
    ]
    assert parallel.sizes == single.sizes


def test_report_is_byte_identical(tmp_path: Path, seed: Corpus) -> None:
    framing.api.report(seed, out=tmp_path / "a", by="voice")
    framing.api.report(framing.load(SEED), out=tmp_path / "b", by="voice")
    first = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    assert {"index.html", "report.md", "report.json"} <= {p.name for p in first}
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", first, shallow=False)
    assert not mismatch and not errors


def test_report_escapes_corpus_text(tmp_path: Path) -> None:
    doc = framing.Document(
        doc_id="t1",
        text="<script>alert(1)</script>と報じられています。",
        medium="tweet",
        outlet="@x",
    )
    other = framing.Document(doc_id="a1", text="逮捕されたとされる。", outlet="y")
    framing.api.report([doc, other], out=tmp_path, by="outlet")
    html = (tmp_path / "index.html").read_text("utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_every_public_name_resolves_and_stays_the_function() -> None:
    """``framing`` loads its names on first use; the API functions that share a name with a
    submodule (``framing.tokens``, ``framing.kwic`` …) stay functions after the submodule's
    import."""
    import importlib

    for module in ("tokens", "sentences", "kwic", "keyness", "axis"):
        importlib.import_module(f"framing.{module}")
    assert set(framing.__all__) - {"__version__"} == set(framing._HOMES)
    for name in framing.__all__:
        assert getattr(framing, name) is not None
    for name in ("tokens", "sentences", "kwic", "keyness", "axis", "signals"):
        assert callable(getattr(framing, name)), name
        assert getattr(framing, name).__module__ == "framing.api"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        framing.nope  # noqa: B018


def test_the_command_line_starts_without_pandas(tmp_path: Path) -> None:
    """``framing signals`` streams hits without loading pandas (a third of its start-up)."""
    import subprocess
    import sys

    code = (
        "import sys; from framing.cli import main; "
        f"main(['signals', {str(SEED)!r}, '--format', 'jsonl', '--out', "
        f"{str(tmp_path / 'hits.jsonl')!r}, '--no-cache', '--jobs', '1']); "
        "print('pandas' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
    assert (tmp_path / "hits.jsonl").read_text(encoding="utf-8").count("\n") > 100
