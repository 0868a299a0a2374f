"""The parts of a message that are code, not language: placeholders and format specifications.

A translation that loses, renames or invents a placeholder breaks ``.format()`` at run time
(a KeyError in front of a user), so the catalog check, the Cyrillic transliteration and the
pseudo-locale all need to agree on what a placeholder is. They share this one definition.
"""

from __future__ import annotations

import re
from collections import Counter

# ``{name}``, ``{0}``, ``{n:,}``, ``{value!r}``; doubled braces are literal and skipped first.
BRACE_FIELD = re.compile(r"\{\{|\}\}|\{[^{}\s]*\}")
# printf style as Python's %-operator reads it. The space flag is left out on purpose: "50 % od"
# or "50% of" is prose far more often than a space-padded number is a placeholder.
PERCENT_SPEC = re.compile(
    r"%%|%(?:\([^()\s]*\))?[#0+-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]"
)


def brace_fields(text: str) -> list[str]:
    """Every ``{field}`` in ``text`` in order of appearance (doubled braces excluded)."""
    return [m.group() for m in BRACE_FIELD.finditer(text) if m.group() not in ("{{", "}}")]


def percent_specs(text: str) -> list[str]:
    """Every %-style specification in ``text`` in order of appearance (``%%`` excluded)."""
    return [m.group() for m in PERCENT_SPEC.finditer(text) if m.group() != "%%"]


def signature(text: str) -> tuple[Counter[str], Counter[str], tuple[str, ...]]:
    """What a translation must keep of ``text``.

    Named fields may move within a sentence (word order differs between languages), so they
    are compared as multisets; positional %-specs (``%s``, ``%d``) are filled by position, so
    their order matters.
    """
    named_percent = [s for s in percent_specs(text) if s.startswith("%(")]
    positional = tuple(s for s in percent_specs(text) if not s.startswith("%("))
    return Counter(brace_fields(text)), Counter(named_percent), positional


def same_placeholders(source: str, translation: str) -> bool:
    return signature(source) == signature(translation)


def describe(text: str) -> str:
    """Placeholders of ``text`` as one readable line, for error reports."""
    found = brace_fields(text) + percent_specs(text)
    return " ".join(found) if found else "(none)"
