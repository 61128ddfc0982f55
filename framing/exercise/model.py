"""Immutable records of an exercise: its numbered sentences, its key, and a student's answers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from framing.exercise.codebook import Lang

__all__ = ["Answers", "Exercise", "KeyAnswer", "Marker", "SheetSentence"]


@dataclass(frozen=True, slots=True)
class SheetSentence:
    """One numbered sentence of a worksheet.

    Attributes
    ----------
    number:
        1-based number on the worksheet (what students write in ``answers.csv``).
    doc_id:
        The document the sentence comes from.
    sentence:
        0-based index of the sentence within its document (as in ``framing.sentences``).
    outlet:
        The document's outlet, when known.
    text:
        The sentence as written.
    """

    number: int
    doc_id: str
    sentence: int
    outlet: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Marker:
    """One detector hit behind a key answer: the marker, the rule that found it, and its context.

    Attributes
    ----------
    text:
        The marker as written (``とされる``).
    rule:
        Id of the lexicon rule that fired (``hedge.reportative/to-sareru``).
    quoted:
        The marker lies inside quotes.
    source_named:
        Hedges: the sentence names its source; attribution: ``False`` for an anonymous
        source; ``None`` otherwise.
    """

    text: str
    rule: str
    quoted: bool
    source_named: bool | None


@dataclass(frozen=True, slots=True)
class KeyAnswer:
    """One answer of the key: sentence ``sentence`` carries ``category``, and why.

    Attributes
    ----------
    sentence:
        Worksheet number of the sentence.
    category:
        The codebook category.
    markers:
        The hits behind the answer (empty for an answer the instructor added).
    reason_ja, reason_en:
        The reason in plain words: which marker, which rule, why it counts.
    """

    sentence: int
    category: str
    markers: tuple[Marker, ...]
    reason_ja: str
    reason_en: str

    def reason(self, lang: Lang) -> str:
        """Return the reason in ``lang``, falling back to the other language when it is empty."""
        first, second = (
            (self.reason_ja, self.reason_en) if lang == "ja" else (self.reason_en, self.reason_ja)
        )
        return first or second


@dataclass(frozen=True, slots=True)
class Exercise:
    """A worksheet and its key.

    ``make_exercise`` builds one from detector output; ``read_key`` reads one back from the
    files ``write_exercise`` wrote (with the instructor's edits to ``key.csv``).

    Attributes
    ----------
    lang:
        Language of the worksheet.
    seed:
        Seed of the sample.
    signals:
        The signals asked for, as given (families or categories).
    categories:
        The categories students may use, in codebook order.
    sentences:
        The numbered sentences, numbers ``1..len(sentences)`` in order.
    answers:
        The key, sorted by sentence number then category order.
    positive_share:
        The share of sentences the sample aimed to draw from sentences carrying an asked
        category.
    """

    lang: Lang
    seed: int
    signals: tuple[str, ...]
    categories: tuple[str, ...]
    sentences: tuple[SheetSentence, ...]
    answers: tuple[KeyAnswer, ...]
    positive_share: float

    @property
    def n_sentences(self) -> int:
        """Number of sentences on the worksheet."""
        return len(self.sentences)

    def pairs(self) -> frozenset[tuple[int, str]]:
        """Return the key as a set of ``(sentence, category)`` pairs."""
        return frozenset((a.sentence, a.category) for a in self.answers)

    def answer(self, sentence: int, category: str) -> KeyAnswer | None:
        """Return the key answer for ``(sentence, category)``, or ``None``."""
        for a in self.answers:
            if a.sentence == sentence and a.category == category:
                return a
        return None

    def key_table(self) -> pd.DataFrame:
        """Return the key as a table.

        Returns
        -------
        pandas.DataFrame
            One row per key answer: ``sentence`` (worksheet number), ``category``, ``markers``
            (the marker texts joined by ``、``), ``rules`` (rule ids joined by ``;``),
            ``reason_ja``, ``reason_en``.
        """
        return pd.DataFrame(
            {
                "sentence": [a.sentence for a in self.answers],
                "category": [a.category for a in self.answers],
                "markers": ["、".join(m.text for m in a.markers) for a in self.answers],
                "rules": [";".join(m.rule for m in a.markers) for a in self.answers],
                "reason_ja": [a.reason_ja for a in self.answers],
                "reason_en": [a.reason_en for a in self.answers],
            },
            columns=["sentence", "category", "markers", "rules", "reason_ja", "reason_en"],
        )


@dataclass(frozen=True, slots=True)
class Answers:
    """One student's answers, validated against a key.

    Attributes
    ----------
    path:
        The file they were read from.
    student:
        The student's name (the file name without ``.csv`` unless ``grade`` had to
        disambiguate).
    pairs:
        The ``(sentence, category)`` pairs the student marked.
    """

    path: str
    student: str
    pairs: frozenset[tuple[int, str]]
