"""``hubdesk restore`` over a lost database, beside keys an older HubDesk made (they name
nobody: no ``keys/installation.json``).

Before, such keys were taken on trust and any backup was restored beside them: another
municipality's records, or the office's field laptop's, beside the office's keys, so the PC
signed as one installation with keys the hub knows as another's. Now the keys themselves are
compared: with the public key the backup's installation signs with (kept in its database), and
with the keys of its peers (the laptop enrolled the office), which also names whose the keys
are. The office's own backup restores. A signing key that cannot be read refuses, nothing
changed; a backup of an older HubDesk that never met the keys is still taken on trust.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from other_backup import as_an_older_hubdesk_left_them, backup_of, laptop_backup_of
from test_cli_data import team_names
from test_cli_restore import Terminal
from test_cli_restore_other_keys import key_bytes, lose_database

from hubdesk.services import team
from hubdesk.services.installation import load_context
from hubdesk.storage.backup import make_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys

Run = Callable[..., Any]


@pytest.fixture
def backups(hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path) -> dict[str, Path]:
    """Kumanovo's own backup (team "CAT Kumanovo") and its field laptop's; then its database
    lost, its keys left as an older HubDesk left them."""
    laptop = laptop_backup_of(tmp_path, folder)
    db = open_database(folder)
    try:
        team.create_team(load_context(db, folder), {"name": "CAT Kumanovo", "kind": "cat"})
        own = make_backup(db, folder, tmp_path / "stick").path
    finally:
        db.close()
    lose_database(folder)
    as_an_older_hubdesk_left_them(folder)
    return {"own": own, "laptop": laptop}


def test_the_laptops_backup_is_refused_and_the_offices_own_restores(
    hubdesk: Run, backups: dict[str, Path], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = key_bytes(folder)
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))  # a person who would say yes
    line = hubdesk("restore", str(backups["laptop"])).one_line_error()
    assert "Replace all data" not in line and sys.stdin.read() == "y\n"  # never asked
    assert "backup of 'Field laptop' (municipality Kumanovo)" in line
    assert "belong to 'Kumanovo' (municipality Kumanovo)" in line
    assert "Restore a backup of 'Kumanovo' instead" in line and "Nothing was changed" in line
    assert not database_path(folder).exists() and key_bytes(folder) == before
    result = hubdesk("restore", str(backups["own"]), "--yes")
    assert result.code == 0, result.err
    assert team_names(folder) == ["CAT Kumanovo"]


def test_with_the_flag_too(hubdesk: Run, backups: dict[str, Path], folder: Path) -> None:
    line = hubdesk("restore", str(backups["laptop"]), "--yes", "--other-installation")
    assert "belong to 'Kumanovo'" in line.one_line_error()
    assert not database_path(folder).exists()


def test_another_municipalitys_backup_is_refused(
    hubdesk: Run, backups: dict[str, Path], folder: Path, tmp_path: Path
) -> None:
    other = backup_of(tmp_path, "Elbasan", "AL", "Këshilli")
    before = key_bytes(folder)
    line = hubdesk("restore", str(other), "--yes").one_line_error()
    assert "backup of 'Elbasan' (municipality Elbasan)" in line
    assert "are not the keys it signs with: they belong to another installation" in line
    assert "If this PC is to be 'Elbasan' from now on" in line and "Nothing was changed" in line
    assert not database_path(folder).exists() and key_bytes(folder) == before


def test_an_older_backup_that_never_met_the_keys_is_taken_on_trust(
    hubdesk: Run, backups: dict[str, Path], folder: Path, tmp_path: Path
) -> None:
    """Neither the keys nor the backup say whose the keys are: as before, it restores."""
    other = backup_of(tmp_path, "Elbasan", "AL", "Këshilli", older=True)
    assert hubdesk("restore", str(other), "--yes").code == 0
    assert team_names(folder) == ["Këshilli"]


def locked_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"a passphrase"),
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (lambda: b"-----BEGIN PRIVATE KEY-----\nnot a key\n", "it is damaged"),
        (locked_key, "it is protected by a passphrase"),
    ],
    ids=["damaged", "passphrase"],
)
def test_a_signing_key_that_cannot_be_read_refuses(
    hubdesk: Run,
    backups: dict[str, Path],
    folder: Path,
    content: Callable[[], bytes],
    reason: str,
) -> None:
    """Whose the key is cannot be told, even for the office's own backup; nothing changes."""
    path = keys.keys_dir(folder) / keys.SIGNING_FILE
    path.write_bytes(content())
    before = key_bytes(folder)
    line = hubdesk("restore", str(backups["own"]), "--yes").one_line_error()
    assert f"The signing key in {keys.keys_dir(folder)} cannot be read ({reason})" in line
    assert "whether it belongs to 'Kumanovo' (municipality Kumanovo)" in line
    assert "Nothing was changed" in line
    assert not database_path(folder).exists() and key_bytes(folder) == before


