"""Record history from the audit trail and the conflict log; restoring is a new change."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from hubdesk.domain import AuditEntry, Conflict
from hubdesk.domain.sync import Peer
from hubdesk.services import history, meetings, records, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError

MEMBER = {
    "name": "Ana Petrovska",
    "organisation": "Municipality",
    "sector": "local_government",
    "role": "member",
    "gender": "female",
}


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


@pytest.fixture
def edited(ctx: ServiceContext, cat: str) -> str:
    """A member created and then edited three times."""
    member = team.create_member(ctx, {"team_id": cat, **MEMBER})
    team.update_member(ctx, member.id, {"organisation": "Centre for social work"})
    team.update_member(ctx, member.id, {"role": "chair", "joined_on": dt.date(2023, 5, 1)})
    team.update_member(ctx, member.id, {"organisation": "Red Cross"})
    return member.id


def audit_actions(ctx: ServiceContext, record_id: str) -> list[str]:
    with ctx.read() as session:
        query = select(AuditEntry.action).where(AuditEntry.record_id == record_id)
        return list(session.scalars(query.order_by(AuditEntry.id)))


def test_three_edits_show_three_updates_after_the_create(ctx: ServiceContext, edited: str) -> None:
    entries = history.record_history(ctx, "members", edited)
    assert [e.action for e in entries] == ["update", "update", "update", "create"]
    assert {e.installation_id for e in entries} == {ctx.installation_id}
    assert {e.installation_name for e in entries} == {"Kumanovo"}
    newest, middle, first, create = entries
    assert [(c.field, c.old, c.new) for c in newest.changes] == [
        ("organisation", "Centre for social work", "Red Cross")
    ]
    assert {(c.field, c.old, c.new) for c in middle.changes} == {
        ("role", "member", "chair"),
        ("joined_on", None, "2023-05-01"),
    }
    assert ("organisation", "Municipality", "Centre for social work") in {
        (c.field, c.old, c.new) for c in first.changes
    }
    assert {c.field for c in create.changes} >= {"name", "sector", "team_id"}
    assert "municipality_id" not in {c.field for c in create.changes}  # sync bookkeeping
    assert newest.version > middle.version > first.version > create.version
    assert all(e.at.tzinfo is not None for e in entries)


def test_restoring_a_value_is_a_new_audited_change(ctx: ServiceContext, edited: str) -> None:
    before = team.get_member(ctx, edited)
    create = history.record_history(ctx, "members", edited)[-1]
    changes = history.restore_value(ctx, "members", edited, create.entry_id, "organisation")
    assert changes == {"organisation": ("Red Cross", "Municipality")}
    after = team.get_member(ctx, edited)
    assert after.organisation == "Municipality" and after.role == "chair"  # only that field
    assert after.version > before.version and after.base_version == before.version
    entries = history.record_history(ctx, "members", edited)
    assert [e.action for e in entries] == ["restore", "update", "update", "update", "create"]
    assert [(c.old, c.new) for c in entries[0].changes] == [("Red Cross", "Municipality")]
    assert audit_actions(ctx, edited) == ["create", "update", "update", "update", "restore"]


def test_restoring_a_whole_version_or_undoing_one_change(ctx: ServiceContext, edited: str) -> None:
    entries = history.record_history(ctx, "members", edited)
    first_update = entries[2]
    changes = history.restore_version(ctx, "members", edited, first_update.entry_id)
    assert changes == {
        "organisation": ("Red Cross", "Centre for social work"),
        "role": ("chair", "member"),
        "joined_on": (dt.date(2023, 5, 1), None),
    }
    assert history.restore_version(ctx, "members", edited, first_update.entry_id) == {}
    undo = history.restore_value(
        ctx, "members", edited, first_update.entry_id, "organisation", before=True
    )
    assert undo == {"organisation": ("Centre for social work", "Municipality")}
    assert audit_actions(ctx, edited)[-2:] == ["restore", "restore"]


def test_a_restore_obeys_todays_rules_and_changes_nothing_when_refused(
    ctx: ServiceContext, edited: str
) -> None:
    other = team.create_team(ctx, {"name": "Youth council", "kind": "other"}).id
    old_team = team.get_member(ctx, edited).team_id
    team.update_member(ctx, edited, {"team_id": other})
    team.delete_team(ctx, old_team)
    create = history.record_history(ctx, "members", edited)[-1]
    version = team.get_member(ctx, edited).version
    with pytest.raises(ValidationError) as refused:
        history.restore_value(ctx, "members", edited, create.entry_id, "team_id")
    assert refused.value.by_field() == {"team_id": "Choose one of this municipality's teams."}
    assert team.get_member(ctx, edited).version == version
    assert audit_actions(ctx, edited)[-1] == "update"


def test_youth_rules_apply_to_a_restore(ctx: ServiceContext) -> None:
    activity = youth.create_activity(
        ctx,
        {
            "title": "Debate",
            "activity_type": "workshop",
            "starts_on": dt.date(2024, 4, 2),
            "participants_total": 3,
            "n_female_15_19": 3,
        },
    )
    youth.update_activity(ctx, activity.id, {"participants_total": 5, "n_male_15_19": 2})
    create = history.record_history(ctx, "youth_activities", activity.id)[-1]
    with pytest.raises(ValidationError) as refused:
        history.restore_value(
            ctx, "youth_activities", activity.id, create.entry_id, "participants_total"
        )
    assert "participants_total" in refused.value.by_field()
    history.restore_version(ctx, "youth_activities", activity.id, create.entry_id)
    restored = youth.get_activity(ctx, activity.id)
    assert (restored.participants_total, restored.n_male_15_19) == (3, 0)


PEER = "5b0c7a36-64a4-4c51-9d3c-2f3ad1f0c0de"


def arrive_by_sync(ctx: ServiceContext, member_id: str) -> None:
    """What an import of a field laptop's bundle leaves: a newer version, a 'sync' entry whose
    author is the laptop, and the version that lost kept whole in the conflict log."""
    with ctx.transaction() as session:
        session.add(
            Peer(
                id=PEER,
                role="field",
                name="Field laptop Lipkovo",
                signing_key="k",
                age_recipient="age1x",
                fingerprint="f",
            )
        )
        member = records.live(session, team.Member, member_id)
        losing_version = member.version + 5
        changes = records.change(session, ctx, member, {"phone": "070 123 456"}, action="sync")
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.record_id == member_id)
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None and changes
        entry.changes = json.dumps(
            {"phone": ["", "070 123 456"], "updated_by": [ctx.installation_id, PEER]}
        )
        loser = {
            c.key: records.jsonable(getattr(member, c.key)) for c in team.Member.__table__.columns
        }
        loser.update(phone="", organisation="Roma Centre Kumanovo", version=losing_version)
        session.add(
            Conflict(
                table_name="members",
                record_id=member_id,
                winner_version=member.version,
                winner_installation=PEER,
                loser_version=losing_version,
                loser_installation=ctx.installation_id,
                loser_data=json.dumps(loser),
            )
        )


def test_changes_by_sync_and_conflicts_are_in_the_history(ctx: ServiceContext, edited: str) -> None:
    arrive_by_sync(ctx, edited)
    entries = history.record_history(ctx, "members", edited)
    assert [e.action for e in entries][:2] == ["conflict", "sync"]
    conflict, synced = entries[:2]
    assert (synced.installation_id, synced.installation_name) == (PEER, "Field laptop Lipkovo")
    assert [(c.field, c.old, c.new) for c in synced.changes] == [("phone", "", "070 123 456")]
    assert conflict.is_conflict and conflict.installation_name == "Kumanovo"
    assert {(c.field, c.old, c.new) for c in conflict.changes} == {
        ("phone", "070 123 456", ""),
        ("organisation", "Red Cross", "Roma Centre Kumanovo"),
    }
    history.restore_value(ctx, "members", edited, conflict.entry_id, "organisation")
    member = team.get_member(ctx, edited)
    assert (member.organisation, member.phone) == ("Roma Centre Kumanovo", "070 123 456")
    assert history.record_history(ctx, "members", edited)[0].action == "restore"


def test_what_cannot_be_restored(ctx: ServiceContext, edited: str, cat: str) -> None:
    entry = history.record_history(ctx, "members", edited)[-1].entry_id
    with pytest.raises(NotFoundError):
        history.restore_value(ctx, "members", edited, "audit:999999", "name")
    with pytest.raises(NotFoundError):
        history.restore_value(ctx, "members", edited, "nonsense", "name")
    with pytest.raises(PermissionDenied):
        history.restore_value(ctx, "members", edited, entry, "version")
    with pytest.raises(NotFoundError):
        history.record_history(ctx, "spaceships", edited)
    with pytest.raises(NotFoundError):
        history.record_history(ctx, "members", "00000000-0000-0000-0000-000000000000")
    meeting = meetings.create_meeting(
        ctx,
        {"team_id": cat, "starts_at": dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC), "kind": "regular"},
    )
    meetings.set_attendance(ctx, meeting.id, {edited: "present"})
    meetings.set_attendance(ctx, meeting.id, {edited: "absent"})
    attendance_id = _entries(ctx, "attendance")[0].record_id
    entries = history.record_history(ctx, "attendance", attendance_id)
    assert [e.action for e in entries] == ["update", "create"]
    with pytest.raises(PermissionDenied):
        history.restore_value(ctx, "attendance", attendance_id, entries[-1].entry_id, "status")
    assert history.restorable_fields("attendance") == ()
    assert "organisation" in history.restorable_fields("members")
    team.delete_member(ctx, edited)
    assert history.record_history(ctx, "members", edited)[0].action == "delete"
    with pytest.raises(NotFoundError):
        history.restore_value(ctx, "members", edited, entry, "name")


def _entries(ctx: ServiceContext, table_name: str) -> list[AuditEntry]:
    with ctx.read() as session:
        query = select(AuditEntry).where(AuditEntry.table_name == table_name)
        return list(session.scalars(query.order_by(AuditEntry.id)))
