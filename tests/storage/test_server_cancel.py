"""A hub's server backup and restore show their progress and stop at Cancel with nothing
changed, as a file's do: pg_dump is stopped and its half-written dump removed; a restore stopped
before its transaction is committed leaves the database as it was and keeps no safety dump.
The server tests run with ``--database postgresql`` (``bash dev test`` does)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_server_restore_refusals import installation_name

from hubdesk.cli import main
from hubdesk.services import datafolder
from hubdesk.services.installation import load_context
from hubdesk.storage import server_dump, server_load, server_restore
from hubdesk.storage.backup import make_backup
from hubdesk.storage.db import Database
from hubdesk.storage.errors import BackupCancelled, RestoreCancelled, StorageError
from hubdesk.storage.open import open_database
from hubdesk.storage.stopping import PROGRESS_TOTAL

HUB = "Regional hub"


def hub_with_a_backup(tmp_path: Path, url: str) -> tuple[Path, Path]:
    """A hub on the server, backed up, then renamed: a restore brings the name back."""
    folder = tmp_path / "hub"
    assert main(["--data-dir", str(folder), "--database-url", url,
                 "init", "--role", "hub", "--name", HUB]) == 0  # fmt: skip
    saved = tmp_path / "saved"
    assert main(["--data-dir", str(folder), "backup", "--to", str(saved)]) == 0
    rename(url, "Changed after the backup")
    return folder, saved


def rename(url: str, name: str) -> None:
    db = Database(url)
    try:
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE installation SET name = :n"), {"n": name})
    finally:
        db.close()


def left_in(folder: Path) -> list[str]:
    """What the backups folder holds (nothing a stopped backup or restore should leave)."""
    backups = folder / "backups"
    return sorted(p.name for p in backups.iterdir()) if backups.exists() else []


def stop_after(limit: int, seen: list[int]) -> Callable[[int, int], bool]:
    """A person who presses Cancel once the progress passes ``limit`` thousandths."""

    def step(done: int, total: int) -> bool:
        seen.append(done * PROGRESS_TOTAL // max(total, 1))
        return seen[-1] <= limit

    return step


def test_a_restore_stopped_while_it_restores_changes_nothing(
    tmp_path: Path, server_url: str
) -> None:
    folder, saved = hub_with_a_backup(tmp_path, server_url)
    ctx = load_context(open_database(folder), folder)
    seen: list[int] = []
    try:
        with pytest.raises(RestoreCancelled):
            datafolder.restore_backup(ctx, saved, stop_after(server_restore.SAFE, seen))
        assert seen[-1] > server_restore.SAFE  # stopped while the dump's tables went in
        assert installation_name(server_url) == "Changed after the backup"
        assert left_in(folder) == []  # the safety dump made for it is gone again
        assert not list(folder.glob(".restore-*"))
        # Nothing of it holds the database: the same restore, not stopped, goes through.
        seen.clear()
        datafolder.restore_backup(ctx, saved, stop_after(PROGRESS_TOTAL, seen))
    finally:
        ctx.db.close()
    assert installation_name(server_url) == HUB
    assert seen == sorted(seen) and seen[-1] >= server_restore.LOADED
    restoring = [s for s in seen if server_restore.SAFE < s <= server_restore.LOADED]
    assert restoring, seen  # the restore's own part is shown, not only its ends
    assert [name for name in left_in(folder) if name.endswith("before-restore")]


def test_a_restore_stopped_during_its_safety_backup_changes_nothing(
    tmp_path: Path, server_url: str
) -> None:
    folder, saved = hub_with_a_backup(tmp_path, server_url)
    db = open_database(folder)
    seen: list[int] = []
    try:
        with pytest.raises(RestoreCancelled):
            server_restore.restore_server(
                db, folder, saved, step=stop_after(server_restore.STAGED, seen)
            )
    finally:
        db.close()
    assert server_restore.STAGED < seen[-1] <= server_restore.SAFE
    assert installation_name(server_url) == "Changed after the backup"
    assert left_in(folder) == []


def test_a_backup_stopped_while_pg_dump_runs_leaves_nothing(
    tmp_path: Path, server_url: str
) -> None:
    """pg_dump waits for a table another session holds locked: the backup's Cancel stops it
    there, and nothing of the dump is left."""
    folder, _saved = hub_with_a_backup(tmp_path, server_url)
    holder = Database(server_url)
    db = open_database(folder)
    asked: list[int] = []

    def cancel_when_asked_again(done: int, total: int) -> bool:
        asked.append(done)
        return len(asked) < 2

    try:
        with holder.engine.connect() as locking:
            # Should the Cancel not be heard, the lock goes after 20 s and the test fails.
            locking.execute(text("SET idle_in_transaction_session_timeout = '20s'"))
            locking.execute(text("LOCK TABLE members IN ACCESS EXCLUSIVE MODE"))
            started = time.monotonic()
            with pytest.raises(BackupCancelled):
                make_backup(
                    db, folder, folder / "backups" / "stopped", step=cancel_when_asked_again
                )
            assert time.monotonic() - started < 30
            locking.rollback()
        assert asked == [0, 0]  # asked while pg_dump was held up, not only once it was done
        assert left_in(folder) == []
        # pg_dump's session ends once it is free to find its program gone.
        for _wait in range(100):
            with holder.engine.connect() as connection:
                dumping = connection.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pg_dump'")
                ).scalar()
            if not dumping:
                break
            time.sleep(0.1)
        assert not dumping
        made = make_backup(db, folder, folder / "backups" / "made")
        assert server_dump.is_dump(made.path / "hubdesk.pgdump")
    finally:
        db.close()
        holder.close()


def test_ctrl_c_stops_a_server_restore_until_its_commit_and_is_held_after(
    tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``hubdesk restore`` in a terminal: Ctrl+C while the script goes to psql stops it as
    Cancel does (psql and pg_restore, in a process group of their own, do not get it); once
    the COMMIT is sent, the restore goes on to its end and says so."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("only the main thread is told of Ctrl+C")
    folder, saved = hub_with_a_backup(tmp_path, server_url)
    monkeypatch.setattr(server_load, "CHUNK", 4096)  # the script in many pieces
    db = open_database(folder)

    def ctrl_c_while_restoring(done: int, total: int) -> None:
        if done * PROGRESS_TOTAL // total > server_restore.SAFE:
            os.kill(os.getpid(), signal.SIGINT)

    try:
        with pytest.raises(KeyboardInterrupt):
            server_restore.restore_server(db, folder, saved, step=ctrl_c_while_restoring)
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        assert installation_name(server_url) == "Changed after the backup"
        assert left_in(folder) == []
        checked = server_restore._put_back_unless_sound

        def ctrl_c_once_committed(*args: Any) -> None:
            os.kill(os.getpid(), signal.SIGINT)
            checked(*args)

        monkeypatch.setattr(server_restore, "_put_back_unless_sound", ctrl_c_once_committed)
        try:
            result = server_restore.restore_server(db, folder, saved)
        except KeyboardInterrupt:
            pytest.fail("Ctrl+C cut the restore short once it was committed")
    finally:
        db.close()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert installation_name(server_url) == HUB
    assert result.late_ctrl_c and "the restore was finished" in result.notes[-1]


# The progress read from what pg_dump says: a stand-in that says it as pg_dump --verbose does.
SAYS = """
import sys, time
for table in ("a", "b", "c"):
    print(f'pg_dump: dumping contents of table "public.{table}"', file=sys.stderr, flush=True)
    time.sleep(0.25)