def _foreign_keys_in(folder: Path, tmp_path: Path) -> None:
    """Another installation's keys copied over this folder's, as they left an older HubDesk
    (naming nobody): someone "put the keys back" from the wrong PC's stick."""
    import shutil

    other = tmp_path / "another pc"
    keys.ensure_keys(other)
    shutil.rmtree(keys.keys_dir(folder))
    shutil.copytree(keys.keys_dir(other), keys.keys_dir(folder))


def test_keys_not_the_ones_the_database_kept_are_not_named_for_it(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """Named at the next start, such keys would pass a restore of this installation's backup
    beside them by their name alone, though its database says it signs with other keys."""
    from hubdesk.storage.key_owner import read_owner

    db = open_database(folder)
    try:
        own = make_backup(db, folder, tmp_path / "stick").path
    finally:
        db.close()
    _foreign_keys_in(folder, tmp_path)
    assert hubdesk("stats").code == 0  # the next start
    assert read_owner(folder) is None
    lose_database(folder)
    line = hubdesk("restore", str(own), "--yes").one_line_error()
    assert "are not the keys it signs with" in line and "Nothing was changed" in line
    assert not database_path(folder).exists()


def test_keys_made_anew_for_the_installation_are_the_ones_it_keeps(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """Its keys folder lost, the PC makes new keys when the Sync page shows them: they are
    this installation's from then on, so its later backups restore beside them."""
    import shutil

    from hubdesk.storage.key_match import folder_signing_key
    from hubdesk.storage.key_owner import read_owner

    shutil.rmtree(keys.keys_dir(folder))
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        keys.keys_to_show(ctx)  # the Sync page shows the fingerprint
        with ctx.read() as session:
            from hubdesk.domain import Installation

            kept = session.get(Installation, ctx.installation_id).signing_key
        own = make_backup(db, folder, tmp_path / "stick").path
    finally:
        db.close()
    assert kept == folder_signing_key(folder)
    owner = read_owner(folder)
    assert owner is not None and owner.name == "Kumanovo"
    lose_database(folder)
    as_an_older_hubdesk_left_them(folder)
    result = hubdesk("restore", str(own), "--yes")
    assert result.code == 0, result.err


def test_keys_made_anew_at_the_command_line_are_the_ones_it_keeps(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """The same with 'hubdesk keys create', which the export's message names when the keys
    folder is lost: the database kept the old key, so a later backup was refused beside the
    new keys as another installation's."""
    import shutil

    from hubdesk.domain import Installation
    from hubdesk.storage.key_match import folder_signing_key

    assert hubdesk("keys", "create").code == 0
    shutil.rmtree(keys.keys_dir(folder))
    result = hubdesk("keys", "create")
    assert result.code == 0, result.err
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        with ctx.read() as session:
            kept = session.get(Installation, ctx.installation_id).signing_key
        own = make_backup(db, folder, tmp_path / "stick").path
    finally:
        db.close()
    assert kept == folder_signing_key(folder)
    lose_database(folder)
    result = hubdesk("restore", str(own), "--yes")
    assert result.code == 0, result.err
