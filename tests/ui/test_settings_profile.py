"""Editing the installation's profile in Settings: inline refusal, Save, title and status bar."""

from __future__ import annotations

from typing import Any

from gui import choose, click, open_page, press_key, show_window, type_into
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.i18n import _, language
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import get_profile
from hubdesk.ui.mainwindow import MainWindow
from hubdesk.ui.pages.settings import SettingsPage


def settings_of(qtbot: QtBot, ctx: ServiceContext) -> tuple[MainWindow, SettingsPage]:
    window = MainWindow(ctx)
    show_window(qtbot, window)
    page = open_page(window, "settings")
    assert isinstance(page, SettingsPage)
    return window, page


def test_rename_with_a_refused_entry_first(qtbot: QtBot, ctx: ServiceContext) -> None:
    window, page = settings_of(qtbot, ctx)
    assert page.name.text() == "Kumanovo" and page.country.value() == "MK"
    assert window.windowTitle() == "HubDesk — Kumanovo"
    assert not page.save_button.isEnabled()  # nothing to save yet

    type_into(qtbot, page.name, "")
    assert page.save_button.isEnabled()
    click(qtbot, page.save_button)
    error = page.profile_fields.fields["name"].error
    assert not error.isHidden() and error.text() == "This field is required."
    assert get_profile(ctx).name == "Kumanovo"  # nothing saved
    assert window.windowTitle() == "HubDesk — Kumanovo"

    type_into(qtbot, page.name, "Opstina Kumanovo")
    click(qtbot, page.save_button)
    assert error.isHidden()
    assert get_profile(ctx).name == "Opstina Kumanovo"
    assert get_profile(ctx).municipality_name == "Opstina Kumanovo"
    assert not page.save_button.isEnabled()
    assert window.windowTitle() == "HubDesk — Opstina Kumanovo"
    assert window.status.installation.text().startswith("Opstina Kumanovo · ")


def test_ctrl_s_saves_and_an_edit_survives_a_language_switch(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    window, page = settings_of(qtbot, ctx)
    type_into(qtbot, page.name, "Општина Куманово")
    choose(page.language, "mk")  # retranslates every page
    assert page.name.text() == "Општина Куманово"  # the unsaved edit is not reloaded away
    with language("mk"):
        assert page.save_button.text() == _("Save")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press_key(qtbot, page.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert get_profile(ctx).name == "Општина Куманово"


def test_country_is_locked_once_records_exist(qtbot: QtBot, small_team: Any) -> None:
    ctx: ServiceContext = small_team.ctx
    _window, page = settings_of(qtbot, ctx)
    assert not page.country.isEnabled()
    assert not page.country_note.isHidden()
    assert "their amounts are in MKD" in page.country_note.text()


def test_country_can_be_corrected_before_any_record(qtbot: QtBot, ctx: ServiceContext) -> None:
    _window, page = settings_of(qtbot, ctx)
    assert page.country.isEnabled() and page.country_note.isHidden()
    choose(page.country, "AL")
    click(qtbot, page.save_button)
    assert not page.save_button.isEnabled()  # saved: nothing left to save
    shown = get_profile(ctx)
    assert (shown.country, shown.currency) == ("AL", "ALL")
    facts = [page.profile.itemAt(i).widget().text() for i in range(page.profile.count())]
    assert "ALL" in facts


def test_hub_edits_only_its_name(qtbot: QtBot, hub_ctx: ServiceContext) -> None:
    _window, page = settings_of(qtbot, hub_ctx)
    assert page.country.isHidden()
    assert page.profile_fields.fields["name"].label.text() == "Name of the hub"
    type_into(qtbot, page.name, "Western Balkans hub")
    click(qtbot, page.save_button)
    assert not page.save_button.isEnabled()  # saved: nothing left to save
    assert get_profile(hub_ctx).name == "Western Balkans hub"


def test_profile_shows_who_this_installation_is(qtbot: QtBot, ctx: ServiceContext) -> None:
    """Replaces the read-only version in test_settings_and_app.py: the name and country are
    in the form now, the facts that do not change here below it."""
    page = SettingsPage(ctx)
    show_window(qtbot, page)
    assert page.name.text() == "Kumanovo" and page.country.currentText() == "North Macedonia"
    facts = [page.profile.itemAt(i).widget().text() for i in range(page.profile.count())]
    assert "MKD" in facts and "Municipality" in facts  # the currency; "Works as" the role


def test_the_name_in_the_other_script_is_typed_checked_and_saved(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    _window, page = settings_of(qtbot, ctx)
    assert page.name_other.isVisible() and page.name_other.isEnabled()
    assert page.name_other.text() == ""  # typed in Latin, no Macedonian Cyrillic made by rule
    type_into(qtbot, page.name_other, "Kumanovo")  # the same script as the name: refused
    click(qtbot, page.save_button)
    error = page.profile_fields.fields["name_other_script"].error
    assert not error.isHidden()
    assert get_profile(ctx).name_other_script == ""
    type_into(qtbot, page.name_other, "Куманово")
    click(qtbot, page.save_button)
    assert error.isHidden()
    assert get_profile(ctx).name_other_script == "Куманово"
    assert page.name_other.text() == "Куманово"
