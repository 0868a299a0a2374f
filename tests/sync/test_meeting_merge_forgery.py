"""A field laptop's crafted bundle against the meeting merge (``sync/meeting_merge.py``).

A restoration is the receiving PC's own edit, written after the import's checks judged the
bundle: it must never bring back what the services would refuse to change there, such as the
records of a quarter the office submitted. A laptop could otherwise send a stale copy of a
meeting "deleted" with the stamp of one of its earlier deletions inside that meeting (a stale
copy changes nothing, so no check judges it) and have its office write the undeletion."""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import Network, dump, seed
from test_sync_forgery import cell, forge, refused, set_cells

from hubdesk.domain import Meeting
from hubdesk.services import meetings, periods
from hubdesk.services.context import ServiceContext
from hubdesk.storage.datadir import backups_dir
from hubdesk.sync import group_merge
from hubdesk.sync.importer import import_bundle


def _decision_flags(ctx: ServiceContext) -> dict[str, bool]:
    with ctx.db.engine.connect() as conn:
        return {i: bool(d) for i, d in conn.exec_driver_sql("SELECT id, deleted FROM decisions")}


def _version(ctx: ServiceContext, table: str, record_id: str) -> int:
    with ctx.db.engine.connect() as conn:
        query = f"SELECT version FROM {table} WHERE id = '{record_id}'"
        return int(conn.exec_driver_sql(query).scalar_one())


def test_a_stale_meeting_deletion_does_not_bring_back_a_submitted_quarters_record(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    ids = seed(muni)
    decision = meetings.add_decision(muni, ids["meeting"], "Meet the school board")
    net.deliver(muni, laptop)
    meetings.delete_decision(laptop, decision.id)  # the laptop's own deletion, one stamp
    meetings.update_meeting(laptop, ids["meeting"], {"minutes": "field minutes"})
    net.deliver(laptop, muni)
    stamp = _version(muni, "decisions", decision.id)
    meetings.update_meeting(muni, ids["meeting"], {"minutes": "final minutes"})
    periods.submit(muni, "2024-Q1")
    assert _decision_flags(muni) == {decision.id: True}

    def change(tables: dict[str, Any]) -> None:
        data = tables["meetings"]
        row = [cell(data, "id", i) for i in range(len(data["rows"]))].index(ids["meeting"])
        set_cells(data, row, deleted=True, version=stamp, updated_by=laptop.installation_id)

    path = forge(net, laptop, muni, change)
    import_bundle(muni, path)  # the stale copy changes nothing; the rest of the file is fine
    assert _decision_flags(muni) == {decision.id: True}


def test_a_failing_restoration_leaves_the_office_as_it_was(
    net: Network, muni: ServiceContext, hub: ServiceContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The restoration is part of the import's one transaction: if it fails, nothing of the
    bundle is written either, and the backup taken for the import is removed again."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    ids = seed(muni)
    net.deliver(muni, laptop)
    meetings.delete_meeting(muni, ids["meeting"])
    meetings.add_decision(laptop, ids["meeting"], "Meet the school board")
    path = net.send(laptop, muni).path
    before = dump(muni.db)
    assert muni.data_dir is not None
    backups = sorted(p.name for p in backups_dir(muni.data_dir).glob("*"))

    def broken(*_args: Any) -> None:
        raise OSError("the disk is full")

    monkeypatch.setattr(group_merge, "_restore", broken)
    with pytest.raises(OSError, match="disk is full"):
        import_bundle(muni, path)
    assert dump(muni.db) == before
    assert sorted(p.name for p in backups_dir(muni.data_dir).glob("*")) == backups
    monkeypatch.undo()
    import_bundle(muni, path)  # the same file imports once the PC can write
    with muni.read() as session:
        assert not session.get(Meeting, ids["meeting"]).deleted


def test_a_stale_meeting_deletion_cannot_borrow_the_offices_own_stamp(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """The stamp that says what a deletion took along cannot be another PC's: a laptop's copy
    of a meeting "deleted" with the stamp of the office's own separate deletion of a decision
    (to have the office bring that decision back as its own edit) claims an author that did
    not sign the file, so the whole file is refused, even though the copy is stale."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    ids = seed(muni)
    decision = meetings.add_decision(muni, ids["meeting"], "Meet the school board")
    meetings.delete_decision(muni, decision.id)  # the office's own, separate deletion
    net.deliver(muni, laptop)
    stamp = _version(muni, "decisions", decision.id)
    meetings.update_meeting(muni, ids["meeting"], {"minutes": "final minutes"})
    meetings.update_meeting(laptop, ids["meeting"], {"minutes": "field minutes"})

    def change(tables: dict[str, Any]) -> None:
        data = tables["meetings"]
        row = [cell(data, "id", i) for i in range(len(data["rows"]))].index(ids["meeting"])
        set_cells(data, row, deleted=True, version=stamp, updated_by=muni.installation_id)

    refused(muni, forge(net, laptop, muni, change), "forged_author")
    assert _decision_flags(muni) == {decision.id: True}
