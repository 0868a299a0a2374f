"""A field laptop joins its municipality in the assistant, from the municipality's profile file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import Role
from hubdesk.i18n import _, language
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import get_installation, initialise
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile
from hubdesk.ui.assistant import FirstRunAssistant, PageId


@pytest.fixture
def municipality(tmp_path: Path) -> Iterator[ServiceContext]:
    """Kumanovo's own installation in its own folder, with keys (as on the focal point's PC)."""
    folder = tmp_path / "kumanovo"
    folder.mkdir()
    db = open_database(folder)
    ctx = initialise(db, role="municipality", name="Kumanovo", country="MK")
    ctx.data_dir = folder
    keys.ensure_keys(folder)
    yield ctx
    db.close()


def export(ctx: ServiceContext, target: Path) -> Path:
    """As ``hubdesk sync profile export`` writes it."""
    assert ctx.data_dir is not None
    return profile.export_profile(ctx, keys.load_keys(ctx.data_dir), target)


def click(qtbot: QtBot, wizard: FirstRunAssistant, button: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(button), Qt.MouseButton.LeftButton)


def to_field_page(qtbot: QtBot, wizard: FirstRunAssistant) -> None:
    wizard.show()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wizard.choice_page.buttons[Role.FIELD.value].setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.FIELD
    assert wizard.field_page.isCommitPage()


def test_join_from_the_profile_after_comparing_the_fingerprint(
    qtbot: QtBot, db: Database, data_dir: Path, municipality: ServiceContext, tmp_path: Path
) -> None:
    path = export(municipality, tmp_path / "kumanovo-profile.json")
    expected = keys.load_keys(municipality.data_dir).public.fingerprint  # type: ignore[arg-type]
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    to_field_page(qtbot, wizard)
    page = wizard.field_page

    # No file yet: refused next to the file field, nothing written.
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.FIELD
    assert not page.fields.fields["profile"].error.isHidden()
    assert get_installation(db) is None

    page.picker.set_value(path)
    assert page.fingerprint.text() == expected and page.fingerprint.isVisibleTo(page)
    assert "Kumanovo (North Macedonia)" in page.about.text()
    assert page.fields.fields["profile"].error.isHidden()

    # The fingerprint was not confirmed as compared: refused next to the tick box.
    page.name.setText("Ana's laptop")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.FIELD
    confirmed_error = page.fields.fields["confirmed"].error
    assert not confirmed_error.isHidden() and "Compare the fingerprint" in confirmed_error.text()
    assert get_installation(db) is None

    page.confirmed.setChecked(True)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DONE
    assert wizard.joined == "Kumanovo" and "Kumanovo" in wizard.done_page.text.text()
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    laptop = wizard.context
    assert laptop is not None and laptop.role is Role.FIELD
    assert laptop.municipality_id == municipality.municipality_id
    installation = get_installation(db)
    assert installation is not None and installation.name == "Ana's laptop"
    assert installation.municipality_id == municipality.municipality_id
    enrolled = peers.list_peers(laptop)
    assert [p.id for p in enrolled] == [municipality.installation_id]
    assert keys.has_keys(data_dir) and wizard.fingerprint != expected


def test_a_wrong_file_is_refused_next_to_the_field(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    hub_ctx: ServiceContext,
    tmp_path: Path,
) -> None:
    keys.ensure_keys(hub_ctx.data_dir)  # type: ignore[arg-type]
    hub_profile = export(hub_ctx, tmp_path / "hub-profile.json")
    garbage = tmp_path / "notes.json"
    garbage.write_text('{"hello": 1}', encoding="utf-8")
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    to_field_page(qtbot, wizard)
    page = wizard.field_page
    error = page.fields.fields["profile"].error

    for path, message in (
        (garbage, "This file is not a HubDesk profile."),
        (hub_profile, "A field laptop is set up from its municipality's profile."),
        (tmp_path / "missing.json", "Could not read"),
    ):
        page.picker.set_value(path)
        assert not error.isHidden() and message in error.text()
        assert page.fingerprint.isHidden() and not page.confirmed.isChecked()
        page.confirmed.setChecked(True)
        click(qtbot, wizard, QWizard.WizardButton.CommitButton)
        assert wizard.currentId() == PageId.FIELD
        assert message in error.text()
        assert get_installation(db) is None

    # The message follows the language, like every other.
    page.picker.set_value(garbage)
    wizard.language_page.languages.setCurrentRow(3)  # hr
    with language("hr"):
        assert error.text() == _("This file is not a HubDesk profile.")


def test_a_field_laptop_can_still_be_set_up_on_its_own(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    to_field_page(qtbot, wizard)
    wizard.field_page.alone.setChecked(True)
    assert not wizard.field_page.isCommitPage()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.DETAILS
    qtbot.keyClicks(wizard.details_page.name, "Kumanovo")
    wizard.details_page.country.set_value("MK")
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DONE
    assert wizard.context is not None and wizard.context.role is Role.FIELD
    assert wizard.joined is None
