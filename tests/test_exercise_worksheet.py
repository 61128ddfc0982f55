"""Drawing exercises from hand-built ``sentences`` and ``signals`` tables, and writing them out."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from framing.errors import InputError
from framing.exercise import (
    POSITIVE_SHARE,
    Exercise,
    expand_signals,
    grade,
    make_exercise,
    read_key,
    write_exercise,
)
from framing.exercise.codebook import CATEGORIES, describe
from framing.exercise.text import TEXT

Hit = tuple[str, int, str, str, str]  # doc_id, sentence, category, rule, marker


def sentences_table(docs: dict[str, Sequence[str]]) -> pd.DataFrame:
    """A ``framing.sentences`` table (docs/tables.md) for the given documents' sentences."""
    rows: list[dict[str, Any]] = []
    for doc_id, texts in docs.items():
        offset = 0
        for i, text in enumerate(texts):
            rows.append(
                {
                    "doc_id": doc_id,
                    "outlet": f"outlet-{doc_id}",
                    "medium": "article",
                    "sentence": i,
                    "start": offset,
                    "end": offset + len(text),
                    "text": text,
                    "quoted": False,
                    "morphemes": len(text) // 2,
                }
            )
            offset += len(text)
    return pd.DataFrame(rows)


def hits_table(hits: Sequence[Hit], *, quoted: Sequence[bool] = ()) -> pd.DataFrame:
    """A ``framing.signals`` table (docs/tables.md) with one row per hit."""
    rows = [
        {
            "doc_id": doc_id,
            "outlet": f"outlet-{doc_id}",
            "medium": "article",
            "sentence": sentence,
            "start": 10 + i,
            "end": 10 + i + len(marker),
            "signal": category.split(".")[0],
            "category": category,
            "rule": rule,
            "text": marker,
            "quoted": quoted[i] if quoted else False,
            "sentence_text": "",
            "source_named": pd.NA,
        }
        for i, (doc_id, sentence, category, rule, marker) in enumerate(hits)
    ]
    return pd.DataFrame(rows)


SENTENCES = sentences_table(
    {
        "a": [
            "マドゥロ大統領夫妻を拘束したと報じられています。",  # 0 reportative
            "なぜこのタイミングで動いたのでしょうか。",  # 1 rhetorical
            "異例中の異例。",  # 2 (nominal ending, not asked)
            "作戦だった可能性も見えてきます。",  # 3 epistemic
            "事実関係を整理します。",  # 4
            "はい。",  # 5 too short
        ],
        "b": [
            "事実関係を整理します。",  # 0 repeats a/4
            "雨が降るそうだ。",  # 1 reportative
            "彼は来ないかもしれないと伝えられています。",  # 2 epistemic + reportative
            "今日は晴れています。",  # 3
            "国際法違反との非難が噴出しています。",  # 4 (frame, not asked)
        ],
    }
)
HITS = hits_table(
    [
        ("a", 0, "hedge.reportative", "hedge.reportative/to-hojirareru", "と報じられています"),
        ("a", 1, "question.rhetorical", "question.rhetorical/nodeshouka", "のでしょうか"),
        ("a", 2, "style.nominal_ending", "style.nominal_ending/noun-final", "異例。"),
        ("a", 3, "hedge.epistemic", "hedge.epistemic/kanousei", "可能性も"),
        ("b", 1, "hedge.reportative", "hedge.reportative/souda", "そうだ"),
        ("b", 2, "hedge.epistemic", "hedge.epistemic/kamoshirenai", "かもしれない"),
        ("b", 2, "hedge.reportative", "hedge.reportative/to-tsutaerareru", "と伝えられています"),
        ("b", 4, "frame.sovereignty", "frame.sovereignty/kokusaiho", "国際法違反"),
    ],
    quoted=[False, False, False, False, True, False, False, False],
)


# ---------------------------------------------------------------- signals


