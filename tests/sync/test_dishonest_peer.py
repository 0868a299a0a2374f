"""A dishonest peer's bundles, correctly signed and encrypted: what it may not make its
receiver hold. Each forgery is refused whole, and the receiver changes nothing."""

from __future__ import annotations

import base64
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import pdf_bytes, write
from proposal_filling import fill_sections
from sqlalchemy import select
from sync_helpers import Network, pack, real_parts, resign, seal, seed
from test_helpdesk_import import answered  # noqa: F401 (the fixture)
from test_helpdesk_import import tamper as help_tamper
from test_needs_end_to_end import YEAR, answers
from test_practice_import import PRACTICE, submitted, tamper
from test_proposal_submission import LINE
from test_sync_forgery import refused, world  # noqa: F401 (the fixture)
from test_trainings_sync import record

from hubdesk.domain import (
    FundProposal,
    HelpdeskMessage,
    HelpdeskRequest,
    ProposalStatusChange,
    Training,
)
from hubdesk.domain.base import utcnow
from hubdesk.domain.sync import TrustedHub
from hubdesk.services import attachments, fund, helpdesk, needs, practices, records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.sync import bundle, keys, peers, profile, strictjson
from hubdesk.sync.errors import SyncError


def _hub_writes_move(hub: ServiceContext, proposal: str, frm: str, to: str, by_role: str) -> None:
    """The hub's own database, written past its services (a dishonest hub's HubDesk)."""
    with hub.transaction() as session:
        records.create(
            session,
            hub,
            ProposalStatusChange,
            {
                "proposal_id": proposal,
                "from_status": frm,
                "to_status": to,
                "changed_at": utcnow(),
                "by_role": by_role,
                "comment": "",
            },
        )


def _status(ctx: ServiceContext, proposal: str) -> str:
    with ctx.read() as session:
        found = session.get(FundProposal, proposal)
        assert found is not None
        return found.status


def test_the_hub_cannot_start_a_municipalitys_implementation(
    world: dict[str, Any],  # noqa: F811
) -> None:
    net: Network = world["net"]
    hub, muni = world["hub"], world["muni"]
    _hub_writes_move(hub, world["proposal"], "approved", "in_implementation", "hub")
    path = net.send(hub, muni).path
    refused(muni, path, "out_of_scope")
    assert _status(muni, world["proposal"]) == "approved"


def test_the_hub_cannot_complete_a_municipalitys_implementation(
    world: dict[str, Any],  # noqa: F811
) -> None:
    net: Network = world["net"]
    hub, muni = world["hub"], world["muni"]
    _hub_writes_move(hub, world["proposal"], "approved", "completed", "hub")
    refused(muni, net.send(hub, muni).path, "out_of_scope", "decides")


def test_the_hub_cannot_move_in_the_municipalitys_name(
    world: dict[str, Any],  # noqa: F811
) -> None:
    """The hub's own move, signed by the hub, but naming the municipality as the side that
    made it (the thread would show the city putting its proposal under review)."""
    net: Network = world["net"]
    hub, muni = world["hub"], world["muni"]
    proposal = fund.create_proposal(muni, {"title": "Skate park", "summary": "Ramps"})
    fund.add_budget_line(muni, proposal.id, LINE)
    fill_sections(muni, proposal.id)
    fund.transition(muni, proposal.id, "submitted")
    net.deliver(muni, hub)
    _hub_writes_move(hub, proposal.id, "submitted", "under_review", "municipality")
    refused(muni, net.send(hub, muni).path, "out_of_scope")
    assert _status(muni, proposal.id) == "submitted"


# --- attached files: a record's type is its file's, whether the file is new here or held -------


def _second_record_of_the_file(parts: dict[str, bytes], muni: ServiceContext) -> None:
    """Another record naming the same file (same hash and size) as a PNG photo."""
    data = json.loads(parts["records/attachments.json"])
    row = dict(zip(data["columns"], data["rows"][0], strict=True))
    row.update(id=str(uuid.uuid4()), file_name="photo.png", file_type="png")
    data["rows"].append([row[c] for c in data["columns"]])
    parts["records/attachments.json"] = json.dumps(data).encode()
    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["entries"]["records/attachments.json"]["rows"] += 1
    manifest["counts"]["attachments"] += 1
    parts[bundle.MANIFEST] = json.dumps(manifest).encode()
    resign(parts, muni)


