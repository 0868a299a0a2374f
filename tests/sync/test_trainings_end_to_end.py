"""The capacity-building register by bundle files only (issue 14, section 2).

Kumanovo and Struga each record the trainings they held this year, with their team members
who took part; both send their bundles to the hub; the hub's answer to "how many teachers were
trained in the region this year, and by whom" counts both, per municipality, organiser and
trainer. Kumanovo's trainer then leaves its team: the service warns, and still records it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sync_helpers import Network

from hubdesk import clock
from hubdesk.services import team, trainings
from hubdesk.services import trainings_summary as summary
from hubdesk.services.context import ServiceContext
from hubdesk.services.trainings_summary import TrainingFilter

YEAR = clock.today().year


def a_member(ctx: ServiceContext, name: str) -> str:
    cat = team.create_team(ctx, {"name": f"CAT {name}", "kind": "cat"})
    data = {"team_id": cat.id, "name": name, "sector": "education", "role": "member"}
    return team.create_member(ctx, {**data, "gender": "female"}).id


def held(**counts: Any) -> dict[str, Any]:
    return {
        "starts_on": dt.date(YEAR, 2, 14),
        "format": "in_person",
        "pillars": ["capacity_building"],
        **counts,
    }


def test_teachers_trained_in_the_region_this_year_by_files(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    struga = net.install("Struga", "municipality", "MK")
    net.introduce(struga, hub)

    # 1. Kumanovo trains its own trainer, who then trains teachers; a police training last
    #    year does not count.
    ana = a_member(muni, "Ana Petrovska")
    trainings.create_training(
        muni,
        held(title="Training of trainers", organiser="Regional hub", trainer_name="OSCE team",
             train_the_trainer=True, p_teacher_female=1, p_social_worker_male=2),
        {ana: "participant"},
    )  # fmt: skip
    trainings.create_training(
        muni,
        held(title="Hate speech in the classroom", organiser="CAT Kumanovo",
             p_teacher_female=11, p_teacher_male=4, p_other_other=1),
        {ana: "trainer"},
    )  # fmt: skip
    trainings.create_training(
        muni,
        held(title="Community policing", organiser="CAT Kumanovo", trainer_name="MoI",
             starts_on=dt.date(YEAR - 1, 9, 1), p_police_male=9, p_teacher_male=2),
    )  # fmt: skip

    # 2. Struga trains teachers online with the regional hub's trainer.
    trainings.create_training(
        struga,
        held(title="Онлајн радикализација", organiser="Regional hub",
             trainer_name="Elira Hoxha", format="online", p_teacher_female=7, p_teacher_male=5),
    )  # fmt: skip
    assert summary.trained_by(hub, "teacher") == []

    # 3. Both send their bundles to the hub.
    assert net.deliver(muni, hub).areas["trainings"].created == 3
    assert net.deliver(struga, hub).areas["trainings"].created == 1

    # 4. The hub answers: teachers trained in the region this year, and by whom.
    rows = summary.trained_by(hub, "teacher", TrainingFilter(year=YEAR))
    answer = {(r.municipality, r.organiser, r.trainer): (r.trainings, r.total) for r in rows}
    assert answer == {
        ("Kumanovo", "CAT Kumanovo", "Ana Petrovska"): (1, 15),
        ("Kumanovo", "Regional hub", "OSCE team"): (1, 1),
        ("Struga", "Regional hub", "Elira Hoxha"): (1, 12),
    }
    assert sum(r.total for r in rows) == 28
    totals = summary.training_totals(hub, TrainingFilter(year=YEAR, profession="teacher"))
    assert totals.by_profession["teacher"] == 28 and totals.by_gender["female"] == 19
    assert summary.training_totals(hub).by_profession["teacher"] == 30  # with last year's
    one = summary.trained_by(
        hub, "teacher", TrainingFilter(year=YEAR, municipality_id=struga.municipality_id)
    )
    assert [(r.municipality, r.total) for r in one] == [("Struga", 12)]

    # 5. A municipality asks the same of its own trainings only.
    mine = summary.trained_by(muni, "teacher", TrainingFilter(year=YEAR))
    assert {r.municipality for r in mine} == {"Kumanovo"} and sum(r.total for r in mine) == 16

    # 6. Kumanovo's trainer leaves: warned, and recorded; the hub learns it by the next bundle.
    left = trainings.member_leaves(muni, ana, dt.date(YEAR, 6, 30))
    assert left.warning and "Ana Petrovska" in left.warning
    net.deliver(muni, hub)
    assert team.get_member(hub, ana).left_on == dt.date(YEAR, 6, 30)
    assert [p.training_title for p in trainings.trainer_roles(hub, ana)] == [
        "Hate speech in the classroom",
        "Training of trainers",
    ]
