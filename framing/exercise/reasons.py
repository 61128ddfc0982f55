"""Plain-words reasons for key answers: which marker, which rule, why it counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framing.exercise.codebook import Lang, describe
from framing.exercise.model import Marker

__all__ = ["INSTRUCTOR_REASON", "category_phrase", "reason_text"]

INSTRUCTOR_REASON: dict[Lang, str] = {
    "ja": "教員が追加した解答です。",
    "en": "Added by the instructor.",
}


def category_phrase(category: str, lang: Lang) -> str:
    """Return a category as students read it: its label and its id.

    >>> category_phrase("hedge.reportative", "ja")
    '「伝聞」(hedge.reportative)'
    >>> category_phrase("hedge.reportative", "en")
    '"hearsay" (hedge.reportative)'
    """
    label = describe(category).label(lang)
    if lang == "ja":
        return f"「{label}」({category})"
    return f'"{label}" ({category})'


def _marker_list(markers: Sequence[Marker], lang: Lang) -> str:
    if lang == "ja":
        return "と".join(f"「{m.text}」（ルール {m.rule}）" for m in markers)
    return " and ".join(f'"{m.text}" (rule {m.rule})' for m in markers)


def reason_text(
    category: str,
    markers: Sequence[Marker],
    lang: Lang,
    *,
    rule_notes: Mapping[str, str] | None = None,
) -> str:
    """Explain why a sentence carries ``category``, in ``lang``.

    The reason names the marker(s) and the rule(s) that found them, says what the category
    means (from the codebook), notes a marker inside quotes (the codebook labels it anyway) and
    an anonymous source, and appends the lexicon's note for each rule when ``rule_notes`` has
    one (used as given, whatever its language).

    Parameters
    ----------
    category:
        The category of the answer.
    markers:
        The hits behind the answer; none for an answer the instructor added.
    lang:
        ``ja`` or ``en``.
    rule_notes:
        Rule id -> plain explanation of the rule.
    """
    if not markers:
        return INSTRUCTOR_REASON[lang]
    desc = describe(category)
    parts: list[str] = []
    if lang == "ja":
        parts.append(f"目印は{_marker_list(markers, 'ja')}。")
        if desc.explain_ja:
            parts.append(f"{desc.label_ja}: {desc.explain_ja}")
        if any(m.quoted for m in markers):
            parts.append(
                "目印は引用（「」）の中にありますが、コードブックでは引用の中でも数えます。"
            )
        if any(m.source_named is False for m in markers) and category.startswith("attribution"):
            parts.append("情報源は匿名（関係者、〜筋など）ですが、帰属として数えます。")
    else:
        parts.append(f"Marker {_marker_list(markers, 'en')}.")
        if desc.explain_en:
            parts.append(f"{desc.label_en.capitalize()}: {desc.explain_en}")
        if any(m.quoted for m in markers):
            parts.append(
                "The marker is inside quotes; the codebook labels it all the same "
                "(quoting is recorded separately)."
            )
        if any(m.source_named is False for m in markers) and category.startswith("attribution"):
            parts.append("The source is anonymous (関係者, 〜筋); it still counts as attribution.")
    notes = rule_notes or {}
    seen: set[str] = set()
    for m in markers:
        note = notes.get(m.rule)
        if note and m.rule not in seen:
            seen.add(m.rule)
            if lang == "ja":
                end = "" if note.endswith(("。", ".", "！", "？")) else "。"
                parts.append(f"ルール {m.rule} の説明: {note}{end}")
            else:
                parts.append(f"Rule {m.rule}: {note}")
    return ("" if lang == "ja" else " ").join(parts)