@pytest.mark.parametrize("held", [False, True], ids=["file new here", "file held here"])
def test_a_record_naming_a_file_of_another_type_is_refused(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    seeded: dict[str, Any],
    tmp_path: Path,
    held: bool,
) -> None:
    """A PDF the hub holds (or gets in the same bundle) cannot come back as a PNG photo under
    a second record: the type a record names is judged against the file's content."""
    attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "m.pdf", pdf_bytes()), travels=True
    )
    if held:
        net.deliver(muni, hub)
    parts = real_parts(muni, hub)
    _second_record_of_the_file(parts, muni)
    path = seal(pack(list(parts.items())), hub, tmp_path / "forged.hubdesk")
    refused(hub, path, "file_mismatch")


def _another_stored_pdf(muni: ServiceContext) -> dict[str, Any]:
    """Another PDF in Kumanovo's store (the export reads a file from there), as the fields
    a record naming it holds."""
    from hubdesk.services import attachment_store as store

    assert muni.data_dir is not None
    data = pdf_bytes("Other minutes, signed by nobody")
    temporary, sha, size = store.write_temporary(muni.data_dir, iter((data,)), len(data))
    store.settle(muni.data_dir, temporary, sha)
    return {"sha256": sha, "size": size}


@pytest.mark.parametrize("swap", ["another file", "another record"])
def test_an_attachment_the_hub_holds_keeps_its_file_and_its_record(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any],
    tmp_path: Path, swap: str,
) -> None:  # fmt: skip
    """The hub has read Kumanovo's signed minutes; a later version of the same record named
    another PDF (or hung the file on the youth activity) and the hub took it: its list showed
    the same record, now with other minutes. No form changes a record's file or parent."""
    from hubdesk.domain import Attachment

    minutes = attachments.add_file(
        muni, "meeting", seeded["meeting"], write(tmp_path, "minutes.pdf", pdf_bytes()),
        travels=True,
    )  # fmt: skip
    net.deliver(muni, hub)
    changes: dict[str, Any] = (
        _another_stored_pdf(muni)
        if swap == "another file"
        else {"parent_kind": "youth_activity", "parent_id": seeded["activity"]}
    )
    with muni.transaction() as session:  # Kumanovo's database written past its services
        row = session.get(Attachment, minutes.id)
        assert row is not None
        records.change(session, muni, row, changes)
    refused(hub, net.send(muni, hub).path, "file_mismatch", minutes.id)
    with hub.read() as session:
        held = session.get(Attachment, minutes.id)
        assert held is not None and held.sha256 == minutes.sha256
        assert held.parent_id == seeded["meeting"]
    attachments.set_note(muni, minutes.id, "read out at the meeting")  # a form's change passes
    with muni.transaction() as session:
        row = session.get(Attachment, minutes.id)
        assert row is not None
        records.change(session, muni, row, {k: getattr(minutes, k) for k in changes})
    net.deliver(muni, hub)
    assert attachments.get_file(hub, minutes.id).note == "read out at the meeting"


# --- enrolment: one office per municipality at the hub -----------------------------------------


def _impostor_profile(net: Network, impostor: ServiceContext, victim: ServiceContext) -> Path:
    """``impostor``'s own profile (its keys, its name), naming ``victim``'s municipality."""
    assert impostor.data_dir is not None
    own = keys.load_keys(impostor.data_dir)
    body = json.loads(net.profile_of(impostor).read_bytes())
    body["municipality"] = json.loads(net.profile_of(victim).read_bytes())["municipality"]
    del body["signature"]
    signature = own.sign(strictjson.dumps(body))
    path = net.root / "impostor.json"
    path.write_bytes(strictjson.dumps({**body, "signature": base64.b64encode(signature).decode()}))
    return path


