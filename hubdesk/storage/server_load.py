"""Putting a dump into a hub's server database: the whole dump in one transaction, and nothing
left beside it.

``pg_restore --clean`` drops only what the dump itself holds. A table a later HubDesk made stays:
its links to older tables stop pg_restore from dropping those (a backup made before an upgrade
that added the trainings, which link to needs assessments, could not be restored at all), and
where nothing links, it stays beside the restored data, which the next migration then cannot
make, or it is a table no HubDesk makes that ``hubdesk check`` then reports. So the dump is
restored as pg_restore's script, run by ``psql`` in one transaction that first empties the hub's
schema (its tables, views, sequences, routines and types, whoever made them, save what an
extension owns) and commits only once pg_restore has written the whole script; if either tool
stops on an error, the transaction is never committed and the database is as it was.
"""

from __future__ import annotations

import errno
import subprocess
import tempfile
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

from hubdesk.i18n import _, ngettext
from hubdesk.storage.backup_files import Step
from hubdesk.storage.errors import RestoreCancelled, StorageError
from hubdesk.storage.server_dump import TOOL_FLAGS, connection_options, could_not_run, tool

# Every object of the current schema, dropped in an order CASCADE and IF EXISTS make safe.
# Objects an extension owns (deptype 'e') are the extension's to keep.
EMPTY_SCHEMA = b"""
DO $hubdesk$
DECLARE
  statement text;
BEGIN
  IF current_schema() IS NULL THEN
    RETURN;
  END IF;
  FOR statement IN
    SELECT format('DROP %s IF EXISTS %I.%I CASCADE',
                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                 WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                                 ELSE 'TABLE' END,
                  n.nspname, c.relname)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm', 'r', 'p', 'f', 'S')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.deptype = 'e')
    ORDER BY CASE c.relkind WHEN 'v' THEN 0 WHEN 'm' THEN 1 WHEN 'S' THEN 3 ELSE 2 END
  LOOP
    EXECUTE statement;
  END LOOP;
  FOR statement IN
    SELECT format('DROP %s IF EXISTS %s CASCADE',
                  CASE p.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END,
                  p.oid::regprocedure)
    FROM pg_proc p
    WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind IN ('f', 'p', 'a')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                        AND d.deptype = 'e')
  LOOP
    EXECUTE statement;
  END LOOP;
  FOR statement IN
    SELECT format('DROP %s IF EXISTS %I.%I CASCADE',
                  CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                  current_schema(), t.typname)
    FROM pg_type t
    WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype IN ('e', 'd', 'r')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                        AND d.deptype = 'e')
  LOOP
    EXECUTE statement;
  END LOOP;
EXCEPTION WHEN lock_not_available THEN
  RAISE EXCEPTION 'hubdesk: tables in use';  -- IN_USE, in no language of the server's
END
$hubdesk$;
"""
IN_USE = "hubdesk: tables in use"
# How long the emptying waits for a table another connection is reading or writing. A session
# left open in a transaction (psql, a report tool) held the restore for good, and every staff
# PC's next reading queued behind it: the whole hub stood still without a word.
LOCK_WAIT_SECONDS = 30


# pg_restore writes the script (to stdout) that drops and makes what the dump holds.
RESTORE_OPTIONS = ("--clean", "--if-exists", "--no-owner", "--no-privileges", "--file=-")
CHUNK = 256 << 10  # bytes of the script passed on between two reports of progress
COPY_LINE = b"\nCOPY "  # the script's start of a table's rows


def _tools() -> tuple[str, str]:
    return tool("pg_restore"), tool("psql")


def _said(stream: IO[bytes]) -> str:
    stream.seek(0)
    return " ".join(stream.read().decode("utf-8", "replace").split())


# Before the COMMIT, in the same transaction: the staff's rights as the restored staff list
# says (the dump's grants are left out). Run after the commit, a server gone away in between
# left the data restored and every staff login locked out. pg_restore's script empties the
# search path; the session's own comes back first. A backup from before the rights function
# (0027) has none to run.
RIGHTS_IN_LINE = (
    b"\nRESET search_path;\n"
    b"DO $$ BEGIN IF to_regproc('hubdesk_staff_rights') IS NOT NULL THEN "
    b"PERFORM hubdesk_staff_rights(); END IF; END $$;\n"
)


