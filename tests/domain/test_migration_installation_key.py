"""Revision 0029: the installation keeps its signing key's public half, so that its backups say
whose keys they belong to (a restore over a lost database compares them, ``restore_keys``).
The migration reads no keys; the next opening beside the keys writes it, once."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.db import Database
from hubdesk.storage.migrate import alembic_config, current_revision, upgrade
from hubdesk.storage.open import open_database
from hubdesk.storage.schema import REVISIONS
from hubdesk.sync import keys

BEFORE = REVISIONS[REVISIONS.index("0029") - 1]


def kept_key(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT signing_key FROM installation").scalar()


def test_the_next_opening_beside_the_keys_keeps_their_public_half(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    db = open_database(folder)
    try:
        initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
        public = keys.ensure_keys(folder).public.signing_key
        with db.engine.begin() as conn:  # back to the schema before the key was kept
            command.downgrade(alembic_config(conn), BEFORE)
        with db.engine.connect() as conn:
            assert current_revision(conn) == BEFORE
            columns = {c["name"] for c in inspect(conn).get_columns("installation")}
            assert "signing_key" not in columns
        upgrade(db)
        assert kept_key(db) is None  # the migration reads no keys
        load_context(db, folder)
        assert kept_key(db) == public
    finally:
        db.close()


def test_the_kept_key_is_never_rewritten(tmp_path: Path) -> None:
    """Keys copied in from another PC do not become the installation's."""
    folder = tmp_path / "office"
    db = open_database(folder)
    try:
        initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
        public = keys.ensure_keys(folder).public.signing_key
        load_context(db, folder)
        (keys.keys_dir(folder) / keys.SIGNING_FILE).unlink()
        assert keys.ensure_keys(folder).public.signing_key != public  # another key
        load_context(db, folder)
        assert kept_key(db) == public
    finally:
        db.close()
