"""Qt's own strings follow the UI language: Qt's catalog (Croatian) and HubDesk's (all)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui import choose, choose_row
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.ui import qt_translations
from hubdesk.ui.assistant import FirstRunAssistant
from hubdesk.ui.mainwindow import PAGE_KEYS, MainWindow
from hubdesk.ui.pages.settings import SettingsPage
from hubdesk.ui.qt_translations import apply_qt_language, catalog_file, shipped_languages


def cancel() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def copy() -> str:
    return QCoreApplication.translate("QLineEdit", "&Copy")


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    i18n.set_language("en")
    apply_qt_language("en")


def test_qt_ships_croatian_only_among_our_languages() -> None:
    assert shipped_languages() == ["hr"]
    assert catalog_file("hr") is not None and catalog_file("hr").name == "qtbase_hr.qm"  # type: ignore[union-attr]
    # No neighbour's catalog stands in for a language Qt does not ship.
    for code in ("en", "sq", "bs", "sr_Latn", "sr_Cyrl", "cnr", "mk", "pseudo"):
        assert catalog_file(code) is None


def test_switching_in_settings_swaps_qt_catalog(qtbot: QtBot, small_team: Any) -> None:
    window = MainWindow(small_team.ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    choose_row(window.sidebar, PAGE_KEYS.index("settings"))
    settings = window.current_page()
    assert isinstance(settings, SettingsPage)
    assert (cancel(), copy()) == ("Cancel", "&Copy")
    choose(settings.language, "hr")
    assert i18n.current_language() == "hr"
    assert (cancel(), copy()) == ("Odustani", "&Kopiraj")
    # Macedonian has no catalog from Qt: HubDesk's own makes Qt speak Macedonian, not Croatian.
    choose(settings.language, "mk")
    assert (cancel(), copy()) == ("Откажи", "&Копирај")
    choose(settings.language, "sr_Latn")
    assert (cancel(), copy()) == ("Otkaži", "&Kopiraj")
    choose(settings.language, "en")
    assert (cancel(), copy()) == ("Cancel", "&Copy")


def test_the_assistant_switches_qt_too(qtbot: QtBot, db: Any, data_dir: Path) -> None:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    choose_row(wizard.language_page.languages, i18n.LANGUAGES.index("hr"))
    assert cancel() == "Odustani"
    choose_row(wizard.language_page.languages, i18n.LANGUAGES.index("sq"))
    assert cancel() == "Anulo"
    choose_row(wizard.language_page.languages, i18n.LANGUAGES.index("en"))
    assert cancel() == "Cancel"


def test_without_qts_catalog_hubdesks_own_still_speaks_croatian(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A build that dropped Qt's translations keeps HubDesk's: "Look in" is ours anyway."""
    monkeypatch.setattr(qt_translations, "translations_dir", lambda: tmp_path)
    apply_qt_language("en")
    assert apply_qt_language("hr") is True
    assert cancel() == "Odustani"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Pogledaj u:"


def test_without_any_catalog_qt_stays_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(qt_translations, "translations_dir", lambda: tmp_path)
    monkeypatch.setattr(qt_translations, "LOCALE_DIR", tmp_path)
    apply_qt_language("en")
    assert apply_qt_language("mk") is False
    assert cancel() == "Cancel"


def test_native_file_dialogs_only_where_the_system_speaks_the_language(
    qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Macedonian Windows shows its own file dialog in Macedonian; an English one would not."""
    native_off = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    monkeypatch.setattr(qt_translations, "system_ui_language", lambda: "mk")
    apply_qt_language("mk")
    assert not QCoreApplication.testAttribute(native_off)
    apply_qt_language("sq")
    assert QCoreApplication.testAttribute(native_off)
    monkeypatch.setattr(qt_translations, "system_ui_language", lambda: "en")
    apply_qt_language("mk")
    assert QCoreApplication.testAttribute(native_off)
    apply_qt_language("en")
    assert not QCoreApplication.testAttribute(native_off)


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["mk-MK", "en-US"], "mk"),
        (["sr-Latn-RS"], "sr_Latn"),
        (["sr-Cyrl-RS"], "sr_Cyrl"),
        (["sr"], "sr_Cyrl"),
        (["hr_HR"], "hr"),
        (["de-DE", "mk"], None),
        ([], None),
    ],
)
def test_system_ui_language(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, tags: list[str], expected: str | None
) -> None:
    class FakeLocale:
        def uiLanguages(self) -> list[str]:
            return tags

    monkeypatch.setattr(qt_translations.QLocale, "system", staticmethod(FakeLocale))
    assert qt_translations.system_ui_language() == expected
