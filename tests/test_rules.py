"""Token specs and patterns, on hand-built morphemes (the tokenizer is not under test here)."""

from __future__ import annotations

from typing import Any

import pytest

from framing.rules import SPEC_KEYS, compile_pattern, compile_spec, first_literals
from framing.tokens import Morpheme, TokenKind


def morpheme(
    surface: str,
    lemma: str | None = None,
    pos: str = "名詞-普通名詞-一般",
    *,
    cform: str = "*",
    kind: TokenKind = "word",
    sentence: int = 0,
) -> Morpheme:
    pos1, pos2, pos3, pos4 = (pos.split("-") + ["*"] * 4)[:4]
    return Morpheme(
        surface,
        lemma or surface,
        pos1,
        pos2,
        pos3,
        pos4,
        "*",
        cform,
        surface,
        sentence,
        0,
        len(surface),
        kind=kind,
        pos=pos,
    )


def tokens(*items: tuple[str, str, str]) -> list[Morpheme]:
    """Morphemes from ``(surface, lemma, pos)`` triples."""
    return [morpheme(surface, lemma, pos) for surface, lemma, pos in items]


SAID = morpheme("言っ", "言う", "動詞-一般", cform="連用形-促音便")
NOUN = morpheme("政府", "政府", "名詞-普通名詞-一般")
SA = morpheme("さ", "為る", "動詞-非自立可能", cform="未然形-サ")
URL = morpheme("https://t.co/x", "https://t.co/x", "名詞-固有名詞-URL", kind="url")
NI = morpheme("に", "だ", "助動詞", cform="連用形-ニ")


