"""The Fund list reads what each proposal asks with its page of rows, not with a query or four a
row: a hub's list of thousands of proposals drew its first screen a row at a time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import event

from hubdesk.i18n.formatting import format_money
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.ui.models.fund import ProposalColumn, ProposalTableModel


@contextmanager
def statements_of(ctx: ServiceContext) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(ctx.db.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", note)


def test_requested_amounts_come_with_their_page(ctx: ServiceContext) -> None:
    for n in range(6):
        proposal = fund.create_proposal(ctx, {"title": f"Proposal {n}", "summary": "Mediators"})
        for _line in range(n % 3):
            fund.add_budget_line(
                ctx,
                proposal.id,
                {
                    "category": "personnel",
                    "description": "Trainer",
                    "quantity": 2,
                    "unit_cost_minor": 150_000,
                },
            )
        if n % 3:  # co-funding, up to the budget's total
            fund.update_proposal(ctx, proposal.id, {"cofunding_minor": 1_000 * n})
    everyone = fund.list_proposals(ctx)
    one_by_one = {
        p.id: fund.proposal_totals(ctx, p.id).requested_minor for p in everyone
    }  # what each proposal's form says it asks

    model = ProposalTableModel(ctx, fund.ProposalFilter())
    with statements_of(ctx) as seen:
        shown = [
            model.data(model.index(row, ProposalColumn.REQUESTED), Qt.ItemDataRole.DisplayRole)
            for row in range(model.rowCount())
        ]

    assert len(shown) == 6
    assert len(seen) <= 3, seen  # the page, where it arrived, what it asks: not per row
    for row, text in enumerate(shown):
        record = model.record(row)
        assert text == format_money(one_by_one[record.id], record.currency)