def _pass_on(
    reader: subprocess.Popen[bytes],
    writer: subprocess.Popen[bytes],
    step: Step | None = None,
    tables: int = 0,
) -> None:
    """Feed psql the transaction: the emptying, pg_restore's script, and COMMIT only when
    pg_restore wrote all of it. When psql stops reading (it met an error), its exit status
    says so: the caller reads it. ``step`` is told how many of the dump's ``tables`` of rows
    the script has begun (its ``COPY`` lines) and, answering False, stops the restore before
    the COMMIT (RestoreCancelled): psql's end then rolls everything back."""
    assert reader.stdout is not None and writer.stdin is not None
    begun, tail = 0, b""
    try:
        wait = f"SET LOCAL lock_timeout = '{LOCK_WAIT_SECONDS}s';\n".encode()
        writer.stdin.write(b"BEGIN;\n" + wait + EMPTY_SCHEMA)
        while chunk := reader.stdout.read(CHUNK):
            if step is not None:
                begun += (tail + chunk).count(COPY_LINE)
                tail = chunk[-len(COPY_LINE) + 1 :]
                if step(min(begun, tables), max(tables, 1)) is False:
                    raise RestoreCancelled()
            writer.stdin.write(chunk)
        if reader.wait() == 0:
            writer.stdin.write(RIGHTS_IN_LINE + b"\nCOMMIT;\n")
    except OSError as exc:
        if not _stopped_reading(exc):
            raise
    finally:
        _close_input(writer)  # without COMMIT, psql's end rolls the transaction back


def _stopped_reading(exc: OSError) -> bool:
    """psql stopped reading its input (it met an error, which its exit status then says): a
    broken pipe, which Windows reports as an invalid argument."""
    return isinstance(exc, BrokenPipeError) or exc.errno == errno.EINVAL


def _close_input(writer: subprocess.Popen[bytes]) -> None:
    if writer.stdin is None or writer.stdin.closed:
        return
    try:
        writer.stdin.close()
    except OSError as exc:
        if not _stopped_reading(exc):
            raise


def tables_of(source: Path) -> int:
    """How many tables' rows the dump holds (its table of contents' ``TABLE DATA``
    entries, which pg_restore lists the same in every language); 0 if it cannot say."""
    try:
        listed = subprocess.run(
            [tool("pg_restore"), "--list", str(source)],
            capture_output=True,
            check=False,
            start_new_session=True,
            creationflags=TOOL_FLAGS,
        )
    except OSError:
        return 0
    return listed.stdout.count(b" TABLE DATA ") if listed.returncode == 0 else 0


def load(url_text: str, source: Path, step: Step | None = None) -> None:
    """Replace everything in the hub's schema with the dump ``source``, all of it or nothing.

    The dump's owners and grants are left out: they name the logins of the backup's day, and
    one dropped since would fail the whole restore (``server_restore`` brings the rights in
    line with the restored staff list right after). With ``step``: progress by tables, and
    Cancel heard until the whole script is sent (RestoreCancelled, nothing changed)."""
    args, env = connection_options(make_url(url_text))
    restore_tool, psql = _tools()
    tables = tables_of(source) if step is not None else 0
    failed = _("The backup could not be restored; the database was left as it was: {reason}")
    with tempfile.TemporaryFile() as restore_said, tempfile.TemporaryFile() as psql_said:
        started: list[subprocess.Popen[bytes]] = []  # pg_restore, then psql
        try:
            try:
                started.append(
                    subprocess.Popen(
                        [restore_tool, *RESTORE_OPTIONS, str(source)],
                        stdout=subprocess.PIPE,
                        stderr=restore_said,
                        env=env,
                        start_new_session=True,
                        creationflags=TOOL_FLAGS,
                    )
                )
                started.append(
                    subprocess.Popen(
                        [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", *args],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.DEVNULL,
                        stderr=psql_said,
                        env=env,
                        start_new_session=True,
                        creationflags=TOOL_FLAGS,
                    )
                )
            except OSError as exc:
                program = psql if started else restore_tool
                raise StorageError(could_not_run(program, exc)) from exc
            _pass_on(started[0], started[1], step, tables)
        finally:
            # Whatever stopped the restore, nothing is left running: psql's input closed (no
            # COMMIT: rolled back), pg_restore stopped once nobody reads its script.
            if len(started) == 2:
                _close_input(started[1])
            if started and started[0].poll() is None:
                started[0].kill()
            ended = [process.wait() for process in started]
        restored, committed = ended
        # psql first: when it stops on an error, pg_restore is killed for want of a reader,
        # and its own code (-9) said nothing of why.
        if committed != 0:
            said = _said(psql_said)
            if IN_USE in said:
                raise StorageError(
                    ngettext(
                        "Another connection to the hub's database kept using its tables for "
                        "{seconds} second (a backup being made, a long report, or psql left "
                        "open), so the backup was not restored; the database was left as it "
                        "was. Try again when that connection has finished.",
                        "Another connection to the hub's database kept using its tables for "
                        "{seconds} seconds (a backup being made, a long report, or psql left "
                        "open), so the backup was not restored; the database was left as it "
                        "was. Try again when that connection has finished.",
                        LOCK_WAIT_SECONDS,
                    ).format(seconds=LOCK_WAIT_SECONDS)
                )
            raise StorageError(failed.format(reason=said or committed))
        if restored != 0:
            raise StorageError(failed.format(reason=_said(restore_said) or restored))
