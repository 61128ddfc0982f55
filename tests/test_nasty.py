"""Nasty inputs: each one either reads exactly, or fails with one clear message.

The files live in ``tests/data/nasty`` (written by ``make_nasty.py`` there). Cases that
cannot be committed — an empty folder, symbolic-link loops, a pipe — are made in
``tmp_path``. ``docs/errors.md`` lists every case and its outcome; keep the two in step.

A failure must name the file and the line, end ``framing ingest`` with exit status 2 and
one line on standard error (no traceback), and with ``--skip-bad`` the rest of the input
must still come out, with the problem listed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import segment_errors, uncovered

from framing.cli import main
from framing.document import Document
from framing.errors import InputError
from framing.readers import read, read_file
from framing.readers.encoding import read_text

HERE = Path(__file__).resolve().parent
NASTY = HERE / "data" / "nasty"
GOOD = '{"id": "good-1", "text": "正しい記事。"}\n'

# --- helpers --------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_lossless(path: Path, documents: list[Document]) -> None:
    """Every non-blank source character is inside a span; segments copy the source."""
    source = read_text(path)
    errors = [e for d in documents for e in segment_errors(source, d)]
    assert not errors, errors[:5]
    missing = [source[i] for i in uncovered(source, documents)]
    assert not missing, missing[:20]


def with_good_file(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A folder holding a copy of the nasty file ``name`` and a good JSONL file."""
    folder = tmp_path / "corpus"
    copy = folder / name
    copy.parent.mkdir(parents=True)
    shutil.copyfile(NASTY / name, copy)
    (folder / "good.jsonl").write_text(GOOD, encoding="utf-8")
    return folder, copy


def symlink(link: Path, target: str | Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError) as error:  # e.g. Windows without privilege
        pytest.skip(f"cannot create symbolic links here: {error}")


# --- cases that work ------------------------------------------------------------------------

WORKS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "multiline_quotes.csv",
        [
            ("q1", '一行目、カンマ入り。\n二行目に "引用" がある。\n\n空行の後の三行目。'),
            ("q2", "短い,本文。"),
        ],
    ),
    (
        "excel_cp932.csv",
        [
            ("e1", '①髙橋氏は「遺憾だ」と述べた～\r\n"続報"を待つ。'),
            ("e2", "政府は声明を発表した。"),
        ],
    ),
    ("mixed_endings.txt", [("mixed_endings", "一行目。\n二行目。\n三行目。\n四行目。")]),
    ("mixed_endings.jsonl", [("m1", "LF"), ("m2", "CRLF"), ("m3", "CR"), ("m4", "no newline")]),
    ("utf16_le_bom.txt", [("utf16_le_bom", "UTF-16の記事。\n二行目。")]),
    ("utf16_be_bom.jsonl", [("u1", "ビッグエンディアン。")]),
    ("x_odd_optional/tweets.js", [("tweet-5", "形の違う付属情報。"), ("tweet-6", "URLがnull。")]),
    (
        "impossible_date.txt",  # February 30 is no attribution: the line stays in the article
        [
            (
                "impossible_date",
                "記事の本文。\n引用したツイートの本文\n— 名前 (@someone) February 30, 2025",
            )
        ],
    ),
]


@pytest.mark.parametrize(("name", "expected"), WORKS, ids=[name for name, _ in WORKS])
def test_works(name: str, expected: list[tuple[str, str]]) -> None:
    path = NASTY / name
    result = read(path)
    assert [(d.doc_id, d.text) for d in result.documents] == expected
    assert result.skipped == [] and result.passed_over == []
    assert_lossless(path, result.documents)


@pytest.mark.parametrize(("name", "expected"), WORKS, ids=[name for name, _ in WORKS])
def test_works_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, expected: list[tuple[str, str]]
) -> None:
    out = tmp_path / "x.jsonl"
    code, _, err = run(capsys, "ingest", NASTY / name, "--out", out)
    assert code == 0, err
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [(r["doc_id"], r["text"]) for r in records] == expected


