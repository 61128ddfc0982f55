"""Property tests: arbitrary Unicode and targeted junk through readers, tokenizer, detection, API.

Profiles: ``ci`` (the default, 50 examples per test) and ``fuzz`` (2,000), chosen with the
environment variable ``HYPOTHESIS_PROFILE``::

    HYPOTHESIS_PROFILE=fuzz pytest tests/test_properties.py

The profiles are applied to the tests of this file only (``settings.load_profile`` would
change every other hypothesis test of the session too).

Lone surrogates (which cannot be written as UTF-8, so no file holds them) are not generated
for the tokenizer's properties; an explicit test at the end covers them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import segment_errors, uncovered
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from framing.detection import analyze_document, detect
from framing.document import Document
from framing.errors import InputError
from framing.lexicon import Lexicon
from framing.readers import read
from framing.readers.encoding import read_text
from framing.readers.lines import split_lines
from framing.readers.plaintext import find_attribution
from framing.tokens import Morpheme, tokenize

settings.register_profile(
    "ci", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
#: ``framing.api.report`` takes about a second: far fewer examples.
REPORT_PROFILE = settings(PROFILE, max_examples=max(3, PROFILE.max_examples // 20))

# --- strategies -------------------------------------------------------------------------------

JUNK = (
    # control characters, NUL included
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x1c",
    "\x7f",
    "\x85",
    # replacement character, zero-width characters, byte order mark, line separators
    "\ufffd",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u2028",
    "\u2029",
    # whitespace
    " ",
    "\t",
    "\r",
    "\n",
    "\r\n",
    "\u3000",
    "\u00a0",
    # emoji: ZWJ family, flag, skin tone, variation selector, keycap
    "👨\u200d👩\u200d👧",
    "🇯🇵",
    "👍🏽",
    "❤️",
    "1️⃣",
    # combining marks, half-width katakana, compatibility characters
    "e\u0301",
    "か\u3099",
    "\u3099",
    "ｶﾞ",
    "ﾊﾟ",
    "ﾞ",
    "㍻",
    "⁉",
    "①",
    "髙",
    "～",
    "〜",
    # punctuation and brackets that drive sentence splitting and quoting
    "。",
    "、",
    "「",
    "」",
    "『",
    "』",
    "（",
    "）",
    "!?",
    "？！",
    "…",
    "――",
    "—",
    '"',
    # protected tokens
    "https://example.com/a?b=c&d=e",
    "pic.twitter.com/abc",
    "www.example.jp",
    "@user_1",
    "#タグ",
    "＃タグ",
    # lexicon material, so that detection has hits to check
    "と思われる",
    "とみられる",
    "らしい",
    "だろう",
    "ではないか",
    "によると",
    "関係者",
    "明らかに",
    "必ず",
    "Q：",
    "小西：",
    "目次",
    "<",
    # a scraped tweet attribution line
    "\n— 名前 (@handle) January 5, 2026\n",
)

junk = st.sampled_from(JUNK)
long_runs = st.builds(
    lambda char, n: char * n,
    st.sampled_from(["あ", "。", "—", " ", "\n", "ｶ", "👍", "\u200d", "a", "「", "\u3099"]),
    st.integers(min_value=50, max_value=3000),
)
whitespace_only = st.text(alphabet=" \t\n\r\u3000\u00a0\x0b\x0c\x85\u2028", max_size=40)
punctuation_only = st.text(
    alphabet="。、「」『』!?！？…・‥（）()【】-—―~～,.;:\"'", min_size=1, max_size=40
)
#: Arbitrary Unicode (no lone surrogates: they cannot be written as UTF-8) mixed with junk.
TEXT = st.one_of(
    st.lists(st.one_of(junk, st.text(max_size=8), long_runs), max_size=25).map("".join),
    whitespace_only,
    punctuation_only,
    st.text(),
)


# --- checks -------------------------------------------------------------------------------


def token_errors(text: str, tokens: Sequence[Morpheme]) -> list[str]:
    """What breaks the tokenizer's contract: offsets, order, coverage of every character."""
    errors = []
    covered = [0] * len(text)
    previous_end = 0
    for m in tokens:
        if text[m.start : m.end] != m.surface:
            errors.append(f"surface {m.surface!r} != text[{m.start}:{m.end}]")
        if m.start < previous_end or m.end <= m.start:
            errors.append(f"token {m.surface!r} at {m.start}-{m.end} after {previous_end}")
        previous_end = max(previous_end, m.end)
        for i in range(max(m.start, 0), min(m.end, len(text))):
            covered[i] += 1
    for i, char in enumerate(text):
        if not char.isspace() and covered[i] != 1:
            errors.append(f"{char!r} at {i} covered {covered[i]} times")
    return errors[:10]


