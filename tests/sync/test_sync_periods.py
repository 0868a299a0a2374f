"""Quarters by files only: submitted, accepted, returned, reopened, and the lock, both ways;
and nobody but the hub can write the hub's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sync_helpers import Network
from test_sync_forgery import Rows, add_row, cell, forge, refused, set_cells

from hubdesk import clock
from hubdesk.domain import PeriodSubmission
from hubdesk.domain.hlc import pack as hlc_pack
from hubdesk.domain.hlc import wall_ms
from hubdesk.domain.periods import Quarter
from hubdesk.services import meetings, periods, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.sync.importer import import_bundle, preview_import

Q1, Q2 = "2024-Q1", "2024-Q2"  # the seeded meeting (5 March 2024), the youth forum (2 April)


def state(ctx: ServiceContext, quarter: str, municipality: str | None = None) -> tuple[str, str]:
    if ctx.is_hub:
        town = next(t for t in periods.hub_overview(ctx) if t.municipality_id == municipality)
        found = next(q for q in town.quarters if q.quarter == quarter)
    else:
        found = next(q for q in periods.own_quarters(ctx) if q.quarter == quarter)
    return found.state, found.comment


def waiting_count(hub: ServiceContext) -> int:
    """The hub tile's count, checked against the overview the Quarters page shows."""
    shown = sum(1 for t in periods.hub_overview(hub) for q in t.quarters if q.state == "submitted")
    assert periods.answers_waiting(hub) == shown
    return shown


