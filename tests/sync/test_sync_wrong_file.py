"""A tired person picks the wrong file: the refusal says what the file is and what to do.

The reasons stay those of any file that is not a bundle (or not a profile); only the words name
the file a person actually chose, and nothing is written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sync_helpers import Network

from hubdesk.services.context import ServiceContext
from hubdesk.sync import profile
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle


def test_a_profile_chosen_as_a_bundle_is_named(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, net.profile_of(muni))
    assert caught.value.reason == "not_age"
    assert "profile file, not a bundle" in caught.value.message
    assert net.deliver(muni, hub).sequence == 1  # the right file still goes in afterwards


def test_a_bundle_zipped_by_an_e_mail_program_is_named(
    net: Network, muni: ServiceContext, hub: ServiceContext, tmp_path: Path
) -> None:
    bundle = net.send(muni, hub).path
    packed = tmp_path / "Kumanovo bundle.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.write(bundle, bundle.name)
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, packed)
    assert caught.value.reason == "not_age"
    assert "unpack it" in caught.value.message
    assert import_bundle(hub, bundle).sequence == 1


def test_a_bundle_chosen_as_a_profile_is_named(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    with pytest.raises(SyncError) as caught:
        profile.read_profile(net.send(muni, hub).path)
    assert caught.value.reason == "bad_profile"
    assert "bundle, not a profile" in caught.value.message


def test_a_bundle_this_pc_wrote_says_where_it_goes(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    sent = net.send(muni, hub)
    with pytest.raises(SyncError) as caught:
        import_bundle(muni, sent.path)  # Kumanovo picks the bundle it just wrote for the hub
    assert caught.value.reason == "wrong_recipient"
    assert "goes to the installation it was written for" in caught.value.message
    assert import_bundle(hub, sent.path).sequence == sent.sequence
