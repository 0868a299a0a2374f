"""A proposal's parts (budget lines, workplan activities, indicators) carry the submission number
of their proposal as it was when they were written, which outranks the clock
(``merge.SUBMISSION_NUMBER``): a field laptop's late edit or addition of a part of a draft its
office has since submitted loses at both PCs instead of blocking the laptop's later bundles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import Network, table_rows
from test_proposal_submission import SHARED, _changes_requested, _draft, _team
from test_sync_forgery import add_row, forge, refused

from hubdesk.domain import BudgetLine, ProposalActivity, ProposalIndicator
from hubdesk.domain.base import Synced
from hubdesk.domain.hlc import pack as hlc_pack
from hubdesk.domain.hlc import wall_ms
from hubdesk.services import fund, history, meetings, proposal_sections
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync import conflicts
from hubdesk.sync.codec import table_of
from hubdesk.tables.labels import field_label

PARTS: dict[str, type[Synced]] = {
    "budget_lines": BudgetLine,
    "proposal_activities": ProposalActivity,
    "proposal_indicators": ProposalIndicator,
}
NEW: dict[str, dict[str, Any]] = {
    "budget_lines": {"category": "equipment", "description": "Slide", "quantity": 1,
                     "unit_cost_minor": 90_000},
    "proposal_activities": {"title": "Opening day", "starts_on": dt.date(2026, 4, 1)},
    "proposal_indicators": {"name": "Parents taking part", "target": 20},
}  # fmt: skip
EDIT: dict[str, dict[str, Any]] = {
    "budget_lines": {"description": "Swings (laptop)"},
    "proposal_activities": {"title": "Workshops (laptop)"},
    "proposal_indicators": {"name": "Young people (laptop)"},
}
ADD: dict[str, Callable[..., Synced]] = {
    "budget_lines": fund.add_budget_line,
    "proposal_activities": proposal_sections.add_activity,
    "proposal_indicators": proposal_sections.add_indicator,
}
UPDATE: dict[str, Callable[..., Synced]] = {
    "budget_lines": fund.update_budget_line,
    "proposal_activities": proposal_sections.update_activity,
    "proposal_indicators": proposal_sections.update_indicator,
}


def _parts(ctx: ServiceContext, table: str, pid: str) -> list[tuple[Any, ...]]:
    """The proposal's parts of one kind: id, the field a test changes, number, deleted."""
    model = PARTS[table]
    name = next(iter(EDIT[table]))
    with ctx.read() as session:
        rows = session.query(model).filter(model.proposal_id == pid)  # type: ignore[attr-defined]
        return sorted(
            (r.id, getattr(r, name), r.submission, r.deleted)  # type: ignore[attr-defined]
            for r in rows
        )


def _one(ctx: ServiceContext, table: str, pid: str) -> str:
    ((part_id, *_rest),) = _parts(ctx, table, pid)
    return str(part_id)


def _same(a: ServiceContext, b: ServiceContext) -> bool:
    return all(table_rows(a.db, t) == table_rows(b.db, t) for t in SHARED)


def _meeting(muni: ServiceContext) -> str:
    return meetings.create_meeting(
        muni,
        {
            "team_id": _team(muni),
            "starts_at": dt.datetime(2024, 5, 2, 9, tzinfo=dt.UTC),
            "kind": "regular",
            "place": "Hall",
        },
    ).id


def _late(
    net: Network, muni: ServiceContext, field: ServiceContext, table: str, change: str
) -> tuple[str, str, list[tuple[Any, ...]]]:
    """The office submits a draft while its laptop edits or adds a part of it; a meeting for
    the laptop's later bundles. Returns the parts as the office holds them once submitted."""
    meeting = _meeting(muni)
    pid = _draft(muni)
    net.deliver(muni, field)
    fund.transition(muni, pid, "submitted")
    submitted = _parts(muni, table, pid)
    assert {row[2] for row in submitted} == {1}  # written anew under the submission
    if change == "edited":
        UPDATE[table](field, _one(field, table, pid), EDIT[table])
    else:
        ADD[table](field, pid, NEW[table])
    assert {row[2] for row in _parts(field, table, pid)} == {0}
    return pid, meeting, submitted


def _later_bundles_import(
    net: Network, muni: ServiceContext, field: ServiceContext, meeting: str
) -> None:
    meetings.update_meeting(field, meeting, {"place": "School no. 3"})
    net.deliver(field, muni)
    assert meetings.get_meeting(muni, meeting).place == "School no. 3"
    net.deliver(muni, field)
    assert _same(muni, field)
    before = [table_rows(muni.db, t) for t in SHARED]
    for a, b in ((field, muni), (muni, field)):  # a further exchange changes nothing
        assert not net.deliver(a, b).changed
    assert [table_rows(muni.db, t) for t in SHARED] == before


