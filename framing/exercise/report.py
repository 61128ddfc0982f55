"""Write a class's grades: tidy CSV tables, a class summary (Markdown, HTML), student feedback."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from framing.errors import InputError
from framing.exercise.codebook import describe
from framing.exercise.grading import ALL, GradeReport, StudentResult
from framing.exercise.render import fmt_number, render
from framing.exercise.text import TEXT
from framing.output import write_files

__all__ = ["feedback_file_names", "format_overview", "write_grades"]

_UNSAFE = re.compile(r"[^\w.-]+")


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in table.to_dict(orient="records")]


def feedback_file_names(report: GradeReport) -> dict[str, str]:
    """Return student -> file name under ``feedback/`` (``<student>.md``, made file-safe)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for r in report.students:
        base = _UNSAFE.sub("_", r.student).strip("._") or "student"
        name, i = f"{base}.md", 2
        while name.lower() in used:
            name, i = f"{base}-{i}.md", i + 1
        used.add(name.lower())
        names[r.student] = name
    return names


def _student_context(report: GradeReport, r: StudentResult) -> dict[str, Any]:
    lang = report.lang
    t = TEXT[lang]
    labels = {
        "correct": t["outcome_correct"],
        "missed": t["outcome_missed"],
        "wrong": t["outcome_wrong"],
    }
    sentences = []
    for s in report.key.sentences:
        items = [f for f in r.feedback if f.sentence == s.number]
        sentences.append(
            {
                "number": s.number,
                "text": s.text,
                "ok": all(f.outcome == "correct" for f in items),
                "entries": [{"label": labels[f.outcome], "message": f.message} for f in items],
            }
        )
    scores = [
        {
            "category": sc.category,
            "label": t["all"] if sc.category == ALL else describe(sc.category).label(lang),
            "score": sc,
        }
        for sc in r.scores
    ]
    return {"student": r.student, "scores": scores, "sentences": sentences}


def _summary_context(report: GradeReport) -> dict[str, Any]:
    return {
        "n_students": len(report.students),
        "n_sentences": report.key.n_sentences,
        "categories_listed": list(report.key.categories),
        "students": [{"student": r.student, "score": r.overall} for r in report.students],
        "by_category": _records(report.category_table()),
        "hardest": _records(report.hardest_sentences()),
        "skipped": [
            {"student": s.student, "path": s.path, "problems": [str(p) for p in s.problems]}
            for s in report.skipped
        ],
    }


def write_grades(
    report: GradeReport, out_dir: str | Path, *, force: bool = False
) -> tuple[Path, ...]:
    """Write a class's grades to ``out_dir`` (created when missing).

    Files
    -----
    ``grades.csv``
        :meth:`GradeReport.grades_table`: one row per student and category (``all`` first).
    ``feedback.csv``
        :meth:`GradeReport.feedback_table`: one row per student and pair in the key or marked.
    ``summary_categories.csv``, ``summary_sentences.csv``
        :meth:`GradeReport.category_table` and :meth:`GradeReport.sentence_table`.
    ``summary.md``, ``summary.html``
        The class summary: scores by student, categories by miss rate, the hardest
        sentences, the files not graded, and what the scores mean. The HTML is
        self-contained and every text is HTML-escaped.
    ``feedback/<student>.md``
        Each student's scores and sentence-by-sentence feedback.

    The CSV files are UTF-8 with a BOM so that Excel shows Japanese text correctly.

    The files are written atomically and listed in ``.framing-manifest.json``
    (:mod:`framing.output`): grading again into the same directory replaces the earlier
    grades (and deletes the feedback of students no longer graded), a failure leaves the
    previous files as they were, and a file that framing did not write (or that was edited
    since) is not overwritten unless ``force``.

    Parameters
    ----------
    report:
        The graded class.
    out_dir:
        The directory to write to.
    force:
        Overwrite files in the way that framing did not write.

    Returns
    -------
    tuple of pathlib.Path
        The files written.

    Raises
    ------
    InputError
        When ``out_dir`` exists and is not a directory.
    FramingError
        When a file in the way was not written by framing (and ``force`` is false), or the
        directory cannot be written.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), None, "exists and is not a directory; choose another --out")
    files: dict[str, bytes] = {}
    tables = {
        "grades.csv": report.grades_table(),
        "feedback.csv": report.feedback_table(),
        "summary_categories.csv": report.category_table(),
        "summary_sentences.csv": report.sentence_table(),
    }
    for name, table in tables.items():
        text = table.to_csv(index=False, lineterminator="\n")
        files[name] = text.encode("utf-8-sig")
    context = _summary_context(report)
    pages = (("summary.md", "exercise_summary.md.j2"), ("summary.html", "exercise_summary.html.j2"))
    for name, template in pages:
        files[name] = render(template, lang=report.lang, **context).encode("utf-8")
    file_names = feedback_file_names(report)
    for r in report.students:
        text = render("exercise_feedback.md.j2", lang=report.lang, **_student_context(report, r))
        files[f"feedback/{file_names[r.student]}"] = text.encode("utf-8")
    return tuple(write_files(out, files, force=force))


def format_overview(report: GradeReport) -> str:
    """Return a plain-text table of each student's overall scores, for the terminal."""
    t = TEXT[report.lang]
    header = [t["col_student"], t["col_precision"], t["col_recall"], t["col_f1"], t["col_kappa"]]
    rows = [
        [
            r.student,
            fmt_number(r.overall.precision),
            fmt_number(r.overall.recall),
            fmt_number(r.overall.f1),
            fmt_number(r.overall.kappa),
        ]
        for r in report.students
    ]
    widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    for s in report.skipped:
        lines.append(f"{s.student}: {len(s.problems)} problem(s), not graded")
    return "\n".join(line.rstrip() for line in lines)


def _width(text: str) -> int:
    """Display width: East Asian wide characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
