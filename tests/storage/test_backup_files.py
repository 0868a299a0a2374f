"""Backups carry the attached files: held by hash, linked between backups, checked, restored all
or none, and older database-only backups still restore."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

import pytest
from attachment_samples import pdf_bytes, png_bytes, write

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.storage import backup_files, restore
from hubdesk.storage.backup import (
    automatic_backup,
    backup_database,
    daily_backup,
    database_in,
    list_backups,
    make_backup,
)
from hubdesk.storage.backup_check import check_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.errors import StorageError
from hubdesk.storage.restore import restore_database

MINUTES = pdf_bytes("Signed minutes")
PHOTO = png_bytes(shade=40)
LATER = pdf_bytes("Added after the backup")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Files(NamedTuple):
    meeting: str
    minutes: str  # attachment ids
    photo: str


@pytest.fixture
def files(ctx: ServiceContext, tmp_path: Path) -> Files:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": cat.id,
            "starts_at": dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC),
            "kind": "regular",
        },
    ).id
    minutes = attachments.add_file(
        ctx, "meeting", meeting, write(tmp_path / "in", "minutes.pdf", MINUTES)
    )
    photo = attachments.add_file(
        ctx, "meeting", meeting, write(tmp_path / "in", "photo.png", PHOTO)
    )
    return Files(meeting, minutes.id, photo.id)


def data(ctx: ServiceContext) -> Path:
    assert ctx.data_dir is not None
    return ctx.data_dir


def team_names(ctx: ServiceContext) -> list[str]:
    conn = sqlite3.connect(database_path(data(ctx)))
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM teams"))
    finally:
        conn.close()


def test_a_backup_holds_the_database_and_every_named_file(
    ctx: ServiceContext, files: Files
) -> None:
    made = automatic_backup(ctx.db, data(ctx), "manual")
    assert made.is_dir() and list_backups(data(ctx)) == [made]
    contents = json.loads((made / "contents.json").read_text("utf-8"))
    assert contents["files"] == {sha(MINUTES): len(MINUTES), sha(PHOTO): len(PHOTO)}
    assert contents["missing"] == [] and contents["database"] == "hubdesk.sqlite"
    assert backup_files.file_in(made, sha(MINUTES)).read_bytes() == MINUTES
    assert backup_files.file_in(made, sha(PHOTO)).read_bytes() == PHOTO
    assert database_in(made) == made / "hubdesk.sqlite"
    assert check_backup(made) == []


def test_the_daily_backup_includes_the_files(ctx: ServiceContext, files: Files) -> None:
    made = daily_backup(ctx.db, data(ctx))
    assert made is not None
    assert backup_files.read_contents(made).files.keys() == {sha(MINUTES), sha(PHOTO)}
    assert backup_files.file_in(made, sha(PHOTO)).read_bytes() == PHOTO


def test_round_trip_brings_back_a_file_removed_since(ctx: ServiceContext, files: Files) -> None:
    saved = automatic_backup(ctx.db, data(ctx), "manual")
    attachments.remove(ctx, files.minutes)
    assert not store.has(data(ctx), sha(MINUTES))
    later = attachments.add_file(
        ctx, "meeting", files.meeting, write(data(ctx).parent / "in", "later.pdf", LATER)
    )

    result = restore_database(data(ctx), saved, db=ctx.db)

    assert store.path_of(data(ctx), sha(MINUTES)).read_bytes() == MINUTES
    assert store.stored(data(ctx)) == {sha(MINUTES), sha(PHOTO)}  # exactly the named files
    rows = attachments.list_for(ctx, "meeting", files.meeting)
    assert sorted(r.file_name for r in rows) == ["minutes.pdf", "photo.png"]
    assert all(r.available for r in rows)
    assert result.files.had_files and result.notes == ["2 attached files are in place."]
    # The file added after the backup is in the safety backup taken just before.
    safety = backup_files.read_contents(result.safety_backup)
    assert later.sha256 in safety.files
    assert backup_files.file_in(result.safety_backup, later.sha256).read_bytes() == LATER


def test_restoring_the_database_file_inside_a_backup_folder_restores_its_files(
    ctx: ServiceContext, files: Files
) -> None:
    saved = automatic_backup(ctx.db, data(ctx), "manual")
    attachments.remove(ctx, files.photo)
    restore_database(data(ctx), saved / "hubdesk.sqlite", db=ctx.db)
    assert store.path_of(data(ctx), sha(PHOTO)).read_bytes() == PHOTO


@pytest.mark.parametrize("damage", ["changed", "lost"])
def test_a_damaged_or_lost_file_in_the_backup_refuses_the_restore(
    ctx: ServiceContext, files: Files, damage: str
) -> None:
    saved = automatic_backup(ctx.db, data(ctx), "manual")
    attachments.remove(ctx, files.minutes)
    team.create_team(ctx, {"name": "Later", "kind": "cat"})
    in_backup = backup_files.file_in(saved, sha(MINUTES))
    if damage == "changed":
        in_backup.write_bytes(MINUTES.replace(b"Signed", b"Forged"))
    else:
        in_backup.unlink()
    before = (team_names(ctx), store.stored(data(ctx)), list_backups(data(ctx)))

    with pytest.raises(StorageError, match="missing or damaged") as refused:
        restore_database(data(ctx), saved, db=ctx.db)

    assert "Nothing was changed" in str(refused.value)
    assert (team_names(ctx), store.stored(data(ctx)), list_backups(data(ctx))) == before
    assert not list(data(ctx).glob(".restore-*"))
    assert any("damaged" in p or "lost" in p for p in check_backup(saved))


def test_a_file_the_database_names_but_the_backup_lacks_refuses(
    ctx: ServiceContext, files: Files
) -> None:
    saved = automatic_backup(ctx.db, data(ctx), "manual")
    contents = backup_files.read_contents(saved)
    del contents.files[sha(PHOTO)]  # the list edited to hide that the file is gone
    (saved / "contents.json").write_text(contents.to_json(), "utf-8")
    backup_files.file_in(saved, sha(PHOTO)).unlink()
    attachments.remove(ctx, files.photo)
    with pytest.raises(StorageError, match="lacks the attached file"):
        restore_database(data(ctx), saved, db=ctx.db)
    assert not store.has(data(ctx), sha(PHOTO))
    assert any("lacks" in p for p in check_backup(saved))


def test_an_old_database_only_backup_still_restores_and_says_so(
    ctx: ServiceContext, files: Files, tmp_path: Path
) -> None:
    old = backup_database(ctx.db, tmp_path / "old-backup.sqlite")  # as HubDesk made them before
    attachments.remove(ctx, files.minutes)
    team.create_team(ctx, {"name": "Later", "kind": "cat"})

    result = restore_database(data(ctx), old, db=ctx.db)

    assert team_names(ctx) == ["CAT"]
    assert not result.files.had_files
    assert result.files.absent == [sha(MINUTES)]
    assert "holds only the database" in result.notes[0]
    assert result.notes[1] == "1 attached file the backup names is not on this PC."
    assert store.has(data(ctx), sha(PHOTO))  # the file still here was kept
    assert check_backup(old) == []


def test_a_file_not_on_this_pc_is_listed_as_missing_and_restores_without_it(
    ctx: ServiceContext, files: Files
) -> None:
    store.remove(data(ctx), sha(PHOTO))  # the record stays; its file is gone from this PC
    made = automatic_backup(ctx.db, data(ctx), "manual")
    contents = backup_files.read_contents(made)
    assert contents.missing == [sha(PHOTO)] and list(contents.files) == [sha(MINUTES)]
    assert check_backup(made) == []  # the backup is what it says it is

    result = restore_database(data(ctx), made, db=ctx.db)
    assert result.notes[-1] == "1 attached file the backup names is not on this PC."


def test_a_damaged_file_on_this_pc_is_not_backed_up_as_if_good(
    ctx: ServiceContext, files: Files
) -> None:
    store.path_of(data(ctx), sha(PHOTO)).write_bytes(b"bit rot")
    made = automatic_backup(ctx.db, data(ctx), "manual")
    assert backup_files.read_contents(made).missing == [sha(PHOTO)]
    assert not backup_files.file_in(made, sha(PHOTO)).exists()


def test_later_backups_link_the_files_of_earlier_ones(ctx: ServiceContext, files: Files) -> None:
    first = automatic_backup(ctx.db, data(ctx), "manual")
    second = automatic_backup(ctx.db, data(ctx), "manual")
    one = backup_files.file_in(first, sha(PHOTO)).stat()
    two = backup_files.file_in(second, sha(PHOTO)).stat()
    assert (one.st_ino, one.st_nlink) == (two.st_ino, 2)
    # ...but never the data folder's own file: changing that must not change a backup.
    assert store.path_of(data(ctx), sha(PHOTO)).stat().st_ino != one.st_ino


def test_a_damaged_earlier_copy_is_not_linked(ctx: ServiceContext, files: Files) -> None:
    first = automatic_backup(ctx.db, data(ctx), "manual")
    damaged = backup_files.file_in(first, sha(PHOTO))
    damaged.write_bytes(b"not the photo")
    second = automatic_backup(ctx.db, data(ctx), "manual")
    assert backup_files.file_in(second, sha(PHOTO)).read_bytes() == PHOTO


def test_pruning_removes_the_files_no_kept_backup_needs(ctx: ServiceContext, files: Files) -> None:
    start = dt.datetime(2025, 1, 1, 9)
    first = automatic_backup(ctx.db, data(ctx), "test", keep=2, now=start)
    attachments.remove(ctx, files.minutes)
    second = automatic_backup(ctx.db, data(ctx), "test", keep=2, now=start.replace(hour=10))
    minutes_inode = backup_files.file_in(first, sha(MINUTES)).stat().st_ino
    third = automatic_backup(ctx.db, data(ctx), "test", keep=2, now=start.replace(hour=11))

    assert list_backups(data(ctx)) == [third, second]
    assert not first.exists()
    backups_dir = data(ctx) / "backups"
    left = {p.stat().st_ino for p in backups_dir.rglob("*") if p.is_file()}
    assert minutes_inode not in left  # the minutes were only in the pruned backup
    photo = backup_files.file_in(third, sha(PHOTO)).stat()
    assert photo.st_nlink == 2  # still shared by the two kept backups


def test_a_full_disk_during_a_backup_leaves_nothing(
    ctx: ServiceContext, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(source: Path, target: Path, sha256: str) -> bool:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_files, "copy_checked", full)
    with pytest.raises(StorageError, match="No space left"):
        automatic_backup(ctx.db, data(ctx), "manual")
    assert list((data(ctx) / "backups").iterdir()) == []


def test_files_put_back_are_taken_out_when_the_database_cannot_be_replaced(
    ctx: ServiceContext, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = automatic_backup(ctx.db, data(ctx), "manual")
    attachments.remove(ctx, files.minutes)

    def broken(staged: Path, live: object) -> None:
        raise StorageError("Could not restore the backup: disk I/O error.")

    monkeypatch.setattr(restore, "_copy_into", broken)
    with pytest.raises(StorageError, match="disk I/O"):
        restore_database(data(ctx), saved, db=ctx.db)
    assert store.stored(data(ctx)) == {sha(PHOTO)}
    assert len(attachments.list_for(ctx, "meeting", files.meeting)) == 1


def test_a_full_disk_while_files_are_copied_out_changes_nothing(
    ctx: ServiceContext, files: Files, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = automatic_backup(ctx.db, data(ctx), "manual")
    attachments.remove(ctx, files.minutes)
    team.create_team(ctx, {"name": "Later", "kind": "cat"})
    before = (team_names(ctx), store.stored(data(ctx)), list_backups(data(ctx)))

    def full(source: Path, target: Path, sha256: str) -> bool:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_files, "copy_checked", full)
    with pytest.raises(StorageError, match=r"No space left on device\. Nothing was changed"):
        restore_database(data(ctx), saved, db=ctx.db)
    assert (team_names(ctx), store.stored(data(ctx)), list_backups(data(ctx))) == before
    assert not list(data(ctx).glob(".restore-*"))


@pytest.mark.parametrize("links", [True, False])
def test_a_file_lost_here_is_taken_from_an_earlier_backup(
    ctx: ServiceContext,
    files: Files,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    links: bool,
) -> None:
    automatic_backup(ctx.db, data(ctx), "daily")
    store.remove(data(ctx), sha(PHOTO))  # lost from the store, the record still names it
    if not links:  # a USB stick's file system, which has no hard links

        def no_links(source: object, target: object) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_links)
    usb = make_backup(ctx.db, data(ctx), tmp_path / "usb" / "copy")
    assert usb.contents.missing == []
    copied = backup_files.file_in(usb.path, sha(PHOTO))
    assert copied.read_bytes() == PHOTO and copied.stat().st_nlink == (2 if links else 1)


def test_a_folder_that_is_not_a_backup_is_named_as_such(tmp_path: Path) -> None:
    """A copy of a data folder, or a backup that lost its list of files: no "Errno 21"."""
    folder = tmp_path / "Резервна копија Č"
    folder.mkdir()
    (folder / "hubdesk.sqlite").write_bytes(b"")
    [problem] = check_backup(folder)
    assert problem == f"{folder} is a folder, but not a HubDesk backup: it has no contents.json."


def test_a_list_of_files_nested_past_what_python_reads_is_refused_not_a_traceback(
    ctx: ServiceContext, files: Files
) -> None:
    """A backup folder on a USB stick whose contents.json was written by hand (or by a tool)
    as arrays nested a hundred thousand deep."""
    saved = automatic_backup(ctx.db, data(ctx), "manual")
    (saved / backup_files.CONTENTS).write_text("[" * 100_000, encoding="utf-8")
    team.create_team(ctx, {"name": "Later", "kind": "cat"})
    before = team_names(ctx)
    with pytest.raises(StorageError, match="not a readable list of a backup's files") as caught:
        restore_database(data(ctx), saved, db=ctx.db)
    assert team_names(ctx) == before
    # said as what it means for the person, not in the JSON parser's words
    assert "Nothing was changed." in str(caught.value) and "line 1" not in str(caught.value)
    assert any("not a readable list" in p for p in check_backup(saved))
