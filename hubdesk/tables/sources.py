"""Where each kind's rows come from: the same list functions and filters the tables use.

Reading through the services (not SQL of our own) means an export shows exactly what the table
shows: the same municipality scope, the same filter, the same sort order.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any

from sqlalchemy import select

from hubdesk.domain import Municipality
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import listing, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page, Told, reading_told
from hubdesk.tables.columns import AttendanceRow, BudgetRow, Kind, Lookups, ProposalRow


def filter_type(kind: str) -> type[Any]:
    """The filter dataclass the list service of ``kind`` takes (what a table passes along)."""
    kind = Kind(kind)
    if kind is Kind.MEMBERS:
        return team.MemberFilter
    if kind in (Kind.MEETINGS, Kind.ATTENDANCE):
        from hubdesk.services.meetings import MeetingFilter

        return MeetingFilter
    if kind is Kind.ACTION_ITEMS:
        from hubdesk.services.actions import ActionItemFilter

        return ActionItemFilter
    if kind is Kind.YOUTH_ACTIVITIES:
        from hubdesk.services.youth import YouthFilter

        return YouthFilter
    if kind is Kind.TRAININGS:
        from hubdesk.services.trainings_summary import TrainingFilter

        return TrainingFilter
    if kind is Kind.COMMUNITY_ACTIVITIES:
        from hubdesk.services.community import CommunityFilter

        return CommunityFilter
    if kind is Kind.ENGAGEMENTS:
        from hubdesk.services.engagements import EngagementFilter

        return EngagementFilter
    from hubdesk.services.fund import ProposalFilter

    return ProposalFilter


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
    kind = Kind(kind)
    f = checked_filter(kind, f)
    if kind is Kind.MEMBERS:
        return team.count_members(ctx, f)
    if kind in (Kind.MEETINGS, Kind.ATTENDANCE):
        from hubdesk.services import meetings

        return meetings.count_meetings(ctx, f)
    if kind is Kind.ACTION_ITEMS:
        from hubdesk.services import actions

        return actions.count_action_items(ctx, f)
    if kind is Kind.YOUTH_ACTIVITIES:
        from hubdesk.services import youth

        return youth.count_activities(ctx, f)
    if kind is Kind.TRAININGS:
        from hubdesk.services import trainings_summary

        return trainings_summary.count_trainings(ctx, f)
    if kind is Kind.COMMUNITY_ACTIVITIES:
        from hubdesk.services import community

        return community.count_activities(ctx, f)
    if kind is Kind.ENGAGEMENTS:
        from hubdesk.services import engagements

        return engagements.count_engagements(ctx, f)
    from hubdesk.services import fund

    return fund.count_proposals(ctx, f)


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
    if kind is Kind.MEMBERS:
        yield from team.iter_members(ctx, f, order or Page(order_by="name"))
    elif kind in (Kind.MEETINGS, Kind.ATTENDANCE):
        from hubdesk.services import meetings

        found = meetings.iter_meetings(ctx, f, order or Page())
        yield from found if kind is Kind.MEETINGS else _attendance_rows(ctx, found, told)
    elif kind is Kind.ACTION_ITEMS:
        from hubdesk.services import actions

        yield from actions.iter_action_items(ctx, f, order or Page())
    elif kind is Kind.YOUTH_ACTIVITIES:
        from hubdesk.services import youth

        yield from youth.iter_activities(ctx, f, order or Page())
    elif kind is Kind.TRAININGS:
        from hubdesk.services import trainings_summary

        yield from trainings_summary.iter_trainings(ctx, f, order or Page())
    elif kind is Kind.COMMUNITY_ACTIVITIES:
        from hubdesk.services import community

        yield from community.iter_activities(ctx, f, order or Page())
    elif kind is Kind.ENGAGEMENTS:
        from hubdesk.services import engagements

        yield from engagements.iter_engagements(ctx, f, order or Page())
    else:
        yield from _proposal_rows(ctx, kind, f, order, told)


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
    ctx: ServiceContext, kind: Kind, f: Any, order: Page | None, told: Told
) -> Iterator[Any]:
    from hubdesk.services import fund

    proposals = fund.iter_proposals(ctx, f, order or Page())
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
    municipality in the script of ``lang``, as the hub's lists and reports name it (never
    "Куманово" beside "Elbasan" in an Albanian file). ``told(rows read)`` hears of the reading
    a batch at a time, and may raise to stop it."""
    if told is None:
        return _load_lookups(ctx, Kind(kind), private, lang)
    with reading_told(told):
        return _load_lookups(ctx, Kind(kind), private, lang)


def _load_lookups(ctx: ServiceContext, kind: Kind, private: bool, lang: str) -> Lookups:
    look = Lookups(private=private)
    look.teams = {t.id: t.name for t in team.list_teams(ctx)}
    with ctx.read() as session:
        query = select(
            Municipality.id, Municipality.name, Municipality.name_other_script, Municipality.country
        )
        look.municipalities = {
            mid: name_for_language(name, other, lang, country)
            for mid, name, other, country in session.execute(query)
        }
    if kind in (Kind.ATTENDANCE, Kind.ACTION_ITEMS):
        look.members = team.member_names(ctx)  # deleted ones too: the minutes name them
    if kind is Kind.ACTION_ITEMS:
        from hubdesk.services import meetings

        look.meetings = {
            m.id: m.starts_at for m in meetings.list_meetings(ctx, meetings.MeetingFilter(), Page())
        }
    return look
