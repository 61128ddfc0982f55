"""Draw the development samples that repeat the held-out design (record, not run by tests).

``dev5.jsonl`` to ``dev30.jsonl`` each repeat the design of ``dev4.jsonl``
(``make_dev4_sample.draw``: per channel 25 random and 15 pre-filtered sentences, then 150
frame sentences) with a seed of their own (:data:`SEEDS`), and keep out every text of the
samples before them (:func:`excluded`): those the dev4 draw kept out (held-out articles,
``dev.jsonl``, ``dev2.jsonl``, ``dev3.jsonl``, ``seed.jsonl``), ``dev4.jsonl`` up to the
previous sample, and from dev8 on both frame-article halves (whole articles, so no sentence
of the frame-article test half can be tuned on). The labels were then added by hand; see
``DEV5_ANNOTATION.md`` … ``DEV30_ANNOTATION.md``.

Usage::

    python tests/data/make_repeat_sample.py dev12 [LIVEDOOR_DIR] > dev12_sample.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_dev3_sample import print_sample
from make_dev4_sample import EXCLUDE_FILES, draw

#: The seed of each sample's draw.
SEEDS = {
    "dev5": 20261128,
    "dev6": 20261130,
    "dev7": 20261201,
    "dev8": 20261128,
    "dev9": 20261129,
    "dev10": 20261130,
    "dev11": 20261131,
    "dev12": 20261202,
    "dev13": 20261203,
    "dev14": 20261204,
    "dev15": 20261205,
    "dev16": 20261206,
    "dev17": 20261207,
    "dev18": 20261208,
    "dev19": 20261209,
    "dev20": 20261210,
    "dev21": 20261211,
    "dev22": 20261212,
    "dev23": 20261213,
    "dev24": 20261214,
    "dev25": 20261215,
    "dev26": 20261216,
    "dev27": 20261217,
    "dev28": 20261218,
    "dev29": 20261219,
    "dev30": 20261220,
}
#: The first sample drawn after the frame-article set, which keeps out both of its halves.
FRAME_ARTICLES_OUT_FROM = 8


def excluded(name: str) -> tuple[str, ...]:
    """The gold files whose texts the draw of ``name`` keeps out."""
    number = int(name.removeprefix("dev"))
    earlier = tuple(f"dev{k}.jsonl" for k in range(4, number))
    halves = ("frame_articles_tune.jsonl", "frame_articles_test.jsonl")
    return (*EXCLUDE_FILES, *earlier, *(halves if number >= FRAME_ARTICLES_OUT_FROM else ()))


def main() -> None:
    """Print the sample named on the command line as JSON lines."""
    if len(sys.argv) < 2 or sys.argv[1] not in SEEDS:
        raise SystemExit(f"usage: make_repeat_sample.py {{{','.join(SEEDS)}}} [LIVEDOOR_DIR]")
    name = sys.argv[1]
    root = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    print_sample(draw, excluded(name), root=root, seed=SEEDS[name])


if __name__ == "__main__":
    main()
