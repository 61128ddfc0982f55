"""Decoding Japanese files: UTF-8 (with or without BOM), CP932/Shift_JIS and EUC-JP."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import InputError
from framing.readers import read
from framing.readers.encoding import decode, read_text

ARTICLE = "ベネズエラの首都カラカスで軍事作戦が行われた。\n国連安保理は緊急会合を開いた。\n"
CSV = "id,text,outlet\nk1,政府は「遺憾だ」と述べた。,東京新聞\n"


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),  # the BOM is removed
        ("cp932", "cp932"),
        ("shift_jis", "cp932"),  # CP932 is a superset of Shift_JIS
        ("euc_jp", "euc_jp"),
    ],
)
@pytest.mark.parametrize("text", [ARTICLE, "日本", "あ", CSV])
def test_decode(codec: str, expected: str, text: str) -> None:
    decoded, encoding = decode(text.encode(codec))
    assert decoded == text
    assert encoding == expected


def test_decode_cp932_only_characters() -> None:
    text = "①髙橋さん～"  # NEC/IBM extensions and the full-width tilde exist in CP932 only
    assert decode(text.encode("cp932")) == (text, "cp932")


@pytest.mark.parametrize("codec", ["cp932", "euc_jp", "utf-8-sig"])
def test_read_txt_in_each_encoding(tmp_path: Path, codec: str) -> None:
    path = tmp_path / f"article_{codec}.txt"
    path.write_bytes(ARTICLE.encode(codec))
    assert read_text(path) == ARTICLE
    (document,) = read(path).documents
    assert document.text == ARTICLE.rstrip("\n")
    assert not document.text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["cp932", "euc_jp", "utf-8-sig"])
def test_read_csv_in_each_encoding(tmp_path: Path, codec: str) -> None:
    """A BOM must not end up in the first header cell (Excel writes UTF-8 CSV with a BOM)."""
    path = tmp_path / f"rows_{codec}.csv"
    path.write_bytes(CSV.encode(codec))
    (document,) = read(path).documents
    assert (document.doc_id, document.text, document.outlet) == (
        "k1",
        "政府は「遺憾だ」と述べた。",
        "東京新聞",
    )


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"ok\n\x82\xff", 2),
        (b"line1\nline2 \x81\x20\xa1", 2),
        (b"\x82\xff first line", 1),
    ],
)
def test_undecodable_bytes(data: bytes, line: int) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, path="bad.txt")
    assert caught.value.path == "bad.txt"
    assert caught.value.line == line
    assert "cannot decode the file" in str(caught.value)
    assert "re-save it as UTF-8" in str(caught.value)


def test_undecodable_file_through_read(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("正しい行\n".encode() + b"\x82\xff\n")
    with pytest.raises(InputError) as caught:
        read(path)
    assert (caught.value.path, caught.value.line) == (str(path), 2)
    result = read(path, skip_bad=True)
    assert result.documents == [] and [p.line for p in result.skipped] == [2]


def test_read_text_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        read_text(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
