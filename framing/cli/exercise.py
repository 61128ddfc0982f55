"""``framing exercise``: make worksheets and grade students' answer sheets.

::

    framing exercise make INPUT... --signals hedge,question.rhetorical --out DIR
                          [--lang ja|en] [--seed N] [--sentences N] [--force]
    framing exercise grade KEY STUDENT.csv... [--out DIR] [--lang ja|en] [--skip-bad] [--force]

``make`` loads the input once (``framing.load``), gets its tables from ``framing.sentences``
and ``framing.signals``, takes each rule's
note from the default lexicon (``framing.lexicon.load_lexicon``) for the reasons, and writes the
worksheet, the blank answer sheet and the key to DIR. ``grade`` prints each student's overall
scores and, with ``--out``, writes the grades, the feedback and the class summary.

Problems with the input raise :class:`~framing.errors.FramingError`, which the ``framing``
command prints (one message naming the file and row) before exiting with status 2. With
``--skip-bad``, bad student files are listed on stderr and in the summary, the others are
graded and the exit status is 0 (unless no file at all could be graded).

Both commands write only inside DIR, atomically, and never over a file that framing did not
write there (or that was edited since) unless given ``--force`` (:mod:`framing.output`); ``make``
also refuses to replace an exercise already in DIR (its ``key.csv``) without ``--force``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.cli import positive_int
from framing.errors import FramingError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["add_parser", "run"]


def _signal_list(value: str) -> list[str]:
    parts = [p.strip() for p in value.replace("、", ",").split(",") if p.strip()]
    if not parts:
        raise argparse.ArgumentTypeError("give at least one family or category, e.g. hedge")
    return parts


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``exercise`` command, with sub-commands ``make`` and ``grade``."""
    parser = subparsers.add_parser(
        "exercise",
        help="make worksheets for students and grade their answers",
        description="Exercises for journalism educators: worksheets, answer keys, grading.",
    )
    commands = parser.add_subparsers(dest="exercise_command", metavar="{make,grade}")
    commands.required = True

    make = commands.add_parser(
        "make",
        help="draw a worksheet, a blank answer sheet and an answer key",
        description="Draw numbered sentences from INPUT and write worksheet.html, "
        "worksheet.md, answers.csv (blank), key.csv, key.json and key.md to --out.",
    )
    make.add_argument("input", nargs="+", metavar="INPUT", help="documents to draw from")
    make.add_argument(
        "--signals",
        required=True,
        type=_signal_list,
        help="comma-separated families (hedge) or categories (hedge.reportative)",
    )
    make.add_argument("--out", required=True, type=Path, help="directory to write to")
    make.add_argument("--lang", choices=("ja", "en"), default="ja", help="worksheet language")
    make.add_argument("--seed", type=int, default=0, help="seed of the draw (default 0)")
    make.add_argument(
        "--sentences", type=positive_int, default=20, help="sentences on the sheet (default 20)"
    )
    make.add_argument(
        "--force",
        action="store_true",
        help="replace an exercise already in --out, and files framing did not write there",
    )

    grade_ = commands.add_parser(
        "grade",
        help="grade students' answers.csv files against a key",
        description="Grade each STUDENT.csv against KEY (the exercise directory or its "
        "key.csv): precision, recall, F1 and Cohen's kappa, with feedback per sentence.",
    )
    grade_.add_argument("key", metavar="KEY", type=Path, help="exercise directory or key.csv")
    grade_.add_argument(
        "students", nargs="+", metavar="STUDENT.csv", type=Path, help="students' answer files"
    )
    grade_.add_argument("--out", type=Path, help="write grades, feedback and summary here")
    grade_.add_argument("--lang", choices=("ja", "en"), default="ja", help="feedback language")
    grade_.add_argument(
        "--skip-bad", action="store_true", help="grade the good files and list the bad ones"
    )
    grade_.add_argument(
        "--force", action="store_true", help="overwrite files in --out that framing did not write"
    )


def _table_loader(name: str) -> Callable[[Sequence[str]], Any]:
    module = importlib.import_module("framing")
    loader = getattr(module, name, None)
    if not callable(loader):
        raise FramingError(
            f"framing.{name} is not available in this installation; "
            "'framing exercise make' needs the detectors"
        )
    return loader  # type: ignore[no-any-return]


def _rule_notes() -> dict[str, str] | None:
    """Rule id (``category/id``) -> the lexicon's note on the rule, or None without a lexicon."""
    try:
        module = importlib.import_module("framing.lexicon")
    except ImportError:
        return None
    load = getattr(module, "load_lexicon", None)
    if not callable(load):
        return None
    notes: dict[str, str] = {}
    for rule in getattr(load(), "rules", ()):
        rule_id = getattr(rule, "qualified_id", None)
        note = getattr(rule, "note", None)
        if isinstance(rule_id, str) and isinstance(note, str) and note.strip():
            notes[rule_id] = note.strip()
    return notes


def _frame(value: Any, name: str) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        raise FramingError(f"framing.{name} returned {type(value).__name__}, not a DataFrame")
    return value


def _inputs(paths: list[str]) -> Any:
    """Load the inputs once (``framing.load``) so both tables share one analysis."""
    load = getattr(importlib.import_module("framing"), "load", None)
    return load(paths) if callable(load) else paths


def _run_make(args: argparse.Namespace) -> int:
    from framing.exercise import make_exercise, write_exercise

    inputs = _inputs([str(p) for p in args.input])
    sentences = _frame(_table_loader("sentences")(inputs), "sentences")
    hits = _frame(_table_loader("signals")(inputs), "signals")
    ex = make_exercise(
        sentences,
        hits,
        signals=args.signals,
        n_sentences=args.sentences,
        seed=args.seed,
        lang=args.lang,
        rule_notes=_rule_notes(),
    )
    files = write_exercise(ex, args.out, force=args.force)
    with_answers = len({a.sentence for a in ex.answers})
    print(
        f"{ex.n_sentences} sentences ({with_answers} with an answer, {len(ex.answers)} answers "
        f"in the key) on {', '.join(ex.categories)}"
    )
    print(f"wrote {', '.join(f.name for f in files)} to {args.out}")
    return 0


def _run_grade(args: argparse.Namespace) -> int:
    from framing.exercise import format_overview, grade, write_grades

    report = grade(args.key, args.students, skip_bad=args.skip_bad, lang=args.lang)
    for skipped in report.skipped:
        print(f"skipped {skipped.path}:", file=sys.stderr)
        for problem in skipped.problems:
            print(f"  {problem}", file=sys.stderr)
    print(format_overview(report))
    if args.out is not None:
        files = write_grades(report, args.out, force=args.force)
        print(f"wrote {len(files)} files to {args.out}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run ``framing exercise make`` or ``framing exercise grade``; return the exit status.

    Raises
    ------
    FramingError
        For bad input; the ``framing`` command prints it and exits with status 2.
    """
    if args.exercise_command == "make":
        return _run_make(args)
    return _run_grade(args)
