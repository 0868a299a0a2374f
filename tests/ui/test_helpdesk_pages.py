"""The Engagements and Help Desk pages: a city records an engagement and asks the hub; the hub
answers from its queue, overdue first; the city follows up and closes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from gui import (
    check,
    choose,
    choose_row,
    click,
    set_date,
    show_window,
    trigger,
    type_into,
    wait_loaded,
)
from hub_demo_copy import hub_demo
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk import clock, i18n
from hubdesk.i18n.formatting import format_date
from hubdesk.services import engagements, helpdesk
from hubdesk.services.installation import load_context
from hubdesk.ui.editors.engagement import EngagementDialog
from hubdesk.ui.pages.dashboard import DashboardPage
from hubdesk.ui.pages.engagements import EngagementsPage
from hubdesk.ui.pages.helpdesk import AskDialog, HelpdeskPage

TODAY = clock.today()


def test_a_city_records_an_engagement_with_a_follow_up(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    page = EngagementsPage(ctx)
    show_window(qtbot, page)
    assert page.due_banner.isHidden()
    dialog = EngagementDialog(ctx, None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    f = dialog.fields.fields
    type_into(qtbot, f["counterpart"].widget, "Ministry of Interior")
    choose(f["level"].widget, "national")
    choose(f["kind"].widget, "written_input")
    set_date(f["engaged_on"].widget, TODAY - dt.timedelta(days=4))
    set_date(f["follow_up_on"].widget, TODAY - dt.timedelta(days=10))
    trigger(f["themes"].widget.actions_["reintegration"])
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()  # a follow-up before the engagement is refused, next to the field
    assert f["follow_up_on"].error.text() == "The follow-up cannot be before the engagement."
    set_date(f["follow_up_on"].widget, TODAY + dt.timedelta(days=3))
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    page.refresh()
    saved = engagements.list_engagements(ctx)
    assert [(e.counterpart, e.themes) for e in saved] == [
        ("Ministry of Interior", ["reintegration"])
    ]
    assert page.due_banner.text() == "1 follow-up is due within two weeks or overdue."
    dashboard = DashboardPage(ctx)
    wait_loaded(dashboard)
    assert dashboard.extra_tiles["follow_ups"].caption.text() == "engagement follow-up due"
    assert dashboard.extra_tiles["follow_ups"].number.text() == "1"
    check(page.due_only)
    assert page.model.total == 1


def test_a_city_asks_and_follows_up(
    qtbot: QtBot, small_team: Any, answers: Any, with_modal: Any
) -> None:
    ctx = small_team.ctx
    page = HelpdeskPage(ctx)
    show_window(qtbot, page)
    assert page.answer_button.isHidden() and page.ask_button.isVisible()

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, AskDialog)
        f = dialog.fields.fields
        type_into(qtbot, f["subject"].widget, "Referral protocol")
        topic = f["topic"].widget
        # No topic is chosen for the person: the box asks for one rather than standing empty.
        assert topic.currentIndex() == -1 and topic.placeholderText() == "Choose…"
        choose(topic, "methodology")
        choose(f["urgency"].widget, "urgent")
        type_into(qtbot, f["question"].widget, "Is there a model protocol for schools?")
        click(qtbot, dialog.save_button)

    with_modal(lambda: click(qtbot, page.ask_button), fill)
    assert page.table.rowCount() == 1
    assert page.table.item(0, 4).text() == "Waiting for the hub"
    choose_row(page.table, 0)
    assert "Is there a model protocol for schools?" in page.conversation.toPlainText()

    def add(dialog: Any) -> None:
        type_into(qtbot, dialog.text, "It is for the secondary schools.")
        click(qtbot, dialog.ok_button)

    with_modal(lambda: click(qtbot, page.follow_button), add)
    assert "It is for the secondary schools." in page.conversation.toPlainText()
    answers.confirm = True
    choose_row(page.table, 0)
    click(qtbot, page.close_button)
    assert page.table.item(0, 4).text() == "Closed"
    assert not page.follow_button.isEnabled()


def test_the_hub_answers_from_its_queue(
    qtbot: QtBot, tmp_path: Path, answers: Any, with_modal: Any
) -> None:
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        dashboard = DashboardPage(hub)
        wait_loaded(dashboard)
        tile = dashboard.extra_tiles["helpdesk"]
        assert tile.caption.text() == "help desk questions to answer; 3 overdue"
        assert tile.number.text() == "6"  # each demo city: one overdue, one waiting
        assert "follow_ups" not in dashboard.extra_tiles  # a city's own business
        page = HelpdeskPage(hub)
        show_window(qtbot, page)
        assert page.ask_button.isHidden() and page.close_button.isHidden()
        states = [page.table.item(r, 6).text() for r in range(page.table.rowCount())]
        assert states[0] == "Overdue" and {"Answered", "Closed", "Waiting for the hub"} <= set(
            states
        )
        overdue = states.count("Overdue")
        header = [page.table.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(3)]
        assert header == ["Municipality", "Asked on", "Reached the hub"]
        choose_row(page.table, 0)
        first = page.selected()
        assert first is not None
        # The demo's unanswered questions reached the hub with a bundle sent two days after
        # they were asked; the hub reads both days and counts from the later.
        assert first.reached_hub == first.asked_on + dt.timedelta(days=2) == first.counted_from
        assert page.table.item(0, 2).text() == format_date(first.reached_hub, fmt="short")
        conversation = page.conversation.toPlainText()
        assert "reached the hub on " + format_date(first.reached_hub) in conversation
        assert "The hub's response time counts from the day it reached the hub." in conversation

        def write(dialog: Any) -> None:
            type_into(qtbot, dialog.text, "Here is the model protocol, in the annex.")
            click(qtbot, dialog.ok_button)

        with_modal(lambda: click(qtbot, page.answer_button), write)
        states = [page.table.item(r, 6).text() for r in range(page.table.rowCount())]
        assert states.count("Overdue") == overdue - 1
        view, said = helpdesk.get_request(hub, first.id)
        assert view.state.value == "answered" and said[-1].body.startswith("Here is")
        contacts = EngagementsPage(hub)
        show_window(qtbot, contacts)
        assert contacts.model.headerData(1, Qt.Orientation.Horizontal) == "Municipality"
        assert contacts.model.total == 12 and contacts.due_banner.isHidden()
        assert not contacts.new_button.isEnabled()  # the cities record their own
    finally:
        db.close()


def test_the_hub_names_the_asking_city_in_the_script_of_its_language(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """An Albanian hub window listed "Нови Пазар" and "Куманово" beside "Elbasan"; now the
    column follows the window's language, also after a switch while the page is open."""
    from hubdesk.i18n import language

    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        with language("sq"):
            page = HelpdeskPage(hub)
            show_window(qtbot, page)
            towns = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
            assert {"Kumanovo", "Novi Pazar", "Elbasan"} <= towns
            assert not {"Куманово", "Нови Пазар"} & towns
        with language("sr_Cyrl"):
            page.retranslate()
            towns = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
            assert {"Куманово", "Нови Пазар"} <= towns
        page.close()
    finally:
        db.close()


