"""The first-run assistant, driven like a person would: language, who, details, done."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui import check, choose, choose_row, click, press_key, type_into, usable
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.domain.enums import Role
from hubdesk.i18n import _, language
from hubdesk.services.installation import get_installation
from hubdesk.storage.db import Database
from hubdesk.sync.keys import has_keys
from hubdesk.ui import assistant
from hubdesk.ui.assistant import RESTORE, FirstRunAssistant, PageId

Button = QWizard.WizardButton


def shown(qtbot: QtBot, db: Database, data_dir: Path) -> FirstRunAssistant:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def press(qtbot: QtBot, wizard: FirstRunAssistant, button: Button) -> None:
    click(qtbot, wizard.button(button))


def assert_final(wizard: FirstRunAssistant) -> None:
    """The done page ends the assistant: Finish only, no Next, Back or Cancel."""
    assert wizard.currentId() == PageId.DONE
    assert wizard.button(Button.FinishButton).isVisible()
    for other in (Button.NextButton, Button.CommitButton, Button.BackButton, Button.CancelButton):
        assert not wizard.button(other).isVisible(), other


def test_municipality_set_up_with_a_refused_entry_first(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    wizard = shown(qtbot, db, data_dir)
    assert wizard.currentId() == PageId.LANGUAGE
    # Choosing Macedonian switches the assistant at once.
    choose_row(wizard.language_page.languages, i18n.LANGUAGES.index("mk"))
    with language("mk"):
        assert wizard.buttonText(Button.NextButton) == _("Next")
    press(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == PageId.CHOICE
    check(wizard.choice_page.buttons[Role.MUNICIPALITY.value])
    press(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == PageId.DETAILS

    # Nothing typed: the service refuses, the message shows next to the name, nothing is saved.
    press(qtbot, wizard, Button.CommitButton)
    assert wizard.currentId() == PageId.DETAILS
    name_error = wizard.details_page.fields.fields["name"].error
    with language("mk"):
        assert name_error.text() == _("This field is required.")
    assert name_error.isVisible()
    assert get_installation(db) is None

    type_into(qtbot, wizard.details_page.name, "Kumanovo")
    choose(wizard.details_page.country, "MK")
    press(qtbot, wizard, Button.CommitButton)
    assert_final(wizard)
    assert wizard.fingerprint and wizard.done_page.fingerprint.text() == wizard.fingerprint
    usable(wizard.done_page.fingerprint)
    press(qtbot, wizard, Button.FinishButton)
    assert not wizard.isVisible() and wizard.result() == QWizard.DialogCode.Accepted

    installation = get_installation(db)
    assert installation is not None and installation.name == "Kumanovo"
    assert installation.language == "mk" and installation.role == "municipality"
    assert wizard.context is not None and wizard.context.municipality_id is not None
    assert has_keys(data_dir)


def test_hub_needs_no_country(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    wizard = shown(qtbot, db, data_dir)
    press(qtbot, wizard, Button.NextButton)
    check(wizard.choice_page.buttons[Role.HUB.value])
    press(qtbot, wizard, Button.NextButton)
    assert not wizard.details_page.country.isVisible()
    assert wizard.details_page.fields.fields["name"].label.text() == "Name of the hub"
    type_into(qtbot, wizard.details_page.name, "Regional hub")
    press(qtbot, wizard, Button.CommitButton)
    assert wizard.context is not None and wizard.context.is_hub
    assert_final(wizard)
    press(qtbot, wizard, Button.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_explore_with_demo_data(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    wizard = shown(qtbot, db, data_dir)
    press(qtbot, wizard, Button.NextButton)
    check(wizard.choice_page.buttons["demo"])
    assert wizard.choice_page.isCommitPage()
    # The demo is built on a worker thread behind a progress dialog.
    press(qtbot, wizard, Button.CommitButton)
    assert_final(wizard)
    assert wizard.context is not None
    installation = get_installation(db)
    assert installation is not None and installation.municipality_id is not None
    press(qtbot, wizard, Button.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


def test_going_back_before_set_up_changes_the_path(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    """Back is offered until set-up; a hub chosen after a municipality gets the hub's page."""
    wizard = shown(qtbot, db, data_dir)
    press(qtbot, wizard, Button.NextButton)
    press(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == PageId.DETAILS
    assert wizard.details_page.country.isVisible()
    press(qtbot, wizard, Button.BackButton)
    check(wizard.choice_page.buttons[Role.HUB.value])
    press(qtbot, wizard, Button.NextButton)
    assert not wizard.details_page.country.isVisible()
    assert get_installation(db) is None


def test_a_refusal_is_gone_when_the_person_comes_back_with_another_answer(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    """Set up pressed with nothing filled in for a municipality, then Back to choose the hub:
    the hub's page, which has no country, said "Choose the municipality's country."."""
    wizard = shown(qtbot, db, data_dir)
    press(qtbot, wizard, Button.NextButton)
    press(qtbot, wizard, Button.NextButton)
    press(qtbot, wizard, Button.CommitButton)
    fields = wizard.details_page.fields.fields
    assert fields["country"].error.isVisible()
    press(qtbot, wizard, Button.BackButton)
    check(wizard.choice_page.buttons[Role.HUB.value])
    press(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == PageId.DETAILS
    assert not fields["country"].error.isVisible()
    assert not fields["name"].error.isVisible()  # said of the municipality's empty name
    type_into(qtbot, wizard.details_page.name, "Regional hub")
    press(qtbot, wizard, Button.CommitButton)
    assert_final(wizard)


def test_after_a_refused_file_the_keyboard_is_in_the_path_field(
    qtbot: QtBot, db: Database, data_dir: Path, tmp_path: Path
) -> None:
    """A path typed and Enter pressed, the file refused: the keyboard went to the row holding
    the path and its Choose button, so what the person typed next went nowhere."""
    not_a_backup = tmp_path / "notes.sqlite"
    not_a_backup.write_text("not a database", encoding="utf-8")
    wizard = shown(qtbot, db, data_dir)
    press(qtbot, wizard, Button.NextButton)
    check(wizard.choice_page.buttons[RESTORE])
    press(qtbot, wizard, Button.NextButton)
    restore = wizard.restore_page
    type_into(qtbot, restore.picker.path, str(not_a_backup))
    press_key(qtbot, restore.picker.path, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.RESTORE
    assert restore.fields.fields["backup"].error.isVisible()
    assert QApplication.focusWidget() is restore.picker.path

    press(qtbot, wizard, Button.BackButton)
    check(wizard.choice_page.buttons[Role.FIELD.value])
    press(qtbot, wizard, Button.NextButton)
    field = wizard.field_page
    press(qtbot, wizard, Button.CommitButton)  # no profile chosen: said next to its field
    assert field.fields.fields["profile"].error.isVisible()
    assert QApplication.focusWidget() is field.picker.path


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("sr_Latn_ME", "cnr"),  # Montenegrin, as Windows and Linux name it
        ("sr_Cyrl_ME", "sr_Cyrl"),
        ("sr_Latn_RS", "sr_Latn"),
        ("sr_Cyrl_RS", "sr_Cyrl"),
        ("bs_BA", "bs"),
        ("hr_BA", "hr"),
        ("mk_MK", "mk"),
        ("de_DE", "en"),
    ],
)
def test_the_assistant_opens_in_the_language_of_the_pc(
    monkeypatch: pytest.MonkeyPatch, system: str, expected: str
) -> None:
    """A PC in Montenegro set to Montenegrin reports Serbian (Latin) to Qt, which has no
    Montenegrin; the first-run assistant opened in ekavian Serbian there."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(assistant.QLocale, "system", staticmethod(lambda: QLocale(system)))
    assert assistant.system_language() == expected


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "sr_RS.UTF-8@latin"}, "sr_Latn"),
        ({"LC_ALL": "sr_RS@latin", "LANG": "sr_RS.UTF-8"}, "sr_Latn"),
        ({"LC_MESSAGES": "sr_RS.UTF-8", "LANG": "sr_RS.UTF-8@latin"}, "sr_Cyrl"),
        ({"LANG": "sr_RS.UTF-8"}, "sr_Cyrl"),
    ],
)
def test_a_linux_pc_set_to_serbian_in_latin_letters_opens_it_in_latin(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    """Debian writes Latin Serbian as "sr_RS.UTF-8@latin", which Qt reads as Serbia's
    Cyrillic: the variable that decides the messages' language decides the script too."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(assistant.QLocale, "system", staticmethod(lambda: QLocale("sr_RS")))
    assert assistant.system_language() == expected
