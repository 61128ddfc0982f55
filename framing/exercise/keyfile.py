"""The answer key on disk: ``key.csv`` (the answers) and ``key.json`` (everything else).

``key.csv`` has the same columns as a student's ``answers.csv`` (``sentence``, ``category``) and
is the source of truth for the answers: the instructor may add or remove rows and grade again.
It is read with the same checks as a student's file.

``key.json`` holds the exercise: the numbered sentences, the categories students may use, the
seed, and for each answer drawn from the detectors its markers and a reason in ja and en. An
answer in ``key.csv`` that ``key.json`` has no reason for (one the instructor added) gets a
neutral "added by the instructor" reason; reasons in ``key.json`` for answers no longer in
``key.csv`` are ignored.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from framing.errors import InputError, Problem
from framing.exercise.answers import raise_problems, read_rows
from framing.exercise.codebook import Lang
from framing.exercise.model import Exercise, KeyAnswer, Marker, SheetSentence
from framing.exercise.reasons import INSTRUCTOR_REASON

__all__ = ["FORMAT", "key_csv_text", "key_json_data", "key_paths", "read_key"]

FORMAT = "framing-exercise-key/1"
KEY_CSV = "key.csv"
KEY_JSON = "key.json"


def key_csv_text(ex: Exercise) -> str:
    """Return the text of ``key.csv``: the header ``sentence,category`` and one row per answer."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["sentence", "category"])
    for a in ex.answers:
        writer.writerow([a.sentence, a.category])
    return buf.getvalue()


def key_json_data(ex: Exercise) -> dict[str, Any]:
    """Return the content of ``key.json`` as plain data."""
    return {
        "format": FORMAT,
        "note": (
            "key.csv is the source of truth for the answers; edit it to add or remove answers, "
            "then grade again. This file holds the sentences, the categories and the reasons."
        ),
        "lang": ex.lang,
        "seed": ex.seed,
        "signals": list(ex.signals),
        "categories": list(ex.categories),
        "positive_share": ex.positive_share,
        "sentences": [
            {
                "number": s.number,
                "doc_id": s.doc_id,
                "sentence": s.sentence,
                "outlet": s.outlet,
                "text": s.text,
            }
            for s in ex.sentences
        ],
        "answers": [
            {
                "sentence": a.sentence,
                "category": a.category,
                "markers": [
                    {
                        "text": m.text,
                        "rule": m.rule,
                        "quoted": m.quoted,
                        "source_named": m.source_named,
                    }
                    for m in a.markers
                ],
                "reason": {"ja": a.reason_ja, "en": a.reason_en},
            }
            for a in ex.answers
        ],
    }


def key_paths(path: str | Path) -> tuple[Path, Path]:
    """Return ``(key.csv, key.json)`` for a key given as a directory, a CSV or a JSON file.

    A directory holds both files. A ``.json`` file pairs with ``key.csv`` beside it; any
    other file is the answers CSV (an edited copy such as ``key-v2.csv``) and pairs with
    ``key.json`` beside it.
    """
    path = Path(path)
    if path.is_dir():
        return path / KEY_CSV, path / KEY_JSON
    if path.suffix.lower() == ".json":
        return path.with_name(KEY_CSV), path
    return path, path.with_name(KEY_JSON)


