"""Trainings and the team members in them, across the sync: what travels where, and what a
dishonest peer cannot write (another municipality's training, a link to another municipality's
member, a municipality's training sent by the hub)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sync_helpers import Network, real_parts, seed
from test_sync_forgery import add_row, cell, empty, forge, refused, set_cells

from hubdesk.domain import Training, TrainingMember
from hubdesk.domain.trainings import training_member_id
from hubdesk.services import trainings
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle
from hubdesk.sync.importer import preview_import


def record(ctx: ServiceContext, member: str, title: str = "Hate speech in schools") -> str:
    data = {
        "title": title,
        "starts_on": dt.date(2025, 3, 10),
        "organiser": "Regional hub",
        "train_the_trainer": True,
        "p_teacher_female": 8,
        "p_teacher_male": 3,
        "notes": "sign-in sheet in the office",
    }
    return trainings.create_training(ctx, data, {member: "participant"}).id


def held(ctx: ServiceContext) -> tuple[set[str], set[tuple[str, str]]]:
    with ctx.read() as session:
        return (
            {t.id for t in session.query(Training).filter(~Training.deleted)},
            {(m.training_id, m.member_id) for m in session.query(TrainingMember)},
        )


@pytest.fixture
def world(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> dict[str, Any]:
    seeded = seed(muni)
    return {"net": net, "muni": muni, "hub": hub, "laptop": field, **seeded}


def test_trainings_travel_to_the_hub_and_the_laptop_and_back(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    training = record(muni, world["member"])
    result = net.deliver(muni, hub)
    assert result.areas["trainings"].created == 1 and result.areas["training_members"].created == 1
    assert held(hub) == ({training}, {(training, world["member"])})
    at_hub = trainings.get_training(hub, training)
    assert at_hub.p_teacher_female == 8 and at_hub.notes == ""  # private: stays with Kumanovo
    net.deliver(muni, laptop)
    assert held(laptop) == held(muni)
    assert trainings.get_training(laptop, training).notes == "sign-in sheet in the office"
    trainings.update_training(laptop, training, {"p_teacher_male": 4}, {})
    net.deliver(laptop, muni)
    assert trainings.get_training(muni, training).p_teacher_male == 4
    assert trainings.member_trainings(muni, world["member"]) == []
    net.deliver(muni, hub)
    assert trainings.get_training(hub, training).grid_total() == 12
    assert trainings.training_members(hub, training) == []


def test_the_hub_sends_no_trainings_back(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    record(muni, world["member"])
    net.deliver(muni, hub)
    parts = real_parts(hub, muni)
    assert bundle.records_entry("trainings") not in parts


def test_the_hub_cannot_write_a_municipalitys_training(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    record(muni, world["member"])
    net.deliver(muni, hub)
    genuine = json.loads(real_parts(muni, hub)[bundle.records_entry("trainings")])

    def change(tables: dict[str, Any]) -> None:
        data = tables.setdefault("trainings", empty("trainings"))
        data["rows"].append(genuine["rows"][0])
        row = len(data["rows"]) - 1
        version = cell(genuine, "version") + 10**6
        set_cells(data, row, title="Rewritten by the hub", version=version,
                  updated_by=hub.installation_id)  # fmt: skip

    refused(muni, forge(net, hub, muni, change), "out_of_scope")


def test_a_training_of_another_municipality_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    record(muni, world["member"])
    other = net.install("Struga", "municipality", "MK")
    net.introduce(other, hub)
    theirs = seed(other)
    net.deliver(other, hub)

    def change(tables: dict[str, Any]) -> None:
        add_row(tables["trainings"], municipality_id=other.municipality_id)

    refused(hub, forge(net, muni, hub, change), "out_of_scope")

    def link(tables: dict[str, Any]) -> None:
        data = tables["training_members"]
        add_row(data, member_id=theirs["member"])
        row = len(data["rows"]) - 1
        set_cells(
            data, row, id=training_member_id(cell(data, "training_id", row), theirs["member"])
        )

    refused(hub, forge(net, muni, hub, link), "out_of_scope", "another municipality")


@pytest.mark.parametrize("where", ["held at the receiver", "twice in the bundle"])
def test_a_second_link_for_the_same_pair_is_refused(world: dict[str, Any], where: str) -> None:
    """A link row for a (training, member) pair under an id not derived from the pair: it
    passed every check and then stopped the write on the table's unique constraint (a
    traceback). Now the id must be the pair's, so the pair is refused as an invalid record."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    record(muni, world["member"])
    if where == "held at the receiver":
        net.deliver(muni, hub)

    def change(tables: dict[str, Any]) -> None:
        add_row(tables["training_members"])  # the same pair, a new random id

    path = forge(net, muni, hub, change)
    problems = preview_import(hub, path).problems
    assert [(p.table, p.field, p.reason) for p in problems] == [
        ("training_members", "id", "invalid_record")
    ]
    refused(hub, path, "invalid_record", "does not match the training and the member")


def test_the_same_link_twice_in_a_bundle_is_refused(world: dict[str, Any]) -> None:
    """With the derived id, one pair sent twice is one record sent twice."""
    net, muni, hub = world["net"], world["muni"], world["hub"]
    record(muni, world["member"])

    def change(tables: dict[str, Any]) -> None:
        data = tables["training_members"]
        data["rows"].append(list(data["rows"][0]))

    refused(hub, forge(net, muni, hub, change), "invalid_record", "appears twice")
