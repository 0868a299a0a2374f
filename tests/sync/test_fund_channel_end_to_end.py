"""The fund and the hub's channel together, by bundle files only (issue 13, "Done means").

The hub publishes a call; Kumanovo drafts a proposal answering it with a Do No Harm screening;
the thread goes back and forth; the field laptop sees the proposal, the call and the thread; the
hub reviews with two reviewers on the call's criteria, decides in euros at a rate and schedules
tranches and reports; Kumanovo and its laptop see the decision, the tranches and the reports due;
Kumanovo submits a quarter, the hub accepts it, and an edit in that quarter is refused until
Kumanovo reopens it. Every step asserts on the data of each installation it touches.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from typing import Any

import pytest
from proposal_filling import backdate_submission, fill_sections
from sync_helpers import Network

from hubdesk import clock
from hubdesk.domain import Call
from hubdesk.services import calls, fund, fund_money, meetings, periods, reviews, team, thread
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync import published

TODAY = clock.today()
DAY = dt.timedelta(days=1)
QUARTER = "2024-Q1"  # the quarter of the meeting below (5 March 2024)
CRITERIA = [
    {"code": "relevance", "label": "Relevance to the city's needs", "weight": 60},
    {"code": "dnh", "label": "Do No Harm", "weight": 40},
]


def held_calls(ctx: ServiceContext) -> dict[str, Call]:
    with ctx.read() as session:
        return {c.id: c for c in session.query(Call)}


def bodies(ctx: ServiceContext, proposal: str) -> list[tuple[str, str]]:
    return [(e.author_role, e.body) for e in thread.proposal_thread(ctx, proposal)]


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """Kumanovo, its hub, and a field laptop enrolled after the hub (so it knows the hub's key
    through Kumanovo's profile)."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop}


def test_the_fund_channel_end_to_end_by_files(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]

    # 1. The hub publishes a call; it reaches Kumanovo and, relayed, its laptop.
    call = calls.create_call(
        hub,
        {
            "title": "Youth voices 2026",
            "round": "1",
            "opens_on": TODAY - 10 * DAY,
            "closes_on": TODAY + 30 * DAY,
            "ceiling_minor": 5_000_00,
            "pillars": ["youth_engagement"],
            "criteria": CRITERIA,
        },
    )
    assert held_calls(muni) == {}
    calls.publish_call(hub, call.id)
    arrived = net.deliver(hub, muni)
    assert arrived.areas["calls"].created == 1 and published.latest_news(muni) == 1
    assert [c.id for c in calls.open_calls(muni)] == [call.id]
    assert held_calls(muni)[call.id].hub_signature
    net.deliver(muni, laptop)
    assert set(held_calls(laptop)) == {call.id}

    # 2. Kumanovo drafts a proposal answering the call, with every required section and the
    #    Do No Harm screening; submitting an empty one is refused, naming the sections.
    cat = team.create_team(muni, {"name": "CAT Kumanovo", "kind": "cat"})
    meeting = meetings.create_meeting(
        muni,
        {
            "team_id": cat.id,
            "starts_at": dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC),
            "kind": "regular",
        },
    )
    proposal = fund.create_proposal(
        muni,
        {
            "title": "Youth radio",
            "summary": "A radio show made by young people",
            "summary_en": "A radio show made by young people of every community",
            "call_id": call.id,
        },
    ).id
    line = {"category": "equipment", "description": "Microphones", "quantity": 2,
            "unit_cost_minor": 10_000_00}  # fmt: skip
    fund.add_budget_line(muni, proposal, line)
    with pytest.raises(ValidationError) as empty:
        fund.transition(muni, proposal, "submitted")
    for section in ("Need addressed", "Risks to participants and communities", "Mitigation"):
        assert section in empty.value.message
    fill_sections(muni, proposal)
    fund.transition(muni, proposal, "submitted", "Ready for the hub's reading")
    backdate_submission(muni, proposal, TODAY - 30 * DAY)  # the hub decides 20 days ago
    thread.add_comment(muni, proposal, "We can start in March.", "Ana Petrovska")
    net.deliver(muni, hub)
    at_hub = fund.get_proposal(hub, proposal)
    assert (at_hub.status, at_hub.call_id) == ("submitted", call.id)
    assert at_hub.dnh_risks and at_hub.dnh_mitigation and at_hub.summary_en
    assert bodies(hub, proposal) == [
        ("municipality", "Ready for the hub's reading"),
        ("municipality", "We can start in March."),
    ]

    # 3. The thread goes back: the hub asks, Kumanovo answers.
    thread.add_comment(hub, proposal, "Who keeps the equipment afterwards?", "Hub fund officer")
    net.deliver(hub, muni)
    assert bodies(muni, proposal)[-1] == ("hub", "Who keeps the equipment afterwards?")
    thread.add_comment(muni, proposal, "The youth centre, in its inventory.", "Ana Petrovska")
    net.deliver(muni, hub)
    assert bodies(hub, proposal)[-1] == ("municipality", "The youth centre, in its inventory.")
    assert len(bodies(hub, proposal)) == 4

    # 4. The laptop sees the proposal, the call it answers and the whole thread.
    net.deliver(muni, laptop)
    on_laptop = fund.get_proposal(laptop, proposal)
    assert (on_laptop.status, on_laptop.call_id) == ("submitted", call.id)
    assert on_laptop.call_id in held_calls(laptop)
    assert bodies(laptop, proposal) == bodies(hub, proposal)

    # 5. The hub reviews on the call's criteria (two reviewers), decides in euros at a rate and
    #    schedules the reports; then it plans two tranches and pays the first.
    fund.transition(hub, proposal, "under_review")
    assert [c.code for c in reviews.proposal_criteria(hub, proposal)] == ["relevance", "dnh"]
    reviews.add_review(hub, proposal, {"reviewer": "Maja", "scores": {"relevance": 4, "dnh": 5}})
    reviews.add_review(hub, proposal, {"reviewer": "Besnik", "scores": {"relevance": 3, "dnh": 4}})
    summary = reviews.list_reviews(hub, proposal)
    assert sorted(r.reviewer for r in summary.reviews) == ["Besnik", "Maja"]
    assert all([s.code for s in r.scores] == ["relevance", "dnh"] for r in summary.reviews)
    assert summary.average is not None and 0 < summary.average <= 100
    decision = {
        "outcome": "approved",
        "eur_rate": "61.5",
        "decided_on": TODAY - 20 * DAY,
        "interim_report_due": TODAY - 2 * DAY,
        "final_report_due": TODAY + 120 * DAY,
        "conditions": "Report the people reached by gender and age.",
    }
    fund.record_decision(hub, proposal, decision)
    made = fund.get_decision(hub, proposal)
    assert made is not None and made.amount_approved_minor == 20_000_00
    assert made.amount_approved_eur_minor == 32_520  # 2,000,000 / 61.5 cents of a denar
    first = fund_money.add_tranche(hub, proposal, {"planned_on": TODAY, "amount_minor": 12_000_00})
    fund_money.pay_tranche(hub, first.id, {"paid_on": TODAY - DAY})
    fund_money.add_tranche(
        hub, proposal, {"planned_on": TODAY + 60 * DAY, "amount_minor": 8_000_00}
    )
    with pytest.raises(ValidationError):  # more than approved
        fund_money.add_tranche(hub, proposal, {"planned_on": TODAY, "amount_minor": 1})

    # 6. Kumanovo and its laptop see the decision, the reviews, the tranches and the reports.
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    for side in (muni, laptop):
        assert fund.get_proposal(side, proposal).status == "approved"
        seen = fund.get_decision(side, proposal)
        assert seen is not None and (seen.eur_rate, seen.amount_approved_eur_minor) == (
            "61.5",
            32_520,
        )
        assert len(reviews.list_reviews(side, proposal).reviews) == 2
        tranches = fund_money.list_tranches(side, proposal)
        assert [(t.number, t.state.value, t.amount_minor) for t in tranches] == [
            (1, "paid", 12_000_00),
            (2, "planned", 8_000_00),
        ]
        assert [(d.kind, d.due_on) for d in fund_money.list_reports_due(side, proposal)] == [
            ("interim", TODAY - 2 * DAY),
            ("final", TODAY + 120 * DAY),
        ]
        assert [d.kind for d in fund_money.overdue_reports(side)] == ["interim"]
    assert [d.kind for d in fund_money.overdue_reports(hub)] == ["interim"]

    # 7. Kumanovo submits the quarter; the hub accepts it; an edit is refused until reopened.
    periods.submit(muni, QUARTER)
    net.deliver(muni, hub)
    town = muni.municipality_id or ""
    at_hub_quarter = next(t for t in periods.hub_overview(hub) if t.municipality_id == town)
    assert next(q for q in at_hub_quarter.quarters if q.quarter == QUARTER).state == "submitted"
    periods.accept(hub, town, QUARTER, "Complete, thank you")
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    for side in (muni, laptop):
        mine = next(q for q in periods.own_quarters(side) if q.quarter == QUARTER)
        assert (mine.state, mine.comment) == ("accepted", "Complete, thank you")
    with pytest.raises(ValidationError, match="accepted by the hub"):
        meetings.update_meeting(muni, meeting.id, {"place": "Town hall"})
    with pytest.raises(ValidationError, match=QUARTER):
        meetings.update_meeting(laptop, meeting.id, {"place": "Field office"})
    assert meetings.get_meeting(muni, meeting.id).place != "Town hall"
    periods.reopen(muni, QUARTER, "The minutes of March were incomplete")
    meetings.update_meeting(muni, meeting.id, {"place": "Town hall"})
    net.deliver(muni, hub)
    reopened = next(t for t in periods.hub_overview(hub) if t.municipality_id == town)
    assert next(q for q in reopened.quarters if q.quarter == QUARTER).state == "reopened"
    assert meetings.get_meeting(hub, meeting.id).place == "Town hall"


