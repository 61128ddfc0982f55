"""Tests of framing.export: formula-safe CSV and deterministic JSON."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.export import (
    FLOAT_DIGITS,
    csv_text,
    json_text,
    neutralize_cell,
    to_json_records,
    to_json_value,
    write_csv,
    write_csv_to,
    write_json,
    write_json_to,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+81-3-1234", "'+81-3-1234"),
        ("-1.5", "'-1.5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝１＋１", "'＝１＋１"),
        ("主権", "主権"),
        ("a=b", "a=b"),
        ("", ""),
        (" =1", " =1"),
    ],
)
def test_neutralize_cell(cell: str, expected: str) -> None:
    assert neutralize_cell(cell) == expected


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_only_text_cells_are_neutralized() -> None:
    df = pd.DataFrame(
        {
            "text": ['=HYPERLINK("http://x","y")', "-1.5", "ok"],
            "number": [-1.5, 2.0, math.nan],
            "count": [-3, 0, 7],
            "flag": [True, False, True],
        }
    )
    rows = _read(csv_text(df))
    assert rows[0] == ["text", "number", "count", "flag"]
    assert rows[1] == ['\'=HYPERLINK("http://x","y")', "-1.5", "-3", "True"]
    assert rows[2] == ["'-1.5", "2.0", "0", "False"]
    assert rows[3] == ["ok", "", "7", "True"]


def test_header_cells_are_neutralized() -> None:
    assert csv_text(pd.DataFrame({"=x": [1]})).splitlines()[0] == "'=x"


def test_nullable_and_object_columns() -> None:
    df = pd.DataFrame(
        {
            "n": pd.array([1, None], dtype="Int64"),
            "s": pd.array(["=a", None], dtype="string"),
            "o": pd.Series([["主権", "=侵害"], None], dtype=object),
            "b": pd.array([True, None], dtype="boolean"),
        }
    )
    assert _read(csv_text(df))[1:] == [["1", "'=a", "主権; =侵害", "True"], ["", "", "", ""]]


def test_list_cells_are_neutralized_as_a_whole() -> None:
    df = pd.DataFrame({"terms": pd.Series([["=a", "b"]], dtype=object)})
    assert _read(csv_text(df))[1] == ["'=a; b"]


def test_floats_are_rounded_to_significant_digits() -> None:
    df = pd.DataFrame({"x": [1 / 3, 1e-30 / 3, 123456789.123, 0.0, -0.0, math.inf]})
    cells = [row[0] for row in _read(csv_text(df))[1:]]
    assert cells == ["0.33333333", "3.3333333e-31", "123456790.0", "0.0", "0.0", ""]
    assert FLOAT_DIGITS == 8


def test_quotes_and_newlines_round_trip(tmp_path: Path) -> None:
    df = pd.DataFrame({"text": ['彼は「a,b」と"言った"\n改行', "x"], "n": [1, 2]})
    path = write_csv(df, tmp_path / "sub" / "t.csv")
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["text"].tolist() == df["text"].tolist()
    assert back["n"].tolist() == [1, 2]


def test_write_csv_uses_bom_and_lf(tmp_path: Path) -> None:
    path = write_csv(pd.DataFrame({"a": ["主権"], "b": [1.5]}), tmp_path / "t.csv")
    assert path.read_bytes() == "\ufeffa,b\n主権,1.5\n".encode()


def test_write_csv_is_deterministic(tmp_path: Path) -> None:
    df = pd.DataFrame({"a": np.linspace(0, 1, 7), "b": list("abcdefg")})
    first = write_csv(df, tmp_path / "1.csv").read_bytes()
    second = write_csv(df.copy(), tmp_path / "2.csv").read_bytes()
    assert first == second


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (np.int64(3), 3),
        (np.float64(1 / 3), 0.33333333),
        (np.bool_(True), True),
        (math.nan, None),
        (math.inf, None),
        (pd.NA, None),
        (pd.NaT, None),
        (None, None),
        (pd.Timestamp("2026-01-03"), "2026-01-03T00:00:00"),
        ((1, "a"), [1, "a"]),
        (np.array([1.0, math.nan]), [1.0, None]),
        ({1: np.float32(0.5)}, {"1": 0.5}),
        ("=x", "=x"),
    ],
)
def test_to_json_value(value: object, expected: object) -> None:
    assert to_json_value(value) == expected


def test_to_json_records_keeps_text_untouched() -> None:
    df = pd.DataFrame({"a": ["=x", "<script>"], "b": [1.0, math.nan]})
    assert to_json_records(df) == [{"a": "=x", "b": 1.0}, {"a": "<script>", "b": None}]


def test_json_text_is_sorted_utf8_and_strict(tmp_path: Path) -> None:
    text = json_text({"b": 1, "a": "主権", "c": [math.nan]})
    assert text == '{\n  "a": "主権",\n  "b": 1,\n  "c": [\n    null\n  ]\n}\n'
    json.loads(text)
    path = write_json({"z": 1}, tmp_path / "x.json")
    assert path.read_bytes() == b'{\n  "z": 1\n}\n'


_JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=False),
    st.text(max_size=8),
)
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers(0, 9)), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES)
def test_json_text_equals_json_dumps_of_the_converted_value(value: object) -> None:
    """json_text is built piece by piece; it must equal the plain json.dumps form."""
    expected = json.dumps(to_json_value(value), sort_keys=True, ensure_ascii=False, indent=2)
    assert json_text(value) == expected + "\n"


def test_json_text_writes_a_dataframe_as_its_records() -> None:
    df = pd.DataFrame(
        {"b": [1.5, math.nan], "a": ["主権", None], "c": [True, False], "n": [np.int64(3), 4]}
    )
    record = {"tables": {"x": df, "empty": df.iloc[:0]}, "title": "t"}
    converted = {"tables": {"x": to_json_records(df), "empty": []}, "title": "t"}
    expected = json.dumps(converted, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert json_text(record) == expected


def test_streamed_json_and_csv_equal_the_text_forms() -> None:
    """write_json_to / write_csv_to give the bytes of json_text / csv_text (with the BOM),
    in blocks: the table is large enough to be flushed many times, and a block may end
    inside a multi-byte character's text without splitting it."""
    n = 5000
    df = pd.DataFrame(
        {
            "doc_id": [f"記事/{i}" for i in range(n)],
            "score": np.linspace(-1, 1, n),
            "note": ["=危険, \"引用\"\n改行" if i % 7 == 0 else None for i in range(n)],
        }
    )
    record = {"tables": {"documents": df}, "title": "主権と正義"}
    blocks: list[bytes] = []
    write_json_to(record, blocks.append)
    assert len(blocks) > 3
    assert b"".join(blocks) == json_text(record).encode("utf-8")
    assert all(block.decode("utf-8") for block in blocks)  # no character split
    blocks.clear()
    write_csv_to(df, blocks.append)
    assert len(blocks) > 1
    assert b"".join(blocks) == csv_text(df).encode("utf-8-sig")
    blocks.clear()
    write_csv_to(df.iloc[:0], blocks.append, bom=False)
    assert b"".join(blocks) == csv_text(df.iloc[:0]).encode("utf-8")
