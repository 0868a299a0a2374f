"""The hub's Trainings, Calls, Sync and Reports pages name each municipality in the script of
the window's language ("Kumanovo" in English, "Куманово" in Macedonian, whichever was typed),
and follow a language switch while they are open."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui import choose, choose_row, click, show_window, wait_loaded
from hub_demo_copy import hub_demo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from hubdesk.i18n import _, language
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database
from hubdesk.ui.pages.calls import CallsPage
from hubdesk.ui.pages.reports import ReportsPage
from hubdesk.ui.pages.sync import SyncPage
from hubdesk.ui.pages.team import TeamPage
from hubdesk.ui.pages.trainings import TrainingsPage
from hubdesk.ui.pages.youth import YouthPage

LATIN = {"Kumanovo", "Novi Pazar"}
CYRILLIC = {"Куманово", "Нови Пазар"}  # as the demo's Kumanovo and Novi Pazar typed them


@pytest.fixture(scope="module")
def built_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub demo (three towns, two typed in Cyrillic), built once for this module."""
    folder = tmp_path_factory.mktemp("hub-demo") / "hub"
    hub_demo(folder).close()
    return folder


@pytest.fixture
def hub(built_hub: Path, tmp_path: Path) -> Iterator[ServiceContext]:
    folder = tmp_path / "hub"
    shutil.copytree(built_hub, folder)
    db = open_database(folder)
    try:
        yield load_context(db, folder)
    finally:
        db.close()


def latin(names: set[str]) -> bool:
    return names >= LATIN and not names & CYRILLIC


def cyrillic(names: set[str]) -> bool:
    return names >= CYRILLIC and not names & LATIN


def texts(combo: QComboBox) -> set[str]:
    return {combo.itemText(i) for i in range(combo.count())}


