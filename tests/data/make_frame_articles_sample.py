"""Draw the frame-article sample from the livedoor corpus (record, not run by tests).

The held-out split holds only 3 sentences that frame sovereignty (and only 14 with any
sovereignty word), too few to measure that detector. ``frame_articles.jsonl`` takes whole
articles instead: every body sentence of the livedoor articles on territorial disputes and
international order, and of a random dozen articles on crimes, so that a frame can be missed
in a sentence that has no marker word as easily as it can be found in one that has.

1. *Sovereignty articles*: every article with at least ``MIN_SOVEREIGNTY`` body sentences
   that have a word of ``SOVEREIGNTY`` outside a 『』 title opening the sentence (35 articles:
   Takeshima and the Senkaku islands in topic-news, and films and games whose titles or plots
   name an invasion, which test precision).
2. *Justice articles*: ``N_JUSTICE`` articles drawn with ``random.Random(SEED)`` from the
   other articles with at least ``MIN_JUSTICE`` sentences that have a word of ``JUSTICE``.

The articles are then split in two by a hash of their ``doc_id`` (``split``): the labels of the
``tune`` half (``frame_articles_tune.jsonl``) may be read to mend rules, the ``test`` half
(``frame_articles_test.jsonl``) is held out like ``heldout.jsonl``. Both halves were scored
together once, before the split and before any rule changed.

Kept out: sentences under ``MIN_CHARS`` characters, every text in another annotation file of
this folder (so no sentence any rule was tuned on returns, and held-out labels are not
duplicated), and repeats of a text. The labels were added by hand, blind to the rules; see
``FRAME_ARTICLES_ANNOTATION.md``.

Usage::

    python tests/data/make_frame_articles_sample.py [LIVEDOOR_DIR] > frame_articles_sample.jsonl
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_heldout_sample import MIN_CHARS, body_sentences

SEED = 20261202
MIN_SOVEREIGNTY = 2
MIN_JUSTICE = 3
N_JUSTICE = 12
SOVEREIGNTY = re.compile(
    "竹島|尖閣|独島|領土|領有|主権|侵略|占領|国際法|内政干渉|実効支配|北方領土|領海|侵犯|国連|安保理|侵攻"
)
JUSTICE = re.compile("逮捕|起訴|容疑|判決|裁判|検察|警察|指名手配|書類送検|被告|捜査|犯罪")
ANNOTATED = (
    "heldout.jsonl",
    "seed.jsonl",
    "dev.jsonl",
    *(f"dev{k}.jsonl" for k in range(2, 8)),
)


def split(doc_id: str) -> str:
    """``tune`` or ``test``: the half of the sample an article belongs to."""
    return "tune" if int(hashlib.sha1(doc_id.encode()).hexdigest()[0], 16) % 2 == 0 else "test"


def _count(sentences: list[str], pattern: re.Pattern[str]) -> int:
    return sum(1 for t in sentences if pattern.search(t) and not t.startswith("『"))


def draw(livedoor: Path, annotated: set[str]) -> list[dict[str, object]]:
    """The sample's rows in article order (see the module docstring)."""
    articles = []
    for channel in sorted(p.name for p in livedoor.iterdir() if p.is_dir()):
        for path in sorted((livedoor / channel).glob("*.txt")):
            if path.name != "LICENSE.txt":
                articles.append((channel, path, body_sentences(path, channel)))
    sovereignty = [
        a for a in articles if _count([s.text for s in a[2]], SOVEREIGNTY) >= MIN_SOVEREIGNTY
    ]
    pool = [
        a
        for a in articles
        if a not in sovereignty and _count([s.text for s in a[2]], JUSTICE) >= MIN_JUSTICE
    ]
    justice = random.Random(SEED).sample(pool, N_JUSTICE)
    rows: list[dict[str, object]] = []
    seen = set(annotated)
    for kind, chosen in (("sovereignty", sovereignty), ("justice", justice)):
        for channel, path, sentences in sorted(chosen, key=lambda a: str(a[1])):
            title = path.read_text(encoding="utf-8").splitlines()[2]
            for s in sentences:
                if len(s.text) < MIN_CHARS or s.text in seen:
                    continue
                seen.add(s.text)
                rows.append(
                    {
                        "doc_id": s.doc_id,
                        "channel": channel,
                        "position": s.position,
                        "sentence_text": s.text,
                        "sample": kind,
                        "split": split(s.doc_id),
                        "title": title,
                    }
                )
    return rows


def main() -> None:
    """Print the sample as JSON lines."""
    here = Path(__file__).resolve().parent
    default = here.parent.parent.parent / "shared" / "corpora" / "livedoor"
    livedoor = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    annotated = {
        json.loads(line)["sentence_text"]
        for name in ANNOTATED
        for line in (here / name).read_text(encoding="utf-8").splitlines()
    }
    for row in draw(livedoor, annotated):
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
