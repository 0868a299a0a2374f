"""Where each kind's rows come from: the same list functions and filters the tables use.

Reading through the services (not SQL of our own) means an export shows exactly what the table
shows: the same municipality scope, the same filter, the same sort order.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any

from sqlalchemy import select

from hubdesk.domain import Municipality
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import listing, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page, Told, reading_told
from hubdesk.tables.columns import AttendanceRow, BudgetRow, Kind, Lookups, ProposalRow


@dataclass(frozen=True)
class ListService:
    """What a kind's rows are read with: the list service's filter, its count and its rows a
    batch at a time, and the order a table shows when none is chosen. One place that knows
    them, so the export's count, its rows and the table's filter cannot name different lists."""

    filter: type[Any]
    count: Callable[[ServiceContext, Any], int]
    rows: Callable[[ServiceContext, Any, Page], Iterator[Any]]
    order: Page = Page()


def list_service(kind: str) -> ListService:
    """The list service ``kind``'s rows come from (meetings for attendance, proposals for
    budget lines). Imported when asked: an export loads only the one it reads."""
    kind = Kind(kind)
    if kind is Kind.MEMBERS:
        return ListService(
            team.MemberFilter, team.count_members, team.iter_members, Page(order_by="name")
        )
    if kind in (Kind.MEETINGS, Kind.ATTENDANCE):
        from hubdesk.services import meetings

        return ListService(meetings.MeetingFilter, meetings.count_meetings, meetings.iter_meetings)
    if kind is Kind.ACTION_ITEMS:
        from hubdesk.services import actions

        return ListService(
            actions.ActionItemFilter, actions.count_action_items, actions.iter_action_items
        )
    if kind is Kind.YOUTH_ACTIVITIES:
        from hubdesk.services import youth

        return ListService(youth.YouthFilter, youth.count_activities, youth.iter_activities)
    if kind is Kind.TRAININGS:
        from hubdesk.services import trainings_summary as trainings

        return ListService(
            trainings.TrainingFilter, trainings.count_trainings, trainings.iter_trainings
        )
    if kind is Kind.COMMUNITY_ACTIVITIES:
        from hubdesk.services import community

        return ListService(
            community.CommunityFilter, community.count_activities, community.iter_activities
        )
    if kind is Kind.ENGAGEMENTS:
        from hubdesk.services import engagements

        return ListService(
            engagements.EngagementFilter,
            engagements.count_engagements,
            engagements.iter_engagements,
        )
    from hubdesk.services import fund

    return ListService(fund.ProposalFilter, fund.count_proposals, fund.iter_proposals)


def filter_type(kind: str) -> type[Any]:
    """The filter dataclass the list service of ``kind`` takes (what a table passes along)."""
    return list_service(kind).filter


def default_filter(kind: str) -> Any:
    """Everything this installation sees (members who left included)."""
    f = filter_type(kind)()
    if Kind(kind) is Kind.MEMBERS:
        f = replace(f, active=None)
    return f


def checked_filter(kind: Kind, f: Any | None) -> Any:
    """``f``, or everything when None; a filter of another list is a programming error."""
    f = default_filter(kind) if f is None else f
    expected = filter_type(kind)
    if not isinstance(f, expected):
        raise TypeError(f"{kind} rows are filtered with {expected.__name__}, not {type(f)}")
    return f


def count_records(ctx: ServiceContext, kind: str, f: Any | None = None) -> int:
    """How many records ``iter_rows`` reads for ``kind`` under ``f`` (meetings for attendance,
    proposals for budget lines): the export's progress counts them, so its bar fills as it
    goes instead of staying busy."""
    return list_service(kind).count(ctx, checked_filter(Kind(kind), f))


# Kinds whose rows are not the records read: a meeting's attendance, a proposal's budget lines.
DERIVED = (Kind.ATTENDANCE, Kind.BUDGET_LINES)


def iter_rows(
    ctx: ServiceContext,
    kind: str,
    f: Any | None = None,
    page: Page | None = None,
    *,
    told: Told | None = None,
) -> Generator[Any, None, None]:
    """Every row of ``kind`` under filter ``f``, in the page's sort order, read a batch at a
    time as the rows are used: an export of a hub's table holds one batch, not the table.

    ``told(records read)`` hears of the records that make rows of their own (the meetings of
    an attendance list, the proposals of budget lines), read one by one or a batch at a time,
    and may raise to stop the reading: a meeting or proposal can come with no rows at all."""
    kind = Kind(kind)
    f = checked_filter(kind, f)
    order = Page(order_by=page.order_by, descending=page.descending) if page else None
    return _iter_rows(ctx, kind, f, order, told or (lambda _records: None))


def _iter_rows(
    ctx: ServiceContext, kind: Kind, f: Any, order: Page | None, told: Told
) -> Generator[Any, None, None]:
    """Closing it closes the reading it is in (``yield from`` passes the close on)."""
    service = list_service(kind)
    found = service.rows(ctx, f, order or service.order)
    if kind is Kind.ATTENDANCE:
        yield from _attendance_rows(ctx, found, told)
    elif kind in (Kind.FUND_PROPOSALS, Kind.BUDGET_LINES):
        yield from _proposal_rows(ctx, kind, found, told)
    else:
        yield from found


def _attendance_rows(ctx: ServiceContext, found: Iterator[Any], told: Told) -> Iterator[Any]:
    """Rows of the meetings' attendance, the meetings' statuses read together a batch of
    meetings at a time (one read per meeting made a hub's export take minutes): as many as one
    query takes, as a meeting brings a few dozen rows."""
    from hubdesk.services import meetings

    read, size = 0, min(listing.READ_BATCH, meetings.ATTENDANCE_BATCH)
    while batch := list(islice(found, size)):
        attendance = meetings.attendance_of_meetings(ctx, (m.id for m in batch))
        for meeting in batch:
            for member_id, status in attendance[meeting.id].items():
                yield AttendanceRow(meeting, member_id, status)
        read += len(batch)
        told(read)


def _proposal_rows(
    ctx: ServiceContext, kind: Kind, proposals: Iterator[Any], told: Told
) -> Iterator[Any]:
    from hubdesk.services import fund

    for done, p in enumerate(proposals, start=1):  # a read or two per proposal
        if kind is Kind.FUND_PROPOSALS:
            yield ProposalRow(p, fund.proposal_totals(ctx, p.id))
        else:
            yield from (BudgetRow(line, p) for line in fund.list_budget_lines(ctx, p.id))
        told(done)


def load_lookups(
    ctx: ServiceContext, kind: str, *, private: bool, lang: str, told: Told | None = None
) -> Lookups:
    """Names of the teams, members, municipalities and meetings the rows refer to; each
    municipality and team in the script of ``lang``, as the window's lists and reports name
    it (never "Куманово" beside "Elbasan" in an Albanian file). ``told(rows read)`` hears of
    the reading a batch at a time, and may raise to stop it."""
    if told is None:
        return _load_lookups(ctx, Kind(kind), private, lang)
    with reading_told(told):
        return _load_lookups(ctx, Kind(kind), private, lang)


def _load_lookups(ctx: ServiceContext, kind: Kind, private: bool, lang: str) -> Lookups:
    look = Lookups(private=private)
    with ctx.read() as session:
        query = select(
            Municipality.id, Municipality.name, Municipality.name_other_script, Municipality.country
        )
        towns = session.execute(query).all()
    look.municipalities = {
        mid: name_for_language(name, other, lang, country) for mid, name, other, country in towns
    }
    # A team by its municipality's country, as the window's lists name it (town_names.of_team).
    country = {mid: town_country for mid, _name, _other, town_country in towns}
    look.teams = {
        t.id: name_for_language(t.name, t.name_other_script, lang, country.get(t.municipality_id))
        for t in team.list_teams(ctx)
    }
    if kind in (Kind.ATTENDANCE, Kind.ACTION_ITEMS):
        look.members = team.member_names(ctx)  # deleted ones too: the minutes name them
    if kind is Kind.ACTION_ITEMS:
        from hubdesk.services import meetings

        look.meetings = {
            m.id: m.starts_at for m in meetings.list_meetings(ctx, meetings.MeetingFilter(), Page())
        }
    return look
