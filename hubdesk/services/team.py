"""Team and member use cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Member, Municipality, Team
from hubdesk.i18n import N_
from hubdesk.i18n.scripts import other_form_to_store
from hubdesk.services import records
from hubdesk.services.area import not_in_future
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.listing import Page, count, fetch, fetch_counted, stream, text_match
from hubdesk.services.rules import team as rules
from hubdesk.services.validation import Checker, folded, unknown_fields

TEAM_FIELDS = ("name", "name_other_script", "kind", "established_on", "mandate_ref")
MEMBER_FIELDS = (
    "team_id",
    "name",
    "organisation",
    "sector",
    "role",
    "gender",
    "joined_on",
    "left_on",
    "trainings",
    "email",
    "phone",
    "consent_on",
    "notes",
)
TEAM = N_("team")
OTHER_NAME = "name_other_script"  # the name in the country's other script
MEMBER = N_("member")


def require_municipality(ctx: ServiceContext) -> str:
    """The municipality this installation records for; the hub keeps no team of its own."""
    if ctx.municipality_id is None:
        raise PermissionDenied(records.ONLY_A_MUNICIPALITY)
    return ctx.municipality_id


# --- teams -------------------------------------------------------------------------------------


def check_team(data: Mapping[str, Any], creating: bool) -> None:
    unknown_fields(data, TEAM_FIELDS)
    check = Checker()
    if creating or "name" in data:
        check.required(data, "name")
    if creating:
        check.required(data, "kind")
    check.text(data, Team)
    check.date(data, "established_on")
    check.rules(rules.check_team(data))
    check.done()


def create_team(ctx: ServiceContext, data: Mapping[str, Any]) -> Team:
    municipality_id = require_municipality(ctx)
    check_team(data, creating=True)
    with ctx.transaction() as session:
        country = _country(session, municipality_id)
        other = other_form_to_store(data["name"], data.get(OTHER_NAME), country)
        values = {**data, OTHER_NAME: other, "municipality_id": municipality_id}
        return records.create(session, ctx, Team, values)


def update_team(ctx: ServiceContext, team_id: str, data: Mapping[str, Any]) -> Team:
    check_team(data, creating=False)
    with ctx.transaction() as session:
        team = records.owned(session, ctx, Team, team_id, TEAM)
        changes = dict(data)
        if "name" in data or OTHER_NAME in data:
            name = data.get("name", team.name)
            changes[OTHER_NAME] = other_form_to_store(
                name,
                data.get(OTHER_NAME),
                _country(session, team.municipality_id),
                (team.name, team.name_other_script),
            )
            check = Checker()  # the form against the name it stands beside, if not both given
            check.rules(rules.check_team({"name": name, OTHER_NAME: changes[OTHER_NAME]}))
            check.done()
        records.change(session, ctx, team, changes)
        return team


def _country(session: Session, municipality_id: str) -> str | None:
    """The team's country, whose scripts its name is written in."""
    municipality = session.get(Municipality, municipality_id)
    return municipality.country if municipality is not None else None


def delete_team(ctx: ServiceContext, team_id: str) -> None:
    with ctx.transaction() as session:
        records.tombstone(session, ctx, records.owned(session, ctx, Team, team_id, TEAM))


def get_team(ctx: ServiceContext, team_id: str) -> Team:
    with ctx.read() as session:
        return records.live(session, Team, team_id, TEAM)


def list_teams(ctx: ServiceContext) -> list[Team]:
    query = select(Team).where(~Team.deleted).order_by(Team.name)
    if ctx.municipality_id is not None:
        query = query.where(Team.municipality_id == ctx.municipality_id)
    with ctx.read() as session:
        return list(session.scalars(query))


# --- members -----------------------------------------------------------------------------------


def check_member(ctx: ServiceContext, data: Mapping[str, Any], current: Member | None) -> None:
    unknown_fields(data, MEMBER_FIELDS)
    check = Checker()
    required = ("team_id", "name", "sector", "role", "gender")
    # On update only the fields being changed are checked for presence.
    check.required(data, *(required if current is None else [k for k in required if k in data]))
    check.text(data, Member)
    for name in ("joined_on", "left_on", "consent_on"):
        check.date(data, name)
    check.rules(rules.check_member({**_member_dates(current), **data}, changed=data))
    for name in ("joined_on", "consent_on"):
        not_in_future(check, data, name)
    if data.get("team_id") and check.ok("team_id"):
        with ctx.read() as session:
            team = session.get(Team, data["team_id"])
            if team is None or team.deleted or team.municipality_id != ctx.municipality_id:
                check.add("team_id", N_("Choose one of this municipality's teams."))
    keyed = "name" in data or "organisation" in data
    if (
        keyed
        and check.ok("name")
        and check.ok("organisation")
        and _already_a_member(ctx, data, current)
    ):
        check.add("name", SAME_PERSON)
    check.done()


SAME_PERSON = N_(
    "A member with this name and organisation is already recorded. Open that member to "
    "change it, or tell the two apart (a middle name, the organisation)."
)


def person_key(name: object, organisation: object) -> tuple[str, str]:
    """Who a member is: the name and organisation, regardless of case and runs of spaces.
    The spreadsheet import matches its rows to members by the same key, so a person the form
    could add twice would be one person to the next import."""
    return folded(name), folded(organisation)


