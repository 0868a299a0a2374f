"""``hubdesk restore``: check the file, confirm, keep the current data, then replace it."""

from __future__ import annotations

import io
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_cli_data import team_names

from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import backup_database, backup_reason, list_backups
from hubdesk.storage.lock import instance_lock
from hubdesk.storage.open import open_database

Run = Callable[..., Any]


class Terminal(io.StringIO):
    """Standard input that says it is a person at a terminal (typing what it was given)."""

    def isatty(self) -> bool:
        return True


def add_team(folder: Path, name: str) -> None:
    db = open_database(folder)
    try:
        team.create_team(load_context(db), {"name": name, "kind": "cat"})
    finally:
        db.close()


@pytest.fixture
def saved(hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path) -> Path:
    """A backup with the team "Saved"; afterwards the folder also has the team "Later"."""
    add_team(folder, "Saved")
    path = tmp_path / "saved"
    assert hubdesk("backup", "--to", str(path)).code == 0
    add_team(folder, "Later")
    assert team_names(folder) == ["Later", "Saved"]
    return path


def test_restore_with_yes(hubdesk: Run, saved: Path, folder: Path) -> None:
    result = hubdesk("restore", str(saved), "--yes")
    assert result.code == 0, result.err
    assert team_names(folder) == ["Saved"]
    assert "Kumanovo" in result.out
    safety = [p for p in list_backups(folder) if backup_reason(p) == "before-restore"]
    assert len(safety) == 1 and str(safety[0]) in result.out


def test_without_yes_and_without_a_terminal_nothing_happens(
    hubdesk: Run, saved: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # a pipe, not a person
    line = hubdesk("restore", str(saved)).one_line_error()
    assert "--yes" in line
    assert team_names(folder) == ["Later", "Saved"]
    assert list_backups(folder) == []


def test_a_person_confirms_at_the_terminal(
    hubdesk: Run, saved: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    result = hubdesk("restore", str(saved))
    assert result.code == 0, result.err
    assert "Replace all data" in result.out and "[y/N]" in result.out
    assert team_names(folder) == ["Saved"]


@pytest.mark.parametrize("answer", ["n\n", "\n", "maybe\n", ""])
def test_anything_but_yes_at_the_terminal_changes_nothing(
    answer: str, hubdesk: Run, saved: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    result = hubdesk("restore", str(saved))
    assert result.code == 1
    assert "Nothing was restored" in result.out
    assert team_names(folder) == ["Later", "Saved"]
    assert list_backups(folder) == []


def test_a_bad_file_is_refused_before_asking(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a database" * 100)
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    result = hubdesk("restore", str(bad))
    line = result.one_line_error()
    assert "not a HubDesk backup" in line
    assert "Replace all data" not in result.out


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "There is no file"),
        (lambda p: p.mkdir(), "a folder, but not a HubDesk backup"),
        (lambda p: p.write_bytes(b""), "not a HubDesk backup"),
    ],
)
def test_refusals_are_one_line(
    make: Callable[[Path], object],
    expected: str,
    hubdesk: Run,
    kumanovo: object,
    folder: Path,
    tmp_path: Path,
) -> None:
    target = tmp_path / "backup.sqlite"
    make(target)
    assert expected in hubdesk("restore", str(target), "--yes").one_line_error()
    assert list_backups(folder) == []


def other_installation_backup(tmp_path: Path) -> Path:
    db = open_database(tmp_path / "elbasan")
    try:
        initialise(db, role="municipality", name="Elbasan", country="AL")
        return backup_database(db, tmp_path / "elbasan.sqlite")
    finally:
        db.close()


def test_another_installations_backup_needs_a_flag(
    hubdesk: Run, kumanovo: object, folder: Path, tmp_path: Path
) -> None:
    foreign = other_installation_backup(tmp_path)
    line = hubdesk("restore", str(foreign), "--yes").one_line_error()
    assert "Elbasan" in line and "Kumanovo" in line and "--other-installation" in line
    assert list_backups(folder) == []

    result = hubdesk("restore", str(foreign), "--yes", "--other-installation")
    assert result.code == 0, result.err
    assert "Elbasan" in result.out
    # No backup holds keys: Kumanovo's stay, which Elbasan's hub and partners must enrol.
    assert "This PC keeps its own keys" in result.out


def test_restore_into_a_new_folder(hubdesk: Run, tmp_path: Path, folder: Path) -> None:
    """A replacement PC: the backup becomes this folder's installation."""
    foreign = other_installation_backup(tmp_path)
    result = hubdesk("restore", str(foreign), "--yes")
    assert result.code == 0, result.err
    assert hubdesk("check").code == 0


def test_restore_refused_while_hubdesk_runs(hubdesk: Run, saved: Path, folder: Path) -> None:
    with instance_lock(folder):
        assert "already running" in hubdesk("restore", str(saved), "--yes").one_line_error()
    assert team_names(folder) == ["Later", "Saved"]


def test_an_altered_backup_is_refused(
    hubdesk: Run, saved: Path, folder: Path, tmp_path: Path
) -> None:
    """A copy of a real backup with a trigger that deletes every meeting, and an extra column."""
    altered = tmp_path / "altered.sqlite"
    altered.write_bytes((saved / "hubdesk.sqlite").read_bytes())
    conn = sqlite3.connect(altered, isolation_level=None)
    conn.execute(
        "CREATE TRIGGER wipe_meetings AFTER UPDATE ON members BEGIN DELETE FROM meetings; END"
    )
    conn.execute("ALTER TABLE members ADD COLUMN extra TEXT")
    conn.close()

    line = hubdesk("restore", str(altered), "--yes").one_line_error()

    assert "not exactly a HubDesk backup" in line and "Nothing was changed" in line
    assert "wipe_meetings" in line and "column extra" in line
    assert team_names(folder) == ["Later", "Saved"]
    assert list_backups(folder) == []
    assert hubdesk("check").code == 0


def test_a_huge_junk_file_is_refused_at_once(
    hubdesk: Run, saved: Path, folder: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.sqlite"
    with junk.open("wb") as fh:
        fh.write((saved / "hubdesk.sqlite").read_bytes()[:4096])
        fh.truncate(2 * 1024**3)
    line = hubdesk("restore", str(junk), "--yes").one_line_error()
    assert "size does not match its header" in line
    assert team_names(folder) == ["Later", "Saved"]
    assert not list(folder.glob(".restore-*"))
