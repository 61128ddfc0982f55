"""Draw the development annotation sample from the livedoor corpus (record, not run by tests).

This script documents exactly how the sentences in ``dev.jsonl`` were drawn. It reads the
livedoor news corpus from ``../shared/corpora/livedoor`` (relative to the repository root, or
the path given as the first argument) and prints the sample as JSON lines (without labels).
The labels in ``dev.jsonl`` were then added by hand; see ``DEV_ANNOTATION.md``.

The development set uses only articles that are *not* held out, and the same sentence
splitting and pre-filter as ``make_heldout_sample.py``. Sentence texts that also occur in a
held-out article are dropped, so the two sets never share a sentence.

Usage::

    python tests/data/make_dev_sample.py [LIVEDOOR_DIR] > dev_sample.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_heldout_sample import (
    MIN_CHARS,
    Sentence,
    body_sentences,
    is_heldout,
    matches_prefilter,
)

SEED = 777
FRAME_SEED = 778
N_RANDOM = 20
N_ENRICHED = 20
FRAME_QUOTA = (("topic-news", 60), ("sports-watch", 20))

FRAME_WORDS = (
    "主権",
    "領土",
    "領有",
    "侵略",
    "占領",
    "国際法",
    "内政",
    "逮捕",
    "容疑",
    "起訴",
    "警察",
    "検察",
    "裁判",
    "判決",
    "犯罪",
    "事件",
    "石油",
    "投資",
    "経済",
    "企業",
    "難民",
    "人権",
    "死者",
    "犠牲",
    "被害",
    "攻撃",
    "作戦",
    "軍",
    "戦争",
    "戦闘",
    "ミサイル",
    "自衛隊",
    "尖閣",
    "竹島",
    "中国",
    "韓国",
    "北朝鮮",
)


def matches_frame_prefilter(text: str) -> bool:
    """Return True if a sentence contains one of the frame pre-filter words."""
    return any(w in text for w in FRAME_WORDS)


def channel_sentences(livedoor: Path, channel: str, *, heldout: bool) -> list[Sentence]:
    """Return the body sentences of one channel's held-out or non-held-out articles."""
    out: list[Sentence] = []
    for path in sorted((livedoor / channel).glob("*.txt")):
        if path.name == "LICENSE.txt" or is_heldout(channel, path.name) != heldout:
            continue
        out.extend(body_sentences(path, channel))
    return out


def unique_pool(sentences: list[Sentence], excluded: set[str]) -> list[Sentence]:
    """Keep the first occurrence of each text of at least MIN_CHARS not in ``excluded``."""
    texts: set[str] = set()
    out: list[Sentence] = []
    for s in sentences:
        if len(s.text) < MIN_CHARS or s.text in texts or s.text in excluded:
            continue
        texts.add(s.text)
        out.append(s)
    return out


def as_row(s: Sentence, kind: str) -> dict[str, object]:
    """Return the JSON record of one sampled sentence."""
    return {
        "doc_id": s.doc_id,
        "channel": s.channel,
        "position": s.position,
        "sentence_text": s.text,
        "sample": kind,
    }


def draw(livedoor: Path) -> list[dict[str, object]]:
    """Draw the sample: per channel 20 random + 20 enriched, then the frame supplement."""
    channels = sorted(p.name for p in livedoor.iterdir() if p.is_dir())
    heldout_texts = {s.text for c in channels for s in channel_sentences(livedoor, c, heldout=True)}
    pools = {c: channel_sentences(livedoor, c, heldout=False) for c in channels}
    rng = random.Random(SEED)
    seen_texts: set[str] = set()
    rows: list[dict[str, object]] = []
    for channel in channels:
        unique = unique_pool(pools[channel], heldout_texts | seen_texts)
        chosen = rng.sample(unique, N_RANDOM)
        chosen_texts = {s.text for s in chosen}
        enriched_pool = [
            s for s in unique if s.text not in chosen_texts and matches_prefilter(s.text)
        ]
        enriched = rng.sample(enriched_pool, N_ENRICHED)
        for kind, group in (("random", chosen), ("enriched", enriched)):
            for s in group:
                seen_texts.add(s.text)
                rows.append(as_row(s, kind))
    frame_rng = random.Random(FRAME_SEED)
    for channel, n in FRAME_QUOTA:
        unique = unique_pool(pools[channel], heldout_texts | seen_texts)
        frame_pool = [s for s in unique if matches_frame_prefilter(s.text)]
        for s in frame_rng.sample(frame_pool, n):
            seen_texts.add(s.text)
            rows.append(as_row(s, "frames"))
    rows.sort(key=lambda r: (str(r["doc_id"]), int(str(r["position"]))))
    return rows


def main() -> None:
    """Print the sample as JSON lines."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpora/livedoor")
    for row in draw(root):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
