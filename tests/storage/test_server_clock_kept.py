"""The server keeps the hub's clock true against a staff login (migration 0031).

Every change a staff PC saves moves the clock on ``installation`` (``storage/server_clock.py``),
so a staff login may write it; from ``psql`` one staff member could then set it a month ahead,
every later change would be stamped that far ahead, and municipalities refuse stamps more than
the allowed drift ahead of their own clock: every bundle of the hub, everywhere. Run with
``--database postgresql``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from pg import add_login
from sqlalchemy import text
from test_server_logins import owned_hub, run

from hubdesk.cli import main
from hubdesk.domain.hlc import COUNTER_BITS, COUNTER_MAX
from hubdesk.services import calls
from hubdesk.services.installation import load_context, set_language
from hubdesk.storage import server
from hubdesk.storage.check import check_database
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.migrate import alembic_config

MONTH_AHEAD = (
    "(CAST(EXTRACT(EPOCH FROM clock_timestamp() + interval '30 days') * 1000 AS BIGINT) "
    f"<< {COUNTER_BITS}) + :counter"
)
CLOCK_REFUSED = "refused to move the hub's clock"


def clock_refused(url: str, statement: str, **values: object) -> None:
    with pytest.raises(StorageError, match=CLOCK_REFUSED):
        run(url, statement, **values)


def stored_clock(url: str) -> int:
    return int(str(run(url, "SELECT hlc_last FROM installation")))


def staff_hub(tmp_path: Path, server_url: str) -> tuple[str, str, str]:
    """A hub its owner set up, with amina on the staff and edon an administrator."""
    owner_url = owned_hub(tmp_path / "admin-pc", server_url)
    amina_url, edon_url = add_login(server_url, "amina"), add_login(server_url, "edon")
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc"), "staff", "add"]
    assert main([*admin_pc, "amina", "--name", "Amina"]) == 0
    assert main([*admin_pc, "edon", "--name", "Edon", "--admin"]) == 0
    return owner_url, amina_url, edon_url


def test_a_staff_login_cannot_move_the_hubs_clock_ahead_or_back(
    tmp_path: Path, server_url: str
) -> None:
    owner_url, amina_url, edon_url = staff_hub(tmp_path, server_url)
    db = Database(amina_url)
    try:  # her work moves the clock on, as it must
        amina = load_context(db, tmp_path / "amina-pc")
        before = stored_clock(owner_url)
        call = calls.create_call(amina, {"title": "Youth voices", "round": "1"})
        calls.update_call(amina, call.id, {"title": "Youth voices 2027"})
        set_language(amina, "sq")
        assert stored_clock(owner_url) > before
        for url in (amina_url, edon_url):  # an administrator's login is no exception
            clock_refused(url, f"UPDATE installation SET hlc_last = {MONTH_AHEAD}", counter=0)
            clock_refused(url, "UPDATE installation SET hlc_last = hlc_last - 1")
        run(amina_url, "UPDATE installation SET name = name")  # the clock left as it is
        calls.update_call(amina, call.id, {"title": "Youth voices 2028"})  # her work goes on
        # The owner's login (restores, upgrades) is left alone. A clock already ahead (the
        # server's own time set back) is not moved further, but the work goes on within it.
        run(owner_url, f"UPDATE installation SET hlc_last = {MONTH_AHEAD}", counter=0)
        ahead = stored_clock(owner_url)
        calls.update_call(amina, call.id, {"title": "Youth voices 2029"})
        assert stored_clock(owner_url) >> COUNTER_BITS == ahead >> COUNTER_BITS
    finally:
        db.close()


def test_a_refused_clock_reaches_the_staff_member_as_one_translated_line(
    tmp_path: Path, server_url: str
) -> None:
    owner_url, amina_url, _edon_url = staff_hub(tmp_path, server_url)
    db = Database(amina_url)
    try:
        amina = load_context(db, tmp_path / "amina-pc")
        call = calls.create_call(amina, {"title": "Youth voices", "round": "1"})
        # The next stamp would have to go past the allowed drift: the change is refused.
        run(owner_url, f"UPDATE installation SET hlc_last = {MONTH_AHEAD}", counter=COUNTER_MAX)
        with pytest.raises(StorageError, match=f"{CLOCK_REFUSED} .* 24 hours") as refused:
            calls.update_call(amina, call.id, {"title": "Youth voices 2027"})
        assert "\n" not in str(refused.value) and "hubdesk:" not in str(refused.value)
    finally:
        db.close()


def test_an_upgrade_and_a_restore_keep_the_clock_true(tmp_path: Path, server_url: str) -> None:
    owner_url, amina_url, _edon_url = staff_hub(tmp_path, server_url)
    admin_pc = ["--data-dir", str(tmp_path / "admin-pc")]
    saved = tmp_path / "hub-backup"
    assert main([*admin_pc, "backup", "--to", str(saved)]) == 0
    owner = Database(owner_url)
    try:  # the hub as HubDesk left it at 0030, when a staff login could
        with owner.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0030")
    finally:
        owner.close()
    back = stored_clock(owner_url)
    run(amina_url, "UPDATE installation SET hlc_last = hlc_last - 1")
    server.open_server_database(server.parse_url(owner_url)).close()  # the upgrade
    clock_refused(amina_url, f"UPDATE installation SET hlc_last = {MONTH_AHEAD}", counter=0)
    assert stored_clock(owner_url) == back - 1
    assert main([*admin_pc, "restore", str(saved), "--yes"]) == 0  # the owner restores
    clock_refused(amina_url, f"UPDATE installation SET hlc_last = {MONTH_AHEAD}", counter=0)
    owner = Database(owner_url)
    try:
        assert check_database(owner) == []  # the trigger is HubDesk's own
        with owner.engine.begin() as connection:
            connection.execute(text("DROP TRIGGER installation_clock ON installation"))
        assert check_database(owner) == ["The trigger installation_clock is missing."]
    finally:
        owner.close()
