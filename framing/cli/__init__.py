"""The ``framing`` command line: one subcommand per stage of the pipeline.

Every command reads INPUT paths the way ``framing ingest`` does. Problems with input end in
one message naming the file and line, exit status 2, and no traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from framing.errors import FramingError, InputErrors

if TYPE_CHECKING:
    import pandas as pd

    from framing.counts import CountTable

__all__ = ["main", "positive_int"]


def _inputs(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "input",
        nargs="+" if required else "*",
        metavar="INPUT",
        help="files or folders (.txt, .jsonl, .csv, tweets.js, X API .json)",
    )
    parser.add_argument(
        "--skip-bad", action="store_true", help="skip unreadable files and rows, and list them"
    )
    parser.add_argument(
        "--lexicon",
        action="append",
        metavar="PATH",
        help="lexicon file or folder (repeatable); replaces the shipped lexicons",
    )


def _engine(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("how to run")
    group.add_argument(
        "--jobs",
        type=positive_int,
        metavar="N",
        help="worker processes (default: all cores; 1 = this process)",
    )
    group.add_argument(
        "--engine",
        choices=("processes", "dask"),
        default="processes",
        help="processes on this machine (default) or a Dask cluster",
    )
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running scheduler (tcp://host:8786); default: a local cluster",
    )
    group.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="neither read nor write the analysis cache (`framing cache info`)",
    )


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _run_options(args: argparse.Namespace) -> dict[str, Any]:
    from framing.cache import Cache

    if args.scheduler and args.engine != "dask":
        raise FramingError("--scheduler needs --engine dask")
    return {
        "jobs": args.jobs,
        "engine": args.engine,
        "scheduler": args.scheduler,
        "cache": Cache.default() if args.cache else None,
    }


def _out(parser: argparse.ArgumentParser, formats: Sequence[str], default: str) -> None:
    parser.add_argument(
        "--format", choices=formats, default=default, help=f"output format (default {default})"
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write here instead of standard output"
    )


def _open_out(path: Path | None) -> TextIO:
    if path is None:
        return sys.stdout
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8", newline="")


def _write_table(frame: pd.DataFrame, fmt: str, out: Path | None) -> None:
    from framing.stream import Format, TableSink

    with TableSink([str(c) for c in frame.columns], cast(Format, fmt), out) as sink:
        sink.write(frame)


def _corpus(args: argparse.Namespace) -> Any:
    from framing.pipeline import load

    options = _run_options(args) if hasattr(args, "jobs") else {}
    corpus = load(args.input or None, lexicon=args.lexicon, skip_bad=args.skip_bad, **options)
    _tell_problems(corpus.skipped, corpus.passed_over)
    return corpus


def _tell_problems(skipped: Sequence[Any], passed_over: Sequence[Any]) -> None:
    for problem in skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    if passed_over:
        names = ", ".join(Path(p.path).name for p in passed_over[:5])
        more = f" and {len(passed_over) - 5} more" if len(passed_over) > 5 else ""
        print(
            f"passed over {len(passed_over)} file(s) that are not documents: {names}{more}",
            file=sys.stderr,
        )


def _lexicon(args: argparse.Namespace) -> Any:
    from framing.lexicon import load_lexicon

    return load_lexicon(args.lexicon) if args.lexicon else load_lexicon()


def _stream(
    args: argparse.Namespace, lexicon: Any, *, lemmas: bool = False
) -> Iterator[tuple[Any, Any]]:
    """``(document, result)`` pairs of the inputs, streamed; problems told at the end.

    Only a report needs the documents' ``lemmas`` (for keyness)."""
    from framing.pipeline import default_corpus_paths
    from framing.stream import stream

    skipped: list[Any] = []
    passed_over: list[Any] = []
    paths = args.input or default_corpus_paths()
    # Reading, analysing, detecting and writing make no reference cycles, but millions of
    # objects that the cyclic collector would walk again and again (about 5% of the time on
    # livedoor): it is off while the documents stream, and so in the workers forked meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield from stream(
            paths,
            lexicon,
            skip_bad=args.skip_bad,
            skipped=skipped,
            passed_over=passed_over,
            lemmas=lemmas,
            **_run_options(args),
        )
    finally:
        if enabled:
            gc.enable()
    _tell_problems(skipped, passed_over)


