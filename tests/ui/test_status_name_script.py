"""The window names its municipality in the script of its language, as reports do."""

from __future__ import annotations

from typing import Any

from gui import choose, open_page, usable
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.services.installation import update_profile
from hubdesk.ui.mainwindow import MainWindow


def test_the_status_bar_and_title_follow_the_script_of_the_language(
    qtbot: QtBot, small_team: Any
) -> None:
    """Kumanovo keeps "Куманово" as its other form: a Macedonian window said "Kumanovo" in the
    status bar and the title beside Cyrillic words (and an Albanian one "Куманово" where the
    name was typed in Cyrillic); now the name switches with the language."""
    ctx = small_team.ctx
    update_profile(ctx, {"name_other_script": "Куманово"})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Kumanovo" in window.status.installation.text()
    settings = open_page(window, "settings")
    usable(settings.language)
    choose(settings.language, "mk")
    assert i18n.current_language() == "mk"
    assert window.status.installation.text().startswith("Куманово · ")
    assert "Куманово" in window.windowTitle()
    choose(settings.language, "sq")
    assert window.status.installation.text().startswith("Kumanovo · ")
    assert "Kumanovo" in window.windowTitle()
