"""framing: measure how Japanese media frame events, and compare outlets on those measures."""

from __future__ import annotations

__version__ = "0.1.0"