def _batched(pairs: Iterator[tuple[Any, Any]], size: int = 256) -> Iterator[list[tuple[Any, Any]]]:
    batch: list[tuple[Any, Any]] = []
    for pair in pairs:
        batch.append(pair)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _stream_counts(args: argparse.Namespace) -> CountTable:
    """The counts, aggregated document by document (no document kept in memory)."""
    from framing.counts import CountTable

    lexicon = _lexicon(args)
    table = CountTable(lexicon)
    for document, result in _stream(args, lexicon):
        table.add(document, result)
    return table


def _cmd_ingest(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    stream = _open_out(args.out)
    try:
        for document in corpus.documents:
            stream.write(json.dumps(document.to_record(), ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdout:
            stream.close()
    print(f"{len(corpus.documents)} documents", file=sys.stderr)
    return 0


def _cmd_tokens(args: argparse.Namespace) -> int:
    from framing.pipeline import tokens_table

    _write_table(tokens_table(_corpus(args)), args.format, args.out)
    return 0


def _cmd_signals(args: argparse.Namespace) -> int:
    from framing.pipeline import HIT_COLUMNS, hit_rows, hits_frame
    from framing.stream import TableSink

    documents = 0
    with TableSink(HIT_COLUMNS, args.format, args.out) as sink:
        for batch in _batched(_stream(args, _lexicon(args))):
            documents += len(batch)
            rows = [row for d, r in batch for row in hit_rows(d, r.hits)]
            if args.format == "jsonl":
                sink.write_rows(rows)
            else:
                sink.write(hits_frame(rows))
    print(f"{sink.rows} hits in {documents} documents", file=sys.stderr)
    return 0


def _cmd_counts(args: argparse.Namespace) -> int:
    _write_table(_stream_counts(args).frame(), args.format, args.out)
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from framing.comparison import compare

    counts = _stream_counts(args).documents()  # per-document form: no long table
    categories = _categories(args.signals, counts.categories)
    table = compare(
        counts, by=args.by, categories=categories, seed=args.seed, correction=args.correction
    )
    _write_table(table, args.format, args.out)
    return 0


def _categories(selection: str | None, available: Sequence[str]) -> list[str] | None:
    if not selection:
        return None
    chosen: list[str] = []
    for name in (part.strip() for part in selection.split(",") if part.strip()):
        matched = [c for c in available if c == name or c.split(".")[0] == name]
        if not matched:
            raise FramingError(
                f"unknown signal {name!r}; choose from {', '.join(sorted(available))}"
            )
        chosen.extend(c for c in matched if c not in chosen)
    return chosen


def _cmd_kwic(args: argparse.Namespace) -> int:
    from framing.kwic import kwic

    table = kwic(_corpus(args), category=args.category, width=args.width)
    if args.by:
        table = table.sort_values([args.by, "doc_id", "start"], kind="stable")
    _write_table(table, args.format, args.out)
    return 0


def _cmd_lexicon_check(args: argparse.Namespace) -> int:
    from framing.lexicon import check_examples, check_lemmas, load_lexicon

    lexicon = load_lexicon(args.path, extra=())
    for warning in check_lemmas(lexicon):
        print(f"warning: {warning}")
    problems = check_examples(lexicon)  # each text analysed as its rule's medium
    for problem in problems:
        print(problem)
    failures = len(problems)
    rules = lexicon.distinct_rules
    n_examples = sum(len(r.examples) + len(r.counterexamples) for r in rules)
    print(f"{len(rules)} rules, {n_examples} examples checked, {failures} failure(s)")
    return 1 if failures else 0


def _cmd_check(args: argparse.Namespace) -> int:
    from framing.counts import count_signals

    limits: dict[str, float] = {}
    for item in args.max:
        name, _, value = item.partition("=")
        try:
            limits[name.strip()] = float(value)
        except ValueError:
            raise FramingError(
                f"--max {item!r}: expected CATEGORY=RATE_PER_1K, e.g. hedge.reportative=5"
            ) from None
    corpus = _corpus(args)
    counts = count_signals(corpus, metadata=False)
    known = set(counts["category"])
    for name in limits:
        if name not in known:
            raise FramingError(
                f"--max: unknown category {name!r}; choose from {', '.join(sorted(known))}"
            )
    over = counts[counts["category"].isin(limits)]
    over = over[over["per_1k_morphemes"] > over["category"].map(limits)]
    if over.empty:
        print(f"ok: {len(corpus.documents)} documents within limits", file=sys.stderr)
        return 0
    for row in over.itertuples(index=False):
        print(
            f"{row.doc_id}: {row.category}: {row.per_1k_morphemes:.1f} per 1,000 morphemes "
            f"exceeds {limits[str(row.category)]:g}",
            file=sys.stderr,
        )
    bad = set(zip(over["doc_id"], over["category"], strict=True))
    sources: dict[str, str] = {}
    for document, hits in zip(corpus.documents, corpus.hits, strict=True):
        for hit in hits:
            if (document.doc_id, hit.category) in bad:
                line, column = _position(document, hit.start, sources)
                print(f"{document.source_path}:{line}:{column}: {hit.category}: {hit.text}")
    return 1


def _position(document: Any, offset: int, sources: dict[str, str]) -> tuple[int, int]:
    """1-based line and column of a text offset in the document's source file.

    Where the text was not copied verbatim (a JSON-escaped JSONL or CSV cell), the line is
    the row's first line and the column counts within the document's text.
    """
    source_offset = document.source_offset(offset)
    if not document.source_path:
        return (1, offset + 1)
    from framing.readers.encoding import read_text

    path = document.source_path
    if path not in sources:
        sources[path] = read_text(Path(path))
    source = sources[path]
    if source_offset is None:
        row_start = document.source_spans[0][0] if document.source_spans else 0
        return source.count("\n", 0, row_start) + 1, offset + 1
    line = source.count("\n", 0, source_offset) + 1
    column = source_offset - (source.rfind("\n", 0, source_offset) + 1) + 1
    return line, column


def _cmd_report(args: argparse.Namespace) -> int:
    from framing.api import report_digest
    from framing.digest import digest

    lexicon = _lexicon(args)
    written = report_digest(
        digest(_stream(args, lexicon, lemmas=True), lexicon, by=args.by),
        out=args.out,
        lang=args.lang,
        title=args.title,
        force=args.force,
        cache=_run_options(args)["cache"],
    )
    for path in written:
        print(path, file=sys.stderr)
    return 0


def _cmd_cache(args: argparse.Namespace) -> int:
    from framing.cache import Cache

    cache = Cache.default()
    if args.action == "clear":
        print(f"removed {cache.clear()} entries from {cache.directory}")
        return 0
    stats = cache.stats()
    print(f"cache: {stats.directory}")
    for kind, n in stats.entries.items():
        print(f"  {kind}: {n} entries, {stats.bytes[kind] / 1e6:.1f} MB")
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from framing.evaluation import (
        GoldSentence,
        evaluate,
        evaluation_table,
        load_gold,
        predict_baseline,
        predict_in_context,
        predict_rules,
    )
    from framing.lexicon import load_lexicon
    from framing.readers import read

    lexicon = load_lexicon(args.lexicon)
    documents = read(args.context).documents if args.context else []

    def in_context(gold: Sequence[GoldSentence]) -> list[frozenset[str]]:
        return predict_in_context(gold, documents, lexicon)

    systems: dict[str, Any] = {"rules": lambda g: predict_rules(g, lexicon)}
    if args.context:
        systems["in context"] = in_context
    systems["regex"] = predict_baseline
    for path in args.gold:
        gold = load_gold(path)
        table = evaluate(gold, systems)
        print(f"\n### {path} ({len(gold)} sentences)\n")
        print(evaluation_table(table, systems=tuple(systems)))
    return 0


def _parser() -> argparse.ArgumentParser:
    from framing import __version__

    parser = argparse.ArgumentParser(
        prog="framing",
        description="Measure how Japanese media frame events, and compare outlets.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("ingest", help="read inputs into documents (JSONL)")
    _inputs(p)
    p.add_argument(
        "--out", type=Path, metavar="FILE", help="write JSONL here instead of standard output"
    )
    p.set_defaults(run=_cmd_ingest)

    p = sub.add_parser("tokens", help="one row per morpheme")
    _inputs(p)
    _out(p, ("jsonl", "tsv", "csv"), "tsv")
    p.set_defaults(run=_cmd_tokens)

    p = sub.add_parser("signals", help="one row per framing-signal hit (streamed)")
    _inputs(p)
    _out(p, ("jsonl", "csv", "tsv", "parquet", "table"), "table")
    _engine(p)
    p.set_defaults(run=_cmd_signals)

    p = sub.add_parser("counts", help="per-document counts and rates of every category")
    _inputs(p)
    _out(p, ("jsonl", "csv", "table"), "table")
    _engine(p)
    p.set_defaults(run=_cmd_counts)

    p = sub.add_parser("compare", help="compare groups: rates with intervals, tests, effect sizes")
    _inputs(p)
    p.add_argument(
        "--by", default="outlet", help="outlet, medium or a metadata column (default outlet)"
    )
    p.add_argument("--signals", help="comma-separated families or categories (default all)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--correction", choices=("holm", "fdr_bh"), default="holm")
    _out(p, ("table", "csv", "jsonl"), "table")
    _engine(p)
    p.set_defaults(run=_cmd_compare)

    p = sub.add_parser("kwic", help="keyword in context for one category or family")
    _inputs(p)
    p.add_argument("--category", required=True, help="e.g. hedge.reportative or hedge")
    p.add_argument("--by", choices=("outlet", "medium"), help="order the lines by this column")
    p.add_argument("--width", type=int, default=30, help="characters of context on each side")
    _out(p, ("table", "csv", "jsonl"), "table")
    p.set_defaults(run=_cmd_kwic)

    p = sub.add_parser("lexicon", help="work with lexicon files")
    lex = p.add_subparsers(dest="lexicon_command", metavar="ACTION", required=True)
    q = lex.add_parser("check", help="validate lexicon files and test every rule's examples")
    q.add_argument("path", nargs="+", metavar="PATH", help="lexicon YAML files or folders")
    q.set_defaults(run=_cmd_lexicon_check)

    p = sub.add_parser("report", help="write an HTML/Markdown/JSON/CSV report")
    _inputs(p, required=False)
    p.add_argument("--by", default="outlet", help="grouping column (default outlet)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--lang", choices=("ja", "en"), default="ja")
    p.add_argument("--title", help="report title")
    p.add_argument(
        "--force", action="store_true", help="overwrite files in DIR that framing did not write"
    )
    _engine(p)
    p.set_defaults(run=_cmd_report)

    p = sub.add_parser("cache", help="the analysis cache: where it is, how big, clear it")
    p.add_argument("action", choices=("info", "clear"))
    p.set_defaults(run=_cmd_cache)

    p = sub.add_parser("check", help="lint drafts: fail when a document exceeds a rate limit")
    _inputs(p)
    p.add_argument(
        "--max",
        action="append",
        required=True,
        metavar="CATEGORY=RATE_PER_1K",
        help="limit (repeatable)",
    )
    p.set_defaults(run=_cmd_check)

    p = sub.add_parser("evaluate", help="precision, recall and F1 against annotated sentences")
    p.add_argument("gold", nargs="+", type=Path, metavar="GOLD.jsonl")
    p.add_argument("--lexicon", action="append", metavar="PATH")
    p.add_argument(
        "--context",
        action="append",
        metavar="PATH",
        help="the gold sentences' documents (anything `framing ingest` reads; repeatable): "
        "adds 'in context' columns, the rules run on each whole document (interview turns, "
        "neighbouring sentences)",
    )
    p.set_defaults(run=_cmd_evaluate)

    from framing.cli import exercise

    exercise.add_parser(sub)
    sub.choices["exercise"].set_defaults(run=exercise.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``framing`` command."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except InputErrors as error:
        print(f"framing: {error}", file=sys.stderr)
        return 2
    except FramingError as error:
        print(f"framing: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
