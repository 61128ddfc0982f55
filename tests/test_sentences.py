"""Sentence segmentation of news prose and tweets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.detection import Analysis
from framing.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation containing 。 is not split
        (
            "彼は「今日は晴れ。明日は雨。」と言った。次の文。",
            ["彼は「今日は晴れ。明日は雨。」と言った。", "次の文。"],
        ),
        ("「本当だ。」と彼は言った。次。", ["「本当だ。」と彼は言った。", "次。"]),
        ("『題名。副題。』を読んだ。", ["『題名。副題。』を読んだ。"]),
        ("（注：これは補足です。）本文です。", ["（注：これは補足です。）本文です。"]),
        ("「どうして？」「なぜ？」と聞かれた。", ["「どうして？」「なぜ？」と聞かれた。"]),
        # runs of ？！ end one sentence together
        ("本当か？！そうだ！！いや。", ["本当か？！", "そうだ！！", "いや。"]),
        ("えっ！？本当？", ["えっ！？", "本当？"]),
        ("見てね!!次。", ["見てね!!", "次。"]),
        # closing brackets, … and emoji right after the run stay with the sentence
        ("彼は言った。」そして帰った。", ["彼は言った。」", "そして帰った。"]),
        ("やった！！！😊😊 最高。", ["やった！！！😊😊", "最高。"]),
        # … is not a full stop
        ("これは…どうだろう。それで。", ["これは…どうだろう。", "それで。"]),
        ("それは……。次。", ["それは……。", "次。"]),
        ("なるほど〜。", ["なるほど〜。"]),
        # URLs are never cut, and links trailing a sentence stay with it
        (
            "詳しくは https://example.com/a?b=1&c=2 を見て。次。",
            ["詳しくは https://example.com/a?b=1&c=2 を見て。", "次。"],
        ),
        ("www.example.com?x=1!だ。", ["www.example.com?x=1!だ。"]),
        (
            "記事はこちら。https://t.co/abc pic.twitter.com/xyz",
            ["記事はこちら。https://t.co/abc pic.twitter.com/xyz"],
        ),
        ("記事はこちら。 https://t.co/abc", ["記事はこちら。 https://t.co/abc"]),
        # lines without 。 are sentences; blank lines are not
        ("見出し\n本文です。\n次の行", ["見出し", "本文です。", "次の行"]),
        (
            "1989年の今日は\n米国による「パナマ侵攻」の\n発生日。",
            ["1989年の今日は", "米国による「パナマ侵攻」の", "発生日。"],
        ),
        ("一行目\n\n  \n二行目", ["一行目", "二行目"]),
        ("「引用が閉じない。次の文。\n次の行。", ["「引用が閉じない。次の文。", "次の行。"]),
        ("Q：質問です。A：答えです。", ["Q：質問です。", "A：答えです。"]),
        # the full stop after a label that opens a line or sentence belongs to the label
        ("Q．何をしたのですか？", ["Q．何をしたのですか？"]),
        ("１．国の義援金配分\n２．送金", ["１．国の義援金配分", "２．送金"]),
        ("Q1．趣味は？", ["Q1．趣味は？"]),
        ("違います。A．はい。", ["違います。", "A．はい。"]),
        ("これで終わり．次の文．", ["これで終わり．", "次の文．"]),
        ("ABC．次．", ["ABC．", "次．"]),
        ("価格は1.5倍に。", ["価格は1.5倍に。"]),
        ("", []),
        ("   \n", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert [s.index for s in sentences] == list(range(len(expected)))
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_offsets_exclude_surrounding_spaces() -> None:
    text = "  一文目。  二文目。 "
    first, second = split_sentences(text)
    assert (first.start, first.end, first.text) == (2, 6, "一文目。")
    assert (second.start, second.end, second.text) == (8, 12, "二文目。")


def test_a_long_unclosed_bracket_run_does_not_swallow_the_line() -> None:
    text = "「" * 9 + "始まり。次の文。"
    assert len(split_sentences(text)) == 2


def test_sentences_of_the_sample(analyses: list[Analysis]) -> None:
    """Over the seed and the 90 articles: offset-true, ordered, one line each, never empty."""
    for analysis in analyses:
        text = analysis.document.text
        previous_end = 0
        for index, sentence in enumerate(analysis.sentences):
            assert sentence.index == index
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.text.strip() == sentence.text and sentence.text
            assert "\n" not in sentence.text
            assert sentence.start >= previous_end
            previous_end = sentence.end


def test_seed_sentences(analyses: list[Analysis]) -> None:
    by_id = {a.document.doc_id: a for a in analyses}
    article = [s.text for s in by_id["000_fcc0ace334e89954"].sentences]
    assert (
        "「突然ベネズエラに攻め込んで、大統領を連れていくなんて、さすがにムチャじゃないの?」"
        in article
    )
    assert "強い批判を示す国々" in article  # a heading is a sentence
    quoted = [
        s for s in article if s.startswith("内容は「大規模攻撃は成功し、マドゥロ夫妻を拘束した」")
    ]
    assert len(quoted) == 1
    tweet = [s.text for s in by_id["000_fcc0ace334e89954#tweet-4"].sentences]
    assert tweet[:3] == ["1989年の今日は", "米国による「パナマ侵攻」の", "発生日。"]
    assert tweet[-1] == "から全面返還されました。 pic.twitter.com/xKbQdvDoZf"


def _split_line_by_character(line: str, offset: int) -> Iterator[tuple[int, int]]:
    """The definition of sentences._split_line, one character at a time (the reference)."""
    from framing.sentences import (
        _CLOSERS,
        _LABEL,
        _OPENERS,
        _TERMINAL,
        _TRAILING,
        _protected_ends,
    )

    protected = _protected_ends(line)
    stack: list[str] = []
    start = i = 0
    n = len(line)
    while i < n:
        if i in protected:
            i = protected[i]
            continue
        char = line[i]
        if char in _OPENERS:
            stack.append(_OPENERS[char])
        elif stack and char == stack[-1]:
            stack.pop()
        elif char in _CLOSERS and char in stack:
            while stack and stack.pop() != char:
                pass
        elif (
            char in _TERMINAL
            and not stack
            and not (char == "．" and _LABEL.fullmatch(line, start, i))
        ):
            match = _TRAILING.match(line, i)
            end = match.end() if match else i + 1
            yield offset + start, offset + end
            start = i = end
            continue
        i += 1
        if len(stack) > 8:
            stack.clear()
    if start < n:
        yield offset + start, offset + n


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=list('。．！？!?」』）)"”「『（(“ab @x#y http://a.b/c…\n😀Q1１'), max_size=50)
)
def test_split_equals_its_definition(text: str) -> None:
    import importlib

    module = importlib.import_module("framing.sentences")  # framing.sentences is also a function
    fast = split_sentences(text)
    original = module._split_line
    module._split_line = _split_line_by_character
    try:
        reference = split_sentences(text)
    finally:
        module._split_line = original
    assert fast == reference
