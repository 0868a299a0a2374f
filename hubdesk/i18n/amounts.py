"""An amount as a person types it, whichever marks their keyboard and habit put in it.

The window's languages disagree on the marks ("1,234.56" in English, "1.234,56" in Bosnian)
and people of the region type the comma decimal in an English window too. Qt's field read
"8000,50" in English as 800,050 (its validator drops group marks wherever they stand) and
"1.000,25" as 1. The rule here is the spreadsheet import's (``tables/parsing.parse_int``): with
both marks the last one is the decimal mark; with one kind of mark used once and followed by
exactly three digits it groups thousands, otherwise it is the decimal mark; used more than once
it groups thousands, by three. Anything else is no amount, never a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SPACES = re.compile(r"[\s\u00a0\u202f']")


def _grouped(text: str, mark: str) -> bool:
    """``text`` is digits grouped by three with ``mark`` ("1,234,567")."""
    return re.fullmatch(r"\d{1,3}(?:" + re.escape(mark) + r"\d{3})+", text) is not None


def read_amount(text: str, decimals: int) -> Decimal | None:
    """The amount ``text`` says, or None when it says none (or more decimals than the
    currency has)."""
    value = SPACES.sub("", text)
    if not value or not re.fullmatch(r"[\d.,]+", value):
        return None
    marks = [ch for ch in value if ch in ".,"]
    whole, fraction = value, ""
    if len(set(marks)) == 2:
        at = max(value.rfind("."), value.rfind(","))
        whole, fraction = value[:at], value[at + 1 :]
        other = "," if value[at] == "." else "."
        if not _grouped(whole, other) and not whole.isdigit():
            return None
        whole = whole.replace(other, "")
    elif len(marks) == 1:
        at = value.index(marks[0])
        head, tail = value[:at], value[at + 1 :]
        if len(tail) == 3 and head and decimals != 3:
            whole = head + tail  # "8,000", "8.000": thousands
        else:
            whole, fraction = head or "0", tail
    elif len(marks) > 1:
        if not _grouped(value, marks[0]):
            return None
        whole = value.replace(marks[0], "")
    if not whole.isdigit() or (fraction and not fraction.isdigit()) or len(fraction) > decimals:
        return None
    try:
        return Decimal(f"{whole}.{fraction or 0}")
    except InvalidOperation:
        return None
