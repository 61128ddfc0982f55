"""Draw the third development sample from the livedoor corpus (record, not run by tests).

This script documents exactly how the sentences in ``dev3.jsonl`` were drawn. It reads the
livedoor news corpus from ``../shared/corpora/livedoor`` (relative to the repository root, or
the path given as the first argument) and prints the sample as JSON lines (without labels).
The labels in ``dev3.jsonl`` were then added by hand; see ``DEV3_ANNOTATION.md``.

Like ``make_dev2_sample.py`` it uses only articles that are *not* held out and the sentence
splitting of ``make_heldout_sample.py``. Sentence texts that occur in a held-out article, and
sentences already in ``dev.jsonl``, ``dev2.jsonl`` or ``seed.jsonl``, are dropped.

Per channel (sorted order) the pools are drawn in this order, a sentence drawn for one pool
being removed from the later ones:

- ``random`` (3): uniformly from all sentences;
- ``engagement`` (6), ``attribution`` (6), ``question`` (3), ``hedge`` (3): sentences that
  contain one of the pool's marker strings (``POOL_MARKERS``; ``question`` uses
  ``ends_as_question`` from ``make_dev2_sample.py``, plus 「…か」 or ？ anywhere, so that
  quoted and embedded questions come in as near-misses);

then ``frames``: sentences containing a frame word (``FRAME_WORDS``), 21 from topic-news and
5 from each of livedoor-homme, it-life-hack and kaden-channel (``FRAME_QUOTAS``).
A single ``random.Random(SEED)`` is used throughout.

Usage::

    python tests/data/make_dev3_sample.py [LIVEDOOR_DIR] > dev3_sample.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_dev2_sample import as_row, ends_as_question, load_channel
from make_heldout_sample import MIN_CHARS, Sentence

SEED = 7373
POOL_SIZES = (("random", 3), ("engagement", 6), ("attribution", 6), ("question", 3), ("hedge", 3))
FRAME_QUOTAS = (
    ("topic-news", 21),
    ("livedoor-homme", 5),
    ("it-life-hack", 5),
    ("kaden-channel", 5),
)
EXCLUDE_FILES = ("dev.jsonl", "dev2.jsonl", "seed.jsonl")

QUOTE_FRAME = re.compile(r"「[^「」]*」(と|という|など|との)")
QUOTED_QUESTION = re.compile(r"(か|？|\?)」")
POOL_MARKERS: dict[str, tuple[str, ...]] = {
    "engagement": (
        "よね",
        "ね。",
        "ね！",
        "ましょう",
        "てください",
        "て下さい",
        "てみて",
        "皆さん",
        "みなさん",
        "あなた",
        "私たち",
        "ぜひ",
        "是非",
        "ませんか",
        "読者",
    ),
    "attribution": (
        "語った",
        "語る",
        "話した",
        "と話す",
        "述べ",
        "明かし",
        "コメント",
        "発表",
        "によると",
        "という声",
        "との声",
        "関係者",
    ),
    "hedge": (
        "とされ",
        "とみられ",
        "と見られ",
        "ようだ",
        "ようです",
        "かもしれ",
        "という。",
        "らしい",
        "そうだ",
        "そうです",
        "可能性",
        "だろう",
        "でしょう",
        "と思われ",
    ),
}
FRAME_WORDS = (
    "違法",
    "法律",
    "法的",
    "裁判",
    "逮捕",
    "正義",
    "責任",
    "処罰",
    "主権",
    "侵略",
    "介入",
    "国際法",
    "容疑",
    "警察",
    "判決",
    "起訴",
    "犯罪",
    "領土",
    "竹島",
    "尖閣",
    "占領",
    "訴訟",
    "被害",
    "事件",
    "戦争",
    "経済",
)


def has_marker(text: str, pool: str) -> bool:
    """Return True if a sentence is a candidate for ``pool`` (a pre-filter, not a label)."""
    if pool == "random":
        return True
    if pool == "question":
        return ends_as_question(text) or bool(QUOTED_QUESTION.search(text))
    if pool == "attribution" and QUOTE_FRAME.search(text):
        return True
    return any(m in text for m in POOL_MARKERS[pool])


def draw(livedoor: Path, excluded: set[str]) -> list[dict[str, object]]:
    """Draw the sample (see the module docstring)."""
    channels = sorted(p.name for p in livedoor.iterdir() if p.is_dir())
    heldout_texts = {s.text for c in channels for s, _ in load_channel(livedoor, c, heldout=True)}
    taken: set[str] = set(excluded) | heldout_texts
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []

    def pick(pool: list[Sentence], n: int, kind: str) -> None:
        for s in rng.sample(pool, min(n, len(pool))):
            taken.add(s.text)
            rows.append(as_row(s, kind))

    def unique(sents: list[tuple[Sentence, bool]]) -> list[Sentence]:
        seen: set[str] = set()
        out: list[Sentence] = []
        for s, _ in sents:
            if len(s.text) < MIN_CHARS or s.text in seen or s.text in taken:
                continue
            seen.add(s.text)
            out.append(s)
        return out

    def where(pool: list[Sentence], ok: Callable[[str], bool]) -> list[Sentence]:
        return [s for s in pool if s.text not in taken and ok(s.text)]

    for channel in channels:
        pool = unique(load_channel(livedoor, channel, heldout=False))
        for kind, n in POOL_SIZES:
            pick(where(pool, partial(has_marker, pool=kind)), n, kind)
    for channel, n in FRAME_QUOTAS:
        pool = unique(load_channel(livedoor, channel, heldout=False))
        pick(where(pool, lambda t: any(w in t for w in FRAME_WORDS)), n, "frames")
    rows.sort(key=lambda r: (str(r["doc_id"]), int(str(r["position"]))))
    return rows


def gold_texts(names: tuple[str, ...]) -> set[str]:
    """The sentence texts of gold files in this folder (to keep out of a new sample)."""
    here = Path(__file__).resolve().parent
    return {
        str(json.loads(line)["sentence_text"])
        for name in names
        for line in (here / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def print_sample(
    draw: Callable[..., list[dict[str, object]]],
    exclude_files: tuple[str, ...],
    *,
    root: Path | None = None,
    **options: object,
) -> None:
    """Print ``draw(root, texts of exclude_files, **options)`` as JSON lines; ``root`` is by
    default the first command-line argument, else ``../shared/corpora/livedoor``."""
    if root is None:
        root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpora/livedoor")
    for row in draw(root, gold_texts(exclude_files), **options):
        print(json.dumps(row, ensure_ascii=False))


def main() -> None:
    """Print the sample as JSON lines."""
    print_sample(draw, EXCLUDE_FILES)


if __name__ == "__main__":
    main()
