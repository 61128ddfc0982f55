"""Tokenization with fugashi + unidic-lite: offset-true morphemes and protected tokens.

Expectations were written for fugashi 1.x with unidic-lite 1.0.8 (UniDic 2.1.2).
"""

from __future__ import annotations

import importlib
import itertools
import re

import pytest

from framing.detection import Analysis
from framing.sentences import split_sentences
from framing.tokens import Morpheme, dictionary_versions, tokenize

#: A lemma that still carries UniDic's English gloss (アメリカ-America, ピックアップ-pick-up).
GLOSSED = re.compile(r"^[^-]+-[A-Za-z0-9]")


def test_dictionary_versions() -> None:
    versions = dictionary_versions()
    assert set(versions) == {"fugashi", "unidic-lite"}
    assert versions["unidic-lite"].startswith("1.0")


# --- the seed and the 90-article sample ------------------------------------------------------


def test_every_token_is_offset_true(analyses: list[Analysis]) -> None:
    count = 0
    for analysis in analyses:
        text = analysis.document.text
        previous_end = 0
        for m in analysis.tokens:
            assert text[m.start : m.end] == m.surface, (analysis.document.doc_id, m)
            assert m.surface and m.start >= previous_end
            sentence = analysis.sentences[m.sentence]
            assert sentence.start <= m.start and m.end <= sentence.end
            previous_end = m.end
            count += 1
    assert count > 50_000


def test_tokens_cover_every_non_space_character(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        text = analysis.document.text
        covered = bytearray(len(text))
        for m in analysis.tokens:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
        missing = [text[i] for i, c in enumerate(covered) if not c and not text[i].isspace()]
        assert not missing, (analysis.document.doc_id, missing[:10])


def test_links_of_the_seed_are_single_tokens(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        urls = {m.surface for m in analysis.tokens if m.kind == "url"}
        for link in analysis.document.links:
            assert link in urls, (analysis.document.doc_id, link)


def test_seed_special_tokens(analyses: list[Analysis]) -> None:
    by_id = {a.document.doc_id: a for a in analyses}
    kinds = {
        (m.kind, m.surface)
        for a in analyses
        if a.document.doc_id.startswith("000_")
        for m in a.tokens
        if m.kind != "word"
    }
    assert ("hashtag", "#news23") in kinds
    assert ("emoji", "🇻🇪") in kinds and ("emoji", "😰") in kinds
    assert ("url", "https://t.co/kTgvxkmRQs") in kinds
    tweet = by_id["000_fcc0ace334e89954#tweet-4"]
    assert [m.surface for m in tweet.tokens if m.kind == "url"] == ["pic.twitter.com/xKbQdvDoZf"]


def test_emoji_runs_are_single_tokens(analyses: list[Analysis]) -> None:
    for analysis in analyses:
        tokens = analysis.tokens
        for a, b in itertools.pairwise(tokens):
            assert not (a.kind == b.kind == "emoji" and a.end == b.start), (a, b)


def test_no_lemma_keeps_an_english_gloss(analyses: list[Analysis]) -> None:
    glossed = sorted(
        {m.lemma for a in analyses for m in a.tokens if m.kind == "word" and GLOSSED.match(m.lemma)}
    )
    assert glossed == []


def test_ellipsis_is_never_a_full_stop(analyses: list[Analysis]) -> None:
    ellipses = [m for a in analyses for m in a.tokens if "…" in m.surface or "‥" in m.surface]
    assert ellipses
    assert all(m.pos != "補助記号-句点" for m in ellipses)


def test_wave_dash_is_kept(analyses: list[Analysis]) -> None:
    by_id = {a.document.doc_id: a for a in analyses}
    article = by_id["000_fcc0ace334e89954"]
    assert any(m.surface == "〜" for m in article.tokens)  # 40人〜80人


# --- tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "surface"),
    [
        ("詳しくは https://example.com/a?b=1&c=2 を見て。", "url", "https://example.com/a?b=1&c=2"),
        ("詳細はhttps://example.com/a?b=1を参照", "url", "https://example.com/a?b=1"),
        ("動画 pic.twitter.com/xKbQdvDoZf", "url", "pic.twitter.com/xKbQdvDoZf"),
        ("www.example.com/path で公開", "url", "www.example.com/path"),
        ("@kyodo_official によると", "handle", "@kyodo_official"),
        ("RT @ReutersJapan: 速報", "handle", "@ReutersJapan"),
        ("#ニュース速報 です", "hashtag", "#ニュース速報"),
        ("＃速報 です", "hashtag", "＃速報"),
        ("最高😊😊🎉だ", "emoji", "😊😊🎉"),
        ("🇻🇪について", "emoji", "🇻🇪"),
        ("👍🏽いいね", "emoji", "👍🏽"),
        ("家族👨\u200d👩\u200d👧で", "emoji", "👨\u200d👩\u200d👧"),
        ("晴れ☀️だ", "emoji", "☀️"),
    ],
)
def test_protected_tokens(text: str, kind: str, surface: str) -> None:
    tokens = tokenize(text)
    special = [m for m in tokens if m.kind != "word"]
    assert [(m.kind, m.surface) for m in special] == [(kind, surface)]
    (m,) = special
    assert text[m.start : m.end] == surface
    assert m.pos1 in ("名詞", "補助記号")


@pytest.mark.parametrize("text", ["C#とC++", "メールはa@b.comへ"])
def test_not_handles_or_hashtags(text: str) -> None:
    assert all(m.kind == "word" for m in tokenize(text))


@pytest.mark.parametrize(
    ("text", "surface", "lemma"),
    [
        ("アメリカが動いた。", "アメリカ", "アメリカ"),  # UniDic: アメリカ-America
        ("ｱﾒﾘｶが動いた。", "ｱﾒﾘｶ", "アメリカ"),  # half-width: original surface, folded lemma
        ("ＡＭＥＲＩＣＡ", "ＡＭＥＲＩＣＡ", "AMERICA"),
        ("ピックアップした", "ピックアップ", "ピックアップ"),  # ピックアップ-pick-up
        ("ゲーム三昧だ。", "三昧", "三昧"),  # 三昧-sama-dhi
        ("キャップをかぶる", "キャップ", "キャップ"),  # キャップ-cap（帽子）
        ("ｶﾞｿﾘﾝ代が上がった。", "ｶﾞｿﾘﾝ", "ガソリン"),  # half-width voiced mark composed
        ("明日は雨が降るそうだ。", "そう", "そう-伝聞"),  # Japanese sense tags are kept
        ("明日は雨が降りそうだ。", "そう", "そう-様態"),
        ("それは言い切れる。", "言い切れる", "言い切る"),
    ],
)
def test_lemmas(text: str, surface: str, lemma: str) -> None:
    tokens = {m.surface: m for m in tokenize(text)}
    assert tokens[surface].lemma == lemma


def test_orth_base_keeps_potential_forms_apart() -> None:
    (m,) = [
        m
        for m in tokenize("経済的な思惑がゼロだったと言い切れるのでしょうか。")
        if m.lemma == "言い切る"
    ]
    assert m.orth_base == "言い切れる"


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("それは……どうか。", ["それ", "は", "…", "…", "どう", "か", "。"]),
        ("40人〜80人", ["40", "人", "〜", "80", "人"]),
        ("まじか〜", ["まじ", "か〜"]),
    ],
)
def test_ellipsis_and_wave_dash(text: str, surfaces: list[str]) -> None:
    tokens = tokenize(text)
    assert [m.surface for m in tokens] == surfaces
    assert all(m.pos != "補助記号-句点" for m in tokens if "…" in m.surface)
    assert "".join(m.surface for m in tokens) == text.replace(" ", "")


