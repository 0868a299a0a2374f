"""Restoring a backup over the data folder's database and files, refusing anything that is not one.

A backup is a folder with the database and its attached files, or (made by an older HubDesk) a
single database file; ``restore_files.py`` checks and puts back the files, all or none.

A file whose header or size rules it out is refused before anything else, from its first 100
bytes (a 2 GB file of junk in a blink). Everything else that can go wrong is tried on a private
copy of the backup first (reading it,
checking it, comparing its schema with exactly what HubDesk's migrations make for its revision,
migrating an older one, matching page sizes). Only then is the current database
backed up and its contents replaced with SQLite's online backup API, which writes through the
live database's own connection: the WAL and shared-memory files stay consistent and a failure
part-way rolls back, leaving the current data as it was.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.exc import DBAPIError

from hubdesk.i18n import _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.storage import restore_files, restore_unusable, stopping
from hubdesk.storage.backup import RESTORE_PREFIX, automatic_backup
from hubdesk.storage.backup_files import Step, named_files, not_a_backup_folder, read_contents
from hubdesk.storage.check import (
    differences_summary,
    header_problem,
    installation_rows,
    refuse_unusable_file,
    schema_revision,
    sound_problems,
)
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.errors import (
    BackupCancelled,
    OtherInstallationError,
    RestoreCancelled,
    StorageError,
)
from hubdesk.storage.key_match import KnownKeys, known_keys, own_key
from hubdesk.storage.migrate import head_revision, known_revisions, migrate
from hubdesk.storage.open import open_database
from hubdesk.storage.restore_keys import (
    OtherKeysError,
    UnreadableKeysError,
    hand_over_keys,
    refuse_beside_keys,
    refuse_other_keys,
    signing_key_here,
)
from hubdesk.storage.schema_shape import schema_differences

BEFORE_RESTORE = "before-restore"
# A restore's progress, in thousandths (``stopping``): the private copy of the backup, its
# check, its files, the safety backup of the current data; Cancel is heard until then, never
# once the data is being replaced.
COPIED, CHECKED, FILED, SAFE = 300, 500, 700, 950
COPY_CHUNK = 8 << 20  # bytes of the backup copied between two reports of progress
# the keys' refusals, and the one ``--other-installation`` lifts
__all__ = ["OtherInstallationError", "OtherKeysError", "UnreadableKeysError", "refuse_other_keys"]


@dataclass(frozen=True)
class BackupInfo:
    """What a valid backup holds, shown to the person before they confirm a restore."""

    source: Path
    revision: str
    installation_id: str
    installation_name: str
    municipality_name: str | None = None  # the municipality it records for; None for a hub
    known_keys: KnownKeys = ()  # the signing keys of its peers and trusted hub, with whose
    signing_key: str | None = None  # its own public key; None in a backup from before 0029

    @property
    def needs_migration(self) -> bool:
        return self.revision != head_revision()


class CurrentInstallation(NamedTuple):
    id: str
    name: str
    hlc_last: int


@dataclass(frozen=True)
class RestoreResult:
    info: BackupInfo
    safety_backup: Path  # the data as it was just before the restore
    files: restore_files.FilesPlan
    unusable: str | None = None  # why the database it replaced could not be opened
    keys_note: str | None = None  # another installation's backup: this PC's keys stay
    late_ctrl_c: bool = False  # Ctrl+C came once the data was being replaced

    @property
    def notes(self) -> list[str]:
        """What the person should know about the attached files (and the database replaced)."""
        lines = restore_files.notes(self.files)
        if self.unusable is not None:
            lines.insert(
                0,
                _(
                    "The database it replaced could not be opened ({problem}); it is kept "
                    "unchanged, with the attached files."
                ).format(problem=self.unusable),
            )
        if self.keys_note is not None:
            lines.append(self.keys_note)
        if self.late_ctrl_c:
            lines.append(stopping.finished_despite_ctrl_c())
        return lines


def inspect_backup(source: Path, data_dir: Path) -> BackupInfo:
    """Validate ``source`` as a HubDesk backup for ``data_dir`` without restoring it (the
    folder holds a copy meanwhile)."""
    refuse_live_database(data_dir, source)
    with _staged_copy(database_of(source), data_dir) as staged:
        return _validate(staged, source)


def refuse_live_database(data_dir: Path, source: Path) -> None:
    """The folder's own database chosen as the backup: said first, as what it is (beside its
    attached files it also looks like a backup that was never finished)."""
    live_path = database_path(data_dir)
    if source.exists() and live_path.exists() and source.resolve() == live_path.resolve():
        raise StorageError(
            _("{path} is the database in use; choose a backup file to restore.").format(path=source)
        )


def database_of(source: Path) -> Path:
    """The database file of what a person chose: a backup folder, its database, or an older
    backup's single file."""
    folder = restore_files.backup_folder_of(source)
    if folder is None:
        return source
    return folder / read_contents(folder).database


