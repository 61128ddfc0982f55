"""Reading students' answer files: valid variants, encodings, and every kind of malformed file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from framing.errors import InputError, InputErrors
from framing.exercise import Exercise, read_answers, read_key
from framing.exercise.answers import MAX_PROBLEMS

DATA = Path(__file__).parent / "data" / "exercise"
ALICE = frozenset(
    {
        (1, "hedge.reportative"),
        (2, "question.rhetorical"),
        (4, "hedge.reportative"),
        (5, "hedge.reportative"),
        (7, "question.rhetorical"),
        (9, "hedge.epistemic"),
    }
)


@pytest.fixture(scope="module")
def key() -> Exercise:
    return read_key(DATA / "key")


def test_reads_a_plain_file(key: Exercise) -> None:
    answers = read_answers(DATA / "students" / "alice.csv", key=key)
    assert answers.student == "alice"
    assert answers.pairs == ALICE


def test_header_only_means_no_marks(key: Exercise) -> None:
    assert read_answers(DATA / "students" / "bob.csv", key=key).pairs == frozenset()


def test_forgives_what_excel_and_ime_do(key: Exercise) -> None:
    """BOM, CRLF, a note column, full-width digits and letters, case, spaces, blank rows,
    a "no signal" row and a trailing empty column all read as alice's answers."""
    answers = read_answers(DATA / "students" / "carol.csv", key=key, student="carol")
    assert answers.pairs == ALICE


def test_reads_cp932_from_excel(key: Exercise, tmp_path: Path) -> None:
    text = "sentence,category,note\r\n1,hedge.reportative,「と報じられています」が目印\r\n"
    text += "7,question.rhetorical,反語っぽい\r\n"
    path = tmp_path / "sato.csv"
    path.write_bytes(text.encode("cp932"))
    assert read_answers(path, key=key).pairs == {
        (1, "hedge.reportative"),
        (7, "question.rhetorical"),
    }


def test_cp932_problem_is_reported_with_its_row(key: Exercise, tmp_path: Path) -> None:
    path = tmp_path / "sato.csv"
    path.write_bytes("sentence,category\r\n1,伝聞\r\n".encode("cp932"))
    with pytest.raises(InputError) as err:
        read_answers(path, key=key)
    assert err.value.line == 2
    assert "'伝聞'" in str(err.value)
    assert "did you mean 'hedge.reportative'" in str(err.value)


@pytest.mark.parametrize(
    ("name", "line", "fragment"),
    [
        ("unknown_column.csv", 1, "unknown column 'categroy' (did you mean 'category'?)"),
        ("missing_column.csv", 1, "missing column(s) category"),
        (
            "unknown_category.csv",
            2,
            "unknown category 'hedge.reportive' (did you mean 'hedge.reportative'?)",
        ),
        ("out_of_range.csv", 3, "sentence 11 is out of range; the worksheet has sentences 1-10"),
        ("zero.csv", 2, "sentence 0 is out of range"),
        ("not_a_number.csv", 2, "sentence 'three' is not a number"),
        ("duplicate.csv", 4, "duplicate row: sentence 1, hedge.reportative is already on row 2"),
        ("empty.csv", None, "the file is empty"),
        ("no_header.csv", 1, "the first line must be the header 'sentence,category'"),
        ("two_in_one_cell.csv", 2, "one category per row"),
        ("no_sentence.csv", 2, "no sentence number for category 'hedge.reportative'"),
        ("japanese_label.csv", 2, "did you mean 'hedge.reportative'?"),
        ("extra_value.csv", 2, "value(s) 'extra' outside the columns"),
        ("nowhere.csv", None, "file not found"),
    ],
)
def test_malformed_file_names_file_and_row(
    key: Exercise, name: str, line: int | None, fragment: str
) -> None:
    path = DATA / "bad" / name
    with pytest.raises(InputError) as err:
        read_answers(path, key=key)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert fragment in str(err.value)
    where = f"{path}:{line}" if line is not None else str(path)
    assert str(err.value).startswith(where + ": ")
    assert "\n" not in str(err.value)


def test_every_problem_of_a_file_is_reported_at_once(key: Exercise) -> None:
    path = DATA / "bad" / "several.csv"
    with pytest.raises(InputErrors) as err:
        read_answers(path, key=key)
    assert [(p.line, p.message.split(" ")[0]) for p in err.value.problems] == [
        (2, "unknown"),
        (3, "sentence"),
        (5, "duplicate"),
        (6, "sentence"),
    ]
    assert all(p.path == str(path) for p in err.value.problems)
    assert str(err.value).startswith("4 problem(s):")


def test_problems_are_capped_per_file(key: Exercise, tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("sentence,category\n" + "99,hedge.reportative\n" * 30, encoding="utf-8")
    with pytest.raises(InputErrors) as err:
        read_answers(path, key=key)
    problems = err.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == "... and 10 more problem(s) in this file"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (codecs.BOM_UTF16_LE + "sentence\tcategory\n".encode("utf-16-le"), "UTF-16"),
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook"),
        (b"sentence,category\n1,hedge.reportative\n2,\x80\x80\n", "neither UTF-8 nor CP932"),
    ],
)
def test_unreadable_encodings_get_advice(
    key: Exercise, tmp_path: Path, data: bytes, fragment: str
) -> None:
    path = tmp_path / "student.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_answers(path, key=key)
    assert fragment in str(err.value)
    assert "CSV UTF-8" in str(err.value)


def test_undecodable_byte_names_its_line(key: Exercise, tmp_path: Path) -> None:
    path = tmp_path / "student.csv"
    path.write_bytes(b"sentence,category\n1,hedge.reportative\n2,\x80\x80\n")
    with pytest.raises(InputError) as err:
        read_answers(path, key=key)
    assert err.value.line == 3


@pytest.mark.parametrize("sep", ["\t", ";"])
def test_tab_and_semicolon_separators(key: Exercise, tmp_path: Path, sep: str) -> None:
    path = tmp_path / "student.csv"
    path.write_text(f"sentence{sep}category\n2{sep}question.rhetorical\n", encoding="utf-8")
    assert read_answers(path, key=key).pairs == {(2, "question.rhetorical")}


def test_directory_is_not_a_file(key: Exercise, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_answers(tmp_path, key=key)
