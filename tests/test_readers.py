"""Readers: the seed blog post, lossless spans, JSONL/CSV, X exports, folders, livedoor.

Hand-made inputs live in ``tests/data/inputs``; files in other encodings are written to
``tmp_path`` by ``test_encoding.py``.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import segment_errors, uncovered

import framing.readers
from framing.document import Document
from framing.errors import InputError, Problem
from framing.readers import ReadResult, iter_read, read, read_file
from framing.readers.encoding import read_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"
LIVEDOOR = ROOT / "corpus" / "livedoor"
INPUTS = HERE / "data" / "inputs"
SHARED_LIVEDOOR = ROOT.parent / "shared" / "corpora" / "livedoor"

NOT_DOCUMENTS = ("LICENSE", "README", "CHANGES")
LIVEDOOR_FILES = sorted(
    p for p in LIVEDOOR.rglob("*.txt") if not p.name.upper().startswith(NOT_DOCUMENTS)
)
CHANNELS = (
    "dokujo-tsushin",
    "it-life-hack",
    "kaden-channel",
    "livedoor-homme",
    "movie-enter",
    "peachy",
    "smax",
    "sports-watch",
    "topic-news",
)


# --- helpers ------------------------------------------------------------------------------


def assert_lossless(path: Path) -> list[Document]:
    source = read_text(path)
    documents = read_file(path)
    missing = uncovered(source, documents)
    assert not missing, f"{path}: uncovered characters {[source[i] for i in missing[:20]]}"
    errors = [e for d in documents for e in segment_errors(source, d)]
    assert not errors, errors[:5]
    return documents


# --- the seed blog post --------------------------------------------------------------------


def test_seed_is_one_article_and_eleven_tweets(seed_documents: list[Document]) -> None:
    media = [d.medium for d in seed_documents]
    assert media.count("article") == 1
    assert media.count("tweet") == 11
    ids = [d.doc_id for d in seed_documents]
    assert ids == ["000_fcc0ace334e89954"] + [
        f"000_fcc0ace334e89954#tweet-{n}" for n in range(1, 12)
    ]


@pytest.mark.parametrize(
    ("n", "handle", "date"),
    [
        (1, "CameronTOK715", "2026-01-04"),
        (2, "ReutersJapan", "2026-01-05"),
        (3, "BABYLONBU5TER", "2026-01-03"),
        (4, "jinbo11", "2025-12-20"),
        (5, "BABYLONBU5TER", "2026-01-03"),
        (8, "tobimono2", "2026-01-04"),
        (9, "Kaz1717999Q", "2026-01-05"),
        (10, "ssomurice_local", "2026-01-05"),
        (11, "kyodo_official", "2026-01-05"),
    ],
)
def test_seed_tweet_handles_and_dates(
    seed_tweets: dict[int, Document], n: int, handle: str, date: str
) -> None:
    tweet = seed_tweets[n]
    assert tweet.handle == handle
    assert tweet.outlet == f"@{handle}"
    assert tweet.published == date
    assert tweet.parent == "000_fcc0ace334e89954"


def test_seed_multiline_tweet_is_read_whole(seed_tweets: dict[int, Document]) -> None:
    tweet = seed_tweets[4]
    assert tweet.text.startswith(
        "1989年の今日は\n米国による「パナマ侵攻」の\n発生日。\n独裁者ノリエガ将軍"
    )
    assert tweet.text.endswith("運河は米国\nから全面返還されました。 pic.twitter.com/xKbQdvDoZf")
    assert tweet.text.count("\n") == 8  # nine source lines, the last glued to its attribution
    assert "—" not in tweet.text and "JIJI" not in tweet.text
    assert "「パナマ侵攻以来」とされる規模感" not in tweet.text  # the heading before it
    assert "ここまで大がかりな" not in tweet.text  # the prose after it
    assert tweet.author == "JIJI"


@pytest.mark.parametrize(
    ("n", "start"),
    [
        (6, "日本の総理が腰抜けだから"),
        (10, "『米国政府に喧嘩を売った国連』"),
        (11, "ベネズエラの首都にに武装民兵"),
        (7, "米帝のベネズエラ侵攻に関して"),
    ],
)
def test_seed_tweet_starts(seed_tweets: dict[int, Document], n: int, start: str) -> None:
    assert seed_tweets[n].text.startswith(start)


def test_seed_article_has_no_tweet_links(seed_article: Document) -> None:
    assert "t.co/" not in seed_article.text
    assert "pic.twitter.com" not in seed_article.text
    assert seed_article.links == ()


def test_seed_tweet_links(seed_tweets: dict[int, Document]) -> None:
    assert seed_tweets[4].links == ("pic.twitter.com/xKbQdvDoZf",)
    assert seed_tweets[11].links == ("https://t.co/kTgvxkmRQs",)
    assert all(t.links for t in seed_tweets.values())


def test_seed_headings_are_sections_of_the_article(
    seed_article: Document, seed_tweets: dict[int, Document]
) -> None:
    sections = seed_article.sections
    titles = [s.title for s in sections if s.title]
    for heading in (
        "ベネズエラ急襲の全容と米軍の行動",
        "「パナマ侵攻以来」とされる規模感",
        "強い批判を示す国々",
        "国連・EUなどの立場",
        "批判一色ではない国もある",
        "一部の支持と、亡命コミュニティの反応",
        "1月5日の安保理で何が議論されるのか",
        "これから何が起きる?報復と地域不安のリスク",
        "この出来事をどう受け止めるべきか",
    ):
        assert heading in titles
    for tweet in seed_tweets.values():
        for title in titles:
            assert title not in tweet.text, (tweet.doc_id, title)
    # Sections tile the article text in order, each starting with its heading line.
    assert sections[0].start == 0 and sections[-1].end == len(seed_article.text)
    for index, (a, b) in enumerate(itertools.pairwise(sections)):
        assert a.index == index and a.end == b.start
    for section in sections:
        assert (
            seed_article.text[section.start : section.start + len(section.title)] == section.title
        )


def test_seed_boilerplate_is_flagged_and_left_out(seed_article: Document) -> None:
    source = read_text(SEED)
    flagged = [f.text for f in seed_article.flags]
    assert flagged == ["目次", "この記事で扱うポイント", "<"]
    assert all(f.kind == "boilerplate" for f in seed_article.flags)
    for flag in seed_article.flags:  # flags point into the source file
        assert source[flag.start : flag.end] == flag.text
    lines = seed_article.text.split("\n")
    for text in flagged:
        assert text not in lines
    assert "目次" not in seed_article.text
    assert "この記事で扱うポイント" not in seed_article.text


def test_seed_article_text_has_no_blank_lines(seed_article: Document) -> None:
    assert all(line.strip() for line in seed_article.text.split("\n"))


def test_seed_tweet_voice(seed_tweets: dict[int, Document]) -> None:
    assert seed_tweets[2].metadata["voice"] == "news"
    assert seed_tweets[11].metadata["voice"] == "news"
    assert seed_tweets[6].metadata["voice"] == "individual"


# --- lossless: spans cover the source, segments map back exactly ---------------------------


def test_seed_is_lossless() -> None:
    assert_lossless(SEED)


def test_seed_source_offsets_map_every_copied_character(seed_documents: list[Document]) -> None:
    source = read_text(SEED)
    for document in seed_documents:
        for i, char in enumerate(document.text):
            offset = document.source_offset(i)
            if offset is None:
                assert char == "\n", (document.doc_id, i)  # only separators are not copied
            else:
                assert source[offset] == char


def test_sample_has_ninety_files() -> None:
    assert len(LIVEDOOR_FILES) == 90


@pytest.mark.parametrize(
    "path", LIVEDOOR_FILES, ids=[p.relative_to(LIVEDOOR).as_posix() for p in LIVEDOOR_FILES]
)
def test_livedoor_file_is_lossless(path: Path) -> None:
    (document,) = assert_lossless(path)
    assert document.source_spans == ((0, len(read_text(path))),)


@pytest.mark.shared
def test_shared_livedoor_files_are_lossless() -> None:
    files = sorted(
        p for p in SHARED_LIVEDOOR.rglob("*.txt") if not p.name.upper().startswith(NOT_DOCUMENTS)
    )
    chosen = files[:: max(1, len(files) // 300)]
    assert len(chosen) >= 250
    failures = []
    for path in chosen:
        source = read_text(path)
        documents = read_file(path)
        if [d.medium for d in documents] != ["article"] or documents[0].outlet != path.parent.name:
            failures.append(f"{path}: not read as one livedoor article")
        if uncovered(source, documents):
            failures.append(f"{path}: characters outside the spans")
        failures.extend(e for d in documents for e in segment_errors(source, d))
    assert not failures, failures[:10]


# --- livedoor -------------------------------------------------------------------------------


def test_livedoor_sample(livedoor_result: ReadResult) -> None:
    documents = livedoor_result.documents
    assert len(documents) == 90
    assert sorted({d.outlet for d in documents if d.outlet}) == list(CHANNELS)
    for channel in CHANNELS:
        assert sum(d.outlet == channel for d in documents) == 10
    for document in documents:
        assert document.medium == "article"
        assert document.doc_id.startswith(f"{document.outlet}/{document.outlet}-")
        assert document.url is not None and document.url.startswith("http")
        assert document.title
        assert document.published is not None and document.published[:2] == "20"
        assert document.text and document.text == document.text.rstrip()


def test_livedoor_licences_are_passed_over(livedoor_result: ReadResult) -> None:
    names = sorted(
        Path(p.path).relative_to(LIVEDOOR).as_posix() for p in livedoor_result.passed_over
    )
    assert names == ["README.txt"] + [f"{c}/LICENSE.txt" for c in CHANNELS]
    assert livedoor_result.skipped == []


def test_livedoor_text_is_the_body_verbatim() -> None:
    path = LIVEDOOR_FILES[0]
    source = read_text(path)
    lines = source.split("\n")
    (document,) = read_file(path)
    assert document.url == lines[0].strip()
    assert document.title == lines[2].strip()
    assert document.text == "\n".join(lines[3:]).rstrip()


# --- a small hand-made blog post ------------------------------------------------------------


def test_blog_post_article_tweet_sections_and_flags() -> None:
    path = INPUTS / "blog_post.txt"
    article, tweet = assert_lossless(path)
    assert article.doc_id == "blog_post" and article.outlet == "inputs"
    assert article.text == (
        "今日は大きな動きがありました。\n国連の反応\n各国の反応が注目されます。\nまとめ\nあなたはどう考えますか。"
    )
    assert [(s.index, s.title) for s in article.sections] == [
        (0, ""),
        (1, "国連の反応"),
        (2, "まとめ"),
    ]
    assert [f.text for f in article.flags] == ["目次", "この記事で扱うポイント", "<"]
    assert tweet.doc_id == "blog_post#tweet-1"
    assert tweet.text == "国連が声明を発表した。\n詳細は続報で。 pic.twitter.com/abcDEF123"
    assert (tweet.handle, tweet.author, tweet.published) == (
        "kyodo_official",
        "共同通信公式",
        "2026-01-05",
    )
    assert tweet.links == ("pic.twitter.com/abcDEF123",)


def test_tweet_weight_counts_as_x_does() -> None:
    from framing.readers.plaintext import tweet_weight

    assert tweet_weight("abc def") == 7
    assert tweet_weight("速報です。") == 10  # CJK characters and full-width marks weigh 2
    assert tweet_weight("“quoted” — ok") == 13  # general punctuation weighs 1
    assert tweet_weight("詳細 https://t.co/AbC123xyz") == 4 + 1 + 23
    assert tweet_weight("映像 pic.twitter.com/AbC123xyz") == 4 + 1  # an attached picture


def _read_post(tmp_path: Path, source: str) -> list[Document]:
    """The documents of a scraped post whose text is ``source``."""
    path = tmp_path / "post.txt"
    path.write_text(source, encoding="utf-8")
    return read([path]).documents


def test_prose_right_above_an_embed_stays_in_the_article(tmp_path: Path) -> None:
    """No heading or blank line before the embed: the walk back stops where the body would
    outgrow a tweet (140 kana or kanji), so the writer's paragraph is not taken into it."""
    prose = "政府は同日、現地に調査団を派遣すると発表しました。" * 5
    tweet = "【速報】調査団が現地に到着。詳しい状況はまだ分かっていない https://t.co/AbC123xyz"
    source = f"前書き。\n{prose}\n{tweet}\n— 東邦通信 (@toho_world) March 9, 2026\n後書き。\n"
    article, embed = _read_post(tmp_path, source)
    assert embed.text == tweet
    assert prose in article.text


