"""A proposal's submission number outranks the clock (``merge.SUBMISSION_NUMBER``): a field
laptop's late change of a draft its office has since submitted loses at both PCs and is logged
as a conflict, instead of blocking every later bundle of the laptop (``locked_proposal``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from proposal_filling import fill_sections
from sync_helpers import Network, table_rows
from test_sync_forgery import cell, forge, refused, set_cells

from hubdesk.domain import BudgetLine, FundProposal
from hubdesk.domain.hlc import pack as hlc_pack
from hubdesk.domain.hlc import wall_ms
from hubdesk.services import fund, meetings
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync import conflicts
from hubdesk.sync.importer import import_bundle

LINE = {"category": "equipment", "description": "Swings", "quantity": 2, "unit_cost_minor": 30_000}


def _draft(muni: ServiceContext) -> str:
    proposal = fund.create_proposal(muni, {"title": "Playground", "summary": "For children"})
    fund.add_budget_line(muni, proposal.id, LINE)
    fill_sections(muni, proposal.id)
    return proposal.id


def _rename(laptop: ServiceContext, pid: str) -> None:
    fund.update_proposal(laptop, pid, {"title": "Playground for all"})


def _delete(laptop: ServiceContext, pid: str) -> None:
    fund.delete_proposal(laptop, pid)


LATE_CHANGES: dict[str, Callable[[ServiceContext, str], None]] = {
    "renamed": _rename,
    "deleted": _delete,
}


def _held(ctx: ServiceContext, pid: str) -> tuple[Any, ...]:
    """What a person sees of the proposal: its words, status, number and live budget lines."""
    with ctx.read() as session:
        proposal = session.get(FundProposal, pid)
        assert proposal is not None
        lines = [
            (line.description, line.deleted)
            for line in session.query(BudgetLine).filter(BudgetLine.proposal_id == pid)
        ]
        return (proposal.title, proposal.status, proposal.submission, proposal.deleted, lines)


SUBMITTED = ("Playground", "submitted", 1, False, [("Swings", False)])
SHARED = ("fund_proposals", "budget_lines", "proposal_activities", "proposal_indicators",
          "proposal_status_changes", "meetings")  # fmt: skip


def _same(a: ServiceContext, b: ServiceContext) -> bool:
    return all(table_rows(a.db, t) == table_rows(b.db, t) for t in SHARED)


def _late_change(
    net: Network, muni: ServiceContext, field: ServiceContext, change: str
) -> tuple[str, str]:
    """The office submits a draft its laptop changes at the same time; and a meeting."""
    team_id = _team(muni)
    pid = _draft(muni)
    meeting = meetings.create_meeting(
        muni,
        {
            "team_id": team_id,
            "starts_at": dt.datetime(2024, 5, 2, 9, tzinfo=dt.UTC),
            "kind": "regular",
            "place": "Hall",
        },
    )
    net.deliver(muni, field)
    fund.transition(muni, pid, "submitted")
    LATE_CHANGES[change](field, pid)
    return pid, meeting.id


def _team(muni: ServiceContext) -> str:
    from hubdesk.services import team

    return team.create_team(muni, {"name": "CAT Kumanovo", "kind": "cat"}).id


@pytest.mark.parametrize("change", sorted(LATE_CHANGES))
def test_a_laptops_late_change_does_not_block_the_laptop(
    net: Network, muni: ServiceContext, field: ServiceContext, change: str
) -> None:
    """The laptop's bundle reaches the office first: its change loses to the submission there
    and at the laptop, and the laptop's later bundles import."""
    pid, meeting = _late_change(net, muni, field, change)
    net.deliver(field, muni)
    assert _held(muni, pid) == SUBMITTED
    net.deliver(muni, field)
    assert _held(field, pid) == SUBMITTED
    meetings.update_meeting(field, meeting, {"place": "School no. 3"})
    net.deliver(field, muni)
    assert meetings.get_meeting(muni, meeting).place == "School no. 3"
    assert _same(muni, field)
    _lost_in_conflicts(muni, pid, change)


