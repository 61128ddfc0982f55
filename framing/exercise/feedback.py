"""Feedback for one student, sentence by sentence, in plain Japanese or English."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from typing import Literal

from framing.exercise.codebook import Lang, describe
from framing.exercise.model import Exercise
from framing.exercise.reasons import category_phrase

__all__ = ["FeedbackItem", "Outcome", "sentence_feedback"]

Outcome = Literal["correct", "missed", "wrong"]


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    """What happened to one ``(sentence, category)`` pair that the key or the student marked.

    Attributes
    ----------
    sentence:
        Worksheet number.
    category:
        The category.
    outcome:
        ``correct`` (in the key and marked), ``missed`` (in the key, not marked) or ``wrong``
        (marked, not in the key).
    message:
        The feedback in plain words, without the outcome (``outcome`` gives it): the key's
        reason (marker and rule) or, for a wrong mark, what the key has for the sentence and
        what the category means.
    """

    sentence: int
    category: str
    outcome: Outcome
    message: str


def _wrong_message(ex: Exercise, sentence: int, category: str, lang: Lang) -> str:
    expected = [a for a in ex.answers if a.sentence == sentence]
    desc = describe(category)
    phrase = category_phrase(category, lang)
    if lang == "ja":
        parts = [f"{phrase}を付けましたが、解答にはありません。"]
        if expected:
            listed = "、".join(category_phrase(a.category, lang) for a in expected)
            parts.append(f"この文の解答は{listed}です。")
        else:
            parts.append("この文には、この練習で問うカテゴリーはありません。")
        if desc.explain_ja:
            parts.append(f"「{desc.label_ja}」とは: {desc.explain_ja}")
        return "".join(parts)
    parts = [f"You marked {phrase}, but the key does not."]
    if expected:
        listed = ", ".join(category_phrase(a.category, lang) for a in expected)
        parts.append(f"The key has {listed} for this sentence.")
    else:
        parts.append("The key has none of the exercise's categories in this sentence.")
    if desc.explain_en:
        parts.append(f'"{desc.label_en}" means: {desc.explain_en}')
    return " ".join(parts)


def _message(ex: Exercise, sentence: int, category: str, outcome: Outcome, lang: Lang) -> str:
    if outcome == "wrong":
        return _wrong_message(ex, sentence, category, lang)
    answer = ex.answer(sentence, category)
    reason = answer.reason(lang) if answer is not None else ""
    phrase = category_phrase(category, lang)
    if lang == "ja":
        head = (
            f"{phrase}を正しく付けました。"
            if outcome == "correct"
            else f"この文には{phrase}があります。"
        )
        return head + reason
    head = (
        f"You rightly marked {phrase}."
        if outcome == "correct"
        else f"This sentence carries {phrase}."
    )
    return f"{head} {reason}".strip()


def sentence_feedback(
    ex: Exercise, marked: Set[tuple[int, str]], *, lang: Lang = "ja"
) -> tuple[FeedbackItem, ...]:
    """Compare a student's marks with the key, pair by pair.

    Parameters
    ----------
    ex:
        The exercise and its key.
    marked:
        The student's ``(sentence, category)`` pairs.
    lang:
        Language of the messages.

    Returns
    -------
    tuple of FeedbackItem
        One item per pair in the key or marked by the student, by sentence number then
        category order. Sentences that neither the key nor the student marked have none.
    """
    key = ex.pairs()
    items: list[FeedbackItem] = []
    for s in ex.sentences:
        for category in ex.categories:
            pair = (s.number, category)
            outcome: Outcome
            if pair in key and pair in marked:
                outcome = "correct"
            elif pair in key:
                outcome = "missed"
            elif pair in marked:
                outcome = "wrong"
            else:
                continue
            message = _message(ex, s.number, category, outcome, lang)
            items.append(FeedbackItem(s.number, category, outcome, message))
    return tuple(items)
