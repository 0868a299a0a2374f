"""From an empty data folder to the main window, through the first-run assistant as a person
goes: every path (municipality, hub, field laptop, demo, a backup from another PC) with visible
buttons only, and Cancel."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from attachment_samples import pdf_bytes, write
from gui import check, choose, choose_row, click, type_into
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from hubdesk.app import open_window
from hubdesk.domain.enums import Role
from hubdesk.i18n import LANGUAGES
from hubdesk.services import attachments, datafolder, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo_data import MUNICIPALITY_NAME
from hubdesk.services.installation import get_installation
from hubdesk.storage.datadir import database_path
from hubdesk.storage.key_match import folder_signing_key
from hubdesk.sync import keys
from hubdesk.ui import assistant_field, assistant_restore
from hubdesk.ui.assistant import RESTORE, FirstRunAssistant, PageId
from hubdesk.ui.mainwindow import MainWindow

Button = QWizard.WizardButton
Modal = Callable[[Callable[[], Any], Callable[[QWidget], None]], None]


@pytest.fixture
def empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "fresh"
    folder.mkdir()
    return folder


@pytest.fixture
def stack() -> Iterator[ExitStack]:
    with ExitStack() as opened:
        # As run() does: the daily backup's thread ends before the database closes.
        opened.callback(QThreadPool.globalInstance().waitForDone)
        yield opened


def start(
    qtbot: QtBot, with_modal: Modal, folder: Path, stack: ExitStack, drive: Callable[[Any], None]
) -> MainWindow | None:
    """Start HubDesk on ``folder``; ``drive`` goes through the assistant it shows."""
    opened: list[MainWindow | None] = []

    def act(widget: QWidget) -> None:
        assert isinstance(widget, FirstRunAssistant), widget
        qtbot.waitExposed(widget)
        drive(widget)

    with_modal(lambda: opened.append(open_window(folder, stack)), act)
    window = opened[0]
    if window is not None:
        qtbot.addWidget(window)
        stack.callback(window.close)
    return window


def press(qtbot: QtBot, wizard: FirstRunAssistant, button: Button) -> None:
    click(qtbot, wizard.button(button))


def finish(qtbot: QtBot, wizard: FirstRunAssistant) -> None:
    """The done page: Start HubDesk is the only way on."""
    assert wizard.currentId() == PageId.DONE
    assert not wizard.button(Button.NextButton).isVisible()
    assert not wizard.button(Button.CancelButton).isVisible()
    press(qtbot, wizard, Button.FinishButton)


def to_choice(qtbot: QtBot, wizard: FirstRunAssistant, choice: str) -> None:
    assert wizard.currentId() == PageId.LANGUAGE
    press(qtbot, wizard, Button.NextButton)
    check(wizard.choice_page.buttons[choice])


def shows(window: MainWindow | None, who: str) -> MainWindow:
    assert window is not None, "the main window did not open"
    assert window.isVisible()
    assert window.status.installation.isVisible()
    assert window.status.installation.text() == who
    assert window.sidebar.isEnabled() and window.current_page().isVisible()
    return window


def test_municipality(
    qtbot: QtBot, with_modal: Modal, empty_folder: Path, stack: ExitStack
) -> None:
    def drive(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, Role.MUNICIPALITY.value)
        press(qtbot, wizard, Button.NextButton)
        type_into(qtbot, wizard.details_page.name, "Kumanovo")
        choose(wizard.details_page.country, "MK")
        press(qtbot, wizard, Button.CommitButton)
        finish(qtbot, wizard)

    window = shows(start(qtbot, with_modal, empty_folder, stack, drive), "Kumanovo · Municipality")
    assert window.windowTitle() == "HubDesk — Kumanovo"
    assert window.context().role is Role.MUNICIPALITY and keys.has_keys(empty_folder)


def test_hub(qtbot: QtBot, with_modal: Modal, empty_folder: Path, stack: ExitStack) -> None:
    def drive(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, Role.HUB.value)
        press(qtbot, wizard, Button.NextButton)
        type_into(qtbot, wizard.details_page.name, "Western Balkans hub")
        press(qtbot, wizard, Button.CommitButton)
        finish(qtbot, wizard)

    window = shows(
        start(qtbot, with_modal, empty_folder, stack, drive), "Western Balkans hub · Regional hub"
    )
    assert window.context().is_hub


def test_field_laptop_from_the_municipality_profile(
    qtbot: QtBot,
    with_modal: Modal,
    empty_folder: Path,
    stack: ExitStack,
    municipality: ServiceContext,
    municipality_profile: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        assistant_field.QFileDialog,
        "getOpenFileName",
        lambda *_args, **_kwargs: (str(municipality_profile), ""),
    )

    def drive(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, Role.FIELD.value)
        press(qtbot, wizard, Button.NextButton)
        page = wizard.field_page
        click(qtbot, page.picker.browse)
        assert page.fingerprint.isVisible()
        check(page.confirmed)
        type_into(qtbot, page.name, "Ana's laptop")
        press(qtbot, wizard, Button.CommitButton)
        assert "Kumanovo" in wizard.done_page.text.text()
        finish(qtbot, wizard)

    window = start(qtbot, with_modal, empty_folder, stack, drive)
    window = shows(window, "Ana's laptop (Kumanovo) · Field laptop")
    assert window.context().role is Role.FIELD
    assert window.context().municipality_id == municipality.municipality_id


def test_explore_with_demo_data(
    qtbot: QtBot, with_modal: Modal, empty_folder: Path, stack: ExitStack
) -> None:
    def drive(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, "demo")
        press(qtbot, wizard, Button.CommitButton)  # builds the demo behind a progress dialog
        finish(qtbot, wizard)

    window = start(qtbot, with_modal, empty_folder, stack, drive)
    # The demo's Куманово, named in the Latin script of the English window.
    assert MUNICIPALITY_NAME == "Куманово"
    window = shows(window, "Kumanovo · Municipality")
    assert window.context().role is Role.MUNICIPALITY
    assert window.context().municipality_id is not None


def test_cancel_after_the_demo_data_was_saved_finishes_it_and_says_so(
    qtbot: QtBot,
    with_modal: Modal,
    empty_folder: Path,
    stack: ExitStack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Cancel while the demo's attached files are added (its records already saved): the demo
    is finished whole and the done page says so; it had gone on to "HubDesk is ready" as if
    Cancel had never been pressed."""
    import threading

    from test_import_wizard_cancel import press_cancel_when

    from hubdesk.services import demo_attachments

    attaching, gate = threading.Event(), threading.Event()
    real = demo_attachments.add_demo_attachments

    def held(muni: ServiceContext) -> None:
        attaching.set()
        gate.wait(15)
        real(muni)

    monkeypatch.setattr(demo_attachments, "add_demo_attachments", held)

    def drive(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, "demo")
        failures = press_cancel_when(qtbot, "Creating the demo", attaching.is_set, gate.set)
        press(qtbot, wizard, Button.CommitButton)
        assert not failures, failures
        assert wizard.currentId() == PageId.DONE
        assert wizard.done_page.text.isVisible()
        assert "Cancel came after the demo data was saved" in wizard.done_page.text.text()
        finish(qtbot, wizard)

    window = shows(start(qtbot, with_modal, empty_folder, stack, drive), "Kumanovo · Municipality")
    assert attachments.list_files(window.context())  # the demo whole, its files too


