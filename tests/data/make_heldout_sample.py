"""Draw the held-out annotation sample from the livedoor corpus (record, not run by tests).

This script documents exactly how the sentences in ``heldout.jsonl`` were drawn. It reads the
livedoor news corpus from ``../shared/corpora/livedoor`` (relative to the repository root, or
the path given as the first argument) and prints the sample as JSON lines (without labels).
The labels in ``heldout.jsonl`` were then added by hand; see ``ANNOTATION.md``.

Usage::

    python tests/data/make_heldout_sample.py [LIVEDOOR_DIR] > sample.jsonl
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


def main() -> None:
    """Print the sample as JSON lines."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpora/livedoor")
    for row in draw(root):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
