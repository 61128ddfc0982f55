"""Draw the second development sample from the livedoor corpus (record, not run by tests).

This script documents exactly how the sentences in ``dev2.jsonl`` were drawn. It reads the
livedoor news corpus from ``../shared/corpora/livedoor`` (relative to the repository root, or
the path given as the first argument) and prints the sample as JSON lines (without labels).
The labels in ``dev2.jsonl`` were then added by hand; see ``DEV2_ANNOTATION.md``.

Like ``make_dev_sample.py`` it uses only articles that are *not* held out and the sentence
splitting of ``make_heldout_sample.py``. Sentence texts that occur in a held-out article, and
sentences already in ``dev.jsonl``, are dropped.

Per channel (sorted order) the pools are drawn in this order, a sentence drawn for one pool
being removed from the later ones:

- ``random`` (10): uniformly from all sentences;
- ``question`` (10): sentences that end as questions; up to ``N_INTERVIEW_Q`` of them from
  interview articles (``is_interview``), the rest from all question-ending sentences;
- ``engagement`` (8), ``attribution`` (8), ``booster`` (6), ``hedge`` (6): sentences that
  contain one of the pool's marker strings (``POOL_MARKERS``);

then ``frames`` (40): topic-news sentences containing a frame word (``FRAME_WORDS``).
A single ``random.Random(SEED)`` is used throughout.

Usage::

    python tests/data/make_dev2_sample.py [LIVEDOOR_DIR] > dev2_sample.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_heldout_sample import MIN_CHARS, Sentence, body_sentences, is_heldout

SEED = 4242
N_RANDOM = 10
N_QUESTION = 10
N_INTERVIEW_Q = 4
N_FRAMES = 40
FRAME_CHANNEL = "topic-news"

QUESTION_END = re.compile(
    r"(？|\?|か。|かな[。！？!?]?|でしょうか[。？?]?|だろうか[。？?]?|のか[。？?]?"
    r"|ですか[。？?]?|ますか[。？?]?)[」』）)]*(（[^（）]*）|\([^()]*\))?$"
)
QUOTE_FRAME = re.compile(r"「[^「」]*」(と|という|など)")
POOL_MARKERS: dict[str, tuple[str, ...]] = {
    "engagement": (
        "よね",
        "ね。",
        "ましょう",
        "てください",
        "てみて",
        "皆さん",
        "あなた",
        "私たち",
    ),
    "attribution": ("語った", "話した", "述べた", "明かした", "コメント", "発表"),
    "booster": (
        "明らか",
        "確実",
        "間違い",
        "必ず",
        "当然",
        "まさに",
        "決して",
        "絶対",
        "はず",
        "違いない",
        "断言",
        "言い切",
        "もちろん",
    ),
    "hedge": (
        "とされ",
        "といわれ",
        "と言われ",
        "報じ",
        "伝えられ",
        "という。",
        "とのこと",
        "によると",
        "ようだ",
        "らしい",
        "そうだ",
        "かもしれ",
        "可能性",
        "だろう",
        "でしょう",
    ),
}
POOL_SIZES = (("engagement", 8), ("attribution", 8), ("booster", 6), ("hedge", 6))
FRAME_WORDS = (
    "逮捕",
    "容疑",
    "事件",
    "警察",
    "裁判",
    "判決",
    "起訴",
    "犯罪",
    "被害",
    "主権",
    "領土",
    "竹島",
    "尖閣",
    "国際法",
    "侵略",
    "占領",
)

INTERVIEW_TURN = re.compile(r"^(――|──|Q[：:]|Ｑ[：:])")
NAME_TAG = re.compile(r"^([^\s「」『』（）()：:、。]{1,10})[：:](.+)")


def ends_as_question(text: str) -> bool:
    """Return True if a sentence ends as a question (before closers or a trailing （…） tag)."""
    return bool(QUESTION_END.search(text))


def has_marker(text: str, pool: str) -> bool:
    """Return True if a sentence contains one of the marker strings of ``pool``."""
    if pool == "attribution" and QUOTE_FRAME.search(text):
        return True
    return any(m in text for m in POOL_MARKERS[pool])


def is_interview(lines: list[str]) -> bool:
    """Return True if an article body reads as an interview or a dialogue.

    That is: two or more lines start with ――, ── or Q：, or at least two speaker tags
    (``Name：`` followed by 10+ characters of prose with 。？！) each open two or more lines.
    The prose condition keeps spec lines (価格：, カテゴリ：) out.
    """
    if sum(1 for line in lines if INTERVIEW_TURN.match(line.strip())) >= 2:
        return True
    tags: Counter[str] = Counter()
    for line in lines:
        m = NAME_TAG.match(line.strip())
        if m and len(m.group(2)) >= 10 and re.search(r"[。？！?!]", m.group(2)):
            tags[m.group(1)] += 1
    return sum(1 for n in tags.values() if n >= 2) >= 2


def load_channel(livedoor: Path, channel: str, *, heldout: bool) -> list[tuple[Sentence, bool]]:
    """Return (sentence, from an interview article) for one channel's (non-)held-out articles."""
    out: list[tuple[Sentence, bool]] = []
    for path in sorted((livedoor / channel).glob("*.txt")):
        if path.name == "LICENSE.txt" or is_heldout(channel, path.name) != heldout:
            continue
        interview = is_interview(path.read_text(encoding="utf-8").splitlines()[3:])
        out.extend((s, interview) for s in body_sentences(path, channel))
    return out


