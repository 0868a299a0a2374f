"""Every demo proposal carries the sections a reviewer reads, written in its municipality's
language, with results only where the proposal is being implemented or completed."""

from __future__ import annotations

import datetime as dt

from demo_support import Demo

from hubdesk.domain.search import fold
from hubdesk.services import fund, proposal_sections
from hubdesk.services.demo import generate_block
from hubdesk.services.demo_rows import plan_demo
from hubdesk.services.proposal_required import missing_sections


def test_every_demo_proposal_could_be_submitted_as_it_stands(demo: Demo) -> None:
    ctx = demo.context()
    proposals = fund.list_proposals(ctx)
    assert proposals
    with ctx.read() as session:
        for proposal in proposals:
            assert missing_sections(session, session.merge(proposal)) == [], proposal.reference
    for proposal in proposals:
        indicators = proposal_sections.list_indicators(ctx, proposal.id)
        assert any(i.gender and i.age_band for i in indicators)  # people by gender and age
        results = [i.result for i in indicators if i.result is not None]
        assert not results or proposal.status in ("in_implementation", "completed")
        activities = proposal_sections.list_activities(ctx, proposal.id)
        assert proposal.period_start is not None and proposal.period_end is not None
        assert all(
            proposal.period_start <= a.starts_on <= (a.ends_on or a.starts_on)
            <= proposal.period_end
            for a in activities
        )  # fmt: skip
        assert proposal.summary_en and fold(proposal.summary_en).isascii()


def test_each_municipality_writes_in_its_own_language() -> None:
    today = dt.date(2026, 12, 4)
    for name, country, word in (
        ("Куманово", "MK", "проценка"),
        ("Elbasan", "AL", "Vlerësimi"),
        ("Нови Пазар", "RS", "procena"),
    ):
        block = generate_block(plan_demo(1, 1, today, name, country), 0)
        needs = {row["need"] for row in block.rows["fund_proposals"]}
        assert all(word in need for need in needs), (country, needs)
