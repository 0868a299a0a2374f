"""A restore shows how far it is and stops at Cancel until the moment it would replace the data:
while it copies the backup, checks it, copies its attached files out or backs up the current
data. Stopped, it leaves the data, the attached files and the backups exactly as they were,
and no private copy behind."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from test_backup_cancel import meetings_with_minutes

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments, team
from hubdesk.services.context import ServiceContext
from hubdesk.storage import backup, restore, stopping
from hubdesk.storage.backup import automatic_backup, list_backups
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import RestoreCancelled
from hubdesk.storage.restore import restore_database


@pytest.fixture
def saved(ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A backup folder with a team, meetings and two attached files, copied, checked and
    backed up a little at a time so that every stage reports often."""
    meeting = meetings_with_minutes(ctx, tmp_path / "in")
    assert ctx.data_dir is not None
    made = automatic_backup(ctx.db, ctx.data_dir, "manual")
    team.create_team(ctx, {"name": "Added after the backup", "kind": "cat"})
    for one in attachments.list_for(ctx, "meeting", meeting):
        attachments.remove(ctx, one.id)  # the restore would have to copy both back
    monkeypatch.setattr(restore, "COPY_CHUNK", 4096)
    monkeypatch.setattr(stopping, "CHECK_POLL", 100)
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 1)
    return made


def everything(data_dir: Path) -> tuple[object, ...]:
    """The data, and every file in the data folder but the database's own."""
    conn = sqlite3.connect(database_path(data_dir))
    try:
        teams = conn.execute("SELECT id, name, version FROM teams ORDER BY id").fetchall()
        files = conn.execute("SELECT id, sha256 FROM attachments ORDER BY id").fetchall()
    finally:
        conn.close()
    held = sorted(
        str(p.relative_to(data_dir))
        for p in data_dir.rglob("*")
        if p.is_file() and not p.name.startswith("hubdesk.sqlite")
    )
    return teams, files, held


def stopped_when(ctx: ServiceContext, saved: Path, stop: Callable[[int], bool]) -> list[int]:
    """Restore ``saved``, the person pressing Cancel once ``stop(done)``; what it was told."""
    assert ctx.data_dir is not None
    before = everything(ctx.data_dir)
    told: list[int] = []

    def progress(done: int, total: int) -> bool:
        assert total == stopping.PROGRESS_TOTAL
        told.append(done)
        return not stop(done)

    with pytest.raises(RestoreCancelled, match="nothing was changed"):
        restore_database(ctx.data_dir, saved, db=ctx.db, step=progress)
    assert everything(ctx.data_dir) == before
    assert [b.name for b in list_backups(ctx.data_dir)] == [saved.name]
    assert "Added after the backup" in [t.name for t in team.list_teams(ctx)]
    return told


def test_the_whole_restore_reports_forward(ctx: ServiceContext, saved: Path) -> None:
    assert ctx.data_dir is not None
    told: list[int] = []
    restore_database(
        ctx.data_dir, saved, db=ctx.db, step=lambda done, _total: told.append(done) or True
    )
    assert [t.name for t in team.list_teams(ctx)] == ["CAT Kumanovo"]
    assert told == sorted(told) and restore.FILED < told[-1] <= restore.SAFE
    for low, high in ((0, restore.COPIED), (restore.CHECKED, restore.FILED)):
        assert len({d for d in told if low < d < high}) > 1, (low, high)  # heard as it went
    assert told.count(restore.COPIED) > 1  # the check looked at Cancel while it ran
    assert len({d for d in told if restore.FILED < d < restore.SAFE}) > 3  # the safety backup


def test_cancel_while_the_backup_is_copied(ctx: ServiceContext, saved: Path) -> None:
    told = stopped_when(ctx, saved, lambda done: 0 < done < restore.COPIED)
    assert max(told) < restore.COPIED


def test_cancel_while_the_copy_is_checked(ctx: ServiceContext, saved: Path) -> None:
    seen: list[int] = []

    def in_the_check(done: int) -> bool:
        seen.append(done)
        return seen.count(restore.COPIED) == 2  # the copy's end, then the check's first look

    assert max(stopped_when(ctx, saved, in_the_check)) == restore.COPIED


def test_cancel_while_the_files_are_copied_out(ctx: ServiceContext, saved: Path) -> None:
    told = stopped_when(ctx, saved, lambda done: done > restore.CHECKED)
    assert restore.CHECKED < told[-1] < restore.FILED


def test_cancel_while_the_current_data_is_backed_up(ctx: ServiceContext, saved: Path) -> None:
    told = stopped_when(ctx, saved, lambda done: done > restore.FILED + 50)
    assert restore.FILED < told[-1] < restore.SAFE


def test_ctrl_c_while_the_data_is_replaced_is_held_until_the_restore_is_done(
    ctx: ServiceContext, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal's Ctrl+C (``hubdesk restore``) once the data is being replaced: SQLite
    copies the database in whole, and a KeyboardInterrupt after it would take the restored
    backup's attached files out again and say that nothing was changed. The restore ends
    instead, and says so."""
    assert ctx.data_dir is not None
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("only the main thread is told of Ctrl+C")
    copy_into = restore._copy_into

    def copied_then_ctrl_c(staged: Path, live: Database) -> None:
        copy_into(staged, live)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(restore, "_copy_into", copied_then_ctrl_c)
    try:
        result = restore_database(ctx.data_dir, saved, db=ctx.db)
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C cut the restore short once the data was being replaced")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Ctrl+C as before
    assert result.late_ctrl_c and "the restore was finished" in result.notes[-1]
    assert [t.name for t in team.list_teams(ctx)] == ["CAT Kumanovo"]
    _teams, files, _held = everything(ctx.data_dir)
    assert len(files) == 2
    for _id, sha256 in files:  # the restored records' files are where they belong
        assert store.has(ctx.data_dir, sha256)
    assert [b.name for b in list_backups(ctx.data_dir) if b.name.endswith("before-restore")]


def test_ctrl_c_while_the_current_data_is_backed_up_stops_as_cancel_does(
    ctx: ServiceContext, saved: Path
) -> None:
    """Until the safety backup is made, Ctrl+C stops the restore with nothing changed; from
    then on (the oldest backup rotated out) it is held."""
    assert ctx.data_dir is not None
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("only the main thread is told of Ctrl+C")
    before = everything(ctx.data_dir)

    def ctrl_c_in_the_safety_backup(done: int, _total: int) -> bool:
        if done > restore.FILED:
            os.kill(os.getpid(), signal.SIGINT)
        return True

    with pytest.raises(KeyboardInterrupt):
        restore_database(ctx.data_dir, saved, db=ctx.db, step=ctrl_c_in_the_safety_backup)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert everything(ctx.data_dir) == before
    assert [b.name for b in list_backups(ctx.data_dir)] == [saved.name]
