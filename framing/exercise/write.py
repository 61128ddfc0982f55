"""Write an exercise to a directory: worksheet, blank answer sheet, and key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from framing.errors import InputError
from framing.exercise.codebook import describe
from framing.exercise.keyfile import KEY_CSV, KEY_JSON, key_csv_text, key_json_data
from framing.exercise.model import Exercise, KeyAnswer, SheetSentence
from framing.exercise.render import render
from framing.output import write_files

__all__ = ["ANSWER_SHEET_HEADER", "write_exercise"]

ANSWER_SHEET_HEADER = "sentence,category\n"


def _documents(sentences: tuple[SheetSentence, ...]) -> list[dict[str, Any]]:
    """Group consecutive sentences of the same document."""
    groups: list[dict[str, Any]] = []
    for s in sentences:
        if not groups or groups[-1]["doc_id"] != s.doc_id:
            groups.append({"doc_id": s.doc_id, "outlet": s.outlet, "sentences": []})
        groups[-1]["sentences"].append(s)
    return groups


def _example(ex: Exercise) -> list[tuple[int, str]]:
    """Rows showing the answer format: two categories on one sentence, one on another."""
    cats = ex.categories
    last = ex.n_sentences
    rows = [(min(3, last), cats[0])]
    if len(cats) > 1:
        rows.append((min(3, last), cats[1]))
    rows.append((min(7, last), cats[0]))
    return list(dict.fromkeys(rows))


def worksheet_context(ex: Exercise) -> dict[str, Any]:
    """Return what the worksheet templates show."""
    return {
        "sentence_count": ex.n_sentences,
        "categories": [
            {
                "id": c,
                "label": describe(c).label(ex.lang),
                "explain": describe(c).explain(ex.lang),
                "markers": list(describe(c).markers),
            }
            for c in ex.categories
        ],
        "documents": _documents(ex.sentences),
        "example": _example(ex),
    }


def write_exercise(
    ex: Exercise, out_dir: str | Path, *, force: bool = False, overwrite: bool = False
) -> tuple[Path, ...]:
    """Write an exercise's files to ``out_dir`` (created when missing).

    Files
    -----
    ``worksheet.html``
        The printable worksheet for students: instructions, the categories with one line each,
        the numbered sentences with a box per category. Self-contained (inline CSS), every
        text HTML-escaped.
    ``worksheet.md``
        The same in Markdown.
    ``answers.csv``
        The blank answer sheet: the header ``sentence,category`` only.
    ``key.csv``
        The answers (same columns); the source of truth when grading.
    ``key.json``
        The sentences, the categories, the seed, and each answer's markers and reasons.
    ``key.md``
        The key with its reasons, to read (regenerated on each ``make``; not used by grading).

    The files are written atomically and listed in ``.framing-manifest.json``
    (:mod:`framing.output`): a failure leaves the previous files as they were, and a file that
    framing did not write is never overwritten without ``force``.

    Parameters
    ----------
    ex:
        The exercise.
    out_dir:
        The directory to write to.
    force:
        Replace an existing exercise in ``out_dir``, and any other file in the way. Without
        it, an existing ``key.csv`` (which the instructor may have edited, and whose
        worksheet students may hold) is an error, and so is a file framing did not write.
    overwrite:
        The earlier name of ``force``.

    Returns
    -------
    tuple of pathlib.Path
        The files written.

    Raises
    ------
    InputError
        When ``out_dir`` already holds a ``key.csv`` and ``force`` is false, or is not a
        directory.
    FramingError
        When another file in the way was not written by framing (and ``force`` is false), or
        the directory cannot be written.
    """
    force = force or overwrite
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), None, "exists and is not a directory; choose another --out")
    if (out / KEY_CSV).exists() and not force:
        raise InputError(
            str(out),
            None,
            "already holds an exercise (key.csv), which may carry your edits; "
            "choose another --out or pass --force to replace it",
        )
    context = worksheet_context(ex)
    by_sentence: dict[int, list[KeyAnswer]] = {}
    for a in ex.answers:
        by_sentence.setdefault(a.sentence, []).append(a)
    files = {
        "worksheet.html": render("exercise_worksheet.html.j2", lang=ex.lang, **context),
        "worksheet.md": render("exercise_worksheet.md.j2", lang=ex.lang, **context),
        "answers.csv": ANSWER_SHEET_HEADER,
        KEY_CSV: key_csv_text(ex),
        KEY_JSON: json.dumps(key_json_data(ex), ensure_ascii=False, indent=2) + "\n",
        "key.md": render(
            "exercise_key.md.j2",
            lang=ex.lang,
            sentences=ex.sentences,
            answers_by_sentence=by_sentence,
        ),
    }
    data = {name: text.encode("utf-8") for name, text in files.items()}
    return tuple(write_files(out, data, force=force))
