"""A number as a person types it, whichever marks their keyboard and habit put in it.

The window's languages disagree on the marks ("1,234.56" in English, "1.234,56" in Bosnian),
and people of the region type the comma decimal in an English window too (Qt's own field read
"8000,50" in English as 800,050: its validator drops group marks wherever they stand). One rule
reads them, in a form's money field (``read_amount``) and in a spreadsheet's counts
(``tables/parsing.parse_int``) alike: digits grouped by three with one kind of mark (".", ","
or a space) are a whole number, so a single "." or "," before exactly three digits groups
thousands; otherwise the last "." or "," is the decimal mark, the whole part before it written
with digits only or grouped by three with the other mark or a space. Anything else is no
number, never a guess.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hubdesk.i18n import _

GROUPED = r"[1-9]\d{{0,2}}(?:{sep}\d{{3}})+"
SPACE_MARK = r"[ \u00a0\u202f']"  # a space, a no-break space or an apostrophe


def grouped(text: str) -> bool:
    """``text`` is digits only, or digits grouped by three with one kind of mark."""
    return re.fullmatch(r"\d+", text) is not None or any(
        re.fullmatch(GROUPED.format(sep=mark), text) for mark in (SPACE_MARK, r"\.", ",")
    )


def split_decimals(text: str) -> tuple[str | None, str]:
    """The whole part and the decimals of a number with a decimal mark (the last "." or ","),
    the whole part written with digits only or grouped by three with the other mark or a
    space; (None, "") when ``text`` is not written so."""
    at = max(text.rfind("."), text.rfind(","))
    whole, decimals = text[:at], text[at + 1 :]
    if at < 0 or not re.fullmatch(r"\d+", decimals):
        return None, ""
    other = r"\." if text[at] == "," else ","
    if re.fullmatch(r"\d+", whole) or any(
        re.fullmatch(GROUPED.format(sep=group), whole) for group in (SPACE_MARK, other)
    ):
        return whole, decimals
    return None, ""


def read_amount(text: str, decimals: int) -> Decimal | None:
    """The amount ``text`` says, or None when it says none (or more decimals than the
    currency has)."""
    value = text.strip()
    if grouped(value):
        return Decimal(re.sub(r"\D", "", value))
    whole, fraction = split_decimals(value)
    if whole is None or len(fraction) > decimals:
        return None
    return Decimal(re.sub(r"\D", "", whole) + "." + fraction)


def amount_problem(text: str, decimals: int, currency: str) -> str | None:
    """Why ``text`` is no amount of ``currency`` (translated), or None when it is one. A
    command and the window's money field say it alike; the field had kept the last amount it
    could read, so "1.234,50" typed in dinars was saved as 1,234."""
    if read_amount(text, decimals) is not None:
        return None
    if read_amount(text, len(text)) is not None:  # an amount, only with decimals too many
        return _("'{amount}' has more decimals than an amount in {currency} can have.").format(
            amount=text, currency=currency
        )
    return _("'{amount}' is not an amount in {currency}.").format(amount=text, currency=currency)
