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
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

from sqlalchemy.engine import URL, make_url

from hubdesk.i18n import _
from hubdesk.storage.backup_files import Step
from hubdesk.storage.datadir import backups_dir
from hubdesk.storage.db import Database
from hubdesk.storage.errors import BackupCancelled, StorageError

DUMP_SUFFIX = ".pgdump"
PARTIAL_SUFFIX = ".partial"
POLL_SECONDS = 0.1  # how often a running tool's progress is read (and Cancel heard)
# What pg_dump --verbose says as it starts a table's rows (its messages in English, see
# ``with_messages_in_english``), and the tables whose rows it dumps (all but the system's).
DUMPING = b"dumping contents of table"
_PROGRESS = re.compile(r"^pg_dump: (?!error|detail|hint|warning|fatal)[a-z]")
# How the PostgreSQL tools are started (with ``start_new_session=True`` too): in a process group
# of their own, so that Ctrl+C in a terminal reaches HubDesk alone, which stops them itself or
# lets them finish what cannot stop half-way (a restore's COMMIT); and on Windows without a
# console window of their own, which the window's backup would otherwise flash for as long as
# pg_dump runs.
if sys.platform == "win32":
    TOOL_FLAGS = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
else:
    TOOL_FLAGS = 0
TABLES_DUMPED = (
    "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND left(n.nspname, 8) <> 'pg_toast'"
)


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


def could_not_run(program: str, exc: OSError) -> str:
    return _("{tool} could not run: {reason}").format(tool=program, reason=exc)


def _run(
    command: list[str], env: dict[str, str], what: str, tables: int = 0, step: Step | None = None
) -> None:
    """Run ``command`` to its end; StorageError with what it said if it fails. With ``step``
    (``tables`` of data to dump), pg_dump says each table it starts (``--verbose``), which is
    the progress told to ``step``; once ``step`` answers False the tool is stopped and
    BackupCancelled raised (its half-written file is the caller's to remove)."""
    said: list[bytes] = []  # its lines so far, read as it writes them (``_listen``)
    process: subprocess.Popen[bytes] | None = None
    listening: threading.Thread | None = None
    try:
        try:
            process = subprocess.Popen(
                command,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                start_new_session=True,
                creationflags=TOOL_FLAGS,
            )
        except OSError as exc:
            raise StorageError(could_not_run(command[0], exc)) from exc
        listening = threading.Thread(target=_listen, args=(process.stderr, said), daemon=True)
        listening.start()
        while True:
            try:
                code = process.wait(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                if step is not None:
                    started = sum(1 for line in list(said) if DUMPING in line)
                    if step(max(started - 1, 0), max(tables, started, 1)) is False:
                        raise BackupCancelled() from None
    finally:
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.wait()
        if listening is not None:
            listening.join()  # the tool has ended: its output is closed
    if code != 0:
        text = b"".join(said).decode("utf-8", "replace")
        reason = (_problems(text) if step is not None else " ".join(text.split())) or str(code)
        raise StorageError(what.format(reason=reason))


def _listen(output: IO[bytes], said: list[bytes]) -> None:
    """Keep the lines the tool writes to its error output until it ends (its own thread, so
    that the pipe never fills and the progress is read as it comes)."""
    with output:
        for line in output:
            said.append(line)


def _problems(said: str) -> str:
    """What pg_dump said in English, less the lines ``--verbose`` added (``pg_dump: reading
    ...``); only for a run with ``--verbose``, whose messages are English."""
    lines = [line for line in said.splitlines() if line.strip() and not _PROGRESS.match(line)]
    return " ".join(" ".join(lines).split())


def with_messages_in_english(env: dict[str, str]) -> dict[str, str]:
    """The tool's messages untranslated (whatever the PC's language), so that its progress
    lines can be recognised."""
    quiet = {name: value for name, value in env.items() if name not in ("LC_ALL", "LANGUAGE")}
    quiet["LC_MESSAGES"] = "C"
    return quiet


def dump(
    url_text: str,
    target: Path,
    snapshot: str | None = None,
    *,
    tables: int = 0,
    step: Step | None = None,
) -> Path:
    """Write the whole database to ``target`` (a temp name renamed into place when complete);
    as of ``snapshot`` (exported by a transaction still open) when one is given. With ``step``,
    the progress through its ``tables`` is told and Cancel heard (BackupCancelled, nothing
    left of the dump)."""
    url = make_url(url_text)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    args, env = connection_options(url)
    if snapshot is not None:
        args = [f"--snapshot={snapshot}", *args]
    if step is not None:
        args = ["--verbose", *args]
        env = with_messages_in_english(env)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        _run(
            [tool("pg_dump"), "--format=custom", "--file", str(partial), *args],
            env,
            _("The database server could not write the backup: {reason}"),
            tables,
            step,
        )
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return target


def dump_with_files(db: Database, target: Path, step: Step | None = None) -> tuple[Path, set[str]]:
    """Dump the database and name the attached files its live records need, both as of the
    same moment: the list is read in a transaction whose snapshot pg_dump is given. ``step``:
    as for ``dump``.

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
            tables = int(connection.exec_driver_sql(TABLES_DUMPED).scalar() or 0)
            dump(db.url, target, snapshot, tables=tables, step=step)
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
