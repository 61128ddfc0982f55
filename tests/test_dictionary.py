"""Reading MeCab's compiled dictionary files (unidic-lite's sys.dic and unk.dic)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.dictionary import CompiledDictionary, DictionaryFormatError
from framing.tokens import get_tagger

unidic_lite = pytest.importorskip("unidic_lite")
DICDIR = Path(unidic_lite.DICDIR)


@pytest.fixture(scope="module")
def known() -> Iterator[CompiledDictionary]:
    dictionary = CompiledDictionary(DICDIR / "sys.dic")
    yield dictionary
    dictionary.close()


@pytest.fixture(scope="module")
def unknown() -> Iterator[CompiledDictionary]:
    dictionary = CompiledDictionary(DICDIR / "unk.dic")
    yield dictionary
    dictionary.close()



def _ids(text: str) -> list[tuple[str, bool, int, int, int]]:
    """(surface, unknown, left id, right id, cost) of each morpheme, as MeCab prints them."""
    from framing.tokens import _line_tagger

    out = []
    for line in _line_tagger().parse(text).split("\n")[1:-1]:
        surface, _, ids = line.partition("\t")
        left, right, cost = map(int, ids.lstrip("?").split(","))
        out.append((surface, ids.startswith("?"), left, right, cost))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "米国の特殊部隊がカラカスで作戦を実施したと報じられています。",
        'ｸﾞｸﾞﾚｶｽ,"x" 1,000円だって？ Caracasでｗｗｗ',  # unknown words: read in unk.dic
    ],
)
def test_features_are_those_mecab_prints(
    text: str, known: CompiledDictionary, unknown: CompiledDictionary
) -> None:
    nodes = list(get_tagger()(text))
    ids = _ids(text)
    assert len(nodes) == len(ids) > 5
    assert any(unknown_word for _, unknown_word, *_ in ids) == text.endswith("ｗｗｗ")
    for node, (surface, unknown_word, left, right, cost) in zip(nodes, ids, strict=True):
        assert node.surface == surface and node.is_unk == unknown_word
        if unknown_word:
            found = unknown.features(None, left, right, cost)
        else:
            found = known.features(surface, left, right, cost)
        assert found == [node.feature_raw], surface


def test_twins_share_surface_ids_and_cost(known: CompiledDictionary) -> None:
    [(surface, _, left, right, cost)] = _ids("鬼太郎")
    found = known.features(surface, left, right, cost)
    assert sorted(f.split(",")[7] for f in found) == ["オニタロウ", "キタロウ"]


def test_without_pread(known: CompiledDictionary, monkeypatch: pytest.MonkeyPatch) -> None:
    import framing.dictionary as module

    [(surface, _, left, right, cost)] = _ids("報じる")
    expected = known.features(surface, left, right, cost)
    monkeypatch.setattr(module, "_PREAD", None)  # as on Windows: seek and read
    assert known.features(surface, left, right, cost) == expected
    assert expected[0].startswith("動詞,一般,*,*,")


def test_threads_without_pread(known: CompiledDictionary, monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import framing.dictionary as module

    words = ["報じる", "東京", "主権", "侵攻", "明らか", "伝える", "可能", "国連"]
    lookups = [_ids(w)[0] for w in words]
    expected = [known.features(s, left, right, cost) for s, _, left, right, cost in lookups]
    monkeypatch.setattr(module, "_PREAD", None)

    def read_all(_: int) -> list[list[str]]:
        return [known.features(s, left, right, cost) for s, _, left, right, cost in lookups]

    with ThreadPoolExecutor(8) as pool:
        for found in pool.map(read_all, range(64)):
            assert found == expected


def test_absent_surface_and_ids(known: CompiledDictionary) -> None:
    [(_, _, left, right, cost)] = _ids("東京")
    assert known.features("東京", left, right, cost)
    assert known.features("東京", left, right, cost + 1) == []
    assert known.features("ぬぬぬぬぬぬぬ", left, right, cost) == []
    assert known.features("", left, right, cost) == []


def test_not_a_dictionary(tmp_path: Path) -> None:
    short = tmp_path / "short.dic"
    short.write_bytes(b"abc")
    with pytest.raises(DictionaryFormatError, match=r"short\.dic: too short"):
        CompiledDictionary(short)
    junk = tmp_path / "junk.dic"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DictionaryFormatError) as error:
        CompiledDictionary(junk)
    message = str(error.value)
    # every problem at once
    assert "junk.dic" in message and "magic number" in message and "version" in message
    assert "section sizes" in message and "charset" in message