def test_a_short_post_that_looks_like_a_heading_is_the_tweet(tmp_path: Path) -> None:
    """A one-line post with no final 。 after a blank line is heading-like; it is the body."""
    post = "鉄鉱石の値段上がってるのこれのせい？ 鉄鋼株持ってるんだけど影響あるのかな…"
    source = f"本文です。\n\n{post}\n— ぽんず (@ponzu_kabu) March 14, 2026\n"
    article, embed = _read_post(tmp_path, source)
    assert embed.text == post
    assert article.text == "本文です。"


def test_a_multiline_tweet_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    source = (
        "見出し\n"
        "1989年の今日は\n米国による侵攻の\n発生日。 pic.twitter.com/xKbQdvDoZf\n"
        "— JIJI (@jinbo11) December 20, 2025\n"
    )
    embed = _read_post(tmp_path, source)[-1]
    assert embed.text == "1989年の今日は\n米国による侵攻の\n発生日。 pic.twitter.com/xKbQdvDoZf"


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_good() -> None:
    path = INPUTS / "jsonl" / "good.jsonl"
    documents = assert_lossless(path)
    assert [d.doc_id for d in documents] == ["n1", "n2", "t1"]
    n1, n2, t1 = documents
    assert (n1.text, n1.outlet, n1.published, n1.medium) == (
        "政府は声明を発表した。",
        "朝日",
        "2026-01-05",
        "article",
    )
    assert n1.metadata == {"section": "国際"}
    assert n2.url == "https://example.com/n2"
    assert (t1.medium, t1.handle, t1.published) == ("tweet", "example", "2026-01-05T09:30:00Z")
    source = read_text(path)
    for document in documents:  # each span is the document's own line
        ((start, end),) = document.source_spans
        assert json.loads(source[start:end])["id"] == document.doc_id


