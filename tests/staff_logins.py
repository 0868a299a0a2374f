"""Two staff of one hub on the test's PostgreSQL server, each with a login of their own, as the
server administrator and ``hubdesk staff add`` set them up (README)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from hubdesk.cli import main
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database


def add_login(url: str, login: str) -> str:
    """A login with the rights on the hub's database; its address for that login."""
    admin = Database(url)
    try:
        with admin.engine.begin() as connection:
            known = connection.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :login"), {"login": login}
            ).scalar()
            if not known:  # logins are the server's, shared by the tests' databases
                connection.execute(text(f"CREATE ROLE {login} LOGIN"))
            connection.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {login}"))
            connection.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {login}"))
    finally:
        admin.close()
    return make_url(url).set(username=login).render_as_string(hide_password=False)


@contextmanager
def two_staff(
    folder: Path, server_url: str, login: str, name: str
) -> Iterator[tuple[ServiceContext, ServiceContext]]:
    """The hub set up from its sync PC by its first administrator, and a colleague (``login``,
    called ``name``) on the staff list working from a PC of their own."""
    sync_pc = folder / "sync-pc"
    assert main(["--data-dir", str(sync_pc), "--database-url", server_url,
                 "init", "--role", "hub", "--name", "Regional hub"]) == 0  # fmt: skip
    colleague_url = add_login(server_url, login)
    assert main(["--data-dir", str(sync_pc), "staff", "add", login, "--name", name]) == 0
    admin_db, colleague_db = Database(server_url), Database(colleague_url)
    colleague_pc = folder / f"{login}-pc"
    colleague_pc.mkdir()
    try:
        yield load_context(admin_db, sync_pc), load_context(colleague_db, colleague_pc)
    finally:
        admin_db.close()
        colleague_db.close()
