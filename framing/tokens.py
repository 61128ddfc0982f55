"""Morphological analysis with fugashi + unidic-lite into immutable morpheme records.

Text is normalized (:mod:`framing.normalize`) before MeCab sees it, but every morpheme keeps
offsets into the original text, so ``text[m.start:m.end] == m.surface`` always holds. URLs,
@handles, #hashtags and emoji runs are protected from MeCab and become one token each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, Literal, NamedTuple

from framing.errors import FramingError
from framing.normalize import normalize
from framing.sentences import PROTECTED, Sentence, split_sentences

__all__ = [
    "FEATURES",
    "Morpheme",
    "TokenKind",
    "dictionary_versions",
    "get_tagger",
    "tokenize",
    "tokenize_sentences",
]

TokenKind = Literal["word", "url", "handle", "hashtag", "emoji"]

#: UniDic feature fields copied into each morpheme, read by name.
FEATURES = ("lemma", "pos1", "pos2", "pos3", "pos4", "cType", "cForm", "orthBase")

_EMOJI = re.compile(
    r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u3030\u303D\u3297\u3299]"
    r"[\uFE0F\u200D\U0001F3FB-\U0001F3FF]*)+"
)
_SPECIAL = re.compile(f"{PROTECTED.pattern}|{_EMOJI.pattern}")
#: UniDic appends an English gloss to loanword lemmas (アメリカ-America, ピックアップ-pick-up,
#: キャップ-cap（帽子）); Japanese sense tags (そう-伝聞, ジム-外国) are kept.
_GLOSS = re.compile(r"^(?P<lemma>[^-]+)-[A-Za-z0-9]")


class Morpheme(NamedTuple):
    """One token (an immutable named tuple: cheap to build, compare and send between processes).

    Attributes
    ----------
    surface:
        The token as written in the original text.
    lemma:
        Dictionary form (UniDic lemma; the surface for unknown words; English glosses such as
        ``アメリカ-America`` stripped).
    pos1, pos2, pos3, pos4:
        UniDic part-of-speech levels (``*`` where empty).
    cType, cForm:
        Conjugation type and form (``*`` for words that do not conjugate).
    orth_base:
        Written base form (keeps potential forms apart: 言い切れる vs lemma 言い切る).
    sentence:
        0-based index of the sentence within the document.
    start, end:
        Offsets into the original document text.
    kind:
        ``word``, or ``url``/``handle``/``hashtag``/``emoji`` for protected tokens.
    pos:
        All POS levels joined with ``-`` (``名詞-普通名詞-一般``), empty levels dropped.
    """

    surface: str
    lemma: str
    pos1: str
    pos2: str
    pos3: str
    pos4: str
    cType: str
    cForm: str
    orth_base: str
    sentence: int
    start: int
    end: int
    kind: TokenKind = "word"
    pos: str = ""


def _join_pos(pos1: str, pos2: str, pos3: str, pos4: str) -> str:
    return "-".join(p for p in (pos1, pos2, pos3, pos4) if p and p != "*")


#: MeCab writes each morpheme as one line of the fields the rules read, so Python never builds
#: fugashi's 26-field feature tuple: surface, pos1-4, cType, cForm, lemma, orthBase (UniDic
#: fields 0-5, 7 and 10). Unknown words have only the first six fields.
_NODE_FORMAT = r"%m\t%f[0]\t%f[1]\t%f[2]\t%f[3]\t%f[4]\t%f[5]\t%f[7]\t%f[10]\n"
_UNK_FORMAT = r"%m\t%f[0]\t%f[1]\t%f[2]\t%f[3]\t%f[4]\t%f[5]\t\t\n"
#: MeCab reads C strings (a NUL would end the text) and keeps a lattice of the whole input in
#: memory: NUL is shown to it as U+2400 (␀), a lone surrogate (not encodable) as U+FFFD, each
#: one character like the original, and runs longer than this are cut into pieces.
MAX_PIECE = 4096
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE = re.compile(r"\s")


@cache
def get_tagger() -> Any:
    """The process-wide fugashi tagger (created once).

    Raises
    ------
    FramingError
        When MeCab cannot start, with what was tried and how to fix it.
    """
    try:
        import fugashi
        import unidic_lite
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise FramingError(
            f"cannot import {error.name}: "
            "install the tokenizer with `pip install fugashi unidic-lite`"
        ) from None
    try:
        return fugashi.Tagger(f'-d "{unidic_lite.DICDIR}"')
    except RuntimeError as error:  # pragma: no cover - depends on the installation
        raise FramingError(
            f"MeCab failed to start with unidic-lite at {unidic_lite.DICDIR}: {error}. "
            "If the `unidic` package is installed, uninstall it (`pip uninstall unidic`): "
            "its dictionary must be downloaded separately and fugashi prefers it over unidic-lite."
        ) from None


@cache
def _line_tagger() -> Any:
    """A MeCab tagger (same dictionary) whose ``parse`` prints one line per morpheme.

    ``get_tagger`` is not created alongside: a second tagger would map the dictionary again.
    """
    try:
        import fugashi
        import unidic_lite
    except ImportError:  # pragma: no cover - depends on the installation
        return get_tagger()  # raises the friendly error
    directory = unidic_lite.DICDIR
    return fugashi.GenericTagger(
        f'-r "{directory}/mecabrc" -d "{directory}" -O "" '
        f"'--node-format={_NODE_FORMAT}' '--unk-format={_UNK_FORMAT}' "
        r"'--bos-format=B\n' --eos-format=E"
    )


def dictionary_versions() -> dict[str, str]:
    """Versions of fugashi and unidic-lite, for methods sections and reports."""
    from importlib.metadata import version

    return {"fugashi": version("fugashi"), "unidic-lite": version("unidic-lite")}


class _FeatureCache(dict[str, tuple[str, ...]]):
    """Parsed features by MeCab's feature fields, parsed on first sight (bounded)."""

    def __missing__(self, fields: str) -> tuple[str, ...]:
        parsed = _parse_features(fields)
        if len(self) < 500_000:
            self[fields] = parsed
        return parsed


