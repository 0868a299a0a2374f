"""The Exchanges and Practices pages: a municipality records its part of an exchange and
writes, then submits, a good practice; the hub accepts and publishes it, and the library shows
it read-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui import (
    choose,
    choose_row,
    choose_rows,
    click,
    open_tab,
    press_key,
    set_date,
    trigger,
    type_into,
)
from hub_demo_copy import hub_demo
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain import Municipality
from hubdesk.domain.enums import Role
from hubdesk.services import exchanges, practices, records
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.services.peer_tiles import exchanges_tile
from hubdesk.storage.db import Database
from hubdesk.ui.comment_dialog import CommentDialog
from hubdesk.ui.editors.peers import ExchangePartDialog, PracticeDialog
from hubdesk.ui.pages.exchanges import ExchangesPage
from hubdesk.ui.pages.practices import PracticesPage

PRACTICE = {"title": "Safe school routes", "problem": "Fights", "actions": "Walks",
            "results": "Fewer fights", "contact_role": "Team coordinator"}  # fmt: skip


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock, ctx.data_dir)


def shown(qtbot: QtBot, page: QWidget) -> None:
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)


def answer(qtbot: QtBot, text: str) -> Any:
    """Type ``text`` into an input dialog and press its OK button."""

    def act(dialog: QWidget) -> None:
        qtbot.waitUntil(lambda: any(w.isVisible() for w in dialog.findChildren(QPlainTextEdit)))
        edit = next(w for w in dialog.findChildren(QPlainTextEdit) if w.isVisible())
        type_into(qtbot, edit, text)
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        click(qtbot, box.button(QDialogButtonBox.StandardButton.Ok))

    return act


def test_a_municipality_records_its_part_of_an_exchange(
    qtbot: QtBot, ctx: ServiceContext, with_modal: Any
) -> None:
    page = ExchangesPage(ctx)
    shown(qtbot, page)
    assert not page.buttons["join"].isVisible() and not page.parts.isVisible()
    assert "Choose an exchange in the list" in page.detail.toPlainText()  # not a blank panel

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, ExchangePartDialog)
        f = dialog.fields.fields
        choose(f["role"].widget, "visitor")
        choose(f["kind"].widget, "peer_review")
        type_into(qtbot, f["topic"].widget, "Reviewing the local action plan")
        type_into(qtbot, f["host_name"].widget, "Elbasan")
        set_date(f["starts_on"].widget, dt.date(2026, 6, 2))
        trigger(f["themes"].widget.actions_["hate_speech"])
        click(qtbot, dialog.save_button)

    with_modal(lambda: click(qtbot, page.buttons["new"]), write)
    assert page.table.rowCount() == 1
    (part,) = exchanges.list_parts(ctx)
    assert (part.role, part.host_name, part.themes) == ("visitor", "Elbasan", ["hate_speech"])
    choose_row(page.table, 0)
    assert "Elbasan" in page.detail.toPlainText()
    assert page.buttons["open"].isEnabled()


def test_a_practice_is_written_submitted_accepted_and_published(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext, with_modal: Any
) -> None:
    page = PracticesPage(ctx)
    shown(qtbot, page)
    assert not page.buttons["accept"].isVisible()

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, PracticeDialog)
        f = dialog.fields.fields
        type_into(qtbot, f["title"].widget, "Safe routes to school")
        type_into(qtbot, f["contact_role"].widget, "Team coordinator")
        open_tab(qtbot, dialog.tabs, 1)
        for name, text in (("problem", "Fights"), ("actions", "Walks"), ("results", "Calm")):
            type_into(qtbot, f[name].widget, text)
        click(qtbot, dialog.save_button)

    with_modal(lambda: click(qtbot, page.buttons["new"]), write)
    choose_row(page.table, 0)
    click(qtbot, page.buttons["submit"])
    (row,) = practices.list_practices(ctx)
    assert row.state.value == "submitted"

    at_hub = PracticesPage(hub)
    shown(qtbot, at_hub)
    assert not at_hub.buttons["new"].isVisible()
    choose_row(at_hub.table, 0)
    with_modal(lambda: click(qtbot, at_hub.buttons["accept"]), answer(qtbot, "Walks made safe."))
    choose_row(at_hub.table, 0)
    click(qtbot, at_hub.buttons["publish"])
    assert practices.get_practice(hub, row.practice.id).state.value == "published"

    page.refresh()
    open_tab(qtbot, page.tabs, 1)  # the library, for everyone
    choose_row(page.library_table, 0)
    assert "Walks made safe." in page.library_detail.toPlainText()
    assert page.print_button.isEnabled()


def test_returning_a_practice_waits_for_the_note_and_keeps_it(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext, with_modal: Any, answers: Any
) -> None:
    """Return's OK waits for the note the hub owes the city; Esc with a note typed asks
    first instead of throwing it away."""
    made = practices.create_practice(ctx, PRACTICE)
    practices.submit_practice(ctx, made.id)
    page = PracticesPage(hub)
    shown(qtbot, page)
    choose_row(page.table, 0)

    def write(dialog: Any) -> None:
        assert isinstance(dialog, CommentDialog)
        assert not dialog.ok_button.isEnabled()  # no note yet
        type_into(qtbot, dialog.text, "Name the partners, please.")
        answers.unsaved = answers.unsaved.CANCEL
        press_key(qtbot, dialog.text, Qt.Key.Key_Escape)
        assert dialog.isVisible() and dialog.value() == "Name the partners, please."
        click(qtbot, dialog.ok_button)

    with_modal(lambda: click(qtbot, page.buttons["return"]), write)
    assert answers.asked == ["unsaved"]
    returned = practices.get_practice(hub, made.id)
    assert returned.state.value == "returned" and returned.note == "Name the partners, please."


def test_the_hub_sees_one_exchange_and_separates_a_part(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext
) -> None:
    day = dt.date(2026, 5, 4)
    common = {"kind": "study_visit", "topic": "Youth councils", "starts_on": day}
    exchanges.create_part(ctx, {**common, "role": "host", "partner_names": ["Elbasan"]})
    with ctx.transaction() as session:  # Elbasan, whose visit to Kumanovo is its own part
        town = records.create(
            session, ctx, Municipality, {"name": "Elbasan", "country": "AL", "currency": "ALL"}
        )
    elbasan = ServiceContext(ctx.db, "elbasan-installation", Role.MUNICIPALITY, town.id, ctx.clock)
    exchanges.create_part(elbasan, {**common, "role": "visitor", "host_name": "Kumanovo"})
    page = ExchangesPage(hub)
    shown(qtbot, page)
    assert not page.buttons["new"].isVisible() and page.buttons["join"].isVisible()
    assert page.table.rowCount() == 1  # the two parts name the same host on the same day
    choose_row(page.table, 0)
    assert page.parts.rowCount() == 2
    assert "joined automatically" in page.detail.toPlainText()
    choose_row(page.parts, 1)
    click(qtbot, page.buttons["separate"])
    assert page.table.rowCount() == 2


def test_the_dashboard_tile_opens_the_exchanges_it_counts(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    """The tile counts twelve months; the page it opens listed every year."""
    today = clock.today()
    common = {"kind": "study_visit", "role": "visitor", "host_name": "Elbasan"}
    exchanges.create_part(
        ctx, {**common, "topic": "Recent", "starts_on": today - dt.timedelta(days=30)}
    )
    exchanges.create_part(
        ctx, {**common, "topic": "Long ago", "starts_on": today - dt.timedelta(days=500)}
    )
    tile = exchanges_tile(ctx, today)
    assert tile.value == 1
    page = ExchangesPage(ctx)
    shown(qtbot, page)
    page.resize(1366, 600)
    assert page.table.rowCount() == 2 and page.dates.isVisible()
    page.show_filtered(**tile.criteria)  # what a click on the tile does
    assert page.table.rowCount() == 1 and page.table.item(0, 2).text() == "Recent"


def test_the_exchanges_name_each_city_in_the_script_of_the_language(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext
) -> None:
    """The list, the detail and the parts named each city as typed ("Kumanovo" in a
    Macedonian window); now in the language's script, also after a switch."""
    from hubdesk.i18n import language
    from hubdesk.services.installation import update_profile

    update_profile(ctx, {"name_other_script": "Куманово"})
    day = dt.date(2026, 5, 4)
    common = {"kind": "study_visit", "topic": "Youth councils", "starts_on": day}
    exchanges.create_part(ctx, {**common, "role": "host", "partner_names": ["Elbasan"]})
    with language("mk"):
        page = ExchangesPage(hub)
        shown(qtbot, page)
        choose_row(page.table, 0)
        assert page.table.item(0, 3).text().startswith("Куманово")
        assert page.parts.item(0, 0).text() == "Куманово"
        assert "Куманово" in page.detail.toPlainText()
    with language("en"):
        page.retranslate()
        assert page.table.item(0, 3).text().startswith("Kumanovo")


