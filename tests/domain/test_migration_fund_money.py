"""Revision 0012 on a database with fund data from before: decisions keep what they said, no
rate is invented, the one final report still counts, and the hub can add the rate later."""

from __future__ import annotations

from alembic import command
from proposal_filling import fill_sections
from sqlalchemy import inspect

from hubdesk import clock
from hubdesk.domain.enums import Role
from hubdesk.reports.data.fund_money import funded_proposals, total
from hubdesk.services import fund, fund_money
from hubdesk.services.context import ServiceContext
from hubdesk.storage.migrate import alembic_config, current_revision, upgrade
from hubdesk.storage.schema import REVISIONS

# The revision just before the money flow's (0012) in the chain.
BEFORE_MONEY = REVISIONS[REVISIONS.index("0012") - 1]
LINE = {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000}


def test_fund_data_from_before_reads_after_the_upgrade(ctx: ServiceContext) -> None:
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = fund.create_proposal(ctx, {"title": "Forum", "summary": "Dialogue"}).id
    fund.add_budget_line(ctx, proposal_id, LINE)
    fill_sections(ctx, proposal_id)
    fund.transition(ctx, proposal_id, "submitted")
    fund.transition(hub, proposal_id, "under_review")
    fund.record_decision(hub, proposal_id, {"outcome": "approved"})  # no rate, no schedule
    fund.transition(ctx, proposal_id, "in_implementation")
    fund.submit_report(ctx, proposal_id, "Done")

    with ctx.db.engine.begin() as conn:  # back to the schema before the money flow
        command.downgrade(alembic_config(conn), BEFORE_MONEY)
    with ctx.db.engine.connect() as conn:
        assert current_revision(conn) == BEFORE_MONEY
        assert "fund_tranches" not in inspect(conn).get_table_names()
    upgrade(ctx.db)

    decision = fund.get_decision(hub, proposal_id)
    assert decision is not None and decision.amount_approved_minor == 100_000
    assert (decision.eur_rate, decision.amount_approved_eur_minor) == (None, None)
    assert fund.get_proposal(ctx, proposal_id).results == "Done"
    with hub.read() as session:
        flow = total(funded_proposals(session))
    assert (flow.proposals, flow.without_rate, flow.committed.eur) == (1, 1, 0)
    assert flow.committed.own["MKD"] == 100_000

    fund_money.set_decision_rate(hub, proposal_id, "61.5")
    with hub.read() as session:
        flow = total(funded_proposals(session))
    assert (flow.without_rate, flow.committed.eur) == (0, 1626)
    assert fund_money.list_reports_due(hub) == []  # no schedule was set, none is invented
    assert clock.today() == fund.get_proposal(ctx, proposal_id).report_submitted_on
