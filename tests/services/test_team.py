"""Team and member use cases, with the validation rules a person meets in the form."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import AuditEntry, Member
from hubdesk.domain.enums import Role
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied, ValidationError
from hubdesk.services.listing import Page


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


def member_data(team_id: str, **extra: object) -> dict[str, object]:
    return {"team_id": team_id, **MEMBER, **extra}


MEMBER: dict[str, object] = {
    "name": "Ana Petrovska",
    "organisation": "Municipality",
    "sector": "local_government",
    "role": "focal_point",
    "gender": "female",
}


def test_create_member_stamps_and_audits(ctx: ServiceContext, cat: str) -> None:
    member = team.create_member(ctx, member_data(cat, joined_on=dt.date(2024, 1, 10)))
    assert member.origin == ctx.installation_id and member.updated_by == ctx.installation_id
    assert member.version > 0 and member.base_version is None and not member.deleted
    assert member.municipality_id == ctx.municipality_id
    with ctx.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.record_id == member.id)).one()
    assert entry.action == "create"
    assert json.loads(entry.changes)["joined_on"] == [None, "2024-01-10"]


def test_update_bumps_version_and_records_base(ctx: ServiceContext, cat: str) -> None:
    member = team.create_member(ctx, member_data(cat))
    updated = team.update_member(ctx, member.id, {"organisation": "Centre for social work"})
    assert updated.version > member.version and updated.base_version == member.version
    unchanged = team.update_member(ctx, member.id, {"organisation": "Centre for social work"})
    assert unchanged.version == updated.version  # nothing changed, nothing stamped


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"sector": "astronauts"}, "sector"),
        ({"role": "king"}, "role"),
        ({"gender": "n/a"}, "gender"),
        ({"email": "not-an-address"}, "email"),
        ({"joined_on": dt.date(2024, 5, 1), "left_on": dt.date(2024, 4, 1)}, "left_on"),
        ({"joined_on": clock.today() + dt.timedelta(days=3)}, "joined_on"),
        ({"joined_on": "2024-01-01"}, "joined_on"),
        ({"team_id": "00000000-0000-4000-8000-000000000000"}, "team_id"),
        ({"version": 5}, "version"),
    ],
)
def test_invalid_member_is_refused_and_nothing_saved(
    ctx: ServiceContext, cat: str, extra: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        team.create_member(ctx, {"team_id": cat, **MEMBER, **extra})
    assert field in caught.value.by_field()
    assert caught.value.message  # a sentence, translated when read
    assert team.count_members(ctx, team.MemberFilter(active=None)) == 0


def test_update_checks_dates_against_stored_values(ctx: ServiceContext, cat: str) -> None:
    member = team.create_member(ctx, member_data(cat, joined_on=dt.date(2024, 5, 1)))
    with pytest.raises(ValidationError) as caught:
        team.update_member(ctx, member.id, {"left_on": dt.date(2024, 1, 1)})
    assert caught.value.field == "left_on"


def test_the_same_person_is_not_added_twice(ctx: ServiceContext, cat: str) -> None:
    """The spreadsheet import takes name and organisation (case and spacing aside) as one
    person; the form holds the same rule, so a sheet never meets two members it cannot tell
    apart."""
    first = team.create_member(ctx, member_data(cat))
    again = member_data(cat, name="  ana   PETROVSKA ", organisation="municipality")
    with pytest.raises(ValidationError) as caught:
        team.create_member(ctx, again)
    assert caught.value.field == "name"
    assert team.count_members(ctx, team.MemberFilter(active=None)) == 1

    # Another organisation is another person; renaming into the first one is refused too.
    other = team.create_member(ctx, member_data(cat, organisation="Red Cross"))
    with pytest.raises(ValidationError):
        team.update_member(ctx, other.id, {"organisation": "Municipality"})
    # Saving a member unchanged, or changing only other fields, is no clash with itself.
    team.update_member(ctx, first.id, {"name": "Ana Petrovska", "phone": "070 111 222"})
    # Once the first one is deleted, the person may be recorded again.
    team.delete_member(ctx, first.id)
    team.create_member(ctx, again)


def test_delete_is_a_tombstone(ctx: ServiceContext, cat: str) -> None:
    member = team.create_member(ctx, member_data(cat))
    team.delete_member(ctx, member.id)
    with ctx.read() as session:
        stored = session.get(Member, member.id)
    assert stored is not None and stored.deleted
    with pytest.raises(NotFoundError):
        team.get_member(ctx, member.id)
    assert team.count_members(ctx, team.MemberFilter(active=None)) == 0


def test_filters_search_and_paging(ctx: ServiceContext, cat: str) -> None:
    for i, (name, sector) in enumerate(
        [("Ana", "education"), ("Bujar", "police"), ("Cvetan", "education"), ("Dita", "youth")]
    ):
        team.create_member(
            ctx,
            member_data(
                cat,
                name=name,
                sector=sector,
                left_on=dt.date(2020, 1, 1) if i == 3 else None,
                joined_on=dt.date(2019, 1, 1),
            ),
        )
    assert team.count_members(ctx) == 3  # active only by default
    assert team.count_members(ctx, team.MemberFilter(active=False)) == 1
    assert team.count_members(ctx, team.MemberFilter(sector="education")) == 2
    assert [m.name for m in team.list_members(ctx, team.MemberFilter(search="UJA"))] == ["Bujar"]
    page = team.list_members(
        ctx,
        team.MemberFilter(active=None),
        Page(offset=1, limit=2, order_by="name", descending=True),
    )
    assert [m.name for m in page] == ["Cvetan", "Bujar"]


def test_search_treats_wildcards_literally(ctx: ServiceContext, cat: str) -> None:
    team.create_member(ctx, member_data(cat, name="100% Youth"))
    team.create_member(ctx, member_data(cat, name="Other"))
    assert team.count_members(ctx, team.MemberFilter(search="%")) == 1


def test_hub_keeps_no_team(hub_ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDenied):
        team.create_team(hub_ctx, {"name": "x", "kind": "cat"})


@pytest.mark.parametrize("who", ["hub", "other municipality"])
def test_a_team_or_member_is_changed_only_by_its_own_municipality(
    ctx: ServiceContext, cat: str, who: str
) -> None:
    """The hub reads every city's team and changes none of it, and no installation changes
    another municipality's: each change below is refused and nothing is written."""
    member = team.create_member(ctx, member_data(cat))
    if who == "hub":
        other = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    else:
        other = ServiceContext(
            ctx.db, ctx.installation_id, Role.MUNICIPALITY, "elsewhere", ctx.clock
        )
    attempts = (
        lambda: team.update_team(other, cat, {"name": "Renamed"}),
        lambda: team.delete_team(other, cat),
        lambda: team.update_member(other, member.id, {"name": "Someone else"}),
        lambda: team.delete_member(other, member.id),
    )
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert team.get_team(ctx, cat).name == "CAT Kumanovo"
    assert team.get_member(ctx, member.id).name == MEMBER["name"]
