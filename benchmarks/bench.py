"""Throughput of framing against raw fugashi tokenization of the same text, in the same run.

Machines here are shared and noisy, so absolute speeds mean little: every stage is reported
as a ratio to ``for node in tagger(text): node.surface`` over the same documents, measured
alternately (median of ``--repeat`` rounds).

    nox -s bench                     # the embedded sample (90 livedoor articles + the seed)
    nox -s bench -- --corpus ../shared/corpora/livedoor --repeat 1
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from framing.detection import analyze_document, detect
from framing.lexicon import load_lexicon
from framing.pipeline import load
from framing.readers import read
from framing.tokens import get_tagger

ROOT = Path(__file__).resolve().parent.parent


def _time(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", nargs="*", default=[str(ROOT / "seeds"), str(ROOT / "corpus")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    documents = read(args.corpus).documents
    texts = [d.text for d in documents]
    chars = sum(len(t) for t in texts)
    tagger = get_tagger()
    lexicon = load_lexicon()

    def raw_fugashi() -> None:
        for text in texts:
            for node in tagger(text):
                _ = node.surface  # the minimal work a tokenizer user does

    def fugashi_features() -> None:
        for text in texts:
            for node in tagger(text):
                feature = node.feature
                _ = (node.surface, feature.lemma, feature.pos1, feature.pos2, feature.cForm)

    analyses: list[object] = []

    def analyse() -> None:
        analyses[:] = [analyze_document(d) for d in documents]

    def detect_all() -> None:
        for analysis in analyses:
            detect(analysis, lexicon)  # type: ignore[arg-type]

    def pipeline_parallel() -> None:
        corpus = load(documents, lexicon=lexicon, progress=False)
        _ = corpus.hits

    def pipeline_single() -> None:
        corpus = load(documents, lexicon=lexicon, progress=False)
        corpus.workers = 1
        corpus.hits  # noqa: B018

    stages: dict[str, Callable[[], None]] = {
        "raw fugashi (surface only)": raw_fugashi,
        "fugashi + features by name": fugashi_features,
        "framing: normalize + sentences + tokens": analyse,
        "framing: signal detection": detect_all,
        "framing: whole pipeline, 1 process": pipeline_single,
        "framing: whole pipeline, all cores": pipeline_parallel,
    }
    timings: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(args.repeat):
        for name, stage in stages.items():
            timings[name].append(_time(stage))
    baseline = statistics.median(timings["raw fugashi (surface only)"])
    print(f"{len(documents)} documents, {chars:,} characters, median of {args.repeat} round(s)\n")
    print("| stage | seconds | chars/s | throughput vs raw fugashi |")
    print("|---|---:|---:|---:|")
    for name, values in timings.items():
        seconds = statistics.median(values)
        print(f"| {name} | {seconds:.2f} | {chars / seconds:,.0f} | {baseline / seconds:.2f} |")


if __name__ == "__main__":
    main()
