"""Qt's own strings follow the UI language where Qt ships a catalog (Croatian), and only there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui import choose, choose_row
from PySide6.QtCore import QCoreApplication
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
    # Macedonian: Qt has no catalog, so Qt's strings go back to English, not stay Croatian.
    choose(settings.language, "mk")
    assert cancel() == "Cancel"
    choose(settings.language, "hr")
    assert cancel() == "Odustani"
    choose(settings.language, "en")
    assert (cancel(), copy()) == ("Cancel", "&Copy")


def test_the_assistant_switches_qt_too(qtbot: QtBot, db: Any, data_dir: Path) -> None:
    wizard = FirstRunAssistant(db, data_dir)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    choose_row(wizard.language_page.languages, i18n.LANGUAGES.index("hr"))
    assert cancel() == "Odustani"
    choose_row(wizard.language_page.languages, i18n.LANGUAGES.index("en"))
    assert cancel() == "Cancel"


def test_a_missing_catalog_leaves_qt_in_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A build that dropped Qt's translations still starts; Qt speaks English."""
    monkeypatch.setattr(qt_translations, "translations_dir", lambda: tmp_path)
    apply_qt_language("en")
    assert apply_qt_language("hr") is False
    assert cancel() == "Cancel"
