"""Write the nasty input files of ``tests/test_nasty.py`` (run once; the files are committed).

Each file is small and breaks one assumption a reader could make. Byte-exact content matters
(encodings, line endings, a missing final newline), so everything is written as bytes.
Cases that cannot be committed (an empty folder, symbolic-link loops) are made by the tests
in ``tmp_path``.

Usage: ``python tests/data/nasty/make_nasty.py``
"""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def _jsonl(*rows: object) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


FILES: dict[str, bytes] = {
    # JSONL whose last line is cut in the middle of an object (no final newline).
    "truncated.jsonl": _jsonl(
        {"id": "t1", "text": "一つ目の記事。"}, {"id": "t2", "text": "二つ目の記事。"}
    )
    + '{"id": "t3", "text": "途中で切れ'.encode(),
    # Lines holding JSON values that are not objects.
    "not_objects.jsonl": _jsonl({"id": "o1", "text": "正しい行。"})
    + b'[1,2]\n"str"\nnull\n42\ntrue\n'
    + _jsonl({"id": "o2", "text": "最後の正しい行。"}),
    # Quoted cells with line breaks, doubled quotes and commas.
    "multiline_quotes.csv": (
        "id,text,outlet\n"
        'q1,"一行目、カンマ入り。\n二行目に ""引用"" がある。\n\n空行の後の三行目。",朝日\n'
        'q2,"短い,本文。",毎日\n'
    ).encode(),
    # What Excel on Windows writes: CP932 without a BOM, CRLF, a CRLF inside a quoted cell,
    # and characters that exist in CP932 only.
    "excel_cp932.csv": (
        "id,text,outlet\r\n"
        'e1,"①髙橋氏は「遺憾だ」と述べた～\r\n""続報""を待つ。",東京新聞\r\n'
        "e2,政府は声明を発表した。,読売新聞\r\n"
    ).encode("cp932"),
    "png_as_text.txt": PNG,
    "random_bytes.txt": random.Random(8).randbytes(300) + b"\x00\x00\x00",
    "mixed_endings.txt": "一行目。\n二行目。\r\n三行目。\r四行目。".encode(),
    "mixed_endings.jsonl": (
        b'{"id": "m1", "text": "LF"}\n'
        b'{"id": "m2", "text": "CRLF"}\r\n'
        b'{"id": "m3", "text": "CR"}\r'
        b'{"id": "m4", "text": "no newline"}'
    ),
    "utf16_le_bom.txt": "\ufeffUTF-16の記事。\r\n二行目。\r\n".encode("utf-16-le"),
    "utf16_be_bom.jsonl": "\ufeff".encode("utf-16-be")
    + _jsonl({"id": "u1", "text": "ビッグエンディアン。"}).decode().encode("utf-16-be"),
    "utf16_no_bom.txt": "BOMのないUTF-16。\n".encode("utf-16-le"),
    # X archives of unexpected shapes (each in its own folder: the reader wants tweets.js).
    "x_object/tweets.js": b"window.YTD.tweets.part0 = {}",
    "x_missing_text/tweets.js": (
        "window.YTD.tweets.part0 = [\n"
        '  {"tweet": {"id_str": "1", "full_text": "最初のツイート。"}},\n'
        '  {"tweet": {"id_str": "2", "created_at": "Wed Jan 03 12:00:00 +0000 2026"}},\n'
        '  {"tweet": {"id_str": "3", "full_text": null}},\n'
        '  {"tweet": {"id_str": "4", "full_text": "最後のツイート。"}}\n'
        "]"
    ).encode(),
    "x_odd_optional/tweets.js": (
        "window.YTD.tweets.part0 = [\n"
        '  {"tweet": {"id_str": "5", "full_text": "形の違う付属情報。", "entities": [],'
        ' "created_at": 5}},\n'
        '  {"tweet": {"id_str": 6, "full_text": "URLがnull。", "entities": {"urls": null,'
        ' "media": [{"expanded_url": "https://example.com/m"}, 3]}}}\n'
        "]"
    ).encode(),
    # Found while writing these tests: each used to end in a traceback.
    "deep_nesting.jsonl": _jsonl({"id": "d1", "text": "正しい行。"}) + b"[" * 100_000 + b"\n",
    "escaped_nul.jsonl": b'{"id": "n1", "text": "NUL\\u0000\xe3\x81\x82"}\n'
    + _jsonl({"id": "n2", "text": "正しい行。"}),
    "lone_surrogate.jsonl": b'{"id": "s1", "text": "\\ud800"}\n'
    + _jsonl({"id": "s2", "text": "正しい行。"}),
    "bad_ingest_record.jsonl": _jsonl(
        {"doc_id": "r1", "text": "正しい行。"},
        {"doc_id": "r2", "text": "本文。", "segments": "abc"},
        {"doc_id": "r3", "text": "本文。", "medium": "radio"},
    ),
    "joined_with_bom.jsonl": _jsonl({"id": "j1", "text": "一つ目のファイル。"})
    + b"\xef\xbb\xbf"
    + _jsonl({"id": "j2", "text": "二つ目のファイル。"}),
    "impossible_date.txt": (
        "記事の本文。\n引用したツイートの本文\n— 名前 (@someone) February 30, 2025\n"
    ).encode(),
    "duplicate_header.csv": b"id,text,text\nh1,first,second\n",
    "semicolon.csv": "id;text\nc1;セミコロン区切り。\n".encode(),
}


def main() -> None:
    for name, data in FILES.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


if __name__ == "__main__":
    main()
