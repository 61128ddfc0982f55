"""Morphological analysis with fugashi + unidic-lite into immutable morpheme records.

Text is normalized (:mod:`framing.normalize`) before MeCab sees it, but every morpheme keeps
offsets into the original text, so ``text[m.start:m.end] == m.surface`` always holds. URLs,
@handles, #hashtags and emoji runs are protected from MeCab and become one token each.
"""

from __future__ import annotations

import contextlib
import csv
import re
import sys
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal, NamedTuple

from framing.dictionary import CompiledDictionary, DictionaryFormatError
from framing.errors import FramingError
from framing.normalize import normalize
from framing.sentences import PROTECTED, PROTECTED_FIRST, Sentence, split_sentences

__all__ = [
    "FEATURES",
    "Morpheme",
    "TokenArrays",
    "TokenKind",
    "dictionary_versions",
    "get_tagger",
    "tokenize",
    "tokenize_arrays",
    "tokenize_sentences",
]

TokenKind = Literal["word", "url", "handle", "hashtag", "emoji"]

#: UniDic feature fields copied into each morpheme, read by name.
FEATURES = ("lemma", "pos1", "pos2", "pos3", "pos4", "cType", "cForm", "orthBase")

_EMOJI_START = r"\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u3030\u303D\u3297\u3299"
_EMOJI = re.compile(rf"(?:[{_EMOJI_START}][\uFE0F\u200D\U0001F3FB-\U0001F3FF]*)+")
#: URLs, handles, hashtags and emoji; the lookahead names every possible first character, so
#: the search is fast on the many sentences that have none.
_SPECIAL = re.compile(
    rf"(?=[{PROTECTED_FIRST}{_EMOJI_START}])(?:{PROTECTED.pattern}|{_EMOJI.pattern})"
)
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


#: MeCab writes each morpheme as one line: its surface and the ids that pick its dictionary
#: entry (left and right context ids, word cost; ``?`` before them marks an unknown word, whose
#: entry is in unk.dic). Python never builds fugashi's node objects or 26-field feature tuples:
#: a line is resolved once per distinct token type (``_types``), its entry's feature string
#: read from the compiled dictionary (:mod:`framing.dictionary`). The fields the rules read are
#: pos1-4, cType, cForm, lemma and orthBase (UniDic fields 0-5, 7 and 10); unknown words have
#: only the first six. The id line is a quarter as long as the feature string (``%H``): on
#: livedoor, MeCab writes and Python splits and looks up the lines of all its sentences in
#: 4.4 s instead of 5.6 s. Picking fields with ``%f[N]`` is slower than either, since MeCab
#: splits the feature again for every field of every token.
_KEY_FORMAT = r"%m\t%phl,%phr,%pw\n"
_UNKNOWN_KEY_FORMAT = r"%m\t?%phl,%phr,%pw\n"
#: Surface and feature string: where the dictionary files cannot be read (and for a line they
#: do not hold, :func:`_parse_features`).
_NODE_FORMAT = r"%m\t%H\n"
#: UniDic quotes a feature field that holds a comma or a double quote (the lemma of ``,`` is
#: ``","``), as CSV does: such a string is read with the csv module.
_FIELDS = (0, 1, 2, 3, 4, 5, 7, 10)
#: MeCab reads C strings (a NUL would end the text) and keeps a lattice of the whole input in
#: memory: NUL is shown to it as U+2400 (␀), a lone surrogate (not encodable) as U+FFFD, each
#: one character like the original, and runs longer than this are cut into pieces.
MAX_PIECE = 4096
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE = re.compile(r"\s")
_SURFACE = itemgetter(0)
#: What MeCab skips between morphemes (other whitespace, such as \r or U+3000, is a token).
_SKIPPED = re.compile("[ \t\x0b\n]+")


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
def _tagger(node_format: str, unknown_format: str) -> Any:
    """A MeCab tagger (same dictionary) whose ``parse`` prints one line per morpheme.

    ``get_tagger`` is not created alongside: each tagger maps the dictionary again.
    """
    try:
        import fugashi
        import unidic_lite
    except ImportError:  # pragma: no cover - depends on the installation
        return get_tagger()  # raises the friendly error
    directory = unidic_lite.DICDIR
    return fugashi.GenericTagger(
        f'-r "{directory}/mecabrc" -d "{directory}" -O "" '
        f"'--node-format={node_format}' '--unk-format={unknown_format}' "
        r"'--bos-format=B\n' --eos-format=E"
    )


@cache
def _dictionaries() -> tuple[CompiledDictionary, CompiledDictionary] | None:
    """unidic-lite's ``sys.dic`` and ``unk.dic``, or None when they cannot be read (MeCab then
    prints feature strings)."""
    try:
        import unidic_lite

        directory = Path(unidic_lite.DICDIR)
        return CompiledDictionary(directory / "sys.dic"), CompiledDictionary(directory / "unk.dic")
    except (ImportError, OSError, DictionaryFormatError):  # pragma: no cover - installation
        return None