def test_jsonl_malformed_line_names_file_and_line() -> None:
    path = INPUTS / "jsonl" / "malformed.jsonl"
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.line == 3
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}:3: invalid JSON")


def test_jsonl_missing_text_names_the_line_and_columns() -> None:
    path = INPUTS / "jsonl" / "missing_text.jsonl"
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.line == 2
    assert "missing column(s) text" in str(caught.value)
    assert "found: id, body" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "kept", "bad_lines"),
    [("malformed.jsonl", ["m1", "m2", "m4"], [3]), ("missing_text.jsonl", ["x1", "x3"], [2])],
)
def test_jsonl_skip_bad_lists_skipped_rows(
    name: str, kept: list[str], bad_lines: list[int]
) -> None:
    path = INPUTS / "jsonl" / name
    result = read(path, skip_bad=True)
    assert [d.doc_id for d in result.documents] == kept
    assert [(p.path, p.line) for p in result.skipped] == [(str(path), n) for n in bad_lines]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "a", "text": 3}, "'text' must be a string"),
        ({"id": " ", "text": "本文"}, "empty 'id'"),
        ({"id": "a", "text": "本文", "medium": "radio"}, "medium 'radio' is not one of"),
        ({"id": "a", "text": "本文", "published": "昨日"}, "published '昨日' is not an ISO 8601"),
        ([1, 2], r"expected a JSON object \(\{\.\.\.\}\) on each line, got an array"),
    ],
)
def test_jsonl_bad_values(tmp_path: Path, row: object, message: str) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read(path)
    assert caught.value.line == 1


