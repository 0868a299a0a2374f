"""Fund proposals as a table, with the amount each asks of the fund, and at the hub the day
each first reached it submitted (marked when that was after its call closed)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from hubdesk.domain import FundProposal
from hubdesk.domain.enums import ProposalStatus, Theme, label
from hubdesk.i18n import N_, _
from hubdesk.i18n.formatting import format_date, format_money
from hubdesk.services import calls_received, fund
from hubdesk.services.calls_received import Arrival
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import StorageError
from hubdesk.services.listing import Page
from hubdesk.ui.code_picker import codes_text
from hubdesk.ui.tablemodel import RIGHT, Column, PagedTableModel


class ProposalColumn(IntEnum):
    REFERENCE = 0
    TITLE = 1
    STATUS = 2
    STARTS = 3
    REQUESTED = 4


def period(p: FundProposal) -> str:
    start, end = format_date(p.period_start, fmt="short"), format_date(p.period_end, fmt="short")
    return f"{start} – {end}" if start and end else start or end


class ProposalTableModel(PagedTableModel[fund.ProposalFilter]):
    """Requested amounts are read per row on screen (and remembered): lists show dozens."""

    def __init__(self, ctx: ServiceContext, initial: fund.ProposalFilter, parent: Any = None):
        self.requested: dict[str, str] = {}
        self.amounts: dict[str, int] = {}  # what each proposal asks, read with its page
        self.arrivals: dict[str, Arrival] = {}  # at the hub, read with each page
        columns: tuple[Column, ...] = (
            Column(N_("Reference"), lambda p: p.reference, "reference", width=14),
            Column(N_("Title"), lambda p: p.title, "title", width=0, elides=True),
            Column(N_("Status"), lambda p: label(p.status, ProposalStatus), "status", width=18),
            Column(N_("Period"), period, "period_start", width=24),
            Column(N_("Requested"), self.requested_text, None, RIGHT, width=16),
            Column(N_("Themes"), lambda p: codes_text(Theme, p.themes), width=18, elides=True),
        )
        if ctx.is_hub:
            columns += (Column(N_("Reached the hub"), self.reached_text, None, width=30),)
        self.columns = columns
        super().__init__(ctx, initial, parent)

    def reached_text(self, proposal: FundProposal) -> str:
        arrival = self.arrivals.get(proposal.id)
        if arrival is None:
            return ""
        day = format_date(arrival.reached_on, fmt="short")
        if arrival.late is None:
            return day
        return _("{date}, after the call closed").format(date=day)

    def requested_text(self, proposal: FundProposal) -> str:
        if proposal.id not in self.requested:
            amount = self.amounts.get(proposal.id)
            if amount is None:
                amount = fund.proposal_totals(self.ctx, proposal.id).requested_minor
            self.requested[proposal.id] = format_money(amount, proposal.currency)
        return self.requested[proposal.id]

    def count_records(self, f: fund.ProposalFilter) -> int:
        return fund.count_proposals(self.ctx, f)

    def list_records(self, f: fund.ProposalFilter, page: Page) -> list[FundProposal]:
        records = fund.list_proposals(self.ctx, f, page)
        self.arrivals.update(calls_received.arrivals_of(self.ctx, records))
        self.amounts.update(fund.requested_amounts(self.ctx, records))
        return records

    def everything(self) -> fund.ProposalFilter:
        return fund.ProposalFilter()

    def default_order(self) -> str:
        return "reference"

    def default_descending(self) -> bool:
        return True

    def refresh(self) -> None:
        # Read afresh (the first page's arrivals come with it), or, if the reading fails,
        # the rows stay with their cells as they were.
        requested, arrivals, amounts = dict(self.requested), dict(self.arrivals), dict(self.amounts)
        self.requested.clear()
        self.arrivals.clear()
        self.amounts.clear()
        try:
            super().refresh()
        except StorageError:
            self.requested.update(requested)
            self.arrivals.update(arrivals)
            self.amounts.update(amounts)
            raise

    def retranslate(self) -> None:
        self.requested.clear()  # money is written the UI language's way
        super().retranslate()
