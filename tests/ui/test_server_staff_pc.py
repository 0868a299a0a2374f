"""The window on a staff PC of a hub whose database is on a PostgreSQL server: the Sync page never
makes keys there (they are the sync PC's), and the history tells the person at this PC their own
changes from a colleague's (every staff PC is the same installation).

Runs with ``--database postgresql``.
"""

from __future__ import annotations

import threading
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from gui import choose_row, click
from pg import add_login
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from hubdesk import app
from hubdesk.cli import main
from hubdesk.services import calls, datafolder
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import StorageError
from hubdesk.services.installation import load_context
from hubdesk.storage import server_load
from hubdesk.storage.db import Database
from hubdesk.sync import keys, peers
from hubdesk.ui.history_panel import HistoryDialog
from hubdesk.ui.mainwindow import MainWindow
from hubdesk.ui.pages import settings as settings_page
from hubdesk.ui.pages import sync as sync_page
from hubdesk.ui.pages.settings import SettingsPage
from hubdesk.ui.pages.sync import SyncPage


@pytest.fixture
def staff_pc(tmp_path: Path, server_url: str) -> Any:
    """The hub set up from its sync PC (which holds the keys), Amina on the staff list, and
    Amina's context on her own PC, whose data folder has no keys."""
    sync_pc = tmp_path / "sync-pc"
    assert main(["--data-dir", str(sync_pc), "--database-url", server_url,
                 "init", "--role", "hub", "--name", "Regional hub"]) == 0  # fmt: skip
    amina_url = add_login(server_url, "amina")
    assert main(["--data-dir", str(sync_pc), "staff", "add", "amina", "--name", "Amina"]) == 0
    admin_db, amina_db = Database(server_url), Database(amina_url)
    folder = tmp_path / "amina-pc"
    folder.mkdir()
    yield load_context(admin_db, sync_pc), load_context(amina_db, folder)
    admin_db.close()
    amina_db.close()


def choose_dump(monkeypatch: pytest.MonkeyPatch, backup: Path) -> None:
    """The person picks the server backup's dump in the file dialog Settings opens."""
    monkeypatch.setattr(
        settings_page.QFileDialog,
        "getOpenFileName",
        lambda *_a, **_k: (str(backup / "hubdesk.pgdump"), ""),
    )


