"""The codebook categories as students see them: a name and a one-line explanation in ja and en.

The text is written once, here, from ``CODEBOOK.md`` (v1). It is data, kept in this module rather
than in a YAML file so that it ships with the package without extra package-data rules.

The codebook names sub-categories for ``hedge``, ``question``, ``frame`` and ``style``. For the
families it does not split (``booster``, ``engagement``, ``attribution``) the category ids are
whatever the detectors emit; :func:`describe` then falls back to the family's explanation, and
:func:`expand_signals` uses the family name itself when the input has no hit of the family.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from framing.errors import InputError

__all__ = [
    "CATEGORIES",
    "FAMILIES",
    "Description",
    "Lang",
    "describe",
    "expand_signals",
    "family_of",
    "suggest",
]

Lang = Literal["ja", "en"]


@dataclass(frozen=True, slots=True)
class Description:
    """How a category (or a family) is explained to students.

    Attributes
    ----------
    label_ja, label_en:
        A short name (伝聞 / hearsay).
    explain_ja, explain_en:
        One line saying what the sentence does when it carries the category.
    markers:
        A few typical markers, as written in Japanese text.
    """

    label_ja: str
    label_en: str
    explain_ja: str
    explain_en: str
    markers: tuple[str, ...]

    def label(self, lang: Lang) -> str:
        """Return the short name in ``lang``."""
        return self.label_ja if lang == "ja" else self.label_en

    def explain(self, lang: Lang) -> str:
        """Return the one-line explanation in ``lang``."""
        return self.explain_ja if lang == "ja" else self.explain_en


FAMILIES: dict[str, Description] = {
    "hedge": Description(
        "ヘッジ（断定の弱め）",
        "hedge",
        "書き手が内容を、直接は断定せずに示している。",
        "The writer presents a claim as less than directly asserted.",
        ("とされる", "とみられる", "かもしれない"),
    ),
    "booster": Description(
        "ブースター（確信の強調）",
        "booster",
        "書き手が確かさを強調している（問いの形のものは除く）。",
        "The writer stresses certainty (not when the booster is itself questioned).",
        ("明らかに", "間違いない", "必ず", "決して〜ない", "に違いない"),
    ),
    "question": Description(
        "疑問文",
        "question",
        "文そのものが問いになっている（文中に埋め込まれた問いは除く）。",
        "The sentence itself is a question (an embedded question is not).",
        ("〜でしょうか", "〜のか", "？"),
    ),
    "engagement": Description(
        "読者への語りかけ",
        "reader engagement",
        "書き手が読者に向かって語りかけている（よね・ね、あなた・皆さん、私たち、〜ましょう）。",
        "The writer turns to the reader (よね/ね, あなた/皆さん, inclusive 私たち, 〜ましょう).",
        ("気になりますよね", "皆さん", "私たち", "〜してみてください"),
    ),
    "frame": Description(
        "解釈の枠組み",
        "frame",
        "文が出来事を特定の枠組み（主権・犯罪・経済・人道・軍事）で語っている。",
        "The sentence frames events in one interpretive frame "
        "(sovereignty, justice, economy, humanitarian, military).",
        ("主権", "逮捕", "石油", "難民", "攻撃"),
    ),
    "attribution": Description(
        "発言の帰属",
        "attribution",
        "名前のある人・組織・媒体に発言させている（〜と述べた）。匿名の情報源（関係者、〜筋）も数える。",
        "A named person, body or outlet is given a voice (〜と述べた); "
        "anonymous sources (関係者, 〜筋) count too.",
        ("〜と述べた", "〜と発表した", "〜は「…」と", "関係者は〜と明かした"),
    ),
    "style": Description(
        "文体",
        "style",
        "文の形に表れる書き方の特徴。",
        "A feature of how the sentence is built.",
        ("異例中の異例。", "拘束された"),
    ),
}

CATEGORIES: dict[str, Description] = {
    "hedge.reportative": Description(
        "伝聞",
        "hearsay",
        "報道や他人の話として伝えていて、書き手自身は保証していない。",
        "The claim is passed on from reports or others; the writer does not vouch for it.",
        ("とされる", "と報じられている", "という", "〜によると", "とのことだ"),
    ),
    "hedge.inferential": Description(
        "推量（様子から）",
        "inference",
        "見た目や状況からの推測として述べている。",
        "The claim is an inference from appearances.",
        ("とみられる", "と思われる", "ようだ", "らしい", "降りそうだ"),
    ),
    "hedge.epistemic": Description(
        "可能性・不確かさ",
        "possibility",
        "可能性や不確かさを示して、言い切りを弱めている。",
        "The sentence marks possibility or uncertainty and softens the claim.",
        ("かもしれない", "可能性がある", "おそれがある", "だろう", "とは限らない"),
    ),
    "question.rhetorical": Description(
        "修辞疑問",
        "rhetorical question",
        "その場の誰にも答えを求めていない問い（自問自答、疑いを投げかける問い、読者への問いかけ）。",
        "A question that asks no one present for information "
        "(asked and answered, doubt-casting, a prompt to the reader).",
        ("本当に〜でしょうか", "〜ではないでしょうか", "あなたは、どう考えますか。"),
    ),
    "question.genuine": Description(
        "本当の質問",
        "genuine question",
        "会話やインタビューの中で、相手に本当に情報を求めている問い。",
        "A real request for information from a participant, usually in quoted dialogue.",
        ("記者「いつ帰国しますか？」",),
    ),
    "frame.sovereignty": Description(
        "主権・国際法の枠組み",
        "sovereignty frame",
        "国家の主権、領土、国際法や国際秩序、侵略・占領・内政干渉の問題として語っている。",
        "Events are framed as national sovereignty, territory, international law and order, "
        "aggression, occupation or intervention.",
        ("主権侵害", "国際法違反", "侵略", "占領", "内政干渉"),
    ),
    "frame.justice": Description(
        "犯罪・法執行の枠組み",
        "justice frame",
        "犯罪と法の執行（逮捕、起訴、裁判、警察）の問題として語っている。",
        "Events are framed as crime and law enforcement (arrest, charges, trial, police).",
        ("逮捕", "起訴", "容疑者", "裁判", "警察"),
    ),
    "frame.economic": Description(
        "経済の枠組み",
        "economic frame",
        "お金、資源、市場の問題として語っている。",
        "Events are framed in terms of money, resources and markets.",
        ("石油", "投資", "資源", "企業", "経済"),
    ),
    "frame.humanitarian": Description(
        "人道の枠組み",
        "humanitarian frame",
        "人々の苦しみや権利の問題として語っている。",
        "Events are framed in terms of people's suffering and rights.",
        ("民間人", "死者", "難民", "人権", "停電"),
    ),
    "frame.military": Description(
        "軍事の枠組み",
        "military frame",
        "武力と軍事作戦の問題として語っている。",
        "Events are framed in terms of force and military operations.",
        ("攻撃", "作戦", "米軍", "戦闘機", "空爆"),
    ),
    "style.nominal_ending": Description(
        "体言止め",
        "nominal ending",
        "文が名詞で終わり、「だ・です」や動詞がない。",
        "The sentence ends on a noun, with no copula or verb.",
        ("異例中の異例。",),
    ),
    "style.agentless_passive": Description(
        "動作主のない受け身",
        "agentless passive",
        "受け身の文で、誰がしたのかが書かれていない。",
        "A passive whose agent is left out.",
        ("拘束された", "発表された"),
    ),
}


def family_of(category: str) -> str:
    """Return the family of a category id (the part before the first dot)."""
    return category.split(".", 1)[0]


def describe(category: str) -> Description:
    """Return the description of ``category``.

    Categories that the codebook does not list (for example the single category of
    ``booster``) fall back to their family's description, with the category id as the label.
    A category of an unknown family gets a neutral description.
    """
    if category in CATEGORIES:
        return CATEGORIES[category]
    family = FAMILIES.get(family_of(category))
    if family is None:
        return Description(category, category, "", "", ())
    if category == family_of(category):
        return family
    return Description(
        family.label_ja, family.label_en, family.explain_ja, family.explain_en, family.markers
    )


def _catalogue_order(categories: Iterable[str]) -> list[str]:
    """Sort categories as the codebook lists them, unknown ones last in alphabetical order."""
    known = list(CATEGORIES)
    families = list(FAMILIES)

    def key(category: str) -> tuple[int, int, str]:
        fam = family_of(category)
        fam_rank = families.index(fam) if fam in families else len(families)
        rank = known.index(category) if category in known else len(known)
        return (fam_rank, rank, category)

    return sorted(set(categories), key=key)


def suggest(value: str, choices: Sequence[str]) -> str | None:
    """Return the choice closest to ``value``, or ``None`` when nothing is close.

    Besides spelling (``hedge.reportive``), a bare sub-category (``reportative``) and a
    category's ja/en label (``伝聞``, ``hearsay``) point to the category id.
    """
    low = value.strip().lower()
    for choice in choices:
        desc = describe(choice)
        if low in {desc.label_ja.lower(), desc.label_en.lower()} or (
            "." in choice and choice.split(".", 1)[1] == low
        ):
            return choice
    close = difflib.get_close_matches(low, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def expand_signals(signals: Sequence[str], *, observed: Iterable[str] = ()) -> tuple[str, ...]:
    """Expand family names and category ids into the list of categories of an exercise.

    Parameters
    ----------
    signals:
        Family names (``hedge``) and category ids (``hedge.reportative``), as asked.
    observed:
        The categories present in the input's hits. A family expands to its codebook
        categories plus any observed category of the family; a family with neither expands to
        the family name itself (``booster``). A category id is valid when the codebook lists it
        or it is observed.

    Returns
    -------
    tuple of str
        The categories, without duplicates, in codebook order.

    Raises
    ------
    InputError
        When ``signals`` is empty or names an unknown family or category (the message
        suggests the closest valid one and lists the allowed values).
    """
    seen = set(observed)
    valid = set(CATEGORIES) | seen
    out: list[str] = []
    for raw in signals:
        name = raw.strip()
        if not name:
            continue
        if name in FAMILIES:
            members = [c for c in valid if family_of(c) == name]
            out.extend(members or [name])
        elif name in valid:
            out.append(name)
        else:
            allowed = sorted(set(FAMILIES) | valid)
            hint = suggest(name, allowed)
            did_you = f" (did you mean {hint!r}?)" if hint else ""
            raise InputError(
                "signals",
                None,
                f"unknown signal {name!r}{did_you}; allowed: {', '.join(allowed)}",
            )
    if not out:
        raise InputError(
            "signals",
            None,
            f"no signal asked; give families or categories, e.g. {', '.join(FAMILIES)}",
        )
    return tuple(_catalogue_order(out))
