"""A field laptop follows its hub when the hub is set up anew.

A hub whose PC was replaced without a backup has new keys (and a new installation): its
municipalities revoke the old one and add the new one. Their field laptops kept trusting the
old hub only ("already trusts another hub"), so every decision or call the municipality relayed
from the new hub was refused at the laptop, with no way out. A person on the laptop now opens
the new hub's profile, or the municipality's profile that passes it on; the question before
enrolling names the hub the laptop stops trusting and shows the new hub's fingerprint.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import Network, publish_call
from test_sync_forgery import cell, forge, refused, set_cells

from hubdesk.domain.sync import TrustedHub
from hubdesk.services import calls
from hubdesk.services.context import ServiceContext
from hubdesk.sync import peers, profile
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle


def trusted(laptop: ServiceContext) -> list[str]:
    with laptop.read() as session:
        return [h.name for h in session.scalars(select(TrustedHub))]


def hub_set_up_anew(net: Network, muni: ServiceContext, old: ServiceContext) -> ServiceContext:
    """What the municipality does: revoke the old hub, add the new one (both ways)."""
    peers.revoke(muni, old.installation_id)
    new = net.install("New hub", "hub")
    net.introduce(muni, new)
    return new


@pytest.mark.parametrize("opened", ["the hub's profile", "the municipality's profile"])
def test_a_laptop_follows_its_hub_set_up_anew(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext, opened: str
) -> None:
    assert trusted(field) == ["Regional hub"]  # learnt from Kumanovo's profile
    new = hub_set_up_anew(net, muni, hub)
    call_id = publish_call(new)
    net.deliver(new, muni)
    relayed = net.send(muni, field).path
    with pytest.raises(SyncError) as caught:
        import_bundle(field, relayed)
    assert caught.value.reason == "forged_author"  # the new hub's call: not its hub's key
    card = profile.read_profile(net.profile_of(new if opened == "the hub's profile" else muni))
    plan = peers.check_enrolment(field, card)
    assert plan.forgets_hubs == ("Regional hub",)  # said before the person confirms
    assert plan.learns_hub is not None and plan.learns_hub.name == "New hub"
    assert trusted(field) == ["Regional hub"]  # nothing changed before the confirmation
    peers.enrol(field, card)
    assert trusted(field) == ["New hub"]
    assert import_bundle(field, relayed).status == "imported"
    assert [c.id for c in calls.list_calls(field)] == [call_id]


def test_a_laptop_keeps_its_hub_when_the_profile_passes_on_the_same_one(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    for card in (net.profile_of(muni), net.profile_of(hub)):
        plan = peers.check_enrolment(field, profile.read_profile(card))
        assert plan.forgets_hubs == ()
    peers.enrol(field, profile.read_profile(net.profile_of(hub)))
    assert trusted(field) == ["Regional hub"]


def test_a_municipality_without_a_hub_leaves_the_laptops_hub_alone(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """A municipality that revoked its hub and has no new one yet passes on none: the laptop
    keeps the hub it has until there is one to follow."""
    peers.revoke(muni, hub.installation_id)
    plan = peers.check_enrolment(field, profile.read_profile(net.profile_of(muni)))
    assert (plan.forgets_hubs, plan.learns_hub) == ((), None)
    peers.enrol(field, profile.read_profile(net.profile_of(muni)))
    assert trusted(field) == ["Regional hub"]


def test_the_old_hubs_records_held_on_the_laptop_pass_again(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """What the old hub signed stays where it was verified. Its municipality sends it again
    until the laptop's receipt arrives (or all of it, on request): a copy of what the laptop
    holds changes nothing and is not judged against the new hub's key. An altered copy still
    is, and refused."""
    old_call = publish_call(hub)
    net.deliver(hub, muni)
    net.deliver(muni, field)  # no receipt back yet: the office sends the call again
    new = hub_set_up_anew(net, muni, hub)
    new_call = publish_call(new)
    net.deliver(new, muni)
    peers.enrol(field, profile.read_profile(net.profile_of(new)))
    assert net.deliver(muni, field).status == "imported"
    assert net.deliver(muni, field, full=True).status == "imported"
    assert {c.id for c in calls.list_calls(field)} == {old_call, new_call}

    def change(tables: dict[str, Any]) -> None:
        data = tables["calls"]
        row = next(i for i in range(len(data["rows"])) if cell(data, "id", i) == old_call)
        set_cells(data, row, title="Not what the old hub published")

    refused(field, forge(net, muni, field, change), "forged_author", "not the hub this PC")
