"""``hubdesk restore`` over a lost database, beside keys an older HubDesk made (they name
nobody: no ``keys/installation.json``).

Before, such keys were taken on trust and any backup was restored beside them: the office's
keys with its field laptop's records, so the office signed as the laptop's installation with
keys its hub knows as the office's. Now the keys themselves are compared with the keys the
backup knows (its peers'): the laptop's backup is refused, naming whose the keys are, and the
office's own restores. A signing key that cannot be read refuses too, nothing changed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from other_backup import as_an_older_hubdesk_left_them, laptop_backup_of
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
