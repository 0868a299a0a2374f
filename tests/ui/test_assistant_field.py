"""A field laptop joins its municipality in the assistant, from the municipality's profile file."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui import check, choose, choose_row, click, type_into
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import Role
from hubdesk.i18n import LANGUAGES, _, language
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import get_installation, update_profile
from hubdesk.storage.db import Database
from hubdesk.sync import keys, peers, profile
from hubdesk.ui import assistant_field
from hubdesk.ui.assistant import FirstRunAssistant, PageId
from hubdesk.ui.assistant_field import FieldLaptopPage


def export(ctx: ServiceContext, target: Path) -> Path:
    """As ``hubdesk sync profile export`` writes it."""
    assert ctx.data_dir is not None
    return profile.export_profile(ctx, keys.load_keys(ctx.data_dir), target)


def press(qtbot: QtBot, wizard: FirstRunAssistant, button: QWizard.WizardButton) -> None:
    click(qtbot, wizard.button(button))


def pick_file(
    qtbot: QtBot, page: FieldLaptopPage, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choose… and pick ``path`` in the system's file dialog."""
    monkeypatch.setattr(
        assistant_field.QFileDialog,
        "getOpenFileName",
        lambda *_args, **_kwargs: (str(path), ""),
    )
    click(qtbot, page.picker.browse)
    assert page.picker.path.text() == str(path)


def to_field_page(qtbot: QtBot, wizard: FirstRunAssistant, lang: str | None = None) -> None:
    wizard.show()
    qtbot.waitExposed(wizard)
    if lang is not None:
        choose_row(wizard.language_page.languages, list(LANGUAGES).index(lang))
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    check(wizard.choice_page.buttons[Role.FIELD.value])
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.FIELD
    assert wizard.field_page.isCommitPage()


def test_join_from_the_profile_after_comparing_the_fingerprint(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    municipality: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = export(municipality, tmp_path / "kumanovo-profile.json")
    expected = keys.load_keys(municipality.data_dir).public.fingerprint  # type: ignore[arg-type]
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    to_field_page(qtbot, wizard)
    page = wizard.field_page

    # No file yet: nothing to compare, so nothing to tick; refused next to the file field.
    assert page.confirmed.isVisibleTo(page) and not page.confirmed.isEnabled()
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.FIELD
    assert page.fields.fields["profile"].error.isVisible()
    assert get_installation(db) is None

    pick_file(qtbot, page, path, monkeypatch)
    assert page.fingerprint.text() == expected and page.fingerprint.isVisibleTo(page)
    assert "Kumanovo (North Macedonia)" in page.about.text()
    assert page.fields.fields["profile"].error.isHidden()

    # The fingerprint was not confirmed as compared: refused next to the tick box.
    type_into(qtbot, page.name, "Ana's laptop")
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.FIELD
    confirmed_error = page.fields.fields["confirmed"].error
    assert confirmed_error.isVisible() and "Compare the fingerprint" in confirmed_error.text()
    assert get_installation(db) is None

    check(page.confirmed)
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DONE
    assert wizard.joined == "Kumanovo" and "Kumanovo" in wizard.done_page.text.text()
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)

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
    monkeypatch: pytest.MonkeyPatch,
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
        pick_file(qtbot, page, path, monkeypatch)
        assert error.isVisible() and message in error.text()
        assert page.fingerprint.isHidden() and not page.confirmed.isChecked()
        assert not page.confirmed.isEnabled()  # no fingerprint to have compared
        press(qtbot, wizard, QWizard.WizardButton.CommitButton)
        assert wizard.currentId() == PageId.FIELD
        assert message in error.text()
        assert get_installation(db) is None

    # The message follows the language, like every other.
    pick_file(qtbot, page, garbage, monkeypatch)
    press(qtbot, wizard, QWizard.WizardButton.BackButton)
    press(qtbot, wizard, QWizard.WizardButton.BackButton)
    choose_row(wizard.language_page.languages, 3)  # hr
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.FIELD and error.isVisible()
    with language("hr"):
        assert error.text() == _("This file is not a HubDesk profile.")