def test_a_second_office_for_an_enrolled_municipality_is_refused_at_the_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, Any]
) -> None:
    """An installation named as a new PC of one town, whose profile names another town the hub
    already exchanges files with, would write that town's records at the hub (scope and
    authority judge a row by the municipality its signer was enrolled for)."""
    struga = net.install("Struga", "municipality", "MK")
    net.introduce(struga, hub)
    seed(struga)
    net.deliver(struga, hub)
    impostor = net.install("Kumanovo, second PC", "municipality", "MK")
    candidate = profile.read_profile(_impostor_profile(net, impostor, struga))
    assert candidate.municipality_id == struga.municipality_id
    with pytest.raises(SyncError) as caught:
        peers.check_enrolment(hub, candidate)
    assert caught.value.reason == "municipality_taken", caught.value.message
    assert "Struga" in caught.value.message
    with pytest.raises(SyncError):
        peers.enrol(hub, candidate)
    peers.revoke(hub, struga.installation_id)  # a town's new office, once the old one is revoked
    assert peers.enrol(hub, candidate).municipality_id == struga.municipality_id


def test_an_enrolled_office_cannot_move_to_another_town_at_the_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """Kumanovo's office sends the hub its profile again, its own keys (the fingerprint the
    hub compared before) naming Struga: the hub moved it to Struga, so its bundles wrote
    Struga's records, and Struga's own office was then refused as a second one."""
    struga = net.install("Struga", "municipality", "MK")
    moved = profile.read_profile(_impostor_profile(net, muni, struga))
    assert moved.fingerprint == profile.read_profile(net.profile_of(muni)).fingerprint
    for attempt in (peers.check_enrolment, peers.enrol):
        with pytest.raises(SyncError) as caught:
            attempt(hub, moved)
        assert caught.value.reason == "wrong_municipality", caught.value.message
        assert "Kumanovo" in caught.value.message and "Struga" in caught.value.message
    assert peers.find_peer(hub, "Kumanovo").municipality_id == muni.municipality_id
    # Nor under a new installation id: one signing key is one installation's.
    assert muni.data_dir is not None
    body = json.loads(_impostor_profile(net, muni, struga).read_bytes())
    del body["signature"]
    body["installation_id"] = str(uuid.uuid4())
    signature = keys.load_keys(muni.data_dir).sign(strictjson.dumps(body))
    renamed = net.root / "renamed.json"
    renamed.write_bytes(
        strictjson.dumps({**body, "signature": base64.b64encode(signature).decode()})
    )
    for attempt in (peers.check_enrolment, peers.enrol):
        with pytest.raises(SyncError) as caught:
            attempt(hub, profile.read_profile(renamed))
        assert caught.value.reason == "keys_taken", caught.value.message
        assert "Kumanovo" in caught.value.message
    net.introduce(struga, hub)  # Struga's own office is enrolled as before
    assert peers.find_peer(hub, "Struga").municipality_id == struga.municipality_id


def test_a_second_hub_is_refused_at_a_municipality(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    """Every hub a municipality enrols may sign decisions on its proposals there, while its
    laptops know only the first (from its profile) and would refuse the other's records."""
    other = net.install("Another hub", "hub")
    candidate = profile.read_profile(net.profile_of(other))
    with pytest.raises(SyncError) as caught:
        peers.check_enrolment(muni, candidate)
    assert caught.value.reason == "hub_taken", caught.value.message
    assert "'Regional hub'" in caught.value.message
    peers.revoke(muni, hub.installation_id)  # the region's new hub, once the old one is revoked
    assert peers.enrol(muni, candidate).role == "hub"


# --- a good practice's number: a field laptop cannot submit ahead of its office -----------------


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"title": "Routes made safe", "submission": 2}, ("has not returned",)),
        ({"submission": 5}, ("more than one above",)),
    ],
    ids=["submitted again", "numbered ahead"],
)
def test_a_laptop_cannot_change_a_practice_the_hub_holds_behind_its_office(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    values: dict[str, Any],
    words: tuple[str, ...],
) -> None:
    """The number outranks the clock (``merge.SUBMISSION_NUMBER``): a laptop's version of a
    practice numbered 2 while the hub has not answered submission 1 would win at the office,
    which would then send the hub a version the hub refuses, in every bundle, with no way to
    take the number back. The office refuses it as the hub would."""
    practice_id = submitted(net, muni, hub)
    net.deliver(muni, field)
    tamper(field, practice_id, values)
    refused(muni, net.send(field, muni).path, "locked_practice", *words)
    row = practices.get_practice(muni, practice_id).practice
    assert (row.submission, row.title) == (1, PRACTICE["title"])
    net.deliver(muni, hub)  # the office's channel to the hub stays open


