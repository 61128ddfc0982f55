"""Which tweet accounts belong to news organisations (``framing/data/news_accounts.yaml``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml

__all__ = ["account_voice", "news_accounts"]


@cache
def news_accounts() -> dict[str, str]:
    """Lower-cased handle → organisation name."""
    text = resources.files("framing").joinpath("data/news_accounts.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return {str(handle).lower(): str(name) for handle, name in data["accounts"].items()}


def account_voice(handle: str) -> Literal["news", "individual"]:
    """``"news"`` for a news organisation's account, ``"individual"`` otherwise."""
    return "news" if handle.lower() in news_accounts() else "individual"
