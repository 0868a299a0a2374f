"""Restoring a hub's server database together with the attached files this PC keeps.

On a server hub the records are on the server, but each attached file is in the data folder of
the PC that stored it: the one a staff member attached it on, or the sync PC for files that came
in bundles (``services/attachment_store.py`` has no server side). A backup made on one PC
therefore holds the dump and the files that PC has; those only another staff PC has are listed
as missing (``contents.json``), and the restore says how many are not here. The restore checks
every file the backup holds before anything changes, dumps the current data with this PC's files
into ``backups/``, then puts the files in place and replaces the database in one transaction;
if ``pg_restore`` fails, the files it put in are taken out again. The staff's rights on the
server then follow the restored staff list (the dump's own grants are not restored: a login
dropped since the backup would fail them).

What the dump says of itself (its revision, its installation) is read before anything changes
(``server_dump_facts``), but a dump can say one revision and hold another's tables: edited, or
put together by hand. So the restored database is brought to this HubDesk's schema as a start-up
would and then compared whole with the models, as ``hubdesk check`` does; if it is not what
HubDesk makes, the safety backup is put back and the files taken out again, so the restore ends
with nothing changed, as any other refusal.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from hubdesk.i18n import _
from hubdesk.storage import (
    backup_files,
    restore_files,
    server,
    server_dump,
    server_dump_facts,
    server_load,
    server_rights,
    stopping,
)
from hubdesk.storage.backup import RESTORE_PREFIX, discard_backup, make_backup
from hubdesk.storage.backup_files import Step
from hubdesk.storage.check import differences_summary
from hubdesk.storage.db import Database
from hubdesk.storage.errors import BackupCancelled, RestoreCancelled, StorageError
from hubdesk.storage.key_owner import KeyOwner
from hubdesk.storage.restore_keys import keys_handed_over, signing_key_here

# A restore's progress, in thousandths (``stopping``): the backup's files checked, the safety
# backup of the current data, the dump's tables restored; then the check of what was restored.
STAGED, SAFE, LOADED = 100, 450, 950


@dataclass(frozen=True)
class ServerRestore:
    safety_backup: Path
    files: restore_files.FilesPlan
    keys_note: str | None = None  # another hub's backup: this PC's keys sign for it now
    late_ctrl_c: bool = False  # Ctrl+C came once the restore was being committed

    @property
    def notes(self) -> list[str]:
        lines = restore_files.notes(self.files)
        if self.keys_note is not None:
            lines.append(self.keys_note)
        if self.late_ctrl_c:
            lines.append(stopping.finished_despite_ctrl_c())
        return lines


def dump_of(source: Path) -> Path:
    """The pg_dump file of a backup folder (or the older single dump file itself);
    StorageError when it is not a server database's backup."""
    folder = restore_files.backup_folder_of(source)
    dump = folder / backup_files.read_contents(folder).database if folder else source
    if not server_dump.is_dump(dump):
        raise StorageError(
            _(
                "{file} is not a backup of a server database (a pg_dump file); nothing was changed."
            ).format(file=source)
        )
    return dump


def checked_dump(db: Database, source: Path, allow_other_installation: bool = False) -> Path:
    """The dump of ``source`` once it is known to be a backup this HubDesk can restore here:
    a HubDesk hub's, of a version it knows, and of this hub unless ``allow_other_installation``
    (``server_dump_facts``). StorageError (OtherInstallationError for another hub's), nothing
    changed, otherwise."""
    from hubdesk.storage.restore import OtherInstallationError

    dump = dump_of(source)
    with db.engine.connect() as connection:
        # The tables HubDesk reads after the restore are those of this schema.
        schema = str(connection.execute(text("SELECT current_schema()")).scalar() or "public")
    facts = server_dump_facts.read_facts(dump, schema)
    server_dump_facts.refuse_unknown(source, facts)
    if allow_other_installation:
        return dump
    with db.engine.connect() as connection:
        current = connection.execute(text("SELECT id, name FROM installation")).first()
    if current is not None and current.id != facts.installation_id:
        raise OtherInstallationError(source, facts.installation_name or "", current.name)
    return dump