def test_the_hubs_engagements_name_each_city_in_the_script_of_the_language(
    qtbot: QtBot, ctx: Any
) -> None:
    """The hub's Engagements list named the city as typed ("Kumanovo" in a Macedonian
    window); now in the language's script, also after a switch."""
    from hubdesk.domain.enums import Role
    from hubdesk.i18n import language
    from hubdesk.services.context import ServiceContext
    from hubdesk.services.installation import update_profile

    update_profile(ctx, {"name_other_script": "Куманово"})
    engagements.create_engagement(
        ctx,
        {"counterpart": "Ministry of Justice", "level": "national", "kind": "meeting",
         "engaged_on": clock.today()},
    )  # fmt: skip
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    with language("mk"):
        page = EngagementsPage(hub)
        show_window(qtbot, page)
        wait_loaded(page)
        model = page.table.model()
        assert model.data(model.index(0, 1)) == "Куманово"
    with language("sq"):
        assert model.data(model.index(0, 1)) == "Kumanovo"


def test_a_date_that_ends_with_a_stop_ends_the_sentence_once(qtbot: QtBot, tmp_path: Path) -> None:
    """In Serbian a date is written "12. 11. 2026.": the hub's reading of when a question
    arrived ends with that one stop, never "2026.." (the sentence's stop after the date's)."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        with i18n.language("sr_Cyrl"):
            page = HelpdeskPage(hub)
            show_window(qtbot, page)
            choose_row(page.table, 0)
            conversation = page.conversation.toPlainText()
            first = page.selected()
            assert first is not None and first.reached_hub is not None
            reached = format_date(first.reached_hub)
            assert reached.endswith(".") and reached in conversation
        assert re.search(r"\d\.\.", conversation) is None, conversation
    finally:
        db.close()


def test_the_answered_question_stays_chosen(
    qtbot: QtBot, tmp_path: Path, answers: Any, with_modal: Any
) -> None:
    """An answered question moves down the hub's list (the overdue and waiting ones come
    first): the row it left was kept chosen, so the hub saw another city's question under its
    answer and could answer that one by mistake. Now the answered question stays chosen,
    with the answer in the pane below."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        page = HelpdeskPage(hub)
        show_window(qtbot, page)
        states = [page.table.item(r, 6).text() for r in range(page.table.rowCount())]
        row = states.index("Waiting for the hub")
        choose_row(page.table, row)
        chosen = page.selected()
        assert chosen is not None

        def write(dialog: Any) -> None:
            type_into(qtbot, dialog.text, "Yes: Reports, then English under the headings.")
            click(qtbot, dialog.ok_button)

        with_modal(lambda: click(qtbot, page.answer_button), write)
        now = page.selected()
        assert now is not None and now.id == chosen.id and now.state.value == "answered"
        assert "Yes: Reports, then English" in page.conversation.toPlainText()
        assert page.table.item(page.table.currentRow(), 6).text() == "Answered"
    finally:
        db.close()


