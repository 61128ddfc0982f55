"""The detectors against the annotated gold sentences, with floors that must not drop.

``tests/data/eval_floor.json`` holds, per gold file, the rules system's F1 per category as it
was when the floor was set, rounded *down* to two decimals. A change that lowers a figure
below its floor fails here; a change that raises figures should raise the floor too::

    PYTHONPATH=.:tests python - <<'EOF'
    import json, math
    from decimal import Decimal, ROUND_FLOOR
    from framing.evaluation import evaluate, load_gold
    from test_evaluation import GOLD
    floor = {}
    for name, path in GOLD.items():
        df = evaluate(load_gold(path))
        rules = df[df.system == "rules"].set_index("category").f1
        floor[name] = {c: float(Decimal(repr(f)).quantize(Decimal("0.01"), ROUND_FLOOR))
                       for c, f in rules.items() if not math.isnan(f)}
    print(json.dumps(floor, indent=2, ensure_ascii=False))
    EOF
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from framing.document import Document
from framing.errors import InputErrors
from framing.evaluation import (
    AGGREGATES,
    GoldSentence,
    evaluate,
    load_gold,
    predict_baseline,
    predict_in_context,
    predict_rules,
)
from framing.lexicon import CATEGORIES, Lexicon

DATA = Path(__file__).resolve().parent / "data"
#: The development sets ``dev``, ``dev2``, ``dev3``, … in order: every one ``tests/data`` holds.
DEV_SETS = sorted((p.stem for p in DATA.glob("dev*.jsonl")), key=lambda stem: int(stem[3:] or 1))
#: The world-news development sets ``news1``, ``news2``, …: fictional texts written for them.
NEWS_SETS = sorted((p.stem for p in DATA.glob("news*.jsonl")), key=lambda stem: int(stem[4:]))
#: The sets from dev4 on repeat the held-out design and are drawn by a record script.
REPEATS = [name for name in DEV_SETS if int(name[3:] or 1) >= 4]
GOLD = {
    name: DATA / f"{name}.jsonl"
    for name in (
        "seed",
        *DEV_SETS,
        *NEWS_SETS,
        "heldout",
        "frame_articles_tune",
        "frame_articles_test",
    )
}
#: Gold files labelled for the frames and attribution only (``annotated``); the others are
#: labelled for every category.
PARTIAL = {"frame_articles_tune", "frame_articles_test"}
FULL = [name for name in GOLD if name not in PARTIAL]
PARTIAL_CATEGORIES = [c for c in CATEGORIES if c.startswith("frame.")] + ["attribution"]
FLOOR: dict[str, dict[str, float]] = json.loads((DATA / "eval_floor.json").read_text("utf-8"))
FLOOR_CASES = [
    (name, category, floor) for name, table in FLOOR.items() for category, floor in table.items()
]
COLUMNS = ["system", "category", "support", "tp", "fp", "fn", "precision", "recall", "f1"]


@pytest.fixture(scope="module")
def scores() -> dict[str, pd.DataFrame]:
    """``evaluate`` of both gold files, computed once."""
    return {name: evaluate(load_gold(path)) for name, path in GOLD.items()}


def f1(scores: dict[str, pd.DataFrame], name: str, system: str, category: str) -> float:
    table = scores[name]
    (value,) = table.loc[(table.system == system) & (table.category == category), "f1"]
    return float(value)


def test_gold_files_exist_and_load() -> None:
    for name, path in GOLD.items():
        gold = load_gold(path)
        assert len(gold) >= 200, name
        assert all(set(s.labels) <= set(CATEGORIES) for s in gold), name


def test_floor_table_covers_every_file_and_the_aggregates() -> None:
    assert set(FLOOR) == set(GOLD)
    for name, table in FLOOR.items():
        if name in PARTIAL:
            assert set(table) == set(PARTIAL_CATEGORIES)
        else:
            assert set(AGGREGATES) <= set(table)
            assert set(table) <= set(CATEGORIES) | set(AGGREGATES)
        assert all(0.0 <= value <= 1.0 for value in table.values())


@pytest.mark.parametrize("name", sorted(PARTIAL))
def test_partial_files_annotate_the_frames_and_attribution(name: str) -> None:
    gold = load_gold(GOLD[name])
    assert {s.annotated for s in gold} == {frozenset(PARTIAL_CATEGORIES)}
    assert set(evaluate(gold).category) == set(PARTIAL_CATEGORIES)


@pytest.mark.parametrize(
    ("name", "category", "floor"), FLOOR_CASES, ids=[f"{n}:{c}" for n, c, _ in FLOOR_CASES]
)
def test_rules_f1_does_not_drop_below_the_floor(
    scores: dict[str, pd.DataFrame], name: str, category: str, floor: float
) -> None:
    value = f1(scores, name, "rules", category)
    assert not math.isnan(value), f"{name}: {category} has no support or no predictions any more"
    assert value >= floor, f"{name}: F1 of {category} fell to {value:.4f}, below the floor {floor}"


@pytest.mark.parametrize("name", FULL)
def test_rules_beat_the_regex_baseline_on_hedges(
    scores: dict[str, pd.DataFrame], name: str
) -> None:
    assert f1(scores, name, "rules", "hedge (any)") > f1(
        scores, name, "regex baseline", "hedge (any)"
    )


@pytest.mark.parametrize("name", FULL)
def test_evaluate_table(scores: dict[str, pd.DataFrame], name: str) -> None:
    table = scores[name]
    assert list(table.columns) == COLUMNS
    assert set(table.system) == {"rules", "regex baseline"}
    labels = [*CATEGORIES, *AGGREGATES]
    for system in ("rules", "regex baseline"):
        assert list(table.loc[table.system == system, "category"]) == labels
    assert (table.support == table.tp + table.fn).all()
    rules = table[table.system == "rules"].set_index("category")
    baseline = table[table.system == "regex baseline"].set_index("category")
    assert (rules.support == baseline.support).all()  # the same gold for both systems
    for row in table.to_dict("records"):
        tp, fp, precision, recall = row["tp"], row["fp"], row["precision"], row["recall"]
        if tp + fp:
            assert precision == pytest.approx(tp / (tp + fp))
        if tp:
            assert row["f1"] == pytest.approx(2 * precision * recall / (precision + recall))


# --- small, exact cases --------------------------------------------------------------------------


def gold(*rows: tuple[str, Sequence[str]]) -> list[GoldSentence]:
    return [
        GoldSentence(f"doc-{n}", text, frozenset(labels)) for n, (text, labels) in enumerate(rows)
    ]


def test_evaluate_counts_with_a_fixed_system() -> None:
    sentences = gold(
        ("a", ["hedge.reportative"]),
        ("b", ["hedge.epistemic"]),
        ("c", []),
        ("d", ["hedge.reportative"]),
    )
    predictions = [
        frozenset({"hedge.reportative"}),  # tp
        frozenset({"hedge.reportative"}),  # fp for reportative, fn for epistemic, tp for (any)
        frozenset({"booster"}),  # fp
        frozenset(),  # fn
    ]
    records = evaluate(sentences, {"fixed": lambda _gold: predictions}).to_dict("records")
    table = {str(row["category"]): row for row in records}
    reportative = table["hedge.reportative"]
    assert [reportative[k] for k in ("tp", "fp", "fn", "support")] == [1, 1, 1, 2]
    assert [reportative[k] for k in ("precision", "recall", "f1")] == [0.5, 0.5, 0.5]
    hedge = table["hedge (any)"]
    assert [hedge[k] for k in ("tp", "fp", "fn")] == [2, 0, 1]
    assert hedge["f1"] == pytest.approx(0.8)
    booster = table["booster"]
    assert [booster[k] for k in ("tp", "fp", "fn")] == [0, 1, 0]
    assert booster["f1"] == 0.0 and math.isnan(booster["recall"])
    assert math.isnan(table["frame.military"]["f1"])  # nothing gold, nothing predicted
    assert len(records) == len(CATEGORIES) + len(AGGREGATES)


def test_load_gold_skips_link_only_sentences(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [
        {"doc_id": "a", "sentence_text": "事件が起きたとされる。", "labels": ["hedge.reportative"]},
        {
            "doc_id": "a#tweet-1",
            "sentence_text": "https://t.co/abc pic.twitter.com/xyz",
            "labels": [],
        },
        {"doc_id": "a#tweet-2", "sentence_text": "速報です https://t.co/abc", "labels": []},
    ]
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8"
    )
    loaded = load_gold(path)
    assert [(s.doc_id, s.medium) for s in loaded] == [("a", "article"), ("a#tweet-2", "tweet")]
    assert loaded[0].labels == frozenset({"hedge.reportative"})


def test_partly_annotated_sentences_are_scored_only_on_what_was_annotated() -> None:
    frames = frozenset({"frame.justice", "frame.sovereignty"})
    sentences = [
        GoldSentence("a", "a", frozenset({"frame.justice"}), frames),
        GoldSentence("b", "b", frozenset(), frames),
        GoldSentence("c", "c", frozenset({"booster"})),  # every category annotated
    ]
    predictions = [
        frozenset({"frame.justice", "booster"}),  # booster not annotated here: not scored
        frozenset({"hedge.reportative"}),  # nor this
        frozenset({"frame.justice"}),  # fp: this sentence annotated every category
    ]
    table = evaluate(sentences, {"fixed": lambda _gold: predictions}).set_index("category")
    assert [table.loc["frame.justice", k] for k in ("tp", "fp", "fn")] == [1, 1, 0]
    assert [table.loc["booster", k] for k in ("tp", "fp", "fn", "support")] == [0, 0, 1, 1]
    assert [table.loc["hedge (any)", k] for k in ("tp", "fp", "fn")] == [0, 0, 0]
    only_frames = evaluate(sentences[:2], {"fixed": lambda _gold: predictions[:2]})
    assert list(only_frames.category) == ["frame.sovereignty", "frame.justice"]


def test_load_gold_reads_annotated_and_reports_every_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [
        {
            "doc_id": "a",
            "sentence_text": "逮捕された。",
            "labels": ["frame.justice"],
            "annotated": ["frame.justice", "attribution"],
        },
        {"doc_id": "a", "sentence_text": "二文目。", "labels": ["frame.justis"]},
        {
            "doc_id": "a",
            "sentence_text": "三文目。",
            "labels": ["booster"],
            "annotated": ["frame.justice"],
        },
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        load_gold(path)
    message = str(caught.value)
    assert f"{path}:2" in message and "unknown labels: frame.justis" in message
    assert f"{path}:3" in message and "labels not in annotated: booster" in message
    path.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    (loaded,) = load_gold(path)
    assert loaded.annotated == frozenset({"frame.justice", "attribution"})
    assert load_gold(GOLD["seed"])[0].annotated == frozenset(CATEGORIES)


def _sample_script(name: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The record script ``tests/data/make_<name>_sample.py`` as a module (it imports its
    neighbours, so the folder goes on the path for the test)."""
    import importlib.util

    script = DATA / f"make_{name}_sample.py"
    monkeypatch.syspath_prepend(str(DATA))
    spec = importlib.util.spec_from_file_location(f"make_{name}_sample", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_frame_article_sample_is_drawn_as_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    """``make_frame_articles_sample.py`` draws exactly the sentences of the two halves, each
    in the half its article hash names."""
    from conftest import SHARED_LIVEDOOR

    module = _sample_script("frame_articles", monkeypatch)
    annotated = {
        json.loads(line)["sentence_text"]
        for name in module.ANNOTATED
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    }
    drawn = module.draw(SHARED_LIVEDOOR, annotated)
    for half in ("tune", "test"):
        rows = [json.loads(line) for line in GOLD[f"frame_articles_{half}"].open(encoding="utf-8")]
        expected = [
            (r["doc_id"], r["position"], r["sentence_text"]) for r in drawn if r["split"] == half
        ]
        assert [(r["doc_id"], r["position"], r["sentence_text"]) for r in rows] == expected


@pytest.mark.shared
@pytest.mark.parametrize("name", REPEATS)
def test_development_sample_is_drawn_as_recorded(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record script (``make_dev4_sample.py``, or ``make_repeat_sample.py <name>``) prints
    exactly the sentences of ``<name>.jsonl``, in order."""
    import sys

    from conftest import SHARED_LIVEDOOR

    module = _sample_script("dev4" if name == "dev4" else "repeat", monkeypatch)
    arguments = [str(SHARED_LIVEDOOR)] if name == "dev4" else [name, str(SHARED_LIVEDOOR)]
    monkeypatch.setattr(sys, "argv", [module.__file__, *arguments])
    module.main()
    drawn = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rows = [json.loads(line) for line in GOLD[name].open(encoding="utf-8")]
    assert [(r["doc_id"], r["sentence_text"]) for r in rows] == [
        (r["doc_id"], r["sentence_text"]) for r in drawn
    ]


@pytest.mark.parametrize("name", NEWS_SETS)
def test_news_sets_are_every_sentence_of_their_texts(name: str) -> None:
    """``<name>.jsonl`` holds every sentence of ``tests/data/<name>/*.txt`` as the readers split
    them (article first, then each embed), in order, so the labels stay tied to the texts."""
    from framing.readers import read
    from framing.sentences import split_sentences

    documents = read(sorted((DATA / name).glob("*.txt"))).documents
    expected = [(d.doc_id, s.text) for d in documents for s in split_sentences(d.text)]
    rows = [json.loads(line) for line in GOLD[name].open(encoding="utf-8")]
    assert [(r["doc_id"], r["sentence_text"]) for r in rows] == expected
    assert {d.medium for d in documents} == {"article", "tweet"}


def test_predictions(lexicon: Lexicon) -> None:
    sentences = gold(
        ("事件が起きたとされる。", []), ("明日は雨が降りそうだ。", []), ("男らしい態度だった。", [])
    )
    rules = predict_rules(sentences, lexicon)
    assert "hedge.reportative" in rules[0]
    assert "hedge.inferential" in rules[1]
    assert not {c for c in rules[2] if c.startswith("hedge.")}
    baseline = predict_baseline(sentences)
    assert "hedge.reportative" in baseline[0]
    assert "hedge.reportative" in baseline[1]  # the regex cannot tell 降りそうだ from 降るそうだ


# --- in context: the rules run on each sentence's whole document --------------------------------

INTERVIEW = Document(
    doc_id="iv",
    text="――好きな食べ物は何ですか？\n寿司が一番好きですね。\n――休日は何をしていますか？\n"
    "家で映画を見ていますね。\n皆さんもぜひ試してみてください。",
)


def test_in_context_sees_the_document_the_annotators_saw(lexicon: Lexicon) -> None:
    """An interviewee's ね is no reader engagement: only the whole document shows the turns."""
    sentences = [
        GoldSentence("iv", "寿司が一番好きですね。", frozenset()),
        GoldSentence("iv", "家で映画を見ていますね。", frozenset()),
    ]
    assert all("engagement" in p for p in predict_rules(sentences, lexicon))
    assert predict_in_context(sentences, [INTERVIEW], lexicon) == [frozenset(), frozenset()]


def test_in_context_keeps_only_the_hits_inside_the_sentence(lexicon: Lexicon) -> None:
    document = Document(doc_id="d", text="事件が起きたとされる。明日は雨が降りそうだ。")
    sentences = [GoldSentence("d", "明日は雨が降りそうだ。", frozenset({"hedge.inferential"}))]
    (found,) = predict_in_context(sentences, [document], lexicon)
    assert "hedge.inferential" in found
    assert "hedge.reportative" not in found  # the previous sentence's hedge


def test_in_context_lists_every_sentence_it_cannot_place(tmp_path: Path, lexicon: Lexicon) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [
        {"doc_id": "iv", "sentence_text": "寿司が一番好きですね。", "labels": []},
        {"doc_id": "nowhere", "sentence_text": "事件が起きた。", "labels": []},
        {"doc_id": "iv", "sentence_text": "この文はない。", "labels": []},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with pytest.raises(InputErrors) as caught:
        predict_in_context(load_gold(path), [INTERVIEW], lexicon)
    message = str(caught.value)
    assert "2 problem(s)" in message
    assert f"{path}:2" in message and "no document 'nowhere'" in message
    assert f"{path}:3" in message and "does not contain the sentence's text" in message


def test_cli_evaluate_in_context(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from framing.cli import main

    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(
        json.dumps({"doc_id": "iv", "sentence_text": "寿司が一番好きですね。", "labels": []})
        + "\n",
        encoding="utf-8",
    )
    documents = tmp_path / "docs.jsonl"
    documents.write_text(
        json.dumps({"doc_id": "iv", "text": INTERVIEW.text}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(gold_path), "--context", str(documents)]) == 0
    out = capsys.readouterr().out
    assert "| category | support | rules P | rules R | rules F1 | in context P |" in out
    engagement = next(line for line in out.splitlines() if line.startswith("| engagement |"))
    # standalone: one false alarm (precision 0.00); in context: nothing predicted (–)
    assert engagement.split(" | ")[2:5] == ["0.00", "–", "0.00"]
    assert engagement.split(" | ")[5:8] == ["–", "–", "–"]


def test_in_context_engagement_on_the_seed(lexicon: Lexicon) -> None:
    """The seed article is no interview: in its own article each よね/ね still addresses the
    reader (F1 1.00 in context, as sentence by sentence)."""
    from framing.readers import read

    sentences = load_gold(GOLD["seed"])
    predicted = predict_in_context(sentences, read([DATA.parent.parent / "seeds"]).documents)
    table = evaluate(sentences, {"rules": lambda _: predicted})
    (value,) = table.loc[table.category == "engagement", "f1"]
    assert value == 1.0


@pytest.mark.shared
def test_in_context_engagement_on_held_out_does_not_drop() -> None:
    """In context (the articles from livedoor), held-out engagement reached 0.73."""
    from conftest import SHARED_LIVEDOOR

    from framing.readers import read

    sentences = load_gold(GOLD["heldout"])
    documents = read(SHARED_LIVEDOOR).documents
    predicted = predict_in_context(sentences, documents)
    table = evaluate(sentences, {"rules": lambda _: predicted})
    (value,) = table.loc[table.category == "engagement", "f1"]
    assert value >= 0.73
