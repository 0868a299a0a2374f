"""A meeting's form saved as one unit: every part or none, every problem reported at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from test_meetings import local, meeting_data, member

from hubdesk.domain import AuditEntry, Meeting
from hubdesk.services import meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, ValidationError
from hubdesk.services.meeting_save import DECISIONS, MeetingChanges, save_meeting


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


@pytest.fixture
def people(ctx: ServiceContext, cat: str) -> list[str]:
    return [member(ctx, cat, name) for name in ("Ana", "Bujar")]


def audit_count(ctx: ServiceContext) -> int:
    with ctx.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_a_new_meeting_with_every_part(ctx: ServiceContext, cat: str, people: list[str]) -> None:
    saved = save_meeting(
        ctx,
        None,
        MeetingChanges(
            details=meeting_data(cat, place="Hall"),
            attendance={people[0]: "present", people[1]: "excused"},
            guests=[("Red Cross", 2)],
            decisions=[(None, "First"), (None, "Second")],
        ),
    )
    assert meetings.get_meeting(ctx, saved.id).place == "Hall"
    assert saved.attendance == {people[0]: "present", people[1]: "excused"}
    assert [(g.organisation, g.count) for g in meetings.list_guests(ctx, saved.id)] == [
        ("Red Cross", 2)
    ]
    decisions = meetings.list_decisions(ctx, saved.id)
    assert [d.id for d in decisions] == saved.decision_ids
    assert [d.text for d in decisions] == ["First", "Second"]


def test_every_problem_is_told_and_nothing_saved(ctx: ServiceContext, cat: str) -> None:
    before = audit_count(ctx)
    with pytest.raises(ValidationError) as refused:
        save_meeting(
            ctx,
            None,
            MeetingChanges(
                details=meeting_data(cat, ends_at=local(dt.date(2025, 5, 9))),  # before start
                guests=[("", 3)],
                decisions=[(None, "")],
            ),
        )
    fields = {error.field for error in refused.value.errors}
    assert {"ends_at", meetings.GUESTS, DECISIONS} <= fields
    assert meetings.list_meetings(ctx) == []
    assert audit_count(ctx) == before


def test_refused_attendance_leaves_no_new_meeting(ctx: ServiceContext, cat: str) -> None:
    before = audit_count(ctx)
    with pytest.raises(ValidationError) as refused:
        save_meeting(
            ctx,
            None,
            MeetingChanges(
                details=meeting_data(cat),
                guests=[("Red Cross", 2)],
                attendance={"not-a-member": "present"},
            ),
        )
    assert refused.value.field == meetings.ATTENDANCE
    assert meetings.list_meetings(ctx) == []
    assert audit_count(ctx) == before


def test_a_refused_part_keeps_the_stored_meeting_as_it_was(
    ctx: ServiceContext, cat: str, people: list[str]
) -> None:
    saved = save_meeting(
        ctx, None, MeetingChanges(details=meeting_data(cat, place="Hall"), guests=[("A", 1)])
    )
    with pytest.raises(ValidationError):
        save_meeting(
            ctx,
            saved.id,
            MeetingChanges(
                details={"place": "Library"},
                attendance={people[0]: "present"},
                guests=[("A", -4)],
            ),
        )
    assert meetings.get_meeting(ctx, saved.id).place == "Hall"
    assert meetings.get_attendance(ctx, saved.id) == {}
    assert [(g.organisation, g.count) for g in meetings.list_guests(ctx, saved.id)] == [("A", 1)]


def test_decisions_kept_changed_removed_and_added(ctx: ServiceContext, cat: str) -> None:
    first = save_meeting(
        ctx, None, MeetingChanges(details=meeting_data(cat), decisions=[(None, "a"), (None, "b")])
    )
    a, b = first.decision_ids
    with ctx.read() as session:
        version_a = session.get(meetings.Decision, a).version
    again = save_meeting(ctx, first.id, MeetingChanges(decisions=[(a, "a"), (None, "c")]))
    assert again.decision_ids[0] == a
    assert [d.text for d in meetings.list_decisions(ctx, first.id)] == ["a", "c"]
    with ctx.read() as session:
        assert session.get(meetings.Decision, a).version == version_a  # unchanged: not stamped
        assert session.get(meetings.Decision, b).deleted


def test_another_meetings_decision_is_not_taken(ctx: ServiceContext, cat: str) -> None:
    one = save_meeting(
        ctx, None, MeetingChanges(details=meeting_data(cat), decisions=[(None, "x")])
    )
    other = save_meeting(ctx, None, MeetingChanges(details=meeting_data(cat)))
    with pytest.raises(NotFoundError):
        save_meeting(ctx, other.id, MeetingChanges(decisions=[(one.decision_ids[0], "mine now")]))
    assert [d.text for d in meetings.list_decisions(ctx, one.id)] == ["x"]
    assert meetings.list_decisions(ctx, other.id) == []
    with ctx.read() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 2


def test_a_decision_deleted_meanwhile_does_not_stop_the_save(ctx: ServiceContext, cat: str) -> None:
    """The form still lists a decision a bundle from the other PC deleted: its deletion
    stands, and the rest of the form is saved."""
    first = save_meeting(
        ctx, None, MeetingChanges(details=meeting_data(cat), decisions=[(None, "a"), (None, "b")])
    )
    a, b = first.decision_ids
    meetings.delete_decision(ctx, b)
    again = save_meeting(
        ctx,
        first.id,
        MeetingChanges(details={"place": "Library"}, decisions=[(a, "a"), (b, "b"), (None, "c")]),
    )
    assert again.decision_ids[:2] == [a, b]
    assert [d.text for d in meetings.list_decisions(ctx, first.id)] == ["a", "c"]
    assert meetings.get_meeting(ctx, first.id).place == "Library"
