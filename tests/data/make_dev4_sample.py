"""Draw the fourth development sample from the livedoor corpus (record, not run by tests).

This script documents exactly how the sentences in ``dev4.jsonl`` were drawn. It reads the
livedoor news corpus from ``../shared/corpora/livedoor`` (relative to the repository root, or
the path given as the first argument) and prints the sample as JSON lines (without labels).
The labels in ``dev4.jsonl`` were then added by hand; see ``DEV4_ANNOTATION.md``.

The earlier development samples were weighted towards the categories where the detectors were
weak, so their base rates differ from the held-out sample's. This one repeats the *held-out*
design (``make_heldout_sample.py``) on articles that are not held out, so that it estimates what
the held-out set measures without being it:

1. per channel (sorted order) 25 random sentences, then 15 that match the held-out "enriched"
   pre-filter (``matches_prefilter``);
2. 150 sentences matching the held-out frame pre-filter (``matches_frame_prefilter``), spread
   over the channels in proportion to their pool sizes (``allocate``).

Exclusions: sentences under ``MIN_CHARS`` characters, every text of a held-out article, every
text in ``dev.jsonl``, ``dev2.jsonl``, ``dev3.jsonl`` and ``seed.jsonl``, and every text already
drawn. Only the first occurrence of a text is kept. One ``random.Random(SEED)`` is used
throughout.

Usage::

    python tests/data/make_dev4_sample.py [LIVEDOOR_DIR] > dev4_sample.jsonl
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_dev2_sample import as_row, load_channel
from make_dev3_sample import print_sample
from make_heldout_sample import (
    MIN_CHARS,
    N_ENRICHED,
    N_FRAMES,
    N_RANDOM,
    Sentence,
    allocate,
    matches_frame_prefilter,
    matches_prefilter,
)

SEED = 20261127
EXCLUDE_FILES = ("dev.jsonl", "dev2.jsonl", "dev3.jsonl", "seed.jsonl")


def draw(livedoor: Path, excluded: set[str], *, seed: int = SEED) -> list[dict[str, object]]:
    """Draw the sample (see the module docstring); later samples reuse the design with their
    own ``seed``."""
    channels = sorted(p.name for p in livedoor.iterdir() if p.is_dir())
    heldout_texts = {s.text for c in channels for s, _ in load_channel(livedoor, c, heldout=True)}
    taken: set[str] = set(excluded) | heldout_texts
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    pools: dict[str, list[Sentence]] = {}
    for channel in channels:
        pool: list[Sentence] = []
        seen: set[str] = set()
        for s, _ in load_channel(livedoor, channel, heldout=False):
            if len(s.text) >= MIN_CHARS and s.text not in seen and s.text not in taken:
                seen.add(s.text)
                pool.append(s)
        pools[channel] = pool
        chosen = rng.sample(pool, N_RANDOM)
        taken.update(s.text for s in chosen)
        candidates = [s for s in pool if s.text not in taken and matches_prefilter(s.text)]
        enriched = rng.sample(candidates, N_ENRICHED)
        taken.update(s.text for s in enriched)
        rows.extend(as_row(s, "random") for s in chosen)
        rows.extend(as_row(s, "enriched") for s in enriched)
    frame_pools = {
        c: [s for s in pool if s.text not in taken and matches_frame_prefilter(s.text)]
        for c, pool in pools.items()
    }
    counts = allocate({c: len(p) for c, p in frame_pools.items()}, N_FRAMES)
    for channel in channels:
        rows.extend(as_row(s, "frames") for s in rng.sample(frame_pools[channel], counts[channel]))
    rows.sort(key=lambda r: (str(r["doc_id"]), int(str(r["position"]))))
    return rows


def main() -> None:
    """Print the sample as JSON lines."""
    print_sample(draw, EXCLUDE_FILES)


if __name__ == "__main__":
    main()