def _already_a_member(ctx: ServiceContext, data: Mapping[str, Any], current: Member | None) -> bool:
    """Whether another live member of this municipality is the same person as the member
    these values make (the current member's name or organisation where not changed)."""
    name = data.get("name", current.name if current else None)
    organisation = data.get("organisation", current.organisation if current else None)
    if not name:
        return False
    wanted = person_key(name, organisation)
    query = select(Member.name, Member.organisation).where(
        Member.municipality_id == ctx.municipality_id, ~Member.deleted
    )
    if current is not None:
        query = query.where(Member.id != current.id)
    with ctx.read() as session:
        return any(person_key(*row) == wanted for row in session.execute(query))


def _member_dates(member: Member | None) -> dict[str, Any]:
    if member is None:
        return {}
    return {"joined_on": member.joined_on, "left_on": member.left_on}


def create_member(ctx: ServiceContext, data: Mapping[str, Any]) -> Member:
    municipality_id = require_municipality(ctx)
    check_member(ctx, data, None)
    with ctx.transaction() as session:
        return records.create(session, ctx, Member, {**data, "municipality_id": municipality_id})


def update_member(ctx: ServiceContext, member_id: str, data: Mapping[str, Any]) -> Member:
    current = get_member(ctx, member_id)
    check_member(ctx, data, current)
    with ctx.transaction() as session:
        member = records.owned(session, ctx, Member, member_id, MEMBER)
        records.change(session, ctx, member, data)
        return member


def delete_member(ctx: ServiceContext, member_id: str) -> None:
    with ctx.transaction() as session:
        records.tombstone(session, ctx, records.owned(session, ctx, Member, member_id, MEMBER))


def get_member(ctx: ServiceContext, member_id: str) -> Member:
    with ctx.read() as session:
        return records.live(session, Member, member_id, MEMBER)


@dataclass(frozen=True)
class MemberFilter:
    search: str | None = None
    team_id: str | None = None
    sector: str | None = None
    role: str | None = None
    gender: str | None = None
    active: bool | None = True  # True: still on the team; False: has left; None: everyone
    on: dt.date | None = None  # "active" is judged on this day (today when not given)
    municipality_id: str | None = None  # for the hub, which sees every municipality


MEMBER_SORT = {
    "name": Member.name,
    "organisation": Member.organisation,
    "sector": Member.sector,
    "role": Member.role,
    "joined_on": Member.joined_on,
    "left_on": Member.left_on,
}
MEMBER_ORDER = (Member.name, Member.id)


def _member_query(ctx: ServiceContext, f: MemberFilter) -> Select[Member]:
    query = select(Member).where(~Member.deleted)
    municipality_id = ctx.municipality_id or f.municipality_id
    if municipality_id is not None:
        query = query.where(Member.municipality_id == municipality_id)
    query = query.where(text_match(f.search, Member.search_text))
    for column, value in (
        (Member.team_id, f.team_id),
        (Member.sector, f.sector),
        (Member.role, f.role),
        (Member.gender, f.gender),
    ):
        if value is not None:
            query = query.where(column == value)
    on = f.on or clock.today()
    if f.active is True:
        query = query.where((Member.left_on.is_(None)) | (Member.left_on > on))
    elif f.active is False:
        query = query.where(Member.left_on <= on)
    return query


def count_members(ctx: ServiceContext, f: MemberFilter = MemberFilter()) -> int:
    with ctx.read() as session:
        return count(session, _member_query(ctx, f))


def list_members(
    ctx: ServiceContext,
    f: MemberFilter = MemberFilter(),
    page: Page = Page(order_by="name"),
) -> list[Member]:
    with ctx.read() as session:
        return fetch(session, _member_query(ctx, f), page, MEMBER_SORT, MEMBER_ORDER)


def iter_members(
    ctx: ServiceContext,
    f: MemberFilter = MemberFilter(),
    page: Page = Page(order_by="name"),
) -> Iterator[Member]:
    """``list_members`` a batch at a time (``listing.stream``), for an export."""
    with ctx.read() as session:
        yield from stream(session, _member_query(ctx, f), page, MEMBER_SORT, MEMBER_ORDER)


def member_names(ctx: ServiceContext) -> dict[str, tuple[str, str]]:
    """``{id: (name, organisation)}`` of every member held here, deleted ones too: a meeting's
    attendance and an action item's owner stay in its minutes after the member is deleted
    (docs/architecture.md, "Deleting a member"), and a table export names them as those do."""
    query = select(Member.id, Member.name, Member.organisation)
    if ctx.municipality_id is not None:
        query = query.where(Member.municipality_id == ctx.municipality_id)
    with ctx.read() as session:
        return {mid: (name, organisation) for mid, name, organisation in session.execute(query)}


def search_members(
    ctx: ServiceContext,
    f: MemberFilter = MemberFilter(),
    page: Page = Page(order_by="name"),
) -> tuple[int, list[Member]]:
    """``count_members`` and ``list_members`` in one pass, as the Team page filters."""
    with ctx.read() as session:
        return fetch_counted(session, _member_query(ctx, f), page, MEMBER_SORT, MEMBER_ORDER)