def test_ingest_round_trip(tmp_path: Path, seed_documents: list[Document]) -> None:
    """Document.to_record -> JSONL (what ``framing ingest`` writes) -> read: the same documents."""
    originals = [*seed_documents, *read(INPUTS / "x_api_v2.json").documents]
    path = tmp_path / "ingested.jsonl"
    path.write_text(
        "".join(json.dumps(d.to_record(), ensure_ascii=False) + "\n" for d in originals),
        encoding="utf-8",
    )
    assert read(path).documents == originals


# --- CSV --------------------------------------------------------------------------------------


def test_csv_header_without_text_column_names_line_1() -> None:
    path = INPUTS / "csv" / "no_text_column.csv"
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.line == 1 and caught.value.path == str(path)
    assert "the header has no 'text' column (found: id, body, outlet)" in str(caught.value)


def test_csv_ragged_row() -> None:
    path = INPUTS / "csv" / "ragged.csv"
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.line == 3
    assert "2 cells, but the header has 3 columns" in str(caught.value)
    result = read(path, skip_bad=True)
    assert [d.doc_id for d in result.documents] == ["r1", "r3"]
    assert [p.line for p in result.skipped] == [3]


def test_csv_quoted_multiline_cell_spans_its_lines() -> None:
    path = INPUTS / "csv" / "multiline.csv"
    c1, c2 = read(path).documents
    assert c1.text == "一行目の本文。\n二行目の本文。"
    assert (c1.outlet, c2.outlet) == ("朝日", "毎日")
    source = read_text(path)
    (header_start, header_end), (start, end) = c1.source_spans
    assert source[header_start:header_end] == "id,text,outlet"
    assert [f.kind for f in c1.flags] == ["header"]
    assert source[start:end] == 'c1,"一行目の本文。\n二行目の本文。",朝日'
    ((start, end),) = c2.source_spans
    assert source[start:end] == "c2,短い本文。,毎日"
    assert uncovered(source, [c1, c2]) == []  # the first row carries the header


