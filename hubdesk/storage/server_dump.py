"""Backups of a hub's server database: PostgreSQL's own ``pg_dump`` and ``pg_restore``.

A server database is backed up by the server's tools, not by copying a file: ``hubdesk
backup`` writes a dump in pg_dump's custom format (compressed, restorable table by table), and
``hubdesk restore`` of such a dump replaces the database in one transaction (``server_load``).
The automatic backups a municipality's PC makes (daily, before an import) are not made for a
server: an import is one transaction, and the administrator schedules dumps on the server
(README, "A hub on a PostgreSQL server").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from hubdesk.i18n import _
from hubdesk.storage.datadir import backups_dir
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError

DUMP_SUFFIX = ".pgdump"
PARTIAL_SUFFIX = ".partial"


def tool(name: str) -> str:
    """``pg_dump``, ``pg_restore`` or ``psql`` from PATH, or from the newest Debian server
    install."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if candidates:
        return str(candidates[-1])
    raise StorageError(
        _(
            "{tool} was not found. Install the PostgreSQL client tools on this PC "
            "(postgresql-client) to back up or restore the hub's database."
        ).format(tool=name)
    )


def connection_options(url: URL) -> tuple[list[str], dict[str, str]]:
    """Command-line options and environment for libpq: the password (if any) only in the
    environment, never on a command line other users can read."""
    args = ["--no-password", "--dbname", url.database or ""]
    if url.username:
        args += ["--username", url.username]
    host = url.host or url.query.get("host")
    if isinstance(host, tuple):
        host = host[0]
    if host:
        args += ["--host", str(host)]
    if url.port:
        args += ["--port", str(url.port)]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise StorageError(
            _("{tool} could not run: {reason}").format(tool=command[0], reason=exc)
        ) from exc
    if done.returncode != 0:
        reason = " ".join(done.stderr.split()) or str(done.returncode)
        raise StorageError(what.format(reason=reason))


def dump(url_text: str, target: Path, snapshot: str | None = None) -> Path:
    """Write the whole database to ``target`` (a temp name renamed into place when complete);
    as of ``snapshot`` (exported by a transaction still open) when one is given."""
    url = make_url(url_text)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    args, env = connection_options(url)
    if snapshot is not None:
        args = [f"--snapshot={snapshot}", *args]
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _run(
            [tool("pg_dump"), "--format=custom", "--file", str(partial), *args],
            env,
            _("The database server could not write the backup: {reason}"),
        )
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return target


def dump_with_files(db: Database, target: Path) -> tuple[Path, set[str]]:
    """Dump the database and name the attached files its live records need, both as of the
    same moment: the list is read in a transaction whose snapshot pg_dump is given.

    The files themselves are in the data folder of the PC that stored them (the one that
    attached them, or the sync PC for files that came in bundles); the backup carries those
    that are on this PC and lists the others as missing.
    """
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = str(connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar())
            named: set[str] = set()
            if connection.exec_driver_sql("SELECT to_regclass('attachments')").scalar():
                rows = connection.exec_driver_sql(
                    "SELECT DISTINCT sha256 FROM attachments WHERE NOT deleted"
                )
                named = {str(r[0]) for r in rows}
            dump(db.url, target, snapshot)
    return target, named


def safety_path(data_dir: Path) -> Path:
    """Where the backup made before a restore goes: a folder in the data folder's backups."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backups_dir(data_dir) / f"hubdesk-{stamp}-before-restore"


def is_dump(path: Path) -> bool:
    """pg_dump's custom format starts with ``PGDMP``."""
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"PGDMP"
    except OSError:
        return False
