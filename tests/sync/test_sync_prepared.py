"""The preview and the import that follows are one job: the bundle is decrypted once, a
cancelled preview writes nothing, and a database changed between preview and import is judged
as it is at the import."""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import Network, dump

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle, peers
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import ALREADY, IMPORTED, PREVIEW, prepare_import


@pytest.fixture
def decrypts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every decryption of a bundle file."""
    calls: list[int] = []
    real = bundle.decrypt

    def counted(*args: Any, **kwargs: Any) -> bytes:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(bundle, "decrypt", counted)
    return calls


def test_preview_then_import_decrypts_once(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: Any, decrypts: list[int]
) -> None:
    sent = net.send(muni, hub)
    steps: list[tuple[int, int]] = []
    plan = prepare_import(hub, sent.path, progress=lambda d, t: steps.append((d, t)) or True)
    assert plan.status == PREVIEW and plan.result.totals().created > 0
    assert steps and steps[-1][0] == steps[-1][1]  # progress reached its end
    result = plan.apply()
    assert result.status == IMPORTED
    assert result.totals().as_dict() == plan.result.totals().as_dict()
    assert decrypts == [1]
    assert plan.apply().status == ALREADY  # applying twice changes nothing
    assert decrypts == [1]


def test_cancelled_preview_changes_nothing(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: Any
) -> None:
    sent = net.send(muni, hub)
    before = dump(hub.db)
    with pytest.raises(SyncError) as refused:
        prepare_import(hub, sent.path, progress=lambda _d, _t: False)
    assert refused.value.reason == "cancelled"
    assert dump(hub.db) == before


def test_import_judges_the_database_as_it_is_then(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    cat = team.create_team(muni, {"name": "CAT", "kind": "cat"})
    net.deliver(muni, hub)
    team.update_team(muni, cat.id, {"name": "CAT one"})
    plan = prepare_import(hub, net.send(muni, hub).path)
    assert plan.result.totals().updated == 1
    net.deliver(muni, hub)  # the same change arrived meanwhile in another bundle
    with pytest.raises(SyncError) as refused:
        plan.apply()  # an older bundle than the one imported since
    assert refused.value.reason == "older"


def test_sender_revoked_after_the_preview_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: Any
) -> None:
    plan = prepare_import(hub, net.send(muni, hub).path)
    peers.revoke(hub, muni.installation_id)
    before = dump(hub.db)
    with pytest.raises(SyncError) as refused:
        plan.apply()
    assert refused.value.reason == "revoked"
    assert dump(hub.db) == before
