"""The first-run assistant, driven like a person would: language, who, details, done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.domain.enums import Role
from hubdesk.i18n import _, language
from hubdesk.services.installation import get_installation
from hubdesk.storage.db import Database
from hubdesk.sync.keys import has_keys
from hubdesk.ui.assistant import FirstRunAssistant, PageId


def next_page(qtbot: QtBot, wizard: FirstRunAssistant, button: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def test_municipality_set_up_with_a_refused_entry_first(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.currentId() == PageId.LANGUAGE
    # Choosing Macedonian switches the assistant at once.
    wizard.language_page.languages.setCurrentRow(i18n.LANGUAGES.index("mk"))
    with language("mk"):
        assert wizard.buttonText(QWizard.WizardButton.NextButton) == _("Next")
    next_page(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.CHOICE
    wizard.choice_page.buttons[Role.MUNICIPALITY.value].setChecked(True)
    next_page(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.DETAILS

    # Nothing typed: the service refuses, the message shows next to the name, nothing is saved.
    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DETAILS
    name_error = wizard.details_page.fields.fields["name"].error
    with language("mk"):
        assert name_error.text() == _("This field is required.")
    assert not name_error.isHidden()
    assert get_installation(db) is None

    qtbot.keyClicks(wizard.details_page.name, "Kumanovo")
    wizard.details_page.country.set_value("MK")
    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DONE
    assert wizard.fingerprint and wizard.done_page.fingerprint.text() == wizard.fingerprint
    next_page(qtbot, wizard, QWizard.WizardButton.FinishButton)

    installation = get_installation(db)
    assert installation is not None and installation.name == "Kumanovo"
    assert installation.language == "mk" and installation.role == "municipality"
    assert wizard.context is not None and wizard.context.municipality_id is not None
    assert has_keys(data_dir)


def test_hub_needs_no_country(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.choice_page.buttons[Role.HUB.value].setChecked(True)
    next_page(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.details_page.country.isHidden()
    assert wizard.details_page.fields.fields["name"].label.text() == "Name of the hub"
    qtbot.keyClicks(wizard.details_page.name, "Regional hub")
    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.context is not None and wizard.context.is_hub


def test_explore_with_demo_data(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    next_page(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.choice_page.buttons["demo"].setChecked(True)
    assert wizard.choice_page.isCommitPage()
    # The demo is built on a worker thread behind a progress dialog.
    next_page(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DONE
    assert wizard.context is not None
    installation = get_installation(db)
    assert installation is not None and installation.municipality_id is not None
