"""Bundles state the sender's money table; a bundle whose digits differ is refused, since the
same stored number would be another amount here."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sync_helpers import Network, dump, pack, real_parts, resign, seal

from hubdesk.domain.money import CURRENCY_DIGITS
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle, preview_import


def _refused(net: Network, muni: ServiceContext, hub: ServiceContext, **change: Any) -> SyncError:
    parts = real_parts(muni, hub)
    resign(parts, muni, **change)
    path = seal(pack(list(parts.items())), hub, net.root / "money.hubdesk")
    before = dump(hub.db)
    with pytest.raises(SyncError) as preview:
        preview_import(hub, path)
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, path)
    assert preview.value.reason == caught.value.reason
    assert dump(hub.db) == before
    return caught.value


def test_a_bundle_states_the_money_table(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    manifest = json.loads(real_parts(muni, hub)[bundle.MANIFEST])
    assert manifest["currency_digits"] == {"EUR": 2, "ALL": 0, "BAM": 2, "MKD": 2, "RSD": 0}
    assert net.deliver(muni, hub).changed  # and our own table is accepted


def test_a_bundle_with_other_digits_is_refused_and_nothing_changes(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    # What a HubDesk that took CLDR 47's digits would write: the dinar in hundredths.
    error = _refused(net, muni, hub, currency_digits={**CURRENCY_DIGITS, "RSD": 2})
    assert error.reason == "currency_digits"
    assert "RSD" in error.message and "\n" not in error.message


@pytest.mark.parametrize(
    "digits",
    [
        {c: d for c, d in CURRENCY_DIGITS.items() if c != "ALL"},  # a currency missing
        {**CURRENCY_DIGITS, "USD": 2},  # one this HubDesk does not keep
    ],
)
def test_a_table_with_other_currencies_is_refused(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    seeded: dict[str, Any],
    digits: dict[str, int],
) -> None:
    assert _refused(net, muni, hub, currency_digits=digits).reason == "currency_digits"


@pytest.mark.parametrize("digits", [None, [2, 0], {"EUR": "2"}, {"EUR": True}, {"EUR": -1}])
def test_a_malformed_table_is_a_damaged_manifest(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any], digits: Any
) -> None:
    assert _refused(net, muni, hub, currency_digits=digits).reason == "bad_manifest"


def test_a_bundle_without_a_table_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    parts = real_parts(muni, hub)
    manifest = json.loads(parts[bundle.MANIFEST])
    del manifest["currency_digits"]
    parts[bundle.MANIFEST] = json.dumps(manifest).encode()
    resign(parts, muni)
    path = seal(pack(list(parts.items())), hub, net.root / "old.hubdesk")
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, path)
    assert caught.value.reason == "bad_manifest"
