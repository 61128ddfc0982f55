"""Draw the held-out annotation sample from the livedoor corpus (record, not run by tests).

This script documents exactly how the sentences in ``heldout.jsonl`` were drawn. It reads the
livedoor news corpus from ``../shared/corpora/livedoor`` (relative to the repository root, or
the path given as the first argument) and prints the sample as JSON lines (without labels).
The labels in ``heldout.jsonl`` were then added by hand; see ``ANNOTATION.md``.

The sample was drawn in two separate steps, each with its own seed:

1. ``draw``: per channel 25 random plus 15 enriched sentences (``sample`` "random" and
   "enriched"), seed ``SEED``. Printed by default; its output is unchanged since it was first
   drawn.
2. ``draw_frames``: 150 further sentences that match the frame pre-filter, spread over the
   channels in proportion to how many held-out sentences match there (``sample`` "frames"),
   seed ``FRAMES_SEED``. Printed with ``--frames``.

Usage::

    python tests/data/make_heldout_sample.py [LIVEDOOR_DIR] > sample.jsonl
    python tests/data/make_heldout_sample.py [LIVEDOOR_DIR] --frames > frames.jsonl
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import NamedTuple

SEED = 20260105
N_RANDOM = 25
N_ENRICHED = 15
MIN_CHARS = 4

FINAL_MARKS = "。！？!?"
CLOSERS = "」』）)"
OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")"}

QUESTION_END = re.compile(
    r"(？|\?|か。|かな[。！？!?]?|でしょうか[。？?]?|だろうか[。？?]?)[」』）)]*$"
)
PREFILTER_WORDS = (
    "によると",
    "という",
    "とされ",
    "といわれ",
    "と言われ",
    "報じ",
    "伝えられ",
    "そうだ",
    "らしい",
    "ようだ",
    "みたい",
    "と思われ",
    "と見られ",
    "とみられ",
    "かもしれ",
    "かも",
    "だろう",
    "でしょう",
    "可能性",
    "おそれ",
    "明らか",
    "確実",
    "間違いな",
    "必ず",
    "当然",
    "まさに",
    "決して",
    "絶対",
    "はず",
    "違いない",
    "よね",
    "ね。",
    "皆さん",
    "あなた",
    "私たち",
    "ましょう",
    "てください",
    "主権",
    "領土",
    "領有",
    "侵略",
    "占領",
    "国際法",
    "内政干渉",
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
    "攻撃",
    "作戦",
    "軍",
    "戦闘",
    "述べ",
    "語っ",
    "発表",
    "明かし",
    "話し",
    "コメント",
    "関係者",
)


class Sentence(NamedTuple):
    """One body sentence of a held-out article."""

    doc_id: str
    channel: str
    position: int
    text: str


def is_heldout(channel: str, file_name: str) -> bool:
    """Return True if ``<channel>/<file_name>`` belongs to the held-out split."""
    return hashlib.sha1(f"{channel}/{file_name}".encode()).hexdigest()[0] == "0"


def split_line(line: str) -> list[str]:
    """Split one body line into sentences.

    A sentence ends after a run of 。！？!? plus any closing brackets directly after the run,
    but never inside 「」『』（）() brackets.
    """
    pieces: list[str] = []
    stack: list[str] = []
    buf: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        buf.append(ch)
        if ch in OPENERS:
            stack.append(OPENERS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in FINAL_MARKS and not stack:
            while i + 1 < len(line) and line[i + 1] in FINAL_MARKS:
                i += 1
                buf.append(line[i])
            while i + 1 < len(line) and line[i + 1] in CLOSERS:
                i += 1
                buf.append(line[i])
            pieces.append("".join(buf))
            buf = []
        i += 1
    pieces.append("".join(buf))
    return [p.strip() for p in pieces if p.strip()]


def body_sentences(path: Path, channel: str) -> list[Sentence]:
    """Return the body sentences (line 4 onwards) of one article."""
    lines = path.read_text(encoding="utf-8").splitlines()
    doc_id = f"{channel}/{path.stem}"
    out: list[Sentence] = []
    for line in lines[3:]:
        for text in split_line(line):
            out.append(Sentence(doc_id, channel, len(out), text))
    return out


def matches_prefilter(text: str) -> bool:
    """Return True if a sentence matches the broad 'enriched' pre-filter."""
    return bool(QUESTION_END.search(text)) or any(w in text for w in PREFILTER_WORDS)


def draw(livedoor: Path) -> list[dict[str, object]]:
    """Draw the sample: per channel 25 random plus 15 enriched sentences."""
    rng = random.Random(SEED)
    seen_texts: set[str] = set()
    rows: list[dict[str, object]] = []
    channels = sorted(p.name for p in livedoor.iterdir() if p.is_dir())
    for channel in channels:
        pool: list[Sentence] = []
        for path in sorted((livedoor / channel).glob("*.txt")):
            if path.name == "LICENSE.txt" or not is_heldout(channel, path.name):
                continue
            pool.extend(s for s in body_sentences(path, channel) if len(s.text) >= MIN_CHARS)
        unique: list[Sentence] = []
        texts: set[str] = set()
        for s in pool:  # keep the first occurrence of each sentence text
            if s.text not in texts:
                texts.add(s.text)
                unique.append(s)
        unique = [s for s in unique if s.text not in seen_texts]
        chosen = rng.sample(unique, N_RANDOM)
        chosen_texts = {s.text for s in chosen}
        enriched_pool = [
            s for s in unique if s.text not in chosen_texts and matches_prefilter(s.text)
        ]
        enriched = rng.sample(enriched_pool, N_ENRICHED)
        for kind, group in (("random", chosen), ("enriched", enriched)):
            for s in group:
                seen_texts.add(s.text)
                rows.append(
                    {
                        "doc_id": s.doc_id,
                        "channel": s.channel,
                        "position": s.position,
                        "sentence_text": s.text,
                        "sample": kind,
                    }
                )
    rows.sort(key=lambda r: (str(r["doc_id"]), int(str(r["position"]))))
    return rows


# ---------------------------------------------------------------------------------------------
# Step 2: the frame-enriched sample (drawn after step 1, from the same held-out split)
# ---------------------------------------------------------------------------------------------

FRAMES_SEED = 20260106
N_FRAMES = 150
FRAME_WORDS = (
    "主権",
    "領土",
    "領有",
    "侵略",
    "占領",
    "国際法",
    "内政",
    "介入",
    "逮捕",
    "容疑",
    "起訴",
    "警察",
    "検察",
    "裁判",
    "判決",
    "犯罪",
    "事件",
    "捜査",
    "石油",
    "投資",
    "経済",
    "企業",
    "市場",
    "資源",
    "難民",
    "人権",
    "死者",
    "犠牲",
    "被害",
    "避難",
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
    """Return True if a sentence contains any of the frame pre-filter strings."""
    return any(w in text for w in FRAME_WORDS)


def allocate(sizes: dict[str, int], total: int) -> dict[str, int]:
    """Split ``total`` over channels in proportion to ``sizes`` (largest remainder).

    Ties in the remainder go to the channel that comes first in sorted order.
    """
    whole = sum(sizes.values())
    quotas = {c: total * n / whole for c, n in sizes.items()}
    counts = {c: int(q) for c, q in quotas.items()}
    by_remainder = sorted(sizes, key=lambda c: (-(quotas[c] - counts[c]), c))
    for c in by_remainder[: total - sum(counts.values())]:
        counts[c] += 1
    return counts


def draw_frames(livedoor: Path, exclude: set[str]) -> list[dict[str, object]]:
    """Draw step 2: ``N_FRAMES`` sentences matching the frame pre-filter.

    The pool holds every held-out body sentence of at least ``MIN_CHARS`` characters that
    matches ``matches_frame_prefilter``, keeping the first occurrence of each text (over all
    channels, in sorted channel and file order) and dropping texts in ``exclude`` (the
    step-1 sample). Each channel gets a share of ``N_FRAMES`` proportional to its pool size
    (``allocate``); then, channel by channel in sorted order, ``rng.sample`` picks that many.
    """
    rng = random.Random(FRAMES_SEED)
    texts = set(exclude)
    pools: dict[str, list[Sentence]] = {}
    channels = sorted(p.name for p in livedoor.iterdir() if p.is_dir())
    for channel in channels:
        pool: list[Sentence] = []
        for path in sorted((livedoor / channel).glob("*.txt")):
            if path.name == "LICENSE.txt" or not is_heldout(channel, path.name):
                continue
            for s in body_sentences(path, channel):
                if len(s.text) < MIN_CHARS or s.text in texts:
                    continue
                texts.add(s.text)
                if matches_frame_prefilter(s.text):
                    pool.append(s)
        pools[channel] = pool
    counts = allocate({c: len(pool) for c, pool in pools.items()}, N_FRAMES)
    rows: list[dict[str, object]] = []
    for channel in channels:
        for s in rng.sample(pools[channel], counts[channel]):
            rows.append(
                {
                    "doc_id": s.doc_id,
                    "channel": s.channel,
                    "position": s.position,
                    "sentence_text": s.text,
                    "sample": "frames",
                }
            )
    rows.sort(key=lambda r: (str(r["doc_id"]), int(str(r["position"]))))
    return rows


def main() -> None:
    """Print step 1 (default) or step 2 (``--frames``) as JSON lines."""
    args = [a for a in sys.argv[1:] if a != "--frames"]
    root = Path(args[0]) if args else Path("../shared/corpora/livedoor")
    rows = draw(root)
    if "--frames" in sys.argv[1:]:
        rows = draw_frames(root, {str(r["sentence_text"]) for r in rows})
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