def test_morpheme_fields() -> None:
    tokens = tokenize("政府は声明を発表した。次の文。")
    first = tokens[0]
    assert isinstance(first, Morpheme)
    assert (first.surface, first.lemma, first.pos1, first.pos, first.kind) == (
        "政府",
        "政府",
        "名詞",
        "名詞-普通名詞-一般",
        "word",
    )
    verb = next(m for m in tokens if m.surface == "し")
    assert (verb.lemma, verb.cType, verb.cForm) == ("為る", "サ行変格", "連用形-一般")
    assert [m.sentence for m in tokens] == [0] * 8 + [1] * 4
    with pytest.raises(AttributeError):
        first.lemma = "x"  # type: ignore[misc]


def test_tokenize_with_given_sentences() -> None:
    text = "一文目。二文目。"
    sentences = split_sentences(text)[1:]
    tokens = tokenize(text, sentences)
    assert "".join(m.surface for m in tokens) == "二文目。"
    assert {m.sentence for m in tokens} == {1}


@pytest.mark.parametrize("text", ["", " ", "\n\n", "　"])
def test_blank_text_has_no_tokens(text: str) -> None:
    assert tokenize(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "何だ⁉この態度⁉",
            [
                ("何", "何"),
                ("だ", "だ"),
                ("⁉", "？"),
                ("この", "此の"),
                ("態度", "態度"),
                ("⁉", "？"),
            ],
        ),
        ("㍻元年", [("㍻", "平成"), ("元年", "元年")]),
    ],
)
def test_a_character_that_expands_is_one_token(text: str, expected: list[tuple[str, str]]) -> None:
    """NFKC turns ⁉ into !? and ㍻ into 平成; MeCab may split them, the tokens may not."""
    assert [(m.surface, m.lemma) for m in tokenize(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "ＡＢＣ　１２３です。㍻元年に㈱を設立。",
        "ｶﾞｿﾘﾝ､ﾊﾟｿｺﾝ｡ﾃﾞｨｽｸ",
        "全角スペース　と半角 スペース が混在",
        "e\u0301té と か\u3099",
    ],
)
def test_offsets_survive_normalization(text: str) -> None:
    for m in tokenize(text):
        assert text[m.start : m.end] == m.surface