def test_the_municipality_is_named_in_the_script_of_the_chosen_language(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    municipality: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Macedonian coordinator joining Kumanovo (typed in Latin letters at the office, its
    Cyrillic form given in Settings) reads "Куманово" on both pages, as every list and report
    writes it in Macedonian."""
    update_profile(municipality, {"name_other_script": "Куманово"})
    path = export(municipality, tmp_path / "kumanovo-profile.json")
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    to_field_page(qtbot, wizard, "mk")
    page = wizard.field_page
    pick_file(qtbot, page, path, monkeypatch)
    assert "Куманово" in page.about.text() and "Kumanovo" not in page.about.text()
    check(page.confirmed)
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DONE
    shown = wizard.done_page.text.text()
    assert "Куманово" in shown and "Kumanovo" not in shown


def test_a_field_laptop_can_still_be_set_up_on_its_own(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    to_field_page(qtbot, wizard)
    check(wizard.field_page.alone)
    assert not wizard.field_page.isCommitPage()
    press(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PageId.DETAILS
    type_into(qtbot, wizard.details_page.name, "Kumanovo")
    choose(wizard.details_page.country, "MK")
    press(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == PageId.DONE
    assert wizard.context is not None and wizard.context.role is Role.FIELD
    assert wizard.joined is None
    press(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert wizard.result() == QWizard.DialogCode.Accepted


@pytest.mark.parametrize("lang", ["en", "sq"])
def test_the_fingerprint_stays_whole_when_its_tick_is_refused(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    municipality: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    """The message under the tick box once squeezed the lines above it: the fingerprint to be
    read out by phone lost its top and ran into the text about it (in every language)."""
    path = export(municipality, tmp_path / "kumanovo-profile.json")
    with language(lang):
        wizard = FirstRunAssistant(db, data_dir)
        qtbot.addWidget(wizard)
        to_field_page(qtbot, wizard)
        page = wizard.field_page
        pick_file(qtbot, page, path, monkeypatch)
        press(qtbot, wizard, QWizard.WizardButton.CommitButton)
        assert page.fields.fields["confirmed"].error.isVisible()
        shown = [page.about, page.fingerprint, page.confirmed, page.name]
        for widget in shown:
            needed = widget.heightForWidth(widget.width())
            needed = needed if needed > 0 else widget.sizeHint().height()
            assert widget.height() >= needed, f"{widget.text()!r} is cut"  # type: ignore[attr-defined]
        tops = [widget.mapTo(page, widget.rect().topLeft()).y() for widget in shown]
        bottoms = [top + widget.height() for top, widget in zip(tops, shown, strict=True)]
        assert all(b <= t for b, t in zip(bottoms, tops[1:], strict=False)), "lines overlap"


def test_the_hub_the_laptop_will_trust_is_named_with_its_fingerprint(
    qtbot: QtBot,
    db: Database,
    data_dir: Path,
    municipality: ServiceContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The municipality's profile names its hub, whose decisions the laptop will accept: the
    page says so and shows the hub's fingerprint to compare, as the Sync page does."""
    from hubdesk.services.installation import initialise
    from hubdesk.storage.open import open_database

    folder = tmp_path / "hub"
    folder.mkdir()
    hub_db = open_database(folder)
    hub = initialise(hub_db, role="hub", name="Regional hub", country=None)
    hub.data_dir = folder
    keys.ensure_keys(folder)
    peers.enrol(municipality, profile.read_profile(export(hub, tmp_path / "hub.json")))
    hub_db.close()
    path = export(municipality, tmp_path / "kumanovo-profile.json")
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    to_field_page(qtbot, wizard)
    page = wizard.field_page
    assert page.hub_about.isHidden()  # no profile yet
    pick_file(qtbot, page, path, monkeypatch)
    assert page.hub_about.isVisible() and "Regional hub" in page.hub_about.text()
    assert page.hub_fingerprint.isVisible()
    assert page.hub_fingerprint.text() == keys.load_keys(folder).public.fingerprint
