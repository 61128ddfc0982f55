"""Streaming runs: read → analyse → detect → write, document by document, in bounded memory.

:func:`stream` reads inputs lazily (:func:`framing.readers.iter_read`) and sends them through
:func:`framing.engine.run`; the command line's ``signals``, ``counts`` and ``compare`` consume
it, so neither the documents nor their analyses are ever all in memory. :class:`TableSink`
writes the rows of a table as they come, as JSONL, CSV, TSV or Parquet.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Literal

from framing.cache import Cache
from framing.document import Document
from framing.engine import DocResult, Engine, run
from framing.errors import FramingError, Problem
from framing.lexicon import Lexicon
from framing.readers import iter_read

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMATS", "Format", "TableSink", "stream"]

Format = Literal["jsonl", "csv", "tsv", "parquet", "table"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "tsv", "parquet", "table")


def stream(
    paths: Sequence[str | Path],
    lexicon: Lexicon,
    *,
    skip_bad: bool = False,
    skipped: list[Problem] | None = None,
    passed_over: list[Problem] | None = None,
    jobs: int | None = None,
    engine: Engine = "processes",
    scheduler: str | None = None,
    cache: Cache | None = None,
    lemmas: bool = True,
) -> Iterator[tuple[Document, DocResult]]:
    """``(document, result)`` for every document of ``paths``, in reading order.

    ``skipped`` and ``passed_over`` are filled as reading goes (see
    :func:`framing.readers.iter_read`); the other options are those of
    :func:`framing.engine.run`.
    """
    documents = iter_read(paths, skip_bad=skip_bad, skipped=skipped, passed_over=passed_over)
    yield from run(
        documents,
        lexicon,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        cache=cache,
        lemmas=lemmas,
    )


#: One encoder for every row (json.dumps(ensure_ascii=False) builds a new one per call);
#: values JSON has no type for (timestamps) are written as text.
_JSON = json.JSONEncoder(ensure_ascii=False, default=str)


def _jsonl(columns: list[str], rows: Sequence[Sequence[Any]]) -> str:
    """JSON lines of ``rows``, missing values (None, pd.NA, NaN) as null.

    Each line equals ``json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str)``
    with the missing values replaced by None (tested); keys are encoded once and the common
    cell types directly, which makes writing the hits of a large corpus faster.
    """
    keys = [_encode_str(str(c)) + ": " for c in columns]
    lines = []
    for row in rows:
        cells = [key + _cell(v) for key, v in zip(keys, row, strict=True)]
        lines.append("{" + ", ".join(cells) + "}\n")
    return "".join(lines)


def _cell(value: Any) -> str:
    kind = value.__class__
    if kind is str:
        return _encode_str(value)
    if kind is int:
        return int.__repr__(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None or value is getattr(sys.modules.get("pandas"), "NA", None):
        return "null"  # (pd.NA can only be here once pandas is loaded)
    if isinstance(value, float):
        if value != value:
            return "null"
        if kind is float and math.isfinite(value):
            return float.__repr__(value)
    return _JSON.encode(value)


#: JSON string literal of a ``str`` without ASCII escaping (the encoder json.dumps uses).
_encode_str: Callable[[str], str] = json.encoder.encode_basestring


class TableSink:
    """Write a table batch by batch to a file (or standard output).

    ``jsonl``, ``csv`` (spreadsheet-safe, :func:`framing.export.csv_text`, UTF-8 without BOM
    so that batches concatenate), ``tsv`` and ``parquet`` (needs pyarrow; a file is required)
    stream; ``table`` (aligned text for the terminal) is written when the sink closes.
    """

    def __init__(self, columns: Sequence[str], fmt: Format, out: Path | None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.columns = list(columns)
        self.fmt = fmt
        self.out = out
        self.rows = 0
        self._header = True
        self._held: list[pd.DataFrame] = []
        self._parquet: Any = None
        self._closing = False
        self._stream: IO[str] | None = None
        if fmt == "parquet":
            if out is None:
                raise FramingError("--format parquet needs --out FILE")
            try:
                import pyarrow  # noqa: F401
            except ImportError:
                raise FramingError(
                    'Parquet output needs pyarrow: pip install "framing[parquet]"'
                ) from None
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
        if fmt != "parquet":
            self._stream = (
                sys.stdout if out is None else out.open("w", encoding="utf-8", newline="")
            )

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        """Append rows given as sequences of values in the order of :attr:`columns`."""
        if self.fmt != "jsonl":
            import pandas as pd

            self.write(pd.DataFrame(list(rows), columns=self.columns))
            return
        assert self._stream is not None
        self.rows += len(rows)
        self._stream.write(_jsonl(self.columns, rows))

    def write(self, frame: pd.DataFrame) -> None:
        """Append the rows of ``frame`` (its columns must be :attr:`columns`)."""
        if list(frame.columns) != self.columns:
            raise ValueError(f"expected columns {self.columns}, got {list(frame.columns)}")
        self.rows += len(frame)
        if self.fmt == "table":
            self._held.append(frame)
            return
        if self.fmt == "parquet":
            self._write_parquet(frame)
            return
        if frame.empty and not self._header:
            return
        assert self._stream is not None
        if self.fmt == "jsonl":
            records = frame.to_dict(orient="records")  # native Python values
            self._stream.write(_jsonl(self.columns, [tuple(r.values()) for r in records]))
        elif self.fmt == "csv":
            from framing.export import csv_text

            text = csv_text(frame)
            self._stream.write(text if self._header else text.split("\n", 1)[1])
        else:
            frame.to_csv(self._stream, sep="\t", index=False, header=self._header)
        self._header = False

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if frame.empty and self._parquet is None and not self._closing:
            return  # an empty batch says nothing about the column types
        table = pa.Table.from_pandas(frame, preserve_index=False)
        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(str(self.out), self._schema)
        self._parquet.write_table(table.cast(self._schema))

    def close(self) -> None:
        """Finish the output (write held ``table`` rows, close files)."""
        if self.fmt == "table":
            import pandas as pd

            frame = (
                pd.concat(self._held, ignore_index=True)
                if self._held
                else pd.DataFrame(columns=self.columns)
            )
            assert self._stream is not None
            with pd.option_context(
                "display.max_rows", None, "display.max_columns", None, "display.width", 200
            ):
                self._stream.write(frame.to_string(index=False) + "\n")
        self._closing = True
        if self.fmt == "parquet" and self._parquet is None:
            import pandas as pd

            self._write_parquet(pd.DataFrame(columns=self.columns))
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None and self._stream is not sys.stdout:
            self._stream.close()

    def __enter__(self) -> TableSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