# --- nobody but the hub writes the hub's records ----------------------------------------------

HUB_RECORDS = (
    "calls",
    "guidance_notes",
    "proposal_reviews",
    "fund_decisions",
    "fund_tranches",
    "fund_reports_due",
    "period_submissions",
)
ROUTES = ("municipality_to_laptop", "municipality_to_hub", "laptop_to_municipality")
ALTERED: dict[str, dict[str, Any]] = {  # a column the hub's signature covers, changed by the forger
    "calls": {"ceiling_minor": 9_000_000_00},
    "guidance_notes": {"body": "Spend it all at once."},
    "proposal_reviews": {"comment": "Excellent in every way."},
    "fund_decisions": {"conditions": "None at all."},
    "fund_tranches": {"amount_minor": 9_000_000},
    "fund_reports_due": {"due_on": "2099-12-31"},
    "period_submissions": {"comment": "Accepted without reading."},
}


@pytest.fixture
def everything(world: dict[str, Any]) -> dict[str, Any]:
    """One record of each kind the hub writes, held by the hub, Kumanovo and the laptop."""
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    call = calls.create_call(
        hub,
        {"title": "Youth voices", "opens_on": TODAY - 10 * DAY, "closes_on": TODAY + 30 * DAY,
         "ceiling_minor": 5_000_00, "criteria": CRITERIA},
    )  # fmt: skip
    calls.publish_call(hub, call.id)
    note = calls.create_note(hub, {"title": "Budget tips", "body": "Count every day."})
    calls.publish_note(hub, note.id, TODAY)
    net.deliver(hub, muni)
    cat = team.create_team(muni, {"name": "CAT Kumanovo", "kind": "cat"})
    meetings.create_meeting(
        muni,
        {"team_id": cat.id, "starts_at": dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC),
         "kind": "regular"},
    )  # fmt: skip
    proposal = fund.create_proposal(
        muni, {"title": "Youth radio", "summary": "On air", "call_id": call.id}
    ).id
    line = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 90_000}
    fund.add_budget_line(muni, proposal, line)
    fill_sections(muni, proposal)
    fund.transition(muni, proposal, "submitted")
    backdate_submission(muni, proposal, TODAY - 10 * DAY)  # the hub decides 5 days ago
    periods.submit(muni, QUARTER)
    net.deliver(muni, hub)
    fund.transition(hub, proposal, "under_review")
    reviews.add_review(hub, proposal, {"reviewer": "Maja", "scores": {"relevance": 4, "dnh": 4}})
    fund.record_decision(
        hub,
        proposal,
        {"outcome": "approved", "eur_rate": "61.5", "decided_on": TODAY - 5 * DAY,
         "final_report_due": TODAY + 90 * DAY},
    )  # fmt: skip
    fund_money.add_tranche(hub, proposal, {"planned_on": TODAY, "amount_minor": 90_000})
    periods.accept(hub, muni.municipality_id or "", QUARTER)
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    team.update_team(laptop, cat.id, {"name": "CAT north"})  # so each side has news to send
    team.update_team(muni, cat.id, {"name": "CAT Kumanovo centre"})
    return {**world, "team": cat.id}


