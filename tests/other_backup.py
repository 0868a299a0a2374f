"""A backup of another installation, for the tests of a restore beside this PC's keys (the
command line's and the window's alike).

Import it as ``from other_backup import backup_of`` (``tests/`` is on the import path).
``laptop_backup_of`` is a backup of an installation that enrolled the PC (its field laptop),
so that the backup knows the PC's keys; ``as_an_older_hubdesk_left_them`` takes away what a
recent HubDesk writes beside the keys.
"""

from __future__ import annotations

from pathlib import Path

from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import make_backup
from hubdesk.storage.key_owner import owner_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile


def backup_of(
    tmp_path: Path, name: str, country: str, team_name: str, *, older: bool = False
) -> Path:
    """A backup of the municipality ``name`` (with one team), made on its own PC with its own
    keys, as a person would bring it on a stick. ``older``: as an older HubDesk made it, its
    database not knowing its own public key."""
    folder = tmp_path / f"pc of {name}"
    db = open_database(folder)
    try:
        initialise(db, role="municipality", name=name, country=country, language="en")
        keys.ensure_keys(folder)
        team.create_team(load_context(db, folder), {"name": team_name, "kind": "cat"})
        if older:
            with db.engine.begin() as conn:
                conn.exec_driver_sql("UPDATE installation SET signing_key = NULL")
        return make_backup(db, folder, tmp_path / f"stick of {name}").path
    finally:
        db.close()


def laptop_backup_of(tmp_path: Path, office: Path) -> Path:
    """A backup of the field laptop set up from the profile of the municipality whose data
    folder ``office`` is (its database still there): the laptop enrolled the office's keys."""
    db = open_database(office)
    try:
        card = profile.export_profile(
            load_context(db, office), keys.load_keys(office), tmp_path / "office profile.json"
        )
    finally:
        db.close()
    folder = tmp_path / "the field laptop"
    laptop = open_database(folder)
    try:
        peers.init_field_from_profile(laptop, folder, card, name="Field laptop")
        return make_backup(laptop, folder, tmp_path / "stick of the field laptop").path
    finally:
        laptop.close()


def as_an_older_hubdesk_left_them(folder: Path) -> None:
    """The keys without the file that names their installation: made by a HubDesk before
    that file, their database lost before a recent one opened it."""
    owner_path(folder).unlink()