def test_csv_cells_keep_their_rows() -> None:
    path = NASTY / "multiline_quotes.csv"
    source = read_text(path)
    q1, q2 = read(path).documents
    (_, _), (start, end) = q1.source_spans
    assert source[start:end] == (
        'q1,"一行目、カンマ入り。\n二行目に ""引用"" がある。\n\n空行の後の三行目。",朝日'
    )
    assert (q1.outlet, q2.outlet) == ("朝日", "毎日")


def test_mixed_line_endings_number_lines_like_an_editor(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"id": "a", "text": "x"}\r{"id": "b", "text": "y"}\r\n{"id": "c"}\n')
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.line == 3


def test_x_archive_odd_optional_parts_are_read_as_absent() -> None:
    first, second = read(NASTY / "x_odd_optional" / "tweets.js").documents
    assert first.published is None and first.links == ()
    assert second.links == ("https://example.com/m",)
    assert second.url == "https://x.com/i/status/6"


@pytest.mark.parametrize(
    "account",
    ["window.YTD.account.part0 = {}", "not javascript at all", "window.YTD.account.part0 = [1]"],
)
def test_a_broken_account_js_is_named(tmp_path: Path, account: str) -> None:
    shutil.copyfile(NASTY / "x_odd_optional" / "tweets.js", tmp_path / "tweets.js")
    (tmp_path / "account.js").write_text(account, encoding="utf-8")
    with pytest.raises(InputError, match="not an X archive account file") as caught:
        read(tmp_path / "tweets.js")
    assert caught.value.path == str(tmp_path / "account.js")