def test_the_practices_name_each_city_in_the_script_of_the_language(
    qtbot: QtBot, tmp_path: Any
) -> None:
    """The hub's practices and the library listed "Нови Пазар" and "Куманово" beside
    "Elbasan" in an Albanian window; now every city is in the language's script."""
    from hubdesk.i18n import language
    from hubdesk.services.installation import load_context

    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        with language("sq"):
            page = PracticesPage(load_context(db, folder))
            shown(qtbot, page)
            cities = {page.table.item(r, 0).text() for r in range(page.table.rowCount())}
            library = {
                page.library_table.item(r, 1).text() for r in range(page.library_table.rowCount())
            }
        assert {"Kumanovo", "Novi Pazar", "Elbasan"} <= cities
        assert library and not any("\u0400" <= ch <= "\u04ff" for ch in "".join(library))
        page.close()
    finally:
        db.close()


def test_a_join_over_a_colleagues_regrouping_is_refused_and_shows_the_list_as_it_is(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext, with_modal: Any, answers: Any
) -> None:
    """Two staff of a hub have the Exchanges page open; one joins two exchanges. The other
    chose two from the list as it was: nothing is joined, the refusal says why, and the list
    is read again."""
    day = dt.date(2026, 5, 4)
    ids = [
        exchanges.create_part(ctx, {"role": "host", "kind": "study_visit", "topic": "Councils",
                                    "starts_on": day + dt.timedelta(days=30 * n),
                                    "partner_names": ["Elbasan"]}).id
        for n in (0, 1, 2)
    ]  # fmt: skip
    page = ExchangesPage(hub)
    shown(qtbot, page)
    assert page.table.rowCount() == 3  # the newest first
    exchanges.join_exchanges(hub, [ids[1], ids[2]], "one visit")  # the colleague, meanwhile
    choose_rows(page.table, [1, 2])  # what this person read as two single exchanges

    def because(dialog: QWidget) -> None:
        edit = next(w for w in dialog.findChildren(QLineEdit) if w.isVisible())
        type_into(qtbot, edit, "the same visit")
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        click(qtbot, box.button(QDialogButtonBox.StandardButton.Ok))

    with_modal(lambda: click(qtbot, page.buttons["join"]), because)
    assert answers.told and "changed after you read the list" in answers.told[-1]
    assert page.table.rowCount() == 2  # read again: the colleague's join
    assert sorted(len(e.parts) for e in exchanges.list_exchanges(hub)) == [1, 2]