#: (lemma, pos1-4, cType, cForm, orthBase, pos) by MeCab's feature fields.
_feature_cache = _FeatureCache()


def _parse_features(fields: str) -> tuple[str, ...]:
    pos1, pos2, pos3, pos4, ctype, cform, lemma, orth_base = fields.split("\t")
    match = _GLOSS.match(lemma)
    if match:
        lemma = match["lemma"]
    return (
        lemma,
        pos1 or "*",
        pos2 or "*",
        pos3 or "*",
        pos4 or "*",
        ctype or "*",
        cform or "*",
        orth_base if orth_base and orth_base != "*" else (lemma or "*"),
        _join_pos(pos1, pos2, pos3, pos4),
    )


def _special_kind(token: str) -> TokenKind:
    if token.startswith(("http", "pic.twitter.com", "www.")):
        return "url"
    if token.startswith("@"):
        return "handle"
    if token.startswith(("#", "＃")):
        return "hashtag"
    return "emoji"


_SPECIAL_FEATURES: dict[TokenKind, tuple[str, str, str, str]] = {
    "url": ("名詞", "固有名詞", "URL", "*"),
    "handle": ("名詞", "固有名詞", "ハンドル", "*"),
    "hashtag": ("名詞", "固有名詞", "ハッシュタグ", "*"),
    "emoji": ("補助記号", "絵文字", "*", "*"),
    "word": ("*", "*", "*", "*"),
}