def _line_tagger() -> Any:
    """The tagger whose lines :data:`_types` resolves: id lines where the dictionary files can
    be read, else feature lines."""
    if _dictionaries() is None:  # pragma: no cover - depends on the installation
        return _tagger(_NODE_FORMAT, _NODE_FORMAT)
    return _tagger(_KEY_FORMAT, _UNKNOWN_KEY_FORMAT)


def dictionary_versions() -> dict[str, str]:
    """Versions of fugashi and unidic-lite, for methods sections and reports."""
    from importlib.metadata import version

    return {"fugashi": version("fugashi"), "unidic-lite": version("unidic-lite")}


def _split_feature(feature: str) -> list[str]:
    """The fields of a UniDic feature string (CSV: a field with a comma is quoted)."""
    if '"' not in feature:
        return feature.split(",")
    return next(csv.reader([feature]))


def _type_of(line: str) -> Morpheme:
    """The token type of one line of MeCab output (surface, tab, raw feature string)."""
    surface, _, feature = line.partition("\t")
    return _morpheme(surface, feature)


def _morpheme(surface: str, feature: str) -> Morpheme:
    """The token type of ``surface`` with the UniDic feature string ``feature``."""
    fields = _split_feature(feature)
    known = len(fields) > _FIELDS[-1]  # an unknown word has its part of speech only
    chosen = [fields[k] for k in _FIELDS] if known else [*fields[:6], "", ""]
    # POS and conjugation values are a few hundred strings: share one copy of each.
    pos1, pos2, pos3, pos4, ctype, cform, lemma, orth_base = map(sys.intern, chosen)
    if lemma:
        match = _GLOSS.match(lemma)
        if match:
            lemma = match["lemma"]
        orth_base = orth_base if orth_base and orth_base != "*" else lemma
    else:  # an unknown word: its surface is its lemma and base form
        lemma = orth_base = surface
    return Morpheme(
        surface,
        lemma,
        pos1 or "*",
        pos2 or "*",
        pos3 or "*",
        pos4 or "*",
        ctype or "*",
        cform or "*",
        orth_base or "*",
        -1,
        -1,
        -1,
        "word",
        _join_pos(pos1, pos2, pos3, pos4),
    )


#: Token types kept in memory (about 0.5 KB each); further types are parsed every time.
TYPE_CACHE_SIZE = 200_000


class _Unresolved(LookupError):
    """An id line that no dictionary entry fits."""


def _resolve(line: str) -> Morpheme:
    """The token type of one id line (surface, tab, ``[?]left,right,cost``) of MeCab output.

    A few surfaces have two or three entries with the same ids and cost (names with two
    readings: 鬼太郎 オニタロウ and キタロウ; 71 of livedoor's 75,450 distinct lines). Such
    twins cost the same in every context, and MeCab keeps the first of them: its lattice
    meets them in dictionary order and keeps the first of equal costs. So does this (checked
    on all 71: the same entry as MeCab's ``%H``; tests check some of them).
    """
    dictionaries = _dictionaries()
    if dictionaries is None:  # pragma: no cover - feature lines (see _line_tagger)
        return _type_of(line)
    surface, _, ids = line.partition("\t")
    unknown = ids.startswith("?")
    left, right, cost = map(int, (ids[1:] if unknown else ids).split(","))
    known_words, unknown_words = dictionaries
    if unknown:  # unk.dic: each entry has its own ids
        features = unknown_words.features(None, left, right, cost)
    else:
        features = known_words.features(surface, left, right, cost)
    if not features:  # MeCab printed an entry the files do not hold (never seen)
        raise _Unresolved(line)
    return _morpheme(surface, features[0])


class _TypeCache(dict[str, Morpheme]):
    """Token types by MeCab output line, resolved on first sight (bounded)."""

    def __missing__(self, line: str) -> Morpheme:
        parsed = _resolve(line)
        if len(self) < TYPE_CACHE_SIZE:
            self[line] = parsed
        return parsed


#: Token types (shared :class:`Morpheme` records whose sentence, start and end are -1) by the
#: line MeCab prints for them.
_types = _TypeCache()

#: Distinct sentences whose parse is remembered (most recently used first). News repeats many
#: (link headers, credits, bylines: 12% of livedoor's characters; retweets), and a repeat
#: needs no MeCab call: the parse of a text is the same every time. Only sentences of at most
#: PARSE_CACHE_LENGTH characters are kept (nearly all repeats are), so the cache holds about
#: 10 MB on news text and never more than about 30 MB.
PARSE_CACHE_SIZE = 8192
PARSE_CACHE_LENGTH = 256


