"""The fund's money flow by bundle files: the hub's tranches and reports due reach the
municipality and its field laptop, the municipality's reports reach the hub, and nobody but the
hub can write, alter or invent a tranche or a report due (each forgery refused whole, the
receiver's database unchanged)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from proposal_filling import backdate_submission
from sync_helpers import Network, real_parts
from test_sync_forgery import Rows, add_row, cell, forge, refused, set_cells

from hubdesk import clock
from hubdesk.domain.fund_money import ReportState
from hubdesk.services import fund, fund_implementation, fund_money, team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle

TODAY = clock.today()
DAY = dt.timedelta(days=1)


@pytest.fixture
def world(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> dict[str, Any]:
    """Kumanovo's proposal approved by the hub in euros with a schedule, one tranche paid and
    one planned; everything delivered to Kumanovo and on to its field laptop."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    proposal = seeded["proposal"]
    backdate_submission(muni, proposal, TODAY - 50 * DAY)  # the hub decided 40 days ago
    net.deliver(muni, hub)
    fund.transition(hub, proposal, "under_review")
    decision = {
        "outcome": "approved",
        "eur_rate": "61.5",
        "decided_on": TODAY - 40 * DAY,
        "interim_report_due": TODAY - 5 * DAY,
        "final_report_due": TODAY + 90 * DAY,
    }
    fund.record_decision(hub, proposal, decision)
    paid = fund_money.add_tranche(hub, proposal, {"planned_on": TODAY, "amount_minor": 60_000})
    fund_money.pay_tranche(hub, paid.id, {"paid_on": TODAY - DAY})
    fund_money.add_tranche(hub, proposal, {"planned_on": TODAY + 30 * DAY, "amount_minor": 40_000})
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, **seeded}


