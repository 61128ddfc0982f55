"""Draw the thirteenth development sample from the livedoor corpus (record, not run by tests).

``dev13.jsonl`` repeats the held-out design exactly as ``dev4.jsonl`` to ``dev12.jsonl`` do
(``make_dev4_sample.draw``: per channel 25 random and 15 pre-filtered sentences, then 150
frame sentences), with its own seed, and keeps out every text of ``dev4.jsonl`` to
``dev12.jsonl`` and of both frame-article halves (whole articles, so no sentence of the
frame-article test half can be tuned on) as well as those the dev4 draw kept out (held-out
articles, ``dev.jsonl``, ``dev2.jsonl``, ``dev3.jsonl``, ``seed.jsonl``). The labels were
then added by hand; see ``DEV13_ANNOTATION.md``.

Usage::

    python tests/data/make_dev13_sample.py [LIVEDOOR_DIR] > dev13_sample.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_dev3_sample import print_sample
from make_dev4_sample import draw
from make_dev12_sample import EXCLUDED as DEV12_EXCLUDED

SEED = 20261203
#: Gold files whose texts the draw keeps out: dev12's, and dev12 itself.
EXCLUDED = (*DEV12_EXCLUDED, "dev12.jsonl")


def main() -> None:
    """Print the sample as JSON lines."""
    print_sample(draw, EXCLUDED, seed=SEED)


if __name__ == "__main__":
    main()