def test_x_api_v2_odd_optional_parts_are_read_as_absent(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(
        json.dumps(
            {
                "data": [
                    {"id": "1", "text": "短い。", "note_tweet": "not an object"},
                    {"id": "2", "text": "二つ目。", "entities": {"urls": 5}, "created_at": []},
                ],
                "includes": ["not", "an", "object"],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    first, second = read(path).documents
    assert (first.text, second.text) == ("短い。", "二つ目。")
    assert second.links == () and second.published is None and second.handle is None


def test_x_api_v2_tweet_without_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(
        '{"data": [\n{"id": "1", "text": "残る。"},\n{"id": "2", "text": null}\n]}',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="tweet 'text' must be a string, got null") as caught:
        read(path)
    assert caught.value.line == 3
    result = read(path, skip_bad=True)
    assert [d.text for d in result.documents] == ["残る。"]
    assert [p.line for p in result.skipped] == [3]


def test_extra_keys_of_an_ingest_record_are_kept_in_metadata(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    rows = [
        {"doc_id": "r1", "text": "本文。", "section": "国際", "metadata": {"page": 3}},
        {"doc_id": "r2", "text": "本文。", "page": 1, "metadata": {"page": 2}},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    result = read(path, skip_bad=True)
    assert [dict(d.metadata) for d in result.documents] == [{"section": "国際", "page": 3}]
    assert [(p.line, p.message) for p in result.skipped] == [
        (2, "'page' given both as a field and in 'metadata', with different values")
    ]


def test_a_csv_cell_longer_than_the_csv_module_default(tmp_path: Path) -> None:
    text = "長い記事。" * 60_000  # 300,000 characters; the csv module's limit is 131,072
    path = tmp_path / "long.csv"
    path.write_text(f"id,text\nlong,{text}\n", encoding="utf-8")
    (document,) = read(path).documents
    assert document.text == text


def test_a_long_run_of_dashes_is_read(tmp_path: Path) -> None:
    """A line of a million dashes once took hours (a backtracking attribution pattern)."""
    line = "—" * 1_000_000
    path = tmp_path / "dashes.txt"
    path.write_text(f"{line} (@someone) January 5, 2026 x\n{line}\n", encoding="utf-8")
    (document,) = read(path).documents
    assert len(document.text) == 2 * len(line) + len(" (@someone) January 5, 2026 x") + 1


def test_an_attribution_is_read_without_the_locale() -> None:
    from framing.readers.plaintext import find_attribution

    found = find_attribution("本文 — 共同通信 (@kyodo_official) January 5, 2026")
    assert found is not None
    assert (found.name, found.handle, found.date) == ("共同通信", "kyodo_official", "2026-01-05")


# --- cases that fail with one message ------------------------------------------------------

#: (file, line of the error, part of the message, doc_ids kept with skip_bad, skipped lines)
FAILS: list[tuple[str, int, str, list[str], list[int]]] = [
    ("truncated.jsonl", 3, "the last line ends in the middle of a value", ["t1", "t2"], [3]),
    ("not_objects.jsonl", 2, "expected a JSON object", ["o1", "o2"], [2, 3, 4, 5, 6]),
    ("png_as_text.txt", 3, "NUL byte at offset 8; this looks like a binary file", [], [3]),
    ("random_bytes.txt", 1, "NUL byte at offset 45; this looks like a binary file", [], [1]),
    ("utf16_no_bom.txt", 1, "UTF-16 text without a byte order mark", [], [1]),
    ("x_object/tweets.js", 1, "'=' is followed by '{'", [], [1]),
    (
        "x_missing_text/tweets.js",
        3,
        "without 'full_text' or 'text'",
        ["tweet-1", "tweet-4"],
        [3, 4],
    ),
    ("deep_nesting.jsonl", 2, "nested too deeply", ["d1"], [2]),
    ("escaped_nul.jsonl", 1, "'text' contains a NUL character (U+0000)", ["n2"], [1]),
    ("lone_surrogate.jsonl", 1, "'text' contains a lone surrogate (U+D800)", ["s2"], [1]),
    ("bad_ingest_record.jsonl", 2, "'segments' must be an array", ["r1"], [2, 3]),
    ("joined_with_bom.jsonl", 2, "starts with a byte order mark", ["j1"], [2]),
    ("duplicate_header.csv", 1, "the header names 'text' more than once", [], [1]),
    ("semicolon.csv", 1, "framing reads comma-separated CSV", [], [1]),
]
FAIL_IDS = [case[0] for case in FAILS]


@pytest.mark.parametrize(("name", "line", "message", "kept", "lines"), FAILS, ids=FAIL_IDS)
def test_fails_naming_file_and_line(
    name: str, line: int, message: str, kept: list[str], lines: list[int]
) -> None:
    path = NASTY / name
    with pytest.raises(InputError) as caught:
        read(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(("name", "line", "message", "kept", "lines"), FAILS, ids=FAIL_IDS)
def test_skip_bad_keeps_the_rest(
    name: str, line: int, message: str, kept: list[str], lines: list[int]
) -> None:
    path = NASTY / name
    result = read(path, skip_bad=True)
    assert [d.doc_id for d in result.documents] == kept
    assert [(p.path, p.line) for p in result.skipped] == [(str(path), n) for n in lines]


@pytest.mark.parametrize(("name", "line", "message", "kept", "lines"), FAILS, ids=FAIL_IDS)
def test_cli_exits_2_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    line: int,
    message: str,
    kept: list[str],
    lines: list[int],
) -> None:
    path = NASTY / name
    code, out, err = run(capsys, "ingest", path, "--out", tmp_path / "x.jsonl")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"framing: error: {path}:{line}: ")
    assert message in err


@pytest.mark.parametrize(("name", "line", "message", "kept", "lines"), FAILS, ids=FAIL_IDS)
def test_cli_skip_bad_reads_the_rest_of_the_folder(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    line: int,
    message: str,
    kept: list[str],
    lines: list[int],
) -> None:
    folder, copy = with_good_file(tmp_path, name)
    out = tmp_path / "x.jsonl"
    code, _, err = run(capsys, "ingest", folder, "--skip-bad", "--out", out)
    assert code == 0, err
    ids = [json.loads(row)["doc_id"] for row in out.read_text("utf-8").splitlines()]
    assert sorted(ids) == sorted([*kept, "good-1"])
    assert f"skipped: {copy}:{line}: " in err
    assert err.count("skipped: ") == len(lines)
    assert "Traceback" not in err


def test_cli_subprocess_binary_file(tmp_path: Path) -> None:
    """The installed entry point too: exit 2, one line, no traceback."""
    path = NASTY / "png_as_text.txt"
    done = subprocess.run(
        [sys.executable, "-m", "framing", "ingest", str(path), "--out", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"framing: error: {path}:3: cannot decode the file: NUL byte at offset 8; "
        "this looks like a binary file, not text"
    ]


# --- folders: empty, symbolic-link loops, pipes ---------------------------------------------


def test_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="the folder holds no file to read") as caught:
        read(empty)
    assert (caught.value.path, caught.value.line) == (str(empty), None)
    code, _, err = run(capsys, "ingest", empty, "--out", tmp_path / "x.jsonl")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"framing: error: {empty}: the folder holds no file to read")


def test_empty_folder_with_skip_bad(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    good = tmp_path / "good.jsonl"
    good.write_text(GOOD, encoding="utf-8")
    result = read([empty, good], skip_bad=True)
    assert [d.doc_id for d in result.documents] == ["good-1"]
    assert [p.path for p in result.skipped] == [str(empty)]


def test_folder_of_licences_only_says_what_was_passed_over(tmp_path: Path) -> None:
    (tmp_path / "LICENSE.txt").write_text("licence", encoding="utf-8")
    (tmp_path / "notes.md").write_text("notes", encoding="utf-8")
    with pytest.raises(InputError, match=r"passed over 2 file\(s\)"):
        read(tmp_path)


def test_empty_files_in_a_folder_are_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    assert read(tmp_path).documents == []


def test_symbolic_link_loops_are_passed_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    sub = folder / "sub"
    sub.mkdir(parents=True)
    (folder / "good.jsonl").write_text(GOOD, encoding="utf-8")
    (sub / "more.jsonl").write_text('{"id": "good-2", "text": "二つ目。"}\n', encoding="utf-8")
    symlink(sub / "back", "..")  # a loop through an ancestor
    symlink(folder / "self", folder / "self")  # a link to itself
    symlink(folder / "twin", "sub")  # the same folder twice
    symlink(folder / "twin.jsonl", "good.jsonl")  # the same file twice
    symlink(folder / "broken.txt", tmp_path / "nowhere.txt")
    result = read(folder)
    assert [d.doc_id for d in result.documents] == ["good-1", "good-2"]
    passed = {Path(p.path).relative_to(folder).as_posix(): p.message for p in result.passed_over}
    assert passed == {
        "broken.txt": f"broken symbolic link (to {str(tmp_path / 'nowhere.txt')!r})",
        "self": "symbolic link loop (the link never reaches a file or folder)",
        "sub/back": f"symbolic link loop: leads back to {folder}",
        "twin": f"the same folder as {sub}, already read",
        "twin.jsonl": f"the same file as {folder / 'good.jsonl'}, already read",
    }
    code, _, err = run(capsys, "ingest", folder, "--out", tmp_path / "x.jsonl")
    assert code == 0 and "passed over 5 file(s)" in err


def test_a_symbolic_link_loop_given_directly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.txt"
    symlink(loop, loop)
    with pytest.raises(InputError, match="symbolic link loop"):
        read(loop)
    code, _, err = run(capsys, "ingest", loop, "--out", tmp_path / "x.jsonl")
    assert code == 2 and err == f"framing: error: {loop}: symbolic link loop\n"


def test_a_linked_folder_is_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.jsonl").write_text(GOOD, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    symlink(corpus / "linked", elsewhere)
    assert [d.doc_id for d in read(corpus).documents] == ["good-1"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_pipe_is_never_opened(tmp_path: Path) -> None:
    """Reading a FIFO would block forever: in a folder it is passed over, given it fails."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.jsonl").write_text(GOOD, encoding="utf-8")
    result = read(tmp_path)
    assert [d.doc_id for d in result.documents] == ["good-1"]
    assert [(Path(p.path).name, p.message) for p in result.passed_over] == [
        ("pipe.txt", "not a regular file (a pipe, socket or device)")
    ]
    with pytest.raises(InputError, match="not a regular file"):
        read_file(fifo)