def test_tranches_and_reports_due_travel_both_ways(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    proposal = world["proposal"]
    for side in (muni, laptop):
        tranches = fund_money.list_tranches(side, proposal)
        assert [(t.number, t.state.value, t.amount_eur_minor) for t in tranches] == [
            (1, "paid", 976),
            (2, "planned", 650),
        ]
        decision = fund.get_decision(side, proposal)
        assert decision is not None and decision.eur_rate == "61.5"
        overdue = fund_money.overdue_reports(side)
        assert [d.kind for d in overdue] == ["interim"]
    # The municipality answers the overdue report; the hub sees it answered.
    fund.transition(muni, proposal, "in_implementation")
    [interim] = fund_money.overdue_reports(muni)
    fund_money.submit_due_report(muni, interim.id, "Half of the workshops held")
    net.deliver(muni, hub)
    states = {d.kind: d.state for d in fund_money.list_reports_due(hub, proposal)}
    assert states == {"interim": ReportState.SUBMITTED, "final": ReportState.DUE}
    assert fund_money.overdue_reports(hub) == []


def _tranche_change(how: str, world: dict[str, Any]) -> Any:
    def change(tables: dict[str, Rows]) -> None:
        data = tables["fund_tranches"]
        if how == "invented":
            add_row(data, number=3, amount_minor=70_000, hub_signature=None)
        elif how == "altered":  # the planned tranche raised, the hub's signature kept
            row = [cell(data, "paid_on", i) for i in range(len(data["rows"]))].index(None)
            set_cells(data, row, amount_minor=400_000, version=cell(data, "version", row) + 1)
        else:
            set_cells(data, 0, paid_on=None, paid_minor=None, paid_eur_minor=None)
            set_cells(data, 0, version=cell(data, "version") + 1)

    return change


@pytest.mark.parametrize("how", ["invented", "altered", "unpaid"])
def test_municipality_relaying_a_forged_tranche_to_its_laptop_is_refused(
    world: dict[str, Any], how: str
) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    team.update_team(muni, world["team"], {"name": "CAT north"})  # something new to send
    path = forge(net, muni, laptop, _tranche_change(how, world))
    refused(laptop, path, "forged_author", "signature")


def test_municipality_sending_a_tranche_to_the_hub_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    team.update_team(muni, world["team"], {"name": "CAT north"})
    own = muni.installation_id

    def change(tables: dict[str, Rows]) -> None:
        assert "fund_tranches" not in tables  # a municipality never sends the hub's rows
        data = tables.setdefault("fund_tranches", _hub_rows(world, "fund_tranches"))
        set_cells(data, 0, updated_by=own, version=cell(tables["teams"], "version"))

    refused(hub, forge(net, muni, hub, change), "out_of_scope")


def test_laptop_forging_a_report_due_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    team.update_team(laptop, world["team"], {"name": "CAT north"})

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("fund_reports_due", _hub_rows(world, "fund_reports_due"))
        assert cell(data, "updated_by") == hub.installation_id
        set_cells(data, 0, due_on=(TODAY + 400 * DAY).isoformat())  # the hub's signature kept
        set_cells(data, 0, version=cell(tables["teams"], "version"))

    refused(muni, forge(net, laptop, muni, change), "forged_author", "signature")


def _hub_rows(world: dict[str, Any], table: str) -> Rows:
    """The rows of ``table`` in the layout of a bundle, as the hub sends them."""
    parts = real_parts(world["hub"], world["muni"])
    return dict(json.loads(parts[bundle.records_entry(table)]))


def test_one_due_gets_one_report_across_the_office_its_laptop_and_the_hub(
    world: dict[str, Any],
) -> None:
    """The office and its field laptop, apart, each submitted the overdue interim report; after
    laptop → office → hub both held two reports for one due, with different texts, and no
    conflict logged. The office submits (as it submits a quarter or a needs assessment): the
    laptop is refused and told so, and a bundle of the laptop's carrying a report it wrote is
    refused at the office, so the hub holds the office's report only."""
    from hubdesk.services.errors import PermissionDenied

    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    proposal = world["proposal"]
    fund.transition(muni, proposal, "in_implementation")
    net.deliver(muni, laptop)
    [due] = fund_money.overdue_reports(laptop)
    with pytest.raises(PermissionDenied) as caught:
        fund_money.submit_due_report(laptop, due.id, "Written on the laptop")
    assert caught.value.msgid == fund_implementation.OFFICE_REPORTS
    assert fund_money.list_reports(laptop, proposal) == []
    fund_money.submit_due_report(muni, due.id, "Half of the workshops held")

    def report(tables: dict[str, Rows]) -> None:
        """The laptop's bundle carrying a report of its own for the same due."""
        assert "fund_reports" not in tables  # the laptop wrote none
        data = tables.setdefault("fund_reports", _rows(muni, laptop, "fund_reports"))
        own = laptop.installation_id
        set_cells(data, 0, results="Written on the laptop", updated_by=own, origin=own)
        set_cells(data, 0, id="5b7c3c4e-0000-4000-8000-000000000001")

    team.update_team(laptop, world["team"], {"name": "CAT north"})  # something to send
    refused(muni, forge(net, laptop, muni, report), "out_of_scope", "own PC", "implementation")
    net.deliver(laptop, muni)
    net.deliver(muni, hub)
    net.deliver(muni, laptop)
    for side in (muni, hub, laptop):
        reports = fund_money.list_reports(side, proposal)
        assert [(r.due_id, r.results) for r in reports] == [(due.id, "Half of the workshops held")]


def _rows(sender: ServiceContext, receiver: ServiceContext, table: str) -> Rows:
    """The rows of ``table`` in the layout of a bundle, as ``sender`` sends them."""
    parts = real_parts(sender, receiver)
    return dict(json.loads(parts[bundle.records_entry(table)]))


def test_the_proposals_own_report_is_written_by_the_office_alone(world: dict[str, Any]) -> None:
    """A field laptop that wrote the proposal's report text while its office submitted another
    made the two versions conflict, one kept and one logged. The laptop is refused and told
    why; a laptop's bundle changing the report is refused at the office, saying what to do; and
    a laptop that wrote one before that rule goes through once the office submits again."""
    from hubdesk.services import records
    from hubdesk.services.errors import PermissionDenied
    from hubdesk.services.fund_implementation import Implementation, save_implementation

    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    proposal = world["proposal"]
    fund.transition(muni, proposal, "in_implementation")
    net.deliver(muni, laptop)
    with pytest.raises(PermissionDenied) as caught:
        fund.submit_report(laptop, proposal, "Written on the laptop")
    assert caught.value.msgid == fund_implementation.OFFICE_REPORTS
    assert fund.get_proposal(laptop, proposal).results in (None, "")
    # nor by saving the form's implementation tabs, which carry the report's words with them
    with pytest.raises(PermissionDenied):
        save_implementation(laptop, proposal, Implementation(report="Written on the laptop"))
    assert fund.get_proposal(laptop, proposal).results in (None, "")
    fund.submit_report(muni, proposal, "Written at the office")
    with laptop.transaction() as session:  # as an older HubDesk let the laptop write it
        held = fund.own_proposal(session, laptop, proposal)
        records.change(session, laptop, held, {"results": "Written on the laptop"})
    team.update_team(laptop, world["team"], {"name": "CAT north"})
    path = net.send(laptop, muni).path
    refused(muni, path, "out_of_scope", "own PC", "words corrected")
    fund.submit_report(muni, proposal, "Written at the office, corrected")
    net.deliver(muni, laptop)
    net.deliver(laptop, muni)
    assert team.get_team(muni, world["team"]).name == "CAT north"
    for side in (muni, laptop):
        assert fund.get_proposal(side, proposal).results == "Written at the office, corrected"
