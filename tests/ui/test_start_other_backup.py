"""The window's restore over a lost database, offered a backup of another installation.

Before, the backup chosen in the file dialog was restored whatever installation it was of:
another municipality's records beside this PC's keys. Now it is refused with what the backup
is and what to do, nothing changes, and the question comes again so that the right backup can
be chosen. Every answer is a click on a visible, enabled button.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from other_backup import backup_of
from pytestqt.qtbot import QtBot
from test_start_missing import key_bytes, keys_only, no_event_loop, start, tetovo

from hubdesk import app
from hubdesk.services.installation import initialise
from hubdesk.storage.backup import make_backup
from hubdesk.storage.datadir import database_path
from hubdesk.storage.key_owner import read_owner
from hubdesk.storage.open import open_database
from hubdesk.ui import lost_start
from hubdesk.ui.assistant import FirstRunAssistant

__all__ = ["keys_only", "no_event_loop", "tetovo"]  # fixtures, used by name


def key_owner_id(folder: Path) -> str:
    owner = read_owner(folder)
    assert owner is not None
    return owner.id


def chosen(monkeypatch: pytest.MonkeyPatch, backups: list[Path]) -> None:
    """The system's file dialog (a window of the desktop, not HubDesk's) picks these in turn."""
    answers = [(str(path), "") for path in backups]
    monkeypatch.setattr(lost_start.QFileDialog, "getOpenFileName", lambda *_a: answers.pop(0))


def test_another_municipalitys_backup_is_refused_and_the_right_one_restores(
    qtbot: QtBot,
    keys_only: Path,
    tmp_path: Path,
    no_event_loop: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = key_bytes(keys_only)
    elbasan = backup_of(tmp_path, "Elbasan", "AL", "Këshilli")
    own = tmp_path / "own"
    db = open_database(own)  # Tetovo's own backup, as it was carried on a stick: same id
    try:
        initialise(
            db,
            role="municipality",
            name="Tetovo",
            country="MK",
            language="en",
            installation_id=key_owner_id(keys_only),
        )
        tetovo_backup = make_backup(db, own, tmp_path / "stick of Tetovo").path
    finally:
        db.close()
    chosen(monkeypatch, [elbasan, tetovo_backup])
    answers = ["Restore a backup…", "OK", "Restore a backup…", "OK"]
    code, person = start(qtbot, keys_only, answers)
    refusal = person.seen[1]
    assert "backup of 'Elbasan' (municipality Elbasan)" in refusal
    assert "belong to 'Tetovo' (municipality Tetovo)" in refusal
    assert person.seen[2] == person.seen[0]  # the question again
    assert "The backup was restored." in person.seen[3]
    assert code == 0 and FirstRunAssistant.__name__ not in person.seen
    assert key_bytes(keys_only) == before


def test_refused_then_quit_changes_nothing(
    qtbot: QtBot,
    keys_only: Path,
    tmp_path: Path,
    no_event_loop: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = key_bytes(keys_only)
    chosen(monkeypatch, [backup_of(tmp_path, "Elbasan", "AL", "Këshilli")])
    code, person = start(qtbot, keys_only, ["Restore a backup…", "OK", "Quit"])
    assert code == app.EXIT_STORAGE and "backup of 'Elbasan'" in person.seen[1]
    assert not database_path(keys_only).exists() and key_bytes(keys_only) == before
