"""Everything the periodic and regional reports count, per municipality, for one period."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import Team
from hubdesk.reports.data.fund import FundSummary, fund_summary
from hubdesk.reports.data.meetings import MeetingStats, active_members, meeting_stats
from hubdesk.reports.data.scope import Period
from hubdesk.reports.data.youth import YouthSummary, youth_summary


@dataclass
class Overview:
    teams: int = 0
    members: Counter[str] = field(default_factory=Counter)  # by sector, on the period's end
    meetings: MeetingStats = field(default_factory=MeetingStats)
    youth: YouthSummary = field(default_factory=YouthSummary)
    fund: FundSummary = field(default_factory=FundSummary)

    @property
    def member_count(self) -> int:
        return sum(self.members.values())

    @property
    def has_activity(self) -> bool:
        """Anything happened in the period (a roster alone is not activity)."""
        return bool(self.meetings.meetings or self.youth.activities or self.fund.proposals)

    def pillar_proposals(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for data in self.fund.proposals:
            out.update(data.proposal.pillars)
        return out


def overview(
    session: Session, period: Period, today: dt.date, municipality_id: str | None = None
) -> dict[str, Overview]:
    """Per municipality id. Action items count as overdue when still open after their due date
    on ``today`` (or the period's end, if that is earlier)."""
    on = min(today, period.end)
    out: dict[str, Overview] = {}

    def entry(mid: str) -> Overview:
        return out.setdefault(mid, Overview())

    teams = select(Team.municipality_id, func.count(Team.id)).where(~Team.deleted)
    if municipality_id is not None:
        teams = teams.where(Team.municipality_id == municipality_id)
    for mid, n in session.execute(teams.group_by(Team.municipality_id)):
        entry(mid).teams = int(n)
    for mid, sectors in active_members(session, period.end, municipality_id).items():
        entry(mid).members = sectors
    for mid, stats in meeting_stats(session, period, on, municipality_id).items():
        entry(mid).meetings = stats
    for mid, youth in youth_summary(session, period, municipality_id).items():
        entry(mid).youth = youth
    for mid, fund in fund_summary(session, period, municipality_id).items():
        entry(mid).fund = fund
    return out


__all__ = ["Overview", "overview"]
