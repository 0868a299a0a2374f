"""``hubdesk stats``, ``hubdesk backup`` and ``hubdesk check``."""

from __future__ import annotations

import errno
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage import backup_files
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database

Run = Callable[..., Any]
STAT_KEYS = {
    "members",
    "teams",
    "meetings",
    "action_items",
    "youth_activities",
    "fund_proposals",
    "budget_lines",
    "period_submissions",
    "reviews",
    "proposal_comments",
    "calls",
    "tranches",
    "attachments",
    "engagements",
    "helpdesk_requests",
    "trainings",
    "conflicts",
    "needs_assessments",
    "community_activities",
}
STAT_KEYS |= {"exchanges", "good_practices", "published_practices"}  # issue 14 §3
STAT_KEYS |= {"exchanges", "good_practices", "published_practices"}  # issue 14 §3


@contextmanager
def opened(folder: Path) -> Iterator[ServiceContext]:
    db = open_database(folder)
    try:
        yield load_context(db, folder)
    finally:
        db.close()


def add_team(folder: Path, name: str) -> str:
    with opened(folder) as ctx:
        cat = team.create_team(ctx, {"name": name, "kind": "cat"})
        team.create_member(
            ctx,
            {
                "team_id": cat.id,
                "name": "Ana Petrovska",
                "organisation": "Municipality",
                "sector": "local_government",
                "role": "focal_point",
                "gender": "female",
            },
        )
        return cat.id


def team_names(folder: Path) -> list[str]:
    conn = sqlite3.connect(database_path(folder))
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM teams"))
    finally:
        conn.close()


# --- stats --------------------------------------------------------------------------------------