@pytest.mark.parametrize(
    ("signals", "observed", "expected"),
    [
        (["hedge"], (), ("hedge.reportative", "hedge.inferential", "hedge.epistemic")),
        (
            ["question.rhetorical", "hedge.epistemic"],
            (),
            ("hedge.epistemic", "question.rhetorical"),
        ),
        (
            ["hedge.epistemic", "hedge"],
            (),
            ("hedge.reportative", "hedge.inferential", "hedge.epistemic"),
        ),
        (["booster"], (), ("booster",)),
        (["booster"], ("booster.certainty",), ("booster.certainty",)),
        (["attribution.anonymous"], ("attribution.anonymous",), ("attribution.anonymous",)),
        ([" style ", ""], (), ("style.nominal_ending", "style.agentless_passive")),
    ],
)
def test_signals_expand_to_categories(
    signals: list[str], observed: tuple[str, ...], expected: tuple[str, ...]
) -> None:
    assert expand_signals(signals, observed=observed) == expected


@pytest.mark.parametrize(
    ("signals", "fragment"),
    [
        (["hedg"], "unknown signal 'hedg' (did you mean 'hedge'?)"),
        (["hedge.reportive"], "did you mean 'hedge.reportative'?"),
        (["nonsense"], "allowed: attribution, booster"),
        ([], "no signal asked"),
    ],
)
def test_unknown_signal_is_an_input_error(signals: list[str], fragment: str) -> None:
    with pytest.raises(InputError, match=r"^signals: ") as err:
        expand_signals(signals)
    assert fragment in str(err.value)


def test_both_languages_have_the_same_words() -> None:
    assert TEXT["ja"].keys() == TEXT["en"].keys()
    assert all(TEXT["ja"].values()) and all(TEXT["en"].values())


def test_every_codebook_category_is_described_in_both_languages() -> None:
    for category, desc in CATEGORIES.items():
        assert desc.label_ja and desc.label_en and desc.explain_ja and desc.explain_en, category
    assert describe("booster.certainty").label_en == "booster"
    assert describe("unknown.thing").label_ja == "unknown.thing"


# ---------------------------------------------------------------- make_exercise


def test_key_has_one_answer_per_sentence_and_asked_category() -> None:
    ex = make_exercise(SENTENCES, HITS, signals=["hedge", "question.rhetorical"], n_sentences=20)
    texts = [s.text for s in ex.sentences]
    # every usable, distinct sentence fits on the sheet, in document order
    assert texts == [
        "マドゥロ大統領夫妻を拘束したと報じられています。",
        "なぜこのタイミングで動いたのでしょうか。",
        "異例中の異例。",
        "作戦だった可能性も見えてきます。",
        "事実関係を整理します。",
        "雨が降るそうだ。",
        "彼は来ないかもしれないと伝えられています。",
        "今日は晴れています。",
        "国際法違反との非難が噴出しています。",
    ]
    assert [s.number for s in ex.sentences] == list(range(1, 10))
    assert [(s.doc_id, s.sentence) for s in ex.sentences][5] == ("b", 1)
    assert [(a.sentence, a.category) for a in ex.answers] == [
        (1, "hedge.reportative"),
        (2, "question.rhetorical"),
        (4, "hedge.epistemic"),
        (6, "hedge.reportative"),
        (7, "hedge.reportative"),
        (7, "hedge.epistemic"),
    ]
    assert ex.categories == (
        "hedge.reportative",
        "hedge.inferential",
        "hedge.epistemic",
        "question.rhetorical",
    )
    assert ex.signals == ("hedge", "question.rhetorical")
    table = ex.key_table()
    assert list(table.columns) == [
        "sentence",
        "category",
        "markers",
        "rules",
        "reason_ja",
        "reason_en",
    ]
    assert table.iloc[4][["markers", "rules"]].tolist() == [
        "と伝えられています",
        "hedge.reportative/to-tsutaerareru",
    ]


