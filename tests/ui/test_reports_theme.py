"""The Reports page on a hub: the donor summary is offered, and the regional and donor reports
take a theme (a control shown only for them)."""

from __future__ import annotations

from gui import choose, show_window
from pytestqt.qtbot import QtBot

from hubdesk.services.context import ServiceContext
from hubdesk.ui.pages.reports import ReportsPage


def test_the_theme_is_offered_for_the_regional_and_donor_reports(
    qtbot: QtBot, hub_ctx: ServiceContext
) -> None:
    page = ReportsPage(hub_ctx)
    show_window(qtbot, page)
    assert page.kind.findData("donor") >= 0
    choose(page.kind, "donor")
    assert page.theme.isVisible()
    choose(page.theme, "hate_speech")
    assert page.options()["theme"] == "hate_speech"
    choose(page.kind, "regional")
    assert page.theme.isVisible() and page.options()["theme"] == "hate_speech"
    choose(page.kind, "youth")
    assert not page.theme.isVisible() and page.options()["theme"] is None
