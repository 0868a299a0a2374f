"""Backups: atomic, rotated, and at most one daily backup per calendar day."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from hubdesk import clock
from hubdesk.services.context import ServiceContext
from hubdesk.storage.backup import (
    automatic_backup,
    backup_database,
    backup_day,
    backup_reason,
    daily_backup,
    last_backup_time,
    list_backups,
    make_backup,
    rotate_backups,
)
from hubdesk.storage.datadir import backups_dir
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError


def installation_name(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name FROM installation").fetchone()[0]
    finally:
        conn.close()


def test_backup_is_a_complete_copy(ctx: ServiceContext, tmp_path: Path) -> None:
    target = backup_database(ctx.db, tmp_path / "out" / "copy.sqlite")
    assert installation_name(target) == "Kumanovo"
    assert not list(target.parent.glob("*.partial"))


def test_failed_backup_leaves_nothing_behind(db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="Could not write the backup"):
        backup_database(db, blocker / "copy.sqlite")


def test_failed_backup_keeps_the_old_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.sqlite"
    target.write_bytes(b"previous backup")

    def broken_replace(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StorageError, match="Permission denied"):
        backup_database(db, target)
    assert target.read_bytes() == b"previous backup"
    assert not (tmp_path / "copy.sqlite.partial").exists()


def test_ctrl_c_between_the_renames_of_a_forced_backup_waits_for_them(
    db: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``hubdesk backup --force`` over an existing backup sets the old one aside, renames the
    new one into place, then deletes the old: Ctrl+C in between would have left neither under
    the backup's name. It is held until both are done."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("only the main thread is told of Ctrl+C")
    target = backups_dir(data_dir) / "hubdesk-manual"
    make_backup(db, data_dir, target)
    renames: list[str] = []
    rename = os.replace

    def renamed_then_ctrl_c(source: Path, destination: Path) -> None:
        rename(source, destination)
        if Path(destination).parent == target.parent:
            renames.append(Path(destination).name)
        if Path(destination).name.endswith(".replaced"):  # the old one set aside
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(os, "replace", renamed_then_ctrl_c)
    try:
        made = make_backup(db, data_dir, target)
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C came between the renames and left the backup half in place")
    assert renames == ["hubdesk-manual.replaced", "hubdesk-manual"]
    assert (made.path / "hubdesk.sqlite").is_file()
    assert sorted(p.name for p in backups_dir(data_dir).iterdir()) == ["hubdesk-manual"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_automatic_backups_are_named_by_time_and_reason(db: Database, data_dir: Path) -> None:
    moment = dt.datetime(2025, 3, 4, 5, 6, 7, 890)
    path = automatic_backup(db, data_dir, "before-restore", now=moment)
    assert path.parent == backups_dir(data_dir)
    assert backup_day(path) == dt.date(2025, 3, 4)
    assert backup_reason(path) == "before-restore"
    assert list_backups(data_dir) == [path]
    assert last_backup_time(data_dir) is not None


def test_rotation_keeps_the_newest(db: Database, data_dir: Path) -> None:
    start = dt.datetime(2025, 1, 1, 9, 0)
    made = [
        automatic_backup(db, data_dir, "test", keep=3, now=start + dt.timedelta(hours=i))
        for i in range(6)
    ]
    assert list_backups(data_dir) == sorted(made[-3:], reverse=True)


def test_daily_backup_once_per_calendar_day(db: Database, data_dir: Path) -> None:
    morning = dt.datetime(2025, 5, 1, 8, 0)
    first = daily_backup(db, data_dir, now=morning)
    assert first is not None and backup_reason(first) == "daily"
    assert daily_backup(db, data_dir, now=morning.replace(hour=17)) is None
    assert daily_backup(db, data_dir, now=morning.replace(hour=23, minute=59)) is None
    second = daily_backup(db, data_dir, now=dt.datetime(2025, 5, 2, 0, 1))
    assert second is not None and second != first
    assert len(list_backups(data_dir)) == 2


def test_other_backups_of_the_day_do_not_count_as_the_daily_one(
    db: Database, data_dir: Path
) -> None:
    moment = dt.datetime(2025, 5, 1, 8, 0)
    automatic_backup(db, data_dir, "before-restore", now=moment)
    assert daily_backup(db, data_dir, now=moment.replace(hour=9)) is not None


def test_backups_folder_never_grows_past_keep(db: Database, data_dir: Path) -> None:
    start = dt.datetime(2025, 1, 1, 9, 0)
    for day in range(12):
        moment = start + dt.timedelta(days=day)
        daily_backup(db, data_dir, keep=4, now=moment)
        daily_backup(db, data_dir, keep=4, now=moment + dt.timedelta(hours=3))
        if day % 3 == 0:
            automatic_backup(db, data_dir, "before-restore", keep=4, now=moment)
        assert len(list(backups_dir(data_dir).iterdir())) <= 4
    newest = list_backups(data_dir)[0]
    assert backup_day(newest) == dt.date(2025, 1, 12)


def test_a_new_backup_survives_a_clock_set_years_back(db: Database, data_dir: Path) -> None:
    for day in range(3):
        daily_backup(db, data_dir, keep=3, now=dt.datetime(2025, 6, 1 + day, 9))
    made = daily_backup(db, data_dir, keep=3, now=dt.datetime(2001, 1, 1, 9))
    assert made is not None and made.exists()
    assert len(list_backups(data_dir)) == 3


def test_backups_made_while_the_clock_ran_ahead_go_first_once_it_is_right(
    db: Database, data_dir: Path
) -> None:
    """Named years ahead, they stayed "the newest" for good: shown as the last backup, and
    keeping their places while each real backup rotated the one before it away."""
    today = clock.today()
    for day in range(3):
        ahead = today + dt.timedelta(days=5 * 365 + day)
        daily_backup(db, data_dir, keep=3, now=dt.datetime.combine(ahead, dt.time(9)))
    days = [today - dt.timedelta(days=back) for back in (3, 2, 1, 0)]
    for day in days:
        daily_backup(db, data_dir, keep=3, now=dt.datetime.combine(day, dt.time(9)))
    assert [backup_day(p) for p in list_backups(data_dir)] == days[:0:-1]


def test_stale_partial_files_are_cleaned_up(db: Database, data_dir: Path) -> None:
    folder = backups_dir(data_dir)
    folder.mkdir()
    stale = folder / "hubdesk-20250101-090000-000000-daily.sqlite.partial"
    fresh = folder / "hubdesk-20250102-090000-000000-daily.sqlite.partial"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    rotate_backups(data_dir, keep=2)
    assert not stale.exists()
    assert fresh.exists()  # may be a backup being written right now


def test_a_restore_cut_short_leaves_no_copy_behind_for_long(db: Database, data_dir: Path) -> None:
    """A restore killed half-way (power cut) leaves its private copy of a backup, a whole
    database, hidden in the data folder; the next rotation removes it once it is stale."""
    stale = data_dir / ".restore-k1ll3d"
    fresh = data_dir / ".restore-running"
    for folder in (stale, fresh):
        (folder / "files").mkdir(parents=True)
        (folder / "backup.sqlite").write_bytes(b"a copy of a whole database")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    automatic_backup(db, data_dir, "daily")
    assert not stale.exists()
    assert fresh.exists()  # may be a restore checking its backup right now


def test_keep_must_be_positive(data_dir: Path) -> None:
    with pytest.raises(ValueError):
        rotate_backups(data_dir, keep=0)


def test_the_daily_backup_from_the_file_alone(ctx: ServiceContext, tmp_path: Path) -> None:
    """The window's daily backup before its data layer is loaded (``services/before_data``):
    the same backup, read with plain ``sqlite3``; a file that is not there is refused, never
    made empty under its name."""
    from hubdesk.services.before_data import daily_backup as of_file
    from hubdesk.storage.datadir import database_path

    assert ctx.data_dir is not None
    if not ctx.db.is_sqlite:
        pytest.skip("a server database's backups are its administrator's dumps")
    made = of_file(ctx.data_dir)
    assert made is not None and (made / "contents.json").is_file()
    assert installation_name(made / "hubdesk.sqlite") == "Kumanovo"
    assert of_file(ctx.data_dir) is None  # one a day
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    with pytest.raises(StorageError):
        daily_backup(database_path(empty), empty)
    assert not database_path(empty).exists()
