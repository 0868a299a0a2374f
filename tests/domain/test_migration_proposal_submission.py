"""Revision 0026 on a database with proposals from before: each counts the submissions its
history holds (a draft none, a proposal resubmitted after the hub asked for changes two)."""

from __future__ import annotations

from alembic import command
from proposal_filling import fill_sections
from sqlalchemy import inspect

from hubdesk.domain.enums import Role
from hubdesk.services import fund
from hubdesk.services.context import ServiceContext
from hubdesk.storage.migrate import alembic_config, current_revision, upgrade
from hubdesk.storage.schema import REVISIONS

BEFORE = REVISIONS[REVISIONS.index("0026") - 1]
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


def _proposal(ctx: ServiceContext, title: str) -> str:
    proposal_id = fund.create_proposal(ctx, {"title": title, "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    return proposal_id


def test_proposals_from_before_count_their_submissions(ctx: ServiceContext) -> None:
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    draft = _proposal(ctx, "Forum")
    once = _proposal(ctx, "Library")
    fund.transition(ctx, once, "submitted")
    twice = _proposal(ctx, "Playground")
    fund.transition(ctx, twice, "submitted")
    fund.transition(hub, twice, "under_review")
    fund.record_decision(hub, twice, {"outcome": "changes_requested", "comments": "Smaller"})
    fund.transition(ctx, twice, "submitted")

    with ctx.db.engine.begin() as conn:  # back to the schema before the number
        command.downgrade(alembic_config(conn), BEFORE)
    with ctx.db.engine.connect() as conn:
        assert current_revision(conn) == BEFORE
        assert "submission" not in {c["name"] for c in inspect(conn).get_columns("fund_proposals")}
    upgrade(ctx.db)

    numbers = {pid: fund.get_proposal(ctx, pid).submission for pid in (draft, once, twice)}
    assert numbers == {draft: 0, once: 1, twice: 2}
    fund.update_proposal(ctx, draft, {"title": "Open forum"})  # written as before
    assert fund.get_proposal(ctx, draft).submission == 0
