"""The command line: outputs, exit codes and error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in (
        "ingest",
        "tokens",
        "signals",
        "compare",
        "kwic",
        "report",
        "exercise",
        "check",
        "lexicon",
    ):
        assert command in out


def test_ingest_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "x.jsonl"
    code, _, err = run(capsys, "ingest", SEED, "--out", out_file)
    assert code == 0
    rows = [json.loads(line) for line in out_file.read_text("utf-8").splitlines()]
    assert [r["medium"] for r in rows].count("article") == 1
    assert [r["medium"] for r in rows].count("tweet") == 11
    handles = {r["handle"]: r["published"] for r in rows if r["medium"] == "tweet"}
    assert handles["ReutersJapan"] == "2026-01-05"
    assert handles["kyodo_official"] == "2026-01-05"
    assert handles["jinbo11"] == "2025-12-20"
    article = next(r for r in rows if r["medium"] == "article")
    assert "t.co/" not in article["text"] and "pic.twitter.com" not in article["text"]
    assert "12 documents" in err


def test_ingest_output_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "a.jsonl"
    second = tmp_path / "b.jsonl"
    run(capsys, "ingest", SEED, "--out", first)
    code, _, _ = run(capsys, "ingest", first, "--out", second)
    assert code == 0
    a = [json.loads(line) for line in first.read_text("utf-8").splitlines()]
    b = [json.loads(line) for line in second.read_text("utf-8").splitlines()]
    assert [(r["doc_id"], r["text"], r["handle"]) for r in a] == [
        (r["doc_id"], r["text"], r["handle"]) for r in b
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_signals_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "signals", SEED, "--format", fmt)
    assert code == 0
    assert "hedge.reportative" in out
    if fmt == "jsonl":
        row = json.loads(out.splitlines()[0])
        assert set(row) >= {"doc_id", "category", "rule", "quoted", "sentence_text"}


def test_tokens_tsv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("と報じられています。", encoding="utf-8")
    code, out, _ = run(capsys, "tokens", path, "--format", "tsv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split("\t")[:4] == ["doc_id", "sentence", "surface", "lemma"]
    assert any("\t報じ\t報ずる\t" in line for line in lines)


def test_compare_selects_signals(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "compare", SEED, "--by", "voice", "--signals", "hedge", "--format", "csv"
    )
    assert code == 0
    header, *rows = out.lstrip("\ufeff").splitlines()
    assert header.startswith("by,group,category")
    assert {row.split(",")[2] for row in rows} == {
        "hedge.reportative",
        "hedge.inferential",
        "hedge.epistemic",
    }


def test_compare_unknown_signal(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "compare", SEED, "--signals", "hedges")
    assert code == 2
    assert "unknown signal 'hedges'" in err


def test_kwic(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "kwic", SEED, "--category", "hedge.reportative", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(r["category"] == "hedge.reportative" for r in rows)
    assert any(r["hit"] == "とされる" for r in rows)


def test_check_reports_positions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", SEED, "--max", "hedge.reportative=5")
    assert code == 1
    first = out.splitlines()[0]
    assert first == f"{SEED}:4:44: hedge.reportative: と報じられ"
    lines = SEED.read_text("utf-8").splitlines()
    assert lines[3][43:].startswith("と報じられ")
    assert "exceeds 5" in err


def test_check_passes_within_limits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", SEED, "--max", "hedge.reportative=1000")
    assert code == 0
    assert out == ""


def test_check_bad_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", SEED, "--max", "hedge=abc")
    assert code == 2
    assert "CATEGORY=RATE_PER_1K" in err


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ('{"id": "1", "text": "a"}\n{bad\n', ".jsonl", ":2: invalid JSON"),
        ("id,body\n1,a\n", ".csv", ":1: the header has no 'text' column"),
        ('{"id": "1"}\n', ".jsonl", ":1: missing column(s) text"),
    ],
)
def test_bad_input_is_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, suffix: str, message: str
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "signals", path)
    assert code == 2
    assert f"{path}{message}" in err
    assert "Traceback" not in err


def test_undecodable_and_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x80\xff\xfe\x81\x00abc")
    code, _, err = run(capsys, "ingest", path)
    assert code == 2 and "cannot decode" in err
    code, _, err = run(capsys, "ingest", tmp_path / "missing.txt")
    assert code == 2 and "no such file" in err


def test_skip_bad_lists_what_it_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "1", "text": "逮捕された。"}\n{bad\n', encoding="utf-8")
    code, out, err = run(capsys, "signals", path, "--skip-bad", "--format", "jsonl")
    assert code == 0
    assert "skipped:" in err and ":2:" in err
    assert "frame.justice" in out


def test_empty_file_is_zero_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "ingest", path)
    assert code == 0
    assert "0 documents" in err


def test_lexicon_check_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    folder = ROOT / "framing" / "lexicons"
    code, out, _ = run(capsys, "lexicon", "check", folder)
    assert code == 0
    assert "0 failure(s)" in out


def test_lexicon_check_reports_all_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "family: hedge\nversion: 1\nrules:\n"
        "  - id: a\n    category: hedge.nope\n    phrase: とされる\n    examples: [x]\n"
        "  - id: b\n    category: hedge.reportative\n    pattern: [{lemma: と, colour: red}]\n"
        "    examples: [x]\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "lexicon", "check", path)
    assert code == 2
    assert "2 problem(s)" in err
    assert "rule 'a'" in err and "hedge.nope" in err
    assert "colour" in err and "allowed:" in err


def test_lexicon_check_failing_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "family: hedge\nversion: 1\nrules:\n"
        "  - id: a\n    category: hedge.reportative\n    phrase: とされる\n"
        "    examples: [雨が降った。]\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "lexicon", "check", path)
    assert code == 1
    assert "example does not match: 雨が降った。" in out


def test_custom_lexicon_is_used(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "env.yaml"
    path.write_text(
        "family: frame\nversion: 1\ncategories:\n  frame.environment: {ja: 環境, en: environment}\n"
        "rules:\n  - id: climate\n    category: frame.environment\n    phrase: 気候変動\n"
        "    examples: [気候変動が進む。]\n",
        encoding="utf-8",
    )
    text = tmp_path / "t.txt"
    text.write_text("気候変動が進むと報じられている。", encoding="utf-8")
    code, out, _ = run(capsys, "signals", text, "--lexicon", path, "--format", "jsonl")
    assert code == 0
    categories = {json.loads(line)["category"] for line in out.splitlines()}
    assert categories == {"frame.environment"}


def test_report_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "report", SEED, "--by", "voice", "--out", tmp_path, "--lang", "en")
    assert code == 0
    for name in ("index.html", "report.md", "report.json"):
        assert (tmp_path / name).is_file()
    assert list((tmp_path / "tables").glob("*.csv"))


def test_folders_say_what_they_pass_over(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "ingest", ROOT / "corpus", "--out", tmp_path / "c.jsonl")
    assert code == 0
    assert "90 documents" in err
    assert (
        "passed over 11 file(s) that are not documents: README.md, README.txt, LICENSE.txt" in err
    )
