"""The data out of reach while the window is open (a hub's server stopped, a staff login
removed): each click says why once, and nothing escapes as a traceback (pytest-qt fails a
test on any exception raised in a slot or in a model's ``data``)."""

from __future__ import annotations

from typing import Any

import pytest
from gui import choose_row, open_page, show_window, wait_loaded
from pytestqt.qtbot import QtBot

from hubdesk.services.context import ServiceContext
from hubdesk.storage.errors import StorageError
from hubdesk.ui.mainwindow import PAGE_KEYS, MainWindow

GONE = "The connection to the hub's server was lost."


def out_of_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    def read(_self: ServiceContext) -> Any:
        raise StorageError(GONE)

    monkeypatch.setattr(ServiceContext, "read", read)
    monkeypatch.setattr(ServiceContext, "transaction", read)


def opened_window(qtbot: QtBot, small_team: Any) -> MainWindow:
    """The window on the small team's data, its dashboard read."""
    window = MainWindow(small_team.ctx)
    show_window(qtbot, window)
    wait_loaded(window.pages["dashboard"])
    return window


def test_pages_say_the_data_is_out_of_reach_and_keep_what_they_showed(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened_window(qtbot, small_team)
    team = open_page(window, "team")
    shown = team.model.rowCount()
    assert shown > 0
    open_page(window, "dashboard")
    out_of_reach(monkeypatch)
    # a page built before: its rows stay, the reason is told once
    choose_row(window.sidebar, PAGE_KEYS.index("team"))
    assert answers.told == [GONE]
    assert team.model.rowCount() == shown
    team.table.viewport().repaint()
    # a page never built: it cannot open; the window stays where it was
    before = window.current_key()
    choose_row(window.sidebar, PAGE_KEYS.index("fund"))
    assert answers.told == [GONE, GONE]
    assert window.current_key() == before
    assert window.sidebar.currentRow() == PAGE_KEYS.index(before)
    window.close()


def test_rows_not_read_yet_are_empty_and_told_once(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list reads its rows a page at a time as they are drawn: a page of rows that cannot
    be read draws empty, with the reason told once, not once per cell."""
    window = opened_window(qtbot, small_team)
    team = open_page(window, "team")
    del team.model._pages[0]  # the rows drawn next are read again (scrolled to, say)
    out_of_reach(monkeypatch)
    team.table.viewport().repaint()
    qtbot.wait(50)
    assert team.model.data(team.model.index(0, 0)) is None
    assert answers.told == [GONE]
    window.close()


def test_words_typed_for_a_step_stay_when_the_data_is_out_of_reach(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A help desk follow-up (as the hub's answers, a quarter's note, a practice's return):
    OK with the data out of reach says why and keeps the dialog open with the words typed."""
    from gui import click, type_into

    from hubdesk.services import helpdesk
    from hubdesk.ui.pages.helpdesk import HelpdeskPage

    ctx = small_team.ctx
    helpdesk.ask(
        ctx,
        {"subject": "Referral protocol", "topic": "methodology", "urgency": "normal",
         "question": "Is there a model protocol for schools?"},
    )  # fmt: skip
    page = HelpdeskPage(ctx)
    show_window(qtbot, page)
    choose_row(page.table, 0)
    words = "It is for the secondary schools."
    reachable = (ServiceContext.read, ServiceContext.transaction)

    def add(dialog: Any) -> None:
        type_into(qtbot, dialog.text, words)
        out_of_reach(monkeypatch)
        click(qtbot, dialog.ok_button)
        assert answers.told == [GONE]
        assert dialog.isVisible() and dialog.value() == words
        monkeypatch.setattr(ServiceContext, "read", reachable[0])  # the server is back:
        monkeypatch.setattr(ServiceContext, "transaction", reachable[1])  # the same OK goes
        click(qtbot, dialog.ok_button)
        assert not dialog.isVisible()

    with_modal(lambda: click(qtbot, page.follow_button), add)
    assert words in page.conversation.toPlainText()


def test_a_page_with_its_own_totals_says_it_once(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Youth, Trainings, Meetings... read a banner or totals after the list: the reason was
    said twice, and a filter changed meanwhile raised past the message."""
    from gui import choose

    window = opened_window(qtbot, small_team)
    youth = open_page(window, "youth")
    open_page(window, "dashboard")
    out_of_reach(monkeypatch)
    choose_row(window.sidebar, PAGE_KEYS.index("youth"))
    assert answers.told == [GONE]
    choose(youth.type_filter, youth.type_filter.itemData(1))  # a filter chosen meanwhile
    assert answers.told == [GONE, GONE]
    window.close()


def test_a_tile_says_it_once_and_opens_nothing_else(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened_window(qtbot, small_team)
    open_page(window, "helpdesk")
    out_of_reach(monkeypatch)
    window.open_list("team", {"active": True})  # never built
    assert answers.told == [GONE] and window.current_key() == "helpdesk"
    window.open_list("helpdesk", {"state": "waiting"})  # built: its own kind of list
    assert answers.told == [GONE, GONE]
    window.close()


def test_a_filter_chosen_while_out_of_reach_is_the_one_read_when_back(
    qtbot: QtBot, small_team: Any, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui import choose

    from hubdesk.domain.enums import TeamRole

    reachable = (ServiceContext.read, ServiceContext.transaction)
    window = opened_window(qtbot, small_team)
    team = open_page(window, "team")
    out_of_reach(monkeypatch)
    choose(team.role_filter, TeamRole.CHAIR.value)
    assert answers.told == [GONE]
    monkeypatch.setattr(ServiceContext, "read", reachable[0])
    monkeypatch.setattr(ServiceContext, "transaction", reachable[1])
    open_page(window, "dashboard")
    open_page(window, "team")
    assert team.model.filter.role == TeamRole.CHAIR.value  # as the box shows
    window.close()