def test_reasons_name_marker_rule_and_meaning() -> None:
    ex = make_exercise(
        SENTENCES,
        HITS,
        signals=["hedge"],
        rule_notes={"hedge.reportative/souda": "降るそうだ: plain form + そうだ is hearsay"},
    )
    answer = ex.answer(6, "hedge.reportative")
    assert answer is not None
    assert answer.markers[0].text == "そうだ" and answer.markers[0].quoted
    assert "「そうだ」" in answer.reason_ja and "hedge.reportative/souda" in answer.reason_ja
    assert "報道や他人の話" in answer.reason_ja
    assert "引用" in answer.reason_ja
    assert '"そうだ"' in answer.reason_en and "vouch" in answer.reason_en
    assert "inside quotes" in answer.reason_en
    assert "plain form + そうだ is hearsay" in answer.reason_en
    assert answer.reason("en") == answer.reason_en


def test_sample_mixes_sentences_with_and_without_signals() -> None:
    texts = [f"これは{i}番目の普通の文です。" for i in range(30)]
    hits = [
        ("d", i, "hedge.reportative", "hedge.reportative/to-sareru", "とされる")
        for i in range(0, 30, 2)
    ]
    sentences = sentences_table({"d": texts})
    ex = make_exercise(sentences, hits_table(hits), signals=["hedge.reportative"], n_sentences=10)
    positives = {s for s, _ in ex.pairs()}
    assert len(ex.sentences) == 10
    assert len(positives) == round(10 * POSITIVE_SHARE) == 6
    indices = [s.sentence for s in ex.sentences]
    assert indices == sorted(indices)


def test_every_asked_category_appears_when_the_input_has_it() -> None:
    texts = [f"これは{i}番目の普通の文です。" for i in range(40)]
    hits = [("d", i, "hedge.reportative", "r/1", "とされる") for i in range(0, 36)]
    hits += [
        ("d", 37, "hedge.epistemic", "e/1", "かも"),
        ("d", 38, "question.rhetorical", "q/1", "か"),
    ]
    for seed in range(5):
        ex = make_exercise(
            sentences_table({"d": texts}),
            hits_table(hits),
            signals=["hedge", "question"],
            n_sentences=5,
            seed=seed,
        )
        found = {c for _, c in ex.pairs()}
        assert {"hedge.reportative", "hedge.epistemic", "question.rhetorical"} <= found


def test_draw_is_deterministic_for_a_seed() -> None:
    texts = [f"これは{i}番目の普通の文です。" for i in range(50)]
    hits = hits_table([("d", i, "hedge.epistemic", "e/1", "かも") for i in range(0, 50, 3)])
    sentences = sentences_table({"d": texts})

    def draw(seed: int) -> list[int]:
        ex = make_exercise(sentences, hits, signals=["hedge"], n_sentences=12, seed=seed)
        return [s.sentence for s in ex.sentences]

    assert draw(3) == draw(3)
    assert draw(3) != draw(4)
    shuffled = make_exercise(
        sentences, hits.iloc[::-1].reset_index(drop=True), signals=["hedge"], n_sentences=12, seed=3
    )
    assert [s.sentence for s in shuffled.sentences] == draw(3)


def test_short_sheet_when_input_is_small() -> None:
    ex = make_exercise(SENTENCES, HITS, signals=["question"], n_sentences=3)
    assert len(ex.sentences) == 3
    assert [c for _, c in ex.pairs()] == ["question.rhetorical"]
    assert ex.categories == ("question.rhetorical", "question.genuine")


@pytest.mark.parametrize(
    ("signals", "error", "fragment"),
    [
        (["hedge.inferential"], InputError, "no sentence of the input carries hedge.inferential"),
        (["hedj"], InputError, "did you mean 'hedge'"),
    ],
)
def test_make_rejects_bad_signals(
    signals: list[str], error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error) as err:
        make_exercise(SENTENCES, HITS, signals=signals)
    assert fragment in str(err.value)