def non_space(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def first_nul_line(text: str) -> int:
    return len(split_lines(text[: text.index("\x00")] + "x"))


@PROFILE
@given(text=st.text(alphabet="ab\r\n", max_size=30), limit=st.integers(0, 8))
def test_split_lines_with_a_limit_is_a_prefix(text: str, limit: int) -> None:
    """``limit`` only stops early: the lines are the first ones of the whole split."""
    assert split_lines(text, limit=limit) == split_lines(text)[:limit]


# --- readers --------------------------------------------------------------------------------


@PROFILE
@given(text=TEXT)
def test_txt_reads_back(text: str) -> None:
    """A .txt file: only InputError (for NUL, a binary file) and nothing lost."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prop.txt"
        path.write_bytes(text.encode("utf-8"))
        if "\x00" in text:
            with pytest.raises(InputError, match="NUL byte") as caught:
                read(path)
            assert caught.value.line == first_nul_line(text)
            return
        documents = read(path).documents
        source = read_text(path)
    assert source == text.removeprefix("\ufeff")  # a leading U+FEFF is a UTF-8 BOM
    assert [e for d in documents for e in segment_errors(source, d)] == []
    assert uncovered(source, documents) == []
    if not any(find_attribution(line.text) for line in split_lines(source)):
        # No tweets: the article holds every character of the file, in order, except
        # whitespace (blank lines, line ends) and the boilerplate lines it flags.
        kept = list(source)
        for document in documents:
            for flag in document.flags:
                kept[flag.start : flag.end] = [" "] * (flag.end - flag.start)
        assert non_space("".join(d.text for d in documents)) == non_space("".join(kept))


LONE_SURROGATE = st.characters(categories=["Cs"])


@PROFILE
@given(
    text=st.one_of(TEXT, st.builds(lambda a, s, b: a + s + b, TEXT, LONE_SURROGATE, TEXT)),
    escape=st.booleans(),
)
def test_jsonl_round_trips(text: str, escape: bool) -> None:
    """A JSONL row's text comes back exactly; NUL or a lone surrogate is an InputError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prop.jsonl"
        row = json.dumps({"id": "p", "text": text}, ensure_ascii=escape or _has_surrogate(text))
        path.write_text(row + "\n", encoding="utf-8")
        if "\x00" in text or _has_surrogate(text):
            with pytest.raises(InputError) as caught:
                read(path)
            assert caught.value.line == 1
            return
        (document,) = read(path).documents
    assert document.text == text


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


@PROFILE
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_csv_round_trips(texts: list[str]) -> None:
    """CSV cells come back exactly, whatever quotes and line breaks they hold."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text"])
    writer.writerows([f"r{k}", text] for k, text in enumerate(texts))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "prop.csv"
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        if any("\x00" in text for text in texts):
            with pytest.raises(InputError, match="NUL byte"):
                read(path)
            return
        documents = read(path).documents
    assert [d.text for d in documents] == texts


#: Pieces of every input format, so that random bytes come close to each reader's syntax.
FRAGMENTS = [
    piece.encode("utf-8")
    for piece in (
        '{"id": "a", "text": "本文"}',
        '{"doc_id": "a", "text": "x", "segments": [[0, 0, 1]]}',
        '{"data": [{"text": "t", "id": "1"}], "includes": {"users": [{"id": 1}]}}',
        "window.YTD.tweets.part0 = [",
        '{"tweet": {"full_text": "x", "entities": {"urls": [{"url": "u"}]}}}',
        "id,text,outlet\n",
        '"quoted ""cell""\n',
        "— 名前 (@handle) January 5, 2026",
        "http://a.b/c",
        "http://news.livedoor.com/article/detail/1/\n2012-01-01T00:00:00+0900\n",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        '"',
        "\\u0000",
        "\\ud800",
        "null",
        "1e999",
        "\n",
        "\r",
        "\r\n",
        "\ufeff",
        "。",
        "目次",
    )
] + [b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x82\xa0", b"\xa4\xa2", b"\x80"]
BYTES = st.one_of(
    st.binary(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=4)), max_size=20).map(
        b"".join
    ),
)


@PROFILE
@given(
    data=BYTES,
    name=st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.json", "tweets.js", "ch/ch-1.txt"]),
)
def test_any_bytes_give_documents_or_an_input_error(data: bytes, name: str) -> None:
    """Whatever the bytes, a reader returns documents or raises InputError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        try:
            documents = read(path).documents
        except InputError as error:
            event(f"{name}: InputError")
            assert error.path.startswith(folder)
            assert "\n" not in str(error)  # one line
            return
        event(f"{name}: {'documents' if documents else 'no documents'}")
        assert len(read(path, skip_bad=True).documents) == len(documents)
        for document in documents:
            json.dumps(document.to_record(), ensure_ascii=False).encode("utf-8")
            assert Document.from_record(document.to_record()) == document


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
FIELDS = (
    "id",
    "doc_id",
    "text",
    "full_text",
    "id_str",
    "medium",
    "published",
    "created_at",
    "outlet",
    "metadata",
    "segments",
    "source_spans",
    "sections",
    "flags",
    "links",
    "entities",
    "note_tweet",
    "author_id",
    "tweet",
)
#: A row that is valid in some format, with fields of any shape added (or put over it).
BASE = st.one_of(
    st.fixed_dictionaries({"id": TEXT, "text": TEXT}),
    st.fixed_dictionaries({"doc_id": TEXT, "text": TEXT}),
    st.fixed_dictionaries({"tweet": st.fixed_dictionaries({"full_text": TEXT, "id_str": TEXT})}),
)
EXTRA = st.dictionaries(
    st.sampled_from(FIELDS),
    st.one_of(JSON_VALUES, TEXT, st.just("2026-01-05"), st.just("tweet")),
    max_size=4,
)
ROWS = st.lists(
    st.builds(
        lambda base, extra, junk_wins: {**base, **extra} if junk_wins else {**extra, **base},
        BASE,
        EXTRA,
        st.booleans(),
    ),
    min_size=1,
    max_size=4,
)


def _as_file(rows: list[dict[str, object]], kind: str) -> tuple[str, str]:
    if kind == "jsonl":
        return "a.jsonl", "".join(json.dumps(row) + "\n" for row in rows)
    if kind == "archive":
        return "tweets.js", "window.YTD.tweets.part0 = " + json.dumps(rows, indent=1)
    if kind == "api":
        users = [{"id": row.get("author_id"), "username": row.get("outlet")} for row in rows]
        return "a.json", json.dumps({"data": rows, "includes": {"users": users}}, indent=1)
    buffer = io.StringIO()
    header = sorted({key for row in rows for key in row} | {"id", "text"})
    writer = csv.DictWriter(buffer, fieldnames=header)
    writer.writeheader()
    writer.writerows({key: str(value) for key, value in row.items()} for row in rows)
    return "a.csv", buffer.getvalue()


@PROFILE
@given(rows=ROWS, kind=st.sampled_from(["jsonl", "archive", "api", "csv"]))
def test_any_json_rows_give_documents_or_an_input_error(
    rows: list[dict[str, object]], kind: str
) -> None:
    """Well-formed files whose fields hold anything: documents or InputError, nothing else."""
    name, content = _as_file(rows, kind)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(content, encoding="utf-8")
        try:
            documents = read(path).documents
        except InputError as error:
            event(f"{kind}: InputError")
            assert error.path == str(path)
            assert "\n" not in str(error)
            return
        event(f"{kind}: {len(documents)} documents")
        for document in documents:
            json.dumps(document.to_record(), ensure_ascii=False).encode("utf-8")
            assert Document.from_record(document.to_record()) == document


# --- tokenizer and detection ----------------------------------------------------------------


@PROFILE
@given(text=TEXT)
def test_tokens_cover_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert token_errors(text, tokens) == []


@PROFILE
@given(text=TEXT, medium=st.sampled_from(["article", "tweet"]))
def test_hits_point_into_the_text(lexicon: Lexicon, text: str, medium: str) -> None:
    document = Document(doc_id="p", text=text, medium="tweet" if medium == "tweet" else "article")
    analysis = analyze_document(document)
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for hit in detect(analysis, lexicon):
        assert 0 <= hit.start < hit.end <= len(text), hit
        assert hit.text == text[hit.start : hit.end], hit
        assert 0 <= hit.sentence < len(analysis.sentences)


# --- the API on generated documents ---------------------------------------------------------


@REPORT_PROFILE
@given(first=TEXT, second=TEXT)
def test_compare_and_report_do_not_raise(first: str, second: str) -> None:
    from framing import api

    documents = [
        Document(doc_id="a", text=first, outlet="A"),
        Document(doc_id="b", text=second, outlet="B"),
    ]
    api.compare(documents, n_boot=50)
    with tempfile.TemporaryDirectory() as folder:
        written = api.report(documents, out=Path(folder) / "report")
        assert (Path(folder) / "report" / "index.html").is_file()
        assert written


@pytest.mark.parametrize("text", ["政府は\x00声明を発表した。", "\x00", "a\x00b"])
def test_tokens_cover_text_after_nul(text: str) -> None:
    """MeCab reads C strings: a NUL must not end the text it sees."""
    assert token_errors(text, tokenize(text)) == []


# --- one long line --------------------------------------------------------------------------


def test_ten_megabyte_line_without_newline(tmp_path: Path) -> None:
    """10 MB on one line, no final newline: read whole, then tokenized (about 8 s)."""
    unit = "政府は声明を発表したとみられる。"
    text = unit * (10_000_000 // len(unit.encode("utf-8")))
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    (document,) = read(path).documents
    assert document.text == text
    tokens = tokenize(document.text)
    assert tokens[0].surface == "政府" and tokens[-1].surface == "。"
    assert tokens[-1].end == len(text)


# --- known failures outside the readers (xfail, strict) -------------------------------------


def test_tokenize_lone_surrogate_is_a_token() -> None:
    """Readers reject lone surrogates, but a Document built in code can hold one."""
    text = "あ\udc00い\ud800"
    tokens = tokenize(text)
    assert token_errors(text, tokens) == []
    assert "\udc00" in [m.surface for m in tokens]
