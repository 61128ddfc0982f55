"""Render the exercise templates (``framing/templates/exercise_*.j2``).

HTML templates (``*.html.j2``) are autoescaped: every value is HTML-escaped unless a template
says otherwise. Markdown templates are not; they pass free text through the ``md`` filter,
which escapes Markdown's special characters and table bars and folds line breaks.
"""

from __future__ import annotations

import math
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from framing.exercise.codebook import Lang
from framing.exercise.text import TEXT

__all__ = ["TEMPLATES", "md_escape", "render"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(value: object) -> str:
    """Escape a value for inline Markdown, also inside a table cell.

    Backslashes, backticks, emphasis marks, brackets, angle brackets (raw HTML), table bars and
    tildes get a backslash; line breaks (with the spaces around them) become one space.
    """
    text = _BREAKS.sub(" ", str(value)).strip()
    return _MD_SPECIAL.sub(r"\\\1", text)


def fmt_number(value: object, digits: int = 2) -> str:
    """Format a score with ``digits`` decimals; NaN and None as an en dash."""
    if value is None:
        return "–"
    number = float(str(value)) if not isinstance(value, int | float) else float(value)
    if math.isnan(number):
        return "–"
    return f"{number:.{digits}f}"


def fmt_percent(value: object) -> str:
    """Format a share as a whole percentage; NaN and None as an en dash."""
    if value is None:
        return "–"
    number = float(str(value)) if not isinstance(value, int | float) else float(value)
    if math.isnan(number):
        return "–"
    return f"{number * 100:.0f}%"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["num"] = fmt_number
    env.filters["pct"] = fmt_percent
    return env


def render(template: str, *, lang: Lang, **context: Any) -> str:
    """Render ``framing/templates/<template>`` with the words of ``lang`` as ``t``."""
    return _environment().get_template(template).render(lang=lang, t=TEXT[lang], **context)