def test_csv_unclosed_quote_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('id,text\na,"閉じていない\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.path == str(path)
    assert "malformed CSV" in str(caught.value)


# --- empty, missing, unsupported, duplicate --------------------------------------------------


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.csv", "blank.txt"])
def test_empty_file_has_no_documents(name: str) -> None:
    result = read(INPUTS / "empty" / name)
    assert result.documents == [] and result.skipped == []


def test_missing_path() -> None:
    path = INPUTS / "no_such_file.txt"
    with pytest.raises(InputError, match="no such file or directory") as caught:
        read(path)
    assert caught.value.path == str(path)
    result = read([path, INPUTS / "jsonl" / "good.jsonl"], skip_bad=True)
    assert len(result.documents) == 3
    assert [p.path for p in result.skipped] == [str(path)]


@pytest.mark.parametrize(
    ("name", "message"),
    [("notes.md", "unsupported file type '.md'"), ("script.js", "only tweets.js / tweet.js")],
)
def test_unsupported_files(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read(path)


def test_unrecognized_json(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"items": []}', encoding="utf-8")
    with pytest.raises(InputError, match="unrecognized JSON"):
        read(path)


def test_duplicate_doc_id() -> None:
    a, b = INPUTS / "duplicate" / "a.jsonl", INPUTS / "duplicate" / "b.jsonl"
    with pytest.raises(InputError, match="duplicate doc_id 'same'") as caught:
        read([a, b])
    assert caught.value.path == str(b)
    assert str(a) in str(caught.value)
    with pytest.raises(InputError, match="duplicate doc_id"):
        read(INPUTS / "duplicate")
    result = read([a, b], skip_bad=True)
    assert [d.text for d in result.documents] == ["一つ目のファイル。"]
    assert len(result.skipped) == 1


# --- folders ----------------------------------------------------------------------------------


def test_folder_is_read_recursively_and_passes_over_licences() -> None:
    folder = INPUTS / "folder"
    result = read(folder)
    assert [d.doc_id for d in result.documents] == ["article", "f1"]
    passed = {Path(p.path).relative_to(folder).as_posix(): p.message for p in result.passed_over}
    assert set(passed) == {"README.txt", "sub/LICENSE.txt", "sub/deeper/notes.md"}
    assert "licence" in passed["README.txt"]
    assert "unsupported file type" in passed["sub/deeper/notes.md"]
    assert all(".hidden" not in d.source_path for d in result.documents if d.source_path)


def test_a_licence_named_directly_is_read() -> None:
    """Only folders pass licences over; a file given by name is the user's choice."""
    result = read(INPUTS / "folder" / "README.txt")
    assert [d.text for d in result.documents] == ["このフォルダーのメモ。"]


# --- X archive and X API v2 -------------------------------------------------------------------


def test_x_archive_tweets_js() -> None:
    folder = INPUTS / "x_archive"
    result = read(folder)
    assert [Path(p.path).name for p in result.passed_over] == ["account.js"]
    first, second = result.documents
    assert first.doc_id == "tweet-1875000000000000001"
    assert (
        first.text == "国連が緊急会合を開くとのこと & 各国が注目 https://t.co/AbCdEf"
    )  # HTML unescaped
    assert (first.handle, first.author, first.outlet) == (
        "example_news",
        "Example News",
        "@example_news",
    )
    assert first.published == "2026-01-03T12:00:00+00:00"
    assert first.links == ("https://example.com/un",)
    assert first.url == "https://x.com/example_news/status/1875000000000000001"
    assert second.text == "続報です。\n現地は落ち着いているようだ。"
    assert second.metadata["in_reply_to"] == "1875000000000000001"
    assert all(d.medium == "tweet" for d in result.documents)
    assert_lossless(folder / "tweets.js")


def test_x_archive_without_account_js(tmp_path: Path) -> None:
    path = tmp_path / "tweets.js"
    path.write_text((INPUTS / "x_archive" / "tweets.js").read_text("utf-8"), encoding="utf-8")
    documents = read(path).documents
    assert [d.handle for d in documents] == [None, None]
    assert documents[0].url == "https://x.com/i/status/1875000000000000001"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"tweet": {"full_text": "x"}}]', "not an X archive file"),
        (
            'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1"}}]',
            "tweet object without 'full_text'",
        ),
        (
            'window.YTD.tweets.part0 = [{"tweet": {"full_text": "x"}} {"a": 1}]',
            "expected ',' or ']'",
        ),
    ],
)
def test_x_archive_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "tweets.js"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read(path)


