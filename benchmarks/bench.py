"""Throughput and memory of framing, as ratios to raw fugashi on the same text in the same run.

Machines here are shared and noisy, so absolute speeds mean little. Every figure is a ratio
to the *reference*: a plain loop over fugashi nodes reading ``surface``, ``feature.lemma``
and ``feature.pos1`` over the same documents, timed in this run. Each framing command runs
as its own process (``python -m framing …``), timed from outside, with the peak resident
memory of its largest process (the command or one of its workers).

    nox -s bench                                   # ../shared/corpora/livedoor if present
    nox -s bench -- --corpus PATH [--scales 1 2 4] [--jobs 2] [--repeat 3]

Rows:

* the reference, in this process;
* ``framing signals`` (hits streamed to a JSONL file) with 1 job and with ``--jobs``, cold
  (``--no-cache``). These three run ``--repeat`` times, one after another, and the table
  shows the median of each; the ratios "vs reference" and "jobs vs 1" are medians of the
  ratios within each round (the reference and the run it is compared with are timed
  seconds apart, so a slow spell of the machine slows both), with their range;
* ``framing report`` cold (empty cache), warm (same lexicon: results read back), and after
  a lexicon edit (analyses read back, detection runs again);
* ``framing signals`` and ``framing report`` on 1×, 2× and 4× the corpus (copies with new
  ids, written as one JSONL file per channel and copy), for memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora" / "livedoor"


def _measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``command`` in a fresh child; seconds and peak RSS (MB) of its largest process."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "seconds = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(seconds, peak, code)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    seconds, peak, code = float(out[0]), float(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(command)}")
    return seconds, peak


def _reference(corpus: list[str]) -> tuple[float, int, int]:
    from framing.readers import read
    from framing.tokens import get_tagger

    texts = [d.text for d in read(corpus).documents]
    tagger = get_tagger()
    start = time.perf_counter()
    for text in texts:
        for node in tagger(text):
            feature = node.feature
            _ = (node.surface, feature.lemma, feature.pos1)
    return time.perf_counter() - start, sum(len(t) for t in texts), len(texts)


def _copies(corpus: list[str], scale: int, folder: Path) -> Path:
    """``scale`` copies of the corpus with new ids, one JSONL file per channel and copy."""
    from framing.readers import read

    documents = read(corpus).documents
    target = folder / f"x{scale}"
    for copy in range(scale):
        by_outlet: dict[str, list[str]] = {}
        for d in documents:
            record = d.to_record()
            record["doc_id"] = f"copy{copy}/{d.doc_id}"
            record["source_spans"] = []
            record["source_path"] = None
            by_outlet.setdefault(d.outlet or "none", []).append(
                json.dumps(record, ensure_ascii=False)
            )
        for outlet, lines in by_outlet.items():
            path = target / f"copy{copy}" / f"{outlet}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = [str(SHARED)] if SHARED.is_dir() else [str(ROOT / "seeds"), str(ROOT / "corpus")]
    parser.add_argument("--corpus", nargs="+", default=default)
    parser.add_argument("--jobs", type=int, default=2, help="the parallel run (default 2)")
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds of reference and signals (default 3)"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    env = {**os.environ, "FRAMING_CACHE_DIR": str(work / "cache")}
    framing = [sys.executable, "-m", "framing"]
    rows: list[tuple[str, float, float, float]] = []
    try:
        hits = ["--format", "jsonl", "--out", str(work / "hits.jsonl"), "--no-cache"]
        signals = [*framing, "signals", *args.corpus, *hits]
        rounds: list[tuple[float, float, float, float, float]] = []
        for k in range(args.repeat):
            seconds, chars, n_docs = _reference(args.corpus)
            one, one_peak = _measure([*signals, "--jobs", "1"], env)
            many, many_peak = _measure([*signals, "--jobs", str(args.jobs)], env)
            rounds.append((seconds, one, one_peak, many, many_peak))
            print(
                f"  round {k + 1}: reference {seconds:.1f} s, signals 1 job {one:.1f} s "
                f"({seconds / one:.2f}), {args.jobs} jobs {many:.1f} s ({one / many:.2f}×)",
                file=sys.stderr,
            )
        reference = statistics.median(r[0] for r in rounds)
        single = statistics.median(r[1] for r in rounds)
        parallel = statistics.median(r[3] for r in rounds)
        vs_reference = [r[0] / r[1] for r in rounds]
        speedup = [r[1] / r[3] for r in rounds]
        rows.append(
            (
                "framing signals, 1 job",
                single,
                max(r[2] for r in rounds),
                statistics.median(vs_reference),
            )
        )
        rows.append(
            (
                f"framing signals, {args.jobs} jobs",
                parallel,
                max(r[4] for r in rounds),
                statistics.median(r[0] / r[3] for r in rounds),
            )
        )

        def row(name: str, command: list[str]) -> tuple[float, float]:
            seconds, peak = _measure(command, env)
            rows.append((name, seconds, peak, reference / seconds))
            print(f"  {name}: {seconds:.1f} s, {peak:.0f} MB", file=sys.stderr)
            return seconds, peak

        report = [*framing, "report", *args.corpus, "--jobs", str(args.jobs), "--force"]
        cold, _ = row("framing report, cold cache", [*report, "--out", str(work / "r1")])
        warm, _ = row("framing report, warm cache", [*report, "--out", str(work / "r2")])
        lexicon = work / "lexicon"
        shutil.copytree(ROOT / "framing" / "lexicons", lexicon)
        booster = lexicon / "booster.yaml"
        booster.write_text(booster.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
        edited, _ = row(
            "framing report, lexicon edited (analyses cached)",
            [*report, "--out", str(work / "r3"), "--lexicon", str(lexicon)],
        )
        scaled = []
        for scale in args.scales:
            folder = _copies(args.corpus, scale, work / "scaled")
            _, peak_signals = row(
                f"framing signals, {args.jobs} jobs, {scale}× corpus",
                [*framing, "signals", str(folder), *hits, "--jobs", str(args.jobs)],
            )
            _, peak_report = row(
                f"framing report, {args.jobs} jobs, {scale}× corpus",
                [
                    *framing,
                    "report",
                    str(folder),
                    "--jobs",
                    str(args.jobs),
                    "--no-cache",
                    "--out",
                    str(work / f"rx{scale}"),
                ],
            )
            scaled.append((scale, peak_signals, peak_report))
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n_docs:,} documents, {chars:,} characters ({' '.join(args.corpus)})")
    print(
        f"reference: {reference:.1f} s (median of {args.repeat}), "
        f"{chars / reference:,.0f} chars/s ({own:.0f} MB)"
    )
    print()
    print("| run | seconds | chars/s | throughput vs reference | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| reference: fugashi nodes, surface + lemma + pos1 | {reference:.1f} | "
        f"{chars / reference:,.0f} | 1.00 | |"
    )
    for name, seconds, peak, ratio in rows:
        scale = next((s for s in args.scales if name.endswith(f"{s}× corpus")), 1)
        print(
            f"| {name} | {seconds:.1f} | {scale * chars / seconds:,.0f} | "
            f"{ratio * scale:.2f} | {peak:.0f} |"
        )
    print()
    print(
        f"- framing signals, 1 job, vs reference: {statistics.median(vs_reference):.2f} "
        f"(median of {args.repeat} rounds; range {min(vs_reference):.2f}–{max(vs_reference):.2f})"
    )
    print(
        f"- {args.jobs} jobs vs 1: {statistics.median(speedup):.2f}× faster "
        f"(range {min(speedup):.2f}–{max(speedup):.2f})"
    )
    print(
        f"- warm report vs cold: {cold / warm:.2f}× faster; after a lexicon edit: "
        f"{cold / edited:.2f}× faster"
    )
    for scale, peak_signals, peak_report in scaled:
        print(
            f"- {scale}× corpus: peak RSS signals {peak_signals:.0f} MB, "
            f"report {peak_report:.0f} MB"
        )


if __name__ == "__main__":
    main()