def test_a_new_practices_cost_is_typed_in_the_municipalitys_currency(
    qtbot: QtBot, db: Database, data_dir: Path, with_modal: Any
) -> None:
    """Novi Pazar keeps dinars, which have no decimals: the form's cost field read in euros
    (two decimals) saved 1500 typed as 150000 dinars."""
    novi_pazar = initialise(db, role="municipality", name="Novi Pazar", country="RS")
    novi_pazar.data_dir = data_dir
    page = PracticesPage(novi_pazar)
    shown(qtbot, page)

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, PracticeDialog)
        f = dialog.fields.fields
        type_into(qtbot, f["title"].widget, "Safe routes to school")
        type_into(qtbot, f["cost_minor"].widget, "1500")
        click(qtbot, dialog.save_button)

    with_modal(lambda: click(qtbot, page.buttons["new"]), write)
    (row,) = practices.list_practices(novi_pazar)
    assert (row.practice.cost_minor, row.practice.currency) == (1500, "RSD")


def test_enter_on_a_practice_opens_it_as_a_double_click_does(
    qtbot: QtBot, ctx: ServiceContext, with_modal: Any
) -> None:
    """Enter on the list did nothing: only a double-click or the Open button opened a row."""
    made = practices.create_practice(ctx, {"title": "Safe routes to school"})
    page = PracticesPage(ctx)
    shown(qtbot, page)
    choose_row(page.table, 0)
    opened: list[str | None] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, PracticeDialog)
        opened.append(dialog.record_id)
        click(qtbot, dialog.cancel_button)

    with_modal(lambda: press_key(qtbot, page.table, Qt.Key.Key_Return), look)
    assert opened == [made.id]
