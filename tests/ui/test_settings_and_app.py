"""Settings (backups, restore), starting the program, translated message boxes, screenshots."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui import choose_row, click, open_page, show_window
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import app, i18n
from hubdesk.i18n import _, language
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage import lock
from hubdesk.storage.backup import automatic_backup, daily_backup, list_backups
from hubdesk.storage.open import open_database
from hubdesk.ui import dialogs
from hubdesk.ui.assistant import FirstRunAssistant
from hubdesk.ui.mainwindow import PAGES, MainWindow
from hubdesk.ui.pages.settings import SettingsPage

REAL_ASK_UNSAVED = dialogs.ask_unsaved  # before the autouse fixture answers it


def test_back_up_now_and_restore(qtbot: QtBot, small_team: Any, answers: Any) -> None:
    ctx: ServiceContext = small_team.ctx
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    assert page.backups.count() == 0
    assert not page.restore_selected.isEnabled()  # nothing chosen to restore yet
    click(qtbot, page.backup_now)  # on a worker thread, behind a progress dialog
    [backup] = list_backups(ctx.data_dir)  # type: ignore[arg-type]
    assert backup.is_dir() and backup.name.endswith("-manual")
    assert page.backups.count() == 1 and "made by hand" in page.backups.item(0).text()
    # A change after the backup, then the backup restored: the change is gone.
    team.create_member(
        ctx,
        {
            "team_id": small_team.team.id,
            "name": "Late",
            "sector": "media",
            "role": "member",
            "gender": "male",
        },
    )
    choose_row(page.backups, 0)
    changed: list[bool] = []
    page.changed.connect(lambda: changed.append(True))
    answers.confirm = False
    click(qtbot, page.restore_selected)  # asked first; "no" changes nothing
    # named as the list names it, by when it was made (not "hubdesk.sqlite")
    listed_when = page.backups.item(0).text().split(" · ")[0]
    assert len(answers.asked) == 1 and f"the backup made on {listed_when}?" in answers.asked[0]
    assert team.count_members(ctx, team.MemberFilter(search="Late")) == 1
    assert changed == [] and answers.told == []
    answers.confirm = True
    click(qtbot, page.restore_selected)
    assert team.count_members(ctx, team.MemberFilter(search="Late")) == 0
    assert changed == [True]
    assert "The backup was restored." in answers.told
    # The data as it was before the restore was backed up too.
    assert any("before-restore" in p.name for p in list_backups(ctx.data_dir))  # type: ignore[arg-type]


@pytest.mark.sqlite_only(
    "no daily backup on a server: its backups are the dumps its administrator schedules"
)
@pytest.mark.parametrize(
    ("lang", "daily", "before_import"),
    [("en", "daily", "before an import"), ("mk", "дневна", "пред увоз"), ("sq", "ditore", "para")],
)
def test_the_backup_list_says_why_in_the_window_language(
    qtbot: QtBot, ctx: ServiceContext, lang: str, daily: str, before_import: str
) -> None:
    assert ctx.data_dir is not None
    daily_backup(ctx.db, ctx.data_dir)
    automatic_backup(ctx.db, ctx.data_dir, "before-import")
    i18n.set_language(lang)
    page = SettingsPage(ctx)
    show_window(qtbot, page)

    def texts_now() -> list[str]:
        return [page.backups.item(row).text() for row in range(page.backups.count())]

    qtbot.waitUntil(lambda: all(t.count(" · ") == 2 for t in texts_now()))  # sizes joined
    texts = texts_now()
    assert len(texts) == 2
    assert any(f" · {daily} · " in text for text in texts), texts
    assert any(before_import in text for text in texts), texts
    if lang != "en":
        assert not any("daily" in text or "before an" in text for text in texts), texts


@contextlib.contextmanager
def refused(data_dir: Path) -> Iterator[Path]:
    raise lock.AlreadyRunningError(data_dir)
    yield data_dir  # pragma: no cover


@pytest.mark.sqlite_only(
    "no daily backup on a server: its backups are the dumps its administrator schedules"
)
def test_daily_backup_at_start_runs_in_the_background(qtbot: QtBot, ctx: ServiceContext) -> None:
    window = MainWindow(ctx)
    show_window(qtbot, window)
    assert window.status.backup.text() == "No backup yet"
    window.start_daily_backup()
    qtbot.waitUntil(lambda: window.status.backup.text() != "No backup yet", timeout=5000)
    assert [p.name.endswith("-daily") for p in list_backups(ctx.data_dir)] == [True]  # type: ignore[arg-type]


def test_a_second_hubdesk_is_told_and_stops(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(lock, "instance_lock", refused)
    monkeypatch.setattr(app, "tell", lambda title, text: told.append((title, text)))
    assert app.run(data_dir) == app.EXIT_IN_USE
    assert told and "already running" in told[0][1]


def test_an_unusable_database_is_told(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Told why, and asked (a backup from elsewhere, a fresh set-up that keeps the file, or
    Quit: tests/ui/test_start_damaged.py); quitting changes nothing."""
    junk = b"this is not a database" * 100
    (data_dir / "hubdesk.sqlite").write_bytes(junk)
    told: list[tuple[str, str]] = []

    def quit_(_parent: Any, title: str, text: str, *_args: Any) -> None:
        told.append((title, text))

    monkeypatch.setattr(app, "tell", lambda title, text: told.append((title, text)))
    monkeypatch.setattr(dialogs, "choose", quit_)
    assert app.run(data_dir) == app.EXIT_STORAGE
    assert told and told[0][0] == "HubDesk cannot open its data"
    assert "not a HubDesk database" in told[0][1]
    assert (data_dir / "hubdesk.sqlite").read_bytes() == junk