class _Checker:
    """Collects the problems of one ``key.json``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, None, f"{where}: {message}"))

    def get(
        self,
        obj: Mapping[str, Any],
        field: str,
        kind: type | tuple[type, ...],
        where: str,
        *,
        optional: bool = False,
    ) -> Any:
        value = obj.get(field)
        if value is None and optional:
            return None
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            value = None  # JSON true/false is not a number here
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            self.fail(where, f"{field!r} must be a {names}, got {value!r}")
            return None
        return value


def _load_json(path: Path) -> Any:
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            shown,
            None,
            "key.json not found; it holds the exercise's sentences and categories and is "
            "written by 'framing exercise make' next to key.csv",
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(shown, None, f"cannot be read as UTF-8 JSON: {err}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(shown, err.lineno, f"not valid JSON: {err.msg}") from None


def _sentences(check: _Checker, data: Mapping[str, Any]) -> list[SheetSentence]:
    raw = check.get(data, "sentences", list, "key.json")
    out: list[SheetSentence] = []
    if raw is None:
        return out
    if not raw:
        check.fail("sentences", "the exercise has no sentence")
    for i, item in enumerate(raw):
        where = f"sentences[{i}]"
        if not isinstance(item, dict):
            check.fail(where, f"must be an object, got {item!r}")
            continue
        number = check.get(item, "number", int, where)
        doc_id = check.get(item, "doc_id", str, where)
        index = check.get(item, "sentence", int, where)
        outlet = check.get(item, "outlet", str, where, optional=True)
        text = check.get(item, "text", str, where)
        if number is not None and number != i + 1:
            check.fail(where, f"'number' must be {i + 1} (sentences are numbered 1..N in order)")
        if None not in (number, doc_id, index, text):
            out.append(SheetSentence(number, doc_id, index, outlet, text))
    return out


def _categories(check: _Checker, data: Mapping[str, Any]) -> list[str]:
    raw = check.get(data, "categories", list, "key.json")
    if raw is None:
        return []
    if not raw:
        check.fail("categories", "the exercise has no category")
    out: list[str] = []
    for i, item in enumerate(raw):
        if not isinstance(item, str) or not item.strip():
            check.fail(f"categories[{i}]", f"must be a category id, got {item!r}")
        elif item in out:
            check.fail(f"categories[{i}]", f"{item!r} is listed twice")
        else:
            out.append(item)
    return out


def _reasons(check: _Checker, data: Mapping[str, Any]) -> dict[tuple[int, str], KeyAnswer]:
    raw = check.get(data, "answers", list, "key.json", optional=True) or []
    out: dict[tuple[int, str], KeyAnswer] = {}
    for i, item in enumerate(raw):
        where = f"answers[{i}]"
        if not isinstance(item, dict):
            check.fail(where, f"must be an object, got {item!r}")
            continue
        number = check.get(item, "sentence", int, where)
        category = check.get(item, "category", str, where)
        reason = check.get(item, "reason", dict, where, optional=True) or {}
        markers: list[Marker] = []
        for j, m in enumerate(check.get(item, "markers", list, where, optional=True) or []):
            mwhere = f"{where}.markers[{j}]"
            if not isinstance(m, dict):
                check.fail(mwhere, f"must be an object, got {m!r}")
                continue
            text = check.get(m, "text", str, mwhere)
            rule = check.get(m, "rule", str, mwhere)
            quoted = check.get(m, "quoted", bool, mwhere, optional=True)
            named = check.get(m, "source_named", bool, mwhere, optional=True)
            if text is not None and rule is not None:
                markers.append(Marker(text, rule, bool(quoted), named))
        ja, en = reason.get("ja", ""), reason.get("en", "")
        if not isinstance(ja, str) or not isinstance(en, str):
            check.fail(where, "'reason' must map 'ja' and 'en' to text")
            continue
        if number is not None and category is not None:
            out[(number, category)] = KeyAnswer(number, category, tuple(markers), ja, en)
    return out


def read_key(path: str | Path) -> Exercise:
    """Read an exercise's key, with the instructor's edits to ``key.csv``.

    Parameters
    ----------
    path:
        The exercise directory, its ``key.csv`` (or an edited copy, paired with the
        ``key.json`` beside it), or its ``key.json``.

    Returns
    -------
    Exercise
        The sentences and categories from ``key.json``; the answers from ``key.csv``, sorted
        by sentence and category order, with reasons from ``key.json`` where it has them.

    Raises
    ------
    InputError, InputErrors
        When a file is missing or invalid: a malformed ``key.json``, or a ``key.csv`` row with
        an unknown category, a bad sentence number or a duplicate. Every problem names the file
        (and the row of ``key.csv``).
    """
    csv_path, json_path = key_paths(path)
    if not csv_path.is_file():
        raise InputError(
            str(csv_path),
            None,
            "key not found; give the exercise directory or its key.csv "
            "(written by 'framing exercise make')",
        )
    data = _load_json(json_path)
    check = _Checker(str(json_path))
    if not isinstance(data, dict):
        raise InputError(str(json_path), None, "must be a JSON object (written by 'make')")
    if data.get("format") != FORMAT:
        check.fail("format", f"expected {FORMAT!r}, got {data.get('format')!r}")
    lang = data.get("lang", "ja")
    if lang not in ("ja", "en"):
        check.fail("lang", f"must be 'ja' or 'en', got {lang!r}")
    seed = check.get(data, "seed", int, "key.json", optional=True) or 0
    signals = check.get(data, "signals", list, "key.json", optional=True) or []
    share = check.get(data, "positive_share", (int, float), "key.json", optional=True)
    sentences = _sentences(check, data)
    categories = _categories(check, data)
    reasons = _reasons(check, data)
    if check.problems:
        raise_problems(check.problems)
    rows, problems = read_rows(csv_path, categories=categories, n_sentences=len(sentences))
    if problems:
        raise_problems(problems)
    order = {c: i for i, c in enumerate(categories)}
    answers: list[KeyAnswer] = []
    for row in sorted(rows, key=lambda r: (r.sentence, order[r.category])):
        known = reasons.get((row.sentence, row.category))
        answers.append(
            known
            if known is not None
            else KeyAnswer(
                row.sentence, row.category, (), INSTRUCTOR_REASON["ja"], INSTRUCTOR_REASON["en"]
            )
        )
    checked_lang: Lang = "en" if lang == "en" else "ja"
    return Exercise(
        lang=checked_lang,
        seed=seed,
        signals=tuple(str(s) for s in signals),
        categories=tuple(categories),
        sentences=tuple(sentences),
        answers=tuple(answers),
        positive_share=float(share) if share is not None else float("nan"),
    )
