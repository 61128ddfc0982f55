"""Grade students' answer sheets against an exercise's key.

Scores
------
The unit is the ``(sentence, category)`` pair. For each student and category (and ``all``,
pooling every category: micro-averaged):

- ``tp``: pairs in the key that the student marked; ``fn``: pairs in the key the student did
  not mark; ``fp``: pairs the student marked that the key does not have; ``tn``: the other
  cells of the grid.
- ``precision = tp / (tp + fp)``, ``recall = tp / (tp + fn)``, ``f1`` their harmonic mean.
  When a denominator is 0: the score is 1.0 if the student and the key agree (nothing to mark,
  nothing marked), else 0.0; so no score is ever NaN, and the key graded against itself scores
  1.0 everywhere.
- ``kappa``: Cohen's kappa over the grid of cells, each present or absent for the key and for
  the student: every sentence x every category for ``all`` (``n_sentences * n_categories``
  cells), every sentence for one category. ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_o``
  the share of cells where they agree and ``p_e`` the agreement expected by chance from the
  two raters' marginal rates. When ``p_e == 1`` both raters gave every cell the same value and
  agree perfectly (this is the only way ``p_e`` reaches 1); kappa is then defined as 1.0.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.errors import InputError, Problem
from framing.exercise.answers import raise_problems, read_rows
from framing.exercise.codebook import Lang, describe
from framing.exercise.feedback import FeedbackItem, sentence_feedback
from framing.exercise.keyfile import read_key
from framing.exercise.model import Answers, Exercise

__all__ = [
    "ALL",
    "GradeReport",
    "Score",
    "Skipped",
    "StudentResult",
    "cohen_kappa",
    "grade",
    "grade_answers",
    "precision_recall_f1",
    "score_pairs",
]

ALL = "all"
HARDEST = 10


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 (1.0 when both sides are empty; never NaN).

    >>> precision_recall_f1(2, 2, 2)
    (0.5, 0.5, 0.5)
    >>> precision_recall_f1(0, 0, 0)
    (1.0, 1.0, 1.0)
    """
    agree = 1.0 if fp == fn == 0 else 0.0
    precision = tp / (tp + fp) if tp + fp else agree
    recall = tp / (tp + fn) if tp + fn else agree
    total = precision + recall
    f1 = 2 * precision * recall / total if total else 0.0
    return precision, recall, f1


