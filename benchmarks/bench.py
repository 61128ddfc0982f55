"""Throughput and memory of framing, as ratios to raw fugashi on the same text in the same run.

Machines here are shared and noisy, so absolute speeds mean little. Every figure is a ratio
to the *reference*: a plain loop over fugashi nodes reading ``surface``, ``feature.lemma``
and ``feature.pos1`` over the same documents, timed in this run. Each framing command runs
as its own process (``python -m framing …``), timed from outside, with the peak resident
memory of its largest process (the command or one of its workers).

    nox -s bench                                   # ../shared/corpora/livedoor if present
    nox -s bench -- --corpus PATH [--scales 1 2 4] [--jobs 2]

Rows:

* the reference, in this process;
* ``framing signals`` (hits streamed to a JSONL file) with 1 job and with ``--jobs``, cold
  (``--no-cache``);
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
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    env = {**os.environ, "FRAMING_CACHE_DIR": str(work / "cache")}
    framing = [sys.executable, "-m", "framing"]
    rows: list[tuple[str, float, float, float]] = []
    try:
        reference, chars, n_docs = _reference(args.corpus)

        def row(name: str, command: list[str]) -> tuple[float, float]:
            seconds, peak = _measure(command, env)
            rows.append((name, seconds, peak, reference / seconds))
            print(f"  {name}: {seconds:.1f} s, {peak:.0f} MB", file=sys.stderr)
            return seconds, peak

        hits = ["--format", "jsonl", "--out", str(work / "hits.jsonl"), "--no-cache"]
        single, _ = row(
            "framing signals, 1 job", [*framing, "signals", *args.corpus, *hits, "--jobs", "1"]
        )
        parallel, _ = row(
            f"framing signals, {args.jobs} jobs",
            [*framing, "signals", *args.corpus, *hits, "--jobs", str(args.jobs)],
        )
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
    print(f"reference: {reference:.1f} s, {chars / reference:,.0f} chars/s ({own:.0f} MB)")
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
    print(f"- {args.jobs} jobs vs 1: {single / parallel:.2f}× faster")
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