def _tokenize_sentence(text: str, sentence: Sentence) -> list[Morpheme]:
    parse = _line_tagger().parse
    norm = normalize(text[sentence.start : sentence.end])
    origin = norm.origin
    base = sentence.start
    out: list[Morpheme] = []

    def add_words(start: int, end: int) -> None:
        while end - start > MAX_PIECE:
            cut = _cut(norm.text, start, start + MAX_PIECE)
            add_piece(start, cut)
            start = cut
        add_piece(start, end)

    def add_piece(start: int, end: int) -> None:
        chunk = norm.text[start:end]
        if not chunk.strip():
            return
        if "\x00" in chunk:
            chunk = chunk.replace("\x00", "\u2400")
        try:
            output = parse(chunk)
        except UnicodeEncodeError:  # a lone surrogate (from code, not from the readers)
            chunk = _SURROGATE.sub("\ufffd", chunk)
            output = parse(chunk)
        position = 0
        features = _feature_cache
        append = out.append
        new = tuple.__new__
        # fugashi strips the output: the B and E lines keep the first and last morphemes whole.
        lines = output.split("\n")[1:-1]
        if (
            origin[start] == start
            and origin[end] == end
            and text[base + start : base + end] == chunk
        ):
            # The common case: normalization left this piece alone, so every surface is the
            # original text at an offset that only whitespace (which MeCab skips) moves on.
            offset = base + start
            spaced = _SPACE.search(chunk) is not None
            index = sentence.index
            for line in lines:
                surface, _, fields = line.partition("\t")
                feats = features[fields]
                if spaced:
                    found = chunk.find(surface, position)
                    if found >= 0:
                        position = found
                a = offset + position
                position += len(surface)
                place = (index, a, offset + position, "word", feats[8])
                if feats[0]:
                    append(new(Morpheme, (surface, *feats[:8], *place)))
                else:  # an unknown word: its surface is its lemma and base form
                    append(new(Morpheme, (surface, surface, *feats[1:7], surface, *place)))
            return
        for line in lines:
            surface, _, fields = line.partition("\t")
            feats = features[fields]
            found = chunk.find(surface, position)
            if found >= 0:
                position = found
            a = base + origin[start + position]
            b = base + origin[start + position + len(surface)]
            position += len(surface)
            if a == b:
                # A part of one character's expansion (⁉ -> !?, ㍻ -> 平成) that is not its last:
                # the token holding the rest takes the original character.
                continue
            place = (sentence.index, a, b, "word", feats[8])
            if feats[0]:
                append(new(Morpheme, (text[a:b], *feats[:8], *place)))
            else:  # an unknown word: its (normalized) surface is its lemma and base form
                append(new(Morpheme, (text[a:b], surface, *feats[1:7], surface, *place)))

    cursor = 0
    for match in _SPECIAL.finditer(norm.text):
        add_words(cursor, match.start())
        kind = _special_kind(match.group())
        a, b = base + origin[match.start()], base + origin[match.end()]
        pos1, pos2, pos3, pos4 = _SPECIAL_FEATURES[kind]
        surface = text[a:b]
        out.append(
            Morpheme(
                surface,
                match.group(),
                pos1,
                pos2,
                pos3,
                pos4,
                "*",
                "*",
                match.group(),
                sentence.index,
                a,
                b,
                kind,
                _join_pos(pos1, pos2, pos3, pos4),
            )
        )
        cursor = match.end()
    add_words(cursor, len(norm.text))
    return out


def _cut(text: str, start: int, stop: int) -> int:
    """Where to cut ``text[start:]`` at or before ``stop``: after the last space or
    punctuation mark in the final quarter, else at ``stop``."""
    for k in range(stop, start + (stop - start) * 3 // 4, -1):
        if text[k - 1].isspace() or text[k - 1] in "、。，．,.!?！？」』）)":
            return k
    return stop


def tokenize_sentences(text: str, sentences: Iterable[Sentence]) -> list[Morpheme]:
    """Morphemes of every sentence of ``text``, in order."""
    out: list[Morpheme] = []
    for sentence in sentences:
        out.extend(_tokenize_sentence(text, sentence))
    return out


def tokenize(text: str, sentences: Sequence[Sentence] | None = None) -> list[Morpheme]:
    """Split ``text`` into sentences (unless given) and tokenize each of them."""
    return tokenize_sentences(text, split_sentences(text) if sentences is None else sentences)
