"""Signal detection (``framing.detection``): the issue's sense tests, context conditions, hits.

Named after the signals it checks; the module under test was ``framing/signals.py`` before it
became ``framing/detection.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing import detection
from framing.detection import (
    PER_CATEGORY_FAMILIES,
    Analysis,
    Hit,
    analyze_document,
    detect,
    detect_text,
)
from framing.document import Document
from framing.lexicon import Lexicon, Rule, load_lexicon
from framing.rules import Pattern


def categories(text: str, lexicon: Lexicon, *, medium: str = "article") -> set[str]:
    return {hit.category for hit in detect_text(text, lexicon, medium=medium)}


def hits_of(text: str, lexicon: Lexicon, category: str) -> list[Hit]:
    return [hit for hit in detect_text(text, lexicon) if hit.category == category]


# --- the sense tests ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["調査で事実が明らかになった。", "事実関係が明らかになりました。"])
def test_akiraka_ni_naru_is_no_booster(text: str, lexicon: Lexicon) -> None:
    assert "booster" not in categories(text, lexicon)


def test_akiraka_ni_is_a_booster(lexicon: Lexicon) -> None:
    assert "booster" in categories("それは明らかに間違いだ。", lexicon)


def test_heya_wo_senryo_is_no_sovereignty_frame(lexicon: Lexicon) -> None:
    assert "frame.sovereignty" not in categories("子供たちが部屋を占領した。", lexicon)
    assert "frame.sovereignty" in categories("米軍が首都を占領した。", lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "男らしい態度だった。",
        "彼は本当に男らしい。",
        "男らしい人だ。",
        "女らしい仕草。",
        "自分らしく生きる。",
    ],
)
def test_otokorashii_is_no_hedge(text: str, lexicon: Lexicon) -> None:
    assert not {c for c in categories(text, lexicon) if c.startswith("hedge.")}


def test_rashii_conjecture_is_a_hedge(lexicon: Lexicon) -> None:
    assert "hedge.inferential" in categories("どうやら雨らしい。", lexicon)


def test_furisouda_is_inferential_and_furusouda_reportative(lexicon: Lexicon) -> None:
    appearance = categories("明日は雨が降りそうだ。", lexicon)
    assert "hedge.inferential" in appearance
    assert "hedge.reportative" not in appearance
    hearsay = categories("明日は雨が降るそうだ。", lexicon)
    assert "hedge.reportative" in hearsay
    assert "hedge.inferential" not in hearsay


def test_iikireru_no_deshou_ka_is_a_rhetorical_question_not_a_booster(lexicon: Lexicon) -> None:
    found = categories("それでも、経済的な思惑がゼロだったと言い切れるのでしょうか。", lexicon)
    assert "question.rhetorical" in found
    assert "booster" not in found
    assert not {c for c in found if c.startswith("hedge.")}


@pytest.mark.parametrize(
    "text",
    ["『世界侵略』", "映画『世界侵略』を観た。", "連続ドラマ「ヴァンパイア検事2」に出演する。"],
)
def test_a_film_title_alone_frames_nothing(text: str, lexicon: Lexicon) -> None:
    assert not {c for c in categories(text, lexicon) if c.startswith("frame.")}


def test_the_same_word_outside_a_title_frames(lexicon: Lexicon) -> None:
    assert "frame.sovereignty" in categories("これは侵略だ。", lexicon)


def test_iikitte_ii_deshou_is_a_booster_not_a_hedge(lexicon: Lexicon) -> None:
    found = categories(
        "報復の連鎖や地域の緊張拡大も、決してゼロではないと言い切っていいでしょう。", lexicon
    )
    assert "booster" in found
    assert not {c for c in found if c.startswith("hedge.")}
    assert any(
        h.rule == "booster/iikiru"
        for h in detect_text("ゼロではないと言い切っていいでしょう。", lexicon)
    )


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("警察によると、男は容疑を認めている。", True),
        ("政府の発表では、民間人40人が死亡したとされる。", True),
        ("事件が起きたとされる。", False),
        ("一部では攻撃が続いているとされる。", False),
        ("関係者によると、交渉は難航している。", False),  # an unnamed source
        ("消息筋によれば、近く発表される見通しだ。", False),
    ],
)
def test_hedge_source_named(text: str, named: bool, lexicon: Lexicon) -> None:
    hedges = [h for h in detect_text(text, lexicon) if h.signal == "hedge"]
    assert hedges
    assert {h.source_named for h in hedges} == {named}


def test_source_named_is_none_outside_hedges_and_attribution(lexicon: Lexicon) -> None:
    for hit in detect_text("警察によると、米軍が攻撃したとされる。", lexicon):
        if hit.signal not in ("hedge", "attribution"):
            assert hit.source_named is None


@pytest.mark.parametrize(
    ("text", "named"),
    [("国連事務総長は「国際法違反だ」と述べた。", True), ("関係者は「問題ない」と話した。", False)],
)
def test_attribution_source_named(text: str, named: bool, lexicon: Lexicon) -> None:
    attributions = hits_of(text, lexicon, "attribution")
    assert attributions
    assert {h.source_named for h in attributions} == {named}


def test_quoted_flag(lexicon: Lexicon) -> None:
    (inside,) = hits_of("彼は「これは侵略だ」と述べた。", lexicon, "frame.sovereignty")
    assert inside.quoted is True
    (outside,) = hits_of("これは侵略だと彼は述べた。", lexicon, "frame.sovereignty")
    assert outside.quoted is False
    for hit in hits_of(
        "「主権侵害」「国際法違反」との強い非難が噴出している。", lexicon, "frame.sovereignty"
    ):
        assert hit.quoted is True


# --- analysis ------------------------------------------------------------------------------------


def test_analyze_document_bounds() -> None:
    document = Document(doc_id="d", text="一文目です。二文目！\n見出し")
    analysis = analyze_document(document)
    assert [s.text for s in analysis.sentences] == ["一文目です。", "二文目！", "見出し"]
    assert len(analysis.bounds) == 3
    cursor = 0
    for index, (first, limit) in enumerate(analysis.bounds):
        assert first == cursor and limit > first
        assert {m.sentence for m in analysis.tokens[first:limit]} == {index}
        cursor = limit
    assert cursor == len(analysis.tokens)


@pytest.mark.parametrize(
    ("text", "span", "quoted", "in_title"),
    [
        ("彼は「侵略だ」と述べた。", (3, 5), True, False),
        ("映画『侵略』を観た。", (3, 5), True, True),
        ("「映画『侵略』の話」だ。", (4, 6), True, True),
        ("侵略だ。", (0, 2), False, False),
        ("「閉じない\n侵略だ。", (6, 8), False, False),  # a line break closes open quotes
        ("ドラマ「侵略」を観た。", (4, 6), True, True),  # 「」 after the kind of work: a title
        ("彼は映画について「侵略だ」と述べた。", (9, 11), True, False),
    ],
)
def test_quote_depth(text: str, span: tuple[int, int], quoted: bool, in_title: bool) -> None:
    analysis = analyze_document(Document(doc_id="d", text=text))
    assert text[span[0] : span[1]] == "侵略"
    assert analysis.quoted(*span) is quoted
    assert analysis.in_title(*span) is in_title


def resolution_unit(hit: Hit) -> str:
    return hit.category if hit.signal in PER_CATEGORY_FAMILIES else hit.signal


def test_hits_over_the_seed_and_the_sample(analyses: list[Analysis], lexicon: Lexicon) -> None:
    """Offset-true, inside their sentence, sorted, no overlap within a family."""
    total = 0
    cross_family_overlap = False
    for analysis in analyses:
        hits = detect(analysis, lexicon)
        text = analysis.document.text
        assert hits == sorted(hits, key=lambda h: (h.start, h.end, h.category, h.rule))
        for hit in hits:
            assert hit.doc_id == analysis.document.doc_id
            assert text[hit.start : hit.end] == hit.text and hit.text
            sentence = analysis.sentences[hit.sentence]
            assert sentence.start <= hit.start and hit.end <= sentence.end
            assert hit.category.split(".")[0] == hit.signal
            assert hit.rule.startswith(hit.category + "/")
            assert hit.quoted == analysis.quoted(hit.start, hit.end)
            assert (hit.source_named is None) == (hit.signal not in ("hedge", "attribution"))
        for a in hits:
            for b in hits:
                if a is not b and a.start < b.end and b.start < a.end:
                    # overlaps resolve per family, or per category for independent lenses
                    assert resolution_unit(a) != resolution_unit(b), (a, b)
                    cross_family_overlap = cross_family_overlap or a.signal != b.signal
        total += len(hits)
    assert total > 1000
    assert cross_family_overlap  # とされる is a hedge and an agentless passive at once


def test_seed_signals(analyses: list[Analysis], lexicon: Lexicon) -> None:
    article = next(a for a in analyses if a.document.doc_id == "000_fcc0ace334e89954")
    found = {h.category for h in detect(article, lexicon)}
    assert found >= {
        "hedge.reportative",
        "hedge.epistemic",
        "booster",
        "question.rhetorical",
        "engagement",
        "frame.sovereignty",
        "frame.justice",
        "frame.economic",
        "frame.military",
        "style.nominal_ending",
        "style.agentless_passive",
    }


# --- context conditions, with a small lexicon of our own ------------------------------------

QUESTION = """\
family: question
version: 1
rules:
  - id: final-ka
    category: question.rhetorical
    pattern: [{lemma: か, pos2: 終助詞}]
    where: {sentence_end: true}
    examples: [本当か。]
