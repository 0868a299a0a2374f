"""A bundle for every partner at once (``sync.export_every``): each whole and numbered as if
sent alone, a partner that cannot get one named while the others still go, Cancel at the
partner in hand."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from sync_helpers import Network

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import peers
from hubdesk.sync.errors import Cancelled, SyncError
from hubdesk.sync.export import default_file_name
from hubdesk.sync.export_every import export_to_every_peer
from hubdesk.sync.importer import import_bundle


@pytest.fixture
def region(net: Network, hub: ServiceContext, muni: ServiceContext) -> list[ServiceContext]:
    """The hub's partners: Kumanovo and Elbasan, each enrolled with the hub both ways."""
    elbasan = net.install("Elbasan", "municipality", "AL")
    net.introduce(elbasan, hub)
    return [muni, elbasan]


def test_each_partner_gets_its_own_bundle(
    hub: ServiceContext, region: list[ServiceContext], tmp_path: Path
) -> None:
    cat = team.create_team(region[0], {"name": "CAT", "kind": "cat"})
    assert cat.id
    out = tmp_path / "stick"
    out.mkdir()
    done = export_to_every_peer(hub, out)
    assert not done.failed and not done.left
    assert sorted(r.peer_name for r in done.sent) == ["Elbasan", "Kumanovo"]
    assert sorted(p.name for p in out.iterdir()) == sorted(r.path.name for r in done.sent)
    for city in region:
        sent = next(r for r in done.sent if r.peer_id == city.installation_id)
        assert import_bundle(city, sent.path).problems == []
    # The next round numbers each partner's bundle on from its own last one.
    again = export_to_every_peer(hub, out)
    assert sorted(r.sequence for r in again.sent) == [2, 2]


def test_a_revoked_partner_gets_nothing(
    hub: ServiceContext, region: list[ServiceContext], tmp_path: Path
) -> None:
    peers.revoke(hub, region[1].installation_id)
    done = export_to_every_peer(hub, tmp_path)
    assert [r.peer_name for r in done.sent] == ["Kumanovo"]


def test_one_partner_that_cannot_get_its_bundle_does_not_stop_the_others(
    hub: ServiceContext, region: list[ServiceContext], tmp_path: Path
) -> None:
    """A folder already standing where Elbasan's file goes: its bundle is refused with the
    reason; Kumanovo's is written."""
    elbasan = peers.find_peer(hub, region[1].installation_id)
    (tmp_path / default_file_name(hub, elbasan)).mkdir()
    done = export_to_every_peer(hub, tmp_path)
    assert [r.peer_name for r in done.sent] == ["Kumanovo"]
    [(name, why)] = done.failed
    assert name == "Elbasan" and "Could not write the bundle" in why


def test_a_missing_folder_writes_nothing(
    hub: ServiceContext, region: list[ServiceContext], tmp_path: Path
) -> None:
    before = [p.next_out_sequence for p in peers.list_peers(hub)]
    with pytest.raises(SyncError) as refused:
        export_to_every_peer(hub, tmp_path / "stick-taken-out")
    assert refused.value.reason == "unwritable"
    assert [p.next_out_sequence for p in peers.list_peers(hub)] == before
    assert not (tmp_path / "stick-taken-out").exists()


def test_cancel_stops_before_the_next_partner(
    hub: ServiceContext, region: list[ServiceContext], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = export_to_every_peer(hub, out, progress=lambda done, total: done < total // 2)
    assert len(done.sent) == 1 and len(done.left) == 1
    assert [p.name for p in out.iterdir()] == [done.sent[0].path.name]


def test_cancel_stops_the_bundle_being_written_and_keeps_those_before(
    hub: ServiceContext, region: list[ServiceContext], tmp_path: Path
) -> None:
    """On a hub of forty municipalities one bundle takes minutes: Cancel was heard only when
    it was done. Asked during the second partner's bundle, it stops that one."""
    out = tmp_path / "out"
    out.mkdir()
    seen: list[tuple[int, int]] = []

    def told(done: int, total: int) -> bool:
        seen.append((done, total))
        return done <= total // 2  # once the second partner's export has begun

    done = export_to_every_peer(hub, out, progress=told)
    assert len(done.sent) == 1 and done.left == [p.name for p in peers.list_peers(hub)][1:]
    assert [p.name for p in out.iterdir()] == [done.sent[0].path.name]
    assert all(b >= a for (a, _), (b, _) in itertools.pairwise(seen))  # only forward
    with pytest.raises(Cancelled):  # asked during the first: nothing was written
        export_to_every_peer(hub, out, progress=lambda done, total: done == 0)
    assert [p.name for p in out.iterdir()] == [done.sent[0].path.name]


def test_no_partner_yet_is_said(hub_ctx: ServiceContext, net: Network, tmp_path: Path) -> None:
    with pytest.raises(SyncError) as refused:
        export_to_every_peer(hub_ctx, tmp_path)  # no keys of its own yet: said once
    # (a hub on a server keeps its keys on its sync PC: this PC is told so)
    assert refused.value.reason in ("no_keys", "not_sync_pc")
    alone = net.install("Hub", "hub", ctx=hub_ctx)
    with pytest.raises(SyncError) as refused:
        export_to_every_peer(alone, tmp_path)
    assert refused.value.reason == "no_peer"


def test_a_bundles_name_is_in_the_persons_language(
    hub: ServiceContext, region: list[ServiceContext]
) -> None:
    """A Macedonian window offers "…-до-Kumanovo-…", not an English "to" between the names."""
    from hubdesk import i18n

    kumanovo = peers.find_peer(hub, region[0].installation_id)
    i18n.set_language("mk")
    try:
        name = default_file_name(hub, kumanovo)
    finally:
        i18n.set_language("en")
    assert "-до-Kumanovo-" in name and "-to-" not in name
    assert name.endswith(f"-{kumanovo.next_out_sequence}.hubdesk")
    assert "-to-Kumanovo-" in default_file_name(hub, kumanovo)