def cohen_kappa(tp: int, fp: int, fn: int, tn: int) -> float:
    """Return Cohen's kappa of a 2x2 agreement table (key x student, present/absent).

    Defined as 1.0 when the raters agree perfectly with every cell the same value (chance
    agreement 1); 0.0 for an empty table.

    >>> round(cohen_kappa(2, 2, 2, 14), 6)
    0.375
    >>> cohen_kappa(0, 0, 0, 10)
    1.0
    """
    n = tp + fp + fn + tn
    if n == 0:
        return 0.0
    observed = (tp + tn) / n
    key_yes = (tp + fn) / n
    student_yes = (tp + fp) / n
    expected = key_yes * student_yes + (1 - key_yes) * (1 - student_yes)
    if math.isclose(expected, 1.0):
        return 1.0
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True, slots=True)
class Score:
    """A student's counts and scores for one category (or ``all``)."""

    category: str
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        """``tp / (tp + fp)``; see the module docstring for empty cases."""
        return precision_recall_f1(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        """``tp / (tp + fn)``; see the module docstring for empty cases."""
        return precision_recall_f1(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return precision_recall_f1(self.tp, self.fp, self.fn)[2]

    @property
    def kappa(self) -> float:
        """Cohen's kappa over the category's cells."""
        return cohen_kappa(self.tp, self.fp, self.fn, self.tn)


def score_pairs(ex: Exercise, marked: Set[tuple[int, str]]) -> tuple[Score, ...]:
    """Score a set of marked pairs against the key.

    Returns
    -------
    tuple of Score
        ``all`` first, then one per category of the exercise, in its order.
    """
    key = ex.pairs()
    n = ex.n_sentences
    scores: list[Score] = []
    for category in ex.categories:
        k = {s for s, c in key if c == category}
        m = {s for s, c in marked if c == category}
        tp, fp, fn = len(k & m), len(m - k), len(k - m)
        scores.append(Score(category, tp, fp, fn, n - tp - fp - fn))
    overall = Score(
        ALL,
        sum(s.tp for s in scores),
        sum(s.fp for s in scores),
        sum(s.fn for s in scores),
        sum(s.tn for s in scores),
    )
    return (overall, *scores)


@dataclass(frozen=True, slots=True)
class StudentResult:
    """One student's grades.

    Attributes
    ----------
    student:
        The student's name.
    path:
        The answer file.
    marked:
        The pairs the student marked.
    scores:
        ``all`` first, then one per category.
    feedback:
        One item per pair in the key or marked.
    """

    student: str
    path: str
    marked: frozenset[tuple[int, str]]
    scores: tuple[Score, ...]
    feedback: tuple[FeedbackItem, ...]

    @property
    def overall(self) -> Score:
        """The ``all`` score."""
        return self.scores[0]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A student file that could not be graded, and why."""

    student: str
    path: str
    problems: tuple[Problem, ...]


def grade_answers(ex: Exercise, answers: Answers, *, lang: Lang = "ja") -> StudentResult:
    """Grade one student's validated answers."""
    return StudentResult(
        student=answers.student,
        path=answers.path,
        marked=answers.pairs,
        scores=score_pairs(ex, answers.pairs),
        feedback=sentence_feedback(ex, answers.pairs, lang=lang),
    )


def _nan_mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


@dataclass(frozen=True)
class GradeReport:
    """The grades of a class.

    Attributes
    ----------
    key:
        The exercise graded against.
    lang:
        Language of the feedback.
    students:
        The graded students, in the order their files were given.
    skipped:
        Files that could not be graded (only with ``skip_bad``).
    """

    key: Exercise
    lang: Lang
    students: tuple[StudentResult, ...]
    skipped: tuple[Skipped, ...] = field(default=())

    def grades_table(self) -> pd.DataFrame:
        """Return the scores, one row per student and category.

        Returns
        -------
        pandas.DataFrame
            ``student``; ``category`` (``all`` first, pooling every category, then the
            exercise's categories); ``tp``, ``fp``, ``fn``, ``tn`` (int counts of pairs);
            ``precision``, ``recall``, ``f1``, ``kappa`` (float; see the module docstring).
        """
        rows = [
            {
                "student": r.student,
                "category": s.category,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "tn": s.tn,
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "kappa": s.kappa,
            }
            for r in self.students
            for s in r.scores
        ]
        columns = ["student", "category", "tp", "fp", "fn", "tn"]
        return pd.DataFrame(rows, columns=[*columns, "precision", "recall", "f1", "kappa"])

    def feedback_table(self) -> pd.DataFrame:
        """Return the feedback, one row per student and pair in the key or marked.

        Returns
        -------
        pandas.DataFrame
            ``student``, ``sentence`` (worksheet number), ``category``, ``outcome``
            (``correct``, ``missed`` or ``wrong``), ``message`` (plain words, in ``lang``).
        """
        rows = [
            {
                "student": r.student,
                "sentence": f.sentence,
                "category": f.category,
                "outcome": f.outcome,
                "message": f.message,
            }
            for r in self.students
            for f in r.feedback
        ]
        return pd.DataFrame(rows, columns=["student", "sentence", "category", "outcome", "message"])

    def category_table(self) -> pd.DataFrame:
        """Return the class summary by category, the most missed first.

        Returns
        -------
        pandas.DataFrame
            One row for ``all`` then one per category, sorted by descending ``miss_rate``
            (NaN last), then descending ``wrong``. Columns: ``category``, ``label`` (its name
            in ``lang``), ``key_answers`` (pairs in the key), ``students``, ``missed`` (key
            pairs the students did not mark, summed over students), ``miss_rate``
            (``missed / (key_answers * students)``, NaN when there is nothing to find),
            ``wrong`` (marks not in the key, summed), ``mean_f1``, ``mean_kappa`` (means over
            students).
        """
        counts = Counter(c for _, c in self.key.pairs())
        n = len(self.students)
        rows: list[dict[str, object]] = []
        for i, category in enumerate((ALL, *self.key.categories)):
            scores = [r.scores[i] for r in self.students]
            key_answers = len(self.key.answers) if category == ALL else counts[category]
            missed = sum(s.fn for s in scores)
            label = "" if category == ALL else describe(category).label(self.lang)
            rows.append(
                {
                    "category": category,
                    "label": label,
                    "key_answers": key_answers,
                    "students": n,
                    "missed": missed,
                    "miss_rate": missed / (key_answers * n) if key_answers * n else float("nan"),
                    "wrong": sum(s.fp for s in scores),
                    "mean_f1": _nan_mean([s.f1 for s in scores]),
                    "mean_kappa": _nan_mean([s.kappa for s in scores]),
                }
            )
        table = pd.DataFrame(rows)
        head, rest = table.iloc[:1], table.iloc[1:]
        rest = rest.sort_values(
            ["miss_rate", "wrong"], ascending=[False, False], na_position="last", kind="stable"
        )
        return pd.concat([head, rest], ignore_index=True)

    def sentence_table(self) -> pd.DataFrame:
        """Return the class summary by sentence, in worksheet order.

        Returns
        -------
        pandas.DataFrame
            ``sentence`` (worksheet number), ``text``, ``key_answers`` (pairs in the key),
            ``students``, ``students_wrong`` (students with at least one missed or wrong pair
            in the sentence), ``share_wrong`` (``students_wrong / students``), ``missed``,
            ``wrong`` (pairs, summed over students).
        """
        key_counts = Counter(s for s, _ in self.key.pairs())
        n = len(self.students)
        rows: list[dict[str, object]] = []
        for s in self.key.sentences:
            missed = wrong = students_wrong = 0
            for r in self.students:
                errs = [f.outcome for f in r.feedback if f.sentence == s.number]
                missed += errs.count("missed")
                wrong += errs.count("wrong")
                students_wrong += any(e != "correct" for e in errs)
            rows.append(
                {
                    "sentence": s.number,
                    "text": s.text,
                    "key_answers": key_counts[s.number],
                    "students": n,
                    "students_wrong": students_wrong,
                    "share_wrong": students_wrong / n if n else float("nan"),
                    "missed": missed,
                    "wrong": wrong,
                }
            )
        columns = ["sentence", "text", "key_answers", "students", "students_wrong"]
        return pd.DataFrame(rows, columns=[*columns, "share_wrong", "missed", "wrong"])

    def hardest_sentences(self, n: int = HARDEST) -> pd.DataFrame:
        """Return the ``n`` sentences most students got wrong (only those someone got wrong).

        Sorted by descending ``share_wrong``, then descending ``missed + wrong``, then
        sentence number; columns as :meth:`sentence_table`.
        """
        table = self.sentence_table()
        table = table[table["students_wrong"] > 0].copy()
        table["_errors"] = table["missed"] + table["wrong"]
        table = table.sort_values(
            ["share_wrong", "_errors", "sentence"], ascending=[False, False, True], kind="stable"
        )
        return table.drop(columns="_errors").head(n).reset_index(drop=True)


def _names(paths: Sequence[Path]) -> list[str]:
    """Name students after their files; disambiguate equal names with the folder."""
    stems = Counter(p.stem for p in paths)
    names = [p.stem if stems[p.stem] == 1 else f"{p.parent.name}/{p.stem}" for p in paths]
    again = Counter(names)
    return [name if again[name] == 1 else str(p) for name, p in zip(names, paths, strict=True)]


def grade(
    key: str | Path | Exercise,
    student_paths: Sequence[str | Path],
    *,
    skip_bad: bool = False,
    lang: Lang = "ja",
) -> GradeReport:
    """Grade students' answer files against a key.

    Parameters
    ----------
    key:
        The exercise directory, its ``key.csv`` (or an edited copy), its ``key.json``, or an
        :class:`Exercise`. ``key.csv`` is the source of truth for the answers.
    student_paths:
        The students' ``answers.csv`` files. Each student is named after the file (without
        ``.csv``); files with the same name get their folder's name in front.
    skip_bad:
        Grade the good files and record the bad ones in ``GradeReport.skipped`` instead of
        failing. Without it, any bad file fails the whole run.
    lang:
        Language of the feedback.

    Returns
    -------
    GradeReport

    Raises
    ------
    InputError, InputErrors
        When the key is missing or invalid; when no student file is given or a file is given
        twice; when a student file is bad (every problem of every file, each naming the file
        and row) and ``skip_bad`` is false; when no file at all could be graded.
    """
    ex = key if isinstance(key, Exercise) else read_key(key)
    paths = [Path(p) for p in student_paths]
    if not paths:
        raise InputError("STUDENT.csv", None, "no student file given")
    seen: dict[Path, Path] = {}
    for p in paths:
        resolved = p.resolve()
        if resolved in seen:
            raise InputError(str(p), None, f"given more than once (also as {seen[resolved]})")
        seen[resolved] = p
    results: list[StudentResult] = []
    skipped: list[Skipped] = []
    problems: list[Problem] = []
    for path, name in zip(paths, _names(paths), strict=True):
        rows, found = read_rows(path, categories=ex.categories, n_sentences=ex.n_sentences)
        if found:
            skipped.append(Skipped(name, str(path), tuple(found)))
            problems.extend(found)
            continue
        answers = Answers(str(path), name, frozenset((r.sentence, r.category) for r in rows))
        results.append(grade_answers(ex, answers, lang=lang))
    if problems and (not skip_bad or not results):
        raise_problems(problems)
    return GradeReport(ex, lang, tuple(results), tuple(skipped))
