"""Whose keys the data folder holds, told from the keys themselves.

``keys/installation.json`` (``key_owner.py``) names the keys' installation, but only keys a
recent HubDesk opened beside their database; keys an older HubDesk made, whose database was
lost before a recent one opened it, name nobody. The keys themselves still say something: the
public half of the signing key is what every peer of their installation enrolled, and a
backup holds the signing keys of the installations it exchanged files with (its peers, and the
hub a field laptop trusts). When the folder's key is one of those, the keys are that
installation's, never the backup's own: an office's keys and its field laptop's backup, a
hub's keys and a municipality's backup, or the other way round.

Since revision 0029 a database keeps its own installation's public key too
(``installation.signing_key``, written when it is opened beside its keys): a backup made since
says which keys it belongs to, so keys of any other installation are told apart. A backup of
an older HubDesk that never enrolled the keys' owner tells nothing; keys that name nobody are
then taken on trust, as before.
"""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hubdesk.domain.enums import Role
from hubdesk.i18n import _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.storage.datadir import KEY_FILES, KEYS_DIR
from hubdesk.storage.key_owner import KeyOwner

SIGNING_FILE = KEY_FILES[0]

KnownKeys = tuple[tuple[str, KeyOwner], ...]  # (signing key, whose), as the backup knows them


class UnreadableKey(Exception):
    """The folder's signing key is there but cannot be read; ``reason`` says why, translated."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def folder_signing_key(data_dir: Path) -> str | None:
    """The public half of the folder's signing key (base64, as peers enrol it); None when the
    folder holds no signing key. Raises UnreadableKey when it holds one that cannot be read."""
    path = data_dir / KEYS_DIR / SIGNING_FILE
    if not path.exists():
        return None
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise UnreadableKey(os_reason(exc)) from exc
    except TypeError as exc:  # cryptography's answer to a key locked with a passphrase
        raise UnreadableKey(_("it is protected by a passphrase")) from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise UnreadableKey(_("it is damaged")) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UnreadableKey(_("it is not an Ed25519 key"))
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def known_keys(conn: sqlite3.Connection) -> KnownKeys:
    """The signing keys of the installations a backup exchanged files with or trusts, with who
    they are (revoked peers too: their keys are still theirs). Empty for a backup from before
    peers were kept."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    found: list[tuple[str, KeyOwner]] = []
    if "sync_peers" in tables:
        rows = conn.execute("SELECT signing_key, id, role, name, municipality_name FROM sync_peers")
        for key, peer_id, role, name, town in rows:
            municipality = None if role == Role.HUB.value else str(town or name)
            found.append((str(key), KeyOwner(str(peer_id), str(name), municipality)))
    if "sync_trusted_hubs" in tables:
        for key, hub_id, name in conn.execute(
            "SELECT signing_key, id, name FROM sync_trusted_hubs"
        ):
            found.append((str(key), KeyOwner(str(hub_id), str(name), None)))
    return tuple(found)


def own_key(conn: sqlite3.Connection) -> str | None:
    """The public key a backup's installation signs with; None for a backup from before the
    database kept it, or one never opened beside its keys since."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(installation)")}
    if "signing_key" not in columns:
        return None
    row = conn.execute("SELECT signing_key FROM installation").fetchone()
    return None if row is None or row[0] is None else str(row[0])


def holder_of(key: str, known: KnownKeys) -> KeyOwner | None:
    """The installation the backup knows by this signing key, if any."""
    return next((owner for candidate, owner in known if candidate == key), None)
