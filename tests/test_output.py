"""Safe output: only inside the output folder, never over foreign files, atomically."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import framing.output as output
from framing.errors import FramingError
from framing.output import MANIFEST, write_file, write_files
from framing.report import Report, write_report

FILES = {
    "index.html": b"<p>one</p>\n",
    "report.md": "# 報告\n".encode(),
    "tables/overview.csv": b"\xef\xbb\xbfa,b\n1,2\n",
    "charts/rates.svg": b"<svg/>\n",
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (dotfiles included) -> its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _leftovers(out: Path) -> list[Path]:
    """Temporary folders of a write, next to ``out`` or inside it."""
    return [*out.parent.glob(f".{out.name}.tmp-*"), *out.glob(".framing-tmp-*")]


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "../escape.txt",
        "tables/../../escape.txt",
        "a//b.txt",
        "./a.txt",
        "a/./b.txt",
        "",
        "tables\\x.csv",
        "C:/x.csv",
        "C:x.csv",
        "a\0b",
        MANIFEST,
    ],
)
def test_names_outside_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(FramingError, match=r"refusing to write|non-empty"):
        write_files(out, {"index.html": b"x", name: b"evil"}, force=True)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_file_and_a_folder_of_the_same_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FramingError, match="one is a folder"):
        write_files(tmp_path / "out", {"a": b"1", "a/b": b"2"})


def test_a_symbolic_link_out_of_the_folder_is_refused_even_with_force(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "charts").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(FramingError, match="leads outside"):
        write_files(out, FILES, force=True)
    assert list(elsewhere.iterdir()) == []
    assert not (out / "index.html").exists()


def test_a_symbolic_link_file_is_replaced_not_followed(tmp_path: Path) -> None:
    out, target = tmp_path / "out", tmp_path / "precious.txt"
    out.mkdir()
    target.write_bytes(b"precious")
    (out / "index.html").symlink_to(target)
    with pytest.raises(FramingError, match="refusing to overwrite"):
        write_files(out, FILES)
    write_files(out, FILES, force=True)
    assert target.read_bytes() == b"precious"
    assert not (out / "index.html").is_symlink()
    assert (out / "index.html").read_bytes() == FILES["index.html"]


# --- writing, re-writing, refusing ------------------------------------------------------------


def test_writes_the_files_and_a_deterministic_manifest(tmp_path: Path) -> None:
    written = write_files(tmp_path / "a", FILES)
    assert written == [tmp_path / "a" / name for name in FILES]
    snapshot = _snapshot(tmp_path / "a")
    assert set(snapshot) == {*FILES, MANIFEST}
    assert all(snapshot[name] == data for name, data in FILES.items())
    manifest = json.loads(snapshot[MANIFEST])
    assert manifest["files"] == {
        name: hashlib.sha256(data).hexdigest() for name, data in sorted(FILES.items())
    }
    write_files(tmp_path / "b", dict(reversed(FILES.items())))
    assert (tmp_path / "b" / MANIFEST).read_bytes() == snapshot[MANIFEST]
    assert _leftovers(tmp_path / "a") == []


def test_writing_again_over_its_own_output_needs_no_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, FILES)
    changed = {**FILES, "index.html": b"<p>two</p>\n"}
    write_files(out, changed)
    assert (out / "index.html").read_bytes() == b"<p>two</p>\n"
    write_files(out, changed)


def test_a_foreign_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_bytes(b"my notes")
    (out / "index.html").write_bytes(b"my page")
    with pytest.raises(FramingError) as caught:
        write_files(out, FILES)
    message = str(caught.value)
    assert message.startswith(f"refusing to overwrite {out / 'index.html'}: framing did not")
    assert "(1 more file(s) are in the way)" in message and "--force" in message
    assert _snapshot(out) == {"report.md": b"my notes", "index.html": b"my page"}
    assert _leftovers(out) == []
    write_files(out, FILES, force=True)
    assert (out / "report.md").read_bytes() == FILES["report.md"]
    write_files(out, FILES)  # now framing's own


def test_an_edited_file_is_not_overwritten_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, FILES)
    (out / "report.md").write_bytes(b"edited by hand")
    with pytest.raises(FramingError, match=r"report\.md: it changed since framing wrote it"):
        write_files(out, FILES)
    assert (out / "report.md").read_bytes() == b"edited by hand"
    write_files(out, FILES, force=True)
    assert (out / "report.md").read_bytes() == FILES["report.md"]


def test_other_files_in_the_folder_are_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine")
    write_files(out, FILES)
    write_files(out, {"index.html": b"x"})
    assert (out / "notes.txt").read_bytes() == b"mine"


def test_files_no_longer_written_are_removed_when_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, {**FILES, "charts/old.svg": b"<svg/>", "tables/old.csv": b"a\n"})
    (out / "tables" / "old.csv").write_bytes(b"edited")
    write_files(out, {"index.html": b"x", "tables/overview.csv": b"a\n"})
    assert not (out / "charts").exists()  # emptied, so removed
    assert (out / "tables" / "old.csv").read_bytes() == b"edited"  # edited: kept
    assert set(json.loads((out / MANIFEST).read_bytes())["files"]) == {
        "index.html",
        "tables/overview.csv",
    }
    write_files(out, {"tables/old.csv": b"a\n"}, force=True)  # it is no longer framing's


def test_a_folder_in_the_way_is_an_error_even_with_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "index.html").mkdir(parents=True)
    (out / "tables").write_bytes(b"a file")
    with pytest.raises(FramingError, match="a folder of that name is in the way"):
        write_files(out, {"index.html": b"x"}, force=True)
    with pytest.raises(FramingError, match="tables is not a folder"):
        write_files(out, {"tables/a.csv": b"x"}, force=True)


def test_the_output_folder_must_be_a_folder(tmp_path: Path) -> None:
    (tmp_path / "out").write_bytes(b"x")
    with pytest.raises(FramingError, match="exists and is not a folder"):
        write_files(tmp_path / "out", FILES)


def test_a_broken_manifest_makes_every_file_foreign(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, FILES)
    (out / MANIFEST).write_bytes(b"{not json")
    with pytest.raises(FramingError, match="framing did not write it"):
        write_files(out, FILES)


# --- atomicity --------------------------------------------------------------------------------


def _fail_on_call(n: int, real: Any, error: BaseException) -> Any:
    calls = [0]

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == n:
            raise error
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_while_writing_leaves_the_previous_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    out = tmp_path / "out"
    write_files(out, FILES)
    before = _snapshot(out)
    new = {name: data + b"new" for name, data in FILES.items()}
    monkeypatch.setattr(output, "_write_new", _fail_on_call(3, output._write_new, error))
    with pytest.raises(FramingError if isinstance(error, OSError) else KeyboardInterrupt) as caught:
        write_files(out, new)
    if isinstance(error, OSError):
        assert "No space left on device" in str(caught.value)
        assert "tables/overview.csv" in str(caught.value)
    assert _snapshot(out) == before
    assert _leftovers(out) == []


def test_a_failure_while_moving_into_place_puts_the_old_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_files(out, FILES)
    before = _snapshot(out)
    new = {**{name: data + b"new" for name, data in FILES.items()}, "charts/new.svg": b"<svg/>"}
    # call 1 replaces the manifest, calls 2-4 move three files, call 5 fails
    monkeypatch.setattr(os, "replace", _fail_on_call(5, os.replace, OSError(5, "I/O error")))
    with pytest.raises(FramingError, match="I/O error"):
        write_files(out, new)
    assert _snapshot(out) == before
    assert _leftovers(out) == []


def test_a_failure_on_a_fresh_folder_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(os, "replace", _fail_on_call(3, os.replace, OSError(5, "I/O error")))
    with pytest.raises(FramingError):
        write_files(out, FILES)
    assert _snapshot(out) == {}
    assert _leftovers(out) == []


def test_content_may_be_a_function_that_writes_it_in_blocks(tmp_path: Path) -> None:
    """A large file is streamed: the function gets ``write`` and calls it block by block; the
    manifest records the SHA-256 of everything written."""
    data = FILES["report.md"] * 1000

    def blocks(write: Any) -> None:
        for start in range(0, len(data), 100):
            write(data[start : start + 100])

    write_files(tmp_path, {**FILES, "report.md": blocks})
    assert (tmp_path / "report.md").read_bytes() == data
    manifest = json.loads((tmp_path / MANIFEST).read_bytes())
    assert manifest["files"]["report.md"] == hashlib.sha256(data).hexdigest()
    write_files(tmp_path, FILES)  # its own file: replaced without force


def test_a_failure_inside_a_content_function_leaves_the_previous_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_files(out, FILES)
    before = _snapshot(out)

    def broken(write: Any) -> None:
        write(b"half a table")
        raise ValueError("rendering failed")

    with pytest.raises(ValueError, match="rendering failed"):
        write_files(out, {**FILES, "tables/overview.csv": broken})
    assert _snapshot(out) == before
    assert _leftovers(out) == []


# --- one file ---------------------------------------------------------------------------------


def test_write_file(tmp_path: Path) -> None:
    path = tmp_path / "hits.csv"
    assert write_file(path, b"a\n") == path
    write_file(path, b"b\n")  # its own file: no force needed
    assert path.read_bytes() == b"b\n"
    (tmp_path / "mine.csv").write_bytes(b"mine")
    with pytest.raises(FramingError, match="refusing to overwrite"):
        write_file(tmp_path / "mine.csv", b"x")
    write_file(tmp_path / "other.csv", b"c\n")
    assert set(json.loads((tmp_path / MANIFEST).read_bytes())["files"]) == {
        "hits.csv",
        "other.csv",
    }
    write_file(tmp_path / "mine.csv", b"x", force=True)
    assert (tmp_path / "mine.csv").read_bytes() == b"x"


# --- the report and the exercise commands -----------------------------------------------------


def _report(text: str) -> Report:
    table = pd.DataFrame({"group": ["a", "b"], "n": [1, 2]})
    return Report(
        html=f"<p>{text}</p>",
        markdown=f"# {text}\n",
        json={"title": text},
        tables={"overview": table},
        charts={"rates": "<svg/>"},
    )


def test_write_report_rewrites_its_own_report_and_refuses_foreign_files(tmp_path: Path) -> None:
    out = tmp_path / "report"
    written = write_report(_report("一"), out)
    assert [p.relative_to(out).as_posix() for p in written] == [
        "index.html",
        "report.md",
        "report.json",
        "tables/overview.csv",
        "charts/rates.svg",
        MANIFEST,
    ]
    assert (out / "tables" / "overview.csv").read_bytes().startswith(b"\xef\xbb\xbfgroup,n\n")
    write_report(_report("二"), out)
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>二</p>"
    (out / "index.html").write_text("mine", encoding="utf-8")
    with pytest.raises(FramingError, match=r"index\.html: it changed since framing wrote it"):
        write_report(_report("三"), out)
    write_report(_report("三"), out, force=True)
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>三</p>"


def test_write_report_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report"
    write_report(_report("一"), out)
    before = _snapshot(out)
    monkeypatch.setattr(output, "_write_new", _fail_on_call(4, output._write_new, OSError(28, "")))
    with pytest.raises(FramingError):
        write_report(_report("二"), out)
    assert _snapshot(out) == before
    assert _leftovers(out) == []


EXERCISE_DATA = Path(__file__).parent / "data" / "exercise"


def _exercise_main(argv: Sequence[str]) -> int:
    from framing.cli import main

    return main(["exercise", *argv])


SENTENCES = pd.DataFrame(
    {
        "doc_id": ["a", "a"],
        "outlet": ["o", "o"],
        "medium": ["article", "article"],
        "sentence": [0, 1],
        "start": [0, 14],
        "end": [14, 24],
        "text": ["拘束したと報じられています。", "今日は晴れ。"],
        "quoted": [False, False],
        "morphemes": [8, 4],
    }
)
HITS = pd.DataFrame(
    {
        "doc_id": ["a"],
        "outlet": ["o"],
        "medium": ["article"],
        "sentence": [0],
        "start": [4],
        "end": [12],
        "signal": ["hedge"],
        "category": ["hedge.reportative"],
        "rule": ["hedge.reportative/a"],
        "text": ["と報じられています"],
        "quoted": [False],
        "sentence_text": [""],
        "source_named": [pd.NA],
    }
)


@pytest.fixture
def detectors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand-ins for framing.load, framing.sentences and framing.signals."""
    framing = importlib.import_module("framing")
    monkeypatch.setattr(framing, "load", lambda paths: paths, raising=False)
    monkeypatch.setattr(framing, "sentences", lambda paths: SENTENCES, raising=False)
    monkeypatch.setattr(framing, "signals", lambda paths: HITS, raising=False)
    monkeypatch.setattr("framing.cli.exercise._rule_notes", lambda: {})


