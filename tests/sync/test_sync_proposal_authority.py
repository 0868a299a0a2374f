"""A proposal's status and content, kept at the import as the services keep them: a status the
hub sets needs the hub's signature, a municipality makes only its own moves from the status the
proposal has, a field laptop makes none, and a submitted or decided proposal is not rewritten
(``scope._check_move``, ``sync/proposal_import.py``). Each forgery is refused whole."""

from __future__ import annotations

import uuid
from typing import Any

from proposal_filling import fill_sections
from sync_helpers import Network
from test_sync_forgery import cell, empty, forge, refused, set_cells

from hubdesk.domain import BudgetLine, FundProposal
from hubdesk.domain.hlc import pack as hlc_pack
from hubdesk.domain.hlc import wall_ms
from hubdesk.services import fund, proposal_sections, team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import conflicts
from hubdesk.sync.importer import import_bundle

Rows = dict[str, Any]


def _status_row(
    data: Rows, proposal: str, frm: str, to: str, by: str, version: int, by_role: str
) -> list[Any]:
    values = dict.fromkeys(data["columns"])
    values.update(
        id=str(uuid.uuid4()), proposal_id=proposal, from_status=frm, to_status=to,
        changed_at="2024-05-01T10:00:00+00:00", by_role=by_role, comment="",
        hub_signature=None, origin=by, version=version, base_version=None, updated_by=by,
        updated_at="2024-05-01T10:00:00+00:00", deleted=False, _known=[], _withheld=[],
    )  # fmt: skip
    return [values[c] for c in data["columns"]]


def _add_move(
    sender: ServiceContext, proposal: str, frm: str, to: str, by_role: str = "municipality"
) -> Any:
    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("proposal_status_changes", empty("proposal_status_changes"))
        version = hlc_pack(wall_ms() + 60_000, 0)
        data["rows"].append(
            _status_row(data, proposal, frm, to, sender.installation_id, version, by_role)
        )

    return change


def _status(ctx: ServiceContext, proposal: str) -> str:
    with ctx.read() as session:
        found = session.get(FundProposal, proposal)
        assert found is not None
        return found.status


def _row(data: Rows, record_id: str) -> int:
    return [r[data["columns"].index("id")] for r in data["rows"]].index(record_id)


def _decide(
    net: Network, muni: ServiceContext, hub: ServiceContext, pid: str, outcome: str
) -> None:
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    amount = 90_000 if outcome == "approved" else 0
    fund.record_decision(hub, pid, {"outcome": outcome, "amount_approved_minor": amount})
    net.deliver(hub, muni)


# --- finding 1: status changes ------------------------------------------------------------------


