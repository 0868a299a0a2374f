"""Cancelling, failing or refusing leaves the database exactly as empty as it was."""

from __future__ import annotations

import pytest
from demo_support import TODAY

from hubdesk.domain import SYNCED_MODELS
from hubdesk.services.demo import MAX_SCALE, DemoCancelled, build_demo
from hubdesk.services.errors import ValidationError
from hubdesk.services.installation import AlreadyInitialisedError, get_installation
from hubdesk.storage.db import Database

COUNTED = ["installation", "audit_log", *(m.__tablename__ for m in SYNCED_MODELS)]  # type: ignore[attr-defined]


def counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in COUNTED}


def stop_after(calls: int) -> tuple[list[tuple[int, int]], object]:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return len(seen) < calls

    return seen, progress


@pytest.mark.parametrize("calls", [1, 2, 7, 13])
def test_cancel_rolls_everything_back(db: Database, calls: int) -> None:
    seen, progress = stop_after(calls)
    with pytest.raises(DemoCancelled) as caught:
        build_demo(db, today=TODAY, progress=progress)  # type: ignore[arg-type]
    assert "nothing was changed" in str(caught.value)
    assert len(seen) == calls
    assert get_installation(db) is None
    assert set(counts(db).values()) == {0}
    # The folder is still usable: a second attempt builds the demo.
    summary = build_demo(db, today=TODAY)
    assert counts(db)["meetings"] == summary.counts["meetings"] > 0


def test_a_failure_midway_rolls_everything_back(db: Database) -> None:
    def progress(done: int, total: int) -> bool:
        if done > total // 2:
            raise RuntimeError("disk full")
        return True

    with pytest.raises(RuntimeError):
        build_demo(db, today=TODAY, progress=progress)
    assert set(counts(db).values()) == {0}


def test_progress_runs_from_zero_to_total(db: Database) -> None:
    seen: list[tuple[int, int]] = []
    build_demo(db, today=TODAY, progress=lambda d, t: seen.append((d, t)) is None)
    dones = [d for d, _t in seen]
    assert dones[0] == 0 and dones == sorted(dones) and len(seen) > 10
    assert {t for _d, t in seen} == {seen[-1][0]}


def test_an_installed_folder_is_refused_unchanged(ctx: object, db: Database) -> None:
    before = counts(db)
    with pytest.raises(AlreadyInitialisedError):
        build_demo(db, today=TODAY)
    assert counts(db) == before


@pytest.mark.parametrize(
    ("seed", "scale", "field"),
    [(1, 0, "scale"), (1, -3, "scale"), (1, MAX_SCALE + 1, "scale"), (1, "2", "scale"),
     (1, True, "scale"), (-1, 1, "seed"), (1.5, 1, "seed")],
)  # fmt: skip
def test_bad_arguments_are_refused_before_anything_is_written(
    db: Database, seed: object, scale: object, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        build_demo(db, seed=seed, scale=scale, today=TODAY)  # type: ignore[arg-type]
    assert field in caught.value.by_field()
    assert set(counts(db).values()) == {0}
