"""A bundle that links to a record only a hub publishes (a call, the needs questionnaire) which
the receiving PC does not hold: the refusal says why, and what to do, in the words of the PC's
role. Asking the sender for a full bundle cannot help there: a municipality does not send the
hub's own records back to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import Network

from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database
from hubdesk.sync import keys
from hubdesk.sync.errors import SyncError


def test_a_new_hub_says_the_demo_municipality_answers_another_hubs_records(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "kumanovo"
    db = open_database(folder)
    try:
        build_demo(db, scale=1)  # its calls and questionnaire come from the demo's own hub
        keys.ensure_keys(folder)
        demo = load_context(db, folder)
        net = Network(tmp_path)
        hub = net.install("New hub", "hub")
        net.introduce(demo, hub)
        with pytest.raises(SyncError) as refused:
            net.deliver(demo, hub, full=True)
        message = str(refused.value)
        assert "this hub does not hold" in message
        assert "another hub" in message
        assert "full bundle" not in message
        net.close()
    finally:
        db.close()
