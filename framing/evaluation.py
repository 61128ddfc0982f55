"""Measure the detectors against hand-annotated sentences, next to a plain-regex baseline.

Gold files are JSONL, one sentence per line: ``doc_id``, ``sentence_text``, ``labels`` (the
codebook categories the sentence carries) and, when the annotators labelled only some
categories, ``annotated`` (those categories; the others are not scored on that sentence). A
category counts as predicted when the detector puts at least one hit of it in the sentence:
the codebook's unit is the sentence.

:func:`predict_rules` analyses each sentence on its own (a tweet's sentence as a tweet), so a
gold file is all it needs. :func:`predict_in_context` runs the detector on each sentence's
whole document, as ``framing signals`` does, and keeps the hits that lie inside the sentence:
rules that read the document (an interview's turns, a question answered in the next
sentence) then see what the annotators saw.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.detection import analyze_document, detect, detect_text
from framing.document import Document
from framing.errors import InputErrors, Problem
from framing.lexicon import CATEGORIES, Lexicon, load_lexicon

__all__ = [
    "AGGREGATES",
    "BASELINE",
    "GoldSentence",
    "evaluate",
    "evaluation_table",
    "load_gold",
    "predict_baseline",
    "predict_in_context",
    "predict_rules",
]

#: Aggregate rows: a sentence counts when it carries any category of the group.
AGGREGATES: dict[str, tuple[str, ...]] = {
    "hedge (any)": ("hedge.reportative", "hedge.inferential", "hedge.epistemic"),
    "question (any)": ("question.rhetorical", "question.genuine"),
}

#: The baseline: one regular expression per category over the raw sentence, written from the
#: codebook's marker lists with no morphology and no context.
BASELINE: dict[str, str] = {
    "hedge.reportative": r"とされ|と(?:い|言)われ|と報じられ|と伝えられ|という。|ということ|そうだ|とのこと|によると|によれば|という話|と聞|模様|との見方",
    "hedge.inferential": r"とみられ|と見られ|と思われ|と考えられ|ようだ|ようです|らしい|みたい|と推測され|と推定され",
    "hedge.epistemic": r"かもしれ|かも|可能性|おそれ|恐れ|だろう|でしょう|であろう|とは限らない|かどうかは分からない|否定できない|ゼロではない|気がする",
    "booster": r"明らか|確実|間違いな|必ず|当然|まさに|決して|紛れもな|はっきり|断言|言い切|絶対|疑いようがない|に違いない|はずだ|はずです",
    "question.rhetorical": r"(?:か|かな|の)[。]?$|[？?][」』]?$",
    "question.genuine": r"^[^「]{1,10}「.*[？?]」$",
    "engagement": r"よね|ね。|あなた|皆さん|読者|私たち|我々|ましょう|てみてください|しませんか",
    "frame.sovereignty": r"主権|国際法|国連憲章|武力行使|侵略|占領|領土|領有権|内政干渉|独立国|危険な前例",
    "frame.justice": r"法の執行|逮捕|起訴|容疑|犯罪|裁判|出廷|判決|警察|検察|指名手配|懸賞金|麻薬|正義",
    "frame.economic": r"石油|投資|資源|企業|コスト|経済",
    "frame.humanitarian": r"民間人|死者|犠牲|難民|人権|弾圧|停電|生活",
    "frame.military": r"攻撃|作戦|軍|戦闘機|制圧|空爆",
    "attribution": r"と(?:述べ|語っ|発表し|主張し|非難し)|声明を出|関係者|専門家|筋",
    "style.nominal_ending": r"[一-龯ァ-ヶー]。?$",
    "style.agentless_passive": r"[さかたなまらわがばれ]れ(?:る|た|て|ます)",
}
_COMPILED = {category: re.compile(pattern) for category, pattern in BASELINE.items()}
_URL = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")


@dataclass(frozen=True)
class GoldSentence:
    """One annotated sentence."""

    doc_id: str
    text: str
    labels: frozenset[str]
    annotated: frozenset[str] = frozenset(CATEGORIES)
    """The categories the annotators labelled (every one unless the row says otherwise)."""
    path: str = field(default="", compare=False)
    """The gold file the sentence comes from (for error messages)."""
    line: int = field(default=0, compare=False)
    """Its 1-based line in that file."""

    @property
    def medium(self) -> str:
        return "tweet" if "#tweet-" in self.doc_id else "article"


def load_gold(path: str | Path) -> list[GoldSentence]:
    """Read a gold JSONL file; link-only sentences (nothing left without URLs) are skipped.

    Raises
    ------
    InputErrors
        Listing every row whose ``labels`` or ``annotated`` name an unknown category, or
        whose ``labels`` hold a category that is not ``annotated``, with its file and line.
    """
    gold: list[GoldSentence] = []
    problems: list[Problem] = []
    known = set(CATEGORIES)
    for number, line in enumerate(Path(path).read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = str(row["sentence_text"])
        if not _URL.sub("", text).strip():
            continue
        labels = frozenset(row.get("labels", []))
        annotated = frozenset(row.get("annotated", CATEGORIES))
        for name, values in (("labels", labels), ("annotated", annotated)):
            if values - known:
                unknown = ", ".join(sorted(values - known))
                problems.append(Problem(str(path), number, f"unknown {name}: {unknown}"))
        if labels - annotated:
            extra = ", ".join(sorted(labels - annotated))
            problems.append(Problem(str(path), number, f"labels not in annotated: {extra}"))
        gold.append(GoldSentence(str(row["doc_id"]), text, labels, annotated, str(path), number))
    if problems:
        raise InputErrors(problems)
    return gold


def predict_rules(
    gold: Sequence[GoldSentence], lexicon: Lexicon | None = None
) -> list[frozenset[str]]:
    """Categories the lexicon rules find in each sentence."""
    lexicon = lexicon or load_lexicon()
    return [
        frozenset(
            hit.category for hit in detect_text(sentence.text, lexicon, medium=sentence.medium)
        )
        for sentence in gold
    ]


def predict_in_context(
    gold: Sequence[GoldSentence],
    documents: Iterable[Document],
    lexicon: Lexicon | None = None,
) -> list[frozenset[str]]:
    """Categories the lexicon rules find in each sentence, detected in its whole document.

    Each gold sentence is looked up in its document (by ``doc_id``, then its text's first
    occurrence), the document is analysed once, and a category counts when one of its hits
    lies inside the sentence.

    Raises
    ------
    InputErrors
        Listing every sentence whose document is not among ``documents`` or does not
        contain the sentence's text, with its gold file and line.
    """
    lexicon = lexicon or load_lexicon()
    by_id: dict[str, Document] = {}
    for document in documents:
        by_id.setdefault(document.doc_id, document)
    problems: list[Problem] = []
    spans: list[tuple[Document, int]] = []
    for sentence in gold:
        found_document = by_id.get(sentence.doc_id)
        where = sentence.path or "<gold>"
        if found_document is None:
            problems.append(
                Problem(where, sentence.line or None, f"no document {sentence.doc_id!r}")
            )
            continue
        start = found_document.text.find(sentence.text)
        if start < 0:
            problems.append(
                Problem(
                    where,
                    sentence.line or None,
                    f"document {sentence.doc_id!r} does not contain the sentence's text",
                )
            )
            continue
        spans.append((found_document, start))
    if problems:
        raise InputErrors(problems)
    hits: dict[str, list[tuple[int, int, str]]] = {}
    predicted = []
    for sentence, (document, start) in zip(gold, spans, strict=True):
        found = hits.get(document.doc_id)
        if found is None:
            analysis = analyze_document(document)
            found = hits[document.doc_id] = [
                (h.start, h.end, h.category) for h in detect(analysis, lexicon)
            ]
        end = start + len(sentence.text)
        predicted.append(frozenset(c for a, b, c in found if start <= a and b <= end))
    return predicted


def predict_baseline(gold: Sequence[GoldSentence]) -> list[frozenset[str]]:
    """Categories the plain-regex baseline finds in each sentence."""
    return [
        frozenset(c for c, rx in _COMPILED.items() if rx.search(_URL.sub("", s.text).strip()))
        for s in gold
    ]


def _scores(gold: Iterable[bool], predicted: Iterable[bool]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for g, p in zip(gold, predicted, strict=True):
        tp += g and p
        fp += p and not g
        fn += g and not p
    return tp, fp, fn


def evaluate(
    gold: Sequence[GoldSentence],
    systems: Mapping[str, Callable[[Sequence[GoldSentence]], list[frozenset[str]]]] | None = None,
) -> pd.DataFrame:
    """Per-category precision, recall and F1 of each system.

    Returns
    -------
    pandas.DataFrame
        One row per system and category (plus the aggregates in :data:`AGGREGATES`):
        ``system``, ``category``, ``support`` (gold sentences), ``tp``, ``fp``, ``fn``,
        ``precision``, ``recall``, ``f1`` (NaN where undefined: no predictions or no support).
        A category (an aggregate: each of its members) is scored on the sentences that
        annotated it; one that no sentence annotated has no rows.
    """
    systems = systems or {"rules": predict_rules, "regex baseline": predict_baseline}
    rows: list[dict[str, object]] = []
    groups = [(c, frozenset((c,))) for c in CATEGORIES] + [
        (label, frozenset(members)) for label, members in AGGREGATES.items()
    ]
    # Per group, the sentences that annotated every member (groups no sentence annotated go).
    scored_by_group = [
        (label, members, scored)
        for label, members in groups
        if (scored := [k for k, s in enumerate(gold) if members <= s.annotated])
    ]
    for name, predict in systems.items():
        predicted = predict(gold)
        for label, members, scored in scored_by_group:
            g = [bool(gold[k].labels & members) for k in scored]
            p = [bool(predicted[k] & members) for k in scored]
            tp, fp, fn = _scores(g, p)
            precision = tp / (tp + fp) if tp + fp else float("nan")
            recall = tp / (tp + fn) if tp + fn else float("nan")
            f1 = (
                2 * precision * recall / (precision + recall)
                if tp and precision + recall
                else (0.0 if tp + fp + fn else float("nan"))
            )
            rows.append(
                {
                    "system": name,
                    "category": label,
                    "support": tp + fn,
                    "tp": tp,
                    "fp": fp,
                    "fn": fn,
                    "precision": precision,
                    "recall": recall,
                    "f1": f1,
                }
            )
    return pd.DataFrame(rows)


def evaluation_table(results: pd.DataFrame, *, systems: Sequence[str] = ("rules", "regex")) -> str:
    """A Markdown table: support, then precision / recall / F1 of each system per category."""

    def cell(value: float) -> str:
        return "–" if value != value else f"{value:.2f}"

    header = ["category", "support"] + [f"{s} {m}" for s in systems for m in ("P", "R", "F1")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" + "---:|" * (len(header) - 1)]
    indexed = results.set_index(["system", "category"])
    for category in dict.fromkeys(results["category"]):
        support = int(indexed.loc[(systems[0], category), "support"])
        cells = [category, str(support)]
        for system in systems:
            row = indexed.loc[(system, category)]
            cells += [cell(row["precision"]), cell(row["recall"]), cell(row["f1"])]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
