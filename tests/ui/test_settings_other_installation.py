"""Settings: another installation's backup (a PC set up by mistake before the office's backup
turned up, an office moved to a PC set up already) is restored from the window only after a
second question that names both, as ``hubdesk restore --other-installation`` does; Cancel
changes nothing, and the keys' refusals stay."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from gui import choose_row, click, open_page, show_window
from pytestqt.qtbot import QtBot

from hubdesk.services import datafolder, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise, load_context, name_keys
from hubdesk.storage.backup import automatic_backup, list_backups
from hubdesk.storage.datadir import database_path
from hubdesk.storage.key_owner import read_owner
from hubdesk.storage.open import open_database
from hubdesk.storage.restore_keys import OtherKeysError
from hubdesk.sync import keys
from hubdesk.ui.mainwindow import MainWindow
from hubdesk.ui.pages import settings as settings_page
from hubdesk.ui.pages.settings import SettingsPage

pytestmark = pytest.mark.sqlite_only(
    "a server hub restores another hub's backup from the command line only "
    "(tests/ui/test_server_staff_pc.py)"
)


def elbasan_backup(tmp_path: Path, name: str = "Elbasan") -> tuple[Path, str]:
    """A whole backup of another installation, with its own keys and a team of its own; the
    ``hubdesk.sqlite`` inside it (what a person chooses) and the installation's id."""
    folder = tmp_path / "elbasan"
    db = open_database(folder)
    try:
        made = initialise(db, role="municipality", name=name, country="AL")
        keys.ensure_keys(folder)
        ctx = load_context(db, folder)  # the database keeps its signing key
        team.create_team(ctx, {"name": "CAT Elbasan", "kind": "cat"})
        return automatic_backup(db, folder, "manual") / "hubdesk.sqlite", made.installation_id
    finally:
        db.close()


def with_keys(ctx: ServiceContext) -> None:
    """This PC's own keys, named for its installation, as every set-up leaves them."""
    assert ctx.data_dir is not None
    keys.ensure_keys(ctx.data_dir)
    name_keys(ctx)


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        settings_page.QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "")
    )


