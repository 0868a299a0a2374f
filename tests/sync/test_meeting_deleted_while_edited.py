"""A meeting deleted on one PC while the other PC works inside it, before they exchange files.

The meeting and everything its deletion took along (attendance, guests, decisions, action
items) end in one state on every PC: if a change the deleter had not seen survives the merge
(inside the meeting, or to the meeting itself), the meeting comes back with what its deletion
took along, and a conflict says so; otherwise the deletion wins for all. Whichever file is
imported first, and however often the PCs exchange afterwards.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import group_exchange
import pytest
from group_exchange import exchange, pcs
from sqlalchemy import select
from sync_helpers import Network, seed

from hubdesk.domain import AuditEntry
from hubdesk.services import actions, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import conflicts
from hubdesk.sync.group_merge import CAME_BACK

GROUP = ("meetings", "attendance", "action_items", "decisions", "meeting_guests")


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """Kumanovo (seeded: a meeting with Ana present) with its hub and field laptop; the
    meeting also has Bob present, a decision and a guest line; everything exchanged once."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    ids = seed(muni)
    bob = team.create_member(
        muni,
        {"team_id": ids["team"], "name": "Bob", "sector": "police", "role": "member",
         "gender": "male"},
    )  # fmt: skip
    meetings.set_attendance(muni, ids["meeting"], {bob.id: "present"})
    meetings.add_decision(muni, ids["meeting"], "Meet the school board")
    meetings.set_guests(muni, ids["meeting"], [("Red Cross", 2)])
    net.deliver(muni, hub)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, "ids": ids, "bob": bob.id}


def deleted_flags(ctx: ServiceContext) -> dict[tuple[str, str], bool]:
    return group_exchange.deleted_flags(ctx, GROUP)


def group_rows(ctx: ServiceContext) -> list[list[Any]]:
    return group_exchange.group_rows(ctx, GROUP)


def settled(world: dict[str, Any]) -> dict[tuple[str, str], bool]:
    return group_exchange.settled(world, GROUP)


