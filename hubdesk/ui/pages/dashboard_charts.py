"""The dashboard's charts, drawn from the figures its page holds. Each bar opens the list
it counts, as a tile does (``DashboardPage.open_list``); the texts under the bars come from
``services.dashboard_texts``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hubdesk.domain.enums import AgeBand, Gender, ProposalStatus, Sector, label
from hubdesk.domain.money import currency_digits
from hubdesk.i18n import _, pgettext
from hubdesk.services.dashboard_figures import add_months
from hubdesk.ui.charts import add_rate_line, bar_chart, set_chart
from hubdesk.ui.pages.dashboard_parts import money_scale

if TYPE_CHECKING:
    from hubdesk.ui.pages.dashboard import DashboardPage


def sector_chart(page: DashboardPage) -> None:
    codes = list(page.sectors)
    chart = bar_chart(
        _("Active members by sector"),
        [label(code, Sector) for code in codes],
        [(_("Members"), [page.sectors[c] for c in codes])],
        horizontal=True,
        on_click=lambda i: page.open_list.emit("team", {"sector": codes[i], "active": True}),
    )
    set_chart(page.views["sectors"], chart)


def meetings_chart(page: DashboardPage) -> None:
    def clicked(index: int) -> None:
        first = page.months[index].month
        last = add_months(first, 1) - dt.timedelta(days=1)
        page.open_list.emit("meetings", {"date_from": first, "date_to": last})

    chart = bar_chart(
        _("Meetings per month and attendance, last 12 months"),
        [page.texts.month(m.month) for m in page.months],
        [(_("Meetings"), [m.meetings for m in page.months])],
        on_click=clicked,
    )
    add_rate_line(chart, _("Attendance"), [m.attendance_rate for m in page.months])
    set_chart(page.views["meetings"], chart)


def items_chart(page: DashboardPage) -> None:
    i = page.items
    views = ("not_due", "overdue", "done_year")  # each bar's list, as it was counted
    chart = bar_chart(
        _("Action items"),
        [_("Not yet due"), _("Overdue"), _("Done (12 months)")],
        [(_("Action items"), [i.not_yet_due, i.overdue, i.done_12_months])],
        horizontal=True,
        on_click=lambda n: page.open_list.emit("meetings", {"view": views[n]}),
    )
    set_chart(page.views["items"], chart)


def youth_chart(page: DashboardPage) -> None:
    by_gender = page.youth_split.currentData() != "age"
    if by_gender:
        sets = [(g.label, [q.by_gender[g.value] for q in page.quarters]) for g in Gender]
    else:
        sets = [(b.label, [q.by_age[b.value] for q in page.quarters]) for b in AgeBand]

    def clicked(index: int) -> None:
        first = page.quarters[index].quarter
        last = add_months(first, 3) - dt.timedelta(days=1)
        page.open_list.emit("youth", {"date_from": first, "date_to": last})

    chart = bar_chart(
        _("Young people reached per quarter"),
        [page.texts.quarter(q.quarter) for q in page.quarters],
        sets,
        stacked=True,
        on_click=clicked,
    )
    set_chart(page.views["youth"], chart)


def fund_chart(page: DashboardPage) -> None:
    if page.fund.several_currencies():
        fund_count_chart(page)
        return
    currency = page.fund.main_currency()
    totals = page.fund.totals(currency) if currency else {}
    statuses = [s.value for s in ProposalStatus if s.value in totals]
    amounts = [v for s in statuses for v in totals[s]]
    divisor, thousands = money_scale(amounts, currency_digits(currency) if currency else 0)
    unit = (_("thousand {currency}") if thousands else "{currency}").format(currency=currency or "")
    chart = bar_chart(
        _("Fund: requested and approved"),
        [ProposalStatus(s).label for s in statuses],
        [
            (_("Requested"), [totals[s][0] / divisor for s in statuses]),
            # the amount approved ("Odobreno"), not a proposal's status ("Odobren")
            (pgettext("column header", "Approved"), [totals[s][1] / divisor for s in statuses]),
        ],
        horizontal=True,
        on_click=lambda i: page.open_list.emit("fund", {"status": statuses[i]}),
        value_format="%.0f",
        value_title=unit,
    )
    set_chart(page.views["fund"], chart)


def fund_count_chart(page: DashboardPage) -> None:
    """Proposals in several currencies (a hub's region): how many are at each step, as
    their amounts cannot share one axis."""
    statuses = [s.value for s in ProposalStatus if page.fund.by_status.get(s.value)]
    chart = bar_chart(
        _("Fund: proposals by status"),
        [ProposalStatus(s).label for s in statuses],
        [(_("Proposals"), [page.fund.by_status[s] for s in statuses])],
        horizontal=True,
        on_click=lambda i: page.open_list.emit("fund", {"status": statuses[i]}),
    )
    set_chart(page.views["fund"], chart)


# In the order they are drawn, one per turn of the event loop.
CHARTS = (sector_chart, meetings_chart, items_chart, youth_chart, fund_chart)