@pytest.mark.parametrize(
    ("spec", "m", "expected"),
    [
        ({"lemma": "言う"}, SAID, True),
        ({"lemma": "言う"}, NOUN, False),
        ({"surface": "言っ"}, SAID, True),
        ({"lemma": ["言う", "語る"]}, SAID, True),
        ({"lemma": ["語る", "話す"]}, SAID, False),
        ({"surface": {"regex": "さ|せ"}}, SA, True),
        ({"surface": {"regex": "さ"}}, morpheme("さす"), False),  # full match only
        ({"pos": "名詞"}, NOUN, True),  # a level prefix
        ({"pos": "名詞-普通名詞"}, NOUN, True),
        ({"pos": "名詞-普通名詞-一般"}, NOUN, True),
        ({"pos": "名詞-普通"}, NOUN, False),  # levels, not characters
        ({"pos": ["動詞", "助動詞"]}, SAID, True),
        ({"pos": ["動詞", "助動詞"]}, NOUN, False),
        ({"pos1": "名詞", "pos2": "普通名詞"}, NOUN, True),
        ({"cForm": "連用形-ニ"}, NI, True),
        ({"lemma": "だ", "not": {"cForm": "連用形-ニ"}}, NI, False),
        (
            {"lemma": "だ", "not": {"cForm": "連用形-ニ"}},
            morpheme("だ", "だ", "助動詞", cform="終止形-一般"),
            True,
        ),
        ({"kind": "url"}, URL, True),
        ({"kind": "url"}, NOUN, False),
        ({"lemma": "言う", "pos1": "名詞"}, SAID, False),  # every key must hold
        ({}, NOUN, True),
        ({"op": "?"}, NOUN, True),  # op is ignored by compile_spec
    ],
)
def test_compile_spec(spec: dict[str, Any], m: Morpheme, expected: bool) -> None:
    assert compile_spec(spec)(m) is expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"lema": "言う"}, "spec: unknown key(s) lema; allowed: "),
        ({"lemma": "言う", "regex": "x"}, "unknown key(s) regex"),
        ({"surface": {"regex": "("}}, "spec.surface: invalid regex '('"),
        ({"surface": {"regex": "a", "flags": "i"}}, "spec.surface: expected a string"),
        (
            {"lemma": 3},
            "spec.lemma: expected a string, a non-empty list of strings or {regex: ...}, got 3",
        ),
        ({"lemma": []}, "spec.lemma: expected a string"),
        ({"lemma": ["言う", 3]}, "spec.lemma: expected a string"),
        ({"pos": 3}, "spec.pos: 'pos' takes a string or a list of strings, got 3"),
        ({"pos": []}, "spec.pos: 'pos' takes"),
        ({"not": {"lema": "x"}}, "spec.not: unknown key(s) lema"),
    ],
)
def test_compile_spec_errors(spec: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        compile_spec(spec)
    assert message in str(caught.value)


def test_unknown_key_error_lists_the_allowed_keys() -> None:
    with pytest.raises(ValueError) as caught:
        compile_spec({"lema": "x"}, "rule 'a'.pattern[0]")
    message = str(caught.value)
    assert message.startswith("rule 'a'.pattern[0]: unknown key(s) lema")
    assert all(key in message for key in SPEC_KEYS)


def test_spec_must_be_a_mapping() -> None:
    with pytest.raises(ValueError, match="a token spec must be a mapping"):
        compile_spec("言う")  # type: ignore[arg-type]


# --- patterns ----------------------------------------------------------------------------

TO_SARERU = tokens(
    ("事件", "事件", "名詞-普通名詞-一般"),
    ("が", "が", "助詞-格助詞"),
    ("起き", "起きる", "動詞-一般"),
    ("た", "た", "助動詞"),
    ("と", "と", "助詞-格助詞"),
    ("も", "も", "助詞-係助詞"),
    ("さ", "為る", "動詞-非自立可能"),
    ("れる", "れる", "助動詞"),
    ("。", "。", "補助記号-句点"),
)
SARERU = [
    {"lemma": "と", "pos1": "助詞"},
    {"lemma": ["も", "は"], "op": "?"},
    {"lemma": "為る", "surface": {"regex": "さ|せ"}},
    {"lemma": ["れる", "られる"]},
]


@pytest.mark.parametrize(
    ("specs", "start", "expected"),
    [
        (SARERU, 4, 8),  # with the optional も
        (SARERU, 0, None),
        ([{"lemma": "と"}, {"lemma": "為る"}], 4, None),  # も is in the way
        ([{"lemma": "と"}, {"pos": "助詞", "op": "*"}, {"lemma": "為る"}], 4, 7),
        ([{"pos": "名詞", "op": "+"}, {"lemma": "が"}], 0, 2),
        ([{"pos": "名詞", "op": "+"}, {"lemma": "が"}], 1, None),  # + needs one
        ([{"pos": "助詞", "op": "*"}, {"lemma": "が"}], 1, 2),
        # greedy with backtracking: .* must give back a token for the last step to match
        ([{"lemma": "事件"}, {"op": "*"}, {"pos": "助動詞"}], 0, 8),
        ([{"lemma": "事件"}, {"op": "*"}, {"lemma": "た"}], 0, 4),
        ([{"lemma": "れる"}, {"lemma": "。"}], 7, 9),
    ],
)
def test_match_at(specs: list[dict[str, Any]], start: int, expected: int | None) -> None:
    pattern = compile_pattern(specs)
    assert pattern.match_at(TO_SARERU, start, len(TO_SARERU)) == expected


def test_match_never_crosses_the_sentence_limit() -> None:
    pattern = compile_pattern([{"lemma": "れる"}, {"lemma": "。"}])
    assert pattern.match_at(TO_SARERU, 7, 8) is None
    star = compile_pattern([{"lemma": "と"}, {"op": "*"}])
    assert star.match_at(TO_SARERU, 4, 6) == 6


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        ([], "a pattern is a non-empty list of token specs"),
        ("とされる", "a pattern is a non-empty list of token specs"),
        ([{"lemma": "と", "op": "!"}], "pattern[0]: op '!' is not one of ?, *, +"),
        ([{"lemma": "と", "op": "?"}, {"op": "*"}], "every step is optional"),
        ([{"lemma": "と"}, {"lema": "為る"}], "pattern[1]: unknown key(s) lema"),
        ([{"lemma": "と"}, "為る"], "pattern[1]: a token spec must be a mapping"),
    ],
)
def test_compile_pattern_errors(specs: Any, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        compile_pattern(specs)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        ([{"lemma": "と"}, {"lemma": "言う"}], ("lemma", frozenset({"と"}))),
        ([{"lemma": ["も", "は"]}], ("lemma", frozenset({"も", "は"}))),
        ([{"surface": "さ"}], ("surface", frozenset({"さ"}))),
        ([{"lemma": "と", "op": "?"}, {"lemma": "言う"}], None),
        ([{"lemma": "と", "op": "*"}, {"lemma": "言う"}], None),
        ([{"surface": {"regex": "さ|せ"}}], None),
        ([{"not": {"lemma": "と"}}], None),
        ([], None),
    ],
)
def test_first_literals(
    specs: list[dict[str, Any]], expected: tuple[str, frozenset[str]] | None
) -> None:
    assert first_literals(specs) == expected


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        ([{"lemma": "と"}, {"lemma": "言う"}], ((0, {"と"}), (1, {"言う"}))),
        (
            [{"lemma": "と", "op": "?"}, {"surface": ["いう", "言う"], "op": "+"}],
            ((1, {"いう", "言う"}),),
        ),
        ([{"lemma": "と", "op": "*"}, {"pos1": "動詞"}], ()),
        ([{"lemma": {"regex": "と|って"}}, {"not": {"lemma": "言う"}}], ()),
        ([{"lemma": "と", "surface": "と"}], ((0, {"と"}),)),
    ],
)
def test_anchors_are_the_literal_words_every_match_has(
    specs: list[dict[str, Any]], expected: tuple[tuple[int, set[str]], ...]
) -> None:
    anchors = compile_pattern(specs).anchors
    assert tuple((n, set(values)) for n, values in anchors) == expected


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        ([{"lemma": "と"}, {"lemma": "言う"}], ("lemma", {"言う"})),
        (
            [{"lemma": "と"}, {"surface": ["いう", "言う"], "op": "+"}],
            ("surface", {"いう", "言う"}),
        ),
        # leading optional steps: the second token passes whatever may follow the first
        (
            [
                {"lemma": "と", "op": "?"},
                {"lemma": ["も", "は"], "op": "?"},
                {"lemma": ["報ずる", "伝える"]},
                {"lemma": "れる"},
            ],
            ("lemma", {"も", "は", "報ずる", "伝える", "れる"}),
        ),
        (
            [{"lemma": ["を", "に"]}, {"lemma": "て", "op": "?"}, {"lemma": "語る"}],
            ("lemma", {"て", "語る"}),
        ),
        ([{"lemma": "と", "op": "+"}, {"lemma": "言う"}], ("lemma", {"と", "言う"})),
        # a match may be one token: no gate
        ([{"lemma": "と"}, {"lemma": "言う", "op": "?"}], None),
        ([{"lemma": "と", "op": "?"}, {"lemma": "言う"}], None),
        # a step the second token may pass names no lemma or surface
        ([{"lemma": "と"}, {"pos1": "名詞", "op": "?"}, {"lemma": "言う"}], None),
        ([{"lemma": "と"}, {"lemma": "も", "op": "?"}, {"surface": "いう"}], None),
    ],
)
def test_gate_is_what_the_second_token_of_every_match_has(
    specs: list[dict[str, Any]], expected: tuple[str, set[str]] | None
) -> None:
    gate = compile_pattern(specs).gate
    assert (gate if gate is None else (gate[0], set(gate[1]))) == expected


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        ([{"lemma": "に"}, {"lemma": "因る"}, {"not": {"surface": "。"}, "op": "*"}], 2),
        ([{"lemma": "に"}, {"op": "*", "not": {"surface": "。"}}], 1),
        ([{"lemma": "に"}, {"lemma": "因る"}], None),
        (
            [{"lemma": "に", "op": "?"}, {"lemma": "因る"}, {"not": {"surface": "。"}, "op": "*"}],
            None,
        ),
        ([{"lemma": "に"}, {"not": {"surface": "。"}, "op": "+"}], None),
    ],
)
def test_head_length_is_the_fixed_steps_before_a_star_tail(
    specs: list[dict[str, Any]], expected: int | None
) -> None:
    assert compile_pattern(specs).head_length == expected