def meeting_conflicts(ctx: ServiceContext, meeting_id: str) -> list[conflicts.ConflictView]:
    return [
        c
        for c in conflicts.list_conflicts(ctx)
        if c.table == "meetings" and c.record_id == meeting_id and c.other["deleted"]
    ]


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
@pytest.mark.parametrize("inside", ["action item", "attendance"])
def test_a_change_inside_the_meeting_brings_it_back_whole(
    world: dict[str, Any], deleter: str, first: str, inside: str
) -> None:
    """One PC deletes the meeting while the other adds an action item to it (or marks Ana
    excused): no ghost row under a deleted meeting; the meeting comes back, with Bob's
    attendance, the decision and the guests its deletion took along."""
    ids, meeting = world["ids"], world["ids"]["meeting"]
    deleting, editing = pcs(world, deleter)
    item = None
    if inside == "action item":
        data = {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
        item = actions.create_action_item(editing, data).id
    else:
        meetings.set_attendance(editing, meeting, {ids["member"]: "excused"})
    meetings.delete_meeting(deleting, meeting)
    exchange(world, first)
    flags = settled(world)

    assert flags and not any(flags.values()), flags  # every record of the meeting alive
    for ctx in (world["muni"], world["laptop"], world["hub"]):
        assert meetings.get_meeting(ctx, meeting).id == meeting
        attendance = meetings.get_attendance(ctx, meeting)
        assert set(attendance) == {ids["member"], world["bob"]}
        assert len(meetings.list_decisions(ctx, meeting)) == 1
        assert [g.organisation for g in meetings.list_guests(ctx, meeting)] == ["Red Cross"]
    if item is not None:
        assert actions.get_action_item(deleting, item).meeting_id == meeting
    else:
        assert meetings.get_attendance(deleting, meeting)[ids["member"]] == "excused"
    # The person who deleted sees that the meeting came back, and why.
    (told,) = meeting_conflicts(deleting, meeting)
    assert told.current is not None and not told.current["deleted"]


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
def test_an_edit_of_the_meeting_brings_back_what_its_deletion_took(
    world: dict[str, Any], deleter: str, first: str
) -> None:
    """One PC deletes the meeting while the other changes its place: the meeting stays (the
    edit the deleter had not seen wins), and so do its attendance rows and the rest."""
    ids, meeting = world["ids"], world["ids"]["meeting"]
    deleting, editing = pcs(world, deleter)
    meetings.update_meeting(editing, meeting, {"place": "Town hall"})
    meetings.delete_meeting(deleting, meeting)
    exchange(world, first)
    flags = settled(world)

    assert flags and not any(flags.values()), flags
    for ctx in (world["muni"], world["laptop"], world["hub"]):
        assert meetings.get_meeting(ctx, meeting).place == "Town hall"
        assert set(meetings.get_attendance(ctx, meeting)) == {ids["member"], world["bob"]}
    (told,) = meeting_conflicts(deleting, meeting)
    assert told.current is not None and told.current["place"] == "Town hall"


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
def test_only_what_the_deletion_took_comes_back(
    world: dict[str, Any], deleter: str, first: str
) -> None:
    """Bob's attendance was cleared before (and both PCs knew it): when the meeting comes
    back, Bob stays cleared; only what the deletion itself took along returns."""
    net, ids, meeting = world["net"], world["ids"], world["ids"]["meeting"]
    meetings.set_attendance(world["muni"], meeting, {world["bob"]: None})
    net.deliver(world["muni"], world["laptop"])
    deleting, editing = pcs(world, deleter)
    meetings.update_meeting(editing, meeting, {"place": "Town hall"})
    meetings.delete_meeting(deleting, meeting)
    exchange(world, first)
    flags = settled(world)

    for ctx in (world["muni"], world["laptop"], world["hub"]):
        assert meetings.get_attendance(ctx, meeting) == {ids["member"]: "present"}
    cleared = [k for k, deleted in flags.items() if deleted]
    assert [table for table, _id in cleared] == ["attendance"]


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
def test_a_deletion_nobody_worked_against_wins_for_all(
    world: dict[str, Any], deleter: str, first: str
) -> None:
    """Nothing unseen: the meeting and everything in it end deleted everywhere, no conflict."""
    deleting, _editing = pcs(world, deleter)
    meetings.delete_meeting(deleting, world["ids"]["meeting"])
    exchange(world, first)
    flags = settled(world)
    assert flags and all(flags.values()), flags
    assert not any(conflicts.list_conflicts(c) for c in (world["muni"], world["laptop"]))


@pytest.mark.parametrize("again", ["office", "laptop"])
def test_deleting_again_after_seeing_the_edits_wins(world: dict[str, Any], again: str) -> None:
    """The meeting came back; a person who now deletes it (having seen the edits) deletes it
    for good on every PC, and nothing comes back."""
    meeting = world["ids"]["meeting"]
    data = {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    actions.create_action_item(world["muni"], data)
    meetings.delete_meeting(world["laptop"], meeting)
    exchange(world, "laptop")
    assert not any(settled(world).values())

    meetings.delete_meeting(world["muni"] if again == "office" else world["laptop"], meeting)
    flags = settled(world)
    assert flags and all(flags.values()), flags
    assert actions.overdue_action_items(world["muni"], dt.date(2024, 5, 1)) == []
    assert meetings.list_meetings(world["muni"]) == meetings.list_meetings(world["laptop"]) == []


def test_the_conflict_lets_the_deleter_delete_again(world: dict[str, Any]) -> None:
    """Keeping the deletion from the conflict log deletes the meeting with all it holds,
    the item the office added included, on every PC."""
    meeting = world["ids"]["meeting"]
    data = {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    actions.create_action_item(world["muni"], data)
    meetings.delete_meeting(world["laptop"], meeting)
    exchange(world, "office")
    settled(world)
    (told,) = meeting_conflicts(world["laptop"], meeting)
    conflicts.keep_other(world["laptop"], told.id)
    flags = settled(world)
    assert flags and all(flags.values()), flags


@pytest.mark.parametrize("kept", ["meetings", "attendance"])
def test_a_version_kept_over_the_deletion_brings_the_meeting_back_whole(
    world: dict[str, Any], kept: str
) -> None:
    """The office edits what the laptop edited too, then deletes the meeting: the deletion
    wins over the laptop's edit, which the office had seen a version of (nothing unseen
    survives). Keeping the laptop's version from the conflict log brings the meeting back
    with everything its deletion took along, never one row alone."""
    muni, laptop, ids = world["muni"], world["laptop"], world["ids"]
    meeting = ids["meeting"]
    if kept == "meetings":
        meetings.update_meeting(laptop, meeting, {"place": "Field"})
        time.sleep(0.01)
        meetings.update_meeting(muni, meeting, {"place": "Office"})
    else:
        meetings.set_attendance(laptop, meeting, {ids["member"]: "excused"})
        time.sleep(0.01)
        meetings.set_attendance(muni, meeting, {ids["member"]: "absent"})
    meetings.delete_meeting(muni, meeting)
    world["net"].deliver(laptop, muni)
    assert meetings.list_meetings(muni) == []
    (lost,) = conflicts.list_conflicts(muni)
    assert lost.table == kept and not lost.other["deleted"]

    conflicts.keep_other(muni, lost.id)
    assert [m.id for m in meetings.list_meetings(muni)] == [meeting]  # at once, not later
    assert set(meetings.get_attendance(muni, meeting)) == {ids["member"], world["bob"]}
    flags = settled(world)
    assert flags and not any(flags.values()), flags
    for ctx in (muni, laptop, world["hub"]):
        attendance = meetings.get_attendance(ctx, meeting)
        assert set(attendance) == {ids["member"], world["bob"]}
        if kept == "meetings":
            assert meetings.get_meeting(ctx, meeting).place == "Field"
        else:
            assert attendance[ids["member"]] == "excused"


def test_files_that_cross_bring_the_meeting_back_once(world: dict[str, Any]) -> None:
    """Both PCs write their file before either imports the other's: each brings the meeting
    back on its own; the two restorations say the same, merge without a question, and the
    PCs then agree and stop."""
    from hubdesk.sync.importer import import_bundle

    net, muni, laptop, meeting = (
        world["net"],
        world["muni"],
        world["laptop"],
        world["ids"]["meeting"],
    )
    data = {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    actions.create_action_item(muni, data)
    meetings.delete_meeting(laptop, meeting)
    to_laptop, to_office = net.send(muni, laptop), net.send(laptop, muni)
    import_bundle(laptop, to_laptop.path)
    import_bundle(muni, to_office.path)
    flags = settled(world)
    assert flags and not any(flags.values()), flags
    assert len(meeting_conflicts(laptop, meeting)) == 1


def test_the_history_says_why_a_meeting_came_back(world: dict[str, Any]) -> None:
    """The PC that brings the meeting back restored nothing by hand: its audit entry says the
    meeting is back after its deletion (shown so in History), not "earlier value restored"."""
    meeting, muni, laptop = world["ids"]["meeting"], world["muni"], world["laptop"]
    actions.create_action_item(
        laptop, {"meeting_id": meeting, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
    )
    meetings.delete_meeting(muni, meeting)
    world["net"].deliver(laptop, muni)
    with muni.read() as session:
        done = session.scalars(
            select(AuditEntry.action).where(AuditEntry.record_id == meeting).order_by(AuditEntry.id)
        ).all()
    assert done[-1] == CAME_BACK and "restore" not in done


@pytest.mark.parametrize("first", ["office", "laptop"])
@pytest.mark.parametrize("deleter", ["office", "laptop"])
@pytest.mark.parametrize("edited_before", [True, False])
def test_one_conflict_tells_the_meeting_and_the_part_as_the_other_pc_left_it(
    world: dict[str, Any], deleter: str, first: str, edited_before: bool
) -> None:
    """The deleter marks Ana absent (or not), the other PC marks her excused, then the
    deleter deletes the meeting: it comes back with Ana excused. One decision, one entry on
    every PC: the meeting's. On the PC that received the other's file first, where Ana's
    deletion lost, it holds her attendance as the other PC left it beside the version
    deleted; the attendance's own entry is kept in the log, decided with the meeting."""
    ids, meeting = world["ids"], world["ids"]["meeting"]
    deleting, editing = pcs(world, deleter)
    if edited_before:
        meetings.set_attendance(deleting, meeting, {ids["member"]: "absent"})
        time.sleep(0.01)
    meetings.set_attendance(editing, meeting, {ids["member"]: "excused"})
    time.sleep(0.01)
    meetings.delete_meeting(deleting, meeting)
    exchange(world, first)
    settled(world)

    for ctx in (world["muni"], world["laptop"], world["hub"]):
        assert meetings.get_attendance(ctx, meeting)[ids["member"]] == "excused"
    for ctx in (deleting, editing):
        assert [c.table for c in conflicts.list_conflicts(ctx)] in ([], ["meetings"])
    receiver = editing if first == deleter else deleting
    (told,) = conflicts.list_conflicts(receiver)
    (part,) = told.parts
    assert part.table == "attendance" and part.other["deleted"]
    assert part.current is not None and part.current["status"] == "excused"
    assert part.other["status"] == ("absent" if edited_before else "present")
    every = conflicts.list_conflicts(receiver, unresolved_only=False)
    assert [c.resolution for c in every if c.table == "attendance"] == ["with_group"]

    conflicts.keep_other(receiver, told.id)  # the deletion again: the whole meeting goes
    flags = settled(world)
    assert flags and all(flags.values()), flags