def test_exercise_make_refuses_a_foreign_file_unless_forced(
    detectors: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ex"
    out.mkdir()
    (out / "worksheet.html").write_text("my own worksheet", encoding="utf-8")
    argv = ["make", "a.txt", "--signals", "hedge", "--out", str(out)]
    assert _exercise_main(argv) == 2
    err = capsys.readouterr().err
    assert f"refusing to overwrite {out / 'worksheet.html'}" in err and "--force" in err
    assert (out / "worksheet.html").read_text(encoding="utf-8") == "my own worksheet"
    assert not (out / "key.csv").exists()
    assert _exercise_main([*argv, "--force"]) == 0
    assert "my own" not in (out / "worksheet.html").read_text(encoding="utf-8")
    assert (out / MANIFEST).is_file()


def test_exercise_grade_rewrites_its_grades_and_refuses_foreign_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "grades"
    students = [str(p) for p in sorted((EXERCISE_DATA / "students").glob("*.csv"))]
    argv = ["grade", str(EXERCISE_DATA / "key"), *students, "--out", str(out)]
    assert _exercise_main(argv) == 0
    assert _exercise_main(argv) == 0  # again over its own grades
    (out / "grades.csv").write_text("edited", encoding="utf-8")
    capsys.readouterr()
    assert _exercise_main(argv) == 2
    assert "grades.csv: it changed since framing wrote it" in capsys.readouterr().err
    assert (out / "grades.csv").read_text(encoding="utf-8") == "edited"
    assert _exercise_main([*argv, "--force"]) == 0
    assert (out / "grades.csv").read_bytes().startswith(b"\xef\xbb\xbfstudent,category,")
    assert _exercise_main([*argv[:-2], str(out / "feedback" / "alice.md")]) == 2
