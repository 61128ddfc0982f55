"""Display names and colours of the signal families and categories, in Japanese and English.

The one place for them: reports, charts, the Jupyter view and notebooks read them here. (The
worksheets for students word categories for learners, in ``framing.exercise.codebook``.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

__all__ = [
    "CATEGORY_LABELS",
    "FAMILIES",
    "LANGS",
    "OTHER_FAMILY",
    "Family",
    "Lang",
    "category_colour",
    "category_family",
    "category_label",
    "category_order",
    "check_lang",
]

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


@dataclass(frozen=True, slots=True)
class Family:
    """A signal family: its display names and its colour in every chart, chip and highlight."""

    ja: str
    en: str
    colour: str


FAMILIES: Mapping[str, Family] = MappingProxyType(
    {
        # Okabe–Ito colour-blind-safe palette.
        "hedge": Family("ヘッジ", "Hedge", "#0072B2"),
        "booster": Family("強調", "Booster", "#D55E00"),
        "question": Family("疑問", "Question", "#CC79A7"),
        "engagement": Family("呼びかけ", "Engagement", "#009E73"),
        "frame": Family("フレーム", "Frame", "#E69F00"),
        "attribution": Family("帰属", "Attribution", "#56B4E9"),
        "style": Family("文体", "Style", "#666666"),
    }
)

OTHER_FAMILY = Family("その他", "Other", "#999999")
"""The family of categories no lexicon of framing declares (custom lexicons)."""

CATEGORY_LABELS: Mapping[str, Mapping[Lang, str]] = MappingProxyType(
    {
        "hedge.reportative": {"ja": "伝聞ヘッジ", "en": "Reportative hedge"},
        "hedge.inferential": {"ja": "推定ヘッジ", "en": "Inferential hedge"},
        "hedge.epistemic": {"ja": "可能性ヘッジ", "en": "Epistemic hedge"},
        "booster": {"ja": "確信の強調", "en": "Booster"},
        "question.rhetorical": {"ja": "修辞疑問", "en": "Rhetorical question"},
        "question.genuine": {"ja": "情報を求める疑問", "en": "Genuine question"},
        "engagement": {"ja": "読者への呼びかけ", "en": "Reader engagement"},
        "frame.sovereignty": {"ja": "主権フレーム", "en": "Sovereignty frame"},
        "frame.justice": {"ja": "司法フレーム", "en": "Justice frame"},
        "frame.economic": {"ja": "経済フレーム", "en": "Economic frame"},
        "frame.humanitarian": {"ja": "人道フレーム", "en": "Humanitarian frame"},
        "frame.military": {"ja": "軍事フレーム", "en": "Military frame"},
        "attribution": {"ja": "発言の帰属", "en": "Attribution"},
        "style.nominal_ending": {"ja": "体言止め", "en": "Nominal ending"},
        "style.agentless_passive": {"ja": "動作主のない受動", "en": "Agentless passive"},
    }
)
"""Display names of the 15 codebook categories. The one-category families (booster,
engagement, attribution) are keyed by the family name, and :func:`category_label` maps any
``booster.*`` id to the booster label, so the lexicon may name them either way."""


def category_family(category: str) -> str:
    """Return the family of a category id (the part before the first dot)."""
    return category.split(".", 1)[0]


def category_label(category: str, lang: Lang = "ja") -> str:
    """Return the display name of a codebook category.

    Parameters
    ----------
    category:
        A category id such as ``hedge.reportative``.
    lang:
        ``"ja"`` or ``"en"``.

    Returns
    -------
    str
        The display name (``伝聞ヘッジ``); for an id of a one-category family
        (``booster.certainty``) the family's category label; otherwise the id itself.
    """
    check_lang(lang)
    labels = CATEGORY_LABELS.get(category) or CATEGORY_LABELS.get(category_family(category))
    return labels[lang] if labels is not None else category


def _family(category: str) -> Family:
    return FAMILIES.get(category_family(category), OTHER_FAMILY)


def category_colour(category: str) -> str:
    """Return the colour (``#rrggbb``) of a category's family; grey for unknown families."""
    return _family(category).colour


def category_order(categories: Iterable[str]) -> list[str]:
    """Codebook order first, then any other categories alphabetically."""
    known = list(CATEGORY_LABELS)
    present = set(categories)
    ordered = [c for c in known if c in present]
    rest = sorted(
        present - set(ordered),
        key=lambda c: (
            known.index(category_family(c)) if category_family(c) in known else len(known),
            c,
        ),
    )
    return ordered + rest


def check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang {lang!r} is not supported; use one of {list(LANGS)}")