@pytest.fixture
def world(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> dict[str, Any]:
    """Kumanovo, its hub and a field laptop (enrolled after the hub, so it knows its key)."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    net.deliver(muni, hub)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, **seeded}


def test_submit_accept_refuse_reopen_and_resubmit_by_files(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    town = muni.municipality_id
    assert state(hub, Q1, town) == ("due", "")
    assert waiting_count(hub) == 0
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    assert state(hub, Q1, town)[0] == "submitted"
    assert waiting_count(hub) == 1
    periods.accept(hub, town or "", Q1, "Complete, thank you")
    assert waiting_count(hub) == 0
    net.deliver(hub, muni)
    assert state(muni, Q1) == ("accepted", "Complete, thank you")
    with pytest.raises(ValidationError, match="accepted by the hub") as caught:
        meetings.update_meeting(muni, world["meeting"], {"place": "Town hall"})
    assert Q1 in caught.value.message and "reopen" in caught.value.message
    youth.update_activity(muni, world["activity"], {"place": "Library"})  # Q2 is open
    periods.reopen(muni, Q1, "The attendance of March was incomplete")
    net.deliver(muni, hub)
    assert state(hub, Q1, town) == ("reopened", "The attendance of March was incomplete")
    meetings.update_meeting(muni, world["meeting"], {"place": "Town hall"})
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    assert state(hub, Q1, town)[0] == "submitted"
    assert {"Town hall"} == {m.place for m in meetings.list_meetings(hub)}


def test_a_returned_quarter_is_open_and_due_again(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    periods.submit(muni, Q2)
    net.deliver(muni, hub)
    with pytest.raises(ValidationError, match="Say why"):
        periods.return_quarter(hub, muni.municipality_id or "", Q2, "")
    periods.return_quarter(hub, muni.municipality_id or "", Q2, "Gender counts are missing")
    with pytest.raises(ValidationError, match="Only a submitted quarter"):
        periods.accept(hub, muni.municipality_id or "", Q2)
    net.deliver(hub, muni)
    assert state(muni, Q2) == ("returned", "Gender counts are missing")
    youth.update_activity(muni, world["activity"], {"place": "Library"})
    assert any(q.quarter == Q2 and q.to_submit for q in periods.own_quarters(muni))


def test_an_answer_crossing_a_reopening_does_not_lock_the_quarter(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    town = muni.municipality_id or ""
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    periods.reopen(muni, Q1, "Two meetings are missing")  # not yet at the hub
    periods.accept(hub, town, Q1, "fine")  # answers the submission the hub holds
    net.deliver(hub, muni)
    assert state(muni, Q1) == ("reopened", "Two meetings are missing")
    meetings.update_meeting(muni, world["meeting"], {"place": "Town hall"})  # still open
    net.deliver(muni, hub)
    assert state(hub, Q1, town) == ("reopened", "Two meetings are missing")
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    periods.accept(hub, town, Q1)
    net.deliver(hub, muni)
    assert state(muni, Q1)[0] == "accepted"


def test_the_laptop_learns_the_lock_through_its_municipality(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    periods.accept(hub, muni.municipality_id or "", Q1)
    net.deliver(hub, muni)
    net.deliver(muni, laptop)  # the hub's signed answer, relayed
    assert state(laptop, Q1)[0] == "accepted"
    with pytest.raises(ValidationError, match=Q1):
        meetings.update_meeting(laptop, world["meeting"], {"place": "Field office"})
    with pytest.raises(PermissionDenied):
        periods.reopen(laptop, Q1, "from the field")
    # The hub's signed answer travels back through the relays unchanged, and changes nothing.
    youth.update_activity(laptop, world["activity"], {"place": "Library"})
    net.deliver(laptop, muni)
    net.deliver(muni, hub)
    assert state(hub, Q1, muni.municipality_id)[0] == "accepted"


def test_the_laptops_refusal_sends_it_to_its_office(world: dict[str, Any]) -> None:
    """A field laptop cannot reopen a quarter: its refusal names who can, never a page or a
    command that the laptop does not have."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    periods.submit(muni, Q1)
    net.deliver(muni, laptop)
    with pytest.raises(ValidationError) as submitted:
        meetings.update_meeting(laptop, world["meeting"], {"place": "Field office"})
    said = submitted.value.message
    assert Q1 in said and "ask the office to reopen it" in said
    assert "Quarters page" not in said and "hubdesk periods reopen" not in said
    with pytest.raises(ValidationError) as at_office:  # the office itself reopens
        meetings.update_meeting(muni, world["meeting"], {"place": "Town hall"})
    assert "hubdesk periods reopen --quarter" in at_office.value.message


def test_a_laptops_edit_of_an_accepted_quarter_waits_for_a_reopening(
    world: dict[str, Any],
) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    # The laptop edits in the field before it hears that the quarter was accepted.
    meetings.update_meeting(laptop, world["meeting"], {"place": "Field office"})
    youth.update_activity(laptop, world["activity"], {"place": "Library"})  # an open quarter
    bundle = net.send(laptop, muni).path
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    periods.accept(hub, muni.municipality_id or "", Q1)
    net.deliver(hub, muni)
    error = refused(muni, bundle, "locked_period", Q1, "reopen")
    assert "accepted" in error.message
    assert meetings.get_meeting(muni, world["meeting"]).place != "Field office"
    periods.reopen(muni, Q1, "Corrections from the field")
    assert import_bundle(muni, bundle).status == "imported"
    assert meetings.get_meeting(muni, world["meeting"]).place == "Field office"
    assert youth.get_activity(muni, world["activity"]).place == "Library"
    net.deliver(muni, hub)
    assert state(hub, Q1, muni.municipality_id)[0] == "reopened"


def test_a_laptops_new_meeting_in_a_submitted_quarter_is_refused(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    meetings.create_meeting(
        laptop,
        {
            "team_id": world["team"],
            "starts_at": dt.datetime(2024, 2, 1, 9, tzinfo=dt.UTC),
            "kind": "regular",
        },
    )
    bundle = net.send(laptop, muni).path
    periods.submit(muni, Q1)
    # The office's preview writes the rows it reads before the quarters are judged: the
    # meeting refused then is counted refused, not also new.
    counts = preview_import(muni, bundle).areas["meetings"]
    assert (counts.created, counts.refused) == (0, 1)
    refused(muni, bundle, "locked_period", Q1, "submitted")


# --- nobody but the hub answers a quarter -------------------------------------------------------


def period_rows(municipality: str | None, action: str, by: str, version: int) -> Rows:
    """One invented ``period_submissions`` row, as a bundle carries it."""
    from hubdesk.sync.codec import CODECS, KNOWN, WITHHELD

    row = {
        "municipality_id": municipality,
        "quarter": Q1,
        "action": action,
        "at": "2024-05-01T10:00:00+00:00",
        "comment": "",
        "answers": None,
        "hub_signature": None,
        "id": "5b0e9f3c-1d2e-4f50-8a6b-7c8d9e0f1a2b",
        "origin": by,
        "version": version,
        "base_version": None,
        "updated_by": by,
        "updated_at": "2024-05-01T10:00:00+00:00",
        "deleted": False,
    }
    columns = list(CODECS["period_submissions"].columns)
    return {"columns": [*columns, KNOWN, WITHHELD], "rows": [[*(row[c] for c in columns), [], []]]}


@pytest.fixture
def submitted(world: dict[str, Any]) -> dict[str, Any]:
    """Q1 submitted by Kumanovo and accepted by the hub; everyone has everything."""
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    periods.accept(hub, muni.municipality_id or "", Q1, "fine")
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    return world


def _accept_own_submission(hub_id: str) -> Any:
    def change(tables: dict[str, Rows]) -> None:
        data = tables["period_submissions"]
        version = max(cell(data, "version", i) for i in range(len(data["rows"]))) + 1
        set_cells(data, 0, action="accepted", updated_by=hub_id, origin=hub_id, version=version)

    return change


def test_laptop_forging_an_acceptance_is_refused(submitted: dict[str, Any]) -> None:
    net, muni, laptop, hub = (submitted[k] for k in ("net", "muni", "laptop", "hub"))
    periods.reopen(muni, Q1, "one more meeting")
    net.deliver(muni, laptop)
    youth.update_activity(laptop, submitted["activity"], {"place": "Library"})
    hub_id = hub.installation_id

    def change(tables: dict[str, Rows]) -> None:
        version = cell(tables["youth_activities"], "version")
        tables["period_submissions"] = period_rows(
            muni.municipality_id, "accepted", by=hub_id, version=version
        )

    refused(muni, forge(net, laptop, muni, change), "forged_author", "signature")


def test_municipality_forging_an_acceptance_for_the_hub_is_refused(
    world: dict[str, Any],
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    periods.submit(muni, Q1)
    refused(hub, forge(net, muni, hub, _accept_own_submission(hub.installation_id)),
            "out_of_scope", "only the hub accepts")  # fmt: skip


def test_municipality_forging_an_acceptance_for_its_laptop_is_refused(
    world: dict[str, Any],
) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    periods.submit(muni, Q1)
    refused(laptop, forge(net, muni, laptop, _accept_own_submission(hub.installation_id)),
            "forged_author", "signature")  # fmt: skip


@pytest.mark.parametrize("how", ["altered", "unsigned", "deleted"])
def test_municipality_altering_the_hubs_answer_is_refused(
    submitted: dict[str, Any], how: str
) -> None:
    net, muni, laptop, hub = (submitted[k] for k in ("net", "muni", "laptop", "hub"))
    stranger = net.install("Second laptop", "field", "MK")
    net.introduce(stranger, muni)

    def change(tables: dict[str, Rows]) -> None:
        data = tables["period_submissions"]
        row = next(i for i in range(len(data["rows"])) if cell(data, "action", i) == "accepted")
        bump = cell(data, "version", row) + 1
        if how == "altered":  # the hub's answer moved to another quarter, signature kept
            set_cells(data, row, quarter="2024-Q2", version=bump)
        elif how == "unsigned":
            set_cells(data, row, hub_signature=None, version=bump)
        else:
            set_cells(
                data, row, deleted=True, base_version=cell(data, "version", row), version=bump
            )

    refused(stranger, forge(net, muni, stranger, change), "forged_author", "signature")
    assert laptop is not None and hub is not None


def test_laptop_submitting_a_quarter_is_refused(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    youth.update_activity(laptop, world["activity"], {"place": "Library"})  # something to send
    me = laptop.installation_id

    def change(tables: dict[str, Rows]) -> None:
        version = cell(tables["youth_activities"], "version")
        tables["period_submissions"] = period_rows(
            muni.municipality_id, "submitted", by=me, version=version
        )

    refused(muni, forge(net, laptop, muni, change), "out_of_scope", "quarter")


def test_hub_sending_a_submission_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    periods.accept(hub, muni.municipality_id or "", Q1)

    def change(tables: dict[str, Rows]) -> None:
        set_cells(tables["period_submissions"], 0, action="submitted")

    refused(muni, forge(net, hub, muni, change), "out_of_scope")


# --- the hub keeps what it accepted (sync/period_import.py) -------------------------------------


def _later() -> int:
    """A version stamped a minute from now: newer than anything held anywhere."""
    return hlc_pack(wall_ms() + 60_000, 0)


def _index(data: Rows, record_id: str) -> int:
    return [cell(data, "id", i) for i in range(len(data["rows"]))].index(record_id)


def _change_meeting(meeting: str, how: str, version: int) -> Any:
    def change(tables: dict[str, Rows]) -> None:
        data = tables["meetings"]
        row = _index(data, meeting)
        base = cell(data, "version", row)
        if how == "edited":
            set_cells(data, row, place="Somewhere else", version=version, base_version=base)
        elif how == "moved":  # out of the accepted quarter, into an open one
            set_cells(data, row, starts_at="2024-04-10T09:00:00+00:00", version=version,
                      base_version=base)  # fmt: skip
        elif how == "deleted":
            set_cells(data, row, deleted=True, version=version, base_version=base)
        else:  # a meeting the hub never saw, held on a day of the accepted quarter
            add_row(data, row, place="A meeting added later", version=version)

    return change


@pytest.mark.parametrize("how", ["edited", "moved", "deleted", "added"])
def test_municipality_changing_an_accepted_quarter_without_reopening_is_refused(
    submitted: dict[str, Any], how: str
) -> None:
    net, muni, hub = submitted["net"], submitted["muni"], submitted["hub"]
    path = forge(net, muni, hub, _change_meeting(submitted["meeting"], how, _later()))
    error = refused(hub, path, "locked_period", Q1, "accepted", "municipality reopens")
    assert "Quarters page" not in error.message  # the hub has no reopening to make
    assert state(hub, Q1, muni.municipality_id)[0] == "accepted"


def test_municipality_changing_its_attendance_in_an_accepted_quarter_is_refused(
    submitted: dict[str, Any],
) -> None:
    net, muni, hub = submitted["net"], submitted["muni"], submitted["hub"]

    def change(tables: dict[str, Rows]) -> None:
        data = tables["attendance"]
        set_cells(data, 0, status="absent", version=_later(),
                  base_version=cell(data, "version", 0))  # fmt: skip

    refused(hub, forge(net, muni, hub, change), "locked_period", Q1, "accepted")


def test_an_edit_dated_before_the_submission_is_refused_at_the_hub(
    submitted: dict[str, Any],
) -> None:
    """An edit stamped just before the submission the hub holds: at that moment the quarter was
    open, but it arrives after the hub accepted what was submitted."""
    net, muni, hub = submitted["net"], submitted["muni"], submitted["hub"]
    submission = periods.history(hub, muni.municipality_id or "", Q1)[0]
    assert submission.action == "submitted"
    path = forge(net, muni, hub, _change_meeting(submitted["meeting"], "edited",
                                                 submission.version - 1))  # fmt: skip
    refused(hub, path, "locked_period", Q1)


def _rewrite_step(action: str, how: str) -> Any:
    def change(tables: dict[str, Rows]) -> None:
        data = tables["period_submissions"]
        row = [cell(data, "action", i) for i in range(len(data["rows"]))].index(action)
        base = cell(data, "version", row)
        if how == "deleted":
            set_cells(data, row, deleted=True, version=_later(), base_version=base)
        else:
            set_cells(data, row, quarter=Q2, version=_later(), base_version=base)

    return change


@pytest.mark.parametrize("how", ["deleted", "rewritten"])
def test_municipality_taking_back_its_reopening_is_refused(
    submitted: dict[str, Any], how: str
) -> None:
    """Deleting (or moving away) the reopening would show the quarter accepted at the hub
    again, while the municipality changes its records freely."""
    net, muni, hub = submitted["net"], submitted["muni"], submitted["hub"]
    periods.reopen(muni, Q1, "One meeting is missing")
    net.deliver(muni, hub)
    assert state(hub, Q1, muni.municipality_id)[0] == "reopened"
    path = forge(net, muni, hub, _rewrite_step("reopened", how))
    refused(hub, path, "locked_period", Q1, "written once")
    assert state(hub, Q1, muni.municipality_id)[0] == "reopened"


def test_municipality_taking_back_its_submission_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    path = forge(net, muni, hub, _rewrite_step("submitted", "deleted"))
    refused(hub, path, "locked_period", Q1, "written once")
    assert state(hub, Q1, muni.municipality_id)[0] == "submitted"


def test_reopening_editing_and_resubmitting_in_one_bundle_reaches_the_hub(
    submitted: dict[str, Any],
) -> None:
    net, muni, hub = submitted["net"], submitted["muni"], submitted["hub"]
    periods.reopen(muni, Q1, "The place was wrong")
    meetings.update_meeting(muni, submitted["meeting"], {"place": "Town hall"})
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    assert state(hub, Q1, muni.municipality_id)[0] == "submitted"
    assert meetings.get_meeting(hub, submitted["meeting"]).place == "Town hall"
    assert [e.action for e in periods.history(hub, muni.municipality_id or "", Q1)] == [
        "submitted", "accepted", "reopened", "submitted"
    ]  # fmt: skip


def test_edits_made_before_the_submission_arrive_with_it(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    net.deliver(muni, hub)
    meetings.update_meeting(muni, world["meeting"], {"place": "Town hall"})
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    assert state(hub, Q1, muni.municipality_id)[0] == "submitted"
    assert meetings.get_meeting(hub, world["meeting"]).place == "Town hall"


def test_a_laptops_late_edit_let_in_after_a_reopening_reaches_the_hub_with_the_resubmission(
    submitted: dict[str, Any],
) -> None:
    """The laptop edits an accepted quarter it did not know was accepted; its office refuses
    the edit, reopens the quarter, lets it in and submits again; the hub takes all of it in
    one bundle, the laptop's edit stamped before the reopening."""
    net, muni, hub, laptop = (submitted[k] for k in ("net", "muni", "hub", "laptop"))
    with laptop.transaction() as session:  # the laptop has not heard of the acceptance
        for step in session.query(PeriodSubmission).all():
            session.delete(step)
    meetings.update_meeting(laptop, submitted["meeting"], {"place": "Field office"})
    late = net.send(laptop, muni).path
    refused(muni, late, "locked_period", Q1)
    periods.reopen(muni, Q1, "Corrections from the field")
    assert import_bundle(muni, late).status == "imported"
    periods.submit(muni, Q1)
    net.deliver(muni, hub)
    assert meetings.get_meeting(hub, submitted["meeting"]).place == "Field office"
    assert state(hub, Q1, muni.municipality_id)[0] == "submitted"


@pytest.mark.parametrize("how", ["returned", "deleted"])
def test_the_hub_cannot_take_back_its_acceptance(submitted: dict[str, Any], how: str) -> None:
    """The hub's own database written past its services, its bundle signed by it: an
    acceptance the municipality holds is not turned into a return, nor withdrawn."""
    from hubdesk.services import records

    net, muni, hub = submitted["net"], submitted["muni"], submitted["hub"]
    with hub.transaction() as session:
        [answer] = session.query(PeriodSubmission).filter_by(action="accepted").all()
        if how == "deleted":
            records.tombstone(session, hub, answer)
        else:
            records.change(session, hub, answer, {"action": "returned"})
    refused(muni, net.send(hub, muni).path, "locked_period", "2024-Q1")
    assert state(muni, Q1)[0] == "accepted"


# --- steps the services would never write -------------------------------------------------------


@pytest.mark.parametrize("quarter", ["this", "2030-Q4"])
def test_municipality_submitting_a_quarter_not_over_is_refused(
    world: dict[str, Any], quarter: str
) -> None:
    """The service refuses a quarter still running; so does the hub, or it could accept it
    and lock the municipality's records of a quarter not yet lived."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    running = str(Quarter.of(clock.today())) if quarter == "this" else quarter
    with pytest.raises(ValidationError):
        periods.submit(muni, running)
    youth.update_activity(muni, world["activity"], {"place": "Library"})  # something to send

    def change(tables: dict[str, Rows]) -> None:
        version = cell(tables["youth_activities"], "version")
        tables["period_submissions"] = period_rows(
            muni.municipality_id, "submitted", by=muni.installation_id, version=version
        )
        set_cells(tables["period_submissions"], 0, quarter=running)

    refused(hub, forge(net, muni, hub, change), "invalid_record", running, "not ended")
    net.deliver(muni, hub)  # the bundle as written goes in, with no step of that quarter
    with hub.read() as session:
        assert not session.query(PeriodSubmission).filter_by(quarter=running).count()


def test_municipality_reopening_a_quarter_never_submitted_is_refused(
    world: dict[str, Any],
) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    with pytest.raises(ValidationError):
        periods.reopen(muni, Q1, "a typo")
    youth.update_activity(muni, world["activity"], {"place": "Library"})

    def change(tables: dict[str, Rows]) -> None:
        version = cell(tables["youth_activities"], "version")
        tables["period_submissions"] = period_rows(
            muni.municipality_id, "reopened", by=muni.installation_id, version=version
        )
        set_cells(tables["period_submissions"], 0, comment="a typo")

    refused(hub, forge(net, muni, hub, change), "invalid_record", Q1, "full bundle")


def test_the_hub_answers_a_quarter_only_once_it_is_over(world: dict[str, Any]) -> None:
    hub, town = world["hub"], world["muni"].municipality_id or ""
    with pytest.raises(ValidationError, match="not ended"):
        periods.accept(hub, town, str(Quarter.of(clock.today())))
