"""The demo's good practices cost what a few workshops cost: one was written in hundredths of
a dinar, a currency kept here without minor digits, and cost 30,000,000 dinars."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hubdesk.domain.money import to_major
from hubdesk.services.demo_peers import PRACTICES

EUROS = {"MKD": Decimal("61.5"), "ALL": Decimal("100"), "RSD": Decimal("117"), "EUR": Decimal(1)}


@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p["key"])
def test_a_demo_practice_costs_a_plausible_sum(practice: dict) -> None:
    euros = to_major(practice["cost"], practice["currency"]) / EUROS[practice["currency"]]
    assert euros <= 20_000, (practice["key"], euros)