def test_make_rejects_tables_without_the_contract_columns() -> None:
    with pytest.raises(ValueError, match="lacks column\\(s\\) rule"):
        make_exercise(SENTENCES, HITS.drop(columns="rule"), signals=["hedge"])
    with pytest.raises(ValueError, match="n_sentences must be at least 1"):
        make_exercise(SENTENCES, HITS, signals=["hedge"], n_sentences=0)


# ---------------------------------------------------------------- write_exercise


@pytest.fixture
def exercise() -> Exercise:
    return make_exercise(SENTENCES, HITS, signals=["hedge", "question.rhetorical"], seed=1)


def test_write_exercise_files(exercise: Exercise, tmp_path: Path) -> None:
    written = write_exercise(exercise, tmp_path / "ex")
    names = sorted(p.name for p in written)
    assert names == sorted(
        ["worksheet.html", "worksheet.md", "answers.csv", "key.csv", "key.json", "key.md"]
    )
    out = tmp_path / "ex"
    assert (out / "answers.csv").read_text(encoding="utf-8") == "sentence,category\n"
    key_rows = (out / "key.csv").read_text(encoding="utf-8").splitlines()
    assert key_rows[0] == "sentence,category"
    assert len(key_rows) == 1 + len(exercise.answers)
    data = json.loads((out / "key.json").read_text(encoding="utf-8"))
    assert data["categories"] == list(exercise.categories)
    assert data["answers"][0]["reason"]["ja"] == exercise.answers[0].reason_ja
    md = (out / "worksheet.md").read_text(encoding="utf-8")
    for s in exercise.sentences:
        assert f"**{s.number}.** " in md
    for category in exercise.categories:
        assert f"`{category}`" in md
        assert describe(category).explain_ja in md


def test_written_key_reads_back_and_grades_itself_perfectly(
    exercise: Exercise, tmp_path: Path
) -> None:
    write_exercise(exercise, tmp_path)
    assert read_key(tmp_path) == exercise
    report = grade(tmp_path, [tmp_path / "key.csv"])
    overall = report.students[0].overall
    assert (overall.precision, overall.recall, overall.f1, overall.kappa) == (1.0, 1.0, 1.0, 1.0)
    assert all(s.f1 == 1.0 and s.kappa == 1.0 for s in report.students[0].scores)


def test_worksheet_html_is_escaped_and_self_contained(tmp_path: Path) -> None:
    sentences = sentences_table(
        {"x": ["<script>alert('x')</script>とされる。", "A & B の *強調* | 表。"]}
    )
    hits = hits_table([("x", 0, "hedge.reportative", "r/<b>", "とされる")])
    ex = make_exercise(sentences, hits, signals=["hedge.reportative"])
    write_exercise(ex, tmp_path)
    html = (tmp_path / "worksheet.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "A &amp; B" in html
    assert "<style>" in html and "@media print" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html
    md = (tmp_path / "worksheet.md").read_text(encoding="utf-8")
    assert "\\<script\\>" in md and "\\*強調\\*" in md and "\\|" in md
    assert "<b>" not in (tmp_path / "key.md").read_text(encoding="utf-8")


def test_english_worksheet(tmp_path: Path) -> None:
    ex = make_exercise(SENTENCES, HITS, signals=["hedge"], lang="en")
    write_exercise(ex, tmp_path)
    html = (tmp_path / "worksheet.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Instructions" in html and "hearsay" in html


def test_existing_exercise_is_not_overwritten(exercise: Exercise, tmp_path: Path) -> None:
    write_exercise(exercise, tmp_path)
    (tmp_path / "key.csv").write_text("sentence,category\n", encoding="utf-8")
    with pytest.raises(InputError, match="already holds an exercise"):
        write_exercise(exercise, tmp_path)
    assert (tmp_path / "key.csv").read_text(encoding="utf-8") == "sentence,category\n"
    write_exercise(exercise, tmp_path, overwrite=True)
    assert read_key(tmp_path) == exercise