def restore_database(
    data_dir: Path,
    source: Path,
    *,
    allow_other_installation: bool = False,
    db: Database | None = None,
    step: Step | None = None,
    expected_installation: str | None = None,
) -> RestoreResult:
    """Replace the data folder's database and attached files with the backup ``source``.

    ``db`` is the data folder's open database when the caller has one (the window); otherwise
    it is opened here and closed again. Raises StorageError, with the current data unchanged,
    for anything that is not a restorable backup of this installation.

    A database of the folder's own that cannot be opened at all (damaged, altered) is replaced
    too, once the backup is checked: it is moved aside, never deleted (``restore_unusable``).
    ``expected_installation``: the id of the installation the person was asked about; a file
    that holds another by now (replaced between the question and the answer) is refused.
    """
    refuse_live_database(data_dir, source)
    live_path = database_path(data_dir)
    folder = restore_files.backup_folder_of(source)
    with ExitStack() as held:  # Ctrl+C, from the safety backup to the end
        with _staged_copy(database_of(source), data_dir, step) as staged:
            info = _validate(staged, source, step)
            if expected_installation not in (None, info.installation_id):
                raise StorageError(
                    _(
                        "{path} has changed since it was checked: it is no longer the backup you "
                        "were asked about. Nothing was changed."
                    ).format(path=source)
                )
            refuse_other_keys(data_dir, info)
            live = db
            # a folder with no database yet gets an empty one to restore into: a refusal
            # from here on must not leave it behind, as if something had been set up
            made_here = db is None and not live_path.exists()
            if live is None:
                opened = _open_live(data_dir)
                if isinstance(opened, restore_unusable.Unusable):
                    return _restore_over_unusable(
                        data_dir, staged, info, folder, opened, allow_other_installation, step, held
                    )
                live = opened
            try:
                current = current_installation(live)
                other = current is not None and current.id != info.installation_id
                if current is not None and other and not allow_other_installation:
                    raise OtherInstallationError(
                        source, info.installation_name, current.name, info.installation_id
                    )
                if info.needs_migration:
                    _migrate_copy(staged, source)
                clock_floor = current.hlc_last if current is not None and not other else None
                own_key = signing_key_here(data_dir) if other else None
                _prepare_copy(staged, _page_size(live), clock_floor, own_key)
                files = restore_files.stage(
                    folder, named_files(staged), data_dir, staged.parent / "files", source,
                    _between(step, CHECKED, FILED),
                )  # fmt: skip
                # Ctrl+C held from here to the end (see there); while the safety backup
                # copies, it stops the restore as Cancel does.
                late = held.enter_context(stopping.ctrl_c_held())
                safety = _safety_backup(live, data_dir, stopping.or_ctrl_c(step, late))
                with restore_files.files_in_place(data_dir, files):
                    _copy_into(staged, live)
                made_here = False  # it holds the restored data now
                restore_files.leave_only_named(data_dir, files)
            finally:
                if db is None:
                    live.close()
                if made_here:
                    _remove_database(live_path)
        keys = hand_over_keys(data_dir, info) if other else None
        return RestoreResult(
            info=info, safety_backup=safety, files=files, keys_note=keys, late_ctrl_c=bool(late)
        )


