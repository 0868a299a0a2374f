"""The City Needs Assessment by bundle files only (issue 14, "Done means", section 1).

The hub publishes its questionnaire; it reaches Kumanovo and Elbasan, and Kumanovo's field
laptop through Kumanovo. Both municipalities answer it; a draft stays home, a submitted
assessment reaches the hub, whose needs map then shows both, this year against last. A proposal
and a training naming one of Kumanovo's needs reach the hub with their links. Nobody but the hub
writes the questionnaire, the hub writes no assessment, and no proposal or training names another
town's need.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sync_helpers import Network

from hubdesk import clock
from hubdesk.domain.enums import Pillar
from hubdesk.domain.needs import NeedsAssessment, NeedsQuestionnaire, score_column
from hubdesk.services import fund, needs, needs_map, trainings
from hubdesk.services.context import ServiceContext
from hubdesk.sync import published

YEAR = clock.today().year


def answers(score: int, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {score_column(p): score for p in Pillar}
    out.update({f"needs_{p.value}": f"What {p.value} needs" for p in Pillar})
    return {**out, **extra}


def held(ctx: ServiceContext, model: type[Any]) -> dict[str, Any]:
    with ctx.read() as session:
        return {r.id: r for r in session.query(model)}


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """Kumanovo with its laptop, Elbasan, and the hub enrolled with both towns."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    elbasan = net.install("Elbasan", "municipality", "AL")
    net.introduce(elbasan, hub)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, "elbasan": elbasan}


