"""Streaming tables to disk: TableSink writes the same rows in every format, batch by batch."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.stream import TableSink

COLUMNS = ["doc_id", "start", "quoted", "text", "score"]
ROWS = [
    ("a", 0, True, "主権と「正義」", 1.5),
    ("b", 3, False, None, math.nan),
    ("c", 7, False, pd.NA, np.float64("nan")),
    ("d", 9, True, 'quote " and \\ backslash', 0.0),
]


def _written(tmp_path: Path, fmt: str, batches: list[list[tuple[object, ...]]]) -> str:
    out = tmp_path / f"t.{fmt}"
    with TableSink(COLUMNS, fmt, out) as sink:  # type: ignore[arg-type]
        for batch in batches:
            sink.write_rows(batch)
    assert sink.rows == sum(len(b) for b in batches)
    return out.read_text(encoding="utf-8")


def test_jsonl_rows_equal_json_dumps_with_missing_values_as_null(tmp_path: Path) -> None:
    text = _written(tmp_path, "jsonl", [ROWS[:2], [], ROWS[2:]])
    expected = []
    for row in ROWS:
        cells = [None if v is pd.NA or (isinstance(v, float) and v != v) else v for v in row]
        expected.append(json.dumps(dict(zip(COLUMNS, cells, strict=True)), ensure_ascii=False))
    assert text.splitlines() == expected
    assert [json.loads(line)["text"] for line in text.splitlines()] == [
        "主権と「正義」",
        None,
        None,
        'quote " and \\ backslash',
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv"])
def test_batches_concatenate_to_the_whole_table(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    one = _written(tmp_path / "one", fmt, [ROWS])
    many = _written(tmp_path / "many", fmt, [[r] for r in ROWS])
    assert one == many
    assert len(one.splitlines()) == len(ROWS) + (fmt != "jsonl")  # a header for csv and tsv


_CELLS = st.one_of(
    st.none(),
    st.just(pd.NA),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CELLS, _CELLS, _CELLS), max_size=5))
def test_jsonl_lines_equal_json_dumps_for_any_cells(rows: list[tuple[object, ...]]) -> None:
    """The direct encoding of cells gives the bytes json.dumps gives."""
    from framing.stream import _jsonl

    columns = ["a", "é", 'q"uote']
    expected = "".join(
        json.dumps(
            dict(
                zip(
                    columns,
                    [None if v is pd.NA or (isinstance(v, float) and v != v) else v for v in row],
                    strict=True,
                )
            ),
            ensure_ascii=False,
        )
        + "\n"
        for row in rows
    )
    assert _jsonl(columns, rows) == expected
