"""The preview of a bundle tells everything its import will do, by the import's own code: a
meeting or a fund proposal deleted here that comes back because the other PC worked inside it
(with what its deletion took along), and the parts of a proposal a laptop added under an
earlier submission that are deleted as outranked. The preview writes nothing; the import then
does exactly that."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_helpers import Network, seed, table_rows
from test_proposal_part_submission import PARTS, _late
from test_proposal_submission import _draft

from hubdesk.domain import AuditEntry, Conflict
from hubdesk.services import actions, fund, meetings
from hubdesk.services.context import ServiceContext
from hubdesk.sync.importer import ImportResult, import_bundle, preview_import

TABLES = ("meetings", "attendance", "action_items", "decisions", "meeting_guests",
          "fund_proposals", *PARTS)  # fmt: skip


def _state(ctx: ServiceContext) -> tuple[Any, ...]:
    """Everything the preview must leave as it was: the records, audit, conflicts, clock."""
    with ctx.read() as session:
        audit = session.scalar(select(func.count()).select_from(AuditEntry))
        logged = session.scalar(select(func.count()).select_from(Conflict))
    return (*(table_rows(ctx.db, t) for t in TABLES), audit, logged, ctx.clock.last)


def _preview_then_import(ctx: ServiceContext, path: Path) -> tuple[ImportResult, ImportResult]:
    before = _state(ctx)
    preview = preview_import(ctx, path)
    assert _state(ctx) == before  # the preview wrote nothing (nor kept a stamp)
    done = import_bundle(ctx, path)
    assert preview.problems == done.problems == []
    # What the preview counted and told is what the import did.
    assert {n: c.as_dict() for n, c in preview.areas.items()} == {
        n: c.as_dict() for n, c in done.areas.items()
    }
    assert preview.came_back == done.came_back and preview.removed_parts == done.removed_parts
    assert preview.notes() == done.notes()
    return preview, done


@pytest.fixture
def office(net: Network, muni: ServiceContext, field: ServiceContext) -> dict[str, Any]:
    """Kumanovo's seeded meeting (Ana present), known to its field laptop."""
    ids = seed(muni)
    net.deliver(muni, field)
    return ids