def test_x_api_v2_json_with_includes_users() -> None:
    path = INPUTS / "x_api_v2.json"
    documents = assert_lossless(path)
    assert [d.doc_id for d in documents] == ["tweet-9001", "tweet-9002", "tweet-9003"]
    kyodo, someone, unknown = documents
    assert (kyodo.handle, kyodo.author, kyodo.outlet) == (
        "kyodo_official",
        "共同通信公式",
        "@kyodo_official",
    )
    assert kyodo.published == "2026-01-05T03:04:05+00:00"
    assert kyodo.links == ("https://example.com/kyodo",)
    assert (
        someone.text == "短縮された本文のかわりに、長い本文の全体がここに入る。"
    )  # note_tweet wins
    assert (unknown.handle, unknown.outlet, unknown.author) == (None, None, None)
    assert all(d.medium == "tweet" for d in documents)


# --- streaming: iter_read ---------------------------------------------------------------------


def _folder_with_bad_last_file(tmp_path: Path) -> Path:
    (tmp_path / "a.jsonl").write_text(
        '{"id": "a1", "text": "一つ目。"}\n{"id": "a2", "text": "二つ目。"}\n', encoding="utf-8"
    )
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "text": "三つ目。"}\n', encoding="utf-8")
    (tmp_path / "c.jsonl").write_text("{broken\n", encoding="utf-8")
    return tmp_path


