"""Execute every notebook from its jupytext source; exit non-zero on the first error.

python notebooks/run.py            # all notebooks
python notebooks/run.py 02         # those whose name contains 02
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    sources = sorted(p for p in HERE.glob("[0-9][0-9]_*.py"))
    if argv:
        sources = [p for p in sources if any(a in p.name for a in argv)]
    if not sources:
        print("no notebooks found", file=sys.stderr)
        return 1
    for source in sources:
        notebook = jupytext.read(source)
        start = time.perf_counter()
        client = NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(HERE)}},
        )
        try:
            client.execute()
        except CellExecutionError as error:
            print(f"{source.name}: FAILED\n{error}", file=sys.stderr)
            return 1
        print(f"{source.name}: ok ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