def test_a_laptops_practice_marked_submitted_without_a_number_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """The hub refuses a practice that was never submitted; the office, which cannot submit
    one that reads as waiting for the hub, would be stuck with it."""
    net.deliver(muni, field)
    practice = practices.create_practice(field, PRACTICE)
    tamper(field, practice.id, {"status": "submitted"})
    refused(muni, net.send(field, muni).path, "locked_practice", "never was")
    net.deliver(muni, hub)


def test_a_laptops_resubmission_after_the_hubs_return_reaches_the_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    practice_id = submitted(net, muni, hub)
    practices.curate(hub, practice_id, "returned", note="Add the numbers.")
    net.deliver(hub, muni)
    net.deliver(muni, field)
    practices.update_practice(field, practice_id, {"results": "Fights down by half"})
    net.deliver(field, muni)  # edits under the returned number are the city's: by the clock
    row = practices.get_practice(muni, practice_id)
    assert (row.state.value, row.practice.results) == ("draft", "Fights down by half")
    practices.submit_practice(field, practice_id)
    net.deliver(field, muni)
    net.deliver(muni, hub)
    assert practices.get_practice(hub, practice_id).practice.submission == 2


@pytest.mark.parametrize(
    "values",
    [
        {"actions": "Not what the hub is reading"},
        {"actions": "Not what the hub is reading", "status": "draft"},
    ],
    ids=["rewritten", "made a draft"],
)
def test_a_laptops_rewrite_under_the_same_number_loses_at_the_office(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    values: dict[str, Any],
) -> None:
    """A laptop's later version of a practice waiting at the hub, under the number the hub
    holds, would win at the office by its clock, and every bundle of the office would then be
    refused at the hub (a practice changes there only with a new submission). The office keeps
    its own version, the laptop's is logged as a conflict, and the channel to the hub stays
    open."""
    from hubdesk.sync import conflicts

    practice_id = submitted(net, muni, hub)
    net.deliver(muni, field)
    tamper(field, practice_id, values)
    net.deliver(field, muni)
    row = practices.get_practice(muni, practice_id)
    assert (row.state.value, row.practice.actions) == ("submitted", PRACTICE["actions"])
    (conflict,) = conflicts.list_conflicts(muni)
    assert conflict.record_id == practice_id
    with pytest.raises(ValidationError, match="Only a draft or a returned"):
        conflicts.keep_other(muni, conflict.id)  # nor does the person write it back
    net.deliver(muni, hub)  # the office's channel to the hub stays open
    assert practices.get_practice(hub, practice_id).practice.actions == PRACTICE["actions"]
    net.deliver(field, muni, full=True)  # sent again, it is no new conflict
    assert len(conflicts.list_conflicts(muni)) == 1


