"""``hubdesk restore`` over a lost database, beside the keys of this PC's installation.

Before, any installation's backup was restored there: another municipality's (or another
PC's) records beside this PC's keys, a database whose installation did not match its keys, so
its bundles were signed with keys the hub knows as someone else's. Now the keys name their
installation (``keys/installation.json``) and a backup of any other is refused, before asking,
with what the backup is and what to do; a PC with no keys still restores any backup.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from other_backup import backup_of
from test_cli_data import team_names
from test_cli_restore import Terminal

from hubdesk.services import team
from hubdesk.services.installation import load_context
from hubdesk.storage.backup import make_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.key_owner import owner_path, read_owner
from hubdesk.storage.open import open_database
from hubdesk.sync import keys

Run = Callable[..., Any]


def lose_database(folder: Path) -> None:
    path = database_path(folder)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def key_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(keys.keys_dir(folder).iterdir())}


@pytest.fixture
def own_backup(hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path) -> Path:
    """Kumanovo's backup (team "CAT Kumanovo") on a stick; then its database lost."""
    db = open_database(folder)
    try:
        team.create_team(load_context(db, folder), {"name": "CAT Kumanovo", "kind": "cat"})
        backup = make_backup(db, folder, tmp_path / "stick").path
    finally:
        db.close()
    lose_database(folder)
    return backup


def test_the_set_up_names_the_keys_installation(kumanovo: object, folder: Path) -> None:
    owner = read_owner(folder)
    assert owner is not None and owner.name == "Kumanovo" and owner.municipality == "Kumanovo"


@pytest.mark.parametrize("flag", [[], ["--other-installation"]], ids=["plain", "flag"])
def test_another_municipalitys_backup_is_refused_before_asking(
    hubdesk: Run,
    own_backup: Path,
    folder: Path,
    tmp_path: Path,
    flag: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = backup_of(tmp_path, "Elbasan", "AL", "Këshilli")
    before = key_bytes(folder)
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))  # a person who would say yes
    line = hubdesk("restore", str(other), *flag).one_line_error()
    assert "Replace all data" not in line and sys.stdin.read() == "y\n"  # never asked
    assert "backup of 'Elbasan' (municipality Elbasan)" in line
    assert "belong to 'Kumanovo' (municipality Kumanovo)" in line
    assert "Restore a backup of 'Kumanovo' instead" in line and "Nothing was changed" in line
    assert not database_path(folder).exists() and key_bytes(folder) == before


def test_over_an_emptied_database_too(
    hubdesk: Run, own_backup: Path, folder: Path, tmp_path: Path
) -> None:
    other = backup_of(tmp_path, "Elbasan", "AL", "Këshilli")
    database_path(folder).write_bytes(b"")
    line = hubdesk("restore", str(other), "--yes").one_line_error()
    assert "backup of 'Elbasan'" in line and database_path(folder).stat().st_size == 0


def test_its_own_backup_restores(hubdesk: Run, own_backup: Path, folder: Path) -> None:
    result = hubdesk("restore", str(own_backup), "--yes")
    assert result.code == 0, result.err
    assert team_names(folder) == ["CAT Kumanovo"]


def test_a_pc_without_keys_restores_any_backup(hubdesk: Run, folder: Path, tmp_path: Path) -> None:
    other = backup_of(tmp_path, "Elbasan", "AL", "Këshilli")
    result = hubdesk("restore", str(other), "--yes")  # a new PC replacing a broken one
    assert result.code == 0, result.err
    assert team_names(folder) == ["Këshilli"]


def test_keys_of_an_older_version_are_named_when_the_folder_is_opened(
    hubdesk: Run, kumanovo: object, folder: Path
) -> None:
    owner_path(folder).unlink()  # as an older HubDesk left them
    assert hubdesk("stats").code == 0
    owner = read_owner(folder)
    assert owner is not None and owner.name == "Kumanovo"


def test_the_keys_name_follows_a_rename_in_settings(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """A refusal sends the person to the backups of the name they know now, never one the
    installation had before a rename; the keys still name the same installation."""
    from hubdesk.services.installation import update_profile

    db = open_database(folder)
    try:
        update_profile(load_context(db, folder), {"name": "Kumanovo City"})
        load_context(db, folder)  # the next start
    finally:
        db.close()
    owner = read_owner(folder)
    assert owner is not None and (owner.name, owner.municipality) == ("Kumanovo City",) * 2
    lose_database(folder)
    other = backup_of(tmp_path, "Elbasan", "AL", "Këshilli")
    line = hubdesk("restore", str(other), "--yes").one_line_error()
    assert "Restore a backup of 'Kumanovo City' instead" in line


def test_keys_named_for_another_installation_stay_so(kumanovo: object, folder: Path) -> None:
    """Keys copied in from another PC keep naming the installation they belong to."""
    import json

    path = owner_path(folder)
    path.write_text(json.dumps({"id": "elsewhere", "name": "Struga", "municipality": "Struga"}))
    db = open_database(folder)
    try:
        load_context(db, folder)
    finally:
        db.close()
    owner = read_owner(folder)
    assert owner is not None and (owner.id, owner.name) == ("elsewhere", "Struga")


def test_a_keys_name_nested_past_what_python_reads_is_taken_as_no_name(
    hubdesk: Run, own_backup: Path, folder: Path
) -> None:
    """keys/installation.json edited by hand into arrays nested a hundred thousand deep: the
    keys name nobody (their own key decides), never a traceback at the restore or the start."""
    owner_path(folder).write_text("[" * 100_000, encoding="utf-8")
    assert read_owner(folder) is None
    result = hubdesk("restore", str(own_backup), "--yes")
    assert result.code == 0, result.err
    assert hubdesk("stats").code == 0
