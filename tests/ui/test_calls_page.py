"""The Calls page: the hub writes, publishes and closes a call; a municipality reads it and
chooses it for a proposal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui import choose, choose_row, click, edit_cell, set_date, type_into, wait_loaded
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain.enums import Role
from hubdesk.i18n import _, language
from hubdesk.services import calls, fund
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.call import CallDialog
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.pages.calls import CallsPage

TODAY = clock.today()


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock, ctx.data_dir)


def shown(qtbot: QtBot, page: QWidget) -> None:
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)


def published_call(hub: ServiceContext) -> str:
    call = calls.create_call(hub, {
        "title": "Youth voices", "closes_on": TODAY + dt.timedelta(days=20),
        "criteria": [{"code": "relevance", "label": "Relevance", "weight": 100}],
    })  # fmt: skip
    calls.publish_call(hub, call.id)
    return call.id


def test_the_hub_writes_publishes_and_closes_a_call(
    qtbot: QtBot, hub: ServiceContext, with_modal: Any
) -> None:
    page = CallsPage(hub)
    shown(qtbot, page)

    def write(dialog: QWidget) -> None:
        assert isinstance(dialog, CallDialog)
        f = dialog.fields.fields
        type_into(qtbot, f["title"].widget, "Safe schools 2027")
        set_date(f["closes_on"].widget, TODAY + dt.timedelta(days=30))
        criteria = f["criteria"].widget
        click(qtbot, criteria.add_button)
        edit_cell(qtbot, criteria.table, 0, 0, "relevance")
        edit_cell(qtbot, criteria.table, 0, 1, "Relevance to the city")
        edit_cell(qtbot, criteria.table, 0, 2, "100")
        click(qtbot, dialog.save_button)

    with_modal(lambda: click(qtbot, page.buttons["new_call"]), write)
    assert page.calls_table.rowCount() == 1
    (call,) = calls.list_calls(hub)
    assert call.status == "draft" and calls.parse_criteria(call.criteria)[0].weight == 100
    choose_row(page.calls_table, 0)
    assert "Relevance to the city" in page.detail.toPlainText()
    assert not page.buttons["close"].isEnabled()
    click(qtbot, page.buttons["publish"])
    assert calls.get_call(hub, call.id).status == "published"
    choose_row(page.calls_table, 0)
    click(qtbot, page.buttons["close"])
    assert calls.get_call(hub, call.id).status == "closed"
    assert page.calls_table.item(0, 2).text() == "Closed"


def test_a_municipality_reads_calls_only(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext, with_modal: Any
) -> None:
    published_call(hub)
    page = CallsPage(ctx)
    shown(qtbot, page)
    for key in ("new_call", "publish", "close", "new_note"):
        assert not page.buttons[key].isVisible()
    assert page.buttons["print"].isVisible()
    assert "1 call open now." in page.news.text()
    choose_row(page.calls_table, 0)

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, CallDialog)
        assert not dialog.save_button.isVisible()
        assert dialog.fields.fields["title"].widget.isReadOnly()  # type: ignore[attr-defined]
        click(qtbot, dialog.cancel_button)

    with_modal(lambda: click(qtbot, page.buttons["open"]), read)


def test_a_proposal_chooses_the_call_it_answers(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext
) -> None:
    call_id = published_call(hub)
    dialog = ProposalDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Youth radio")
    choose(f["call_id"].widget, call_id)
    click(qtbot, dialog.save_button)
    (proposal,) = fund.list_proposals(ctx)
    assert proposal.call_id == call_id


def test_the_dashboard_counts_open_calls(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext
) -> None:
    from hubdesk.services.dashboard_tiles import calls_tile
    from hubdesk.ui.pages.dashboard import DashboardPage

    today = clock.today()
    before = calls_tile(ctx, today)
    assert (before.value, before.caption()) == (0, "calls open now")
    published_call(hub)
    after = calls_tile(ctx, today)
    assert (after.value, after.caption(), after.page) == (1, "call open now", "calls")
    assert calls_tile(hub, today).caption() == "call open now"  # every city has it
    fund.create_proposal(ctx, {"title": "Youth corner"})  # something recorded: tiles, not steps
    page = DashboardPage(ctx)
    shown(qtbot, page)
    wait_loaded(page)
    tile = page.extra_tiles["calls"]
    assert (tile.number.text(), tile.caption.text()) == ("1", "call open now")
    with qtbot.waitSignal(page.open_list) as opened:
        click(qtbot, tile)
    assert opened.args[0] == "calls"


def test_the_page_opens_on_the_first_call_read_at_once(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext
) -> None:
    """A city with one published call sees it at once, not an empty pane beside it."""
    published_call(hub)
    page = CallsPage(ctx)
    shown(qtbot, page)
    assert page.detail.isVisible()
    assert "Youth voices" in page.detail.toPlainText()
    assert page.buttons["print"].isVisible() and page.buttons["print"].isEnabled()


def test_a_call_without_a_ceiling_or_envelope_reads_none(
    qtbot: QtBot, ctx: ServiceContext, hub: ServiceContext
) -> None:
    """0 is no ceiling or envelope (never checked): the pane said "€0.00", as if nothing could
    be approved; it says "–", as the printed call and ``hubdesk calls show`` do."""
    published_call(hub)
    page = CallsPage(ctx)
    shown(qtbot, page)
    assert page.detail.isVisible()
    lines = page.detail.toPlainText().splitlines()
    assert "Ceiling per proposal: –" in lines and "Total envelope: –" in lines


def test_with_no_call_the_pane_says_what_it_is_for(qtbot: QtBot, ctx: ServiceContext) -> None:
    page = CallsPage(ctx)
    shown(qtbot, page)
    assert page.detail.toPlainText() == ""
    assert page.detail.placeholderText() == "Choose a call or a guidance note to read it here."


def test_a_save_over_a_change_made_meanwhile_is_refused_and_loses_nothing(
    qtbot: QtBot, hub: ServiceContext
) -> None:
    """Two staff of a hub have the same call open; the second save would write over the first
    person's title. It is refused, the fields changed meanwhile are marked, what this person
    typed stays, and a second Save writes only what this person changed."""
    call_id = calls.create_call(hub, {"title": "Youth voices", "round": "1"}).id
    dialog = CallDialog(hub, call_id)
    shown(qtbot, dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Youth voices 2027")
    type_into(qtbot, f["round"].widget, "2")
    calls.update_call(hub, call_id, {"title": "Voices of the young"})  # someone else, meanwhile
    click(qtbot, dialog.save_button)
    assert dialog.isVisible()
    assert "changed this record after you opened it" in dialog.general_error.text()
    assert dialog.general_error.isVisible() and f["title"].error.isVisible()
    assert not f["round"].error.isVisible()
    assert (f["title"].widget.text(), f["round"].widget.text()) == ("Youth voices 2027", "2")
    stored = calls.get_call(hub, call_id)
    assert (stored.title, stored.round) == ("Voices of the young", "1")
    click(qtbot, dialog.save_button)  # knowingly: this person's text over theirs
    assert not dialog.isVisible()
    stored = calls.get_call(hub, call_id)
    assert (stored.title, stored.round) == ("Youth voices 2027", "2")


def test_publishing_over_a_change_made_meanwhile_is_refused_as_a_publication(
    qtbot: QtBot, hub: ServiceContext, answers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A call changed after the list was read (a bundle, a colleague) is not published: the
    box is titled for the publication a person asked for (not "Not saved", nothing was
    typed), and its sentence begins with a capital even when nobody can be named."""
    from hubdesk.ui import dialogs

    shown_errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda _p, title, text: shown_errors.append((title, text))
    )
    call = calls.create_call(hub, {
        "title": "Youth voices", "closes_on": TODAY + dt.timedelta(days=20),
        "criteria": [{"code": "relevance", "label": "Relevance", "weight": 100}],
    })  # fmt: skip
    page = CallsPage(hub)
    shown(qtbot, page)
    choose_row(page.calls_table, 0)
    calls.update_call(hub, call.id, {"title": "Voices of the young"})
    click(qtbot, page.buttons["publish"])
    assert calls.get_call(hub, call.id).status == "draft"
    [(title, text)] = shown_errors
    assert title == "Not published"
    # on a server the colleague's login is named (here the test's own), capitalised too
    person = "Someone else" if hub.db.is_sqlite else "Hubdesk"
    assert text.startswith(f"{person} changed this record after you read it"), text


@pytest.mark.parametrize("lang", ["sq", "mk", "bs"])
def test_the_call_form_keeps_each_label_on_one_line(
    qtbot: QtBot, hub: ServiceContext, lang: str
) -> None:
    """The label "Themes (separated by ;)" wrapped beside its field and left ";)" alone on a
    second line in every language but English; the label now reads whole on one line."""
    with language(lang):
        dialog = CallDialog(hub, published_call(hub))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        label = dialog.fields.fields["themes"].label
        assert label.isVisible()
        assert label.text() == _("Themes (separated by ;)")
        line = label.fontMetrics().horizontalAdvance(label.text())
        assert label.width() >= line and label.height() < 2 * label.fontMetrics().height()
        assert dialog.width() <= 1366