def everything(ctx: ServiceContext) -> list[str]:
    """The whole database as SQL, to compare before and after."""
    assert ctx.data_dir is not None
    conn = sqlite3.connect(database_path(ctx.data_dir))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_another_installations_backup_is_restored_once_the_person_says_so(
    qtbot: QtBot, small_team: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx: ServiceContext = small_team.ctx
    assert ctx.data_dir is not None
    with_keys(ctx)
    source, elbasan = elbasan_backup(tmp_path)
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    choose_file(monkeypatch, source)
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    answers.then = [True, True]

    click(qtbot, page.restore_file)

    usual, second = answers.asked
    assert "Replace all data" in usual
    assert "'Elbasan'" in second and "'Kumanovo'" in second and str(source) in second
    assert "backed up first" in second
    [told] = answers.told
    assert told.startswith("The backup of 'Elbasan' was restored: this PC works as 'Elbasan' now.")
    assert "This PC keeps its own keys" in told  # the hub and partners must enrol it again
    owner = read_owner(ctx.data_dir)  # the keys sign for Elbasan now, and say so
    assert owner is not None and owner.id == elbasan
    # The data is Elbasan's, and what the window writes now is Elbasan's too.
    assert [t.name for t in team.list_teams(ctx)] == ["CAT Elbasan"]
    assert ctx.installation_id == elbasan
    team.create_team(ctx, {"name": "CAT Elbasan 2", "kind": "cat"})
    assert page.name.text() == "Elbasan" and changed == [True]
    # Kumanovo's data was backed up first: the restore can be undone.
    [safety] = [p for p in list_backups(ctx.data_dir) if "before-restore" in p.name]
    conn = sqlite3.connect(safety / "hubdesk.sqlite")
    try:
        assert conn.execute("SELECT name FROM installation").fetchall() == [("Kumanovo",)]
    finally:
        conn.close()


def test_cancel_at_the_second_question_changes_nothing(
    qtbot: QtBot, small_team: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx: ServiceContext = small_team.ctx
    with_keys(ctx)
    source, _elbasan = elbasan_backup(tmp_path)
    kumanovo, before = ctx.installation_id, everything(ctx)
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    choose_file(monkeypatch, source)
    answers.then = [True, False]

    click(qtbot, page.restore_file)

    assert len(answers.asked) == 2 and answers.told == []
    assert everything(ctx) == before
    assert ctx.installation_id == kumanovo
    assert list_backups(ctx.data_dir) == []  # type: ignore[arg-type]
    assert [t.name for t in team.list_teams(ctx)] == ["CAT Kumanovo"]


def test_two_installations_of_one_name_are_told_apart(
    qtbot: QtBot, small_team: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The likeliest case: a PC set up afresh under the office's name before the office's
    backup turned up. The question must not read "'Kumanovo', another installation than
    'Kumanovo'"."""
    ctx: ServiceContext = small_team.ctx
    with_keys(ctx)
    source, _other = elbasan_backup(tmp_path, name="Kumanovo")
    before = everything(ctx)
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    choose_file(monkeypatch, source)
    answers.then = [True, False]

    click(qtbot, page.restore_file)

    _usual, second = answers.asked
    assert "another installation that is also called 'Kumanovo'" in second
    assert "another installation than" not in second and str(source) in second
    assert everything(ctx) == before


def test_keys_of_another_installation_are_still_refused(
    qtbot: QtBot, small_team: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database lost its installation record under the window: the keys, named for
    Kumanovo, are the only word on whose the folder is, and they are not Elbasan's."""
    ctx: ServiceContext = small_team.ctx
    assert ctx.data_dir is not None
    with_keys(ctx)
    source, _elbasan = elbasan_backup(tmp_path)
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    conn = sqlite3.connect(database_path(ctx.data_dir), isolation_level=None)
    conn.execute("DELETE FROM installation")
    conn.close()
    before = everything(ctx)
    choose_file(monkeypatch, source)
    answers.then = [True, True]

    click(qtbot, page.restore_file)

    [told] = answers.told
    assert "belong to 'Kumanovo'" in told and "Nothing was changed." in told
    assert everything(ctx) == before
    with pytest.raises(OtherKeysError):  # nor does the second question's way lift it
        datafolder.restore_other_installation(ctx, source)
    assert everything(ctx) == before


def test_this_installations_own_backup_asks_the_usual_question_only(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx: ServiceContext = small_team.ctx
    with_keys(ctx)
    kumanovo = ctx.installation_id
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    click(qtbot, page.backup_now)
    team.create_team(ctx, {"name": "After the backup", "kind": "cat"})
    choose_row(page.backups, 0)

    click(qtbot, page.restore_selected)

    assert len(answers.asked) == 1 and "Replace all data" in answers.asked[0]
    assert answers.told == ["The backup was restored."]  # no word about keys
    assert ctx.installation_id == kumanovo
    assert [t.name for t in team.list_teams(ctx)] == ["CAT Kumanovo"]


def test_the_window_builds_its_pages_again_for_the_restored_installation(
    qtbot: QtBot, small_team: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx: ServiceContext = small_team.ctx
    with_keys(ctx)
    source, _elbasan = elbasan_backup(tmp_path)
    window = MainWindow(ctx)
    show_window(qtbot, window)
    built_for_kumanovo = open_page(window, "team")
    settings = open_page(window, "settings")
    choose_file(monkeypatch, source)
    answers.then = [True, True]
    gc.freeze()  # as the window sets its start aside (``ui/collector.py``)

    click(qtbot, settings.restore_file)

    assert "Elbasan" in window.windowTitle()
    assert "team" not in window.pages  # dropped: built again for Elbasan when shown
    assert gc.get_freeze_count() == 0  # handed back to the collector, which frees them
    assert open_page(window, "team") is not built_for_kumanovo
    assert window.current_page() is window.pages["team"]


def test_a_file_replaced_between_the_question_and_the_answer_is_refused(
    qtbot: QtBot, small_team: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second question named Elbasan: yes restores Elbasan's backup or nothing, not what
    the file holds by the time the person answers."""
    ctx: ServiceContext = small_team.ctx
    with_keys(ctx)
    source, _elbasan = elbasan_backup(tmp_path)
    swapped, _ = elbasan_backup(tmp_path / "another")  # a third installation, also "Elbasan"
    kumanovo, before = ctx.installation_id, everything(ctx)
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    choose_file(monkeypatch, source)
    asked: list[str] = []

    def answer(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> bool:
        asked.append(text)
        if len(asked) == 2:  # while the person reads the second question
            source.write_bytes(swapped.read_bytes())
        return True

    monkeypatch.setattr(settings_page.dialogs, "confirm", answer)

    click(qtbot, page.restore_file)

    assert len(asked) == 2
    [told] = answers.told
    assert "has changed since it was checked" in told and "Nothing was changed." in told
    assert everything(ctx) == before and ctx.installation_id == kumanovo
