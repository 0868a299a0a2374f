"""Which installation the data folder's keys belong to, written beside them.

The key files themselves name nobody, and the database does not hold its own keys: once the
database is lost, nothing said whose keys were left. A restore then took any installation's
backup, and the folder ended with one installation's records and another's keys (its bundles
signed with keys the hub knows as someone else's). So ``keys/installation.json`` names the
installation (id, name, municipality) the first time the folder is opened with both, and a
restore over a lost database refuses a backup of any other (``storage/restore_keys.py``). Keys
made by a HubDesk before this file existed, whose database was lost before it was opened again,
name nobody: a restore there compares the keys themselves with the ones the backup knows
(``storage/key_match.py``).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from hubdesk.storage.datadir import KEY_FILES, KEYS_DIR

OWNER_FILE = "installation.json"


@dataclass(frozen=True)
class KeyOwner:
    id: str
    name: str
    municipality: str | None  # the municipality it records for; None for a hub


def owner_path(data_dir: Path) -> Path:
    return data_dir / KEYS_DIR / OWNER_FILE


def read_owner(data_dir: Path) -> KeyOwner | None:
    """The installation the keys belong to; None when the keys name nobody (or are gone)."""
    keys = data_dir / KEYS_DIR
    if not any((keys / name).exists() for name in KEY_FILES):
        return None
    try:
        raw = json.loads(owner_path(data_dir).read_text(encoding="utf-8"))
        municipality = raw.get("municipality")
        return KeyOwner(
            str(raw["id"]), str(raw["name"]), None if municipality is None else str(municipality)
        )
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None  # damaged, or edited by hand (nested past what Python reads): no name


def unnamed_keys(data_dir: Path) -> bool:
    """The folder holds both key files and nothing yet says whose they are."""
    keys = data_dir / KEYS_DIR
    if owner_path(data_dir).exists():
        return False
    return all((keys / name).exists() for name in KEY_FILES)


def name_owner(data_dir: Path, owner: KeyOwner) -> None:
    """Say whose the keys are. Keys named for one installation are never named for another;
    the name and municipality follow that installation's renaming in Settings, so a refusal
    names the backups a person will find. A folder that cannot be written to is left as it is
    (the name is a safeguard, not needed to work)."""
    path = owner_path(data_dir)
    current = read_owner(data_dir)
    if current == owner:
        return
    if current is None and not unnamed_keys(data_dir):
        return  # no keys, or a file this HubDesk cannot read: left as it is
    if current is not None and current.id != owner.id:
        return
    _write(path, owner)


def hand_over(data_dir: Path, owner: KeyOwner) -> None:
    """The keys belong to ``owner`` from now on, whoever they were named for: only once the
    person restored ``owner``'s backup over this folder's data and confirmed that it is
    another installation's (``--other-installation``, the window's second question). This PC
    signs for it with these keys from then on; left named for the installation it replaced,
    they refused its own backups once its database was lost. A folder without keys is left
    as it is."""
    if not any((data_dir / KEYS_DIR / name).exists() for name in KEY_FILES):
        return
    _write(owner_path(data_dir), owner)


def _write(path: Path, owner: KeyOwner) -> None:
    text = json.dumps(
        {"id": owner.id, "name": owner.name, "municipality": owner.municipality},
        ensure_ascii=False,
        indent=1,
    )
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
