"""Draw an exercise from detector output: numbered sentences and a key with reasons.

Sampling
--------
Candidates are the sentences of the ``sentences`` table that have at least ``MIN_CHARS``
non-blank characters; a sentence whose text repeats an earlier one is dropped (boilerplate, a
tweet quoted twice). A candidate is *positive* when the ``hits`` table has a hit of an asked
category in it.

The sheet has ``min(n_sentences, candidates)`` sentences. About ``POSITIVE_SHARE`` (60 %) are
positive and the rest carry none of the asked categories, so students must also decide when
*not* to mark; when one kind runs short the other fills the sheet. Positives are drawn so that
every asked category occurring in the input appears at least once (one random sentence per
category, in codebook order, while the positive quota lasts); the remaining positives and the
negatives are drawn at random. The draw uses ``numpy.random.default_rng(seed)`` over the
candidates in document order, so the same input and seed give the same sheet.

The sheet keeps document order (documents in order of first appearance in ``sentences``,
sentences by index), numbered from 1: the context of the neighbouring sentences matters for
rhetorical questions and hearsay, and the draw already hides which sentences are positive.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from framing.errors import InputError
from framing.exercise.codebook import Lang, expand_signals
from framing.exercise.model import Exercise, KeyAnswer, Marker, SheetSentence
from framing.exercise.reasons import reason_text

__all__ = ["MIN_CHARS", "POSITIVE_SHARE", "make_exercise"]

POSITIVE_SHARE = 0.6
MIN_CHARS = 4

_SENTENCE_COLUMNS = ("doc_id", "sentence", "text")
_HIT_COLUMNS = ("doc_id", "sentence", "category", "rule", "text")


@dataclass(frozen=True, slots=True)
class _Candidate:
    doc_id: str
    sentence: int
    outlet: str | None
    text: str
    categories: frozenset[str]


def _require(df: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(
            f"the {name} table lacks column(s) {', '.join(missing)}; it needs "
            f"{', '.join(columns)} (see docs/tables.md); it has {', '.join(map(str, df.columns))}"
        )


def _opt_str(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value)


def _opt_bool(value: Any) -> bool | None:
    if value is None or pd.isna(value):
        return None
    return bool(value)


def _candidates(
    sentences: pd.DataFrame, hit_categories: Mapping[tuple[str, int], frozenset[str]]
) -> list[_Candidate]:
    outlets = sentences["outlet"].tolist() if "outlet" in sentences.columns else []
    doc_rank: dict[str, int] = {}
    rows: list[tuple[int, int, _Candidate]] = []
    seen_texts: set[str] = set()
    for i, (doc, idx, text) in enumerate(
        zip(
            sentences["doc_id"].tolist(),
            sentences["sentence"].tolist(),
            sentences["text"].tolist(),
            strict=True,
        )
    ):
        doc_id = str(doc)
        rank = doc_rank.setdefault(doc_id, len(doc_rank))
        body = _opt_str(text)
        if body is None:
            continue
        body = body.strip()
        if len("".join(body.split())) < MIN_CHARS or body in seen_texts:
            continue
        seen_texts.add(body)
        outlet = _opt_str(outlets[i]) if outlets else None
        key = (doc_id, int(idx))
        cand = _Candidate(doc_id, int(idx), outlet, body, hit_categories.get(key, frozenset()))
        rows.append((rank, int(idx), cand))
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


def _draw(
    cands: Sequence[_Candidate], categories: Sequence[str], n: int, rng: np.random.Generator
) -> list[int]:
    """Return the indices (into ``cands``) of the sampled sentences, in document order."""
    positives = [i for i, c in enumerate(cands) if c.categories]
    negatives = [i for i, c in enumerate(cands) if not c.categories]
    n = min(n, len(cands))
    n_pos = min(len(positives), max(1, math.floor(n * POSITIVE_SHARE + 0.5)))
    n_neg = min(len(negatives), n - n_pos)
    n_pos = min(len(positives), n - n_neg)
    chosen: list[int] = []
    for category in categories:
        if len(chosen) >= n_pos:
            break
        if any(category in cands[i].categories for i in chosen):
            continue
        pool = [i for i in positives if category in cands[i].categories and i not in chosen]
        if pool:
            chosen.append(pool[int(rng.integers(len(pool)))])
    rest = [i for i in positives if i not in chosen]
    chosen.extend(rest[int(j)] for j in rng.permutation(len(rest))[: n_pos - len(chosen)])
    chosen.extend(negatives[int(j)] for j in rng.permutation(len(negatives))[:n_neg])
    return sorted(chosen)


def _markers(hits: pd.DataFrame) -> dict[tuple[str, int, str], list[Marker]]:
    cols = {c: hits[c].tolist() for c in hits.columns if isinstance(c, str)}
    n = len(hits)
    quoted = cols.get("quoted", [False] * n)
    named = cols.get("source_named", [None] * n)
    start = cols.get("start", list(range(n)))
    found: dict[tuple[str, int, str], list[tuple[int, Marker]]] = {}
    for i in range(n):
        category = _opt_str(cols["category"][i])
        if category is None:
            continue
        marker = Marker(
            text=str(cols["text"][i]),
            rule=str(cols["rule"][i]),
            quoted=bool(_opt_bool(quoted[i])),
            source_named=_opt_bool(named[i]),
        )
        key = (str(cols["doc_id"][i]), int(cols["sentence"][i]), category)
        bucket = found.setdefault(key, [])
        if all(m != marker for _, m in bucket):
            offset = start[i]
            bucket.append((0 if offset is None or pd.isna(offset) else int(offset), marker))
    return {k: [m for _, m in sorted(v, key=lambda p: p[0])] for k, v in found.items()}


def make_exercise(
    sentences: pd.DataFrame,
    hits: pd.DataFrame,
    *,
    signals: Sequence[str],
    n_sentences: int = 20,
    seed: int = 0,
    lang: Lang = "ja",
    rule_notes: Mapping[str, str] | None = None,
) -> Exercise:
    """Draw a worksheet of numbered sentences and its key from detector output.

    Parameters
    ----------
    sentences:
        The ``framing.sentences`` table (needs ``doc_id``, ``sentence``, ``text``; uses
        ``outlet`` when present).
    hits:
        The ``framing.signals`` table (needs ``doc_id``, ``sentence``, ``category``, ``rule``,
        ``text``; uses ``start``, ``quoted`` and ``source_named`` when present).
    signals:
        Families (``hedge``) or categories (``hedge.reportative``) to practise; a family
        expands to its categories.
    n_sentences:
        Number of sentences on the sheet (fewer when the input has fewer candidates).
    seed:
        Seed of the draw; see the module docstring for the sampling scheme.
    lang:
        Language of the worksheet (``ja`` or ``en``). Reasons are kept in both languages.
    rule_notes:
        Rule id -> plain explanation, appended to the reasons of answers found by that rule.

    Returns
    -------
    Exercise
        The numbered sentences and the key: one answer per sentence and asked category with
        at least one hit, each with its markers and a reason in ja and en.

    Raises
    ------
    ValueError
        When a table lacks a required column, or ``n_sentences`` is below 1.
    InputError
        When ``signals`` names an unknown family or category, the input has no usable
        sentence, or no sentence carries an asked category.
    """
    if n_sentences < 1:
        raise ValueError(f"n_sentences must be at least 1, got {n_sentences}")
    if lang not in ("ja", "en"):
        raise ValueError(f"lang must be 'ja' or 'en', got {lang!r}")
    _require(sentences, _SENTENCE_COLUMNS, "sentences")
    _require(hits, _HIT_COLUMNS, "hits")
    observed = {c for c in (_opt_str(v) for v in hits["category"].tolist()) if c}
    categories = expand_signals(signals, observed=observed)
    markers = {k: v for k, v in _markers(hits).items() if k[2] in categories}
    per_sentence: dict[tuple[str, int], set[str]] = {}
    for doc_id, idx, category in markers:
        per_sentence.setdefault((doc_id, idx), set()).add(category)
    cands = _candidates(sentences, {k: frozenset(v) for k, v in per_sentence.items()})
    if not cands:
        raise InputError(
            "input", None, f"no sentence of at least {MIN_CHARS} characters to put on a worksheet"
        )
    if not any(c.categories for c in cands):
        raise InputError(
            "signals",
            None,
            f"no sentence of the input carries {', '.join(categories)}; "
            "choose other signals or a larger input",
        )
    rng = np.random.default_rng(seed)
    picked = [cands[i] for i in _draw(cands, categories, n_sentences, rng)]
    sheet: list[SheetSentence] = []
    answers: list[KeyAnswer] = []
    for number, cand in enumerate(picked, start=1):
        sheet.append(SheetSentence(number, cand.doc_id, cand.sentence, cand.outlet, cand.text))
        for category in categories:
            found = markers.get((cand.doc_id, cand.sentence, category))
            if not found:
                continue
            answers.append(
                KeyAnswer(
                    sentence=number,
                    category=category,
                    markers=tuple(found),
                    reason_ja=reason_text(category, found, "ja", rule_notes=rule_notes),
                    reason_en=reason_text(category, found, "en", rule_notes=rule_notes),
                )
            )
    return Exercise(
        lang=lang,
        seed=seed,
        signals=tuple(s.strip() for s in signals if s.strip()),
        categories=categories,
        sentences=tuple(sheet),
        answers=tuple(answers),
        positive_share=POSITIVE_SHARE,
    )
