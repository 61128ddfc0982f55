"""Detect framing signals in analysed documents: lexicon rules plus their sentence context.

Families are matched in lexicon order, question first, so that rules of later families can
ask whether their sentence is a question. Within a family overlapping matches resolve to
the longest (then the earliest); different families may overlap (a sentence can carry a
hedge and a frame on the same words). Frames are independent lenses, so they resolve per
category: 侵攻 evokes both the sovereignty and the military frame.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from framing.document import Document
from framing.lexicon import Lexicon, Rule
from framing.rules import Pattern
from framing.sentences import Sentence, split_sentences
from framing.tokens import Morpheme, TokenArrays, tokenize_arrays

__all__ = ["Analysis", "Hit", "analyze_document", "detect", "detect_text"]

_OPEN_QUOTES = {"「": "」", "『": "』", "“": "”", '"': '"'}
#: A work's name in 「」 comes right after the kind of work (ドラマ「ヴァンパイア検事」,
#: バラエティ番組「…警察」, アプリ「QUICK投資情報館」): such a 「」 is a title, like 『』.
_WORK_BEFORE = re.compile(
    r"(?:番組|特番|ドラマ|映画|劇場版|作品|舞台|ミュージカル|小説|漫画|マンガ|連載|書籍|著書|"
    r"新刊|写真集|曲|楽曲|主題歌|新曲|シングル|アルバム|DVD|ＤＶＤ|シリーズ|ゲーム|ソフト|"
    r"アプリ|コーナー|タイトル|題名)$"
)
#: How far back from a 「 the kind of work is looked for: its longest name (ミュージカル).
_WORK_REACH = 6
#: A sentence that opens a dialogue turn: 記者「…」 or 田中さん「…」 (a short label, not ending
#: in a particle, then a quotation to the end: 国内は「静かな不安定」 is a heading, and
#: 取材先：『…』 a field), Q：, ――.
_DIALOGUE = re.compile(
    r"^(?:[^「」。、\s：:]{0,15}[^「」。、\s：:はがのとをにでへもや][「『](?=.*[」』]$)"
    r"|[QＱ][:：.]?|[-－―─—−]{1,3}|ー{2,3}|質問[:：]|記者[:：「])"
)
#: Families whose categories are independent lenses: overlaps resolve per category, so
#: 侵攻 can evoke both the sovereignty and the military frame. Other families resolve
#: overlaps across the whole family (a marker is one hedge, not two).
PER_CATEGORY_FAMILIES = frozenset({"frame"})
#: How many tokens back ``preceded_by`` / ``not_preceded_by`` patterns may start.
PRECEDING_WINDOW = 24
#: Tokens that may follow the last word of a sentence: punctuation, symbols, links, emoji.
_TRAILING_POS = ("補助記号", "記号", "空白")
#: Sources that stay unnamed (関係者 is 関係 + 者 to MeCab, so they are matched on text).
_ANONYMOUS = re.compile(r"関係者|専門家|消息筋|関係筋|情報筋|当局者|識者|周辺|幹部|筋によると|筋は")
_SURFACE = itemgetter(0)
_LEMMA = itemgetter(1)
_QUOTE_EVENTS = re.compile(
    "[" + re.escape("".join(sorted({*_OPEN_QUOTES, *_OPEN_QUOTES.values()}))) + "\\n]"
)


#: Laughter marks that close a sentence in net writing (なのかｗ, だよね笑): not content.
_LAUGHTER = frozenset({"w", "ww", "www", "wwww", "ｗ", "ｗｗ", "ｗｗｗ", "ｗｗｗｗ", "笑"})


def _trailing(m: Morpheme) -> bool:
    return m.kind != "word" or m.pos1 in _TRAILING_POS or m.surface in _LAUGHTER


_CLOSE_TAG = {"）": "（", ")": "(", "＞": "＜", "】": "【"}
_JAPANESE = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u3400-\u9fff]")


#: Labels that end in ： but name a field, not a speaker (価格：3万円).
_FIELD_LABELS = frozenset(
    {
        "価格",
        "料金",
        "発売日",
        "発売",
        "日時",
        "日程",
        "期間",
        "場所",
        "会場",
        "住所",
        "電話",
        "定員",
        "対象",
        "問い合わせ",
        "問合せ",
        "出典",
        "注",
        "次章",
        "URL",
        "公式サイト",
        "カテゴリ",
        "カテゴリー",
        "商品名",
        "製品名",
        "サイズ",
        "重量",
        "容量",
        "仕様",
        "主演",
        "監督",
        "脚本",
        "原作",
        "配給",
        "公開",
        "上映時間",
        "著者",
        "出版社",
        "タイトル",
        "時間",
        "内容",
        "備考",
        "条件",
        "特典",
        "締切",
        "応募",
        "参考",
        # Captions, spec and link labels seen opening lines in the tuning sets (dev6–dev29).
        "写真",
        "画像",
        "動画",
        "セット内容",
        "対象者",
        "要件",
        "アプリ名",
        "引用元",
        "関連記事",
        "togetter",
    }
)


#: Marks inside a speaker tag's name: ウィリー・ガーソン：, 良子＆麻里：.
_NAME_JOINERS = frozenset({"・", "＆", "&"})


def speaker_tag_end(tokens: Sequence[Morpheme], first: int, limit: int) -> int | None:
    """Index of the ``：`` closing a speaker tag at the start of the sentence, or ``None``.

    A tag is up to ten tokens of nouns, suffixes, brackets and the marks joining names
    (馬場（リュウジ）, 小沢コージ（以下、小沢）, Cさん, Q, 筆者, ウィリー・ガーソン, 良子＆麻里)
    followed by ``：`` and more text; field labels (価格：) and numbered
    labels (第3位：, 1：) are not tags.
    """
    depth = 0
    for k in range(first, min(limit - 1, first + 10)):
        m = tokens[k]
        if m.surface in ("：", ":") and k > first:
            label = "".join(t.surface for t in tokens[first:k])
            named = any(t.pos1 == "名詞" and t.pos2 != "数詞" for t in tokens[first:k])
            ok = named and depth == 0 and label not in _FIELD_LABELS and len(label) <= 20
            return k if ok else None
        if m.surface in ("（", "("):
            depth += 1
        elif m.surface in ("）", ")"):
            depth -= 1
        elif m.surface in _NAME_JOINERS and not depth:
            if not (k > first and _name_part(tokens[k - 1]) and _name_part(tokens[k + 1])):
                return None  # a bullet, or a field joining common nouns (外形・寸法：)
        elif m.pos1 not in ("名詞", "接尾辞", "接頭辞") and not (depth and m.pos1 == "補助記号"):
            return None
    return None


#: A word in katakana or Latin letters (a foreign name: ウィリー, ガーソン, Cindy).
_NAME_SCRIPT = re.compile(r"[\u30a1-\u30fa\u30fcＡ-Ｚａ-ｚA-Za-z]+")


def _name_part(m: Morpheme) -> bool:
    """Whether ``m`` can be part of a joined name: a proper noun or a word in katakana or
    Latin letters (ウィリー, ガーソン, 良子)."""
    return m.pos2 == "固有名詞" or _NAME_SCRIPT.fullmatch(m.surface) is not None


#: Parts of speech that make the text after a tag a spoken turn rather than a field's value.
_PREDICATES = frozenset({"動詞", "助動詞", "形容詞", "感動詞"})


def _speaker_turn(tokens: Sequence[Morpheme], first: int, limit: int) -> bool:
    """Whether the sentence is a turn of speech under a speaker tag: the tag names a person
    (野村：今年のライバルチームは？) or a predicate follows it (小西：慎重派なんですね). Spec and
    field lines (バージョン：1.2, 記事執筆：にゃんこ, CPU：1.6GHz) have neither."""
    end = speaker_tag_end(tokens, first, limit)
    if end is None:
        return False
    if any(m.pos3 == "人名" for m in tokens[first:end]):
        return True
    return any(m.pos1 in _PREDICATES for m in tokens[end + 1 : limit])


def content_end(tokens: Sequence[Morpheme], first: int, limit: int) -> int:
    """Index after the sentence's last content token.

    Trailing punctuation, links, emoji and laughter marks (ｗ, 笑) are skipped, and so is a
    trailing tag in parentheses (（画面2）, （笑）, （ユニクロ 柳井正社長）) that follows some text.
    """
    end = limit
    while True:
        while (
            end > first and _trailing(tokens[end - 1]) and tokens[end - 1].surface not in _CLOSE_TAG
        ):
            end -= 1
        if end > first and tokens[end - 1].surface in _CLOSE_TAG:
            opener = _CLOSE_TAG[tokens[end - 1].surface]
            k = end - 2
            depth = 1
            while k > first:
                surface = tokens[k].surface
                if surface == tokens[end - 1].surface:
                    depth += 1
                elif surface == opener:
                    depth -= 1
                    if depth == 0:
                        break
                k -= 1
            if k > first and depth == 0:
                end = k
                continue
            end -= 1
            continue
        return end


class Hit(NamedTuple):
    """One signal found in a document (see ``docs/tables.md`` for the table form).

    A named tuple: immutable like a frozen dataclass, and about seven times cheaper to make
    (a large corpus makes hundreds of thousands).
    """

    doc_id: str
    sentence: int
    start: int
    end: int
    signal: str
    category: str
    rule: str
    text: str
    quoted: bool
    source_named: bool | None
    sentence_text: str = ""


@dataclass
class Analysis:
    """A document with its sentences and tokens.

    The tokens are held as parallel lists (:class:`~framing.tokens.TokenArrays`): ``types``
    (per token, a shared :class:`~framing.tokens.Morpheme` whose sentence and offsets are -1),
    ``starts`` and ``ends`` (offsets), and ``bounds`` (the token index range of each sentence).
    :attr:`tokens` gives them as whole :class:`~framing.tokens.Morpheme` records.
    """

    document: Document
    sentences: list[Sentence]
    types: list[Morpheme]
    starts: list[int]
    ends: list[int]
    bounds: list[tuple[int, int]]

    def words(self, sentence: int) -> set[str]:
        """The lemmas and surfaces of a sentence's tokens (computed once per sentence), to
        test :attr:`~framing.rules.Pattern.anchors`."""
        known = self._words
        found = known.get(sentence)
        if found is None:
            first, limit = self.bounds[sentence]
            found = known[sentence] = _words(self.types[first:limit])
        return found

    @cached_property
    def _words(self) -> dict[int, set[str]]:
        return {}

    @cached_property
    def tokens(self) -> list[Morpheme]:
        """Every token as a :class:`~framing.tokens.Morpheme` with its sentence and offsets."""
        arrays = TokenArrays(self.types, self.starts, self.ends, self.bounds)
        return arrays.morphemes(self.sentences)

    @cached_property
    def interview(self) -> bool:
        """Whether the document is an interview or round-table transcript.

        Two or more turns marked as dialogue (――…, Q：…, 記者「…」, 小西：…) make it one; then
        a sentence without a marker is most likely someone answering, not the writer. Spec
        and field lines (バージョン：1.2, 記事執筆：…) are no turns (:func:`_speaker_turn`).
        """
        turns = 0
        for sentence, (first, limit) in zip(self.sentences, self.bounds, strict=True):
            if _DIALOGUE.match(sentence.text) or _speaker_turn(self.types, first, limit):
                turns += 1
                if turns >= 2:
                    return True
        return False

    @cached_property
    def quote_depth(self) -> list[int]:
        """Per character of the text: 1 inside 「」『』“”"" quotes, else 0; 2 inside a title:
        『』, or 「」 right after the kind of work (ドラマ「…」, アプリ「…」)."""
        text = self.document.text
        depth = [0] * (len(text) + 1)
        stack: list[tuple[str, bool]] = []  # (closing mark awaited, whether a title opened it)
        plain = 0  # the depth of an ordinary character in the current state
        done = 0  # characters before this index have their depth
        # Only quote marks and line breaks change the state: jump from one to the next and
        # fill the ordinary characters between them in one slice.
        for match in _QUOTE_EVENTS.finditer(text):
            i = match.start()
            if plain and i > done:
                depth[done:i] = [plain] * (i - done)
            char = match.group()
            if stack and char == stack[-1][0]:
                stack.pop()
                depth[i] = 1 if not stack else depth[i - 1]
            elif char in _OPEN_QUOTES and not (char == '"' and stack and stack[-1][0] == '"'):
                title = char == "『" or (
                    char == "「"
                    and _WORK_BEFORE.search(text, max(0, i - _WORK_REACH), i) is not None
                )
                stack.append((_OPEN_QUOTES[char], title))
                depth[i] = 2 if title else 1
            else:
                if char == "\n":
                    stack.clear()
                depth[i] = _depth(stack)
            plain = _depth(stack)
            done = i + 1
        if plain and len(text) > done:
            depth[done : len(text)] = [plain] * (len(text) - done)
        return depth

    def quoted(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside quotes."""
        return any(self.quote_depth[start : max(start + 1, end)])

    def in_title(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside a title (see :attr:`quote_depth`)."""
        return min(self.quote_depth[start : max(start + 1, end)]) == 2


def _depth(stack: list[tuple[str, bool]]) -> int:
    """The depth of a character inside the open quotes ``stack`` (see ``quote_depth``)."""
    if not stack:
        return 0
    return 2 if any(title for _, title in stack) else 1


def analyze_document(document: Document) -> Analysis:
    """Split a document into sentences and tokens."""
    sentences = split_sentences(document.text)
    return Analysis(document, sentences, *tokenize_arrays(document.text, sentences))


class _SentenceContext:
    """Lazily computed facts about one sentence that rules may ask for.

    (Plain attributes, not ``functools.cached_property``: one context is made per sentence
    with a match, and Python 3.11's cached_property takes a lock on every first access.)
    """

    __slots__ = (
        "_content_end",
        "_dialogue",
        "_japanese",
        "_transcript",
        "analysis",
        "first",
        "index",
        "limit",
        "questions",
        "sentence",
    )

    def __init__(self, analysis: Analysis, index: int, questions: set[int]) -> None:
        self.analysis = analysis
        self.index = index
        self.questions = questions
        self.first, self.limit = analysis.bounds[index]
        self.sentence = analysis.sentences[index]
        self._content_end: int | None = None
        self._dialogue: bool | None = None
        self._transcript: bool | None = None
        self._japanese: bool | None = None

    @property
    def content_end(self) -> int:
        """Index after the sentence's last content token (:func:`content_end`)."""
        if self._content_end is None:
            self._content_end = content_end(self.analysis.types, self.first, self.limit)
        return self._content_end

    @property
    def dialogue(self) -> bool:
        """Quoted dialogue, an interview or Q&A turn, or a transcript turn (Name：…)."""
        if self._dialogue is None:
            self._dialogue = _DIALOGUE.match(self.sentence.text) is not None or self.transcript
        return self._dialogue

    @property
    def transcript(self) -> bool:
        """Whether the sentence opens with a speaker tag (小西：…, 馬場（リュウ）：…)."""
        if self._transcript is None:
            found = speaker_tag_end(self.analysis.types, self.first, self.limit)
            self._transcript = found is not None
        return self._transcript

    @property
    def japanese(self) -> bool:
        """Whether the sentence, trailing tag aside, has any kana or kanji."""
        if self._japanese is None:
            tokens = self.analysis.types[self.first : self.content_end]
            self._japanese = any(_JAPANESE.search(m.surface) for m in tokens)
        return self._japanese


def _words(tokens: Sequence[Morpheme]) -> set[str]:
    """The lemmas and surfaces of ``tokens`` (to test :attr:`~framing.rules.Pattern.anchors`)."""
    return {*map(_LEMMA, tokens), *map(_SURFACE, tokens)}


def _sequence_at(
    alternatives: list[tuple[object, int]], tokens: Sequence[Morpheme], i: int, limit: int
) -> bool:
    return any(pattern.match_at(tokens, i, limit) is not None for pattern, _ in alternatives)  # type: ignore[attr-defined]


def _preceded(alternatives: list[tuple[Pattern, int]], ctx: _SentenceContext, i: int) -> bool:
    tokens = ctx.analysis.types
    first = ctx.first
    for pattern, _length in alternatives:
        last_test, last_op = pattern.steps[-1]
        if last_op == "1" and (i <= first or not last_test(tokens[i - 1])):
            continue  # a match ending at i ends with a token that passes the last step
        words = ctx.analysis.words(ctx.index)
        if any(words.isdisjoint(values) for _, values in pattern.anchors):
            continue  # the sentence lacks a word every match has
        longest = pattern.max_length
        reach = PRECEDING_WINDOW if longest is None else longest
        lowest, highest = max(first, i - reach), i - pattern.min_length
        head = pattern.head_length
        if head is not None:
            # Fixed steps, then one ``*`` step: the tokens from the end of the fixed steps to
            # ``i`` all pass that step, so a match starts no earlier than ``head`` tokens
            # before the run of such tokens that ends at ``i``.
            k = i
            while k > lowest and last_test(tokens[k - 1]):
                k -= 1
            lowest = max(lowest, k - head)
        can_start = pattern.can_start
        for j in range(lowest, highest + 1):
            if can_start(tokens[j]) and pattern.match_at(tokens, j, i) == i:
                return True
    return False


def _conditions_hold(rule: Rule, ctx: _SentenceContext, i: int, end: int) -> bool:
    where = rule.where
    if not where:
        return True
    analysis = ctx.analysis
    tokens = analysis.types
    for key, value in where.items():
        if key == "sentence_end":
            ok = i <= ctx.content_end <= end and (
                end == ctx.content_end or all(_trailing(m) for m in tokens[end : ctx.limit])
            )
        elif key == "sentence_start":
            ok = i == ctx.first
        elif key == "question":
            ok = ctx.index in ctx.questions
        elif key == "next_is_question":
            ok = ctx.index + 1 in ctx.questions
        elif key == "dialogue":
            ok = ctx.dialogue
        elif key == "japanese":
            ok = ctx.japanese
        elif key == "transcript":
            ok = ctx.transcript
        elif key == "interview":
            ok = analysis.interview
        elif key == "quoted":
            ok = analysis.quoted(analysis.starts[i], analysis.ends[end - 1])
        elif key == "in_title":
            ok = analysis.in_title(analysis.starts[i], analysis.ends[end - 1])
        elif key == "medium":
            if analysis.document.medium != value:
                return False
            continue
        elif key == "followed_by":
            if not _sequence_at(value, tokens, end, ctx.limit):
                return False
            continue
        elif key == "not_followed_by":
            if _sequence_at(value, tokens, end, ctx.limit):
                return False
            continue
        elif key == "preceded_by":
            if not _preceded(value, ctx, i):
                return False
            continue
        elif key == "not_preceded_by":
            if _preceded(value, ctx, i):
                return False
            continue
        elif key == "sentence_has":
            if not any(test(m) for m in tokens[ctx.first : ctx.limit] for test in value):
                return False
            continue
        elif key == "sentence_lacks":
            if any(test(m) for m in tokens[ctx.first : ctx.limit] for test in value):
                return False
            continue
        else:  # pragma: no cover - validated when the lexicon loads
            raise KeyError(key)
        if ok != value:
            return False
    return True


def _source_named(analysis: Analysis, first: int, limit: int) -> bool:
    """Does the sentence name where its hedged claim comes from (警察によると, 政府の発表では)?"""
    tokens = analysis.types
    for k in range(first, limit - 1):
        m, n = tokens[k], tokens[k + 1]
        source = -1  # the index of the token naming the source
        if m.surface == "に" and n.lemma == "因る" and k > first:
            source = k - 1
        elif (
            m.lemma == "発表"
            and n.surface in ("で", "に")
            and k > first + 1
            and tokens[k - 1].surface == "の"
        ):
            source = k - 2
        if source >= 0 and tokens[source].pos1 in ("名詞", "接尾辞"):
            start = analysis.starts[max(first, k - 3)]
            name = analysis.document.text[start : analysis.ends[source]]
            if not _ANONYMOUS.search(name):
                return True
    return False


def _anonymous(analysis: Analysis, first: int, limit: int) -> bool:
    sentence = analysis.document.text[analysis.starts[first] : analysis.ends[limit - 1]]
    return _ANONYMOUS.search(sentence) is not None


def _matches(analysis: Analysis, lexicon: Lexicon) -> list[tuple[int, int, Rule, int]]:
    """Every pattern match ``(first token, end token, rule, sentence)``, conditions not yet checked.

    The candidate rules of a token depend only on its type, so they are looked up once per
    distinct type (:meth:`Lexicon.candidates`); rules that must start or end the sentence are
    tried only where they can, and rules gated on the next token only where it fits.
    """
    tokens = analysis.types
    candidates = lexicon.candidates
    known = lexicon.known_types
    end_reach = lexicon.end_reach
    found: list[tuple[int, int, Rule, int]] = []
    per_token = list(map(known.get, tokens))  # None for a type not seen before
    for s_index, (first, limit) in enumerate(analysis.bounds):
        last = content_end(tokens, first, limit)
        near_end = last - end_reach
        words: set[str] | None = None  # the sentence's lemmas and surfaces, when first needed
        for i in range(first, limit):
            rules, at_start, at_end, next_lemma, next_surface = per_token[i] or candidates(
                tokens[i]
            )
            if i == first and at_start:
                rules = at_start + rules
            if i >= near_end and at_end:
                rules = at_end + rules
            if (next_lemma or next_surface) and i + 1 < limit:
                after = tokens[i + 1]
                gated = next_lemma.get(after[1])
                if gated:
                    rules = rules + gated
                gated = next_surface.get(after[0])
                if gated:
                    rules = rules + gated
            for rule, reach, first_done, rest, anchors in rules:
                if reach and i + reach < last:
                    continue  # too far from the end of the sentence to end it
                if rest is not None:  # one token per step, the first one done: test the rest
                    j = i + 1
                    for test in rest:
                        if j >= limit or not test(tokens[j]):
                            break
                        j += 1
                    else:
                        found.append((i, j, rule, s_index))
                    continue
                if anchors:
                    if words is None:
                        words = analysis.words(s_index)
                    if any(map(words.isdisjoint, anchors)):
                        continue
                if first_done:
                    end = rule.pattern.match_from(tokens, 1, i + 1, limit)
                else:
                    end = rule.pattern.match_at(tokens, i, limit)
                if end is not None and end > i:
                    found.append((i, end, rule, s_index))
    return found


def _longest(found: list[tuple[int, int, Rule, int]]) -> list[tuple[int, int, Rule, int]]:
    """Resolve overlaps: longest first, then earliest, then rule id."""
    if len(found) == 1:
        return found
    found.sort(key=lambda f: (f[0] - f[1], f[0], f[2].qualified_id))
    taken: set[int] = set()  # tokens already covered by a kept match
    kept: list[tuple[int, int, Rule, int]] = []
    for item in found:
        span = range(item[0], item[1])
        if taken.isdisjoint(span):
            taken.update(span)
            kept.append(item)
    return kept


def detect(analysis: Analysis, lexicon: Lexicon) -> list[Hit]:
    """All signal hits in one analysed document, sorted by position then category."""
    starts, ends = analysis.starts, analysis.ends
    text = analysis.document.text
    by_family: dict[str, list[tuple[int, int, Rule, int]]] = {}
    for match in _matches(analysis, lexicon):
        by_family.setdefault(match[2].family, []).append(match)
    raw: dict[str, list[tuple[int, int, Rule, int]]] = {}
    questions: set[int] = set()
    contexts: dict[int, _SentenceContext] = {}
    for family in sorted(by_family, key=lambda f: f != "question"):
        accepted = []
        for match in by_family[family]:
            i, end, rule, s_index = match
            ctx = contexts.get(s_index)
            if ctx is None:
                ctx = contexts[s_index] = _SentenceContext(analysis, s_index, questions)
            if _conditions_hold(rule, ctx, i, end):
                accepted.append(match)
        if family in PER_CATEGORY_FAMILIES:
            by_category: dict[str, list[tuple[int, int, Rule, int]]] = {}
            for match in accepted:
                by_category.setdefault(match[2].category, []).append(match)
            raw[family] = [m for items in by_category.values() for m in _longest(items)]
        else:
            raw[family] = _longest(accepted)
        if family == "question":
            questions.update(item[3] for item in raw[family])
    hits: list[Hit] = []
    for family, items in raw.items():
        for i, end, rule, s_index in items:
            start, stop = starts[i], ends[end - 1]
            first, limit = analysis.bounds[s_index]
            named: bool | None = None
            if family == "hedge":
                named = _source_named(analysis, first, limit)
            elif family == "attribution":
                named = not (rule.anonymous or _anonymous(analysis, first, limit))
            hits.append(
                Hit(
                    analysis.document.doc_id,
                    s_index,
                    start,
                    stop,
                    family,
                    rule.category,
                    rule.qualified_id,
                    text[start:stop],
                    analysis.quoted(start, stop),
                    named,
                    analysis.sentences[s_index].text,
                )
            )
    hits.sort(key=lambda h: (h.start, h.end, h.category, h.rule))
    return hits


def detect_text(text: str, lexicon: Lexicon, *, medium: str = "article") -> list[Hit]:
    """Hits in a string (used to test rule examples)."""
    document = Document(
        doc_id="<text>", text=text, medium="tweet" if medium == "tweet" else "article"
    )
    return detect(analyze_document(document), lexicon)