def test_start_shows_the_window_in_the_installations_language(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "installed"
    db = open_database(folder)
    initialise(db, role="municipality", name="Tetovo", country="MK", language="sq")
    db.close()
    shown: list[str] = []

    def event_loop(_app: Any) -> int:
        """Instead of waiting for a person: note the window shown, then close it."""
        for widget in app.QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(widget.windowTitle())
                widget.close()
        return 0

    monkeypatch.setattr(MainWindow, "start_daily_backup", lambda self: None)
    monkeypatch.setattr(app.QApplication, "exec", event_loop)
    assert app.run(folder) == 0
    with language("sq"):
        assert shown == [_("HubDesk — {name}").format(name="Tetovo")]
    assert i18n.current_language() == "sq"


def test_first_start_opens_the_assistant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def cancelled(self: FirstRunAssistant) -> int:
        opened.append(self.language_page.title())
        return 0

    monkeypatch.setattr(FirstRunAssistant, "exec", cancelled)
    assert app.run(tmp_path / "fresh") == 0  # cancelled: nothing set up, nothing shown
    assert opened == ["Welcome to HubDesk"]


def test_message_box_buttons_are_hubdesks_own(qtbot: QtBot, with_modal: Any) -> None:
    i18n.set_language("pseudo")
    seen: list[str] = []

    def press_discard(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.extend(button.text() for button in box.buttons())
        [discard] = [b for b in box.buttons() if b.text() == _("Discard")]
        click(qtbot, discard)

    result: list[dialogs.Unsaved] = []
    with_modal(lambda: result.append(REAL_ASK_UNSAVED(None)), press_discard)
    with language("pseudo"):
        assert sorted(seen) == sorted([_("Save"), _("Discard"), _("Cancel")])
    assert all(text.startswith("[") for text in seen)
    assert result == [dialogs.Unsaved.DISCARD]


def test_screenshots_of_every_page(tmp_path: Path) -> None:
    from hubdesk.ui.screenshots import take_screenshots

    written = take_screenshots(tmp_path / "shots", "mk", editors=False)
    names = sorted(p.name for p in written)
    assert names == sorted(
        [f"{n:02d}-{spec.key}.png" for n, spec in enumerate(PAGES, start=1)]
        + ["00-assistant.png", "report-preview.png"]
    )
    assert all(p.stat().st_size > 5_000 for p in written)
    assert i18n.current_language() == "en"  # the caller's language is given back


def test_screenshots_stop_with_a_message_when_the_preview_shows_no_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy of HubDesk whose PDF module does not work (a frozen build without it): the
    pictures stop at the Reports page's preview with one clear line, not a blank picture."""
    from hubdesk.cli import main
    from hubdesk.ui.report_preview import ReportPreview

    monkeypatch.setattr(ReportPreview, "load", lambda self, path: False)
    capsys.readouterr()
    code = main(["screenshots", "--out", str(tmp_path / "shots")])
    captured = capsys.readouterr()
    assert code != 0 and "Traceback" not in captured.out + captured.err
    assert captured.err.strip().endswith(
        "The Reports page's preview drew no page of the report: Qt's PDF module does not "
        "work in this copy of HubDesk."
    )
    assert not (tmp_path / "shots" / "report-preview.png").exists()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not [w for w in shown if isinstance(w, MainWindow)]  # the window went with the run


def test_a_hub_window_opens_every_page(qtbot: QtBot, hub_ctx: ServiceContext) -> None:
    window = MainWindow(hub_ctx)
    show_window(qtbot, window)
    for spec in PAGES:
        open_page(window, spec.key)
    team_page = window.pages["team"]
    assert not team_page.new_button.isEnabled()  # type: ignore[attr-defined]
    assert window.status.installation.text() == "Regional hub"  # not "... · Regional hub"


def test_about_opens_from_settings(qtbot: QtBot, ctx: ServiceContext, with_modal: Any) -> None:
    from hubdesk.ui.about import AboutDialog

    page = SettingsPage(ctx)
    show_window(qtbot, page)
    seen: list[str] = []

    def look(dialog: QWidget) -> None:
        seen.append(type(dialog).__name__)
        assert isinstance(dialog, AboutDialog)
        qtbot.waitExposed(dialog)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Close))
        assert not dialog.isVisible()

    with_modal(lambda: click(qtbot, page.about_button), look)
    assert seen == [AboutDialog.__name__]