"""


def frame_lexicon(tmp_path: Path, where: str) -> Lexicon:
    (tmp_path / "question.yaml").write_text(QUESTION, encoding="utf-8")
    frame = (
        "family: frame\nversion: 1\nrules:\n"
        "  - id: shinryaku\n    category: frame.sovereignty\n    pattern: [{lemma: 侵略}]\n"
        f"    where: {where}\n    examples: [侵略だ。]\n"
    )
    (tmp_path / "frame.yaml").write_text(frame, encoding="utf-8")
    return load_lexicon([tmp_path / "question.yaml", tmp_path / "frame.yaml"])


@pytest.mark.parametrize(
    ("where", "text", "medium", "expected"),
    [
        ("{sentence_end: true}", "これは侵略。", "article", True),
        ("{sentence_end: true}", "侵略が続く。", "article", False),
        ("{sentence_start: true}", "侵略が続く。", "article", True),
        ("{sentence_start: true}", "これは侵略。", "article", False),
        ("{quoted: true}", "彼は「侵略だ」と述べた。", "article", True),
        ("{quoted: true}", "侵略だ。", "article", False),
        ("{quoted: false}", "彼は「侵略だ」と述べた。", "article", False),
        ("{in_title: true}", "映画『侵略』を観た。", "article", True),
        ("{in_title: true}", "彼は「侵略だ」と述べた。", "article", False),
        ("{in_title: false}", "映画『侵略』を観た。", "article", False),
        ("{dialogue: true}", "記者「侵略ですか」", "article", True),
        ("{dialogue: true}", "侵略ですか。", "article", False),
        ("{question: true}", "これは侵略か。", "article", True),
        ("{question: true}", "これは侵略だ。", "article", False),
        ("{question: false}", "これは侵略か。", "article", False),
        ("{next_is_question: true}", "侵略だ。本当か。", "article", True),
        ("{next_is_question: true}", "侵略だ。本当だ。", "article", False),
        ("{preceded_by: [{lemma: 軍事}]}", "軍事侵略だ。", "article", True),
        ("{preceded_by: [{lemma: 軍事}]}", "侵略だ。", "article", False),
        ("{not_preceded_by: [{lemma: 軍事}]}", "軍事侵略だ。", "article", False),
        ("{preceded_by: [[{lemma: 経済}], [{lemma: 軍事}]]}", "軍事侵略だ。", "article", True),
        ("{followed_by: [{lemma: 行為}]}", "侵略行為だ。", "article", True),
        ("{followed_by: [{lemma: 行為}]}", "侵略だ。", "article", False),
        ("{not_followed_by: [{lemma: 者}]}", "侵略者だ。", "article", False),
        ("{not_followed_by: [{lemma: 者}]}", "侵略だ。", "article", True),
        ("{sentence_has: [{lemma: 国連}]}", "国連は侵略を非難した。", "article", True),
        ("{sentence_has: [{lemma: 国連}]}", "政府は侵略を非難した。", "article", False),
        ("{sentence_lacks: [{lemma: 映画}]}", "映画の侵略シーン。", "article", False),
        ("{sentence_lacks: [{lemma: 映画}]}", "侵略だ。", "article", True),
        ("{medium: tweet}", "侵略だ。", "tweet", True),
        ("{medium: tweet}", "侵略だ。", "article", False),
        ("{medium: article, sentence_start: true}", "侵略だ。", "article", True),
    ],
)
def test_where_conditions(
    tmp_path: Path, where: str, text: str, medium: str, expected: bool
) -> None:
    lexicon = frame_lexicon(tmp_path, where)
    assert ("frame.sovereignty" in categories(text, lexicon, medium=medium)) is expected


OVERLAPPING = """\
family: {family}
version: 1
rules:
  - {{id: kokusai, category: {first}, examples: [x], pattern: [{{lemma: 国際}}]}}
  - {{id: kokusaihou, category: {first}, examples: [x], pattern: [{{lemma: 国際}}, {{lemma: 法}}]}}
  - {{id: hou-ihan, category: {second}, examples: [x], pattern: [{{lemma: 法}}, {{lemma: 違反}}]}}
