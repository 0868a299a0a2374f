"""A field laptop set up with another municipality's profile by mistake.

The municipality's refusal used to say only "records for another municipality", with no way out;
it now names the way the program already allows: a laptop that recorded nothing yet switches to
the municipality whose profile it opens, and its new profile is then accepted.
"""

from __future__ import annotations

import pytest
from sync_helpers import Network

from hubdesk.services.context import ServiceContext
from hubdesk.sync import peers, profile
from hubdesk.sync.errors import SyncError


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