def test_iter_read_yields_before_reading_later_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder_with_bad_last_file(tmp_path)
    opened: list[str] = []
    real_read_file = framing.readers.read_file

    def spy(path: Path, **options: Any) -> list[Document]:
        opened.append(path.name)
        return real_read_file(path, **options)

    monkeypatch.setattr(framing.readers, "read_file", spy)
    documents = iter_read(folder)
    assert opened == []  # a generator: nothing is read before the first next()
    assert next(documents).doc_id == "a1"
    assert opened == ["a.jsonl"]
    assert next(documents).doc_id == "a2"
    assert next(documents).doc_id == "b1"
    assert opened == ["a.jsonl", "b.jsonl"]
    with pytest.raises(InputError) as caught:
        next(documents)
    assert (Path(caught.value.path).name, caught.value.line) == ("c.jsonl", 1)


@pytest.mark.parametrize(
    "paths",
    [
        [INPUTS / "folder"],
        [INPUTS / "jsonl" / "good.jsonl", INPUTS / "csv" / "multiline.csv"],
        [INPUTS / "x_archive", INPUTS / "x_api_v2.json", INPUTS / "blog_post.txt"],
        [LIVEDOOR],
    ],
    ids=["folder", "jsonl+csv", "x+blog", "livedoor"],
)
def test_iter_read_matches_read(paths: list[Path]) -> None:
    skipped: list[Problem] = []
    passed_over: list[Problem] = []
    streamed = list(iter_read(paths, skipped=skipped, passed_over=passed_over))
    result = read(paths)
    assert streamed == result.documents
    assert (skipped, passed_over) == (result.skipped, result.passed_over)


def test_iter_read_skip_bad_fills_skipped_as_it_goes(tmp_path: Path) -> None:
    folder = _folder_with_bad_last_file(tmp_path)
    skipped: list[Problem] = []
    documents = iter_read(folder, skip_bad=True, skipped=skipped)
    assert [d.doc_id for d in itertools.islice(documents, 3)] == ["a1", "a2", "b1"]
    assert skipped == []
    assert list(documents) == []
    assert [(Path(p.path).name, p.line) for p in skipped] == [("c.jsonl", 1)]


def test_iter_read_finds_duplicates_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "same", "text": "一。"}\n', encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"id": "same", "text": "二。"}\n', encoding="utf-8")
    documents = iter_read(tmp_path)
    assert next(documents).text == "一。"
    with pytest.raises(InputError, match="duplicate doc_id 'same'"):
        next(documents)


def test_iter_read_skip_bad_needs_a_list() -> None:
    with pytest.raises(ValueError, match="skip_bad=True needs a 'skipped' list"):
        iter_read(INPUTS / "jsonl" / "good.jsonl", skip_bad=True)  # raised at the call


def test_iter_read_accepts_one_path_as_str() -> None:
    assert [d.doc_id for d in iter_read(str(INPUTS / "jsonl" / "good.jsonl"))] == [
        "n1",
        "n2",
        "t1",
    ]