def _report(step: Step | None, done: int) -> None:
    stopping.report(step, done, RestoreCancelled)


def _between(step: Step | None, low: int, high: int) -> Step | None:
    return stopping.between(step, low, high, RestoreCancelled)


def _safety_backup(live: Database, data_dir: Path, step: Step | None) -> Path:
    """The current data backed up just before it is replaced (whatever its state). Cancel is
    heard while it is made, the half-made copy going, and never after: once made, it has
    rotated the oldest backup out, and the restore goes on."""
    try:
        return automatic_backup(
            live, data_dir, BEFORE_RESTORE, check=False, step=_between(step, FILED, SAFE)
        )
    except BackupCancelled as stopped:
        raise RestoreCancelled() from stopped


def _remove_database(path: Path) -> None:
    """The empty database a refused restore made in a new folder, with its journal files."""
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def _open_live(data_dir: Path) -> Database | restore_unusable.Unusable:
    """The folder's database opened, or why it cannot be and may be replaced; any other
    refusal (a newer HubDesk's, a busy file) is raised."""
    try:
        refuse_unusable_file(database_path(data_dir))
        return open_database(data_dir)
    except StorageError:
        unusable = restore_unusable.diagnose(data_dir)
        if unusable is None:
            raise
        return unusable


def _restore_over_unusable(
    data_dir: Path,
    staged: Path,
    info: BackupInfo,
    folder: Path | None,
    unusable: restore_unusable.Unusable,
    allow_other_installation: bool,
    step: Step | None,
    held: ExitStack,
) -> RestoreResult:
    """The checked backup in place of a database that cannot be opened, which is kept aside.
    Ctrl+C is ``held`` from the moment the database is set aside."""
    current = CurrentInstallation(*unusable.installation) if unusable.installation else None
    if current is None:
        refuse_beside_keys(data_dir, info)  # whose the folder is: only its keys can say
    other = current is not None and current.id != info.installation_id
    if current is not None and other and not allow_other_installation:
        raise OtherInstallationError(
            info.source, info.installation_name, current.name, info.installation_id
        )
    if info.needs_migration:
        _migrate_copy(staged, info.source)
    floor = current.hlc_last if current is not None and not other else None
    _prepare_copy(staged, None, floor, signing_key_here(data_dir) if other else None)
    files = restore_files.stage(
        folder, named_files(staged), data_dir, staged.parent / "files", info.source,
        _between(step, CHECKED, FILED),
    )  # fmt: skip
    _report(step, SAFE)  # the last moment Cancel is heard: nothing replaced yet
    late = held.enter_context(stopping.ctrl_c_held())
    aside = restore_unusable.set_aside(data_dir)
    with restore_files.files_in_place(data_dir, files):
        try:
            staged.replace(database_path(data_dir))
        except OSError:
            restore_unusable.put_back(data_dir, aside)
            raise
    restore_files.leave_only_named(data_dir, files)
    # a missing database left nothing to keep: the folder holds the attached files only
    problem = None if unusable.missing else unusable.problem
    keys = hand_over_keys(data_dir, info) if other else None
    return RestoreResult(
        info=info,
        safety_backup=aside,
        files=files,
        unusable=problem,
        keys_note=keys,
        late_ctrl_c=bool(late),
    )


