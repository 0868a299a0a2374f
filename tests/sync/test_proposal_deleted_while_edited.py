"""A draft fund proposal deleted on one PC while the other PC edits it or one of its parts.

The proposal and everything its deletion took along (budget lines, workplan activities,
indicators) end in one state on every PC (``sync/proposal_merge.py``): if a change the
deleter had not seen survives the merge, the proposal comes back with what its deletion took
along, and a conflict says so; otherwise the deletion wins for all. Whichever file is imported
first, and however often the PCs exchange afterwards. Nothing comes back that the fund's rule
book would not let the municipality change (a proposal the office submitted meanwhile).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import group_exchange
import pytest
from group_exchange import exchange, pcs
from sqlalchemy import select
from sync_helpers import Network
from test_proposal_submission import LINE, _draft

from hubdesk.domain import AuditEntry
from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync import conflicts
from hubdesk.sync.group_merge import CAME_BACK

GROUP = ("fund_proposals", "budget_lines", "proposal_activities", "proposal_indicators")
SECOND = {**LINE, "description": "Benches", "unit_cost_minor": 10_000}


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """Kumanovo's draft (two budget lines, an activity, an indicator), held by the office, its
    field laptop and the hub."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    pid = _draft(muni)
    fund.add_budget_line(muni, pid, SECOND)
    net.deliver(muni, hub)
    net.deliver(muni, laptop)
    lines = {line.description: line.id for line in fund.list_budget_lines(muni, pid)}
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, "pid": pid, "lines": lines}


def flags(ctx: ServiceContext) -> dict[tuple[str, str], bool]:
    return group_exchange.deleted_flags(ctx, GROUP)


def group_rows(ctx: ServiceContext) -> list[list[Any]]:
    return group_exchange.group_rows(ctx, GROUP)


def settled(world: dict[str, Any]) -> dict[tuple[str, str], bool]:
    return group_exchange.settled(world, GROUP)


def told(ctx: ServiceContext, pid: str) -> list[conflicts.ConflictView]:
    """The proposal's lost deletions in this PC's conflict log."""
    return [
        c
        for c in conflicts.list_conflicts(ctx)
        if c.table == "fund_proposals" and c.record_id == pid and c.other["deleted"]
    ]


def came_back(ctx: ServiceContext) -> list[str]:
    with ctx.read() as session:
        query = select(AuditEntry.table_name).where(AuditEntry.action == CAME_BACK)
        return sorted(session.scalars(query))


def _edit_line(ctx: ServiceContext, world: dict[str, Any]) -> None:
    fund.update_budget_line(ctx, world["lines"]["Swings"], {"quantity": 3})


def _add_activity(ctx: ServiceContext, world: dict[str, Any]) -> None:
    data = {"title": "Opening day", "starts_on": dt.date(2026, 4, 1)}
    proposal_sections.add_activity(ctx, world["pid"], data)


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
@pytest.mark.parametrize("inside", ["budget line", "activity"])
def test_a_change_to_a_part_brings_the_proposal_back_whole(
    world: dict[str, Any], deleter: str, first: str, inside: str
) -> None:
    """One PC deletes the draft while the other edits a budget line (or adds an activity): no
    live part under a deleted proposal; the proposal comes back with every part."""
    pid = world["pid"]
    deleting, editing = pcs(world, deleter)
    (_edit_line if inside == "budget line" else _add_activity)(editing, world)
    fund.delete_proposal(deleting, pid)
    exchange(world, first)
    found = settled(world)

    assert found and not any(found.values()), found
    for ctx in (world["muni"], world["laptop"], world["hub"]):
        assert fund.get_proposal(ctx, pid).title == "Playground"
        lines = {line.description: line.quantity for line in fund.list_budget_lines(ctx, pid)}
        assert lines == {"Swings": 3 if inside == "budget line" else 2, "Benches": 2}
        activities = len(proposal_sections.list_activities(ctx, pid))
        assert activities == (2 if inside == "activity" else 1)
        assert len(proposal_sections.list_indicators(ctx, pid)) == 1
    (conflict,) = told(deleting, pid)
    assert conflict.current is not None and not conflict.current["deleted"]
    assert came_back(world["hub"]) == []  # the hub wrote none of it


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
def test_an_edit_of_the_proposal_brings_back_what_its_deletion_took(
    world: dict[str, Any], deleter: str, first: str
) -> None:
    """One PC deletes the draft while the other renames it: the proposal stays, and so do its
    budget lines, activity and indicator."""
    pid = world["pid"]
    deleting, editing = pcs(world, deleter)
    fund.update_proposal(editing, pid, {"title": "Playground for all"})
    fund.delete_proposal(deleting, pid)
    exchange(world, first)
    found = settled(world)

    assert found and not any(found.values()), found
    for ctx in (world["muni"], world["laptop"], world["hub"]):
        assert fund.get_proposal(ctx, pid).title == "Playground for all"
        assert len(fund.list_budget_lines(ctx, pid)) == 2
        assert fund.proposal_totals(ctx, pid).total_minor == 2 * 30_000 + 2 * 10_000
    (conflict,) = told(deleting, pid)
    assert conflict.current is not None and conflict.current["title"] == "Playground for all"


