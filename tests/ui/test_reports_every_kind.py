"""Every report the Reports page offers can be chosen and made there, the hub's call and a
good practice included: choosing "Call for proposals" once raised an error and left the page
half changed (an unnamed, empty chooser under the period of the report before)."""

from __future__ import annotations

from typing import Any

from gui import choose, click, show_window
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from hubdesk.services import calls, practices
from hubdesk.services.context import ServiceContext
from hubdesk.ui.pages.reports import ReportsPage


def shown_page(qtbot: QtBot, ctx: ServiceContext) -> ReportsPage:
    page = ReportsPage(ctx)
    show_window(qtbot, page)
    return page


def made_text(qtbot: QtBot, page: ReportsPage) -> str:
    click(qtbot, page.make_button)
    assert page.last_path is not None, "the preview was refused"
    return "\n".join(p.extract_text() for p in PdfReader(str(page.last_path)).pages)


def every_kind_shows(page: ReportsPage) -> None:
    """Each kind offered: the chooser, when there is one, is named; nothing is left over
    from the kind chosen before."""
    for index in range(page.kind.count()):
        choose(page.kind, page.kind.itemData(index))
        assert page.current_kind() == page.kind.itemData(index)
        if page.record.isVisible():
            assert page.record_label.isVisible() and page.record_label.text()


def test_every_kind_a_municipality_is_offered_shows(qtbot: QtBot, small_team: Any) -> None:
    every_kind_shows(shown_page(qtbot, small_team.ctx))


def test_every_kind_the_hub_is_offered_shows(qtbot: QtBot, hub_ctx: ServiceContext) -> None:
    every_kind_shows(shown_page(qtbot, hub_ctx))


def test_the_hub_prints_a_call_from_the_reports_page(qtbot: QtBot, hub_ctx: ServiceContext) -> None:
    call = calls.create_call(hub_ctx, {"title": "Youth voices", "round": "2027/1"})
    page = shown_page(qtbot, hub_ctx)
    choose(page.kind, "call")
    assert page.record_label.text() == "Call for proposals"
    assert page.record.value() == call.id and "Youth voices" in page.record.currentText()
    assert not page.date_from.isVisible()  # a call has no period
    assert "Youth voices" in made_text(qtbot, page)


def test_a_municipality_prints_its_good_practice_from_the_reports_page(
    qtbot: QtBot, small_team: Any
) -> None:
    practice = practices.create_practice(small_team.ctx, {"title": "Walks across the river"})
    page = shown_page(qtbot, small_team.ctx)
    choose(page.kind, "practice")
    assert page.record_label.text() == "Good practice"
    assert page.record.value() == practice.id
    assert "Walks across the river" in made_text(qtbot, page)
