"""A backup of another installation, for the tests of a restore beside this PC's keys (the
command line's and the window's alike).

Import it as ``from other_backup import backup_of`` (``tests/`` is on the import path).
"""

from __future__ import annotations

from pathlib import Path

from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import make_backup
from hubdesk.storage.open import open_database
from hubdesk.sync import keys


def backup_of(tmp_path: Path, name: str, country: str, team_name: str) -> Path:
    """A backup of the municipality ``name`` (with one team), made on its own PC with its own
    keys, as a person would bring it on a stick."""
    folder = tmp_path / f"pc of {name}"
    db = open_database(folder)
    try:
        initialise(db, role="municipality", name=name, country=country, language="en")
        keys.ensure_keys(folder)
        team.create_team(load_context(db, folder), {"name": team_name, "kind": "cat"})
        return make_backup(db, folder, tmp_path / f"stick of {name}").path
    finally:
        db.close()
