"""A throwaway PostgreSQL server for the tests that also run on a hub's server database.

``pytest --database postgresql`` starts one server per test session (per xdist worker) from the
Debian ``postgresql`` binaries, as a non-root user on a Unix socket in a temporary folder, with
durability switched off (the tests need correctness, not crash safety). Each worker has a few
databases of its own (one per installation a test opens: municipality, hub, field laptop),
migrated once and emptied between tests, which is much faster than one database per test.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from hubdesk.storage.db import Database
from hubdesk.storage.migrate import migrate

ROLE = "hubdesk"


def binaries() -> Path | None:
    """The newest installed server's bin folder (Debian puts it under /usr/lib/postgresql)."""
    root = Path("/usr/lib/postgresql")
    versions = sorted(
        (p for p in root.glob("*/bin") if (p / "postgres").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1]
    found = shutil.which("pg_ctl")
    return Path(found).parent if found else None


def _as_user() -> tuple[list[str], Callable[[Path], None]]:
    """How to run the server: PostgreSQL refuses to run as root, so as root the server runs as
    ``nobody`` (``setpriv``), owning its folder."""
    if os.geteuid() != 0:
        return [], lambda _path: None
    nobody = pwd.getpwnam("nobody")

    def own(path: Path) -> None:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)

    prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups"]
    return prefix, own


class Server:
    def __init__(self, folder: Path) -> None:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError(
                "PostgreSQL is not installed: sudo apt-get install postgresql (bash dev test "
                "installs it)"
            )
        self.bin = bin_dir
        self.folder = folder
        self.socket = folder / "socket"
        self.data = folder / "data"
        self.prefix, own = _as_user()
        for path in (folder, self.socket):
            path.mkdir(exist_ok=True)
            own(path)
        self._run("initdb", "-D", str(self.data), "-U", ROLE, "--auth=trust", "-E", "UTF8")
        self.start()

    def start(self) -> None:
        options = (
            f"-k {self.socket} -c listen_addresses='' -c fsync=off -c full_page_writes=off "
            "-c synchronous_commit=off -c max_connections=60"
        )
        log = self.folder / "server.log"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(log), "-w", "start")
        self.running = True

    def halt(self) -> None:
        """The server goes away under its clients (as when it is restarted: their connections
        are cut); ``start`` brings it back with its data. Not ``immediate``: without durability
        that would lose what was committed."""
        self.running = False
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def reject(self, login: str) -> None:
        """The server's access rules (``pg_hba.conf``) turn ``login`` away, as a server does
        a PC or login its administrator has not allowed yet."""
        rules = self.data / "pg_hba.conf"
        rules.write_text(f"local all {login} reject\n" + rules.read_text())
        self._run("pg_ctl", "-D", str(self.data), "reload")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin / tool), *args],
            check=True,
            capture_output=True,
            cwd=self.folder,
        )

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{ROLE}@/{database}?host={self.socket}"

    def create(self, database: str, template: str | None = None) -> str:
        """An empty database, or a copy of ``template`` (much faster than migrating anew)."""
        admin = Database(self.url("postgres"))
        copy = f' TEMPLATE "{template}"' if template else ""
        try:
            with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
                conn.execute(text(f'CREATE DATABASE "{database}"{copy}'))
        finally:
            admin.close()
        return self.url(database)

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> Server:
    folder = Path(tempfile.mkdtemp(prefix="hubdesk-pg-"))
    os.chmod(folder, 0o755)
    return Server(folder)


class Pool:
    """The worker's migrated databases, handed out one per installation a test opens."""

    def __init__(self, server: Server, worker: str) -> None:
        self.server, self.worker = server, worker
        self.urls: list[str] = []
        self.used = 0
        self.spoiled: set[str] = set()
        self.has_template = False

    def take(self) -> Database:
        if self.used == len(self.urls):
            self.urls.append(self._migrated(f"hubdesk_{self.worker}_{len(self.urls)}"))
        url = self.urls[self.used]
        name = str(make_url(url).database)
        if name in self.spoiled:
            self.spoiled.discard(name)
            self.server.create(name, template=self._template())
        database = Database(url)
        self.used += 1
        empty(database)
        return database

    def spoil(self, database: Database) -> None:
        """A test altered the schema of ``database``: it is made anew before its next use."""
        self.spoiled.add(str(database.engine.url.database))

    def _template(self) -> str:
        """A migrated database nobody connects to, copied for a database a test spoiled."""
        name = f"hubdesk_{self.worker}_template"
        if not self.has_template:
            self._migrated(name)
            self.has_template = True
        return name

    def _migrated(self, name: str) -> str:
        url = self.server.create(name)
        database = Database(url)
        migrate(database)
        database.close()
        return url

    def release_all(self) -> None:
        self.used = 0


def empty(database: Database) -> None:
    """Every table emptied and every sequence started again, the schema and its revision
    kept. ``DELETE`` rather than ``TRUNCATE``: a test leaves a few rows in a few tables, and
    ``TRUNCATE`` gives each of the schema's two hundred tables and indexes a new file (about
    50 ms a database, taken a few times in most tests); with the links' triggers off for the
    transaction (``session_replication_role``) the order of the deletions does not matter."""
    with database.engine.begin() as conn:
        tables = conn.execute(
            text(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename <> 'alembic_version'"
            )
        ).scalars()
        sequences = conn.execute(
            text("SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")
        ).scalars()
        statements = ["SET LOCAL session_replication_role = replica"]
        statements += [f'DELETE FROM "{t}"' for t in tables]
        statements += [f'ALTER SEQUENCE "{s}" RESTART' for s in sequences]
        conn.execute(text("; ".join(statements)))


def add_login(url: str, login: str) -> str:
    """What the server's administrator does for a new staff member (README): a login, and no
    rights (HubDesk gives them when the login goes on the staff list). Logins are the
    server's, shared by the tests' databases. Returns the address that person uses."""
    admin = Database(url)
    try:
        with admin.engine.begin() as connection:
            known = connection.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :login"), {"login": login}
            ).scalar()
            if not known:
                connection.execute(text(f'CREATE ROLE "{login}" LOGIN'))
    finally:
        admin.close()
    return make_url(url).set(username=login).render_as_string(hide_password=False)
