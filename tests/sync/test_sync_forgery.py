"""Bundles cannot lie about who wrote them: forgeries by enrolled, dishonest peers.

Every forged bundle here is correctly signed by its sender and encrypted to its receiver; only
the rows lie (about their author, their creator, the hub's signature or what they link to).
Each must be refused whole, with the receiver's database unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import pytest
from sync_helpers import Network, dump, pack, real_parts, resign, seal

from hubdesk.domain import FundDecision
from hubdesk.domain.sync import Peer
from hubdesk.services import fund, team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import authority, bundle, peers, profile
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle

Rows = dict[str, Any]  # {"columns": [...], "rows": [[...], ...]}


def forge(
    net: Network,
    sender: ServiceContext,
    receiver: ServiceContext,
    change: Callable[[dict[str, Rows]], None],
) -> Any:
    """A genuine bundle from ``sender`` to ``receiver``, its rows changed by ``change``, then
    signed again by ``sender`` and encrypted to ``receiver``."""
    authority.sign_hub_rows(sender)
    parts = real_parts(sender, receiver)
    tables = {
        bundle.TABLE_OF_ENTRY[name]: json.loads(data)
        for name, data in parts.items()
        if name in bundle.TABLE_OF_ENTRY
    }
    change(tables)
    for table, data in tables.items():
        parts[bundle.records_entry(table)] = json.dumps(data).encode()
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["entries"] = {
        bundle.records_entry(t): {"sha256": "0" * 64, "size": 0, "rows": len(d["rows"])}
        for t, d in tables.items()
    }
    manifest["counts"] = {t: len(d["rows"]) for t, d in tables.items()}
    parts[bundle.MANIFEST] = json.dumps(manifest).encode()
    resign(parts, sender)  # the digests of the changed parts, and the sender's signature
    return seal(pack(list(parts.items())), receiver, net.root / f"forged-{id(change)}.hubdesk")


def refused(receiver: ServiceContext, path: Any, reason: str, *words: str) -> SyncError:
    before = dump(receiver.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(receiver, path)
    assert caught.value.reason == reason, caught.value.message
    message = caught.value.message
    assert "\n" not in message and all(w in message for w in words), message
    assert dump(receiver.db) == before
    return caught.value


def cell(data: Rows, column: str, row: int = 0) -> Any:
    return data["rows"][row][data["columns"].index(column)]


def set_cells(data: Rows, row: int = 0, **values: Any) -> None:
    for column, value in values.items():
        data["rows"][row][data["columns"].index(column)] = value


def add_row(data: Rows, like: int = 0, **values: Any) -> None:
    import uuid

    data["rows"].append(list(data["rows"][like]))
    set_cells(data, len(data["rows"]) - 1, id=str(uuid.uuid4()), base_version=None, **values)


def empty(table: str) -> Rows:
    from hubdesk.sync.codec import CODECS, KNOWN, WITHHELD

    return {"columns": [*CODECS[table].columns, KNOWN, WITHHELD], "rows": []}


def decision_row(proposal: str, by: str, version: int) -> list[Any]:
    return _row(
        proposal_id=proposal,
        outcome="approved",
        amount_approved_minor=100_000,
        conditions="",
        comments="",
        decided_on="2024-05-01",
        eur_rate=None,
        amount_approved_eur_minor=None,
        interim_report_due=None,
        final_report_due=None,
        by=by,
        version=version,
    )


def status_row(proposal: str, by: str, version: int) -> list[Any]:
    return _row(
        proposal_id=proposal,
        from_status="approved",
        to_status="completed",
        changed_at="2024-05-01T10:00:00+00:00",
        by_role="hub",
        comment="",
        by=by,
        version=version,
    )


def _row(by: str, version: int, **columns: Any) -> list[Any]:
    values = {
        **columns,
        "hub_signature": None,
        "id": "5b0e9f3c-1d2e-4f50-8a6b-7c8d9e0f1a2b",
        "origin": by,
        "version": version,
        "base_version": None,
        "updated_by": by,
        "updated_at": "2024-05-01T10:00:00+00:00",
        "deleted": False,
        "_known": [],
        "_withheld": [],
    }
    return list(values.values())


@pytest.fixture
def world(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    seeded: dict[str, Any],
) -> dict[str, Any]:
    """Kumanovo (seeded) with its hub, and a field laptop enrolled after the hub, so its
    municipality's profile told it the hub's key; everything exchanged once."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    net.deliver(muni, hub)
    fund.transition(hub, seeded["proposal"], "under_review")
    fund.record_decision(hub, seeded["proposal"], {"outcome": "approved",
                                                   "amount_approved_minor": 90_000})  # fmt: skip
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, **seeded}


