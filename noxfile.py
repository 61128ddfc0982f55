"""Development sessions: `nox -l` lists them; arguments after `--` pass through."""

from __future__ import annotations

import filecmp
import shutil
import tempfile
from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
SHARED_LIVEDOOR = ROOT.parent / "shared" / "corpora" / "livedoor"
REPORTS = {
    "reports/default": ["--lang", "ja"],
    "reports/default-en": ["--lang", "en", "--title", "Framing report: embedded default corpus"],
}


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (the browser test runs where Chromium is installed)."""
    session.install("-e", ".[test,browser]")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff and mypy --strict."""
    session.install("-e", ".[lint]")
    session.run(
        "ruff", "check", "framing", "tests", "noxfile.py", "benchmarks", "examples", "notebooks"
    )
    session.run("mypy", "framing")


@nox.session
def fuzz(session: nox.Session) -> None:
    """The property tests with many more examples (the test suite runs a bounded number)."""
    session.install("-e", ".[test]")
    session.run(
        "pytest",
        "tests/test_properties.py",
        "-q",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "fuzz"},
    )


@nox.session
def evaluate(session: nox.Session) -> None:
    """Precision, recall and F1 of the detectors on the seed, the held-out livedoor sentences and
    the test half of the frame-article set.

    With ../shared/corpora/livedoor beside the project, the rules are also run on each
    sentence's whole document ("in context" columns).
    """
    session.install("-e", ".")
    gold = [
        "tests/data/seed.jsonl",
        "tests/data/heldout.jsonl",
        "tests/data/frame_articles_test.jsonl",  # frames and attribution only
    ]
    context = []
    if SHARED_LIVEDOOR.is_dir():
        context = ["--context", "seeds", "--context", str(SHARED_LIVEDOOR)]
    else:
        session.log(f"{SHARED_LIVEDOOR} is absent: sentences are evaluated on their own only")
    session.run("framing", "evaluate", *gold, *context, *session.posargs)


def _generate_reports(session: nox.Session, target: Path) -> None:
    for folder, options in REPORTS.items():
        session.run("framing", "report", "--out", str(target / folder), *options, silent=True)


@nox.session
def report(session: nox.Session) -> None:
    """Regenerate the committed reports of the embedded default corpus in reports/.

    `nox -s report -- --check` regenerates them elsewhere and fails if reports/ is out of date.
    Library versions are pinned by constraints.txt so that the bytes are reproducible.
    """
    session.install("-c", "constraints.txt", "-e", ".")
    if "--check" in session.posargs:
        with tempfile.TemporaryDirectory() as tmp:
            _generate_reports(session, Path(tmp))
            stale = []
            for folder in REPORTS:
                fresh, committed = Path(tmp) / folder, ROOT / folder
                for path in sorted(fresh.rglob("*")):
                    if path.is_file():
                        other = committed / path.relative_to(fresh)
                        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
                            stale.append(str(other.relative_to(ROOT)))
                for path in sorted(committed.rglob("*")):
                    if path.is_file() and not (fresh / path.relative_to(committed)).is_file():
                        stale.append(f"{path.relative_to(ROOT)} (no longer generated)")
            if stale:
                session.error(
                    "reports/ is out of date; run `nox -s report`:\n  " + "\n  ".join(stale)
                )
        session.log("reports/ is up to date")
        return
    for folder in REPORTS:
        shutil.rmtree(ROOT / folder, ignore_errors=True)
    _generate_reports(session, ROOT)


@nox.session
def notebooks(session: nox.Session) -> None:
    """Execute every notebook (from its jupytext source) and fail on any error."""
    session.install("-e", ".[notebooks]")
    session.run("python", "notebooks/run.py", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Throughput and memory against raw fugashi on the full livedoor corpus (or `--corpus`)."""
    session.install("-e", ".[parquet]")
    args = session.posargs or []
    session.run("python", "benchmarks/bench.py", *args)


@nox.session
def livedoor(session: nox.Session) -> None:
    """Compare the nine channels of the full livedoor corpus (needs ../shared)."""
    if not SHARED_LIVEDOOR.is_dir():
        session.skip(f"{SHARED_LIVEDOOR} not found")
    session.install("-e", ".")
    session.run("framing", "compare", str(SHARED_LIVEDOOR), "--by", "outlet", *session.posargs)
