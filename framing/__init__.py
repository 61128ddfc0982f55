"""framing: measure how Japanese media frame events, and compare outlets on those measures.

The pipeline reads as the package: ``readers`` (corpus) → ``tokens`` → ``detection``
(signals, with ``lexicon``/``rules``) → ``counts`` → ``comparison``/``keyness``/``axis``/
``kwic`` → ``report``. The functions below are the API; each returns a tidy DataFrame whose
columns are documented in ``docs/tables.md``.
"""

from __future__ import annotations

from framing.api import (
    axis,
    compare,
    count_signals,
    documents,
    keyness,
    kwic,
    load,
    section_axis,
    sentences,
    signals,
    tokens,
)
from framing.display import view
from framing.document import Document
from framing.errors import FramingError, InputError, InputErrors
from framing.lexicon import load_lexicon
from framing.pipeline import Corpus

__version__ = "0.1.0"

__all__ = [
    "Corpus",
    "Document",
    "FramingError",
    "InputError",
    "InputErrors",
    "__version__",
    "axis",
    "compare",
    "count_signals",
    "documents",
    "keyness",
    "kwic",
    "load",
    "load_lexicon",
    "section_axis",
    "sentences",
    "signals",
    "tokens",
    "view",
]
