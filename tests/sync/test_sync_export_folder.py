"""Exporting to a USB stick that was taken out: refused, nothing made on this PC's own disk.

The export used to create the missing folder, so on Linux the stick's vanished mount point was
made on the local disk, the bundle written there and "written to /media/.../stick" reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import Network

from hubdesk.services.context import ServiceContext
from hubdesk.sync.errors import SyncError
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle


def test_a_removed_stick_is_refused_and_the_next_export_works(
    net: Network, muni: ServiceContext, hub: ServiceContext, tmp_path: Path
) -> None:
    stick = tmp_path / "media" / "KINGSTON"
    with pytest.raises(SyncError) as caught:
        export_bundle(muni, hub.installation_id, stick / "bundle.hubdesk")
    assert caught.value.reason == "unwritable"
    assert "USB stick taken out" in caught.value.message
    assert not stick.exists()
    stick.mkdir(parents=True)  # the stick is put back
    sent = export_bundle(muni, hub.installation_id, stick / "bundle.hubdesk")
    assert import_bundle(hub, sent.path).sequence == sent.sequence