def test_the_needs_assessment_end_to_end_by_files(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    laptop, elbasan = world["laptop"], world["elbasan"]

    # 1. The hub writes its questionnaire; a draft does not travel, a published one does.
    questionnaire = needs.create_questionnaire(hub, {"title": f"CNA {YEAR}", "year": YEAR})
    net.deliver(hub, muni)
    assert held(muni, NeedsQuestionnaire) == {}
    needs.publish_questionnaire(hub, questionnaire.id)
    for town in (muni, elbasan):
        arrived = net.deliver(hub, town)
        assert arrived.areas["needs_questionnaires"].created == 1
        assert published.latest_news(town) == 1
        assert held(town, NeedsQuestionnaire)[questionnaire.id].hub_signature
        assert needs.questions_for(town, YEAR).questionnaire_id == questionnaire.id
    net.deliver(muni, laptop)
    assert set(held(laptop, NeedsQuestionnaire)) == {questionnaire.id}

    # 2. Kumanovo answered last year already (the default questionnaire), and answers this
    #    year's on its laptop; the draft goes to the office but not to the hub.
    last = needs.create_assessment(muni, {"year": YEAR - 1, **answers(2)})
    needs.submit_assessment(muni, last.id)
    net.deliver(muni, laptop)
    mine = needs.create_assessment(
        laptop, {"year": YEAR, **answers(3, score_city_voices=1), "structures": ["youth_council"]}
    )
    assert mine.questionnaire_id == questionnaire.id
    net.deliver(laptop, muni)
    net.deliver(muni, hub)
    assert set(held(hub, NeedsAssessment)) == {last.id}  # the draft stayed home
    assert needs_map.needs_map(hub, YEAR).answered == 0

    # 3. Kumanovo submits at the office; Elbasan answers and submits too.
    needs.submit_assessment(muni, mine.id)
    theirs = needs.create_assessment(elbasan, {"year": YEAR, **answers(2)})
    needs.submit_assessment(elbasan, theirs.id)
    net.deliver(muni, hub)
    net.deliver(elbasan, hub)

    # 4. The hub's needs map shows both, this year against last.
    result = needs_map.needs_map(hub, YEAR)
    rows = {row.name: row for row in result.rows}
    assert result.answered == 2 and set(rows) == {"Kumanovo", "Elbasan"}
    kumanovo, elbasan_row = rows["Kumanovo"], rows["Elbasan"]
    assert kumanovo.cells["cooperation"].score == 3
    assert kumanovo.cells["cooperation"].trend == needs_map.UP
    assert kumanovo.cells["city_voices"].trend == needs_map.DOWN
    assert elbasan_row.cells["cooperation"].trend == needs_map.NEW
    at_hub = held(hub, NeedsAssessment)[mine.id]
    assert at_hub.structures == ["youth_council"] and at_hub.questionnaire_id == questionnaire.id

    # 5. A proposal names one of Kumanovo's needs; the hub gets it with its link.
    proposal = fund.create_proposal(
        muni, {"title": "Voices", "need_assessment_id": mine.id, "need_pillar": "city_voices"}
    )
    net.deliver(muni, hub)
    linked = fund.get_proposal(hub, proposal.id)
    assert (linked.need_assessment_id, linked.need_pillar) == (mine.id, "city_voices")

    # 6. So does a training answering the need for capacity-building.
    course = trainings.create_training(
        muni,
        {"title": "Mediators", "starts_on": dt.date(YEAR, 3, 2), "p_teacher_female": 8,
         "need_assessment_id": mine.id, "need_pillar": "capacity_building"},
    )  # fmt: skip
    net.deliver(muni, hub)
    at_hub_course = trainings.get_training(hub, course.id)
    assert (at_hub_course.need_assessment_id, at_hub_course.need_pillar) == (
        mine.id,
        "capacity_building",
    )


# --- who may write what ------------------------------------------------------------------------


@pytest.fixture
def answered(world: dict[str, Any]) -> dict[str, Any]:
    """A published questionnaire held everywhere, and a submitted assessment of each town."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    laptop, elbasan = world["laptop"], world["elbasan"]
    questionnaire = needs.create_questionnaire(hub, {"title": "CNA", "year": YEAR})
    needs.publish_questionnaire(hub, questionnaire.id)
    net.deliver(hub, muni)
    net.deliver(hub, elbasan)
    ids = {}
    for name, town in (("muni", muni), ("elbasan", elbasan)):
        assessment = needs.create_assessment(town, {"year": YEAR, **answers(2)})
        needs.submit_assessment(town, assessment.id)
        net.deliver(town, hub)
        ids[f"{name}_need"] = assessment.id
    net.deliver(muni, laptop)
    needs.update_assessment(muni, ids["muni_need"], {"needs_cooperation": "More meetings"})
    # The laptop drafts next year's (a submitted one is the office's to correct).
    needs.create_assessment(laptop, {"year": YEAR + 1, **answers(3)})
    return {**world, "questionnaire": questionnaire.id, **ids}


ROUTES = ("municipality_to_laptop", "municipality_to_hub", "laptop_to_municipality")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("how", ["invented", "altered"])
def test_nobody_but_the_hub_writes_the_questionnaire(
    answered: dict[str, Any], route: str, how: str
) -> None:
    import json

    from sync_helpers import dump, real_parts
    from test_sync_forgery import add_row, cell, forge, set_cells

    from hubdesk.sync import bundle
    from hubdesk.sync.errors import SyncError
    from hubdesk.sync.importer import import_bundle

    net, hub = answered["net"], answered["hub"]
    sides = {"municipality": answered["muni"], "laptop": answered["laptop"], "hub": hub}
    sender, receiver = (sides[s] for s in route.split("_to_"))
    table = "needs_questionnaires"
    genuine = dict(json.loads(real_parts(hub, answered["muni"])[bundle.records_entry(table)]))

    def change(tables: dict[str, Any]) -> None:
        data = tables.setdefault(table, genuine)
        if not data["rows"]:
            data["rows"].append(genuine["rows"][0])
        version = cell(tables["needs_assessments"], "version")
        if how == "invented":
            add_row(data, version=version, origin=hub.installation_id,
                    updated_by=hub.installation_id)  # fmt: skip
        else:
            set_cells(data, 0, version=version, title="Answer nothing")

    path = forge(net, sender, receiver, change)
    before = dump(receiver.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(receiver, path)
    assert caught.value.reason in {"forged_author", "out_of_scope"}, caught.value.message
    assert dump(receiver.db) == before


def test_the_hub_writes_no_assessment(answered: dict[str, Any]) -> None:
    """Kumanovo's own assessment, as Kumanovo sent it, changed and sent back by the hub."""
    import json

    from sync_helpers import real_parts
    from test_sync_forgery import cell, forge, refused, set_cells

    from hubdesk.sync import bundle

    net, hub, muni = answered["net"], answered["hub"], answered["muni"]
    entry = bundle.records_entry("needs_assessments")
    sent = json.loads(real_parts(muni, hub)[entry])

    def change(tables: dict[str, Any]) -> None:
        tables["needs_assessments"] = sent
        version = cell(sent, "version") + 1
        set_cells(sent, 0, version=version, updated_by=hub.installation_id, score_cooperation=4)

    refused(muni, forge(net, hub, muni, change), "out_of_scope")


def test_a_proposal_cannot_name_another_towns_need(answered: dict[str, Any]) -> None:
    from test_sync_forgery import forge, refused, set_cells

    net, hub, elbasan = answered["net"], answered["hub"], answered["elbasan"]
    proposal = fund.create_proposal(
        elbasan,
        {
            "title": "Ours",
            "need_assessment_id": answered["elbasan_need"],
            "need_pillar": "cooperation",
        },
    )

    def change(tables: dict[str, Any]) -> None:
        set_cells(tables["fund_proposals"], 0, need_assessment_id=answered["muni_need"])

    refused(hub, forge(net, elbasan, hub, change), "out_of_scope", "another municipality")
    assert proposal.need_assessment_id == answered["elbasan_need"]


def test_a_training_cannot_name_another_towns_need(answered: dict[str, Any]) -> None:
    from test_sync_forgery import forge, refused, set_cells

    net, hub, elbasan = answered["net"], answered["hub"], answered["elbasan"]
    course = trainings.create_training(
        elbasan,
        {"title": "Ours", "starts_on": dt.date(YEAR, 3, 2), "p_social_worker_male": 5,
         "need_assessment_id": answered["elbasan_need"], "need_pillar": "capacity_building"},
    )  # fmt: skip

    def change(tables: dict[str, Any]) -> None:
        set_cells(tables["trainings"], 0, need_assessment_id=answered["muni_need"])

    refused(hub, forge(net, elbasan, hub, change), "out_of_scope", "another municipality")
    net.deliver(elbasan, hub)  # as Elbasan wrote it, it arrives
    arrived = trainings.get_training(hub, course.id)
    assert arrived.need_assessment_id == answered["elbasan_need"]


def test_a_town_cannot_write_another_towns_assessment(answered: dict[str, Any]) -> None:
    """Elbasan's bundle carrying Kumanovo's assessment (changed) is refused whole at the hub."""
    import json

    from sync_helpers import real_parts
    from test_sync_forgery import cell, forge, refused, set_cells

    from hubdesk.sync import bundle

    net, hub, muni, elbasan = (
        answered["net"],
        answered["hub"],
        answered["muni"],
        answered["elbasan"],
    )
    theirs = json.loads(real_parts(muni, hub)[bundle.records_entry("needs_assessments")])
    needs.update_assessment(elbasan, answered["elbasan_need"], {"needs_cooperation": "More"})

    def change(tables: dict[str, Any]) -> None:
        data = tables["needs_assessments"]
        data["rows"].append(theirs["rows"][0])
        row = len(data["rows"]) - 1
        set_cells(data, row, version=cell(data, "version") + 1,
                  updated_by=elbasan.installation_id, score_cooperation=1)  # fmt: skip

    refused(hub, forge(net, elbasan, hub, change), "out_of_scope")


def test_the_scope_of_the_needs_tables() -> None:
    """Questionnaires go hub → municipality → laptop only; assessments go everywhere their
    municipality's records go, but to the hub only once submitted, and never from the hub."""
    from sqlalchemy.dialects import sqlite

    from hubdesk.domain.enums import Role
    from hubdesk.sync import scope

    def sql(table: str, sender: Role, recipient: Role) -> str | None:
        clause = scope.export_clause(table, sender, recipient)
        return None if clause is None else str(clause.compile(dialect=sqlite.dialect()))

    m, f, h = Role.MUNICIPALITY, Role.FIELD, Role.HUB
    assert sql("needs_questionnaires", h, m) and sql("needs_questionnaires", m, f)
    assert sql("needs_questionnaires", m, h) is None and sql("needs_questionnaires", f, m) is None
    assert "status" in (sql("needs_assessments", m, h) or "")
    assert "status" in (sql("needs_assessments", f, h) or "")
    assert sql("needs_assessments", m, f) == sql("needs_assessments", f, m) == "1"
    assert sql("needs_assessments", h, m) is None
    assert scope.hub_written("needs_questionnaires", {}) and not scope.hub_written(
        "needs_assessments", {}
    )


# --- a field laptop drafts, its municipality's own PC submits ----------------------------------


def test_a_laptops_submission_is_refused_at_its_municipality(world: dict[str, Any]) -> None:
    """Like a quarter (test_sync_periods): a bundle in which the laptop submitted an assessment,
    or corrected a submitted one, is refused whole; the office submits, the laptop relays."""
    from test_sync_forgery import add_row, cell, forge, refused, set_cells

    from hubdesk.services.errors import PermissionDenied

    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    draft = needs.create_assessment(laptop, {"year": YEAR, **answers(3)})
    with pytest.raises(PermissionDenied):
        needs.submit_assessment(laptop, draft.id)

    def submit(tables: dict[str, Any]) -> None:
        today = clock.today().isoformat()
        set_cells(tables["needs_assessments"], 0, status="submitted", submitted_on=today)

    refused(muni, forge(net, laptop, muni, submit), "out_of_scope", "needs assessment")
    net.deliver(laptop, muni)  # the draft as the laptop wrote it arrives
    needs.submit_assessment(muni, draft.id)
    net.deliver(muni, laptop)
    net.deliver(muni, hub)
    assert held(hub, NeedsAssessment)[draft.id].status == "submitted"

    relayed = needs.create_assessment(laptop, {"year": YEAR + 1, **answers(2)})
    office = held(laptop, NeedsAssessment)[draft.id]

    def correct(tables: dict[str, Any]) -> None:
        """The laptop's bundle carries its next year's draft; beside it, a correction of the
        submitted one, as if the laptop had written it."""
        data = tables["needs_assessments"]
        add_row(data)
        changed = {"year": YEAR, "status": "submitted", "needs_cooperation": "From the field"}
        changed.update(id=draft.id, base_version=office.version, version=cell(data, "version") + 1)
        changed["submitted_on"] = office.submitted_on.isoformat()
        set_cells(data, len(data["rows"]) - 1, **changed)

    refused(muni, forge(net, laptop, muni, correct), "out_of_scope", "needs assessment")
    # Relayed as the office wrote it, the submitted assessment is no submission of the laptop's.
    net.deliver(laptop, muni)
    assert held(muni, NeedsAssessment)[relayed.id].status == "draft"
    assert held(muni, NeedsAssessment)[draft.id].needs_cooperation == "What cooperation needs"


def test_a_laptops_submission_behind_its_own_draft_is_refused(world: dict[str, Any]) -> None:
    """The import asks the scope rules once per distinct set of the fields they read
    (``scope.record_fields``). Two assessments of the laptop's own, a draft and then a
    submitted one, differ only in their status: the answer for the draft must not be taken for
    the submission."""
    from test_sync_forgery import forge, refused, set_cells

    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    needs.create_assessment(laptop, {"year": YEAR, **answers(3)})
    needs.create_assessment(laptop, {"year": YEAR + 1, **answers(2)})

    def submit_one(row: int) -> Callable[[dict[str, Any]], None]:
        def change(tables: dict[str, Any]) -> None:
            data = tables["needs_assessments"]
            assert len(data["rows"]) == 2
            set_cells(data, row, status="submitted", submitted_on=clock.today().isoformat())

        return change

    for row in (0, 1):  # the draft after the submission, and before it
        refused(muni, forge(net, laptop, muni, submit_one(row)), "out_of_scope", "needs assessment")


def test_a_laptops_late_edit_never_undoes_the_offices_submission(world: dict[str, Any]) -> None:
    """The laptop changes the draft it holds after the office submitted it (it had not heard
    yet). The submission stands at the office and reaches the laptop, whatever the clocks say;
    the laptop's answers are not lost: they are a conflict the office can bring back as a
    correction, which travels like any."""
    from hubdesk.sync import conflicts

    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    draft = needs.create_assessment(laptop, {"year": YEAR, **answers(3)})
    net.deliver(laptop, muni)
    needs.submit_assessment(muni, draft.id)
    needs.update_assessment(laptop, draft.id, {"needs_cooperation": "Written in the field"})
    late = held(laptop, NeedsAssessment)[draft.id]
    submitted = held(muni, NeedsAssessment)[draft.id]
    assert late.version > submitted.version  # the laptop's edit is the later one

    net.deliver(laptop, muni)
    at_office = held(muni, NeedsAssessment)[draft.id]
    assert (at_office.status, at_office.version) == ("submitted", submitted.version)
    assert at_office.needs_cooperation == "What cooperation needs"
    [lost] = conflicts.list_conflicts(muni)
    assert lost.table == "needs_assessments" and lost.record_id == draft.id
    assert lost.other["needs_cooperation"] == "Written in the field"
    assert lost.other["status"] == "draft"

    net.deliver(muni, laptop)
    at_laptop = held(laptop, NeedsAssessment)[draft.id]
    assert (at_laptop.status, at_laptop.version) == ("submitted", submitted.version)
    assert not conflicts.list_conflicts(laptop)  # the office had seen the laptop's edit

    corrected = conflicts.keep_other(muni, lost.id)
    assert corrected.status == "submitted"  # the answers come back, the submission stays
    for side in (muni, laptop, hub):
        if side is not muni:
            net.deliver(muni, side)
        now = held(side, NeedsAssessment)[draft.id]
        assert (now.status, now.needs_cooperation) == ("submitted", "Written in the field")


def test_a_laptop_that_hears_of_the_submission_first_keeps_it(world: dict[str, Any]) -> None:
    """The same late edit, the office's bundle arriving at the laptop first: the laptop takes
    the submission and logs its own edit as a conflict, which it may not bring back (only the
    office corrects a submitted assessment); its next bundle changes nothing at the office."""
    from hubdesk.services.errors import PermissionDenied
    from hubdesk.sync import conflicts

    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    draft = needs.create_assessment(laptop, {"year": YEAR, **answers(3)})
    net.deliver(laptop, muni)
    needs.submit_assessment(muni, draft.id)
    needs.update_assessment(laptop, draft.id, {"needs_cooperation": "Written in the field"})
    submitted = held(muni, NeedsAssessment)[draft.id]

    net.deliver(muni, laptop)
    at_laptop = held(laptop, NeedsAssessment)[draft.id]
    assert (at_laptop.status, at_laptop.version) == ("submitted", submitted.version)
    [lost] = conflicts.list_conflicts(laptop)
    assert lost.other["needs_cooperation"] == "Written in the field"
    with pytest.raises(PermissionDenied):
        conflicts.keep_other(laptop, lost.id)
    assert held(laptop, NeedsAssessment)[draft.id].version == submitted.version

    net.deliver(laptop, muni)
    at_office = held(muni, NeedsAssessment)[draft.id]
    assert (at_office.status, at_office.version) == ("submitted", submitted.version)


def test_every_final_status_has_its_correction() -> None:
    """Bringing back a version that lost to a final status (or to a later submission) needs a
    rule for that table."""
    from hubdesk.sync import conflicts, merge

    assert set(conflicts.CORRECTIONS) == set(merge.FINAL_STATUS) | set(merge.SUBMISSION_NUMBER)