# --- 1. records only the hub writes -------------------------------------------------------------


def test_laptop_forging_a_hub_decision_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    team.update_team(laptop, world["team"], {"name": "CAT north"})  # something to send

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("fund_decisions", empty("fund_decisions"))
        version = cell(tables["teams"], "version")
        data["rows"].append(decision_row(world["proposal"], hub.installation_id, version))

    refused(muni, forge(net, laptop, muni, change), "forged_author", "signature")


def test_laptop_forging_a_hub_status_change_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    team.update_team(laptop, world["team"], {"name": "CAT north"})

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("proposal_status_changes", empty("proposal_status_changes"))
        version = cell(tables["teams"], "version")
        data["rows"].append(status_row(world["proposal"], hub.installation_id, version))

    refused(muni, forge(net, laptop, muni, change), "forged_author", "signature")


def test_municipality_relaying_a_forged_decision_to_the_hub_is_refused(
    world: dict[str, Any],
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    team.update_team(muni, world["team"], {"name": "CAT north"})

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("fund_decisions", empty("fund_decisions"))
        version = cell(tables["teams"], "version")
        data["rows"].append(decision_row(world["proposal"], hub.installation_id, version))

    refused(hub, forge(net, muni, hub, change), "out_of_scope")


@pytest.mark.parametrize("how", ["invented", "altered", "unsigned"])
def test_municipality_relaying_a_forged_decision_to_its_laptop_is_refused(
    world: dict[str, Any], how: str
) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("fund_decisions", empty("fund_decisions"))
        if how == "invented":
            version = cell(tables["municipalities"], "version") + 1
            data["rows"] = [decision_row(world["proposal"], hub.installation_id, version)]
        elif how == "altered":  # the hub's real decision, amount raised, signature kept
            set_cells(data, 0, amount_approved_minor=900_000, version=cell(data, "version") + 1)
        else:
            set_cells(data, 0, hub_signature=None, version=cell(data, "version") + 1)

    refused(laptop, forge(net, muni, laptop, change), "forged_author", "signature")


def test_laptop_without_the_hubs_key_refuses_hub_records_clearly(world: dict[str, Any]) -> None:
    net, muni = world["net"], world["muni"]
    stranger = net.install("Second laptop", "field", "MK")
    hub_peer = world["hub"].installation_id
    with muni.transaction() as session:  # as if Kumanovo had no hub when the laptop enrolled
        session.get(Peer, hub_peer).revoked_at = dt.datetime.now(dt.UTC)
    net.introduce(stranger, muni)
    with muni.transaction() as session:
        session.get(Peer, hub_peer).revoked_at = None
    path = net.send(muni, stranger).path
    refused(stranger, path, "forged_author", "hub's key")
    # The hub's own profile, compared by phone, is the way out.
    hub_card = profile.read_profile(net.profile_of(world["hub"]))
    plan = peers.check_enrolment(stranger, hub_card)
    assert plan.learns_hub is not None and plan.learns_hub.fingerprint == hub_card.fingerprint
    peers.enrol(stranger, hub_card)
    assert import_bundle(stranger, path).status == "imported"


# --- 2. authors and creators ---------------------------------------------------------------------


def test_laptop_editing_as_the_municipality_is_refused(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    team.update_member(laptop, world["member"], {"organisation": "Red Cross"})

    def change(tables: dict[str, Rows]) -> None:
        set_cells(tables["members"], 0, updated_by=muni.installation_id)

    refused(muni, forge(net, laptop, muni, change), "forged_author", "did not sign")


def test_municipality_claiming_another_municipality_as_author_is_refused(
    world: dict[str, Any],
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    other = net.install("Struga", "municipality", "MK")
    net.introduce(other, hub)
    team.update_team(muni, world["team"], {"name": "CAT north"})

    def change(tables: dict[str, Rows]) -> None:
        set_cells(tables["teams"], 0, updated_by=other.installation_id)

    refused(hub, forge(net, muni, hub, change), "forged_author", other.installation_id)


def test_new_row_claiming_the_hub_as_creator_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]

    def change(tables: dict[str, Rows]) -> None:
        add_row(tables["teams"], origin=hub.installation_id, name="Hub's own team")

    refused(hub, forge(net, muni, hub, change), "forged_author", "created by")


def test_changing_the_creator_of_a_held_record_is_refused(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    team.update_team(laptop, world["team"], {"name": "CAT field"})

    def change(tables: dict[str, Rows]) -> None:
        set_cells(tables["teams"], 0, origin=laptop.installation_id)

    refused(muni, forge(net, laptop, muni, change), "forged_author", "who created")


def test_laptop_cannot_vouch_for_others(world: dict[str, Any]) -> None:
    """Only a municipality lists delegates; a laptop's list is ignored."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    team.update_team(laptop, world["team"], {"name": "CAT field"})
    ghost = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
    parts = real_parts(laptop, muni)
    name = bundle.records_entry("teams")
    data = json.loads(parts[name])
    set_cells(data, 0, updated_by=ghost)
    parts[name] = json.dumps(data).encode()
    resign(parts, laptop, delegates=[ghost])
    path = seal(pack(list(parts.items())), muni, net.root / "ghost.hubdesk")
    refused(muni, path, "forged_author")


# --- 3. links ------------------------------------------------------------------------------------


LINKS = {  # table, link column, the other municipality's record it is pointed at
    "member in their team": ("members", "team_id", "team"),
    "meeting of their team": ("meetings", "team_id", "team"),
    "attendance of their member": ("attendance", "member_id", "member"),
    "attendance at their meeting": ("attendance", "meeting_id", "meeting"),
    "budget line of their proposal": ("budget_lines", "proposal_id", "proposal"),
}


@pytest.mark.parametrize("case", list(LINKS))
def test_link_to_another_municipalitys_record_is_refused(world: dict[str, Any], case: str) -> None:
    import uuid

    from sync_helpers import seed

    net, hub, muni = world["net"], world["hub"], world["muni"]
    other = net.install("Struga", "municipality", "MK")
    net.introduce(other, hub)
    theirs = seed(other)
    net.deliver(other, hub)
    table, column, target = LINKS[case]

    def change(tables: dict[str, Rows]) -> None:
        data = tables[table]
        add_row(data, **{column: theirs[target]})
        if table == "attendance":  # its id is derived from the meeting and the member
            row = len(data["rows"]) - 1
            meeting, member = cell(data, "meeting_id", row), cell(data, "member_id", row)
            set_cells(data, row, id=str(uuid.uuid5(uuid.UUID(meeting), member)))

    refused(hub, forge(net, muni, hub, change), "out_of_scope", "another municipality")


@pytest.mark.parametrize("edit", [{"deleted": True}, {"comment": "withdrawn after all"}])
def test_a_municipal_row_resent_under_its_stamp_with_a_signature_changes_nothing(
    world: dict[str, Any], edit: dict[str, Any]
) -> None:
    """The one change a version may carry without a new stamp is the hub's signature on a row
    the hub wrote. A municipality sending its own submission of a proposal again, deleted or
    reworded under the stamp the hub holds and with any text as a signature, neither takes the
    submission back nor changes a word of it."""
    net, muni, hub = world["net"], world["muni"], world["hub"]

    def submission(session: Any) -> Any:
        from hubdesk.domain import ProposalStatusChange

        return (
            session.query(ProposalStatusChange)
            .filter_by(proposal_id=world["proposal"], to_status="submitted")
            .one()
        )

    with hub.read() as session:
        held = {c: getattr(submission(session), c) for c in ("id", "comment", "deleted")}

    def change(tables: dict[str, Rows]) -> None:
        data = tables["proposal_status_changes"]
        row = [cell(data, "id", i) for i in range(len(data["rows"]))].index(held["id"])
        assert cell(data, "by_role", row) == "municipality"
        set_cells(data, row, hub_signature="A" * 86 + "==", **edit)

    before = dump(hub.db)
    import_bundle(hub, forge(net, muni, hub, change))
    with hub.read() as session:
        row = submission(session)
        assert {c: getattr(row, c) for c in held} == held and row.hub_signature is None

    def rows(lines: list[str]) -> list[str]:
        return [line for line in lines if line.startswith("proposal_status_changes\t")]

    assert rows(dump(hub.db)) == rows(before)
    assert fund.get_proposal(hub, world["proposal"]).status == "approved"


def test_a_dry_run_counts_a_refused_status_change_as_refused(world: dict[str, Any]) -> None:
    """Deleting its own submission of a proposal under a new stamp is refused once the whole
    bundle is read ("written once"); the dry run said "1 updated ... 0 refused" beside that
    refusal. Its counts now agree with what it lists."""
    from hubdesk.sync.importer import preview_import

    net, muni, hub = world["net"], world["muni"], world["hub"]

    def change(tables: dict[str, Rows]) -> None:
        data = tables["proposal_status_changes"]
        row = next(
            i
            for i in range(len(data["rows"]))
            if cell(data, "to_status", i) == "submitted"
            and cell(data, "proposal_id", i) == world["proposal"]
        )
        held = cell(data, "version", row)
        set_cells(data, row, deleted=True, base_version=held, version=held + (1000 << 16))

    preview = preview_import(hub, forge(net, muni, hub, change))
    assert [p.reason for p in preview.problems if p.table == "proposal_status_changes"]
    counts = preview.areas["proposal_status_changes"]
    assert (counts.updated, counts.refused) == (0, 1), counts


def municipality_change(
    office: ServiceContext, by: str, **values: Any
) -> Callable[[dict[str, Rows]], None]:
    """The office's record of its municipality (as its own bundle carries it), changed under a
    new stamp by ``by``."""
    mid = office.municipality_id
    hub = next(p for p in peers.list_peers(office) if p.role == "hub")
    parts = real_parts(office, cast(ServiceContext, SimpleNamespace(installation_id=hub.id)))
    copy = json.loads(parts[bundle.records_entry("municipalities")])

    def change(tables: dict[str, Rows]) -> None:
        data = tables.setdefault("municipalities", copy)
        row = [cell(data, "id", i) for i in range(len(data["rows"]))].index(mid)
        held = cell(data, "version", row)
        set_cells(
            data, row, base_version=held, version=held + (1000 << 16), updated_by=by, **values
        )

    return change


def test_a_laptop_renaming_its_municipality_is_refused(world: dict[str, Any]) -> None:
    """Only the municipality's own PC renames it or changes its country; the office took a
    laptop's 'Tetovo, Albania, lek' for Kumanovo, and its next bundle took it to the hub."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    team.update_team(laptop, world["team"], {"name": "CAT north"})  # something to send
    change = municipality_change(
        muni, laptop.installation_id, name="Tetovo", country="AL", currency="ALL"
    )
    refused(muni, forge(net, laptop, muni, change), "out_of_scope", "field laptop")


def test_a_municipality_changing_its_currency_under_its_records_is_refused(
    world: dict[str, Any],
) -> None:
    """The hub holds Kumanovo's meetings and approved proposal, in denars: a new country (and
    with it the currency) would turn every amount into another currency's. A new name is
    still the municipality's to give."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    mid = muni.municipality_id
    assert mid is not None
    change = municipality_change(muni, muni.installation_id, country="AL", currency="ALL")
    refused(hub, forge(net, muni, hub, change), "invalid_record", "MKD")
    gone = municipality_change(muni, muni.installation_id, deleted=True)
    refused(hub, forge(net, muni, hub, gone), "invalid_record", "not deleted")
    renamed = municipality_change(muni, muni.installation_id, name="Kumanovo municipality")
    import_bundle(hub, forge(net, muni, hub, renamed))
    from hubdesk.domain import Municipality

    with hub.read() as session:
        held = session.get(Municipality, mid)
        assert held is not None
        assert (held.name, held.country, held.currency) == ("Kumanovo municipality", "MK", "MKD")


# --- what must still pass ------------------------------------------------------------------------


def test_hub_decision_relayed_to_the_laptop_is_verified_there(world: dict[str, Any]) -> None:
    laptop, hub = world["laptop"], world["hub"]
    with laptop.read() as session:
        decision = session.query(FundDecision).one()
        values = {c: getattr(decision, c) for c in authority.CODECS["fund_decisions"].columns}
        key = authority.hub_keys(session)[hub.installation_id]
    assert decision.updated_by == decision.origin == hub.installation_id
    assert authority.signature_valid(key, "fund_decisions", values)
    assert fund.get_proposal(laptop, world["proposal"]).status == "approved"


def test_laptop_edits_reach_the_hub_through_the_municipality(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    team.update_member(laptop, world["member"], {"organisation": "Red Cross"})
    created = team.create_team(laptop, {"name": "CAT youth", "kind": "cat"})
    net.deliver(laptop, muni)
    result = net.deliver(muni, hub)
    assert result.areas["teams"].created == 1 and result.areas["members"].updated == 1
    with hub.read() as session:
        from hubdesk.domain import Team

        stored = session.get(Team, created.id)
        assert stored is not None
        assert stored.origin == stored.updated_by == laptop.installation_id


def test_unsigned_hub_rows_are_signed_and_reach_the_laptop(world: dict[str, Any]) -> None:
    """A decision made before records were signed: the hub signs it at its next export, and
    the municipality takes the signature for the version it held unsigned."""
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    for ctx in (hub, muni, laptop):
        with ctx.transaction() as session:
            for row in session.query(FundDecision):
                row.hub_signature = None
    assert authority.sign_hub_rows(hub) == 1
    net.deliver(hub, muni)
    with muni.read() as session:
        assert session.query(FundDecision).one().hub_signature
    net.deliver(muni, laptop)
    with laptop.read() as session:
        assert session.query(FundDecision).one().hub_signature


def test_taking_over_a_meeting_with_its_attendance_is_refused_and_nothing_written(
    world: dict[str, Any],
) -> None:
    """The streaming import writes batches as they pass; a meeting of Struga rewritten as
    Kumanovo's (in the rows' own order, so written one batch at a time) is refused with every
    record after it, and the attendance at it is judged by the meeting's owner held here."""
    import operator
    import uuid

    from sync_helpers import seed

    net, hub, muni = world["net"], world["hub"], world["muni"]
    other = net.install("Struga", "municipality", "MK")
    net.introduce(other, hub)
    theirs = seed(other)
    net.deliver(other, hub)

    def change(tables: dict[str, Rows]) -> None:
        meetings, attendance = tables["meetings"], tables["attendance"]
        add_row(meetings)
        set_cells(meetings, len(meetings["rows"]) - 1, id=theirs["meeting"])
        add_row(attendance, meeting_id=theirs["meeting"])
        row = len(attendance["rows"]) - 1
        member = cell(attendance, "member_id", row)
        set_cells(attendance, row, id=str(uuid.uuid5(uuid.UUID(theirs["meeting"]), member)))
        for data in (meetings, attendance):  # HubDesk's order: ascending ids
            at = data["columns"].index("id")
            data["rows"].sort(key=operator.itemgetter(at))

    error = refused(hub, forge(net, muni, hub, change), "out_of_scope", "another municipality")
    assert "Attendance record" in error.message  # judged by the owner held here: Struga