def test_a_macedonian_date_ends_the_sentence_once(qtbot: QtBot, tmp_path: Path) -> None:
    """A Macedonian date ends in "г." ("4.12.2026 г."): the hub's reading of when a question
    arrived printed "г.." with the sentence's own stop."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        with i18n.language("mk"):
            page = HelpdeskPage(hub)
            show_window(qtbot, page)
            choose_row(page.table, 0)
            conversation = page.conversation.toPlainText()
            first = page.selected()
            assert first is not None and first.reached_hub is not None
            assert format_date(first.reached_hub).endswith("г.")
        assert "г.." not in conversation and "г." in conversation, conversation
    finally:
        db.close()


def test_the_hubs_questions_fit_beside_the_sidebar_in_macedonian(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """At 1366×768 in Macedonian the hub's list ran past its right edge: "Answer due" was out
    of sight behind a scroll bar ("Пристигнато во регионалниот центар" alone took a quarter
    of the width). Now the dates' titles take two lines and the subject takes the rest,
    ending in "…" with the whole subject in its tip."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        with i18n.language("mk"):
            page = HelpdeskPage(hub)
            page.resize(1366 - 190, 700)  # the window beside the Macedonian sidebar
            show_window(qtbot, page)
            header = page.table.horizontalHeader()
            assert header.length() <= page.table.viewport().width()
            assert not page.table.horizontalScrollBar().isVisible()
            subject = page.table.item(0, 3)
            assert subject.toolTip() == subject.text() == page.selected().subject
    finally:
        db.close()


def test_the_hub_filters_its_queue_and_its_tiles_open_their_pages(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A state chosen in the filter (or by the dashboard's tile) reads the list once: the page
    retranslated its filter on every reading, which told the page the state had changed, which
    read again, until Python's stack ran out. The hub's quarters tile opens its page (it has
    no list to filter)."""
    from hubdesk.ui.mainwindow import PAGE_KEYS, MainWindow

    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        page = HelpdeskPage(hub)
        show_window(qtbot, page)
        choose(page.state_filter, "overdue")
        states = {page.table.item(r, 6).text() for r in range(page.table.rowCount())}
        assert states == {"Overdue"}
        window = MainWindow(hub)
        show_window(qtbot, window)
        dashboard = window.pages["dashboard"]
        assert isinstance(dashboard, DashboardPage)
        wait_loaded(dashboard)
        click(qtbot, dashboard.extra_tiles["helpdesk"])
        assert window.current_key() == "helpdesk"
        shown = window.pages["helpdesk"]
        assert isinstance(shown, HelpdeskPage) and shown.state_filter.value() == "waiting"
        choose_row(window.sidebar, PAGE_KEYS.index("dashboard"))
        click(qtbot, dashboard.extra_tiles["periods"])
        assert window.current_key() == "periods"
    finally:
        db.close()
