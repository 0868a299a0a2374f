"""Export and import between real installations: scope, privacy, increments and receipts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_helpers import Network, dump

from hubdesk.domain import AuditEntry, FundDecision, Meeting, Member, Team
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.services import fund, team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import overview, scope
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import ALREADY, import_bundle, preview_import
from hubdesk.sync.select import select_for_peer


def test_hub_receives_everything_but_private_fields(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    sent = net.send(muni, hub)
    assert sent.withheld == {"members": ["email", "notes", "phone"], "meetings": ["minutes"]}
    result = import_bundle(hub, sent.path)
    assert result.status == "imported"
    # A file database is copied before an import; a server's import is one transaction.
    assert (result.backup is not None) == hub.db.is_sqlite
    assert result.areas["members"].created == 1
    with hub.read() as session:
        member = session.get(Member, seeded["member"])
        meeting = session.get(Meeting, seeded["meeting"])
        assert member is not None and meeting is not None
        assert (member.email, member.phone, member.notes) == ("", "", "")
        assert member.name == "Ana Petrovska"
        assert meeting.minutes == "" and meeting.minutes_internal
        synced = session.scalars(select(AuditEntry).where(AuditEntry.action == "sync")).all()
        assert len(synced) == sum(sent.counts.values())
    assert fund.get_proposal(hub, seeded["proposal"]).status == "submitted"


def test_field_laptop_receives_private_fields(
    net: Network, muni: ServiceContext, field: ServiceContext, seeded: dict[str, Any]
) -> None:
    sent = net.send(muni, field)
    assert sent.withheld == {}
    import_bundle(field, sent.path)
    with field.read() as session:
        member = session.get(Member, seeded["member"])
        assert member is not None and member.notes == "prefers mornings"
        meeting = session.get(Meeting, seeded["meeting"])
        assert meeting is not None and meeting.minutes == "internal discussion"


def test_what_leaves_this_pc(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    with muni.read() as session:
        peer = session.get(Peer, hub.installation_id)
        assert peer is not None
        selection = select_for_peer(session, muni, peer)
    assert selection.counts["members"] == 1 and selection.counts["fund_proposals"] == 1
    assert "fund_decisions" not in selection.counts
    assert selection.withheld["members"] == ["email", "notes", "phone"]
    assert set(scope.AREA_LABELS) >= set(selection.counts)
    shown = overview.outgoing(muni, hub.installation_id)  # what the Sync page shows
    assert (shown.counts, shown.withheld) == (selection.counts, selection.withheld)
    assert shown.private_stays
    # by the forms' names, in the window and on the command line alike (never "email")
    assert "Kept on this PC: Team members: E-mail, Notes, Phone" in shown.lines()
    net.deliver(muni, hub)
    net.deliver(hub, muni)  # the receipt: nothing new is left to send
    assert overview.outgoing(muni, hub.installation_id).lines() == ["Nothing new to send."]


def test_same_bundle_twice_changes_nothing_and_says_so(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    sent = net.send(muni, hub)
    import_bundle(hub, sent.path)
    before = dump(hub.db)
    again = import_bundle(hub, sent.path)
    assert again.status == ALREADY and "already imported" in again.summary()
    assert dump(hub.db) == before


def test_dry_run_shows_and_writes_nothing(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    sent = net.send(muni, hub)
    before = dump(hub.db)
    preview = preview_import(hub, sent.path)
    assert preview.status == "preview" and preview.totals().created == sum(sent.counts.values())
    assert dump(hub.db) == before
    imported = import_bundle(hub, sent.path)
    assert imported.totals().as_dict() == preview.totals().as_dict()


def test_incremental_after_receipt_and_older_bundle_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    first = net.send(muni, hub)
    assert first.full
    second = net.send(muni, hub)  # nothing acknowledged yet: everything again
    assert second.counts == first.counts
    import_bundle(hub, second.path)
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, first.path)
    assert caught.value.reason == "older"
    net.deliver(hub, muni)  # carries the receipt for bundle 2
    team.update_member(muni, seeded["member"], {"organisation": "School No. 3"})
    third = net.send(muni, hub)
    assert not third.full and third.counts == {"members": 1}
    result = import_bundle(hub, third.path)
    assert result.areas["members"].updated == 1
    full = net.send(muni, hub, full=True)
    assert full.counts == first.counts
    assert import_bundle(hub, full.path).totals().unchanged == sum(first.counts.values())


def test_decision_travels_back_to_municipality_and_field(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext,
    seeded: dict[str, Any],
) -> None:  # fmt: skip
    proposal = seeded["proposal"]
    net.deliver(muni, hub)
    fund.transition(hub, proposal, "under_review")
    fund.record_decision(hub, proposal, {"outcome": "approved", "amount_approved_minor": 60_000})
    back = net.send(hub, muni)
    assert set(back.counts) == {"proposal_status_changes", "fund_decisions"}
    import_bundle(muni, back.path)
    assert fund.get_proposal(muni, proposal).status == "approved"
    net.deliver(muni, field)
    assert fund.get_proposal(field, proposal).status == "approved"
    with field.read() as session:
        assert session.scalar(select(func.count()).select_from(FundDecision)) == 1


def test_revoked_or_unknown_sender_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    from hubdesk.sync import peers

    sent = net.send(muni, hub)
    peers.revoke(hub, muni.installation_id)
    before = dump(hub.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(hub, sent.path)
    assert caught.value.reason == "revoked"
    assert dump(hub.db) == before
    with pytest.raises(SyncError, match="revoked"):
        net.send(hub, muni)  # nothing is sent to a revoked peer either
    other = net.install("Struga", "municipality", "MK")
    with pytest.raises(SyncError):
        net.send(other, hub)  # Struga never enrolled the hub


def test_export_log_and_receipt_bookkeeping(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    sent = net.send(muni, hub)
    import_bundle(hub, sent.path)
    net.deliver(hub, muni)
    with muni.read() as session:
        peer = session.get(Peer, hub.installation_id)
        assert peer is not None
        assert peer.acked_out_sequence == 1 and peer.last_in_sequence == 1
        logs = session.scalars(select(BundleLog).order_by(BundleLog.id)).all()
        assert [(b.direction, b.sequence) for b in logs] == [("out", 1), ("in", 1)]
        assert json.loads(logs[0].summary)["counts"] == sent.counts


def test_hub_may_not_send_municipality_records(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """Even a hub whose database holds a changed team cannot make Kumanovo take it."""
    net.deliver(muni, hub)
    with hub.transaction() as session:
        row = session.get(Team, seeded["team"])
        assert row is not None
        row.name, row.version, row.updated_by = "Hijacked", row.version + 1, hub.installation_id
        session.add(
            AuditEntry(
                installation_id=hub.installation_id,
                table_name="teams",
                record_id=row.id,
                version=row.version,
                action="update",
            )
        )
    from hubdesk.sync.export import build_plain
    from hubdesk.sync.keys import load_keys
    from hubdesk.sync.rawio import fetch_json_rows
    from hubdesk.sync.select import Selection, _encode

    with hub.read() as session:
        peer = session.get(Peer, muni.installation_id)
        assert peer is not None
        rows = fetch_json_rows(session, select(Team.__table__), Team.__table__)
        part = _encode(session, "teams", rows, private=False)
    plain, _m = build_plain(hub, load_keys(hub.data_dir), peer, Selection({"teams": part}, 0, True),
                            peer.next_out_sequence)  # fmt: skip
    from hubdesk.sync.bundle import encrypt

    path = net.root / "forged.hubdesk"
    path.write_bytes(encrypt(plain, peer.age_recipient))
    before = dump(muni.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(muni, path)
    assert caught.value.reason == "out_of_scope"
    assert scope.NOT_HUB_WRITTEN in caught.value.message  # the whole reason, word for word
    assert "may only send its decisions and status changes" not in caught.value.message
    assert dump(muni.db) == before
    assert team.get_team(muni, seeded["team"]).name == "CAT Kumanovo"