@contextmanager
def _staged_copy(source: Path, work_dir: Path, step: Step | None = None) -> Iterator[Path]:
    """A private copy of ``source`` in a temporary folder inside ``work_dir``.

    Working on a copy means a backup on a read-only USB stick (or one pulled out half-way) is
    handled like any other, and the person's file is never modified.
    """
    if not source.exists():
        raise StorageError(_("There is no file at {path}.").format(path=source))
    if source.is_dir():
        raise StorageError(not_a_backup_folder(source) + " " + _("Nothing was changed."))
    if not source.is_file():
        raise StorageError(_("{path} is not a file.").format(path=source))
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=RESTORE_PREFIX, dir=work_dir))
    except OSError as exc:
        raise StorageError(
            _("Could not use the data folder {path}: {reason}").format(
                path=work_dir, reason=os_reason(exc)
            )
        ) from exc
    staged = folder / "backup.sqlite"
    try:
        try:
            _refuse_by_header(source)
        except OSError as exc:
            raise StorageError(
                _("Could not read {path}: {reason}").format(path=source, reason=os_reason(exc))
            ) from exc
        try:
            _copy_file(source, staged, step)
        except OSError as exc:  # reading the backup, or writing the copy (a full disk)
            raise StorageError(
                _(
                    "Could not copy {path} into the data folder {folder} to check it: {reason}. "
                    "Nothing was changed."
                ).format(path=source, folder=work_dir, reason=os_reason(exc))
            ) from exc
        yield staged
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _copy_file(source: Path, target: Path, step: Step | None) -> None:
    """The backup's database copied; with ``step`` a few megabytes at a time, hearing Cancel
    (a large backup on a slow USB stick takes a while)."""
    if step is None:
        shutil.copyfile(source, target)
        return
    size = max(source.stat().st_size, 1)
    with source.open("rb") as reading, target.open("wb") as writing:
        while chunk := reading.read(COPY_CHUNK):
            writing.write(chunk)
            _report(step, COPIED * min(reading.tell(), size) // size)


def _refuse_by_header(source: Path) -> None:
    """Refuse from the header and size alone: no copy, no scan of a file that cannot be one."""
    nothing_changed = _("Nothing was changed.")
    problem = header_problem(source)
    if problem == "not a database":
        raise StorageError(
            _("{path} is not a HubDesk backup (it is not a database file).").format(path=source)
            + " "
            + nothing_changed
        )
    if problem == "damaged":
        raise StorageError(
            _("{path} is damaged and cannot be restored (its header is not valid).").format(
                path=source
            )
            + " "
            + nothing_changed
        )
    if problem == "wrong size":
        raise StorageError(
            _(
                "{path} is damaged and cannot be restored (its size does not match its header)."
            ).format(path=source)
            + " "
            + nothing_changed
        )


def _validate(staged: Path, source: Path, step: Step | None = None) -> BackupInfo:
    nothing_changed = _("Nothing was changed.")
    try:
        conn = sqlite3.connect(staged)
        try:
            with stopping.cancel_heard(conn, step, COPIED, RestoreCancelled):
                problems = sound_problems(conn)
            unlike = None if problems else not_restorable(conn, source)
            sound = not problems and unlike is None
            revision = schema_revision(conn) if sound else None
            rows = installation_rows(conn) if sound else []
        finally:
            conn.close()
    except sqlite3.Error as exc:
        problems, unlike = [str(exc)], None
    if problems:
        raise StorageError(
            _("{path} is damaged and cannot be restored ({detail}).").format(
                path=source, detail=problems[0]
            )
            + " "
            + nothing_changed
        )
    if unlike is not None:
        raise StorageError(f"{unlike} {nothing_changed}")
    assert revision is not None, "a database not_restorable accepts has its revision"
    own, known = _keys_of(staged)
    return BackupInfo(
        source=source,
        revision=revision,
        installation_id=rows[0][0],
        installation_name=rows[0][1],
        municipality_name=_municipality_name(staged),
        known_keys=known,
        signing_key=own,
    )


def not_restorable(conn: sqlite3.Connection, source: Path, *, unset_ok: bool = False) -> str | None:
    """Why a sound SQLite database is no backup this HubDesk restores (None: it is one): not
    HubDesk's, made by a newer HubDesk, altered, or not one installation's. The restore and
    ``hubdesk check`` judge alike; ``unset_ok``: a backup of a folder not yet set up (the
    safety copy a first restore takes) is no problem to report, though nothing restores it."""
    revision = schema_revision(conn)
    if revision is None:
        return _("{path} is a database, but not a HubDesk backup.").format(path=source)
    if revision not in known_revisions():
        return _(
            "{path} was made by a newer version of HubDesk; install that version to restore it."
        ).format(path=source)
    differences = schema_differences(conn, revision)
    if differences:
        return _(
            "{path} is not exactly a HubDesk backup, so it may have been altered: {detail}"
        ).format(path=source, detail=differences_summary(differences))
    rows = installation_rows(conn)
    if len(rows) != 1 and not (unset_ok and not rows):
        return _(
            "{path} cannot be restored: it holds {count} installation records instead of one."
        ).format(path=source, count=len(rows))
    return None


def _keys_of(staged: Path) -> tuple[str | None, KnownKeys]:
    """The backup's own public key and those of the installations it knows (``key_match``)."""
    try:
        conn = sqlite3.connect(staged)
        try:
            return own_key(conn), known_keys(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None, ()


def _municipality_name(staged: Path) -> str | None:
    """The name of the municipality the backup's installation records for (None: a hub's)."""
    try:
        conn = sqlite3.connect(staged)
        try:
            row = conn.execute(
                "SELECT m.name FROM installation i JOIN municipalities m "
                "ON m.id = i.municipality_id"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return None if row is None else str(row[0])


def current_installation(db: Database) -> CurrentInstallation | None:
    """The data folder's installation as the restore needs it; None before set-up."""
    raw = db.engine.raw_connection()
    try:
        conn = raw.driver_connection
        row = conn.execute("SELECT id, name, hlc_last FROM installation").fetchone()  # type: ignore[union-attr]
    finally:
        raw.close()
    return CurrentInstallation(str(row[0]), str(row[1]), int(row[2])) if row else None


def _migrate_copy(staged: Path, source: Path) -> None:
    copy = Database.at(staged)
    try:
        migrate(copy)
        with copy.engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            at_head = revision.scalar() == head_revision()
    except (DBAPIError, StorageError) as exc:
        raise StorageError(
            _("{path} could not be brought up to date: {reason}. Nothing was changed.").format(
                path=source, reason=getattr(exc, "orig", None) or exc
            )
        ) from exc
    finally:
        copy.close()
    if not at_head:
        raise StorageError(
            _("{path} could not be brought up to date. Nothing was changed.").format(path=source)
        )


def _page_size(db: Database) -> int:
    raw = db.engine.raw_connection()
    try:
        return int(raw.driver_connection.execute("PRAGMA page_size").fetchone()[0])  # type: ignore[union-attr]
    finally:
        raw.close()


def _prepare_copy(
    staged: Path, page_size: int | None, clock_floor: int | None, own_key: str | None = None
) -> None:
    """Make the copy ready to go in unchanged: the live page size, and a clock that cannot
    go backwards.

    SQLite cannot back up into a WAL database of another page size (a backup made by another
    SQLite build may use one). The restored installation stamped records up to the backup's
    time; stamps handed out since then must never be issued again. ``own_key``: another
    installation's backup, confirmed, signs with this folder's key from now on
    (``restore_keys.hand_over_keys``), so its database keeps that one.
    """
    try:
        conn = sqlite3.connect(staged, isolation_level=None)
        try:
            if clock_floor is not None:
                conn.execute("UPDATE installation SET hlc_last = MAX(hlc_last, ?)", (clock_floor,))
            if own_key is not None:
                conn.execute("UPDATE installation SET signing_key = ?", (own_key,))
            current = conn.execute("PRAGMA page_size").fetchone()[0]
            if page_size is not None and current != page_size:
                conn.execute("PRAGMA journal_mode=DELETE")
                conn.execute(f"PRAGMA page_size={int(page_size)}")
                conn.execute("VACUUM")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(
            _("Could not prepare the backup for restoring: {reason}. Nothing was changed.").format(
                reason=exc
            )
        ) from exc


def _copy_into(staged: Path, live: Database) -> None:
    """Replace the live contents in one step (all pages, or none on failure)."""
    source = sqlite3.connect(staged)
    raw = live.engine.raw_connection()
    try:
        source.backup(raw.driver_connection)  # type: ignore[arg-type]
    except sqlite3.Error as exc:
        raise StorageError(
            _("Could not restore the backup: {reason}. The current data was kept.").format(
                reason=exc
            )
        ) from exc
    finally:
        raw.close()
        source.close()