if sys.argv[1] == "fail":
    print("pg_dump: error: could not write to output file: disk full", file=sys.stderr)
    sys.exit(1)
"""


def test_pg_dumps_progress_is_the_tables_it_has_dumped() -> None:
    told: list[tuple[int, int]] = []

    def step(done: int, total: int) -> None:
        told.append((done, total))

    server_dump._run([sys.executable, "-c", SAYS, "ok"], {}, "{reason}", 3, step)
    assert told == sorted(told) and {t for _d, t in told} == {3}
    assert {d for d, _t in told} == {0, 1, 2}


def test_pg_dumps_failure_is_told_without_its_progress_lines() -> None:
    with pytest.raises(StorageError) as failed:
        server_dump._run(
            [sys.executable, "-c", SAYS, "fail"], {}, "failed: {reason}", 3, lambda *_a: None
        )
    assert str(failed.value) == (
        "failed: pg_dump: error: could not write to output file: disk full"
    )


def test_pg_dumps_failure_in_the_pcs_language_is_told_whole() -> None:
    """Without progress (the command line) pg_dump speaks the PC's language, where an error
    line can look like a progress line: all it said is told."""
    said = "import sys; print('pg_dump: erreur : disque plein', file=sys.stderr); sys.exit(1)"
    with pytest.raises(StorageError) as failed:
        server_dump._run([sys.executable, "-c", said], {}, "failed: {reason}")
    assert str(failed.value) == "failed: pg_dump: erreur : disque plein"


# The progress of a restore: the script pg_restore writes, its tables' rows each begun by a
# COPY line, as a stand-in writes it (a line split between two reads counts once).
SCRIPT = """
import sys
out = sys.stdout.buffer
out.write(b"-- PostgreSQL database dump\\n" + b"CREATE TABLE t (x int);\\n" * 20000)
for table in range(4):
    out.write(b"COPY public.t%d (x) FROM stdin;\\n" % table + b"1\\n" * 150000 + b"\\\\.\\n")