def _parse_text(chunk: str) -> tuple[Morpheme, ...]:
    """The token types MeCab finds in ``chunk``, in order (raises UnicodeEncodeError for a
    lone surrogate)."""
    # fugashi strips the output: the B and E lines keep the first and last morphemes whole.
    lines = _line_tagger().parse(chunk).split("\n")[1:-1]
    try:
        return tuple(map(_types.__getitem__, lines))
    except _Unresolved:
        return _parse_features(chunk, lines)


def _parse_features(chunk: str, lines: list[str]) -> tuple[Morpheme, ...]:
    """The token types of ``chunk`` from MeCab's feature strings, for id ``lines`` that the
    dictionary files cannot resolve (never seen: a safety net)."""
    full = _tagger(_NODE_FORMAT, _NODE_FORMAT).parse(chunk).split("\n")[1:-1]
    if len(full) != len(lines):  # pragma: no cover - MeCab is deterministic
        raise RuntimeError(f"MeCab parsed {chunk!r} two ways")
    return tuple(map(_type_of, full))


_remembered = lru_cache(maxsize=PARSE_CACHE_SIZE)(_parse_text)


def _parse(chunk: str) -> tuple[Morpheme, ...]:
    """:func:`_parse_text`, remembered for short texts."""
    return _remembered(chunk) if len(chunk) <= PARSE_CACHE_LENGTH else _parse_text(chunk)


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


class TokenArrays(NamedTuple):
    """A document's tokens as parallel lists (what detection reads; cheap to build).

    Attributes
    ----------
    types:
        Per token, its type: a :class:`Morpheme` shared by every token with the same surface
        and features, whose ``sentence``, ``start`` and ``end`` are -1.
    starts, ends:
        Per token, its offsets into the document text.
    bounds:
        Per sentence, the token index range ``(first, limit)``.
    """

    types: list[Morpheme]
    starts: list[int]
    ends: list[int]
    bounds: list[tuple[int, int]]

    def morphemes(self, sentences: Sequence[Sentence]) -> list[Morpheme]:
        """The tokens as :class:`Morpheme` records, each with its sentence and offsets.

        ``sentences`` are the sentences the tokens came from (their ``index`` is kept).
        """
        out: list[Morpheme] = []
        append = out.append
        new = tuple.__new__
        types, starts, ends = self.types, self.starts, self.ends
        for (first, limit), sentence in zip(self.bounds, sentences, strict=True):
            index = sentence.index
            for k in range(first, limit):
                t = types[k]
                append(new(Morpheme, (*t[:9], index, starts[k], ends[k], t[12], t[13])))
        return out


def _special_type(surface: str, normalized: str) -> Morpheme:
    kind = _special_kind(normalized)
    pos1, pos2, pos3, pos4 = _SPECIAL_FEATURES[kind]
    return Morpheme(
        surface,
        normalized,
        pos1,
        pos2,
        pos3,
        pos4,
        "*",
        "*",
        normalized,
        -1,
        -1,
        -1,
        kind,
        _join_pos(pos1, pos2, pos3, pos4),
    )


def _tokenize_sentence(text: str, sentence: Sentence, into: TokenArrays) -> None:
    """Append the tokens of one sentence to ``into`` (its ``bounds`` are left to the caller)."""
    norm = normalize(text[sentence.start : sentence.end])
    origin = norm.origin
    base = sentence.start
    types, starts, ends = into.types, into.starts, into.ends

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
            piece = _parse(chunk)
        except UnicodeEncodeError:  # a lone surrogate (from code, not from the readers)
            chunk = _SURROGATE.sub("\ufffd", chunk)
            piece = _parse(chunk)
        offset = base + start
        original = text[offset : base + end]
        if isinstance(origin, range) or (
            origin[start] == start and origin[end] == end and original == chunk
        ):
            # The common case: normalization kept every offset (it may have folded characters
            # one for one: （ to (, １ to 1), so a surface lies at the same offset as in the
            # original, and only the spaces MeCab skips move the offsets on.
            _add_piece(text, original, chunk, piece, offset, into)
            return
        position = 0
        for t in piece:
            surface = t[0]
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
            if text[a:b] != surface:  # the original differs from what MeCab read
                t = t._replace(surface=text[a:b])
            types.append(t)
            starts.append(a)
            ends.append(b)

    cursor = 0
    for match in _SPECIAL.finditer(norm.text):
        add_words(cursor, match.start())
        a, b = base + origin[match.start()], base + origin[match.end()]
        types.append(_special_type(text[a:b], match.group()))
        starts.append(a)
        ends.append(b)
        cursor = match.end()
    add_words(cursor, len(norm.text))


