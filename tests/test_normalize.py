"""NFKC normalization that keeps a map back to the original offsets."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.normalize import EXEMPT, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＡＢＣ１２３", "ABC123"),  # full-width Latin and digits
        ("ｱﾒﾘｶ", "アメリカ"),  # half-width katakana
        ("ｶﾞｿﾘﾝ", "ガソリン"),  # half-width voiced marks compose with their base
        ("ﾊﾟｿｺﾝ", "パソコン"),
        ("ﾃﾞｨｽｸ", "ディスク"),
        ("か\u3099", "が"),  # a combining voiced mark composes too
        ("㍻", "平成"),  # compatibility characters expand
        ("㈱", "(株)"),
        ("①", "1"),
        ("\u3000", " "),  # the ideographic space becomes a space, it is not deleted
        ("ｰ", "ー"),
        ("アメリカ", "アメリカ"),
        ("「国連」は、", "「国連」は、"),  # Japanese punctuation is untouched
    ],
)
def test_folds(text: str, expected: str) -> None:
    assert normalize(text).text == expected


@pytest.mark.parametrize("char", sorted(EXEMPT))
def test_exempt_characters_are_kept(char: str) -> None:
    """… and ‥ would become full stops (MeCab's 句点); 〜 and the long vowel mark stay as is."""
    assert normalize(f"そうだ{char}ね").text == f"そうだ{char}ね"


def test_ellipsis_is_not_turned_into_full_stops() -> None:
    normalized = normalize("まさか……。")
    assert normalized.text == "まさか……。"
    assert "." not in normalized.text


def test_wave_dash_and_spaces_stay_in_place() -> None:
    """Unlike neologdn, nothing is deleted or glued."""
    text = "40人〜80人 が 亡くなった"
    assert normalize(text).text == text


def test_ascii_fast_path() -> None:
    normalized = normalize("abc 123")
    assert normalized.text == "abc 123"
    assert list(normalized.origin) == [0, 1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("text", "span", "original"),
    [
        ("㍻元年", (0, 2), (0, 1)),  # 平成 comes from ㍻
        ("㍻元年", (2, 3), (1, 2)),  # 元
        ("ｶﾞｿﾘﾝ代", (0, 1), (0, 2)),  # ガ comes from ｶﾞ
        ("ｶﾞｿﾘﾝ代", (0, 4), (0, 5)),  # ガソリン
        ("ｶﾞｿﾘﾝ代", (4, 5), (5, 6)),  # 代
        ("Ａ㈱Ｂ", (1, 4), (1, 2)),  # (株)
    ],
)
def test_to_original(text: str, span: tuple[int, int], original: tuple[int, int]) -> None:
    assert normalize(text).to_original(*span) == original


japanese = st.text(
    alphabet=st.sampled_from(
        list("あいうアイウｱｲｳｶﾞﾊﾟﾞﾟ漢字。、「」…‥〜～ー－ＡＢ１２ab12 ㍻㈱①\u3000\u3099")
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(japanese)
def test_origin_map_invariants(text: str) -> None:
    normalized = normalize(text)
    origin = normalized.origin
    assert len(origin) == len(normalized.text) + 1
    assert origin[0] == 0 if text else list(origin) == [0]
    assert origin[-1] == len(text)
    assert list(origin) == sorted(origin)  # monotone
    # Every original character is the origin of a normalized character (nothing is deleted),
    # except a combining mark composed into the character before it.
    for i in set(range(len(text))) - set(origin[:-1]):
        folded = unicodedata.normalize("NFKC", text[i])
        assert i > 0 and len(folded) == 1 and unicodedata.combining(folded), (text, i)
    # Each run of normalized characters that share an origin is the NFKC form of its original
    # characters, except for the exempt ones.
    for i in range(len(normalized.text)):
        a, b = normalized.to_original(i, i + 1)
        assert a <= b
        piece = text[origin[i] : max(b, origin[i] + 1)]
        if not set(piece) & EXEMPT:
            assert normalized.text[i] in unicodedata.normalize("NFKC", piece)


@settings(max_examples=300, deadline=None)
@given(japanese)
def test_equals_whole_string_nfkc_apart_from_exemptions(text: str) -> None:
    if set(text) & EXEMPT:
        return
    assert normalize(text).text == unicodedata.normalize("NFKC", text)