def test_the_office_and_its_laptop_submitting_one_draft_at_once_keep_the_offices(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """The honest race: both submit the draft they hold, the laptop after changing it, and
    the office's submission has already gone to the hub. The laptop's later submission of the
    same number loses at the office; the office's next bundle still reaches the hub."""
    from hubdesk.sync import conflicts

    practice = practices.create_practice(muni, PRACTICE)
    net.deliver(muni, field)
    practices.submit_practice(muni, practice.id)
    net.deliver(muni, hub)
    practices.update_practice(field, practice.id, {"results": "Fewer fights, says the laptop"})
    practices.submit_practice(field, practice.id)
    net.deliver(field, muni)
    assert practices.get_practice(muni, practice.id).practice.results == PRACTICE["results"]
    assert [c.record_id for c in conflicts.list_conflicts(muni)] == [practice.id]
    net.deliver(muni, hub)
    assert practices.get_practice(hub, practice.id).practice.results == PRACTICE["results"]
    net.deliver(muni, field)
    kept = practices.get_practice(field, practice.id)
    assert (kept.state.value, kept.practice.results) == ("submitted", PRACTICE["results"])
    practices.curate(hub, practice.id, "returned", note="Say what it cost.")
    net.deliver(hub, muni)
    net.deliver(muni, field)
    (conflict,) = conflicts.list_conflicts(muni)
    changes = conflicts.keep_other(muni, conflict.id)  # returned: the laptop's words back
    assert practices.get_practice(muni, practice.id).state.value == "draft"
    practices.submit_practice(muni, practice.id)
    net.deliver(muni, hub)
    again = practices.get_practice(hub, practice.id).practice
    assert (again.submission, again.results) == (2, "Fewer fights, says the laptop")
    assert changes


# --- a help desk request's words: a field laptop cannot rewrite them behind its office ----------


@pytest.mark.parametrize(
    ("model", "key", "values", "words"),
    [
        (HelpdeskRequest, "request", {"urgency": "urgent"}, ("changes a question",)),
        (HelpdeskRequest, "request", None, ("never deleted",)),
        (HelpdeskMessage, "message", {"body": "I never asked that."}, ("written once",)),
    ],
    ids=["urgency", "deleted", "message"],
)
def test_a_laptop_cannot_rewrite_its_citys_help_desk_words(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    answered: dict[str, str],  # noqa: F811
    model: Any,
    key: str,
    values: dict[str, Any] | None,
    words: tuple[str, ...],
) -> None:
    """Written later, the laptop's version would win at the office, and every bundle of the
    office would be refused at the hub for it (``helpdesk_import``), with no form to write
    the words back: the office holds its laptop to the hub's rule."""
    net.deliver(muni, field)
    help_tamper(field, model, answered[key], values)
    refused(muni, net.send(field, muni).path, "locked_request", *words)
    net.deliver(muni, hub)  # the office's channel to the hub stays open


def test_a_laptop_still_closes_its_citys_request(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    answered: dict[str, str],  # noqa: F811
) -> None:
    net.deliver(muni, field)
    helpdesk.close(field, answered["request"])
    net.deliver(field, muni)
    net.deliver(muni, hub)
    assert helpdesk.get_request(hub, answered["request"])[0].state == "closed"


# --- the need a record names: a field laptop cannot name a draft the hub never gets ------------


@pytest.mark.parametrize("submit", [False, True], ids=["draft", "submitted"])
def test_a_laptops_training_naming_a_draft_need_is_refused_at_its_office(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    seeded: dict[str, Any],
    submit: bool,
) -> None:
    """The hub never receives a draft assessment, so it would refuse every later bundle of the
    office for a training naming one (a link to a record it does not hold)."""
    assessment = needs.create_assessment(muni, {"year": YEAR, **answers(2)})
    if submit:
        needs.submit_assessment(muni, assessment.id)
    net.deliver(muni, hub)
    net.deliver(muni, field)
    training = record(field, seeded["member"])
    with field.transaction() as session:
        row = session.get(Training, training)
        assert row is not None
        link = {"need_assessment_id": assessment.id, "need_pillar": "youth_engagement"}
        records.change(session, field, row, link)
    if submit:
        net.deliver(field, muni)
    else:
        refused(muni, net.send(field, muni).path, "broken_link", "not submitted")
    net.deliver(muni, hub)  # the office's channel to the hub stays open


# --- the hub's moves, judged by the municipality as the hub judges the municipality's ----------


def _started(
    world: dict[str, Any],  # noqa: F811
) -> tuple[Network, ServiceContext, ServiceContext, str]:
    """The approved proposal, put into implementation by its municipality; the hub has it."""
    net: Network = world["net"]
    hub, muni, proposal = world["hub"], world["muni"], world["proposal"]
    fund.transition(muni, proposal, "in_implementation")
    net.deliver(muni, hub)
    return net, hub, muni, proposal


def test_the_hub_cannot_reject_a_proposal_in_implementation(
    world: dict[str, Any],  # noqa: F811
) -> None:
    """A move the hub may make in general (under review to rejected), newer than the city's
    start of the work, from a status the proposal has not had since the hub approved it."""
    net, hub, muni, proposal = _started(world)
    _hub_writes_move(hub, proposal, "under_review", "rejected", "hub")
    refused(muni, net.send(hub, muni).path, "locked_proposal", "Under review", "In implementation")
    assert _status(muni, proposal) == "in_implementation"


def _hub_approval(hub: ServiceContext, proposal: str) -> ProposalStatusChange:
    with hub.read() as session:
        return session.scalars(
            select(ProposalStatusChange).where(
                ProposalStatusChange.proposal_id == proposal,
                ProposalStatusChange.to_status == "approved",
            )
        ).one()


@pytest.mark.parametrize("rewrite", ["rejected", "deleted"])
def test_the_hub_cannot_take_back_its_decision(
    world: dict[str, Any],  # noqa: F811
    rewrite: str,
) -> None:
    """The hub's approval, rewritten to a rejection or deleted in the hub's own database: a
    status change is written once, whoever wrote it."""
    net, hub, muni, proposal = _started(world)
    approval = _hub_approval(hub, proposal)
    with hub.transaction() as session:
        row = session.get(ProposalStatusChange, approval.id)
        assert row is not None
        if rewrite == "deleted":
            records.tombstone(session, hub, row)
        else:
            records.change(session, hub, row, {"to_status": "rejected"})
    refused(muni, net.send(hub, muni).path, "locked_proposal", "written once")
    assert _status(muni, proposal) == "in_implementation"


@pytest.mark.sqlite_only("a municipality's PC restores its own database file")
def test_an_honest_hub_move_reaches_a_municipality_restored_from_an_older_backup(
    net: Network, muni: ServiceContext, hub: ServiceContext, tmp_path: Path
) -> None:
    """The municipality restored last night's backup, made before it resubmitted after the
    hub asked for changes; the hub, which never sends the municipality's own moves back, puts
    the proposal under review again: that move is honest and imports (only a move from a
    decided proposal is refused)."""
    from test_proposal_submission import _draft

    from hubdesk.storage.backup import make_backup
    from hubdesk.storage.restore import restore_database

    pid = _draft(muni)
    fund.transition(muni, pid, "submitted")
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    fund.record_decision(hub, pid, {"outcome": "changes_requested", "comments": "Smaller"})
    net.deliver(hub, muni)
    assert muni.data_dir is not None
    made = make_backup(muni.db, muni.data_dir, tmp_path / "muni-backup")
    fund.update_proposal(muni, pid, {"title": "Small playground"})
    fund.transition(muni, pid, "submitted")
    net.deliver(muni, hub)
    fund.transition(hub, pid, "under_review")
    restore_database(muni.data_dir, made.path, db=muni.db)
    assert _status(muni, pid) == "changes_requested"
    net.deliver(hub, muni)
    assert _status(muni, pid) == "under_review"


def _posing_as_hub(net: Network, muni: ServiceContext, *, as_card: bool) -> Path:
    """``muni``'s profile re-signed with its own key, claiming its own keys are the hub's:
    as a hub's profile of its own (``as_card`` False), or as the hub card its profile passes
    on to its laptops."""
    assert muni.data_dir is not None
    own = keys.load_keys(muni.data_dir)
    body = json.loads(net.profile_of(muni).read_bytes())
    del body["signature"]
    mine = {k: body[k] for k in ("installation_id", "signing_key", "age_recipient")}
    if as_card:
        body["hub"] = {**mine, "name": "Regional hub"}
    else:
        body.update(role="hub", name="Regional hub", municipality=None)
        body.pop("hub", None)
    signature = own.sign(strictjson.dumps(body))
    path = net.root / "posing.json"
    path.write_bytes(strictjson.dumps({**body, "signature": base64.b64encode(signature).decode()}))
    return path


@pytest.mark.parametrize("as_card", [False, True], ids=["hub-profile", "hub-card"])
def test_a_municipality_cannot_pose_as_the_hub_to_its_field_laptop(
    net: Network, muni: ServiceContext, field: ServiceContext, as_card: bool
) -> None:
    """With its own keys taken for the hub's, Kumanovo would sign 'hub decisions' its laptop
    believes, and the fingerprint the laptop compares would be Kumanovo's, compared already."""
    forged = profile.read_profile(_posing_as_hub(net, muni, as_card=as_card))
    for attempt in (peers.check_enrolment, peers.enrol):
        with pytest.raises(SyncError) as caught:
            attempt(field, forged)
        assert caught.value.reason == "not_the_hub", caught.value.message
        assert "Kumanovo" in caught.value.message
    with field.read() as session:
        assert all(t.id != muni.installation_id for t in session.scalars(select(TrustedHub)))