def _live(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [row[:2] for row in rows if not row[3]]


def _lost(ctx: ServiceContext, table: str) -> None:
    """The laptop's version is in the conflict log and cannot come back over the submission."""
    lost = [c for c in conflicts.list_conflicts(ctx) if c.table == table]
    assert len(lost) == 1
    assert "submission" not in lost[0].differing_fields()  # bookkeeping, as in the history
    with pytest.raises(ValidationError, match="'Submitted'"):
        conflicts.keep_other(ctx, lost[0].id)


CASES = [(t, c) for t in sorted(PARTS) for c in ("edited", "added")]


@pytest.mark.parametrize(("table", "change"), CASES)
def test_the_laptops_late_part_loses_when_it_reaches_the_office_first(
    net: Network, muni: ServiceContext, field: ServiceContext, table: str, change: str
) -> None:
    pid, meeting, submitted = _late(net, muni, field, table, change)
    net.deliver(field, muni)
    assert _live(_parts(muni, table, pid)) == _live(submitted)
    _lost(muni, table)
    net.deliver(muni, field)
    assert _live(_parts(field, table, pid)) == _live(submitted)
    assert fund.get_proposal(field, pid).status == "submitted"
    _later_bundles_import(net, muni, field, meeting)


@pytest.mark.parametrize(("table", "change"), CASES)
def test_the_office_first_gives_the_same_end(
    net: Network, muni: ServiceContext, field: ServiceContext, table: str, change: str
) -> None:
    pid, meeting, submitted = _late(net, muni, field, table, change)
    net.deliver(muni, field)
    assert _live(_parts(field, table, pid)) == _live(submitted)
    _lost(field, table)
    net.deliver(field, muni)
    assert _live(_parts(muni, table, pid)) == _live(submitted)
    _later_bundles_import(net, muni, field, meeting)


@pytest.mark.parametrize("table", sorted(PARTS))
def test_the_hub_never_takes_the_laptops_late_part(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    table: str,
) -> None:
    pid, _meeting, submitted = _late(net, muni, field, table, "added")
    UPDATE[table](field, _one(muni, table, pid), EDIT[table])
    net.deliver(field, muni)
    net.deliver(muni, hub)
    assert _live(_parts(hub, table, pid)) == _live(submitted)


@pytest.mark.parametrize("table", sorted(PARTS))
def test_after_changes_are_asked_for_parts_merge_by_the_clock(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    table: str,
) -> None:
    """Parts written once the hub asked for changes carry the submission's number on both
    PCs, so the later edit wins as always, and what either adds is kept."""
    pid = _changes_requested(net, muni, hub, field)
    part = _one(muni, table, pid)
    UPDATE[table](muni, part, EDIT[table])
    later = {name: f"{value} (later)" for name, value in EDIT[table].items()}
    UPDATE[table](field, part, later)
    added = ADD[table](field, pid, NEW[table]).id
    net.deliver(field, muni)
    net.deliver(muni, field)
    assert _same(muni, field)
    rows = _parts(muni, table, pid)
    assert [row[1:] for row in rows if row[0] == part] == [(*later.values(), 1, False)]
    assert [row[2:] for row in rows if row[0] == added] == [(1, False)]
    fund.transition(muni, pid, "submitted")
    net.deliver(muni, hub)
    assert {row[2] for row in _parts(hub, table, pid) if not row[3]} == {2}
    assert _parts(hub, table, pid) == _parts(muni, table, pid)


def test_a_part_s_history_shows_no_empty_change_for_the_submission(muni: ServiceContext) -> None:
    """Writing the parts under the submission's number is bookkeeping: the history of a part
    shows its creation and edits, not an empty "changed" entry for each submission."""
    pid = _draft(muni)
    fund.transition(muni, pid, "submitted")
    for table in PARTS:
        entries = history.record_history(muni, table, _one(muni, table, pid))
        assert [e.action for e in entries] == ["create"]
        assert all(c.field != "submission" for e in entries for c in e.changes)
    # the proposal's own history says it was submitted once, in words
    entries = history.record_history(muni, "fund_proposals", pid)
    counted = [c for e in entries for c in e.changes if c.field == "submission"]
    assert [(c.old, c.new) for c in counted] == [(0, 1)]
    assert field_label("fund_proposals", "submission") == "Times submitted"


@pytest.mark.parametrize("change", ["edited", "added"])
def test_the_laptops_part_under_its_own_number_is_history_on_the_laptop(
    net: Network, muni: ServiceContext, field: ServiceContext, change: str
) -> None:
    """The laptop's part version and the numbers given at the submission are bookkeeping in
    the history of the part at the laptop: its own change, then what the office wrote."""
    table = "budget_lines"
    pid, _meeting, _submitted = _late(net, muni, field, table, change)
    net.deliver(muni, field)
    part = next(row[0] for row in _parts(field, table, pid) if change == "edited" or row[3])
    entries = history.record_history(field, table, part)
    assert all(c.field != "submission" for e in entries for c in e.changes)
    assert all(e.changes or e.action in ("create", "sync") for e in entries)


def test_a_part_the_office_deleted_before_submitting_stays_deleted(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
) -> None:
    """The laptop edits a budget line the office deleted before it submitted: the edit wins
    over the deletion by the clock, but not over the submission: the line stays deleted on
    both PCs, and the hub never sees it."""
    pid = _draft(muni)
    extra = fund.add_budget_line(muni, pid, NEW["budget_lines"]).id
    net.deliver(muni, field)
    fund.delete_budget_line(muni, extra)
    fund.transition(muni, pid, "submitted")
    fund.update_budget_line(field, extra, {"description": "Slide (laptop)"})
    net.deliver(field, muni)
    net.deliver(muni, field)
    net.deliver(muni, hub)
    for ctx in (muni, field, hub):
        assert extra not in [line.id for line in fund.list_budget_lines(ctx, pid)]
    assert _same(muni, field)
    _lost(muni, "budget_lines")


def _forged_part(pid: str, submission: int) -> Callable[[dict[str, Any]], None]:
    def change(tables: dict[str, Any]) -> None:
        lines = tables["budget_lines"]
        j = [r[lines["columns"].index("proposal_id")] for r in lines["rows"]].index(pid)
        add_row(lines, j, description="A second playground", submission=submission,
                version=hlc_pack(wall_ms() + 60_000, 0))  # fmt: skip

    return change


@pytest.mark.parametrize("number", [0, 1])
def test_the_hub_refuses_a_part_added_to_a_submitted_proposal(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any], number: int
) -> None:
    """Under the proposal's number or an earlier one: the hub deletes nothing of a
    municipality's, so it refuses the bundle whole, as before."""
    pid = seeded["proposal"]
    net.deliver(muni, hub)
    path = forge(net, muni, hub, _forged_part(pid, number))
    refused(hub, path, "locked_proposal", "'Submitted'")