def test_cancel_on_the_first_page_quits_without_data(
    qtbot: QtBot, with_modal: Modal, empty_folder: Path, stack: ExitStack
) -> None:
    def drive(wizard: FirstRunAssistant) -> None:
        assert wizard.currentId() == PageId.LANGUAGE
        press(qtbot, wizard, Button.CancelButton)

    assert start(qtbot, with_modal, empty_folder, stack, drive) is None
    stack.close()
    assert not keys.has_keys(empty_folder)
    # The database made to look for an installation goes again: the folder is as it was.
    assert not database_path(empty_folder).exists()
    assert not list(empty_folder.glob("hubdesk.sqlite*"))


def test_cancel_after_a_refused_name_leaves_nothing_and_the_next_start_is_a_first_start(
    qtbot: QtBot, with_modal: Modal, empty_folder: Path, stack: ExitStack
) -> None:
    def refused_then_cancelled(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, Role.MUNICIPALITY.value)
        press(qtbot, wizard, Button.NextButton)
        type_into(qtbot, wizard.details_page.name, "   ")
        press(qtbot, wizard, Button.CommitButton)
        assert wizard.currentId() == PageId.DETAILS  # refused, with its message
        assert wizard.details_page.fields.fields["name"].error.isVisible()
        press(qtbot, wizard, Button.CancelButton)

    assert start(qtbot, with_modal, empty_folder, stack, refused_then_cancelled) is None
    stack.close()  # HubDesk quits
    assert not database_path(empty_folder).exists()

    # Started again: the assistant, and no main window drawn behind it before set-up.
    def cancelled_at_once(wizard: FirstRunAssistant) -> None:
        drawn = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        assert not [w for w in drawn if w.isVisible()]  # (an earlier test's closed one may linger)
        press(qtbot, wizard, Button.CancelButton)

    with ExitStack() as again:
        assert start(qtbot, with_modal, empty_folder, again, cancelled_at_once) is None
    assert not database_path(empty_folder).exists()