def test_the_sync_page_on_a_staff_pc_makes_no_keys(
    qtbot: QtBot, staff_pc: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _admin, amina = staff_pc
    page = SyncPage(amina)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    click(qtbot, page.details_button)
    assert "kept on the hub's sync PC" in page.identity.text()
    target = tmp_path / "profile.json"
    monkeypatch.setattr(
        sync_page.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    click(qtbot, page.profile_button)
    assert answers.told and "sync PC" in answers.told[-1]
    assert not target.exists()
    assert not keys.has_keys(amina.data_dir)  # no second identity for the hub


def test_the_sync_page_on_the_sync_pc_shows_the_hubs_keys(
    qtbot: QtBot, staff_pc: Any, answers: Any
) -> None:
    admin, _amina = staff_pc
    page = SyncPage(admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    fingerprint = keys.load_keys(admin.data_dir).public.fingerprint
    assert fingerprint in page.identity.text()


def history_whos(qtbot: QtBot, ctx: ServiceContext, call_id: str) -> list[str]:
    panel = HistoryDialog(ctx, "calls", call_id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    tree = panel.tree
    return [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]


def test_history_marks_your_own_changes_not_every_change_of_the_hub(
    qtbot: QtBot, staff_pc: Any
) -> None:
    admin, amina = staff_pc
    call = calls.create_call(admin, {"title": "Youth voices", "round": "1"})
    calls.update_call(amina, call.id, {"title": "Youth voices 2027"})
    as_amina = history_whos(qtbot, amina, call.id)
    assert as_amina == ["Regional hub, Amina (you)", "Regional hub, hubdesk"]
    as_admin = history_whos(qtbot, admin, call.id)
    assert as_admin == ["Regional hub, Amina", "Regional hub, hubdesk (you)"]
    assert not any("this PC" in who for who in as_amina + as_admin)


def shown_page(qtbot: QtBot, page: Any) -> Any:
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_staff_cannot_restore_the_hubs_database_from_the_window(
    qtbot: QtBot, staff_pc: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restore replaces every colleague's work: on the command line and in the window it is
    for the hub's administrators only."""
    admin, amina = staff_pc
    saved = tmp_path / "hub-backup"
    assert main(["--data-dir", str(admin.data_dir), "backup", "--to", str(saved)]) == 0
    call = calls.create_call(amina, {"title": "Written after the backup", "round": "1"})
    page = shown_page(qtbot, SettingsPage(amina))
    choose_dump(monkeypatch, saved)
    click(qtbot, page.restore_file)
    assert answers.told and "Only the hub's administrators" in answers.told[-1]
    assert calls.get_call(admin, call.id).title == "Written after the backup"


def test_staff_cannot_revoke_a_peer_from_the_window(
    qtbot: QtBot, staff_pc: Any, answers: Any, tmp_path: Path
) -> None:
    admin, amina = staff_pc
    town = tmp_path / "town"
    assert main(["--data-dir", str(town), "init", "--role", "municipality",
                 "--name", "Tetovo", "--country", "MK"]) == 0  # fmt: skip
    card = tmp_path / "tetovo.profile"
    assert main(["--data-dir", str(town), "profile", "export", "--to", str(card)]) == 0
    assert main(["--data-dir", str(admin.data_dir), "peers", "add", str(card), "--yes"]) == 0
    page = shown_page(qtbot, SyncPage(amina))
    click(qtbot, page.details_button)
    choose_row(page.peers, 0)
    click(qtbot, page.revoke_button)
    assert answers.told and "Only the hub's administrators" in answers.told[-1]
    assert [p.revoked_at for p in peers.list_peers(admin)] == [None]


def test_an_administrator_restores_the_hubs_server_backup_from_the_window(
    qtbot: QtBot, staff_pc: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin, _amina = staff_pc
    saved = tmp_path / "hub-backup"
    assert main(["--data-dir", str(admin.data_dir), "backup", "--to", str(saved)]) == 0
    calls.create_call(admin, {"title": "Written after the backup", "round": "1"})
    page = shown_page(qtbot, SettingsPage(admin))
    offered: list[str] = []

    def choose_dump(*args: Any, **_k: Any) -> tuple[str, str]:
        offered.append(args[3])  # the files the dialog lists
        return str(saved / "hubdesk.pgdump"), ""

    monkeypatch.setattr(settings_page.QFileDialog, "getOpenFileName", choose_dump)
    click(qtbot, page.restore_file)
    assert offered == ["Backups of the hub's server database (*.pgdump)"]
    assert answers.told and answers.told[-1].startswith("The backup was restored.")
    assert calls.list_calls(admin) == []  # the hub's data as it was at the backup


def test_a_server_restore_stopped_from_the_window_changes_nothing(
    qtbot: QtBot, staff_pc: Any, answers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel in the restore's progress dialog, pressed while the dump is about to go in: the
    transaction is never committed, and the hub's data is as it was."""
    admin, _amina = staff_pc
    saved = tmp_path / "hub-backup"
    assert main(["--data-dir", str(admin.data_dir), "backup", "--to", str(saved)]) == 0
    calls.create_call(admin, {"title": "Written after the backup", "round": "1"})
    page = shown_page(qtbot, SettingsPage(admin))
    monkeypatch.setattr(
        settings_page.QFileDialog,
        "getOpenFileName",
        lambda *_a, **_k: (str(saved / "hubdesk.pgdump"), ""),
    )
    counting, pressed = server_load.tables_of, threading.Event()

    def tables_once_cancelled(source: Path) -> int:
        assert pressed.wait(30), "Cancel was never pressed"
        return counting(source)

    monkeypatch.setattr(server_load, "tables_of", tables_once_cancelled)

    def press_cancel() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        buttons = [b for d in shown for b in d.findChildren(QPushButton) if b.isVisible()]
        if not buttons or not buttons[0].isEnabled():
            QTimer.singleShot(20, press_cancel)
            return
        click(qtbot, buttons[0])
        pressed.set()

    QTimer.singleShot(0, press_cancel)
    click(qtbot, page.restore_file)
    assert pressed.is_set()
    assert not any(line.startswith("The backup was restored.") for line in answers.told)
    assert [c.title for c in calls.list_calls(admin)] == ["Written after the backup"]
    assert not list((Path(str(admin.data_dir)) / "backups").glob("*before-restore*"))


def test_another_hubs_backup_is_refused_in_the_window_with_the_way_left(
    qtbot: QtBot,
    staff_pc: Any,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pg_pool: Any,
) -> None:
    """Another hub's data would replace the hub under every staff PC's open window: no second
    question here, the command line's way named instead, and nothing changed."""
    admin, _amina = staff_pc
    theirs_url = str(pg_pool.server.create(f"theirs_{pg_pool.worker}_{abs(hash(str(tmp_path)))}"))
    theirs = tmp_path / "their-sync-pc"
    assert main(["--data-dir", str(theirs), "--database-url", theirs_url,
                 "init", "--role", "hub", "--name", "Hub South"]) == 0  # fmt: skip
    saved = tmp_path / "their-backup"
    assert main(["--data-dir", str(theirs), "backup", "--to", str(saved)]) == 0
    call = calls.create_call(admin, {"title": "Ours", "round": "1"})
    page = shown_page(qtbot, SettingsPage(admin))
    choose_dump(monkeypatch, saved)
    answers.then = [True, True]
    click(qtbot, page.restore_file)
    assert len(answers.asked) == 1  # the usual question only
    [told] = answers.told
    assert "another installation ('Hub South')" in told and "--other-installation" in told
    assert calls.get_call(admin, call.id).title == "Ours"
    with pytest.raises(StorageError, match="cannot be restored from the window"):
        datafolder.restore_other_installation(admin, saved / "hubdesk.pgdump")
    assert calls.get_call(admin, call.id).title == "Ours"


def test_a_server_hubs_frame_is_shown_before_its_data_opens(
    qtbot: QtBot, tmp_path: Path, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder of a hub on a server has no database file, only the setting naming the
    server: the window frame still comes first, and the server is reached behind it (it came
    after a second and more of nothing)."""
    folder = tmp_path / "sync-pc"
    assert main(["--data-dir", str(folder), "--database-url", server_url,
                 "init", "--role", "hub", "--name", "Regional hub"]) == 0  # fmt: skip
    order: list[str] = []
    real_open, real_show = app.Opened.__init__, MainWindow.show

    def opened(self: app.Opened, data_dir: Path) -> None:
        order.append("data")
        real_open(self, data_dir)

    def shown(self: MainWindow) -> None:
        order.append("frame")
        real_show(self)

    monkeypatch.setattr(app.Opened, "__init__", opened)
    monkeypatch.setattr(MainWindow, "show", shown)
    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    with ExitStack() as stack:
        window = app.open_window(folder, stack)
        assert window is not None
        qtbot.addWidget(window)
        assert order[:2] == ["frame", "data"]
        assert window.ctx is not None and window.isVisible()
        window.close()
        QThreadPool.globalInstance().waitForDone(5000)
