"""How many digits each currency's minor unit has: HubDesk's own table, never a library's data.

Money is stored as integer minor units, so these digits decide what every stored number is
worth: 123456 RSD is 123 456 dinars only as long as the dinar has no minor digits here. They
were read from Babel (CLDR) at run time until CLDR 47 (Babel 2.19) gave the dinar two digits;
that silently turned stored dinars into hundredths and saved new entries at 100 times the old
scale. So the table lives here, fixed, with a version number, and every bundle states it
(``hubdesk.sync.manifest``) so that two installations can never read one amount differently.

The digits are the ones every HubDesk database has held since the first release (CLDR 46 and
older, Babel 2.14 to 2.17): the euro, the convertible mark and the denar in hundredths, the lek
and the dinar in whole units (neither has coins below one unit in use). Keeping them means no
stored amount changes and no migration is needed. Changing any digit later needs a migration
that rescales the stored amounts and a new ``MONEY_TABLE_VERSION``.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from types import MappingProxyType

# Raise with every change of the digits below (and write the migration that rescales).
MONEY_TABLE_VERSION = 1

CURRENCY_DIGITS: Mapping[str, int] = MappingProxyType(
    {
        "EUR": 2,
        "ALL": 0,
        "BAM": 2,
        "MKD": 2,
        "RSD": 0,
    }
)


class MoneyError(ValueError):
    """An amount that cannot be stored exactly in its currency's minor units."""


def currency_digits(currency: str) -> int:
    """Digits after the decimal point of ``currency`` as HubDesk stores it."""
    try:
        return CURRENCY_DIGITS[currency]
    except KeyError:
        raise MoneyError(f"HubDesk does not keep money in {currency!r}") from None


def to_major(amount_minor: int, currency: str) -> Decimal:
    """Stored minor units as the amount a person reads (123456 MKD → 1234.56)."""
    return Decimal(int(amount_minor)).scaleb(-currency_digits(currency))


def to_minor(amount: Decimal | int | str, currency: str) -> int:
    """An amount a person typed (major units) as integer minor units, exactly.

    More decimals than the currency has are refused rather than rounded away: "0.5" RSD is
    not an amount HubDesk can keep.
    """
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount).strip())
    except InvalidOperation:
        raise MoneyError(f"not an amount: {amount!r}") from None
    if not value.is_finite():
        raise MoneyError(f"not an amount: {amount!r}")
    minor = value.scaleb(currency_digits(currency))
    if minor != minor.to_integral_value():
        raise MoneyError(f"{amount} {currency} has more decimals than {currency} has")
    return int(minor)


# --- euro amounts at a rate the hub enters ----------------------------------------------------
# A rate is "units of the other currency for one euro", the way the central banks of the region
# quote it (1 EUR = 61.5 MKD). It is kept as the decimal text entered, never as a float, so two
# PCs always compute the same euro amount from it.
RATE_DECIMALS = 6  # at most this many digits after the point
RATE_MAX = Decimal(1_000_000)


def parse_rate(text: str | Decimal) -> Decimal:
    """A rate as a positive Decimal; a decimal comma is accepted ("61,5")."""
    raw = text if isinstance(text, Decimal) else str(text).strip().replace(" ", "")
    if isinstance(raw, str) and "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise MoneyError(f"not a rate: {text!r}") from None
    if not value.is_finite() or value <= 0 or value >= RATE_MAX:
        raise MoneyError(f"not a rate: {text!r}")
    if -value.as_tuple().exponent > RATE_DECIMALS:  # type: ignore[operator]
        raise MoneyError(f"a rate has at most {RATE_DECIMALS} decimals: {text!r}")
    return value


def rate_text(rate: Decimal) -> str:
    """The stored form of a rate: plain decimal text without trailing zeros ("61.5", "100")."""
    text = format(rate, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def eur_minor(amount_minor: int, currency: str, rate: Decimal | str) -> int:
    """``amount_minor`` of ``currency`` in euro cents at ``rate`` (units for one euro).

    Rounded once, to the nearest cent, halves away from zero (ROUND_HALF_UP, as a bank
    statement rounds): 1000 MKD at 61.5 is 16.260162… EUR, kept as 1626 cents. A euro amount
    needs the rate 1 and stays exactly what it was.
    """
    value = parse_rate(rate) if isinstance(rate, str) else rate
    # Digits enough for any amount typed, so an absurd one (1e30) reaches the rule book and
    # its "at most" rather than stopping here at Decimal's default 28 digits.
    with localcontext() as context:
        context.prec = 80
        euros = to_major(amount_minor, currency) / value
        cents = euros.scaleb(CURRENCY_DIGITS["EUR"]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(cents)