# --- the fast path (MeCab's own output format) reads what fugashi's nodes hold ------------


def _by_nodes(chunk: str) -> list[tuple[str, ...]]:
    """The reference: fugashi nodes, features read by name (the slow, obvious way)."""
    from framing.tokens import _GLOSS, _join_pos, get_tagger

    out = []
    for node in get_tagger()(chunk):
        f = node.feature
        lemma = f.lemma or ""
        match = _GLOSS.match(lemma)
        if match:
            lemma = match["lemma"]
        surface = node.surface
        fields = [f.pos1, f.pos2, f.pos3, f.pos4, f.cType, f.cForm]
        fields = [v if v not in (None, "") else "*" for v in fields]
        orth = f.orthBase if getattr(f, "orthBase", None) not in (None, "", "*") else None
        out.append(
            (
                surface,
                lemma or surface,
                *fields,
                orth or (lemma or surface),
                _join_pos(*fields[:4]),
            )
        )
    return out


def _by_lines(chunk: str) -> list[tuple[str, ...]]:
    """The fast path: MeCab's id lines, resolved in the compiled dictionary."""
    from framing.tokens import _parse_text

    return [(*m[:9], m.pos) for m in _parse_text(chunk)]


def _chunks(texts: list[str]) -> list[str]:
    from framing.normalize import normalize

    return [normalize(s.text).text for text in texts for s in split_sentences(text)]


def test_line_output_equals_fugashi_nodes(analyses: list[Analysis]) -> None:
    chunks = _chunks([a.document.text for a in analyses])
    chunks += ['ｸﾞｸﾞﾚｶｽ,"x" 1,000円', "\x0c\rａ", "𝓧👨‍👩‍👧🇯🇵", "〜ですね…!?"]
    for chunk in chunks:
        assert _by_lines(chunk) == _by_nodes(chunk), chunk


@pytest.mark.parametrize(
    "chunk",
    # Each has a word with two entries of the same surface, ids and cost (鬼太郎 read
    # オニタロウ and キタロウ): MeCab keeps the first, and so does _resolve.
    ["鬼太郎が来た", "ゲゲゲの鬼太郎を見た。", "猪山さんは飲み口がいい", "財布の中はかつかつだ"],
)
def test_twin_entries_resolve_as_fugashi_nodes(chunk: str) -> None:
    from framing.tokens import _parse_text, _types

    assert _by_lines(chunk) == _by_nodes(chunk)
    # remembered for the id line, and the same in another sentence
    assert all(line in _types for line in _line_keys(chunk))
    assert _by_lines(f"昨日、{chunk}") == _by_nodes(f"昨日、{chunk}")
    assert _parse_text(chunk) == _parse_text(chunk)


def test_feature_lines_where_the_dictionary_cannot_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = importlib.import_module("framing.tokens")  # (framing.tokens is also a function)
    chunk = "鬼太郎はｸﾞｸﾞﾚｶｽ,\"x\"だと報じられています。"
    expected = _by_nodes(chunk)
    monkeypatch.setattr(tokens, "_dictionaries", lambda: None)
    assert "\t名詞," in tokens._line_tagger().parse(chunk)  # MeCab prints feature strings
    assert _by_lines(chunk) == expected


def test_a_line_the_dictionary_lacks_is_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = importlib.import_module("framing.tokens")

    class Empty:
        def features(self, *args: object) -> list[str]:
            return []

    chunk = "カラカスで爆発音がしたとされる。"
    expected = _by_nodes(chunk)
    monkeypatch.setattr(tokens, "_dictionaries", lambda: (Empty(), Empty()))
    monkeypatch.setattr(tokens, "_types", tokens._TypeCache())
    assert _by_lines(chunk) == expected


def _line_keys(chunk: str) -> list[str]:
    from framing.tokens import _line_tagger

    return list(_line_tagger().parse(chunk).split("\n")[1:-1])


@pytest.mark.shared
def test_line_output_equals_fugashi_nodes_on_livedoor() -> None:
    """Every 10th livedoor article (about 700 articles, 500,000 morphemes)."""
    from conftest import SHARED_LIVEDOOR

    from framing.readers import read

    documents = read(SHARED_LIVEDOOR).documents[::10]
    for chunk in _chunks([d.text for d in documents]):
        assert _by_lines(chunk) == _by_nodes(chunk), chunk