def _lost_in_conflicts(ctx: ServiceContext, pid: str, change: str) -> None:
    """The laptop's change is kept in the conflict log (its deletion of the budget lines too),
    and cannot be brought back over the submission."""
    lost = conflicts.list_conflicts(ctx)
    tables = sorted(c.table for c in lost)
    parts = ["budget_lines", "proposal_activities", "proposal_indicators"]
    assert tables == sorted(["fund_proposals", *(parts if change == "deleted" else [])])
    proposal = next(c for c in lost if c.table == "fund_proposals")
    assert (proposal.record_id, proposal.other["deleted"]) == (pid, change == "deleted")
    assert all(c.other["deleted"] for c in lost if c.table != "fund_proposals")
    for conflict in lost:
        with pytest.raises(ValidationError, match=r"'Submitted'|was submitted"):
            conflicts.keep_other(ctx, conflict.id)
    assert _held(ctx, pid) == SUBMITTED


@pytest.mark.parametrize("change", sorted(LATE_CHANGES))
def test_the_office_first_gives_the_same_end(
    net: Network, muni: ServiceContext, field: ServiceContext, change: str
) -> None:
    """The office's bundle reaches the laptop first: the laptop takes the submission and logs
    its own change as a conflict it can see; then its bundle imports at the office."""
    pid, meeting = _late_change(net, muni, field, change)
    net.deliver(muni, field)
    assert _held(field, pid) == SUBMITTED
    _lost_in_conflicts(field, pid, change)
    meetings.update_meeting(field, meeting, {"place": "School no. 3"})
    net.deliver(field, muni)
    assert _held(muni, pid) == SUBMITTED
    assert meetings.get_meeting(muni, meeting).place == "School no. 3"
    assert _same(muni, field)


@pytest.mark.parametrize("via_office", [False, True], ids=["office_then_laptop", "relayed"])
def test_the_hub_ends_with_the_submission(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    via_office: bool,
) -> None:
    """The hub takes the office's submission and never the laptop's late rename, whether the
    office sends first and then relays the laptop's bundle, or only relays it."""
    pid, _meeting = _late_change(net, muni, field, "renamed")
    if not via_office:
        net.deliver(muni, hub)
    net.deliver(field, muni)
    net.deliver(muni, hub)
    assert _held(hub, pid)[:4] == SUBMITTED[:4]
    assert fund.get_proposal(hub, pid).title == "Playground"


