"""Another installation's backup, restored as the person confirmed (``--other-installation``,
the window's second question): this PC signs for the restored installation with the keys it
had, so they are handed over to it, and its own backups restore beside them once its
database is lost. Before, the keys stayed named for the installation it replaced, and the
restored one's newest backup was refused beside them as someone else's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import automatic_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.key_match import folder_signing_key
from hubdesk.storage.key_owner import read_owner
from hubdesk.storage.open import open_database
from hubdesk.storage.restore import OtherInstallationError, restore_database
from hubdesk.sync import keys

pytestmark = pytest.mark.sqlite_only("the data folders are SQLite files")


def set_up(folder: Path, name: str, country: str) -> str:
    """An installation with its keys, named for it, and its key kept in its database."""
    db = open_database(folder)
    try:
        made = initialise(db, role="municipality", name=name, country=country)
        keys.ensure_keys(folder)
        load_context(db, folder)
        return made.installation_id
    finally:
        db.close()


def backup_of(folder: Path) -> Path:
    db = open_database(folder)
    try:
        return automatic_backup(db, folder, "manual") / "hubdesk.sqlite"
    finally:
        db.close()


def kept_key(database: Path) -> str:
    conn = sqlite3.connect(database)
    try:
        return str(conn.execute("SELECT signing_key FROM installation").fetchone()[0])
    finally:
        conn.close()


def test_the_keys_are_handed_over_and_its_own_backup_restores_after_a_loss(
    tmp_path: Path,
) -> None:
    elbasan = set_up(tmp_path / "elbasan", "Elbasan", "AL")
    theirs = backup_of(tmp_path / "elbasan")
    here = tmp_path / "kumanovo"
    set_up(here, "Kumanovo", "MK")
    with pytest.raises(OtherInstallationError):
        restore_database(here, theirs)
    assert read_owner(here).name == "Kumanovo"  # type: ignore[union-attr]  # refused: untouched

    result = restore_database(here, theirs, allow_other_installation=True)

    owner = read_owner(here)
    assert owner is not None and (owner.id, owner.name) == (elbasan, "Elbasan")
    assert kept_key(database_path(here)) == folder_signing_key(here)
    assert any("This PC keeps its own keys" in note for note in result.notes)
    # Elbasan's newest backup, made on this PC, after its database is lost.
    ours = backup_of(here)
    database_path(here).unlink()
    restored = restore_database(here, ours)
    assert restored.info.installation_id == elbasan and restored.keys_note is None