def test_a_first_start_cut_short_is_a_first_start_again_and_its_database_goes_on_cancel(
    qtbot: QtBot, with_modal: Modal, empty_folder: Path
) -> None:
    """The PC switched off while the assistant was open left a database with HubDesk's tables
    and no installation: every later start drew an empty main window behind the assistant
    ("Opening the data..."), and cancelling no longer removed that database."""
    from hubdesk.storage.open import open_database

    open_database(empty_folder).close()  # what the cut-short start left
    assert database_path(empty_folder).is_file()

    def nothing_behind(wizard: FirstRunAssistant) -> None:
        drawn = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        assert not [w for w in drawn if w.isVisible()]
        press(qtbot, wizard, Button.CancelButton)

    with ExitStack() as again:
        assert start(qtbot, with_modal, empty_folder, again, nothing_behind) is None
    assert not list(empty_folder.glob("hubdesk.sqlite*"))


def test_a_new_pc_restores_the_backup_of_the_old_one(
    qtbot: QtBot,
    with_modal: Modal,
    empty_folder: Path,
    stack: ExitStack,
    municipality: ServiceContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The old PC's backup folder on a USB stick: its records come back on the new PC, whose
    new keys the installation keeps from then on. Before, the assistant offered no restore, and
    Settings refused the backup of the installation a person had to set up first."""
    cat = team.create_team(municipality, {"name": "CAT Kumanovo", "kind": "cat"})
    meeting = meetings.create_meeting(
        municipality,
        {
            "team_id": cat.id,
            "starts_at": dt.datetime(2024, 3, 5, 9, tzinfo=dt.UTC),
            "kind": "regular",
        },
    )
    minutes = write(empty_folder.parent / "in", "minutes.pdf", pdf_bytes("Minutes"))
    attachments.add_file(municipality, "meeting", meeting.id, minutes)
    backup = datafolder.back_up_now(municipality)
    on_the_stick = shutil.copytree(backup, empty_folder.parent / "usb" / backup.name)
    # A backup cut short (its list of contents never written): its database alone would
    # leave every attached file behind, with no more than a note.
    unfinished = shutil.copytree(backup, empty_folder.parent / "usb" / "old.partial")
    (unfinished / "contents.json").unlink()
    monkeypatch.setattr(
        assistant_restore.QFileDialog,
        "getOpenFileName",
        lambda *_args, **_kwargs: (str(on_the_stick / "hubdesk.sqlite"), ""),
    )
    not_a_backup = empty_folder.parent / "notes.sqlite"
    not_a_backup.write_text("not a database", encoding="utf-8")

    def drive(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, RESTORE)
        press(qtbot, wizard, Button.NextButton)
        page = wizard.restore_page
        assert wizard.currentId() == PageId.RESTORE
        press(qtbot, wizard, Button.CommitButton)  # no file yet: said next to the field
        assert page.fields.fields["backup"].error.isVisible()
        type_into(qtbot, page.picker.path, str(not_a_backup))
        press(qtbot, wizard, Button.CommitButton)
        error = page.fields.fields["backup"].error
        assert error.isVisible() and "Nothing was changed" in error.text()
        assert wizard.currentId() == PageId.RESTORE and wizard.context is None
        type_into(qtbot, page.picker.path, str(unfinished / "hubdesk.sqlite"))
        press(qtbot, wizard, Button.CommitButton)
        assert "backup that was not finished" in error.text() and error.isVisible()
        assert wizard.currentId() == PageId.RESTORE and wizard.context is None
        click(qtbot, page.picker.browse)
        press(qtbot, wizard, Button.CommitButton)
        said = wizard.done_page.text.text()
        assert "The records of Kumanovo are back" in said
        assert "1 attached file is in place." in said  # what the restore says of the files
        finish(qtbot, wizard)

    window = shows(start(qtbot, with_modal, empty_folder, stack, drive), "Kumanovo · Municipality")
    restored = window.context()
    assert restored.installation_id == municipality.installation_id
    assert [t.id for t in team.list_teams(restored)] == [cat.id]
    assert keys.has_keys(empty_folder)
    new_key = keys.load_keys(empty_folder).public.fingerprint
    assert new_key != keys.load_keys(municipality.data_dir).public.fingerprint  # type: ignore[arg-type]
    installation = get_installation(restored.db)  # keeps the key made here, not the old PC's
    assert installation is not None
    assert installation.signing_key == folder_signing_key(empty_folder)


def test_the_restored_installation_keeps_the_language_chosen_on_this_pc(
    qtbot: QtBot,
    with_modal: Modal,
    empty_folder: Path,
    stack: ExitStack,
    municipality: ServiceContext,
) -> None:
    """Albanian chosen on the first page, a backup of an English installation restored: the
    next start switched the window to English, the language of the PC the backup came from."""
    backup = datafolder.back_up_now(municipality)
    assert get_installation(municipality.db).language == "en"  # type: ignore[union-attr]

    def drive(wizard: FirstRunAssistant) -> None:
        choose_row(wizard.language_page.languages, LANGUAGES.index("sq"))
        press(qtbot, wizard, Button.NextButton)
        check(wizard.choice_page.buttons[RESTORE])
        press(qtbot, wizard, Button.NextButton)
        type_into(qtbot, wizard.restore_page.picker.path, str(backup / "hubdesk.sqlite"))
        press(qtbot, wizard, Button.CommitButton)
        finish(qtbot, wizard)

    window = start(qtbot, with_modal, empty_folder, stack, drive)
    assert window is not None
    installation = get_installation(window.context().db)
    assert installation is not None and installation.language == "sq"


def test_cancel_while_the_backup_is_restored_stays_on_the_restore_page(
    qtbot: QtBot,
    with_modal: Modal,
    empty_folder: Path,
    stack: ExitStack,
    municipality: ServiceContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large backup on a slow USB stick: Cancel in the progress stops the restore, the
    assistant stays on its page with nothing restored and nothing to read, and the backup
    restores when the person tries again."""
    from test_import_wizard_cancel import press_cancel_when, wait_for_left_work
    from test_settings_backup_cancel import HeldCopy

    from hubdesk.storage import restore

    team.create_team(municipality, {"name": "CAT Kumanovo", "kind": "cat"})
    backup = datafolder.back_up_now(municipality)
    slow_copy = HeldCopy(restore._copy_file, lambda step: restore._report(step, 1))
    copying, gate = slow_copy.copying, slow_copy.gate

    def drive(wizard: FirstRunAssistant) -> None:
        to_choice(qtbot, wizard, RESTORE)
        press(qtbot, wizard, Button.NextButton)
        page = wizard.restore_page
        type_into(qtbot, page.picker.path, str(backup / "hubdesk.sqlite"))
        with monkeypatch.context() as slow:
            slow.setattr(restore, "_copy_file", slow_copy)
            failures = press_cancel_when(qtbot, "Restoring the backup", copying.is_set, gate.set)
            press(qtbot, wizard, Button.CommitButton)
            wait_for_left_work(qtbot)
        assert not failures, failures
        assert wizard.currentId() == PageId.RESTORE and wizard.context is None
        assert not page.fields.fields["backup"].error.isVisible()  # stopped as asked
        press(qtbot, wizard, Button.CommitButton)  # again, left to run
        assert "The records of Kumanovo are back" in wizard.done_page.text.text()
        finish(qtbot, wizard)

    window = shows(start(qtbot, with_modal, empty_folder, stack, drive), "Kumanovo · Municipality")
    assert [t.name for t in team.list_teams(window.context())] == ["CAT Kumanovo"]
