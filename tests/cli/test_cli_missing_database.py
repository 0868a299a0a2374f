"""``hubdesk`` commands in a data folder whose database file is gone while the installation's
keys (and backups) remain: deleted by a person or an antivirus, or not copied to a new PC.

Before, every command said "HubDesk is not set up here yet. Run 'hubdesk init' or 'hubdesk
demo' first", and both did: a new installation with the old installation's keys, which the hub
would no longer know as this municipality. Now each command says the database is missing and
where the backups are, points to 'hubdesk restore', and creates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_cli_data import team_names

from hubdesk.services import team
from hubdesk.services.installation import load_context
from hubdesk.storage.backup import automatic_backup, list_backups
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys

Run = Callable[..., Any]  # the ``hubdesk`` fixture of tests/cli/conftest.py
Outcome = Any  # its result (``conftest.Outcome``)


def delete_database(folder: Path) -> None:
    path = database_path(folder)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


@pytest.fixture
def missing(kumanovo: Outcome, folder: Path) -> Path:
    """Kumanovo's folder with a daily backup holding "CAT Kumanovo", then its database
    deleted; the backup."""
    db = open_database(folder)
    try:
        team.create_team(load_context(db, folder), {"name": "CAT Kumanovo", "kind": "cat"})
        backup = automatic_backup(db, folder, "daily")
    finally:
        db.close()
    delete_database(folder)
    return backup


def key_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(keys.keys_dir(folder).iterdir())}


COMMANDS = [
    ["stats"],
    ["keys", "show"],
    ["profile", "export", "--to", "OUT/kumanovo.hubdesk-profile"],
    ["export", "--to", "OUT/out.bundle"],
    ["init", "--role", "municipality", "--name", "Kumanovo", "--country", "MK"],
    ["demo"],
    ["demo", "--role", "hub"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_command_says_the_database_is_missing_and_creates_nothing(
    hubdesk: Run, missing: Path, folder: Path, tmp_path: Path, command: list[str]
) -> None:
    before = key_bytes(folder)
    args = [a.replace("OUT", str(tmp_path)) for a in command]
    line = hubdesk(*args).one_line_error()
    assert "is missing" in line and "hubdesk init" not in line
    assert f'hubdesk restore "{missing}"' in line and str(backups_dir(folder)) in line
    assert "new installation" in line
    assert not database_path(folder).exists()
    assert key_bytes(folder) == before
    assert list_backups(folder) == [missing]


def test_check_names_the_missing_database(hubdesk: Run, missing: Path, folder: Path) -> None:
    result = hubdesk("check")
    assert result.code == 1
    assert "is missing" in result.err and "hubdesk restore" in result.err
    assert not database_path(folder).exists()


def test_restore_brings_the_records_back(hubdesk: Run, missing: Path, folder: Path) -> None:
    before = key_bytes(folder)
    result = hubdesk("restore", "--yes", str(missing))
    assert result.code == 0, result.err
    assert team_names(folder) == ["CAT Kumanovo"]
    assert key_bytes(folder) == before
    assert "could not be opened" not in result.out  # nothing was there to keep
    assert hubdesk("stats").code == 0


def test_keys_without_backups_are_told_to_restore_from_elsewhere(
    hubdesk: Run, kumanovo: Outcome, folder: Path
) -> None:
    before = key_bytes(folder)
    delete_database(folder)
    for command in (["stats"], ["init", "--role", "hub", "--name", "Hub"]):
        line = hubdesk(*command).one_line_error()
        assert "is missing" in line and "no backup in" in line
        assert "hubdesk restore BACKUP" in line and "set it up afresh" in line
    assert not database_path(folder).exists()
    assert key_bytes(folder) == before


def test_another_programs_backups_folder_is_still_a_first_start(hubdesk: Run, folder: Path) -> None:
    (backups_dir(folder) / "photos-2025").mkdir(parents=True)
    (folder / "keys").mkdir()
    (folder / "keys" / "notes.txt").write_text("not HubDesk's")
    assert "not set up" in hubdesk("stats").one_line_error()
    result = hubdesk("init", "--role", "municipality", "--name", "Tetovo", "--country", "MK")
    assert result.code == 0, result.err
