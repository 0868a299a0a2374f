"""Cancel stops a preview or an import between two batches, not when the work ends.

The preview outside the hub writes the bundle's rows in a session it rolls back, so it lasts
about as long as the import: a person who chose the wrong file presses Cancel and expects it to
stop then. Batches are made tiny here so that a small bundle is many batches; Cancel is
"pressed" (as from the window's thread) once a number of batches went through, and the work
must stop at the end of that batch, leave the records, the clock, the attached files, the
backups and the temporary files as they were, and say it was cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import png_bytes, write
from sync_helpers import Network, dump, seed

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments, team
from hubdesk.services.context import ServiceContext
from hubdesk.storage import backup
from hubdesk.sync import importer, merge, passes
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle, prepare_import

BATCHES = 3  # batches gone through when Cancel is pressed
MEMBERS = 30


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Tiny batches, and the table of every batch merged (written, or counted for a preview)."""
    monkeypatch.setattr(passes, "BATCH", 2)
    merged: list[str] = []
    real = merge.merge_table

    def counted(session: Any, table: str, *args: Any, **kwargs: Any) -> Any:
        merged.append(table)
        return real(session, table, *args, **kwargs)

    monkeypatch.setattr(merge, "merge_table", counted)
    return merged


@pytest.fixture
def from_laptop(net: Network, muni: ServiceContext, field: ServiceContext, tmp_path: Path) -> Path:
    """A bundle from Kumanovo's field laptop: members it added and a photo it attached."""
    ids = seed(muni)
    net.deliver(muni, field)
    member = {"team_id": ids["team"], "sector": "youth", "role": "member", "gender": "other"}
    for index in range(MEMBERS):
        team.create_member(field, {**member, "name": f"Member {index}"})
    photo = write(tmp_path / "in", "photo.png", png_bytes(6, 5))
    attachments.add_file(field, "meeting", ids["meeting"], photo, travels=True)
    return net.send(field, muni).path


def state(ctx: ServiceContext) -> tuple[Any, ...]:
    """What a cancelled import must leave as it was: records, clock, and every file in the
    data folder (attached files, backups, temporary files) but the database's own."""
    assert ctx.data_dir is not None
    files = sorted(
        str(p.relative_to(ctx.data_dir))
        for p in ctx.data_dir.rglob("*")
        if p.is_file() and not p.name.startswith("hubdesk.sqlite")
    )
    return dump(ctx.db), ctx.clock.last, store.stored(ctx.data_dir), files


def press_cancel_after(merged: list[str], count: int) -> Callable[[int, int], bool]:
    """The progress the window's job hands over: False once Cancel was pressed, which the
    person does once ``count`` batches went through."""

    def progress(_done: int, _total: int) -> bool:
        return len(merged) < count

    return progress


def test_a_preview_at_a_municipality_stops_at_the_batch_cancel_was_pressed_in(
    muni: ServiceContext, from_laptop: Path, batches: list[str]
) -> None:
    whole = prepare_import(muni, from_laptop)  # how many batches a whole preview goes through
    whole.close()
    assert whole.result.totals().created >= MEMBERS and len(batches) > 3 * BATCHES
    batches.clear()
    before = state(muni)
    with pytest.raises(SyncError) as stopped:
        prepare_import(muni, from_laptop, progress=press_cancel_after(batches, BATCHES))
    assert stopped.value.reason == "cancelled"
    assert stopped.value.message == "Cancelled; nothing was written."
    assert len(batches) == BATCHES  # stopped after the batch in hand, not at the end
    assert state(muni) == before


def test_an_import_cancelled_between_batches_writes_nothing(
    muni: ServiceContext, from_laptop: Path, batches: list[str]
) -> None:
    before = state(muni)
    with pytest.raises(SyncError) as stopped:
        import_bundle(muni, from_laptop, progress=press_cancel_after(batches, BATCHES))
    assert stopped.value.reason == "cancelled"
    assert len(batches) == BATCHES
    assert state(muni) == before  # rolled back; the backup taken first is removed again


def test_an_import_cancelled_after_its_files_were_stored_removes_them(
    muni: ServiceContext, from_laptop: Path
) -> None:
    before = state(muni)
    asked: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        asked.append((done, total))
        return done < total  # Cancel at the last moment before the commit

    with pytest.raises(SyncError) as stopped:
        import_bundle(muni, from_laptop, progress=progress)
    assert stopped.value.reason == "cancelled"
    assert state(muni) == before
    result = import_bundle(muni, from_laptop)  # the same file imports afterwards
    assert result.totals().created >= MEMBERS + 1
    assert muni.data_dir is not None and len(store.stored(muni.data_dir)) == 1


@pytest.mark.sqlite_only("a server database is backed up by its administrator's dumps")
def test_cancel_pressed_while_the_backup_is_made_writes_no_batch(
    muni: ServiceContext,
    from_laptop: Path,
    batches: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel pressed just as the backup before the first write is made is heard as soon as
    it is made, before any batch."""
    pressed: list[bool] = []
    real = importer.automatic_backup

    def backup(*args: Any, **kwargs: Any) -> Path:
        made = real(*args, **kwargs)
        pressed.append(True)
        return made

    monkeypatch.setattr(importer, "automatic_backup", backup)
    before = state(muni)
    with pytest.raises(SyncError) as stopped:
        import_bundle(muni, from_laptop, progress=lambda _d, _t: not pressed)
    assert stopped.value.reason == "cancelled"
    assert pressed and batches == []
    assert state(muni) == before  # the backup is removed again


@pytest.mark.sqlite_only("a server database is backed up by its administrator's dumps")
def test_cancel_pressed_while_the_backup_copies_stops_it_there(
    muni: ServiceContext,
    from_laptop: Path,
    batches: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A hub's database of a gigabyte takes a while to copy before the import writes: Cancel
    pressed during the copy stops it there (it goes a page at a time here), with no backup
    left and no batch written."""
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    asked: list[int] = []  # the questions asked since the copy started
    real_copy = backup._copy
    copying: list[str] = []

    def copy(source: Any, destination: Any, step: Any) -> None:
        copying.append("started")
        real_copy(source, destination, step)
        copying.append("whole")

    monkeypatch.setattr(backup, "_copy", copy)

    def progress(done: int, total: int) -> bool:
        if copying:
            asked.append(done)
        return len(asked) < 3  # Cancel while the copy has gone two pages

    before = state(muni)
    with pytest.raises(SyncError) as stopped:
        import_bundle(muni, from_laptop, progress=progress)
    assert stopped.value.reason == "cancelled"
    assert copying == ["started"] and batches == []  # stopped inside the copy, no batch
    assert len(asked) == 3
    assert state(muni) == before  # no backup, whole or half-made


def test_the_preview_reports_its_progress_batch_by_batch(
    muni: ServiceContext, from_laptop: Path, batches: list[str]
) -> None:
    """What the window's progress bar shows: records done out of the bundle's, growing after
    every batch, from the file opened to the end."""
    seen: list[tuple[int, int]] = []
    plan = prepare_import(muni, from_laptop, progress=lambda d, t: seen.append((d, t)) or True)
    plan.close()
    assert seen[0] == (0, 0)  # opening the file: a busy bar
    counted = seen[1:]
    total = counted[0][1]
    assert total == sum(plan.verified.manifest.counts.values()) + 2  # opening, rows, end
    assert all(t == total for _d, t in counted)
    done = [d for d, _t in counted]
    assert done == sorted(done) and done[-1] == total
    assert len(set(done)) >= len(batches)  # a step for every batch
