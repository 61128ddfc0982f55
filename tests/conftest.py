"""Shared fixtures: the seed post, the embedded livedoor sample and their analyses.

Every path is relative to this file, never to the working directory. Reading and tokenizing
the seed plus the 90-article sample takes a few seconds, so it happens once per session.

Tests marked ``shared`` read ``../shared/corpora/livedoor`` next to the repository and are
skipped when that folder is absent (a fresh clone, CI).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # imported lazily below, so that a broken module fails its tests, not everyone's
    from framing.detection import Analysis
    from framing.document import Document
    from framing.lexicon import Lexicon
    from framing.readers import ReadResult

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEED = ROOT / "seeds" / "000_fcc0ace334e89954.txt"
LIVEDOOR = ROOT / "corpus" / "livedoor"
INPUTS = TESTS / "data" / "inputs"
SHARED_LIVEDOOR = ROOT.parent / "shared" / "corpora" / "livedoor"


def uncovered(source: str, documents: Iterable[Document]) -> list[int]:
    """Offsets of non-whitespace characters of ``source`` outside every document's spans."""
    covered = bytearray(len(source))
    for document in documents:
        for start, end in document.source_spans:
            assert 0 <= start <= end <= len(source), (document.doc_id, start, end)
            covered[start:end] = b"\x01" * (end - start)
    return [i for i, char in enumerate(source) if not covered[i] and not char.isspace()]


def segment_errors(source: str, document: Document) -> list[str]:
    """Segments whose text does not equal the source they claim to come from."""
    errors = []
    for seg in document.segments:
        text = document.text[seg.text_start : seg.text_start + seg.length]
        original = source[seg.source_start : seg.source_start + seg.length]
        if len(text) != seg.length or text != original:
            errors.append(f"{document.doc_id}: {seg} {text!r} != {original!r}")
    return errors


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Commands cache analyses by default: keep the tests' cache out of the user's."""
    import os

    os.environ["FRAMING_CACHE_DIR"] = str(tmp_path_factory.mktemp("framing-cache"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked ``shared`` when ``../shared/corpora/livedoor`` does not exist."""
    if SHARED_LIVEDOOR.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{SHARED_LIVEDOOR} is absent")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def seed_result() -> ReadResult:
    """The seed blog post read as documents (1 article + 11 tweets)."""
    from framing.readers import read

    return read(SEED)


@pytest.fixture(scope="session")
def seed_documents(seed_result: ReadResult) -> list[Document]:
    return seed_result.documents


@pytest.fixture(scope="session")
def seed_article(seed_documents: list[Document]) -> Document:
    (article,) = [d for d in seed_documents if d.medium == "article"]
    return article


@pytest.fixture(scope="session")
def seed_tweets(seed_documents: list[Document]) -> dict[int, Document]:
    """The embedded tweets by their 1-based position in the post."""
    return {int(d.doc_id.rsplit("-", 1)[1]): d for d in seed_documents if d.medium == "tweet"}


@pytest.fixture(scope="session")
def livedoor_result() -> ReadResult:
    """The 90-article livedoor sample embedded in the repository."""
    from framing.readers import read

    return read(LIVEDOOR)


@pytest.fixture(scope="session")
def sample_documents(seed_documents: list[Document], livedoor_result: ReadResult) -> list[Document]:
    """The seed's documents followed by the 90 livedoor articles."""
    return [*seed_documents, *livedoor_result.documents]


@pytest.fixture(scope="session")
def analyses(sample_documents: list[Document]) -> list[Analysis]:
    """Sentences and morphemes of every document of the seed and the sample."""
    from framing.detection import analyze_document

    return [analyze_document(document) for document in sample_documents]


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    """The shipped lexicons."""
    from framing.lexicon import load_lexicon

    return load_lexicon()