"""


def pass_on_a_script(step: Callable[[int, int], object], received: list[bytes]) -> bytes:
    """What psql would have been given (kept in ``received`` when the step stops it)."""
    reader = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE)
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read())"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    reading = threading.Thread(target=lambda: received.append(writer.stdout.read()))  # type: ignore[union-attr]
    reading.start()
    try:
        server_load._pass_on(reader, writer, step, 4)
    finally:
        reader.kill()
        reader.wait()
        writer.wait()
        reading.join()
    return received[0]


def test_a_restores_progress_is_the_tables_begun_and_cancel_stops_before_commit() -> None:
    told: list[tuple[int, int]] = []

    def step(done: int, total: int) -> None:
        told.append((done, total))

    sent = pass_on_a_script(step, [])
    assert sent.endswith(b"\nCOMMIT;\n") and sent.count(b"\nCOPY ") == 4
    assert told == sorted(told) and {t for _d, t in told} == {4}
    assert {d for d, _t in told} == {0, 1, 2, 3, 4}
    received: list[bytes] = []
    with pytest.raises(RestoreCancelled):
        pass_on_a_script(lambda done, _total: done < 2, received)
    assert b"COPY public.t0 " in received[0] and b"COMMIT" not in received[0]


def test_every_postgresql_tool_starts_in_its_own_group_without_a_console() -> None:
    """pg_dump, pg_restore and psql, wherever HubDesk starts them: in a process group of their
    own (Ctrl+C is HubDesk's to handle) and, on Windows, without a console window flashing up
    over the window (``server_dump.TOOL_FLAGS``)."""
    import ast

    storage = Path(server_dump.__file__).parent
    calls = 0
    for path in sorted(storage.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "subprocess"
                and node.func.attr in ("run", "Popen", "call", "check_output")
            ):
                continue
            calls += 1
            given = {k.arg: ast.unparse(k.value) for k in node.keywords}
            where = f"{path.name}:{node.lineno}"
            assert given.get("start_new_session") == "True", where
            assert given.get("creationflags") == "TOOL_FLAGS", where
    assert calls >= 5  # pg_dump, pg_restore --list, the facts, and the restore's two