def _add_piece(
    text: str, original: str, chunk: str, piece: Sequence[Morpheme], offset: int, into: TokenArrays
) -> None:
    """Append the morphemes MeCab found in ``chunk``, the normalized form of ``original``
    (``text[offset:offset + len(original)]``), when normalization kept every offset."""
    first = len(into.starts)
    _add_offsets(chunk, piece, offset, into.starts, into.ends)
    if original != chunk:  # folded characters: surfaces are the original text
        new = tuple.__new__
        starts, ends = into.starts[first:], into.ends[first:]
        piece = [
            t if t[0] == (o := text[a:b]) else new(Morpheme, (o, *t[1:]))
            for t, a, b in zip(piece, starts, ends, strict=True)
        ]
    into.types.extend(piece)


def _add_offsets(
    chunk: str, piece: Sequence[Morpheme], offset: int, starts: list[int], ends: list[int]
) -> None:
    """Append the offsets of the morphemes MeCab found in ``chunk``, which starts at ``offset``."""
    if _SPACE.search(chunk) is None:
        bounds = list(accumulate(map(len, map(_SURFACE, piece)), initial=offset))
        starts.extend(bounds[:-1])
        ends.extend(bounds[1:])
        return
    bounds = list(accumulate(map(len, map(_SURFACE, piece)), initial=0))
    skipped = list(_SKIPPED.finditer(chunk))
    count = len(piece)
    if bounds[count] + sum(r.end() - r.start() for r in skipped) == len(chunk):
        # The surfaces are the chunk without the spaces MeCab skips, so ``bounds`` are offsets
        # with those spaces taken out: put them back, run by run.
        first = 0
        shift = offset
        for run in skipped:
            last = bisect_left(bounds, run.start() - (shift - offset), first, count)
            starts.extend([shift + b for b in bounds[first:last]])
            ends.extend([shift + b for b in bounds[first + 1 : last + 1]])
            shift += run.end() - run.start()
            first = last
        starts.extend([shift + b for b in bounds[first:count]])
        ends.extend([shift + b for b in bounds[first + 1 :]])
        return
    position = 0  # whitespace MeCab keeps as a token: find each surface in turn
    for t in piece:
        found = chunk.find(t[0], position)
        if found >= 0:
            position = found
        starts.append(offset + position)
        position += len(t[0])
        ends.append(offset + position)


def _cut(text: str, start: int, stop: int) -> int:
    """Where to cut ``text[start:]`` at or before ``stop``: after the last space or
    punctuation mark in the final quarter, else at ``stop``."""
    for k in range(stop, start + (stop - start) * 3 // 4, -1):
        if text[k - 1].isspace() or text[k - 1] in "、。，．,.!?！？」』）)":
            return k
    return stop


def tokenize_arrays(text: str, sentences: Iterable[Sentence]) -> TokenArrays:
    """The tokens of every sentence of ``text`` as parallel lists (see :class:`TokenArrays`)."""
    into = TokenArrays([], [], [], [])
    types, bounds = into.types, into.bounds
    special = _SPECIAL.search
    # MeCab parses every common sentence of the document first (one piece, every offset kept:
    # characters folded one for one at most, as add_piece in _tokenize_sentence handles it),
    # then Python places the tokens: MeCab's tables stay in the CPU caches between its calls
    # (about 3% faster on livedoor than alternating).
    parsed: list[tuple[Sentence, str, tuple[Morpheme, ...] | None]] = []
    for sentence in sentences:
        norm = normalize(sentence.text)
        chunk = norm.text
        piece = None
        if (
            isinstance(norm.origin, range)
            and len(chunk) <= MAX_PIECE
            and special(chunk) is None
            and "\x00" not in chunk
            and chunk.strip()
        ):
            with contextlib.suppress(UnicodeEncodeError):  # a lone surrogate: handled below
                piece = _parse(chunk)
        parsed.append((sentence, chunk, piece))
    for sentence, chunk, piece in parsed:
        first = len(types)
        if piece is None:  # offsets moved, a link or emoji, a long or odd sentence
            _tokenize_sentence(text, sentence, into)
        else:
            _add_piece(text, sentence.text, chunk, piece, sentence.start, into)
        bounds.append((first, len(types)))
    return into


def tokenize_sentences(text: str, sentences: Iterable[Sentence]) -> list[Morpheme]:
    """Morphemes of every sentence of ``text``, in order."""
    sentences = list(sentences)
    return tokenize_arrays(text, sentences).morphemes(sentences)


def tokenize(text: str, sentences: Sequence[Sentence] | None = None) -> list[Morpheme]:
    """Split ``text`` into sentences (unless given) and tokenize each of them."""
    return tokenize_sentences(text, split_sentences(text) if sentences is None else sentences)