def _changes_requested(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> str:
    """A submitted proposal the hub sent back for changes, held so by the office and laptop."""
    pid = _draft(muni)
    fund.transition(muni, pid, "submitted")
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    fund.record_decision(hub, pid, {"outcome": "changes_requested", "comments": "Smaller"})
    net.deliver(hub, muni)
    net.deliver(muni, field)
    assert _held(field, pid)[1:3] == ("changes_requested", 1)
    return pid


def test_a_resubmission_outranks_the_laptops_late_edit(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """The hub asked for changes; the office edits and resubmits while the laptop edits the
    text it holds. The laptop's edit loses on both PCs and never reaches the hub."""
    pid = _changes_requested(net, muni, hub, field)
    fund.update_proposal(muni, pid, {"title": "Small playground"})
    fund.transition(muni, pid, "submitted")
    fund.update_proposal(field, pid, {"title": "Playground (laptop)"})
    net.deliver(field, muni)
    net.deliver(muni, field)
    net.deliver(muni, hub)
    for ctx in (muni, field, hub):
        assert _held(ctx, pid)[:3] == ("Small playground", "submitted", 2)
    assert _same(muni, field)
    (lost,) = conflicts.list_conflicts(muni)
    with pytest.raises(ValidationError, match="'Submitted'"):
        conflicts.keep_other(muni, lost.id)


def test_a_lost_edit_comes_back_while_the_proposal_is_open_again(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """The laptop's late rename lost to the submission; once the hub asks for changes, the
    office may bring it back from the conflict log, under the submission's number."""
    pid, _meeting = _late_change(net, muni, field, "renamed")
    net.deliver(field, muni)
    (lost,) = conflicts.list_conflicts(muni)
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    fund.record_decision(hub, pid, {"outcome": "changes_requested", "comments": "Say more"})
    net.deliver(hub, muni)
    conflicts.keep_other(muni, lost.id)
    assert _held(muni, pid)[:3] == ("Playground for all", "changes_requested", 1)
    fund.transition(muni, pid, "submitted")
    net.deliver(muni, hub)
    assert _held(hub, pid)[:3] == ("Playground for all", "submitted", 2)


def test_a_lost_deletion_never_comes_back(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """Not even after the hub asks for changes: a submitted proposal is never deleted, and
    the deletion would not outrank it at the hub."""
    pid, _meeting = _late_change(net, muni, field, "deleted")
    net.deliver(field, muni)
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    fund.record_decision(hub, pid, {"outcome": "changes_requested", "comments": "Say more"})
    net.deliver(hub, muni)
    (lost,) = [c for c in conflicts.list_conflicts(muni) if c.table == "fund_proposals"]
    with pytest.raises(ValidationError, match="before the record was submitted"):
        conflicts.keep_other(muni, lost.id)
    assert _held(muni, pid)[1:4] == ("changes_requested", 1, False)


# --- the hub still refuses what a municipality may not do --------------------------------------


def _forged_number(pid: str, submission: int, title: str) -> Callable[[dict[str, Any]], None]:
    def change(tables: dict[str, Any]) -> None:
        proposals = tables["fund_proposals"]
        j = [r[proposals["columns"].index("id")] for r in proposals["rows"]].index(pid)
        set_cells(proposals, j, title=title, submission=submission,
                  version=hlc_pack(wall_ms() + 60_000, 0),
                  base_version=cell(proposals, "version", j))  # fmt: skip

    return change


def test_the_hub_refuses_a_renumbered_rewrite_of_a_submitted_proposal(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """A higher number outranks what the hub holds, so the change is judged: refused whole,
    as a rewrite of a submitted proposal always was."""
    pid = seeded["proposal"]
    net.deliver(muni, hub)
    path = forge(net, muni, hub, _forged_number(pid, 2, "A much bigger project"))
    refused(hub, path, "locked_proposal", "'Submitted'")


def test_an_earlier_number_never_outranks_what_the_hub_holds(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """A later stamp under an earlier number changes nothing at the hub (its writer knew the
    version the hub holds, so it is no conflict either)."""
    pid = seeded["proposal"]
    net.deliver(muni, hub)
    path = forge(net, muni, hub, _forged_number(pid, 0, "A much bigger project"))
    result = import_bundle(hub, path)
    assert (result.totals().updated, result.totals().conflicts) == (0, 0)
    assert _held(hub, pid)[:3] == ("Youth corner", "submitted", 1)


@pytest.mark.parametrize("number", [1, 1_000_000])
def test_a_laptop_cannot_number_a_submission_it_never_made(
    net: Network, muni: ServiceContext, field: ServiceContext, number: int
) -> None:
    """A number above the submissions in the status history would outrank the office's
    versions, or push its next submission past the allowed count (a negative one or one past
    that count is refused by the value rules)."""
    pid = _draft(muni)
    net.deliver(muni, field)
    _rename(field, pid)

    def change(tables: dict[str, Any]) -> None:
        data = tables["fund_proposals"]
        row = [cell(data, "id", i) for i in range(len(data["rows"]))].index(pid)
        set_cells(data, row, submission=number)

    refused(muni, forge(net, field, muni, change), "locked_proposal", "submission")
    assert fund.get_proposal(muni, pid).submission == 0