def test_stats_json_is_exactly_one_object(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    add_team(folder, "CAT Kumanovo")
    result = hubdesk("stats", "--json")
    assert result.code == 0 and result.err == ""
    counts = json.loads(result.out)  # fails on anything but exactly one JSON document
    assert isinstance(counts, dict)
    assert set(counts) == STAT_KEYS
    assert counts["teams"] == 1 and counts["members"] == 1 and counts["meetings"] == 0


def test_stats_table_is_aligned_and_labelled(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    add_team(folder, "CAT Kumanovo")
    result = hubdesk("stats")
    assert result.code == 0
    lines = result.out.splitlines()
    assert len(lines) == len(STAT_KEYS)
    assert lines[0].startswith("Teams") and lines[0].endswith("1")
    assert any(line.startswith("Team members") for line in lines)
    assert any(line.startswith("Sync conflicts") for line in lines)
    assert len({len(line) for line in lines}) == 1  # numbers right-aligned in one column
    assert any(line.startswith("Community activities") for line in lines)
    assert not any("_" in line.split()[0] for line in lines)  # no table's code name


def test_every_counted_kind_has_a_label() -> None:
    from hubdesk.commands.data import STAT_LABELS

    assert set(STAT_LABELS) >= STAT_KEYS


def test_stats_before_setup_is_a_clear_error(hubdesk: Run, folder: Path) -> None:
    line = hubdesk("stats", "--json").one_line_error()
    assert "not set up" in line and str(folder) in line
    assert not folder.exists()  # a read command creates nothing


def test_stats_in_a_folder_with_an_empty_database(hubdesk: Run, folder: Path) -> None:
    open_database(folder).close()
    assert "not set up" in hubdesk("stats").one_line_error()


# --- backup -------------------------------------------------------------------------------------


def test_backup_writes_a_restorable_copy(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    add_team(folder, "CAT Kumanovo")
    target = tmp_path / "usb" / "kumanovo-backup"
    target.parent.mkdir()  # the stick, put in
    result = hubdesk("backup", "--to", str(target))
    assert result.code == 0 and str(target) in result.out
    assert "the database and 0 attached files" in result.out
    assert (target / "contents.json").is_file()
    conn = sqlite3.connect(target / "hubdesk.sqlite")
    assert conn.execute("SELECT name FROM teams").fetchall() == [("CAT Kumanovo",)]
    conn.close()
    assert not list(target.parent.glob("*.partial"))


def test_backup_refuses_to_overwrite_without_force(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "existing.sqlite"  # last month's backup, as older HubDesks wrote them
    shutil.copyfile(database_path(folder), target)
    before = target.read_bytes()
    line = hubdesk("backup", "--to", str(target)).one_line_error()
    assert "exists already" in line and "--force" in line
    assert target.read_bytes() == before

    assert hubdesk("backup", "--to", str(target), "--force").code == 0
    assert (target / "hubdesk.sqlite").read_bytes().startswith(b"SQLite format 3\x00")
    assert hubdesk("backup", "--to", str(target), "--force").code == 0  # a backup replaced
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("existing.sqlite.")]


def test_force_never_replaces_another_installations_backup(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    """A stick two installations share: --force replaced the other's backup with this one's,
    and that may have been the only copy of its records. Only this installation's own older
    backup is replaced."""
    stick = tmp_path / "usb" / "hubdesk-backup"
    stick.parent.mkdir()
    other = tmp_path / "gostivar"
    made = hubdesk("--data-dir", str(other), "init", "--role", "municipality",
                   "--name", "Gostivar", "--country", "MK")  # fmt: skip
    assert made.code == 0, made.err
    assert hubdesk("--data-dir", str(other), "backup", "--to", str(stick)).code == 0
    before = (stick / "hubdesk.sqlite").read_bytes()
    line = hubdesk("backup", "--to", str(stick), "--force").one_line_error()
    assert "another installation, 'Gostivar'" in line and "nothing was written" in line
    assert (stick / "hubdesk.sqlite").read_bytes() == before
    # its own backup there is replaced as before
    assert hubdesk("--data-dir", str(other), "backup", "--to", str(stick), "--force").code == 0


def test_force_never_replaces_a_file_that_is_not_a_backup(
    hubdesk: Run, kumanovo: object, tmp_path: Path
) -> None:
    """--force replaces an older backup; a document that has the name given stays."""
    document = tmp_path / "Корисник Č" / "теза.docx"
    document.parent.mkdir()
    document.write_bytes(b"a year of work")
    line = hubdesk("backup", "--to", str(document), "--force").one_line_error()
    assert "not a HubDesk backup" in line
    # without --force, what it is comes first: "add --force" would only lead to this refusal
    line = hubdesk("backup", "--to", str(document)).one_line_error()
    assert "not a HubDesk backup" in line and "--force" not in line
    assert document.read_bytes() == b"a year of work"


def test_backup_into_a_folder_of_other_things_is_refused(
    hubdesk: Run, kumanovo: object, tmp_path: Path
) -> None:
    (tmp_path / "letters.txt").write_text("keep me")
    line = hubdesk("backup", "--to", str(tmp_path), "--force").one_line_error()
    assert "not a HubDesk backup" in line
    assert (tmp_path / "letters.txt").read_text() == "keep me"


def test_backup_to_an_unwritable_place_is_one_line(
    hubdesk: Run, kumanovo: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def stick_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_files, "write_contents", stick_full)
    target = tmp_path / "backup-1"
    line = hubdesk("backup", "--to", str(target)).one_line_error()
    assert "Could not write the backup" in line and "No space left on device" in line
    assert list(tmp_path.iterdir()) == [tmp_path / "hubdesk-data"]  # no half-made backup


def test_backup_onto_a_stick_taken_out_is_refused(
    hubdesk: Run, kumanovo: object, tmp_path: Path
) -> None:
    """The stick's folder is gone: the backup is not made on this PC's own disk under the
    stick's name, which a person would take for a backup on the stick."""
    stick = tmp_path / "media" / "USB Стапче"
    target = stick / "HubDesk" / "backup-1"
    line = hubdesk("backup", "--to", str(target)).one_line_error()
    assert f"The folder {target.parent} is not there" in line and "nothing was written" in line
    assert not stick.exists() and not list(tmp_path.rglob("*.partial"))


def test_backup_over_the_live_database_is_refused(
    hubdesk: Run, kumanovo: object, folder: Path
) -> None:
    line = hubdesk("backup", "--to", str(database_path(folder)), "--force").one_line_error()
    assert "database in use" in line


def test_backup_before_setup(hubdesk: Run, tmp_path: Path) -> None:
    line = hubdesk("backup", "--to", str(tmp_path / "b.sqlite")).one_line_error()
    assert "not set up" in line
    assert not (tmp_path / "b.sqlite").exists()


# --- check --------------------------------------------------------------------------------------


def test_check_healthy(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    add_team(folder, "CAT")
    result = hubdesk("check")
    assert result.code == 0 and result.err == ""
    assert "Database is healthy" in result.out


def test_check_lists_every_problem_on_stderr(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    team_id = add_team(folder, "CAT")
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE teams SET municipality_id = 'gone'")
    conn.execute(
        "INSERT INTO installation (id, role, name, language, hlc_last, created_at) "
        "VALUES ('second', 'hub', 'Hub', 'en', 0, '2025-01-01 00:00:00.000000')"
    )
    conn.close()

    result = hubdesk("check")

    assert result.code == 1
    assert "Traceback" not in result.err
    lines = result.err_lines
    assert any(team_id in line and "municipality_id" in line for line in lines)
    assert any("2 installation records" in line for line in lines)
    assert lines[-1] == "2 problems found."


def test_a_value_edited_outside_hubdesk_is_named_and_no_command_shows_a_traceback(
    hubdesk: Run, kumanovo: object, folder: Path
) -> None:
    """A date typed the local way in another SQLite tool, a number and a yes/no kept as text:
    SQLite keeps them; ``check`` names each, and a command that reads the row says so in one
    line instead of a traceback."""
    team_id = add_team(folder, "CAT")
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    conn.execute("UPDATE teams SET established_on = '31.12.2023', version = 'v2' WHERE id = ?",
                 (team_id,))  # fmt: skip
    conn.execute("UPDATE installation SET created_at = 'yesterday'")
    conn.close()

    result = hubdesk("check")

    assert result.code == 1 and "Traceback" not in result.err
    lines = result.err_lines
    assert any(team_id in line and "established_on holds '31.12.2023'" in line for line in lines)
    assert any("created_at holds 'yesterday'" in line for line in lines)
    assert lines[-1] == "2 problems found."  # one per record, naming its first bad value
    line = hubdesk("teams", "list").one_line_error()
    assert "cannot read" in line and "yesterday" in line and "hubdesk check" in line


# The two triggers and the extra column a forged backup once brought in unnoticed.
TAMPERING = [
    "CREATE TRIGGER wipe_meetings AFTER UPDATE ON members BEGIN DELETE FROM meetings; END",
    "CREATE TRIGGER keep_watch AFTER INSERT ON teams BEGIN SELECT 1; END",
    "ALTER TABLE meetings ADD COLUMN extra TEXT",
]


def test_check_names_every_schema_difference(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    add_team(folder, "CAT")
    conn = sqlite3.connect(database_path(folder), isolation_level=None)
    for sql in TAMPERING:
        conn.execute(sql)
    conn.close()

    result = hubdesk("check")

    assert result.code == 1
    assert "Database is healthy" not in result.out
    lines = result.err_lines
    assert any("trigger wipe_meetings (on members:" in line for line in lines)
    assert any("trigger keep_watch (on teams:" in line for line in lines)
    assert "Table meetings has a column extra that HubDesk does not make." in lines
    assert lines[-1] == "3 problems found."
    assert "not exactly as HubDesk makes it" in hubdesk("stats").one_line_error()


def test_check_a_file_that_is_no_database(hubdesk: Run, folder: Path) -> None:
    folder.mkdir()
    database_path(folder).write_bytes(b"garbage " * 1000)
    result = hubdesk("check")
    assert result.code == 1
    assert "not a HubDesk database" in result.err


def test_check_before_setup(hubdesk: Run) -> None:
    assert "not set up" in hubdesk("check").one_line_error()


@pytest.mark.parametrize("command", ["stats", "check"])
def test_read_commands_do_not_need_the_lock(
    command: str, hubdesk: Run, kumanovo: object, folder: Path
) -> None:
    """They work while the window is open (the window holds the lock)."""
    from hubdesk.storage.lock import instance_lock

    with instance_lock(folder):
        assert hubdesk(command).code == 0