"""


def _every_match(analysis: Analysis, lexicon: Lexicon) -> list[tuple[int, int, Rule, int]]:
    """Every rule tried at every token: what the indexed matcher must find (and more)."""
    found = []
    tokens = analysis.types
    for s_index, (first, limit) in enumerate(analysis.bounds):
        for i in range(first, limit):
            for rule in lexicon.rules:
                end = rule.pattern.match_at(tokens, i, limit)
                if end is not None and end > i:
                    found.append((i, end, rule, s_index))
    return found


def test_the_rule_index_loses_no_hit(
    analyses: list[Analysis], lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Candidates by token type, gates on the next token and anchors only skip attempts
    that cannot match: the hits equal those of trying every rule at every token."""
    sample = analyses  # the seed post and the 90 livedoor articles
    indexed = [detect(a, lexicon) for a in sample]
    monkeypatch.setattr(detection, "_matches", _every_match)
    assert [detect(a, lexicon) for a in sample] == indexed
    assert sum(map(len, indexed)) > 100


def test_the_bounded_preceding_scan_loses_no_hit(
    analyses: list[Analysis], lexicon: Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``preceded_by`` / ``not_preceded_by`` patterns with a fixed head and a ``*`` tail are
    tried only from the run of tail tokens before the match: the hits equal those of trying
    every start in the window."""
    bounded = [detect(a, lexicon) for a in analyses]
    preceding = [
        item[0]
        for rule in lexicon.rules
        for key in ("preceded_by", "not_preceded_by")
        for item in rule.where.get(key, [])
    ]
    assert any(isinstance(p, Pattern) and p.head_length for p in preceding)
    monkeypatch.setattr(Pattern, "head_length", property(lambda self: None))
    assert [detect(a, lexicon) for a in analyses] == bounded


def test_longest_match_wins_within_a_family(tmp_path: Path) -> None:
    path = tmp_path / "hedge.yaml"
    path.write_text(
        OVERLAPPING.format(family="hedge", first="hedge.reportative", second="hedge.epistemic"),
        encoding="utf-8",
    )
    hits = detect_text("国際法違反だ。", load_lexicon([path]))
    # 国際 loses to the longer 国際法; 法違反 is as long but later, in the same family
    assert [(h.rule, h.text) for h in hits] == [("hedge.reportative/kokusaihou", "国際法")]


def test_frames_resolve_overlaps_per_category(tmp_path: Path, lexicon: Lexicon) -> None:
    assert "frame" in PER_CATEGORY_FAMILIES
    path = tmp_path / "frame.yaml"
    path.write_text(
        OVERLAPPING.format(family="frame", first="frame.sovereignty", second="frame.justice"),
        encoding="utf-8",
    )
    hits = detect_text("国際法違反だ。", load_lexicon([path]))
    assert [(h.rule, h.text) for h in hits] == [
        ("frame.sovereignty/kokusaihou", "国際法"),
        ("frame.justice/hou-ihan", "法違反"),
    ]
    # 侵攻 evokes both the sovereignty and the military frame
    found = categories("米軍がパナマに侵攻した。", lexicon)
    assert {"frame.sovereignty", "frame.military"} <= found


def test_interview_answers_are_not_reader_engagement() -> None:
    """In an interview (two or more marked turns) an unmarked ね answers the interviewer."""
    from framing.document import Document
    from framing.pipeline import load

    interview = Document(
        doc_id="i1", text="――撮影はどうでしたか？\n楽しかったですね。\n――次回作は？\n秘密ですよね。"
    )
    column = Document(doc_id="c1", text="各国の反応が気になりますよね。")
    corpus = load([interview, column])
    found = {(h.doc_id, h.category) for hits in corpus.hits for h in hits}
    assert ("c1", "engagement") in found
    assert ("i1", "engagement") not in found
    assert ("i1", "question.genuine") in found
    assert corpus.analyses[0].interview and not corpus.analyses[1].interview


def test_spec_lines_and_quoted_headings_do_not_make_an_interview() -> None:
    """Field lines (バージョン：1.2) and headings ending in a quotation (国内は「…」) are no
    turns of speech: a product review or a blog post with them still talks to its reader."""
    from framing.document import Document
    from framing.pipeline import load

    review = Document(
        doc_id="r1",
        text="暑い日はアウトドアが楽しいですよね！\nアプリ名：熱中症警戒計\n"
        "開発者：Takahiro Izaki\nバージョン：1.2\n記事執筆：にゃんこ",
    )
    blog = Document(
        doc_id="b1",
        text="国内は「静かな不安定」\n各国の反応が気になりますよね。\n最大の論点は「まねされる危険」\n"
        "取材先：『六本木農園』",
    )
    talk = Document(
        doc_id="t1", text="野村：今年のライバルは？\n落合：中日ですね。\n楽しみですね。"
    )
    corpus = load([review, blog, talk])
    assert [a.interview for a in corpus.analyses] == [False, False, True]
    found = {(h.doc_id, h.category) for hits in corpus.hits for h in hits}
    assert ("r1", "engagement") in found and ("b1", "engagement") in found
    assert ("t1", "engagement") not in found


def test_dialogue_openers() -> None:
    from framing.detection import _DIALOGUE

    turns = [
        "記者「いつ帰国しますか」",
        "田中さん「そうですね」",
        "母「早く寝なさい」",
        "――撮影は？",
        "Q：趣味は？",
    ]
    headings = [
        "国内は「静かな不安定」",
        "トランプ大統領の声明と「移行期の管理」",
        "取材先：『六本木農園』",
    ]
    assert all(_DIALOGUE.match(t) for t in turns)
    assert not any(_DIALOGUE.match(t) for t in headings)


def test_the_seed_article_is_no_interview() -> None:
    """Its headings end in quotations; its よね and ね address the reader."""
    from conftest import SEED

    from framing.pipeline import load

    corpus = load([SEED])
    article = corpus.analyses[0]
    assert not article.interview
    engagement = [h for h in corpus.hits[0] if h.category == "engagement"]
    assert len(engagement) >= 5


def _quote_depth_by_character(text: str) -> list[int]:
    """The definition of Analysis.quote_depth, one character at a time (the reference)."""
    from framing.detection import _OPEN_QUOTES, _WORK_BEFORE

    depth = [0] * (len(text) + 1)
    stack: list[tuple[str, bool]] = []  # (closing mark, is a title)
    for i, char in enumerate(text):
        if stack and char == stack[-1][0]:
            stack.pop()
            depth[i] = 1 if not stack else depth[i - 1]
            continue
        if char in _OPEN_QUOTES and not (char == '"' and stack and stack[-1][0] == '"'):
            title = char == "『" or (char == "「" and _WORK_BEFORE.search(text[:i]) is not None)
            stack.append((_OPEN_QUOTES[char], title))
            depth[i] = 2 if title else 1
            continue
        if char == "\n":
            stack.clear()
        depth[i] = (2 if any(title for _, title in stack) else 1) if stack else 0
    return depth


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='「」『』“”"\nあa曲', max_size=40))
def test_quote_depth_equals_its_definition(text: str) -> None:
    from framing.detection import Analysis

    analysis = Analysis(Document(doc_id="x", text=text), [], [], [], [], [])
    assert analysis.quote_depth == _quote_depth_by_character(text)


def test_numbered_labels_are_no_speaker_tags() -> None:
    """第3位：… heads an item of a ranking: its question is the writer's, not a turn's."""
    from framing.detection import detect_text

    lexicon = load_lexicon()
    ranking = detect_text("第3位：美ボディ・美肌を5分でゲット！？", lexicon)
    turn = detect_text("野村：今年のライバルは？", lexicon)
    assert "question.rhetorical" in {h.category for h in ranking}
    assert "question.rhetorical" not in {h.category for h in turn}


@pytest.mark.parametrize(
    ("text", "is_tag"),
    [
        ("小西：ふたりはかなり慎重派なんですね。", True),
        ("ウィリー・ガーソン：それはあるね。", True),
        ("良子＆麻里：その誘い方、確かに男ゴコロをくすぐるかも（笑）。", True),
        ("コリン・スコット（以下、コリン）：シーズン2も楽しんで。", True),
        ("外形・寸法：約128.5（幅）×9.4（奥行）mm", False),
        ("・価格：3万円", False),
        ("価格：3万円", False),
        ("アプリ名：簡単・おいしい！", False),
        ("togetter：イギリス軍人達による、ハリー王子全裸支援！", False),
        ("対象者：新規で携帯電話を購入した方", False),
    ],
)
def test_speaker_tags_may_join_names(text: str, is_tag: bool) -> None:
    """A name joined by ・ or ＆ (a foreign actor, two speakers) heads a turn; common nouns
    joined by ・ are a field (外形・寸法：), and a leading ・ is a bullet."""
    from framing.detection import speaker_tag_end
    from framing.tokens import tokenize

    tokens = tokenize(text)
    assert (speaker_tag_end(tokens, 0, len(tokens)) is not None) == is_tag