@pytest.mark.parametrize("first", ["office", "laptop"])
def test_only_what_the_deletion_took_comes_back(world: dict[str, Any], first: str) -> None:
    """The benches were deleted before (both PCs knew it): when the proposal comes back, the
    benches stay deleted; only what the deletion itself took along returns."""
    net, muni, laptop, pid = world["net"], world["muni"], world["laptop"], world["pid"]
    fund.delete_budget_line(muni, world["lines"]["Benches"])
    net.deliver(muni, laptop)
    _edit_line(laptop, world)
    fund.delete_proposal(muni, pid)
    exchange(world, first)
    found = settled(world)

    for ctx in (muni, laptop, world["hub"]):
        assert [line.description for line in fund.list_budget_lines(ctx, pid)] == ["Swings"]
    assert [key for key, deleted in found.items() if deleted] == [
        ("budget_lines", world["lines"]["Benches"])
    ]


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
def test_a_deletion_nobody_worked_against_wins_for_all(
    world: dict[str, Any], deleter: str, first: str
) -> None:
    deleting, _editing = pcs(world, deleter)
    fund.delete_proposal(deleting, world["pid"])
    exchange(world, first)
    found = settled(world)
    assert found and all(found.values()), found
    assert not any(conflicts.list_conflicts(c) for c in (world["muni"], world["laptop"]))


@pytest.mark.parametrize("again", ["office", "laptop"])
def test_deleting_again_after_seeing_the_edits_wins(world: dict[str, Any], again: str) -> None:
    """The proposal came back; a person who now deletes it (having seen the edits) deletes it
    for good on every PC, and nothing comes back."""
    muni, laptop, pid = world["muni"], world["laptop"], world["pid"]
    _edit_line(muni, world)
    fund.delete_proposal(laptop, pid)
    exchange(world, "laptop")
    assert not any(settled(world).values())

    fund.delete_proposal(muni if again == "office" else laptop, pid)
    found = settled(world)
    assert found and all(found.values()), found
    assert fund.list_proposals(muni) == fund.list_proposals(laptop) == []


def test_the_conflict_lets_the_deleter_delete_again(world: dict[str, Any]) -> None:
    """Keeping the deletion from the conflict log deletes the proposal with every part, the
    office's edited line included, on every PC."""
    muni, laptop, pid = world["muni"], world["laptop"], world["pid"]
    _edit_line(muni, world)
    fund.delete_proposal(laptop, pid)
    exchange(world, "office")
    settled(world)
    (conflict,) = told(laptop, pid)
    conflicts.keep_other(laptop, conflict.id)
    found = settled(world)
    assert found and all(found.values()), found


@pytest.mark.parametrize("first", ["office", "laptop"])
def test_a_proposal_submitted_meanwhile_takes_nothing_back(
    world: dict[str, Any], first: str
) -> None:
    """The laptop adds a budget line and deletes the draft while the office submits it. The
    submission wins over the deletion (``merge.SUBMISSION_NUMBER``), but the laptop's line,
    which its deletion took along, does not come back into the submitted proposal: the rule
    book no longer lets the municipality change it, and a part under the draft's number would
    only be deleted again (``proposal_parts``). Nothing is written back and forth."""
    muni, laptop, pid = world["muni"], world["laptop"], world["pid"]
    line = fund.add_budget_line(laptop, pid, {**LINE, "description": "Slide"}).id
    fund.delete_proposal(laptop, pid)
    fund.transition(muni, pid, "submitted")
    exchange(world, first)
    found = settled(world)

    assert found["budget_lines", line]
    assert [key for key, deleted in found.items() if deleted] == [("budget_lines", line)]
    for ctx in (muni, laptop, world["hub"]):
        proposal = fund.get_proposal(ctx, pid)
        assert (proposal.status, proposal.submission) == ("submitted", 1)
        descriptions = sorted(line.description for line in fund.list_budget_lines(ctx, pid))
        assert descriptions == ["Benches", "Swings"]
    assert came_back(muni) == came_back(laptop) == []
    # The lost deletion is in the conflict log of the PC that saw both first (as before this
    # rule), and cannot be kept over the submission.
    (saw,) = [ctx for ctx in (muni, laptop) if told(ctx, pid)]
    (conflict,) = told(saw, pid)
    with pytest.raises(ValidationError, match=r"'Submitted'|was submitted"):
        conflicts.keep_other(saw, conflict.id)


