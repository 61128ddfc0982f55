"""Grading hand-built student files against a hand-built key, with hand-computed scores.

The key (tests/data/exercise/key) has 10 sentences and 3 categories (30 cells) and 6 answers:
1 reportative, 2 rhetorical, 4 epistemic, 5 reportative + epistemic, 7 rhetorical.

alice marks 1 reportative, 2 rhetorical, 4 reportative, 5 reportative, 7 rhetorical, 9 epistemic:
tp 4, fp 2 (4 reportative, 9 epistemic), fn 2 (4 epistemic, 5 epistemic), tn 22.
  overall: p = r = f1 = 4/6; kappa: p_o = 26/30, p_e = .2*.2 + .8*.8 = .68 -> 7/12.
  reportative (key 1,5; alice 1,4,5): tp 2 fp 1 fn 0 tn 7 -> p 2/3, r 1, f1 .8;
      p_o .9, p_e .2*.3 + .8*.7 = .62 -> kappa .28/.38 = 14/19.
  epistemic (key 4,5; alice 9): tp 0 fp 1 fn 2 tn 7 -> 0, 0, 0;
      p_o .7, p_e .2*.1 + .8*.9 = .74 -> kappa -.04/.26 = -2/13.
  rhetorical: perfect -> 1, 1, 1, 1.
bob marks nothing: tp 0 fp 0 fn 6 tn 24 -> p 0, r 0, f1 0; p_o .8 = p_e -> kappa 0.
carol is alice's answers in a messy (but valid) file.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from framing.errors import InputError, InputErrors
from framing.exercise import (
    GradeReport,
    cohen_kappa,
    grade,
    precision_recall_f1,
    read_key,
    write_grades,
)

DATA = Path(__file__).parent / "data" / "exercise"
KEY = DATA / "key"
STUDENTS = DATA / "students"


def copy_key(tmp_path: Path) -> Path:
    target = tmp_path / "key"
    shutil.copytree(KEY, target)
    return target


# ---------------------------------------------------------------- the measures


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (4, 2, 2, (4 / 6, 4 / 6, 4 / 6)),
        (2, 1, 0, (2 / 3, 1.0, 0.8)),
        (0, 0, 0, (1.0, 1.0, 1.0)),
        (0, 0, 3, (0.0, 0.0, 0.0)),
        (0, 3, 0, (0.0, 0.0, 0.0)),
        (0, 1, 2, (0.0, 0.0, 0.0)),
    ],
)
def test_precision_recall_f1(
    tp: int, fp: int, fn: int, expected: tuple[float, float, float]
) -> None:
    assert precision_recall_f1(tp, fp, fn) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "tn", "expected"),
    [
        (4, 2, 2, 22, 7 / 12),
        (2, 1, 0, 7, 14 / 19),
        (0, 1, 2, 7, -2 / 13),
        (0, 0, 6, 24, 0.0),
        (2, 0, 0, 8, 1.0),
        (0, 0, 0, 10, 1.0),  # both raters say "absent" everywhere: perfect agreement
        (10, 0, 0, 0, 1.0),  # both say "present" everywhere
        (0, 5, 5, 0, -1.0),
    ],
)
def test_cohen_kappa_hand_computed(tp: int, fp: int, fn: int, tn: int, expected: float) -> None:
    assert cohen_kappa(tp, fp, fn, tn) == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(8))
def test_cohen_kappa_matches_scikit_learn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    key = rng.random(40) < 0.3
    student = np.where(rng.random(40) < 0.8, key, ~key)
    tp = int((key & student).sum())
    fp = int((~key & student).sum())
    fn = int((key & ~student).sum())
    tn = int((~key & ~student).sum())
    assert cohen_kappa(tp, fp, fn, tn) == pytest.approx(cohen_kappa_score(key, student))


# ---------------------------------------------------------------- grading known students


@pytest.fixture(scope="module")
def report() -> GradeReport:
    paths = [STUDENTS / f"{name}.csv" for name in ("perfect", "alice", "bob", "carol")]
    return grade(KEY, paths)


def scores(report: GradeReport, student: str) -> pd.DataFrame:
    table = report.grades_table()
    return table[table["student"] == student].set_index("category")


def test_key_against_itself_is_perfect() -> None:
    report = grade(KEY, [KEY / "key.csv"])
    table = report.grades_table()
    assert (table[["precision", "recall", "f1", "kappa"]] == 1.0).all().all()
    assert table.loc[table["category"] == "all", ["tp", "fp", "fn", "tn"]].values.tolist() == [
        [6, 0, 0, 24]
    ]


def test_perfect_student(report: GradeReport) -> None:
    table = scores(report, "perfect")
    assert (table[["precision", "recall", "f1", "kappa"]] == 1.0).all().all()


@pytest.mark.parametrize("student", ["alice", "carol"])
@pytest.mark.parametrize(
    ("category", "counts", "measures"),
    [
        ("all", (4, 2, 2, 22), (4 / 6, 4 / 6, 4 / 6, 7 / 12)),
        ("hedge.reportative", (2, 1, 0, 7), (2 / 3, 1.0, 0.8, 14 / 19)),
        ("hedge.epistemic", (0, 1, 2, 7), (0.0, 0.0, 0.0, -2 / 13)),
        ("question.rhetorical", (2, 0, 0, 8), (1.0, 1.0, 1.0, 1.0)),
    ],
)
def test_known_scores(
    report: GradeReport,
    student: str,
    category: str,
    counts: tuple[int, int, int, int],
    measures: tuple[float, float, float, float],
) -> None:
    row = scores(report, student).to_dict(orient="index")[category]
    assert tuple(int(row[c]) for c in ("tp", "fp", "fn", "tn")) == counts
    got = tuple(float(row[c]) for c in ("precision", "recall", "f1", "kappa"))
    assert got == pytest.approx(measures)


def test_student_who_marks_nothing(report: GradeReport) -> None:
    row = scores(report, "bob").loc["all"]
    assert (row["tp"], row["fp"], row["fn"], row["tn"]) == (0, 0, 6, 24)
    assert (row["precision"], row["recall"], row["f1"], row["kappa"]) == (0.0, 0.0, 0.0, 0.0)


def test_grades_table_is_tidy(report: GradeReport) -> None:
    table = report.grades_table()
    assert list(table.columns) == [
        "student", "category", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "kappa",
    ]  # fmt: skip
    assert len(table) == 4 * 4
    assert table["category"].tolist()[:4] == [
        "all",
        "hedge.reportative",
        "hedge.epistemic",
        "question.rhetorical",
    ]
    assert not table.isna().any().any()


def test_feedback_for_alice(report: GradeReport) -> None:
    table = report.feedback_table()
    alice = table[table["student"] == "alice"]
    assert list(zip(alice["sentence"], alice["category"], alice["outcome"], strict=True)) == [
        (1, "hedge.reportative", "correct"),
        (2, "question.rhetorical", "correct"),
        (4, "hedge.reportative", "wrong"),
        (4, "hedge.epistemic", "missed"),
        (5, "hedge.reportative", "correct"),
        (5, "hedge.epistemic", "missed"),
        (7, "question.rhetorical", "correct"),
        (9, "hedge.epistemic", "wrong"),
    ]
    messages = dict(
        zip(zip(alice["sentence"], alice["outcome"], strict=True), alice["message"], strict=True)
    )
    # a missed answer gives the key's reason: marker and rule
    assert "「おそれがある」" in messages[(5, "missed")]
    assert "hedge.epistemic/osore" in messages[(5, "missed")]
    # a wrong mark says what the key has instead, and what the category means
    assert "解答にはありません" in messages[(4, "wrong")]
    assert "「可能性・不確かさ」(hedge.epistemic)です" in messages[(4, "wrong")]
    assert "報道や他人の話" in messages[(4, "wrong")]
    assert "この練習で問うカテゴリーはありません" in messages[(9, "wrong")]


def test_feedback_in_english() -> None:
    report = grade(KEY, [STUDENTS / "alice.csv"], lang="en")
    table = report.feedback_table().set_index(["sentence", "category"])
    missed = str(table.loc[(5, "hedge.epistemic"), "message"])
    assert missed.startswith('This sentence carries "possibility" (hedge.epistemic).')
    assert '"おそれがある" (rule hedge.epistemic/osore)' in missed
    wrong = str(table.loc[(4, "hedge.reportative"), "message"])
    assert "the key does not" in wrong and "The key has" in wrong


def test_class_summary_by_category(report: GradeReport) -> None:
    table = report.category_table().set_index("category")
    # perfect misses 0, alice 2, bob 6, carol 2 of 6 key answers each
    assert table.loc["all", "missed"] == 10
    assert table.loc["all", "miss_rate"] == pytest.approx(10 / 24)
    # epistemic: key 4, 5; missed by alice (2), bob (2), carol (2)
    assert table.loc["hedge.epistemic", "miss_rate"] == pytest.approx(6 / 8)
    assert table.loc["hedge.epistemic", "wrong"] == 2
    assert table.loc["hedge.reportative", "miss_rate"] == pytest.approx(2 / 8)
    assert report.category_table()["category"].tolist()[1] == "hedge.epistemic"  # most missed


def test_hardest_sentences(report: GradeReport) -> None:
    hardest = report.hardest_sentences()
    # 4: alice, bob, carol wrong; 5: alice, bob, carol wrong (5 errors); 1, 2, 7: bob only
    assert hardest["sentence"].tolist()[:2] == [4, 5]
    assert hardest["students_wrong"].tolist()[:2] == [3, 3]
    assert set(hardest["sentence"]) == {1, 2, 4, 5, 7, 9}
    table = report.sentence_table().set_index("sentence")
    assert table.loc[3, "students_wrong"] == 0
    assert table.loc[9, "wrong"] == 2


# ---------------------------------------------------------------- malformed files in a class


BAD = [DATA / "bad" / "unknown_category.csv", DATA / "bad" / "duplicate.csv"]


def test_bad_files_fail_the_class_and_name_every_problem() -> None:
    with pytest.raises(InputErrors) as err:
        grade(KEY, [STUDENTS / "alice.csv", *BAD])
    text = str(err.value)
    assert f"{BAD[0]}:2: unknown category" in text
    assert f"{BAD[1]}:4: duplicate row" in text


def test_skip_bad_grades_the_others() -> None:
    report = grade(KEY, [STUDENTS / "alice.csv", *BAD, STUDENTS / "bob.csv"], skip_bad=True)
    assert [r.student for r in report.students] == ["alice", "bob"]
    assert [s.student for s in report.skipped] == ["unknown_category", "duplicate"]
    assert report.skipped[0].problems[0].line == 2


def test_skip_bad_with_nothing_good_still_fails() -> None:
    with pytest.raises(InputError, match="unknown category"):
        grade(KEY, BAD[:1], skip_bad=True)


def test_students_with_the_same_file_name(tmp_path: Path) -> None:
    for name in ("sato", "suzuki"):
        (tmp_path / name).mkdir()
        shutil.copy(STUDENTS / "alice.csv", tmp_path / name / "answers.csv")
    report = grade(KEY, [tmp_path / "sato" / "answers.csv", tmp_path / "suzuki" / "answers.csv"])
    assert [r.student for r in report.students] == ["sato/answers", "suzuki/answers"]


def test_a_file_given_twice() -> None:
    with pytest.raises(InputError, match="given more than once"):
        grade(KEY, [STUDENTS / "alice.csv", STUDENTS / "alice.csv"])


def test_no_student_file() -> None:
    with pytest.raises(InputError, match="no student file given"):
        grade(KEY, [])


# ---------------------------------------------------------------- editing the key


def test_edited_key_regrades(tmp_path: Path) -> None:
    key = copy_key(tmp_path)
    # the instructor drops "4 epistemic" and adds "9 epistemic"
    (key / "key.csv").write_text(
        "sentence,category\n1,hedge.reportative\n2,question.rhetorical\n5,hedge.reportative\n"
        "5,hedge.epistemic\n7,question.rhetorical\n9,hedge.epistemic\n",
        encoding="utf-8",
    )
    report = grade(key, [STUDENTS / "alice.csv"])
    overall = report.students[0].overall
    assert (overall.tp, overall.fp, overall.fn) == (5, 1, 1)
    feedback = report.feedback_table().set_index(["sentence", "category"])
    assert feedback.loc[(9, "hedge.epistemic"), "outcome"] == "correct"
    assert "教員が追加した解答です" in str(feedback.loc[(9, "hedge.epistemic"), "message"])
    assert (4, "hedge.epistemic") not in feedback.index
    # the key read back keeps key.json's reasons for the answers still there
    answer = read_key(key).answer(5, "hedge.epistemic")
    assert answer is not None and answer.markers[0].text == "おそれがある"


def test_edited_copy_of_key_csv_pairs_with_key_json(tmp_path: Path) -> None:
    key = copy_key(tmp_path)
    edited = key / "key-v2.csv"
    edited.write_text("sentence,category\n9,hedge.epistemic\n", encoding="utf-8")
    assert read_key(edited).pairs() == {(9, "hedge.epistemic")}
    assert read_key(key / "key.json").pairs() == read_key(key).pairs()


@pytest.mark.parametrize(
    ("key_csv", "line", "fragment"),
    [
        ("sentence,category\n1,hedge.inferential\n", 2, "unknown category 'hedge.inferential'"),
        ("sentence,category\n11,hedge.epistemic\n", 2, "sentence 11 is out of range"),
        ("sentence,category\n1,hedge.reportative\n1,hedge.reportative\n", 3, "duplicate row"),
        ("sentence,categry\n1,hedge.reportative\n", 1, "unknown column 'categry'"),
    ],
)
def test_key_csv_edited_into_an_invalid_state(
    tmp_path: Path, key_csv: str, line: int, fragment: str
) -> None:
    key = copy_key(tmp_path)
    (key / "key.csv").write_text(key_csv, encoding="utf-8")
    with pytest.raises(InputError) as err:
        grade(key, [STUDENTS / "alice.csv"])
    assert err.value.path == str(key / "key.csv")
    assert err.value.line == line
    assert fragment in str(err.value)


@pytest.mark.parametrize(
    ("edit", "line", "fragment"),
    [
        (
            lambda text: text.replace('"number": 3,', '"number": 4,'),
            None,
            "sentences[2]: 'number' must be 3",
        ),
        (
            lambda text: text.replace('"categories": [', '"categories": [\n    "hedge.epistemic",'),
            None,
            "listed twice",
        ),
        (lambda text: text.replace('"sentences": [', '"sentences": [,', 1), 17, "not valid JSON"),
        (
            lambda text: text.replace('"framing-exercise-key/1"', '"other"'),
            None,
            "format: expected",
        ),
        (
            lambda text: text.replace('"text": "なぜ', '"text": 5, "x": "なぜ'),
            None,
            "'text' must be a str",
        ),
    ],
)
def test_key_json_edited_into_an_invalid_state(
    tmp_path: Path, edit: Callable[[str], str], line: int | None, fragment: str
) -> None:
    key = copy_key(tmp_path)
    path = key / "key.json"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_key(key)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert fragment in str(err.value)


def test_missing_key_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="key not found"):
        read_key(tmp_path)
    (tmp_path / "key.csv").write_text("sentence,category\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"key\.json not found") as err:
        read_key(tmp_path)
    assert err.value.path == str(tmp_path / "key.json")


# ---------------------------------------------------------------- writing the grades


def test_write_grades(report: GradeReport, tmp_path: Path) -> None:
    written = write_grades(report, tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert names == {
        "grades.csv",
        "feedback.csv",
        "summary_categories.csv",
        "summary_sentences.csv",
        "summary.md",
        "summary.html",
        "feedback/perfect.md",
        "feedback/alice.md",
        "feedback/bob.md",
        "feedback/carol.md",
    }
    assert (tmp_path / "grades.csv").read_bytes().startswith(b"\xef\xbb\xbfstudent,category,")
    grades = pd.read_csv(tmp_path / "grades.csv", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(grades, report.grades_table(), check_dtype=False)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| alice | 0.67 | 0.67 | 0.67 | 0.58 | 4 | 2 | 2 |" in summary
    assert "`hedge.epistemic` | 可能性・不確かさ | 2 | 75% |" in summary
    alice = (tmp_path / "feedback" / "alice.md").read_text(encoding="utf-8")
    assert "# フィードバック: alice" in alice
    assert "### 文 4 ✗" in alice and "### 文 3 ✓" in alice
    assert "**見落とし**" in alice and "**誤り**" in alice
    html = (tmp_path / "summary.html").read_text(encoding="utf-8")
    assert "<h2>難しかった文</h2>" in html


def test_summary_lists_skipped_files_and_escapes_names(tmp_path: Path) -> None:
    odd = tmp_path / "<b>kim&co.csv"
    shutil.copy(STUDENTS / "alice.csv", odd)
    report = grade(KEY, [odd, BAD[0]], skip_bad=True, lang="en")
    write_grades(report, tmp_path / "out")
    html = (tmp_path / "out" / "summary.html").read_text(encoding="utf-8")
    assert "<b>kim" not in html and "&lt;b&gt;kim&amp;co" in html
    assert "Files not graded" in html and "unknown category" in html
    assert (tmp_path / "out" / "feedback" / "b_kim_co.md").is_file()
    md = (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")
    assert "\\<b\\>kim&co" in md