def test_a_pc_behind_a_submission_made_before_numbers_keeps_its_parts(
    net: Network, muni: ServiceContext, field: ServiceContext
) -> None:
    """An older HubDesk submitted without writing the parts anew, and migration 0028 numbered
    the same part versions by each PC's proposal: 1 at the office, 0 at a laptop that had not
    received the submission yet. The laptop keeps them when the submission arrives."""
    from sqlalchemy import update

    pid = _draft(muni)
    net.deliver(muni, field)
    fund.transition(muni, pid, "submitted")
    stamps = ("version", "base_version", "updated_by", "updated_at")
    for table in PARTS:
        t = table_of(PARTS[table])
        with field.db.engine.connect() as conn:
            held = conn.execute(select(t.c.id, *(t.c[c] for c in stamps))).all()
        with muni.db.engine.begin() as conn:
            for row in held:
                values = dict(zip(stamps, row[1:], strict=True))
                conn.execute(update(t).where(t.c.id == row[0]).values(**values))
    expected = {table: _parts(muni, table, pid) for table in PARTS}
    assert all(row[2] == 1 for rows in expected.values() for row in rows)
    net.deliver(muni, field)
    net.deliver(field, muni)
    for table in PARTS:
        assert _live(_parts(field, table, pid)) == _live(expected[table])
        assert _parts(muni, table, pid) == expected[table]
    assert conflicts.list_conflicts(muni) == conflicts.list_conflicts(field) == []


@pytest.mark.parametrize("office_first", [False, True], ids=["laptop_first", "office_first"])
def test_a_part_added_just_before_the_submission_stays_out_too(
    net: Network, muni: ServiceContext, field: ServiceContext, office_first: bool
) -> None:
    """The laptop adds a line before the office submits (by the clock), but the office never
    had it: it is left out of the submission on both PCs, whichever bundle goes first."""
    pid = _draft(muni)
    net.deliver(muni, field)
    submitted = _parts(muni, "budget_lines", pid)
    fund.add_budget_line(field, pid, NEW["budget_lines"])
    fund.transition(muni, pid, "submitted")
    if office_first:
        net.deliver(muni, field)
    net.deliver(field, muni)
    net.deliver(muni, field)
    for ctx in (muni, field):
        assert _live(_parts(ctx, "budget_lines", pid)) == _live(submitted)
    assert _same(muni, field)
    _lost(muni, "budget_lines")
    for a, b in ((field, muni), (muni, field)):
        assert not net.deliver(a, b).changed
