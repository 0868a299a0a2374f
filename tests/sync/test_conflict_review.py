"""Reviewing conflicts as a municipality lives them: the office PC and its field laptop edit
the same meeting before they exchange files, the office reverses the merge, and the hub follows.

A reversal is a new edit that travels like any other; a conflict is decided once; a record
deleted after the conflict stays deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sync_helpers import Network, dump, seed, table_rows

from hubdesk.domain import ActionItem, Attendance, Meeting
from hubdesk.services import actions, fund, history, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, ValidationError
from hubdesk.sync import conflicts
from hubdesk.sync.errors import SyncError


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """Kumanovo (seeded) with its hub and its field laptop; everything exchanged once."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    ids = seed(muni)
    net.deliver(muni, hub)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, "ids": ids}


def place(ctx: ServiceContext, meeting_id: str) -> str:
    return meetings.get_meeting(ctx, meeting_id).place


def one_conflict(ctx: ServiceContext) -> conflicts.ConflictView:
    (found,) = conflicts.list_conflicts(ctx)
    return found


def test_a_reversal_reaches_the_laptop_and_the_hub_and_stays(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    meeting = world["ids"]["meeting"]
    meetings.update_meeting(muni, meeting, {"place": "Office"})
    meetings.update_meeting(laptop, meeting, {"place": "Field"})
    assert net.deliver(laptop, muni).totals().conflicts == 1
    lost = one_conflict(muni)
    assert place(muni, meeting) == "Field" and lost.other["place"] == "Office"

    conflicts.keep_other(muni, lost.id)
    assert place(muni, meeting) == "Office" and not conflicts.list_conflicts(muni)
    net.deliver(muni, laptop)
    net.deliver(muni, hub)
    assert place(laptop, meeting) == place(hub, meeting) == "Office"
    # The laptop's next bundle (and a full one) does not take the reversal back.
    net.deliver(laptop, muni)
    net.deliver(laptop, muni, full=True)
    assert place(muni, meeting) == "Office"
    assert not any(conflicts.list_conflicts(c) for c in (muni, laptop, hub))
    assert table_rows(muni.db, "meetings") == table_rows(laptop.db, "meetings")


def test_a_conflict_is_decided_once(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    meeting = world["ids"]["meeting"]
    meetings.update_meeting(muni, meeting, {"place": "Office"})
    meetings.update_meeting(laptop, meeting, {"place": "Field"})
    net.deliver(laptop, muni)
    lost = one_conflict(muni)
    conflicts.keep_other(muni, lost.id)
    meetings.update_meeting(muni, meeting, {"place": "Town hall"})  # written since
    before = dump(muni.db)
    for decide in (conflicts.keep_other, conflicts.keep_current):
        with pytest.raises(SyncError) as caught:
            decide(muni, lost.id)
        assert caught.value.reason == "reviewed"
        assert f"Conflict {lost.id} was already reviewed" in caught.value.message
    assert dump(muni.db) == before and place(muni, meeting) == "Town hall"
    assert conflicts.get_conflict(muni, lost.id).resolution == conflicts.REVERTED


def test_bringing_the_lost_version_back_from_the_history_decides_the_conflict(
    world: dict[str, Any],
) -> None:
    """The office brings its own place back from the meeting's History instead of the conflicts
    view: the conflict is decided exactly as "Keep the other version" decides it, so nobody is
    asked about it again, and the reversal travels like one."""
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    meeting = world["ids"]["meeting"]
    meetings.update_meeting(muni, meeting, {"place": "Office"})
    meetings.update_meeting(laptop, meeting, {"place": "Field"})
    net.deliver(laptop, muni)
    lost = one_conflict(muni)
    (entry,) = [e for e in history.record_history(muni, "meetings", meeting) if e.is_conflict]
    assert entry.resolution == ""

    changes = history.restore_version(muni, "meetings", meeting, entry.entry_id)
    assert changes["place"] == ("Field", "Office") and place(muni, meeting) == "Office"
    assert conflicts.list_conflicts(muni) == []
    assert conflicts.get_conflict(muni, lost.id).resolution == conflicts.REVERTED
    (entry,) = [e for e in history.record_history(muni, "meetings", meeting) if e.is_conflict]
    assert entry.resolution == conflicts.REVERTED
    net.deliver(muni, laptop)
    net.deliver(muni, hub)
    assert place(laptop, meeting) == place(hub, meeting) == "Office"
    assert not any(conflicts.list_conflicts(c) for c in (muni, laptop, hub))
    # Decided once: the conflicts view cannot decide it a second time.
    with pytest.raises(SyncError) as caught:
        conflicts.keep_current(muni, lost.id)
    assert caught.value.reason == "reviewed"


def test_one_value_from_the_lost_version_leaves_the_rest_to_decide(
    world: dict[str, Any],
) -> None:
    """Taking one field of the losing version from the History is not a decision on the whole
    of it: the conflict stays to review, with the fields that still differ."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    meeting = world["ids"]["meeting"]
    meetings.update_meeting(muni, meeting, {"place": "Office", "agenda": "Budget"})
    meetings.update_meeting(laptop, meeting, {"place": "Field", "agenda": "Youth"})
    net.deliver(laptop, muni)
    (entry,) = [e for e in history.record_history(muni, "meetings", meeting) if e.is_conflict]
    history.restore_value(muni, "meetings", meeting, entry.entry_id, "place")
    (lost,) = conflicts.list_conflicts(muni)
    assert "place" not in lost.differing_fields() and "agenda" in lost.differing_fields()


@pytest.mark.parametrize("table", ["meetings", "attendance"])
def test_a_record_deleted_after_the_conflict_stays_deleted(
    world: dict[str, Any], table: str
) -> None:
    """The office deletes the meeting after the merge; reversing the conflict on the meeting,
    or on one of its attendance rows, would bring a row back under a deleted meeting."""
    net, muni, laptop, ids = world["net"], world["muni"], world["laptop"], world["ids"]
    meeting = ids["meeting"]
    if table == "meetings":
        meetings.update_meeting(muni, meeting, {"place": "Office"})
        meetings.update_meeting(laptop, meeting, {"place": "Field"})
    else:
        meetings.set_attendance(muni, meeting, {ids["member"]: "absent"})
        meetings.set_attendance(laptop, meeting, {ids["member"]: "excused"})
    net.deliver(laptop, muni)
    lost = one_conflict(muni)
    assert lost.table == table
    meetings.delete_meeting(muni, meeting)
    before = dump(muni.db)
    with pytest.raises(SyncError) as caught:
        conflicts.keep_other(muni, lost.id)
    assert caught.value.reason == "deleted_since" and "stays deleted" in caught.value.message
    assert dump(muni.db) == before
    with muni.read() as session:
        assert session.get(Meeting, meeting).deleted  # type: ignore[union-attr]
        live = [a for a in session.query(Attendance).all() if not a.deleted]
    assert live == []
    conflicts.keep_current(muni, lost.id)  # the person can still close it
    assert not conflicts.list_conflicts(muni)


def test_keeping_the_laptops_deletion_deletes_the_whole_meeting(world: dict[str, Any]) -> None:
    """The office fixes the place and adds an action item while the laptop deletes the meeting;
    the office then keeps the deletion: nothing stays alive (and overdue) under it."""
    net, muni, laptop, ids = world["net"], world["muni"], world["laptop"], world["ids"]
    meeting = ids["meeting"]
    meetings.update_meeting(muni, meeting, {"place": "Office"})
    item = actions.create_action_item(
        muni, {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    )
    meetings.delete_meeting(laptop, meeting)
    net.deliver(laptop, muni)
    lost = one_conflict(muni)
    assert (lost.table, lost.other["deleted"]) == ("meetings", True)
    assert actions.overdue_action_items(muni, dt.date(2024, 5, 1))  # still the office's item

    conflicts.keep_other(muni, lost.id)
    with muni.read() as session:
        assert session.get(Meeting, meeting).deleted  # type: ignore[union-attr]
        assert session.get(ActionItem, item.id).deleted  # type: ignore[union-attr]
    assert actions.overdue_action_items(muni, dt.date(2024, 5, 1)) == []
    net.deliver(muni, laptop)
    assert actions.overdue_action_items(laptop, dt.date(2024, 5, 1)) == []


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("statuses", [("present", "present"), ("absent", "excused")])
def test_attendance_recorded_on_both_pcs_merges(
    world: dict[str, Any], first: str, statuses: tuple[str, str]
) -> None:
    """The focal point types the paper sheet in at the office while the coordinator records
    the same person at the same meeting on the laptop: one record (its id is derived from the
    meeting and the member), whichever file is imported first, never a refused bundle."""
    net, muni, hub, laptop, ids = (world[k] for k in ("net", "muni", "hub", "laptop", "ids"))
    meeting = ids["meeting"]
    bob = team.create_member(
        muni,
        {"team_id": ids["team"], "name": "Bob", "sector": "police", "role": "member",
         "gender": "male"},
    )  # fmt: skip
    net.deliver(muni, laptop)
    meetings.set_attendance(muni, meeting, {bob.id: statuses[0]})
    meetings.set_attendance(laptop, meeting, {bob.id: statuses[1]})
    pair = (
        [(laptop, muni), (muni, laptop)] if first == "laptop" else [(muni, laptop), (laptop, muni)]
    )
    for _round in range(2):
        for source, target in pair:
            net.deliver(source, target)
    net.deliver(muni, hub)
    assert meetings.get_attendance(muni, meeting) == meetings.get_attendance(laptop, meeting)
    assert meetings.get_attendance(hub, meeting) == meetings.get_attendance(muni, meeting)
    assert table_rows(muni.db, "attendance") == table_rows(laptop.db, "attendance")
    logged = [c for site in (muni, laptop) for c in conflicts.list_conflicts(site)]
    if statuses[0] == statuses[1]:
        assert logged == []  # the same entry twice is no conflict to review
    else:
        (lost,) = logged
        assert lost.table == "attendance" and lost.differing_fields() == ["status"]


def test_a_trainee_added_on_both_pcs_merges(world: dict[str, Any]) -> None:
    """Training participants have derived ids too (``training_member_id``)."""
    from test_trainings_sync import record

    from hubdesk.services import trainings

    net, muni, laptop, ids = world["net"], world["muni"], world["laptop"], world["ids"]
    training = record(muni, ids["member"])
    bob = team.create_member(
        muni,
        {"team_id": ids["team"], "name": "Bob", "sector": "police", "role": "member",
         "gender": "male"},
    )  # fmt: skip
    net.deliver(muni, laptop)
    both = {ids["member"]: "participant", bob.id: "trainer"}
    trainings.update_training(muni, training, {}, both)
    trainings.update_training(laptop, training, {}, both)
    net.deliver(laptop, muni)
    net.deliver(muni, laptop)
    assert table_rows(muni.db, "training_members") == table_rows(laptop.db, "training_members")
    assert not conflicts.list_conflicts(muni) and not conflicts.list_conflicts(laptop)


@pytest.mark.parametrize("on_laptop", ["renamed", "deleted"])
def test_a_reversal_on_the_laptop_obeys_the_form(world: dict[str, Any], on_laptop: str) -> None:
    """The laptop renamed (or deleted) a draft while the office renamed and submitted it.
    Bringing the laptop's version back would change a submitted proposal, which the form
    refuses, and the office would refuse every later bundle of the laptop for it."""
    from proposal_filling import fill_sections

    from hubdesk.services import fund

    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    draft = fund.create_proposal(muni, {"title": "Sports hall", "summary": "Evening sports"})
    line = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}
    fund.add_budget_line(muni, draft.id, line)
    fill_sections(muni, draft.id)
    net.deliver(muni, laptop)
    if on_laptop == "renamed":
        fund.update_proposal(laptop, draft.id, {"title": "Sports hall (field)"})
    else:
        fund.delete_proposal(laptop, draft.id)
    fund.update_proposal(muni, draft.id, {"title": "Sports hall (office)"})
    fund.transition(muni, draft.id, "submitted")
    net.deliver(muni, laptop)
    (lost,) = [c for c in conflicts.list_conflicts(laptop) if c.table == "fund_proposals"]
    before = dump(laptop.db)
    with pytest.raises(ValidationError) as caught:
        conflicts.keep_other(laptop, lost.id)
    assert "cannot be changed now" in caught.value.message
    assert dump(laptop.db) == before and conflicts.list_conflicts(laptop)
    if on_laptop == "deleted":
        return  # its own deletion of the budget line is a late change the office refuses
    meetings.update_meeting(laptop, world["ids"]["meeting"], {"place": "Field"})
    net.deliver(laptop, muni)  # the laptop's other work still reaches the office
    assert place(muni, world["ids"]["meeting"]) == "Field"
    assert fund.get_proposal(muni, draft.id).title == "Sports hall (office)"


# What ``conflicts list`` says of a member and a meeting both PCs changed, in two languages:
# the record by the name a person knows it by, each field with both its values as the window
# writes them (a sector by its label, a date as dates are written: in Macedonian with a narrow
# no-break space before "г."), never an id.
LISTED = {
    "en": """\
2: Meeting of CAT Kumanovo, 5 Mar 2024, 10:00
  Place
    Current: Field
    Other version: Office
1: Team members: Ana Petrovska
  Organisation
    Current: Youth Centre
    Other version: Red Cross
  Sector
    Current: Police
    Other version: Health
  Joined on
    Current: 1 Feb 2023
    Other version: -
""",
    "mk": """\
2: Состанок на CAT Kumanovo, 5.3.2024\u202fг., 10:00
  Место
    Тековна верзија: Field
    Друга верзија: Office
1: Членови на тимот: Ana Petrovska
  Организација
    Тековна верзија: Youth Centre
    Друга верзија: Red Cross
  Сектор
    Тековна верзија: Полиција
    Друга верзија: Здравство
  Пристапил на
    Тековна верзија: 1.2.2023\u202fг.
    Друга верзија: -
""",
}


@pytest.mark.sqlite_only("the command opens the office's own database file")
@pytest.mark.parametrize("lang", sorted(LISTED))
def test_the_command_line_names_the_records_and_both_values_as_the_window_does(
    world: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    from hubdesk import cli

    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    meeting, member = world["ids"]["meeting"], world["ids"]["member"]
    meetings.update_meeting(muni, meeting, {"place": "Office"})
    meetings.update_meeting(laptop, meeting, {"place": "Field"})
    team.update_member(muni, member, {"organisation": "Red Cross", "sector": "health"})
    team.update_member(
        laptop,
        member,
        {"organisation": "Youth Centre", "sector": "police", "joined_on": dt.date(2023, 2, 1)},
    )
    net.deliver(laptop, muni)
    muni.db.close()  # the command opens the folder itself, as on the office PC
    monkeypatch.setenv("HUBDESK_LANG", lang)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(muni.data_dir), "conflicts", "list"]) == 0
    assert capsys.readouterr().out == LISTED[lang]


@pytest.mark.parametrize("close", ["delete", "complete"])
def test_an_item_added_to_a_meeting_deleted_on_the_laptop_can_be_closed(
    world: dict[str, Any], close: str
) -> None:
    """The office adds an action item while the coordinator deletes the meeting as a
    duplicate: the laptop did not know the item, so the merge keeps it, and the meeting with
    it (``sync/meeting_merge.py``). It must not stay overdue for ever on every PC, out of
    anyone's reach: it is within reach, under its meeting, and can be closed."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    meeting = world["ids"]["meeting"]
    later = dt.date(2024, 5, 1)
    data = {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    item = actions.create_action_item(muni, data)
    meetings.delete_meeting(laptop, meeting)
    net.deliver(laptop, muni)
    net.deliver(muni, laptop)
    assert [m.id for m in meetings.list_meetings(muni)] == [meeting]
    assert [m.id for m in meetings.list_meetings(laptop)] == [meeting]
    assert [i.id for i in actions.overdue_action_items(laptop, later)] == [item.id]
    if close == "delete":
        actions.delete_action_item(muni, item.id)
    else:
        actions.complete_action_item(muni, item.id, dt.date(2024, 4, 2))
    net.deliver(muni, laptop)
    assert actions.overdue_action_items(muni, later) == []
    assert actions.overdue_action_items(laptop, later) == []
    if close == "delete":
        with pytest.raises(NotFoundError):
            actions.update_action_item(muni, item.id, {"title": "Call the school again"})


def test_keeping_a_budget_line_that_would_leave_the_co_funding_uncovered_is_refused(
    world: dict[str, Any],
) -> None:
    """The laptop lowered a line the office then edited too; the office has since raised its
    co-funding. Keeping the laptop's line would leave the budget below the co-funding, which
    the line's form refuses: so does the conflicts view (and the History), changing nothing."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    proposal = fund.create_proposal(muni, {"title": "Sports day", "summary": "A day"})
    line = fund.add_budget_line(
        muni,
        proposal.id,
        {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000},
    )
    net.deliver(muni, laptop)
    fund.update_budget_line(laptop, line.id, {"quantity": 1})
    fund.update_budget_line(muni, line.id, {"description": "Big hall"})
    net.deliver(laptop, muni)
    lost = one_conflict(muni)
    assert lost.other["quantity"] == 1
    fund.update_proposal(muni, proposal.id, {"cofunding_minor": 80_000})
    before = dump(muni.db)
    with pytest.raises(ValidationError, match="less than the co-funding"):
        conflicts.keep_other(muni, lost.id)
    assert dump(muni.db) == before and one_conflict(muni).id == lost.id
