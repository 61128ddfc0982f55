"""framing: measure how Japanese media frame events, and compare outlets on those measures.

The pipeline reads as the package: ``readers`` (corpus) → ``tokens`` → ``detection``
(signals, with ``lexicon``/``rules``) → ``counts`` → ``comparison``/``keyness``/``axis``/
``kwic`` → ``report``. The functions below are the API; each returns a tidy DataFrame whose
columns are documented in ``docs/tables.md``.

The names are imported on first use (PEP 562), so that ``import framing`` and the command
line do not load pandas until a table is asked for.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

#: Where each public name lives.
_HOMES = {
    "axis": "framing.api",
    "compare": "framing.api",
    "count_signals": "framing.api",
    "documents": "framing.api",
    "keyness": "framing.api",
    "kwic": "framing.api",
    "load": "framing.api",
    "section_axis": "framing.api",
    "sentences": "framing.api",
    "signals": "framing.api",
    "tokens": "framing.api",
    "view": "framing.display",
    "Document": "framing.document",
    "FramingError": "framing.errors",
    "InputError": "framing.errors",
    "InputErrors": "framing.errors",
    "load_lexicon": "framing.lexicon",
    "Corpus": "framing.pipeline",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None or globals().get(f"_assigned_{name}") is _DELETED:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


def _api_function(name: str) -> property:
    """``framing.<name>``: the API function, unless something else was assigned to it."""
    key = f"_assigned_{name}"

    def get(package: types.ModuleType) -> Any:
        assigned = package.__dict__.get(key)
        if assigned is _DELETED:
            raise AttributeError(f"module 'framing' has no attribute {name!r}")
        if assigned is not None:
            return assigned
        return getattr(importlib.import_module("framing.api"), name)

    def assign(package: types.ModuleType, value: Any) -> None:
        # Importing the submodule of the same name binds it here; the name stays the function
        # (the submodule is in sys.modules). Anything else (a test's stand-in) is kept.
        if not (isinstance(value, types.ModuleType) and value.__name__ == f"framing.{name}"):
            package.__dict__[key] = value

    def delete(package: types.ModuleType) -> None:
        package.__dict__[key] = _DELETED

    return property(get, assign, delete)


_DELETED = object()


class _Package(types.ModuleType):
    """``framing`` itself. The API functions ``tokens``, ``sentences``, ``kwic``, ``keyness`` and
    ``axis`` share their names with submodules, whose import would rebind them."""

    tokens = _api_function("tokens")
    sentences = _api_function("sentences")
    kwic = _api_function("kwic")
    keyness = _api_function("keyness")
    axis = _api_function("axis")


sys.modules[__name__].__class__ = _Package
