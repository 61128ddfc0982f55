"""List the sentences of the seed article and its embedded tweets (record, not run by tests).

This script documents exactly how the sentences in ``seed.jsonl`` were cut from
``seeds/000_fcc0ace334e89954.txt``. It prints one JSON object per sentence (``doc_id``,
``sentence``, ``sentence_text``), article sentences first, then tweets 1..N. The labels in
``seed.jsonl`` were then added by hand; see ``SEED_ANNOTATION.md``.

Rules:

- A line ending in (or consisting of) ``— Name (@handle) Month D, YYYY`` closes an embedded
  tweet. The tweet body is the text before the ``—`` on that line plus the preceding lines of
  the tweet: one line by default, or back to the line listed in ``MULTILINE_TWEET_STARTS``.
- Every other line belongs to the article, except the boilerplate lines in ``BOILERPLATE``.
- Each line is a hard break. Within a line a sentence ends after a run of 。！？!? plus any
  closing brackets directly after the run, never inside 「」『』（）() brackets.

Usage::

    python tests/data/make_seed_sentences.py [SEED_FILE] > sentences.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_heldout_sample import split_line  # the same splitting as the held-out set

BOILERPLATE = frozenset({"目次", "この記事で扱うポイント", "<"})
ATTRIBUTION = re.compile(r"—\s*[^—]*\(@\w+\)\s+[A-Z][a-z]+ \d{1,2}, \d{4}\s*$")
# First line of each tweet whose body spans several lines (checked by prefix).
MULTILINE_TWEET_STARTS = (
    "1989年の今日は",
    "日本の総理が腰抜けだから一般人がトランプをバッサリ",
    "米帝のベネズエラ侵攻に関して",
    "『米国政府に喧嘩を売った国連』",
)


class Sentence(NamedTuple):
    """One sentence of the article or of an embedded tweet."""

    doc_id: str
    position: int
    text: str


def partition(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Return the article lines and the body lines of each tweet, in document order."""
    owner: list[int | None] = [None] * len(lines)  # None = article, k = tweet k
    bodies: list[list[str]] = []
    after_previous = 0  # first line after the previous tweet
    for i, line in enumerate(lines):
        m = ATTRIBUTION.search(line)
        if not m:
            continue
        head = line[: m.start()]
        start = i if head.strip() else i - 1
        for j in range(after_previous, start):
            if lines[j].startswith(MULTILINE_TWEET_STARTS):
                start = j  # the nearest listed start since the previous tweet wins
        bodies.append([*lines[start:i], head] if head.strip() else lines[start:i])
        for k in range(start, i + 1):
            owner[k] = len(bodies) - 1
        after_previous = i + 1
    article = [ln for ln, o in zip(lines, owner, strict=True) if o is None]
    return article, bodies


def seed_sentences(path: Path) -> list[Sentence]:
    """Return the article sentences, then the sentences of tweets 1..N."""
    stem = path.stem
    article, tweets = partition(path.read_text(encoding="utf-8").splitlines())
    out: list[Sentence] = []
    docs = [(stem, article)] + [(f"{stem}#tweet-{k + 1}", b) for k, b in enumerate(tweets)]
    for doc_id, body in docs:
        n = 0
        for line in body:
            if line.strip() in BOILERPLATE:
                continue
            for text in split_line(line):
                out.append(Sentence(doc_id, n, text))
                n += 1
    return out


def main() -> None:
    """Print the sentences as JSON lines."""
    default = Path(__file__).resolve().parents[2] / "seeds" / "000_fcc0ace334e89954.txt"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    for s in seed_sentences(path):
        row = {"doc_id": s.doc_id, "sentence": s.position, "sentence_text": s.text}
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
