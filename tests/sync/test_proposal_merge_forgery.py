"""A field laptop's crafted bundle against the proposal merge (``sync/proposal_merge.py``).

A restoration is the receiving PC's own edit, written after the import's checks judged the
bundle: it must never bring back what the fund's rule book would refuse to change there, such
as a budget line of a proposal the office submitted. A laptop could otherwise send a stale copy
of the proposal "deleted" with the stamp of one of its earlier deletions of a line (a stale copy
changes nothing, so no check judges it) and have its office write the undeletion."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sync_helpers import Network
from test_proposal_submission import LINE, _draft
from test_sync_forgery import cell, forge, set_cells

from hubdesk.domain import AuditEntry, BudgetLine, Conflict
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.sync.group_merge import CAME_BACK
from hubdesk.sync.importer import import_bundle


def test_a_stale_deletion_does_not_bring_back_a_line_of_a_submitted_proposal(
    net: Network, muni: ServiceContext, field: ServiceContext
) -> None:
    pid = _draft(muni)
    benches = fund.add_budget_line(muni, pid, {**LINE, "description": "Benches"}).id
    net.deliver(muni, field)
    fund.update_proposal(field, pid, {"title": "Playground for all"})  # so its file holds it
    fund.delete_budget_line(field, benches)  # the laptop's own deletion, one stamp
    net.deliver(field, muni)
    with muni.read() as session:
        line = session.get(BudgetLine, benches)
        assert line is not None and line.deleted
        stamp = line.version
    fund.transition(muni, pid, "submitted")

    def change(tables: dict[str, Any]) -> None:
        data = tables["fund_proposals"]
        row = [cell(data, "id", i) for i in range(len(data["rows"]))].index(pid)
        set_cells(data, row, deleted=True, version=stamp, updated_by=field.installation_id)

    import_bundle(muni, forge(net, field, muni, change))  # the stale copy changes nothing
    with muni.read() as session:
        line = session.get(BudgetLine, benches)
        assert line is not None and line.deleted and line.version == stamp
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == CAME_BACK)).all() == []
        assert (
            session.scalars(select(Conflict).where(Conflict.table_name == "budget_lines")).all()
            == []
        )
    assert fund.get_proposal(muni, pid).status == "submitted"
