"""The demo's trainings: a dozen per team in the city's language, two that trained trainers,
team members linked, every one passing the rule book; and the demo hub holding every city's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demo_support import Demo
from hub_demo_copy import hub_demo

from hubdesk.i18n.scripts import script_of
from hubdesk.services import trainings
from hubdesk.services import trainings_summary as summary
from hubdesk.services.installation import load_context


def test_a_dozen_trainings_in_macedonian_with_members_and_trainers(demo: Demo) -> None:
    ctx = demo.context()
    found = summary.list_trainings(ctx)
    assert len(found) == 12
    assert sum(t.train_the_trainer for t in found) == 2
    assert all(script_of(t.title) == "Cyrl" for t in found)
    assert all(t.grid_total() > 0 and t.themes for t in found)
    parts = [p for t in found for p in trainings.training_members(ctx, t.id)]
    assert parts and any(p.role == "trainer" for p in parts)
    trainer = next(p for p in parts if p.is_trainer)
    assert trainings.trainer_warning(ctx, trainer.member_id)
    for training in found:  # the rule book takes every one as it is
        values = {name: getattr(training, name) for name in trainings.TRAINING_FIELDS}
        trainings.update_training(ctx, training.id, values)
        assert trainings.get_training(ctx, training.id).version == training.version
    assert not demo.rows(
        "SELECT l.id FROM training_members l JOIN members m ON m.id = l.member_id "
        "JOIN trainings t ON t.id = l.training_id WHERE m.municipality_id != t.municipality_id"
    )
    # A few name the need for capacity-building of an assessment submitted before them.
    named = demo.rows(
        "SELECT t.need_pillar FROM trainings t JOIN needs_assessments a "
        "ON a.id = t.need_assessment_id WHERE a.municipality_id = t.municipality_id "
        "AND a.status = 'submitted' AND a.submitted_on < t.starts_on"
    )
    assert named and {row[0] for row in named} == {"capacity_building"}
    assert len(named) == len(demo.rows("SELECT id FROM trainings WHERE need_pillar != ''"))


def test_the_demo_hub_counts_every_citys_teachers(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    db = hub_demo(folder, today=dt.date(2025, 6, 1))
    try:
        hub = load_context(db, folder)
        found = summary.list_trainings(hub)
        assert len(found) == 36
        rows = summary.trained_by(hub, "teacher")
        assert len({r.municipality_id for r in rows}) == 3
        titles = {t.title for t in found}
        assert "Njohja e gjuhës së urrejtjes në klasë" in titles  # Elbasan, in Albanian
        assert any(script_of(t) == "Cyrl" and "мржње" in t for t in titles)  # Нови Пазар
    finally:
        db.close()