def test_the_preview_says_a_meeting_deleted_here_comes_back(
    net: Network, muni: ServiceContext, field: ServiceContext, office: dict[str, Any]
) -> None:
    meeting = office["meeting"]
    item = {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    actions.create_action_item(field, item)
    meetings.delete_meeting(muni, meeting)
    sent = net.send(field, muni)

    preview, _done = _preview_then_import(muni, sent.path)

    [back] = preview.came_back
    assert (back.record_id, back.deleted_here, back.parts) == (meeting, True, {"attendance": 1})
    assert preview.areas["meetings"].updated == 1 and preview.areas["meetings"].conflicts == 1
    when = meetings.get_meeting(muni, meeting).starts_at
    from hubdesk.i18n.formatting import format_datetime

    assert preview.notes() == [
        "1 meeting deleted on this PC comes back: it was changed on another PC meanwhile.",
        f"• Meeting of CAT Kumanovo, {format_datetime(when, time_fmt='short')}: 1 record deleted"
        " with it comes back too.",
    ]
    assert preview.to_json()["came_back"] == [
        {"meeting_id": meeting, "deleted_here": True, "parts": {"attendance": 1}}
    ]


def test_the_preview_says_a_meeting_deleted_on_the_laptop_is_kept(
    net: Network, muni: ServiceContext, field: ServiceContext, office: dict[str, Any]
) -> None:
    meeting = office["meeting"]
    meetings.set_attendance(muni, meeting, {office["member"]: "excused"})
    meetings.delete_meeting(field, meeting)
    sent = net.send(field, muni)

    preview, _done = _preview_then_import(muni, sent.path)

    [back] = preview.came_back
    assert (back.record_id, back.deleted_here) == (meeting, False)
    assert preview.notes()[0] == (
        "1 meeting deleted on another PC is kept: it was changed on this PC meanwhile."
    )
    assert not meetings.get_meeting(muni, meeting).deleted


@pytest.fixture
def draft(net: Network, muni: ServiceContext, field: ServiceContext) -> str:
    """Kumanovo's draft proposal (a budget line, an activity, an indicator), known to its field
    laptop."""
    pid = _draft(muni)
    net.deliver(muni, field)
    return pid


def test_the_preview_says_a_proposal_deleted_here_comes_back(
    net: Network, muni: ServiceContext, field: ServiceContext, draft: str
) -> None:
    """The office deleted the draft while its laptop changed a budget line: the proposal comes
    back with the activity and indicator its deletion took along (the line, changed, wins by
    itself), and the preview names it as the Conflicts tab does."""
    [line] = fund.list_budget_lines(field, draft)
    fund.update_budget_line(field, line.id, {"quantity": 3})
    fund.delete_proposal(muni, draft)
    sent = net.send(field, muni)

    preview, _done = _preview_then_import(muni, sent.path)

    parts = {"proposal_activities": 1, "proposal_indicators": 1}
    [back] = preview.came_back
    assert (back.table, back.record_id, back.deleted_here, back.parts) == (
        "fund_proposals", draft, True, parts
    )  # fmt: skip
    assert preview.areas["fund_proposals"].conflicts == 1
    proposal = fund.get_proposal(muni, draft)
    assert not proposal.deleted
    assert preview.notes() == [
        "1 fund proposal deleted on this PC comes back: it was changed on another PC meanwhile.",
        f"• Proposal {proposal.reference}, Playground: 2 records deleted with it come back too.",
    ]
    assert preview.to_json()["came_back"] == [
        {"proposal_id": draft, "deleted_here": True, "parts": parts}
    ]


def test_the_preview_says_a_proposal_deleted_on_the_laptop_is_kept(
    net: Network, muni: ServiceContext, field: ServiceContext, draft: str
) -> None:
    """The laptop deleted the draft while the office renamed it: the office keeps it, with the
    budget line, activity and indicator the laptop's deletion took along."""
    fund.update_proposal(muni, draft, {"title": "Playground for all"})
    fund.delete_proposal(field, draft)
    sent = net.send(field, muni)

    preview, _done = _preview_then_import(muni, sent.path)

    [back] = preview.came_back
    assert (back.record_id, back.deleted_here, sum(back.parts.values())) == (draft, False, 3)
    reference = fund.get_proposal(muni, draft).reference
    assert preview.notes() == [
        "1 fund proposal deleted on another PC is kept: it was changed on this PC meanwhile.",
        f"• Proposal {reference}, Playground for all: 3 records deleted with it are kept too.",
    ]
    assert len(fund.list_budget_lines(muni, draft)) == 1


@pytest.mark.parametrize("table", sorted(PARTS))
def test_the_preview_says_which_late_parts_are_removed(
    net: Network, muni: ServiceContext, field: ServiceContext, table: str
) -> None:
    """The office submitted the draft while its laptop added a part to it: the laptop's
    bundle deletes that part at the office, and the office's bundle at the laptop."""
    pid, _meeting, _submitted = _late(net, muni, field, table, "added")
    sent = net.send(field, muni)
    words = {
        "budget_lines": "budget line",
        "proposal_activities": "workplan activity",
        "proposal_indicators": "indicator",
    }[table]

    at_office, _done = _preview_then_import(muni, sent.path)

    [removed] = at_office.removed_parts
    assert (removed.table, removed.proposal_id, removed.added_here) == (table, pid, False)
    assert at_office.areas[table].conflicts == 1
    assert at_office.notes() == [
        f"1 {words} added on another PC to a proposal submitted meanwhile will be removed"
        " (Playground)."
    ]
    assert at_office.to_json()["removed_parts"] == [
        {"table": table, "id": removed.part_id, "proposal_id": pid, "added_here": False}
    ]


@pytest.mark.parametrize("table", sorted(PARTS))
def test_the_laptop_is_told_its_own_late_part_goes(
    net: Network, muni: ServiceContext, field: ServiceContext, table: str
) -> None:
    pid, _meeting, _submitted = _late(net, muni, field, table, "added")
    sent = net.send(muni, field)

    at_laptop, _done = _preview_then_import(field, sent.path)

    [removed] = at_laptop.removed_parts
    assert (removed.proposal_id, removed.added_here) == (pid, True)
    [line] = at_laptop.notes()
    assert "added on this PC to a proposal submitted meanwhile will be removed" in line


def test_the_hub_preview_reads_only(
    net: Network, muni: ServiceContext, hub: ServiceContext, office: dict[str, Any]
) -> None:
    """At the hub neither rule writes anything: its preview stays a reading, and says nothing
    more than the counts."""
    sent = net.send(muni, hub)
    preview, done = _preview_then_import(hub, sent.path)
    assert preview.notes() == done.notes() == []


@pytest.mark.sqlite_only("the command opens the city's own database file")
def test_the_command_lines_dry_run_says_the_same(
    net: Network,
    muni: ServiceContext,
    field: ServiceContext,
    office: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``hubdesk import --dry-run`` prints the preview's sentences; ``--json`` names the
    records."""
    from hubdesk.cli import main

    meeting = office["meeting"]
    actions.create_action_item(field, {"meeting_id": meeting, "title": "Call the school"})
    meetings.delete_meeting(muni, meeting)
    sent = net.send(field, muni)
    expected = preview_import(muni, sent.path).notes()
    assert expected and expected[0].startswith("1 meeting deleted on this PC comes back")
    before = _state(muni)
    capsys.readouterr()

    args = ["--data-dir", str(muni.data_dir), "import", "--dry-run", str(sent.path)]
    assert main(args) == 0
    printed = capsys.readouterr().out.splitlines()
    assert [line.strip() for line in printed[-len(expected) :]] == expected
    assert main([*args, "--json"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert [c["meeting_id"] for c in report["came_back"]] == [meeting]
    assert _state(muni)[:-1] == before[:-1]  # nothing written (the command has its own clock)
