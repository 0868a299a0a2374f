"""``hubdesk restore`` over a database that cannot be opened: the case a restore is for.

The messages about a damaged or altered database say a backup repairs it; the restore must then
work, and keep the file it replaces (never delete it), while a newer HubDesk's database is
still refused.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_cli_data import team_names

from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import backup_database, list_backups
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.open import open_database

Run = Callable[..., Any]


@pytest.fixture
def saved(hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path) -> Path:
    """A backup folder holding the team "Saved"."""
    db = open_database(folder)
    try:
        team.create_team(load_context(db), {"name": "Saved", "kind": "cat"})
    finally:
        db.close()
    path = tmp_path / "saved"
    assert hubdesk("backup", "--to", str(path)).code == 0
    return path


def truncate(folder: Path) -> None:
    path = database_path(folder)
    with open(path, "r+b") as handle:
        handle.truncate(os.path.getsize(path) // 2)


def alter(folder: Path) -> None:
    conn = sqlite3.connect(database_path(folder))
    conn.execute("CREATE TABLE stash (data TEXT)")
    conn.commit()
    conn.close()


def junk(folder: Path) -> None:
    database_path(folder).write_bytes(b"not a database at all " * 400)


@pytest.mark.parametrize("damage", [truncate, alter, junk], ids=["truncated", "altered", "junk"])
def test_a_backup_replaces_a_database_that_cannot_be_opened(
    hubdesk: Run, saved: Path, folder: Path, damage: Callable[[Path], None]
) -> None:
    damage(folder)
    before = database_path(folder).read_bytes()
    assert hubdesk("stats").code != 0  # it cannot be opened

    result = hubdesk("restore", str(saved), "--yes")

    assert result.code == 0, result.err
    assert team_names(folder) == ["Saved"]
    assert hubdesk("check").code == 0
    kept = [p for p in backups_dir(folder).iterdir() if p.name.startswith("unusable-")]
    assert len(kept) == 1 and str(kept[0]) in result.out
    assert (kept[0] / "hubdesk.sqlite").read_bytes() == before  # kept, byte for byte
    assert kept[0] not in list_backups(folder)  # outside the rotation


def test_a_newer_hubdesks_database_is_still_refused(
    hubdesk: Run, saved: Path, folder: Path
) -> None:
    conn = sqlite3.connect(database_path(folder))
    conn.execute("UPDATE alembic_version SET version_num = 'ffff00000000'")
    conn.commit()
    conn.close()
    before = database_path(folder).read_bytes()

    line = hubdesk("restore", str(saved), "--yes").one_line_error()

    assert "newer version of HubDesk" in line
    assert database_path(folder).read_bytes() == before
    assert not backups_dir(folder).exists() or not any(backups_dir(folder).iterdir())


def test_another_installations_backup_still_needs_saying_so(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    other = open_database(tmp_path / "other")
    initialise(other, role="municipality", name="Elbasan", country="AL")
    foreign = backup_database(other, tmp_path / "elbasan.sqlite")
    other.close()
    alter(folder)  # unusable, but its installation record can still be read
    before = database_path(folder).read_bytes()

    line = hubdesk("restore", str(foreign), "--yes").one_line_error()

    assert "--other-installation" in line
    assert database_path(folder).read_bytes() == before


def test_a_damaged_page_is_one_line_that_says_what_to_do(
    hubdesk: Run, saved: Path, folder: Path
) -> None:
    """The file opens; the damage is met only when a command reads that table."""
    conn = sqlite3.connect(database_path(folder))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'teams'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(database_path(folder), "r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * (page_size - 16))

    line = hubdesk("table", "export", "members", "--out", str(folder / "m.csv")).one_line_error()

    assert "damaged" in line and "restoring a backup" in line
    assert hubdesk("restore", str(saved), "--yes").code == 0
    assert team_names(folder) == ["Saved"]


@pytest.mark.parametrize("flag", [[], ["--other-installation"]], ids=["plain", "flag"])
def test_over_a_database_that_names_nobody_the_keys_refuse_another_installation(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path, flag: list[str]
) -> None:
    """The damage took the installation record with it: the keys beside it still say whose
    the folder is, as for a lost database, and another installation's backup is refused."""
    from other_backup import backup_of

    other = backup_of(tmp_path, "Elbasan", "AL", "Këshilli")
    junk(folder)
    before = database_path(folder).read_bytes()

    line = hubdesk("restore", str(other), "--yes", *flag).one_line_error()

    assert "backup of 'Elbasan' (municipality Elbasan)" in line
    assert "belong to 'Kumanovo' (municipality Kumanovo)" in line
    assert database_path(folder).read_bytes() == before
    assert not backups_dir(folder).exists() or not any(backups_dir(folder).iterdir())
