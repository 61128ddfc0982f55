"""Static detection of regexes that may backtrack catastrophically (no timed tests)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from framing.lexicon import default_lexicon_paths
from framing.regex_safety import backtracking_risk

NESTED = "nested quantifier"
BRANCHES = "repeated alternation with overlapping branches"


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        # the classic exponential shapes
        ("(a+)+", NESTED),
        ("(a*)*", NESTED),
        ("(a+)*b", NESTED),
        ("(?:a+?)+", NESTED),
        ("(.*a){10}", NESTED),
        ("(a{1,5})+", NESTED),
        ("(\\w+\\s?)+$", NESTED),
        ("x(?:[ab]+c)+", NESTED),  # conservative: refused though it would run fast
        ("(?=(a+)+)", NESTED),
        ("(a|aa)+", BRANCHES),
        ("(a|b|ab)*", BRANCHES),
        ("((a|ab)c)+", BRANCHES),
        ("(x|)+", BRANCHES),
        ("(?:a|\\b)+", BRANCHES),
        ("(?:ab|\\wc){2,}", BRANCHES),
        # safe: no repeat holds a variable quantifier or overlapping alternatives
        ("連用形.*", None),
        ("連用形-ニ|連体形.*", None),
        ("さ|せ", None),
        ("(?:さ|せ)+", None),
        ("(a|b)+", None),
        ("(?:ab|ac)+", None),
        ("(\\d|\\w)+", None),  # a character class: one character per round, no backtracking
        ("(a{3})+", None),
        ("(a+)?", None),
        ("(a+){1}", None),
        (".*.*", None),  # polynomial only, and lexicon strings are short
        # atomic groups and possessive quantifiers never give back what they matched
        ("(?>a+)+", None),
        ("(a++)+", None),
        ("(?:a*+b)*", None),
        # not a regex at all: the compiler reports it
        ("(", None),
        ("a{2,1}", None),
    ],
)
def test_backtracking_risk(regex: str, expected: str | None) -> None:
    risk = backtracking_risk(regex)
    if expected is None:
        assert risk is None
    else:
        assert risk is not None and risk.startswith(expected)


def _regexes(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("regex"), str):
            yield value["regex"]
        for item in value.values():
            yield from _regexes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _regexes(item)


SHIPPED_REGEXES = sorted(
    {r for path in default_lexicon_paths() for r in _regexes(yaml.safe_load(path.read_bytes()))}
)


@pytest.mark.parametrize("regex", SHIPPED_REGEXES)
def test_shipped_regexes_are_safe(regex: str) -> None:
    assert backtracking_risk(regex) is None


def test_there_are_shipped_regexes() -> None:
    assert len(SHIPPED_REGEXES) >= 5


@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")
@pytest.mark.filterwarnings("ignore:Possible set :FutureWarning")  # difference, union, …
@given(st.text(alphabet="a|()*+?{}[]\\.^$,1:=!<>-wdsb", max_size=12))
def test_any_text_gives_a_string_or_none(regex: str) -> None:
    risk = backtracking_risk(regex)
    assert risk is None or isinstance(risk, str)
    if risk is not None:
        re.compile(regex)  # a risk is only reported for a valid regex
