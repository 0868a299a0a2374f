"""HubDesk's money table decides what a stored amount is worth; Babel's data cannot move it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel import numbers

from hubdesk.domain import money
from hubdesk.domain.enums import CURRENCIES, CURRENCY_BY_COUNTRY
from hubdesk.i18n.formatting import format_money, minor_to_decimal
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo_rows import DemoPlan
from hubdesk.services.installation import initialise
from hubdesk.storage.db import Database
from hubdesk.tables.writers import MoneyCell

NBSP = "\u00a0"
LANGS = ("en", "sq", "bs", "hr", "sr_Latn", "sr_Cyrl", "cnr", "mk")
AMOUNTS = (0, 1, 5, 99, 100, 123456, 10**12)


def test_the_digits_every_database_holds() -> None:
    """The digits HubDesk stored with under Babel 2.14-2.17 (CLDR 44-46); changing one needs a
    migration that rescales stored amounts and a new table version."""
    assert dict(money.CURRENCY_DIGITS) == {"EUR": 2, "ALL": 0, "BAM": 2, "MKD": 2, "RSD": 0}
    assert money.MONEY_TABLE_VERSION == 1
    assert set(CURRENCIES) == set(money.CURRENCY_DIGITS)
    assert set(CURRENCY_BY_COUNTRY.values()) <= set(money.CURRENCY_DIGITS)


def test_major_and_minor_units() -> None:
    assert money.to_major(123456, "RSD") == Decimal(123456)
    assert money.to_major(123456, "MKD") == Decimal("1234.56")
    assert money.to_minor("1234.56", "EUR") == 123456
    assert money.to_minor(Decimal("123456"), "ALL") == 123456
    assert money.to_minor("1234.00", "RSD") == 1234  # trailing zeros are no extra digits


@pytest.mark.parametrize(
    ("amount", "currency"),
    [("0.5", "RSD"), ("1.005", "EUR"), ("abc", "MKD"), ("NaN", "EUR"), ("1", "USD")],
)
def test_what_cannot_be_kept_exactly_is_refused(amount: str, currency: str) -> None:
    with pytest.raises(money.MoneyError):
        money.to_minor(amount, currency)


def _everything(ctx: ServiceContext) -> dict[str, object]:
    """Every conversion between stored minor units and what people read or type."""
    out: dict[str, object] = {}
    for currency in CURRENCIES:
        for amount in AMOUNTS:
            major = minor_to_decimal(amount, currency)
            out[f"{currency} {amount} back"] = money.to_minor(major, currency)
            out[f"{currency} {amount} cell"] = MoneyCell(major, money.currency_digits(currency))
            for lang in LANGS:
                out[f"{currency} {amount} {lang}"] = format_money(amount, currency, lang)
    for country in CURRENCY_BY_COUNTRY:
        plan = DemoPlan(1, 1, dt.date(2025, 1, 1), "i", "m", country=country.value)
        out[f"demo {country}"] = plan.money(49_000)
    # stored through the services and read back: the numbers kept are the numbers given
    proposal_id = _store(ctx)
    totals = fund.proposal_totals(ctx, proposal_id)
    out["stored"] = (totals.total_minor, totals.cofunding_minor, totals.currency)
    out["stored shown"] = format_money(totals.total_minor, totals.currency, "sr_Latn")
    return out


def _store(ctx: ServiceContext) -> str:
    """A proposal with a budget of 2 x 123456 and a co-funding of 123456 (minor units)."""
    proposal = fund.create_proposal(ctx, {"title": "Youth forum"})
    line = {"category": "travel", "description": "Bus", "quantity": 2, "unit_cost_minor": 123456}
    fund.add_budget_line(ctx, proposal.id, line)
    fund.update_proposal(ctx, proposal.id, {"cofunding_minor": 123456})
    return proposal.id


@pytest.fixture
def novi_pazar(db: Database) -> ServiceContext:
    """A municipality in Serbia: its money is the dinar."""
    return initialise(db, role="municipality", name="Novi Pazar", country="RS")


def test_swapping_babels_currency_data_changes_no_amount(
    novi_pazar: ServiceContext, monkeypatch: pytest.MonkeyPatch, other_babel_digits: object
) -> None:
    swapped = _everything(novi_pazar)
    # The swap is real: Babel left to itself now writes euros without cents and dinars with.
    assert numbers.format_currency(Decimal("1234.56"), "EUR", locale="en_GB") == "€1,235"
    assert numbers.format_currency(123456, "RSD", locale="sr_Latn") == f"123.456,00{NBSP}RSD"
    monkeypatch.undo()
    assert numbers.get_currency_precision("EUR") == 2
    assert swapped["stored"] == (246912, 123456, "RSD")
    assert swapped["stored shown"] == f"246.912{NBSP}RSD"
    assert _everything(novi_pazar) == swapped


def test_stored_dinars_read_as_dinars_whatever_babel_says(
    novi_pazar: ServiceContext, other_babel_digits: object
) -> None:
    proposal = fund.get_proposal(novi_pazar, _store(novi_pazar))
    assert (proposal.currency, proposal.cofunding_minor) == ("RSD", 123456)
    assert format_money(123456, "RSD", "sr_Latn") == f"123.456{NBSP}RSD"
    assert format_money(123456, "RSD", "en") == f"RSD{NBSP}123,456"
    assert format_money(123456, "EUR", "hr") == f"1.234,56{NBSP}€"
    assert format_money(123456, "ALL", "sq") == f"123{NBSP}456{NBSP}Lekë"
    assert format_money(123456, "MKD", "mk") == f"1.234,56{NBSP}ден."
    assert format_money(123, "BAM", "bs") == f"1,23{NBSP}KM"
