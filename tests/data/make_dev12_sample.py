"""Draw the twelfth development sample from the livedoor corpus (record, not run by tests).

``dev12.jsonl`` repeats the held-out design exactly as ``dev4.jsonl`` to ``dev11.jsonl`` do
(``make_dev4_sample.draw``: per channel 25 random and 15 pre-filtered sentences, then 150
frame sentences), with its own seed, and keeps out every text of ``dev4.jsonl`` to
``dev11.jsonl`` and of both frame-article halves (whole articles, so no sentence of the
frame-article test half can be tuned on) as well as those the dev4 draw kept out (held-out
articles, ``dev.jsonl``, ``dev2.jsonl``, ``dev3.jsonl``, ``seed.jsonl``). The labels were
then added by hand; see ``DEV12_ANNOTATION.md``.

Usage::

    python tests/data/make_dev12_sample.py [LIVEDOOR_DIR] > dev12_sample.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_dev3_sample import print_sample
from make_dev4_sample import draw
from make_dev11_sample import EXCLUDED as DEV11_EXCLUDED

SEED = 20261202
#: Gold files whose texts the draw keeps out: dev11's, and dev11 itself.
EXCLUDED = (*DEV11_EXCLUDED, "dev11.jsonl")


def main() -> None:
    """Print the sample as JSON lines."""
    print_sample(draw, EXCLUDED, seed=SEED)


if __name__ == "__main__":
    main()