def any_sentence(s: Sentence, interview: bool) -> bool:
    """Accept every sentence (the filter of the ``random`` pool)."""
    return True


def as_row(s: Sentence, kind: str) -> dict[str, object]:
    """Return the JSON record of one sampled sentence."""
    return {
        "doc_id": s.doc_id,
        "channel": s.channel,
        "position": s.position,
        "sentence_text": s.text,
        "sample": kind,
    }


def draw(livedoor: Path, dev_texts: set[str]) -> list[dict[str, object]]:
    """Draw the sample (see the module docstring)."""
    channels = sorted(p.name for p in livedoor.iterdir() if p.is_dir())
    heldout_texts = {s.text for c in channels for s, _ in load_channel(livedoor, c, heldout=True)}
    taken: set[str] = set(dev_texts) | heldout_texts
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []

    def pick(pool: list[Sentence], n: int, kind: str) -> None:
        for s in rng.sample(pool, min(n, len(pool))):
            taken.add(s.text)
            rows.append(as_row(s, kind))

    def unique(sents: list[tuple[Sentence, bool]]) -> list[tuple[Sentence, bool]]:
        seen: set[str] = set()
        out: list[tuple[Sentence, bool]] = []
        for s, iv in sents:
            if len(s.text) < MIN_CHARS or s.text in seen or s.text in taken:
                continue
            seen.add(s.text)
            out.append((s, iv))
        return out

    def where(
        pool: list[tuple[Sentence, bool]], ok: Callable[[Sentence, bool], bool]
    ) -> list[Sentence]:
        return [s for s, iv in pool if s.text not in taken and ok(s, iv)]

    for channel in channels:
        pool = unique(load_channel(livedoor, channel, heldout=False))
        pick(where(pool, any_sentence), N_RANDOM, "random")
        interview_q = where(pool, lambda s, iv: iv and ends_as_question(s.text))
        pick(interview_q, N_INTERVIEW_Q, "question")
        n_done = min(N_INTERVIEW_Q, len(interview_q))
        pick(where(pool, lambda s, iv: ends_as_question(s.text)), N_QUESTION - n_done, "question")
        for kind, n in POOL_SIZES:
            pick([s for s in where(pool, any_sentence) if has_marker(s.text, kind)], n, kind)
    pool = unique(load_channel(livedoor, FRAME_CHANNEL, heldout=False))
    pick(where(pool, lambda s, iv: any(w in s.text for w in FRAME_WORDS)), N_FRAMES, "frames")
    rows.sort(key=lambda r: (str(r["doc_id"]), int(str(r["position"]))))
    return rows


def main() -> None:
    """Print the sample as JSON lines."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/corpora/livedoor")
    dev = Path(__file__).resolve().parent / "dev.jsonl"
    dev_texts = {
        str(json.loads(line)["sentence_text"])
        for line in dev.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    for row in draw(root, dev_texts):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
