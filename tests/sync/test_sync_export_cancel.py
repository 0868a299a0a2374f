"""Cancel while the hub signs its records, the first and longest step of its export.

The hub checked (and signed) every record it wrote before the export's first progress report:
on a big hub most of the export's time, with the bar still and Cancel unheard.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import Network, publish_call

from hubdesk.domain import AuditEntry, Call
from hubdesk.services.context import ServiceContext
from hubdesk.sync import authority, peers
from hubdesk.sync.errors import Cancelled
from hubdesk.sync.export import export_bundle


def test_cancel_while_the_hub_signs_writes_and_signs_nothing(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for _n in range(3):
        publish_call(hub)
    with hub.transaction() as session:
        for call in session.query(Call):
            call.hub_signature = None  # written before records were signed
        logged = session.query(AuditEntry).count()
    monkeypatch.setattr(authority, "SIGN_BATCH", 1)
    sequence = peers.find_peer(hub, muni.installation_id).next_out_sequence
    folder = tmp_path / "stick"
    folder.mkdir()
    seen: list[tuple[int, int]] = []

    def cancel_at_once(done: int, total: int) -> bool:
        seen.append((done, total))
        return False

    with pytest.raises(Cancelled):
        export_bundle(hub, muni.installation_id, folder / "b.hubdesk", progress=cancel_at_once)
    assert seen == [(0, 4 * 3)]  # asked before the first of the three calls was checked
    assert list(folder.iterdir()) == []
    with hub.read() as session:
        assert all(call.hub_signature is None for call in session.query(Call))
        assert session.query(AuditEntry).count() == logged
    assert peers.find_peer(hub, muni.installation_id).next_out_sequence == sequence

    seen.clear()
    sent = export_bundle(
        hub,
        muni.installation_id,
        folder / "b.hubdesk",
        progress=lambda d, t: not seen.append((d, t)),
    )
    assert seen[:4] == [(0, 12), (1, 12), (2, 12), (3, 12)]  # a call at a time, in step one
    assert seen[-4:] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert sent.path.exists()
    with hub.read() as session:
        assert all(call.hub_signature for call in session.query(Call))
