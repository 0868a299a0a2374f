"""The window's restore over a lost database, beside keys an older HubDesk made (they name
nobody: no ``keys/installation.json``).

Before, such keys were taken on trust: another municipality's backup, or the office's field
laptop's, chosen by mistake, was restored beside the office's keys. Now the keys themselves are
compared with the key the backup's installation signs with and with its peers' keys: such a
backup is refused (the laptop's naming whose the keys are), nothing changes and the question
comes again, so the office's own backup can be chosen and restored. Every answer is a click on
a visible, enabled button.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from other_backup import as_an_older_hubdesk_left_them, backup_of, laptop_backup_of
from pytestqt.qtbot import QtBot
from test_start_missing import key_bytes, no_event_loop, start
from test_start_other_backup import chosen

from hubdesk import app
from hubdesk.services import team
from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.backup import make_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.key_owner import owner_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys
from hubdesk.ui.assistant import FirstRunAssistant

__all__ = ["no_event_loop"]  # a fixture, used by name


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Tetovo's data folder with its keys only, as an older HubDesk left them once the
    database was lost; Tetovo's own backup ("CAT Tetovo") and its field laptop's, on sticks."""
    folder = tmp_path / "Подаци Č"
    db = open_database(folder)
    try:
        initialise(db, role="municipality", name="Tetovo", country="MK", language="en")
        keys.ensure_keys(folder)
        team.create_team(load_context(db, folder), {"name": "CAT Tetovo", "kind": "cat"})
        own = make_backup(db, folder, tmp_path / "stick of Tetovo").path
    finally:
        db.close()
    laptop = laptop_backup_of(tmp_path, folder)
    path = database_path(folder)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    as_an_older_hubdesk_left_them(folder)
    return folder, own, laptop


def test_the_laptops_backup_is_refused_and_the_offices_own_restores(
    qtbot: QtBot,
    office: tuple[Path, Path, Path],
    no_event_loop: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, own, laptop = office
    before = key_bytes(folder)
    chosen(monkeypatch, [laptop, own])
    answers = ["Restore a backup…", "OK", "Restore a backup…", "OK"]
    code, person = start(qtbot, folder, answers)
    refusal = person.seen[1]
    assert "backup of 'Field laptop' (municipality Tetovo)" in refusal
    assert "belong to 'Tetovo' (municipality Tetovo)" in refusal
    assert "Nothing was changed" in refusal
    assert person.seen[2] == person.seen[0]  # the question again
    assert "The backup was restored." in person.seen[3]
    assert code == 0 and FirstRunAssistant.__name__ not in person.seen
    assert no_event_loop == ["HubDesk — Tetovo"]
    assert {k: v for k, v in key_bytes(folder).items() if k in before} == before


def test_an_unreadable_signing_key_refuses_and_quit_changes_nothing(
    qtbot: QtBot,
    office: tuple[Path, Path, Path],
    no_event_loop: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, own, _laptop = office
    (keys.keys_dir(folder) / keys.SIGNING_FILE).write_bytes(b"damaged")
    before = key_bytes(folder)
    chosen(monkeypatch, [own])
    code, person = start(qtbot, folder, ["Restore a backup…", "OK", "Quit"])
    assert code == app.EXIT_STORAGE
    assert "cannot be read (it is damaged)" in person.seen[1]
    assert "Nothing was changed" in person.seen[1]
    assert not database_path(folder).exists() and key_bytes(folder) == before
    assert not owner_path(folder).exists()


def test_another_municipalitys_backup_is_refused_and_quit_changes_nothing(
    qtbot: QtBot,
    office: tuple[Path, Path, Path],
    tmp_path: Path,
    no_event_loop: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = office[0]
    before = key_bytes(folder)
    chosen(monkeypatch, [backup_of(tmp_path, "Elbasan", "AL", "Këshilli")])
    code, person = start(qtbot, folder, ["Restore a backup…", "OK", "Quit"])
    assert code == app.EXIT_STORAGE
    refusal = person.seen[1]
    assert "backup of 'Elbasan' (municipality Elbasan)" in refusal
    assert "are not the keys it signs with" in refusal and "Nothing was changed" in refusal
    assert not database_path(folder).exists() and key_bytes(folder) == before