def test_a_municipality_cannot_approve_its_own_proposal(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    pid = seeded["proposal"]
    net.deliver(muni, hub)
    for role in ("municipality", "field"):
        path = forge(net, muni, hub, _add_move(muni, pid, "submitted", "approved", role))
        refused(hub, path, "out_of_scope", "only the hub")
    assert _status(hub, pid) == "submitted"


def test_a_status_only_the_hub_sets_needs_its_signature_at_a_laptop_too(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    net.deliver(muni, laptop)
    pid = seeded["proposal"]
    path = forge(net, muni, laptop, _add_move(muni, pid, "submitted", "approved"))
    refused(laptop, path, "out_of_scope", "only the hub")
    assert _status(laptop, pid) == "submitted"


def test_a_municipality_cannot_overturn_a_rejection(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    pid = seeded["proposal"]
    _decide(net, muni, hub, pid, "rejected")
    team.update_team(muni, seeded["team"], {"name": "CAT north"})
    # A move the municipality never makes, and a real move from a status the proposal lacks.
    path = forge(net, muni, hub, _add_move(muni, pid, "rejected", "in_implementation"))
    refused(hub, path, "out_of_scope", "none of those steps")
    path = forge(net, muni, hub, _add_move(muni, pid, "approved", "in_implementation"))
    refused(hub, path, "locked_proposal", "'Approved'", "'Rejected'")
    path = forge(net, muni, hub, _add_move(muni, pid, "changes_requested", "submitted"))
    refused(hub, path, "locked_proposal", "'Rejected'")
    assert _status(hub, pid) == "rejected"


def test_a_municipality_cannot_take_back_its_own_move(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    pid = seeded["proposal"]
    _decide(net, muni, hub, pid, "approved")
    fund.transition(muni, pid, "in_implementation")
    net.deliver(muni, hub)
    version = hlc_pack(wall_ms() + 60_000, 0)

    def undo(tables: dict[str, Rows]) -> None:
        data = tables["proposal_status_changes"]
        row = [cell(data, "to_status", i) for i in range(len(data["rows"]))].index(
            "in_implementation"
        )
        base = cell(data, "version", row)
        set_cells(data, row, deleted=True, version=version, base_version=base)

    refused(hub, forge(net, muni, hub, undo), "locked_proposal", "never changed or deleted")
    assert _status(hub, pid) == "in_implementation"


def test_a_field_laptop_cannot_submit_a_proposal(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    draft = fund.create_proposal(muni, {"title": "Playground", "summary": "Swings"})
    net.deliver(muni, laptop)
    team.update_team(laptop, seeded["team"], {"name": "CAT north"})
    path = forge(net, laptop, muni, _add_move(laptop, draft.id, "draft", "submitted"))
    refused(muni, path, "out_of_scope", "only the municipality's own PC")
    assert fund.get_proposal(muni, draft.id).status == "draft"
    net.deliver(muni, hub)
    assert _status(hub, draft.id) == "draft"


# --- finding 5: a submitted or decided proposal is not rewritten ---------------------------------


def _rewrite(proposal: str, line: str, version: int) -> Any:
    def change(t: dict[str, Rows]) -> None:
        lines, proposals = t["budget_lines"], t["fund_proposals"]
        i, j = _row(lines, line), _row(proposals, proposal)
        set_cells(lines, i, quantity=200, unit_cost_minor=9_999_999, version=version,
                  base_version=cell(lines, "version", i))  # fmt: skip
        set_cells(proposals, j, title="A much bigger project", version=version,
                  base_version=cell(proposals, "version", j))  # fmt: skip

    return change


def _line(ctx: ServiceContext, proposal: str) -> str:
    with ctx.read() as session:
        found = session.query(BudgetLine).filter_by(proposal_id=proposal).one()
        return found.id


def test_an_approved_proposal_is_not_rewritten_at_the_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    pid = seeded["proposal"]
    _decide(net, muni, hub, pid, "approved")
    line = _line(hub, pid)
    path = forge(net, muni, hub, _rewrite(pid, line, hlc_pack(wall_ms() + 60_000, 0)))
    refused(hub, path, "locked_proposal", "'Approved'")
    totals = fund.proposal_totals(hub, pid)
    assert totals.total_minor == 100_000 and fund.get_proposal(hub, pid).title == "Youth corner"


def test_a_submitted_proposal_is_not_rewritten_by_an_edit_dated_before_its_submission(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """An edit stamped between the last real edit and the submission the hub holds: at that
    moment the proposal was a draft, but it arrives after the submission it would change."""
    pid = seeded["proposal"]
    net.deliver(muni, hub)
    line = _line(hub, pid)
    with hub.read() as session:
        submitted = fund.status_history(hub, pid)[-1].version
        # The submission's number (the proposal's version) takes the stamp just before it.
        newest_edit = session.get(BudgetLine, line).version
    assert newest_edit < submitted - 1
    path = forge(net, muni, hub, _rewrite(pid, line, submitted - 1))
    refused(hub, path, "locked_proposal", "'Submitted'")


def test_edits_and_the_submission_in_one_bundle_are_accepted(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """The order within a bundle: the edits of a draft, then its submission."""
    net.deliver(muni, hub)
    draft = fund.create_proposal(muni, {"title": "Playground", "summary": "Swings"})
    net.deliver(muni, hub)
    fund.add_budget_line(muni, draft.id, {"category": "equipment", "description": "Swings",
                                          "quantity": 2, "unit_cost_minor": 30_000})  # fmt: skip
    fill_sections(muni, draft.id)
    fund.update_proposal(muni, draft.id, {"title": "Playground for all"})
    fund.transition(muni, draft.id, "submitted")
    net.deliver(muni, hub)
    assert _status(hub, draft.id) == "submitted"
    assert fund.get_proposal(hub, draft.id).title == "Playground for all"


def test_changes_asked_for_then_made_and_resubmitted_reach_the_hub_and_a_laptop(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """The hub asks for changes; the municipality edits and resubmits. The hub accepts it, and a
    laptop that last saw the proposal submitted gets the request, the edits and the
    resubmission in one relayed bundle."""
    pid = seeded["proposal"]
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    net.deliver(muni, laptop)
    _decide(net, muni, hub, pid, "changes_requested")
    fund.update_proposal(muni, pid, {"title": "Youth corner, smaller"})
    fund.update_budget_line(muni, _line(muni, pid), {"quantity": 1})
    fund.transition(muni, pid, "submitted")
    net.deliver(muni, hub)
    assert _status(hub, pid) == "submitted"
    assert fund.get_proposal(hub, pid).title == "Youth corner, smaller"
    net.deliver(muni, laptop)
    assert fund.get_proposal(laptop, pid).title == "Youth corner, smaller"
    assert fund.get_proposal(laptop, pid).status == "submitted"
    # The relays back the other way change nothing and import.
    net.deliver(laptop, muni)
    net.deliver(hub, muni)


def test_the_implementation_stays_open_after_approval(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """Starting the implementation, the spending, results and report, and the completion, all
    in one bundle: what the services let a municipality do once the hub approved."""
    pid = seeded["proposal"]
    _decide(net, muni, hub, pid, "approved")
    fund.transition(muni, pid, "in_implementation")
    fund.record_spending(muni, _line(muni, pid), 80_000)
    indicator = proposal_sections.list_indicators(muni, pid)[0]
    proposal_sections.record_result(muni, indicator.id, 12)
    fund.submit_report(muni, pid, "The room is open five days a week.")
    fund.transition(muni, pid, "completed")
    net.deliver(muni, hub)
    assert _status(hub, pid) == "completed"
    assert fund.proposal_totals(hub, pid).spent_minor == 80_000
    assert fund.get_proposal(hub, pid).results.startswith("The room is open")


def test_spending_before_the_implementation_starts_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    pid = seeded["proposal"]
    _decide(net, muni, hub, pid, "approved")
    line = _line(hub, pid)

    def spend(t: dict[str, Rows]) -> None:
        lines = t["budget_lines"]
        i = _row(lines, line)
        set_cells(lines, i, spent_minor=99_000, version=hlc_pack(wall_ms() + 60_000, 0),
                  base_version=cell(lines, "version", i))  # fmt: skip

    refused(hub, forge(net, muni, hub, spend), "locked_proposal", "'Approved'")


def test_a_new_budget_line_on_a_submitted_proposal_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    pid = seeded["proposal"]
    net.deliver(muni, hub)
    line = _line(hub, pid)

    def add(t: dict[str, Rows]) -> None:
        lines = t["budget_lines"]
        lines["rows"].append(list(lines["rows"][_row(lines, line)]))
        set_cells(lines, len(lines["rows"]) - 1, id=str(uuid.uuid4()), base_version=None,
                  version=hlc_pack(wall_ms() + 60_000, 0))  # fmt: skip

    refused(hub, forge(net, muni, hub, add), "locked_proposal", "'Submitted'")


def test_a_laptops_edit_of_a_proposal_the_office_submitted_loses_to_the_submission(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """Both orders: the laptop's edit of the draft reaches the office before the submission
    (accepted, and on to the hub with it), or after it (it loses to the submission's number,
    a conflict at the office: the submitted text is kept, and the laptop is not refused)."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    drafts = []
    for title in ("Playground", "Library"):
        draft = fund.create_proposal(muni, {"title": title, "summary": "For the children"})
        line = {"category": "equipment", "description": "Things", "quantity": 1,
                "unit_cost_minor": 10_000}  # fmt: skip
        fund.add_budget_line(muni, draft.id, line)
        fill_sections(muni, draft.id)
        drafts.append(draft.id)
    net.deliver(muni, laptop)
    first, second = drafts
    fund.update_proposal(laptop, first, {"title": "Playground for all"})
    net.deliver(laptop, muni)
    fund.transition(muni, first, "submitted")
    net.deliver(muni, hub)
    assert fund.get_proposal(hub, first).title == "Playground for all"

    fund.update_proposal(laptop, second, {"title": "Library for all"})
    late = net.send(laptop, muni).path
    fund.transition(muni, second, "submitted")
    import_bundle(muni, late)
    assert fund.get_proposal(muni, second).title == "Library"
    (lost,) = conflicts.list_conflicts(muni)
    assert (lost.record_id, lost.other["title"]) == (second, "Library for all")
    net.deliver(muni, hub)
    assert fund.get_proposal(hub, second).title == "Library"