def test_trainings_name_each_municipality_in_the_script_of_the_language(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """The hub's Trainings list and its municipality filter said "Куманово" in an English
    window; now "Kumanovo", and the filter still narrows the list to that town."""
    page = TrainingsPage(hub)
    show_window(qtbot, page)
    model = page.table.model()

    def column() -> set[str]:
        return {model.data(model.index(r, 1)) for r in range(model.rowCount())}

    assert latin(column())
    assert latin(texts(page.municipality_filter))
    choose(page.municipality_filter, text="Kumanovo")
    assert column() == {"Kumanovo"}
    with language("mk"):
        page.retranslate()  # as Settings does when the language is switched
        assert column() == {"Куманово"}
        assert texts(page.municipality_filter) >= CYRILLIC
        assert page.municipality_filter.currentText() == "Куманово"  # still the chosen town
        choose(page.municipality_filter, None)
        assert cyrillic(column())


def test_the_hubs_youth_activities_name_their_municipality_and_filter_by_it(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """The hub's Youth page listed three towns' activities in one list, and nothing said which
    town's a row was; now a column names it (in the window's script) and a filter narrows."""
    page = YouthPage(hub)
    show_window(qtbot, page)
    model = page.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    town = headers.index("Municipality")

    def column() -> set[str]:
        return {model.data(model.index(r, town)) for r in range(model.rowCount())}

    assert latin(column())
    assert latin(texts(page.municipality_filter))
    everyone = model.shown
    choose(page.municipality_filter, text="Kumanovo")
    assert column() == {"Kumanovo"} and 0 < model.shown < everyone
    with language("mk"):
        page.retranslate()  # as Settings does when the language is switched
        assert column() == {"Куманово"}
        assert cyrillic(texts(page.municipality_filter))


def test_the_hubs_team_members_name_their_municipality_and_filter_by_it(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """The hub's Team page listed three towns' members in one list, and nothing said which
    town a member worked for; now a column names it and a filter narrows."""
    page = TeamPage(hub)
    show_window(qtbot, page)
    model = page.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    town = headers.index("Municipality")

    def column() -> set[str]:
        return {model.data(model.index(r, town)) for r in range(model.rowCount())}

    assert latin(column()) and latin(texts(page.municipality_filter))
    everyone = model.shown
    choose(page.municipality_filter, text="Novi Pazar")
    assert column() == {"Novi Pazar"} and 0 < model.shown < everyone
    with language("mk"):
        page.retranslate()  # as Settings does when the language is switched
        assert column() == {"Нови Пазар"}
        assert cyrillic(texts(page.municipality_filter))


def towns_named(detail: str) -> set[str]:
    """The towns a call's detail names by their lines: who received it and whose proposal
    reached the hub ("Kumanovo: received", "Kumanovo: MK-2026-007 …"), not the proposals'
    own titles, which stay as typed (the demo's titles change with the day it is made)."""
    received = detail.split(_("Received by"), 1)[1]
    return {line.split(":", 1)[0] for line in received.splitlines() if ": " in line}


def test_the_calls_receipts_name_each_municipality_in_the_script_of_the_language(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """Who received a published call (and the line of deliveries above) named the towns as
    typed; now in the window language's script, also after a switch."""
    page = CallsPage(hub)
    show_window(qtbot, page)
    row = next(
        r for r, call in enumerate(page.calls) if call.status == "published"
    )  # the call the municipalities were sent
    choose_row(page.calls_table, row)
    detail = page.detail.toPlainText()
    assert "Received by" in detail
    assert latin(towns_named(detail))
    assert "Kumanovo:" in page.news.text() and "Куманово:" not in page.news.text()
    with language("mk"):
        page.retranslate()
        detail = page.detail.toPlainText()
        assert "Received by" not in detail  # (the heading is Macedonian now)
        assert cyrillic(towns_named(detail))
        assert "Куманово:" in page.news.text()


def test_the_sync_page_names_each_partner_in_the_script_of_the_language(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """The partners to exchange files with, the peers and the history named the towns as
    their profiles typed them; now in the window language's script."""
    page = SyncPage(hub)
    page.resize(1100, 700)
    show_window(qtbot, page)
    partners = page.guide.partner_combo
    assert partners.isVisible()
    assert latin(texts(partners))
    choose(partners, text="Kumanovo")
    assert "Kumanovo" in page.guide.status.text()
    click(qtbot, page.details_button)
    peers = {page.peers.item(r, 0).text() for r in range(page.peers.rowCount())}
    assert latin(peers)
    assert texts(page.peer_combo) >= LATIN
    with language("mk"):
        page.retranslate()
        assert cyrillic(texts(partners))
        assert "Куманово" in page.guide.status.text()  # the partner chosen stays chosen
        peers = {page.peers.item(r, 0).text() for r in range(page.peers.rowCount())}
        assert cyrillic(peers)
        assert texts(page.peer_combo) >= CYRILLIC


def test_the_reports_choosers_name_teams_and_towns_in_the_script_of_the_language(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """The hub's list of meetings for the minutes named each team as typed ("Тим за акција во
    заедницата — Куманово" in English), and the list of municipalities each town; now both
    follow the window's language, also after a switch."""
    page = ReportsPage(hub)
    page.resize(1366, 768)
    show_window(qtbot, page)
    wait_loaded(page)
    choose(page.kind, "minutes")
    meetings = " ".join(texts(page.record))  # day · team · place (a place stays as typed)
    assert "Tim za akcija vo zaednicata — Kumanovo" in meetings
    assert "Тим за акција" not in meetings and "Локални савет" not in meetings
    choose(page.kind, "periodic")
    assert latin(texts(page.record))
    with language("mk"):
        page.retranslate()
        assert cyrillic(texts(page.record))
        choose(page.kind, "minutes")
        meetings = " ".join(texts(page.record))
        assert "Тим за акција во заедницата — Куманово" in meetings
        assert "Локални савет за безбедност — Нови Пазар" in meetings
        assert "Tim za akcija" not in meetings and "Lokalni savet" not in meetings


def test_a_records_history_names_the_town_that_changed_it_in_the_script_of_the_language(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """The hub's history of a Kumanovo training said it was changed "in Куманово" in an
    English window; now in Kumanovo, and in Куманово in a Macedonian one."""
    from hubdesk.services import town_names, trainings_summary
    from hubdesk.services.listing import Page
    from hubdesk.services.trainings_summary import TrainingFilter
    from hubdesk.ui.history_panel import HistoryDialog

    kumanovo = next(i for i, n in town_names.municipality_names(hub).items() if n == "Куманово")
    training = trainings_summary.list_trainings(
        hub, TrainingFilter(municipality_id=kumanovo), Page(limit=1)
    )[0]

    def where(lang: str) -> set[str]:
        with language(lang):
            dialog = HistoryDialog(hub, "trainings", training.id, read_only=True)
            show_window(qtbot, dialog)
            tree = dialog.tree
            shown = {tree.topLevelItem(r).text(1) for r in range(tree.topLevelItemCount())}
            dialog.close()
            return shown

    assert "Kumanovo" in where("en") and "Куманово" not in where("en")
    assert "Куманово" in where("mk")


def test_the_hub_is_told_why_it_cannot_add_a_training(qtbot: QtBot, hub: ServiceContext) -> None:
    """Hub staff who wanted to record a training found "New training" greyed, its tip still
    saying "Create a new record (Ctrl+N)"; now the tip says who records trainings."""
    from gui import usable

    from hubdesk.ui.pages.fund import FundPage

    for page in (TrainingsPage(hub), FundPage(hub)):
        show_window(qtbot, page)
        usable(page.table)
        assert not page.new_button.isEnabled()
        assert page.new_button.toolTip().startswith("The municipalities record these")
        with language("sq"):
            page.retranslate()
            assert "Ctrl+N" not in page.new_button.toolTip()