@pytest.mark.parametrize("table", HUB_RECORDS)
def test_nobody_but_the_hub_writes_its_records(everything: dict[str, Any], table: str) -> None:
    """A new row claiming the hub as its author, or the hub's own row changed with its
    signature kept, is refused whole on every route; the receiver's database is unchanged.
    Every way is tried on the same three installations: each refusal leaves them as they were
    (asserted), so one set-up serves them all."""
    import json

    from sync_helpers import dump, real_parts
    from test_sync_forgery import add_row, cell, forge, set_cells

    from hubdesk.sync import bundle
    from hubdesk.sync.errors import SyncError
    from hubdesk.sync.importer import import_bundle

    net, hub = everything["net"], everything["hub"]
    sides = {"municipality": everything["muni"], "laptop": everything["laptop"], "hub": hub}
    genuine = dict(json.loads(real_parts(hub, everything["muni"])[bundle.records_entry(table)]))
    hub_rows = [
        i
        for i, _ in enumerate(genuine["rows"])
        if cell(genuine, "updated_by", i) == hub.installation_id
    ]
    assert hub_rows, f"the hub sent no {table}"

    for how, route in itertools.product(("invented", "altered"), ROUTES):
        sender, receiver = (sides[s] for s in route.split("_to_"))

        def change(tables: dict[str, Any], how: str = how) -> None:
            data = tables.setdefault(table, copy.deepcopy(genuine))
            ids = [cell(data, "id", i) for i in range(len(data["rows"]))]
            wanted = cell(genuine, "id", hub_rows[0])
            if wanted not in ids:  # the sender's bundle did not carry the hub's row: add it
                data["rows"].append(copy.deepcopy(genuine["rows"][hub_rows[0]]))
                ids.append(wanted)
            row = ids.index(wanted)
            version = cell(tables["teams"], "version")
            if how == "invented":
                add_row(data, like=row, version=version, origin=hub.installation_id,
                        updated_by=hub.installation_id)  # fmt: skip
            else:
                set_cells(data, row, version=version, **ALTERED[table])

        path = forge(net, sender, receiver, change)
        before = dump(receiver.db)
        with pytest.raises(SyncError) as caught:
            import_bundle(receiver, path)
        assert caught.value.reason in {"forged_author", "out_of_scope"}, (how, route, caught.value)
        assert dump(receiver.db) == before, (how, route)