def restore_server(
    db: Database,
    data_dir: Path,
    source: Path,
    allow_other_installation: bool = False,
    step: Step | None = None,
) -> ServerRestore:
    """Replace the server database with the backup ``source`` and put its files on this PC.
    With ``step``, progress (checking the files, the safety backup, the restore by tables) and
    Cancel until the restore's transaction is committed: RestoreCancelled, nothing changed (the
    safety backup made for it deleted again)."""
    _owner_restores(db)
    dump = checked_dump(db, source, allow_other_installation)
    before = _installation_id(db)
    folder = restore_files.backup_folder_of(source)
    contents = backup_files.read_contents(folder) if folder else None
    named = set(contents.files) | set(contents.missing) if contents else set()
    work = Path(tempfile.mkdtemp(prefix=RESTORE_PREFIX, dir=data_dir))
    # Ctrl+C stops the restore as Cancel does until the script's COMMIT is sent, and is held
    # from then to the end (``stopping.ctrl_c_held``); psql and pg_restore do not get it.
    with ExitStack() as held:
        try:
            plan = restore_files.stage(
                folder, named, data_dir, work / "files", source, _between(step, 0, STAGED)
            )
            # no change lands between the safety backup and the restore
            with server.restoring(db):
                pressed = held.enter_context(stopping.ctrl_c_held())
                safety = _safety_backup(db, data_dir, stopping.or_ctrl_c(step, pressed))
                try:
                    with restore_files.files_in_place(data_dir, plan):
                        loading = stopping.or_ctrl_c(_between(step, SAFE, LOADED), pressed)
                        server_load.load(db.url, dump, loading)
                        _put_back_unless_sound(db, source, safety)
                except (RestoreCancelled, KeyboardInterrupt):
                    discard_backup(safety)
                    raise
                with db.engine.begin() as connection:
                    server_rights.bring_in_line(connection)
                    taken = _sign_with_keys_here(connection, data_dir, before)
            if contents is not None:
                restore_files.leave_only_named(data_dir, plan)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        note = keys_handed_over(data_dir, *taken) if taken is not None else None
        return ServerRestore(safety, plan, note, late_ctrl_c=bool(pressed))


def _between(step: Step | None, low: int, high: int) -> Step | None:
    return stopping.between(step, low, high, RestoreCancelled)


def _safety_backup(db: Database, data_dir: Path, step: Step | None) -> Path:
    """The current data dumped just before it is replaced; a Cancel meanwhile leaves
    nothing of it."""
    try:
        return make_backup(
            db, data_dir, server_dump.safety_path(data_dir), step=_between(step, STAGED, SAFE)
        ).path
    except BackupCancelled as stopped:
        raise RestoreCancelled() from stopped


def _owner_restores(db: Database) -> None:
    """Only the login owning the database (or the server's superuser) can replace its tables:
    another administrator's restore made a safety dump, then failed with "-9"."""
    query = text(
        "SELECT current_user, pg_get_userbyid(datdba), "
        "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
        "FROM pg_database WHERE datname = current_database()"
    )
    with db.engine.connect() as connection:
        login, owner, superuser = connection.execute(query).one()
    if login != owner and not superuser:
        raise StorageError(
            _(
                "Only the login that owns the hub's database ({owner}) can restore a backup "
                "over it; this PC works as {login}. Nothing was changed."
            ).format(owner=owner, login=login)
        )


def _installation_id(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT id FROM installation")).scalar()


def _sign_with_keys_here(
    connection: Connection, data_dir: Path, before: str | None
) -> tuple[KeyOwner, str | None] | None:
    """Another hub's backup restored (``--other-installation``): the keys of this PC, if it
    holds the hub's keys (its sync PC), sign for the restored hub from now on, as after a
    restore of another installation's file (``storage/restore.py``). Its record keeps their
    public key, and the keys are named for it once the restore has committed
    (``restore_keys.keys_handed_over``), so that a later restore over a lost database takes
    the restored hub's backups beside them, not the replaced one's. Returns whose the keys
    are now and the key the restored hub signed with before; None for the same hub."""
    row = connection.execute(text("SELECT id, name, signing_key FROM installation")).first()
    if row is None or row.id == before:
        return None
    own = signing_key_here(data_dir)
    if own is not None:
        connection.execute(text("UPDATE installation SET signing_key = :key"), {"key": own})
    return KeyOwner(str(row.id), str(row.name), None), row.signing_key


def _restored_problems(db: Database) -> list[str]:
    """What keeps the restored database from being one this HubDesk works on: a migration that
    fails, or any difference from the models once it is at the newest schema."""
    from hubdesk.storage.migrate import migrate
    from hubdesk.storage.server_check import schema_problems

    try:
        migrate(db, lock_key=server.MIGRATE_LOCK)
        with db.engine.connect() as connection:
            return schema_problems(connection)
    except StorageError as exc:
        return [str(exc)]
    except DBAPIError as exc:
        return [" ".join(str(exc.orig or exc).split())]


def _put_back_unless_sound(db: Database, source: Path, safety: Path) -> None:
    """Put the safety backup back, and refuse, when what ``source`` restored is not HubDesk's
    schema; a failed put-back says where the safety backup is."""
    problems = _restored_problems(db)
    if not problems:
        return
    refusal = _(
        "{path} cannot be restored: its tables are not those this HubDesk makes for the "
        "schema it names, so it was edited or is not a HubDesk backup ({detail})."
    ).format(path=source, detail=differences_summary(problems))
    try:
        server_load.load(db.url, dump_of(safety))  # the staff's rights with it (RIGHTS_IN_LINE)
    except StorageError as exc:
        raise StorageError(
            refusal
            + " "
            + _(
                "Putting the data back as it was failed too ({reason}): restore {backup} "
                "with the administrator's login."
            ).format(reason=exc, backup=safety)
        ) from exc
    raise StorageError(refusal + " " + _("The data was put back as it was; nothing changed."))