def test_the_hub_takes_the_offices_one_state(world: dict[str, Any]) -> None:
    """The hub held the office's deletion when the office brought the proposal back (its
    laptop had edited a budget line meanwhile): the hub takes the restoration as the office's
    edit, writes nothing of its own and has nothing to decide."""
    net, muni, laptop, hub, pid = (world[k] for k in ("net", "muni", "laptop", "hub", "pid"))
    _edit_line(laptop, world)
    fund.delete_proposal(muni, pid)
    net.deliver(muni, hub)
    assert fund.list_proposals(hub) == []
    net.deliver(laptop, muni)
    net.deliver(muni, hub)
    assert [p.id for p in fund.list_proposals(hub)] == [pid]
    assert not any(flags(hub).values())
    assert flags(hub) == flags(muni)
    assert came_back(hub) == [] and conflicts.list_conflicts(hub) == []
    # The office brought back the proposal and the benches, activity and indicator its
    # deletion took along (the laptop's edited swings were alive already).
    assert came_back(muni) == [
        "budget_lines", "fund_proposals", "proposal_activities", "proposal_indicators"
    ]  # fmt: skip


def test_a_line_kept_over_the_deletion_brings_the_proposal_back_whole(
    world: dict[str, Any],
) -> None:
    """The laptop changes the swings; the office changes them later, then deletes the draft:
    the deletion wins over the laptop's change, which the office had overwritten (nothing
    unseen survives). Keeping the laptop's line from the conflict log brings the proposal back
    with everything its deletion took along, never one line alone under a deleted proposal."""
    net, muni, laptop, pid = world["net"], world["muni"], world["laptop"], world["pid"]
    swings = world["lines"]["Swings"]
    fund.update_budget_line(laptop, swings, {"quantity": 4})
    time.sleep(0.01)
    fund.update_budget_line(muni, swings, {"quantity": 5})
    fund.delete_proposal(muni, pid)
    net.deliver(laptop, muni)
    assert fund.list_proposals(muni) == []
    (lost,) = conflicts.list_conflicts(muni)
    assert lost.table == "budget_lines" and not lost.other["deleted"]

    conflicts.keep_other(muni, lost.id)
    assert [p.id for p in fund.list_proposals(muni)] == [pid]  # at once, not later
    lines = {line.description: line.quantity for line in fund.list_budget_lines(muni, pid)}
    assert lines == {"Swings": 4, "Benches": 2}
    assert len(proposal_sections.list_indicators(muni, pid)) == 1
    found = settled(world)
    assert found and not any(found.values()), found


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
@pytest.mark.parametrize("edited_before", [True, False])
def test_one_conflict_tells_the_proposal_and_the_line_as_the_other_pc_left_it(
    world: dict[str, Any], deleter: str, first: str, edited_before: bool
) -> None:
    """The deleter sets the swings to 5 (or not), the other PC to 3, then the deleter deletes
    the draft: it comes back with 3 swings, in one entry on every PC; on the PC that received
    the other's file first it holds the line as the other PC left it beside the version
    deleted."""
    pid, line = world["pid"], world["lines"]["Swings"]
    deleting, editing = pcs(world, deleter)
    if edited_before:
        fund.update_budget_line(deleting, line, {"quantity": 5})
        time.sleep(0.01)
    fund.update_budget_line(editing, line, {"quantity": 3})
    time.sleep(0.01)
    fund.delete_proposal(deleting, pid)
    exchange(world, first)
    settled(world)

    for ctx in (world["muni"], world["laptop"], world["hub"]):
        lines = {x.description: x.quantity for x in fund.list_budget_lines(ctx, pid)}
        assert lines == {"Swings": 3, "Benches": 2}
    for ctx in (deleting, editing):
        assert [c.table for c in conflicts.list_conflicts(ctx)] in ([], ["fund_proposals"])
    (conflict,) = conflicts.list_conflicts(editing if first == deleter else deleting)
    (part,) = conflict.parts
    assert part.table == "budget_lines" and part.other["deleted"]
    assert part.current is not None and part.current["quantity"] == 3
    assert part.other["quantity"] == (5 if edited_before else 2)
