"""Revision 0028 on a database with proposals from before: each budget line, workplan activity
and indicator takes its proposal's submission number (0026), and later writes number it as the
proposal's number then is."""

from __future__ import annotations

from alembic import command
from proposal_filling import fill_sections
from sqlalchemy import inspect, select

from hubdesk.domain import BudgetLine, ProposalActivity, ProposalIndicator
from hubdesk.domain.enums import Role
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.storage.migrate import alembic_config, current_revision, upgrade
from hubdesk.storage.schema import REVISIONS

BEFORE = REVISIONS[REVISIONS.index("0028") - 1]
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}
PARTS = (BudgetLine, ProposalActivity, ProposalIndicator)


def _proposal(ctx: ServiceContext, title: str) -> str:
    proposal_id = fund.create_proposal(ctx, {"title": title, "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    return proposal_id


def _numbers(ctx: ServiceContext, pid: str) -> set[int]:
    with ctx.read() as session:
        return {
            number
            for model in PARTS
            for number in session.scalars(
                select(model.submission).where(model.proposal_id == pid, ~model.deleted)
            )
        }


def test_parts_from_before_take_their_proposals_number(ctx: ServiceContext) -> None:
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    draft = _proposal(ctx, "Forum")
    twice = _proposal(ctx, "Playground")
    fund.transition(ctx, twice, "submitted")
    fund.transition(hub, twice, "under_review")
    fund.record_decision(hub, twice, {"outcome": "changes_requested", "comments": "Smaller"})
    fund.transition(ctx, twice, "submitted")

    with ctx.db.engine.begin() as conn:  # back to the schema before the parts' number
        command.downgrade(alembic_config(conn), BEFORE)
    with ctx.db.engine.connect() as conn:
        assert current_revision(conn) == BEFORE
        for model in PARTS:
            columns = inspect(conn).get_columns(model.__tablename__)
            assert "submission" not in {c["name"] for c in columns}
    upgrade(ctx.db)

    assert (_numbers(ctx, draft), _numbers(ctx, twice)) == ({0}, {2})
    assert fund.add_budget_line(ctx, draft, LINE).submission == 0  # its proposal's, as before