def test_nul_does_not_end_the_text() -> None:
    tokens = tokenize("米国は\x00侵攻した")
    assert [m.surface for m in tokens][-3:] == ["侵攻", "し", "た"]
    assert "\x00" in [m.surface for m in tokens]


def test_very_long_run_is_cut_into_pieces() -> None:
    from framing.tokens import MAX_PIECE

    text = "あ" * (MAX_PIECE * 3 + 5)
    tokens = tokenize(text)
    assert "".join(m.surface for m in tokens) == text
    assert all(text[m.start : m.end] == m.surface for m in tokens)


# --- token arrays: what detection reads --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "iPhone 5 と Galaxy S3",  # spaces MeCab skips
        "a\tb\x0bc  d",  # tab and vertical tab are skipped too
        "あ\rい\x0cう",  # carriage return and form feed are tokens of their own
        "（１）　ＡＢＣ　テスト",  # full-width folded one for one, ideographic spaces
        "価格：３万円 （税込） です！？",  # folding plus spaces in one piece
        "ｶﾞｷﾞ ｸﾞ ㍻ ⁉ end",  # expansions and compositions: offsets move
        "\u00a0先頭と末尾\u00a0",
    ],
)
def test_offsets_equal_a_search_for_each_surface(text: str) -> None:
    """The offsets computed from surface lengths equal finding each surface in turn."""
    tokens = tokenize(text)
    position = 0
    for m in tokens:
        found = text.find(m.surface, position)
        assert found == m.start, (text, m)
        position = m.end
    assert all(text[m.start : m.end] == m.surface for m in tokens)


def test_token_arrays_share_types_and_keep_sentence_indices() -> None:
    from framing.sentences import Sentence
    from framing.tokens import tokenize_arrays

    text = "猫が来た。猫が来た。"
    sentences = split_sentences(text)
    arrays = tokenize_arrays(text, sentences)
    assert arrays.bounds == [(0, 5), (5, 10)]
    assert arrays.types[0] is arrays.types[5]  # one record per type
    assert {t.start for t in arrays.types} == {-1}
    assert arrays.morphemes(sentences) == tokenize(text)
    shifted = [Sentence(7, s.start, s.end, s.text) for s in sentences[1:]]
    assert {m.sentence for m in tokenize_arrays(text, shifted).morphemes(shifted)} == {7}


def test_folded_characters_keep_their_original_surface() -> None:
    tokens = tokenize("（１）ＡＢＣ")
    assert "".join(m.surface for m in tokens) == "（１）ＡＢＣ"
    assert [m.lemma for m in tokens] == ["（", "1", "）", "ABC"]  # MeCab read the folded text


def test_a_repeated_sentence_is_parsed_once_and_keeps_its_own_text() -> None:
    """Repeats reuse the remembered parse (``_parse``, a bounded LRU cache); a sentence that
    only normalizes to a remembered one (full-width vs ASCII) still gets its own surfaces."""
    from framing.tokens import PARSE_CACHE_LENGTH, PARSE_CACHE_SIZE, _remembered

    assert _remembered.cache_info().maxsize == PARSE_CACHE_SIZE
    first = tokenize("■関連記事（２０２６年）は「こちら」。")
    hits = _remembered.cache_info().hits
    text = "前置き。■関連記事（２０２６年）は「こちら」。■関連記事(2026年)は「こちら」。"
    again = tokenize(text)
    assert _remembered.cache_info().hits >= hits + 2
    assert all(text[m.start : m.end] == m.surface for m in again)
    first_fields = [(m.surface, m.lemma, m.pos) for m in first]
    second = [(m.surface, m.lemma, m.pos) for m in again if m.sentence == 1]
    assert second == first_fields
    third = [m for m in again if m.sentence == 2]
    assert [m.lemma for m in third] == [m.lemma for m in first]
    assert "".join(m.surface for m in third) == "■関連記事(2026年)は「こちら」。"
    # a long sentence is parsed every time: the cache stays small whatever the input
    size = _remembered.cache_info().currsize
    long = "長い" * PARSE_CACHE_LENGTH + "文。"
    assert tokenize(long) == tokenize(long)
    assert _remembered.cache_info().currsize == size


def test_feature_fields_split_as_csv() -> None:
    """UniDic quotes a field that holds a comma or a double quote; ``%H`` prints it so."""
    from framing.tokens import _split_feature

    assert _split_feature("名詞,普通名詞,一般,*,*,*") == ["名詞", "普通名詞", "一般", "*", "*", "*"]
    assert _split_feature('補助記号,読点,*,*,*,*,,",",","') == [
        *["補助記号", "読点", "*", "*", "*", "*", ""],
        *[",", ","],
    ]
    assert _split_feature('a,"x""y","",b,') == ["a", 'x"y', "", "b", ""]
    comma = tokenize("東京,大阪")[1]
    assert (comma.surface, comma.lemma, comma.orth_base) == (",", ",", ",")
