"""The demo's call for proposals, guidance note and the proposal answering the call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demo_support import Demo
from hub_demo_copy import hub_demo

from hubdesk.domain import Conflict, FundProposal
from hubdesk.services import calls
from hubdesk.services.demo_calls import OPEN_CALL_ID
from hubdesk.services.installation import load_context


def test_the_demo_municipality_holds_an_open_call_a_note_and_an_answer(demo: Demo) -> None:
    ctx = demo.context()
    found = calls.list_calls(ctx)
    assert [c.id for c in found] == [OPEN_CALL_ID]
    assert calls.is_open(found[0], demo.summary.today)
    assert len(calls.parse_criteria(found[0].criteria)) == 5
    assert [n.published_on is not None for n in calls.list_notes(ctx)] == [True]
    answering = demo.rows("SELECT status FROM fund_proposals WHERE call_id = ?", OPEN_CALL_ID)
    assert [r["status"] for r in answering] == ["submitted"]
    with ctx.read() as session:
        proposal = session.query(FundProposal).filter_by(call_id=OPEN_CALL_ID).one()
        assert calls.criteria_for(session, proposal)[0].code == "relevance"


def test_the_demo_hub_has_an_open_and_a_closed_call(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    today = dt.date(2025, 6, 1)
    db = hub_demo(folder, today=today)
    try:
        hub = load_context(db, folder)
        statuses = sorted((c.status, calls.is_open(c, today)) for c in calls.list_calls(hub))
        assert statuses == [("closed", False), ("published", True)]
        answering = [p for p in calls.list_calls(hub) if p.id == OPEN_CALL_ID]
        assert answering and len(calls.list_notes(hub)) == 1
        with hub.read() as session:  # every municipality held the very same call: no conflict
            clashes = session.query(Conflict).filter(Conflict.table_name == "calls").count()
            assert clashes == 0
            linked = session.query(FundProposal).filter_by(call_id=OPEN_CALL_ID).count()
            assert linked == 3  # one submitted proposal from each demo municipality
    finally:
        db.close()
