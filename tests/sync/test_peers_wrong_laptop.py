"""A field laptop set up with another municipality's profile by mistake.

The municipality's refusal used to say only "records for another municipality", with no way out;
it now names the way the program already allows: a laptop that recorded nothing yet switches to
the municipality whose profile it opens, and its new profile is then accepted.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sync_helpers import Network, fresh_database, publish_call

from hubdesk.domain.sync import TrustedHub
from hubdesk.services import calls
from hubdesk.services.context import ServiceContext
from hubdesk.sync import peers, profile
from hubdesk.sync.errors import SyncError


def laptop_set_up_from(net: Network, municipality: ServiceContext) -> ServiceContext:
    """A field laptop set up with ``hubdesk init --role field --from-profile`` of that
    municipality (the wrong one, in these tests)."""
    folder = net.root / "Laptop"
    db = fresh_database(folder)
    net._open.append(db)  # closed with the network
    return peers.init_field_from_profile(db, folder, net.profile_of(municipality), name="Laptop")


def test_a_laptop_of_the_wrong_municipality_is_told_how_to_switch(
    net: Network, muni: ServiceContext
) -> None:
    elbasan = net.install("Elbasan", "municipality", "AL")
    laptop = net.install("Laptop", "field", "MK")
    peers.enrol(laptop, profile.read_profile(net.profile_of(elbasan)))  # the wrong file
    with pytest.raises(SyncError) as caught:
        peers.enrol(muni, profile.read_profile(net.profile_of(laptop)))
    assert caught.value.reason == "wrong_municipality"
    assert "open this municipality's profile on the laptop" in caught.value.message
    peers.enrol(laptop, profile.read_profile(net.profile_of(muni)))  # what the message says
    peers.enrol(muni, profile.read_profile(net.profile_of(laptop)))
    assert laptop.municipality_id == muni.municipality_id
    assert net.deliver(laptop, muni, full=True).sequence == 1


def test_a_laptop_switched_to_its_municipality_drops_the_wrong_one(
    net: Network, muni: ServiceContext
) -> None:
    """Set up from Elbasan's profile by mistake (and added there), then switched to Kumanovo:
    Elbasan used to stay a partner the laptop would send its records to and take files from."""
    elbasan = net.install("Elbasan", "municipality", "AL")
    laptop = laptop_set_up_from(net, elbasan)
    peers.enrol(elbasan, profile.read_profile(net.profile_of(laptop)))  # Elbasan added it
    plan = peers.check_enrolment(laptop, profile.read_profile(net.profile_of(muni)))
    assert plan.adopts_municipality and plan.leaves == ("Elbasan",)  # said before confirming
    peers.enrol(laptop, profile.read_profile(net.profile_of(muni)))
    assert laptop.municipality_id == muni.municipality_id
    assert [p.name for p in peers.list_peers(laptop)] == ["Kumanovo"]
    with pytest.raises(SyncError) as not_sent:
        net.send(laptop, elbasan)
    assert not_sent.value.reason == "unknown_peer"
    with pytest.raises(SyncError) as not_taken:
        net.deliver(elbasan, laptop)
    assert not_taken.value.reason == "unknown_sender"
    peers.enrol(muni, profile.read_profile(net.profile_of(laptop)))
    assert net.deliver(laptop, muni, full=True).sequence == 1  # its own municipality works


def test_a_laptop_switched_to_its_municipality_trusts_its_hub_not_the_wrong_ones(
    net: Network, muni: ServiceContext
) -> None:
    """Set up from Elbasan's profile, the laptop learnt Elbasan's hub. Switched to Kumanovo,
    it kept that hub: it would accept decisions signed by a hub not its own, and refuse every
    decision of Kumanovo's hub relayed to it."""
    tirana = net.install("Tirana hub", "hub")
    elbasan = net.install("Elbasan", "municipality", "AL")
    net.introduce(elbasan, tirana)
    skopje = net.install("Skopje hub", "hub")
    net.introduce(muni, skopje)
    laptop = laptop_set_up_from(net, elbasan)
    plan = peers.check_enrolment(laptop, profile.read_profile(net.profile_of(muni)))
    assert plan.forgets_hubs == ("Tirana hub",)  # said before confirming
    assert plan.learns_hub is not None and plan.learns_hub.name == "Skopje hub"
    peers.enrol(laptop, profile.read_profile(net.profile_of(muni)))
    peers.enrol(muni, profile.read_profile(net.profile_of(laptop)))
    with laptop.read() as session:
        assert [h.name for h in session.scalars(select(TrustedHub))] == ["Skopje hub"]
    call_id = publish_call(skopje)
    net.deliver(skopje, muni)
    assert net.deliver(muni, laptop).status == "imported"  # the hub's call, relayed, verified
    assert [c.id for c in calls.list_calls(laptop)] == [call_id]


def test_a_hub_the_laptop_enrolled_itself_stays_after_a_switch(
    net: Network, muni: ServiceContext
) -> None:
    """A hub whose own profile a person enrolled on the laptop was chosen, not passed on."""
    elbasan = net.install("Elbasan", "municipality", "AL")
    skopje = net.install("Skopje hub", "hub")
    net.introduce(muni, skopje)
    laptop = laptop_set_up_from(net, elbasan)
    peers.enrol(laptop, profile.read_profile(net.profile_of(skopje)))
    plan = peers.check_enrolment(laptop, profile.read_profile(net.profile_of(muni)))
    assert plan.forgets_hubs == () and plan.learns_hub is None
