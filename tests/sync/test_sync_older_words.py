"""An older or already-used bundle number: refused, and the person is told how to go on.

A bundle made before the newest one imported holds nothing that is missing (each bundle carries
everything its receiver has not confirmed); one made after the sender restored a backup reuses a
number, and goes in once the receiver's bundle has told the sender which numbers it has seen.
"it is refused" alone said neither.
"""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import Network

from hubdesk.domain.sync import Peer
from hubdesk.services.context import ServiceContext
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle


def test_an_older_bundle_says_there_is_nothing_to_do(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    older, newer = net.send(muni, hub), net.send(muni, hub)
    import_bundle(hub, newer.path)
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, older.path)
    assert caught.value.reason == "older"
    assert "nothing is missing: the newer one brought what it held" in caught.value.message


def test_after_a_restore_the_refusal_says_how_to_go_on(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """A restored backup numbers its next bundle as one the hub already has; the person is
    told to send a bundle back first, and after that the next bundle goes in."""
    net.deliver(muni, hub)  # bundle 1, then Kumanovo restores a backup taken before it
    with muni.transaction() as session:
        peer = session.get(Peer, hub.installation_id)
        assert peer is not None
        peer.next_out_sequence = 1
    with pytest.raises(SyncError) as caught:
        net.deliver(muni, hub)
    assert caught.value.reason == "replayed"
    assert "restored a backup since, send 'Kumanovo' a bundle from here first" in (
        caught.value.message
    )
    net.deliver(hub, muni)  # what the message says: the hub's bundle carries its receipt
    assert net.deliver(muni, hub).sequence == 2
