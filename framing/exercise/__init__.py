"""Exercises for journalism educators: worksheets, answer keys, grading and feedback.

The classroom round trip:

1. :func:`make_exercise` draws numbered sentences and a key from detector output;
   :func:`write_exercise` writes the worksheet (HTML, Markdown), the blank ``answers.csv``,
   and the key (``key.csv``, ``key.json`` with reasons).
2. Students fill in ``answers.csv``; the instructor may edit ``key.csv``.
3. :func:`grade` reads the key (:func:`read_key`) and the students' files
   (:func:`read_answers`) and scores them; :func:`write_grades` writes the grades, the
   feedback and the class summary.
"""

from framing.exercise.answers import read_answers
from framing.exercise.codebook import expand_signals
from framing.exercise.feedback import FeedbackItem
from framing.exercise.grading import (
    GradeReport,
    Score,
    Skipped,
    StudentResult,
    cohen_kappa,
    grade,
    grade_answers,
    precision_recall_f1,
)
from framing.exercise.keyfile import read_key
from framing.exercise.model import Answers, Exercise, KeyAnswer, Marker, SheetSentence
from framing.exercise.report import format_overview, write_grades
from framing.exercise.worksheet import POSITIVE_SHARE, make_exercise
from framing.exercise.write import write_exercise

__all__ = [
    "POSITIVE_SHARE",
    "Answers",
    "Exercise",
    "FeedbackItem",
    "GradeReport",
    "KeyAnswer",
    "Marker",
    "Score",
    "SheetSentence",
    "Skipped",
    "StudentResult",
    "cohen_kappa",
    "expand_signals",
    "format_overview",
    "grade",
    "grade_answers",
    "make_exercise",
    "precision_recall_f1",
    "read_answers",
    "read_key",
    "write_exercise",
    "write_grades",
]
