"""Where each kind's rows come from: the same list functions and filters the tables use.

Reading through the services (not SQL of our own) means an export shows exactly what the table
shows: the same municipality scope, the same filter, the same sort order.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select

from hubdesk.domain import Municipality
from hubdesk.i18n.scripts import name_for_language
from hubdesk.services import team
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


def fetch_rows(
    ctx: ServiceContext,
    kind: str,
    f: Any | None = None,
    page: Page | None = None,
    *,
    told: Told | None = None,
) -> list[Any]:
    """Every row of ``kind`` under filter ``f`` (all rows, in the page's sort order).

    ``told(rows read)`` hears of the reading a batch at a time, and may raise to stop it: a
    hub's table takes seconds to read."""
    if told is None:
        return _fetch_rows(ctx, Kind(kind), f, page, lambda _rows: None)
    with reading_told(told):
        return _fetch_rows(ctx, Kind(kind), f, page, told)


def _fetch_rows(
    ctx: ServiceContext, kind: Kind, f: Any | None, page: Page | None, told: Told
) -> list[Any]:
    f = default_filter(kind) if f is None else f
    expected = filter_type(kind)
    if not isinstance(f, expected):
        raise TypeError(f"{kind} rows are filtered with {expected.__name__}, not {type(f)}")
    order = Page(order_by=page.order_by, descending=page.descending) if page else None
    if kind is Kind.MEMBERS:
        return team.list_members(ctx, f, order or Page(order_by="name"))
    if kind in (Kind.MEETINGS, Kind.ATTENDANCE):
        from hubdesk.services import meetings

        found = meetings.list_meetings(ctx, f, order or Page())
        if kind is Kind.MEETINGS:
            return found
        attendance = meetings.attendance_of_meetings(ctx, (meeting.id for meeting in found))
        return [
            AttendanceRow(meeting, member_id, status)
            for meeting in found
            for member_id, status in attendance[meeting.id].items()
        ]
    if kind is Kind.ACTION_ITEMS:
        from hubdesk.services import actions

        return actions.list_action_items(ctx, f, order or Page())
    if kind is Kind.YOUTH_ACTIVITIES:
        from hubdesk.services import youth

        return youth.list_activities(ctx, f, order or Page())
    if kind is Kind.TRAININGS:
        from hubdesk.services import trainings_summary

        return trainings_summary.list_trainings(ctx, f, order or Page())
    if kind is Kind.COMMUNITY_ACTIVITIES:
        from hubdesk.services import community

        return community.list_activities(ctx, f, order or Page())
    if kind is Kind.ENGAGEMENTS:
        from hubdesk.services import engagements

        return engagements.list_engagements(ctx, f, order or Page())
    from hubdesk.services import fund

    proposals = fund.list_proposals(ctx, f, order or Page())
    rows: list[Any] = []
    for done, p in enumerate(proposals, start=1):  # a read or two per proposal
        if kind is Kind.FUND_PROPOSALS:
            rows.append(ProposalRow(p, fund.proposal_totals(ctx, p.id)))
        else:
            rows.extend(BudgetRow(line, p) for line in fund.list_budget_lines(ctx, p.id))
        told(done)
    return rows


def load_lookups(
    ctx: ServiceContext, kind: str, *, private: bool, lang: str, told: Told | None = None
) -> Lookups:
    """Names of the teams, members, municipalities and meetings the rows refer to; each
    municipality in the script of ``lang``, as the hub's lists and reports name it (never
    "Куманово" beside "Elbasan" in an Albanian file). ``told`` as for ``fetch_rows``."""
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
