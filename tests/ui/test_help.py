"""F1 and Help ▸ Guide to this page: the guide of the page in use, in the language chosen; the
empty dashboard's first steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import choose, choose_row, click, press_key, trigger, usable, wait_loaded
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.i18n import _, language, pgettext
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.storage.db import Database
from hubdesk.ui.guide_dialog import GuideDialog
from hubdesk.ui.guides import GUIDES
from hubdesk.ui.mainwindow import PAGE_KEYS, PAGES, MainWindow
from hubdesk.ui.pages.dashboard import DashboardPage
from hubdesk.ui.pages.settings import SettingsPage


def shown_window(qtbot: QtBot, ctx: ServiceContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def open_page(window: MainWindow, key: str) -> QWidget:
    """Click the page's entry in the sidebar; the page, once it shows its data."""
    choose_row(window.sidebar, PAGE_KEYS.index(key))
    assert window.current_key() == key
    page = window.current_page()
    wait_loaded(page)
    return page


def shown_guide(window: MainWindow) -> GuideDialog:
    dialog = window.help.dialog
    assert dialog is not None, "no guide was opened"
    usable(dialog)
    return dialog


def assert_guide_of(dialog: GuideDialog, key: str) -> None:
    """The guide's heading and text are those of page ``key`` in the language now chosen."""
    guide = GUIDES[key]
    assert dialog.heading.text() == _(guide.title)
    assert dialog.windowTitle() == _("Guide: {page}").format(page=_(guide.title))
    text = dialog.text.toPlainText()
    for msgid in (guide.intro, *guide.steps, guide.next):
        assert _(msgid) in text, (key, msgid)


@pytest.fixture
def window(qtbot: QtBot, small_team: Any) -> MainWindow:
    return shown_window(qtbot, small_team.ctx)


def test_f1_on_every_page_opens_that_pages_guide(qtbot: QtBot, window: MainWindow) -> None:
    for spec in PAGES:
        page = open_page(window, spec.key)
        press_key(qtbot, page, Qt.Key.Key_F1)
        dialog = shown_guide(window)
        assert_guide_of(dialog, spec.key)
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Close))
        assert not dialog.isVisible()
        window.activateWindow()  # back in the main window, as a person clicks there
        qtbot.waitUntil(window.isActiveWindow)
    assert window.actions_by_name["guide"].shortcut().toString() == "F1"


def test_help_menu_opens_the_guide_and_it_follows_the_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_page(window, "youth")
    usable(window.menuBar())
    assert window.help.menu.title() == "Help"
    assert window.help.guide_action.text() == "Guide to this page"
    trigger(window.help.guide_action)
    dialog = shown_guide(window)
    assert_guide_of(dialog, "youth")
    open_page(window, "fund")  # the open guide turns to the page now shown
    assert_guide_of(dialog, "fund")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Close))
    assert not dialog.isVisible()


def test_the_guide_follows_a_language_switch(qtbot: QtBot, window: MainWindow) -> None:
    settings = open_page(window, "settings")
    assert isinstance(settings, SettingsPage)
    press_key(qtbot, settings, Qt.Key.Key_F1)
    dialog = shown_guide(window)
    english = dialog.text.toPlainText()
    assert_guide_of(dialog, "settings")
    for code in ("mk", "sq"):
        choose(settings.language, code)
        assert i18n.current_language() == code
        assert_guide_of(dialog, "settings")  # in the new language, with no click
        assert dialog.text.toPlainText() != english
        assert window.help.menu.title() == _("Help") != "Help"
    team_page = open_page(window, "team")
    press_key(qtbot, team_page, Qt.Key.Key_F1)
    with language("sq"):
        assert_guide_of(shown_guide(window), "team")
        assert "„Anëtar i ri“" in dialog.text.toPlainText()  # the button's own name


def test_every_guide_is_translated_into_every_language() -> None:
    for code in i18n.LANGUAGES:
        if code == "en":
            continue
        with language(code):
            for key, guide in GUIDES.items():
                for msgid in (guide.intro, *guide.steps, guide.next):
                    assert _(msgid) != msgid, (code, key, msgid)


# The buttons each guide names, as its page labels them (msgid, or (context, msgid)): a person
# looks for exactly those words on the page, in whatever language the window speaks.
NAMED_BUTTONS: dict[str, tuple[str | tuple[str, str], ...]] = {
    "team": ("Team details", "New member", "Import…", "Print the roster"),
    "meetings": ("New meeting",),
    "community": ("New activity", "Import…", "Export…"),
    "youth": ("New activity", "Import…", "Print the youth report"),
    "periods": ("Submit to the hub", "Reopen…"),
    "calls": ("Print the call",),
    "reports": ("Preview", "Save as…", "Print…", ("button", "Open")),
    "settings": ("Back up now", "Restore selected", "Restore from a file…"),
    "practices": ("New good practice", "From a completed proposal", "Print the practice"),
    "engagements": ("New engagement", "Import…", "Export…"),
    "helpdesk": ("Ask the hub…", "Follow up…", "Close request"),
    "trainings": ("New training", "Import…", "Export…", "Print the trainings report"),
    "needs": ("Save", "Submit to the hub"),
}


def label(button: str | tuple[str, str]) -> str:
    return pgettext(*button) if isinstance(button, tuple) else _(button)


def test_the_guides_name_each_button_as_the_page_labels_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    for code in i18n.LANGUAGES:
        i18n.set_language(code)
        window.retranslate()
        for key, buttons in NAMED_BUTTONS.items():
            page = window.page(key)
            shown = {b.text() for b in page.findChildren(QAbstractButton)}
            guide = GUIDES[key]
            text = " ".join(_(msgid) for msgid in (guide.intro, *guide.steps, guide.next))
            for button in buttons:
                assert label(button) in shown, (code, key, button)
                # "Reopen…" is clicked as "Reopen", "Import…" quoted whole: the words match
                assert label(button).rstrip("…") in text, (code, key, label(button))


# What the dashboard's guide says of each tile that can turn red (its key on the page).
RED_TILE_WORDS = {
    "overdue": "overdue action items",
    "periods": "a quarter to submit",
    "reports_due": "an overdue fund report",
    "helpdesk": "a question the hub has not answered in time",
    "follow_ups": "a follow-up that is due",
}


def test_the_dashboard_guide_explains_each_red_tile_of_the_demo(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    window = shown_window(qtbot, load_context(db, data_dir))
    dashboard = open_page(window, "dashboard")
    assert isinstance(dashboard, DashboardPage)
    tiles = {**dashboard.tiles, **dashboard.extra_tiles}
    red = {key for key, tile in tiles.items() if tile.isVisible() and tile.property("alert")}
    assert len(red) > 1, red  # more than the action items call for attention
    press_key(qtbot, dashboard, Qt.Key.Key_F1)
    text = shown_guide(window).text.toPlainText()
    for key in red:  # which are red follows the day; any red one must be in the guide
        assert key in RED_TILE_WORDS, f"the guide does not say what a red '{key}' tile means"
        assert RED_TILE_WORDS[key] in text, key


# --- the empty dashboard ------------------------------------------------------------------------


def test_an_empty_dashboard_says_where_to_start(qtbot: QtBot, ctx: ServiceContext) -> None:
    window = shown_window(qtbot, ctx)
    dashboard = open_page(window, "dashboard")
    assert isinstance(dashboard, DashboardPage)
    usable(dashboard.start)
    assert not dashboard.figures.isVisible()  # no charts of zeros
    assert dashboard.start.heading.text() == "Welcome to HubDesk"
    assert "Start by adding your team's members on the Team page" in dashboard.start.text.text()
    buttons = dashboard.start.buttons
    assert buttons["sync"].text() == "Connect to your hub"
    for key in ("team", "meetings", "sync", "settings"):
        open_page(window, "dashboard")
        click(qtbot, buttons[key])
        assert window.current_key() == key
        assert window.stack.currentWidget() is window.pages[key]


def test_the_first_steps_speak_the_language_chosen(qtbot: QtBot, ctx: ServiceContext) -> None:
    window = shown_window(qtbot, ctx)
    dashboard = open_page(window, "dashboard")
    assert isinstance(dashboard, DashboardPage)
    i18n.set_language("mk")
    window.retranslate()
    assert dashboard.start.heading.text() == _("Welcome to HubDesk") != "Welcome to HubDesk"
    assert dashboard.start.buttons["team"].text() == _("Add your team's members")
    assert dashboard.start.buttons["team"].text() != "Add your team's members"


def test_the_dashboard_draws_charts_once_there_is_a_member(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    window = shown_window(qtbot, ctx)
    dashboard = open_page(window, "dashboard")
    assert isinstance(dashboard, DashboardPage)
    assert dashboard.start.isVisible()
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    team.create_member(
        ctx,
        {"team_id": cat.id, "name": "A", "sector": "police", "role": "chair", "gender": "male"},
    )
    open_page(window, "team")
    open_page(window, "dashboard")  # shown again: it reads again
    assert dashboard.figures.isVisible() and not dashboard.start.isVisible()
    assert dashboard.tiles["members"].number.text() == "1"


def test_an_empty_hub_says_to_connect_the_municipalities(
    qtbot: QtBot, hub_ctx: ServiceContext
) -> None:
    window = shown_window(qtbot, hub_ctx)
    dashboard = open_page(window, "dashboard")
    assert isinstance(dashboard, DashboardPage)
    usable(dashboard.start)
    assert set(dashboard.start.buttons) == {"sync", "settings"}
    assert dashboard.start.buttons["sync"].text() == "Connect a municipality"
    click(qtbot, dashboard.start.buttons["sync"])
    assert window.current_key() == "sync"


def test_the_demo_dashboard_still_draws_its_charts(
    qtbot: QtBot, db: Database, data_dir: Path
) -> None:
    build_demo(db)
    window = shown_window(qtbot, load_context(db, data_dir))
    dashboard = open_page(window, "dashboard")
    assert isinstance(dashboard, DashboardPage)
    usable(dashboard.figures)
    assert not dashboard.start.isVisible()
    for name, view in dashboard.views.items():
        assert view.isVisible(), name
        assert view.chart().series(), name
    assert dashboard.tiles["members"].number.text() not in ("", "0")


def test_a_field_laptop_is_sent_to_its_office_s_records_first(qtbot: QtBot) -> None:
    """A laptop told to start by adding the team's members made a second team of the same
    people at the office, with its first bundle."""
    from hubdesk.domain.enums import Role
    from hubdesk.ui.start_guide import StartGuide

    guide = StartGuide(Role.FIELD)
    qtbot.addWidget(guide)
    assert next(iter(guide.buttons)) == "sync"
    assert guide.buttons["sync"].text() == "Receive the office's records"
    assert "first receive the office's records on the Sync page" in guide.text.text()
    assert "Start by adding your team's members" not in guide.text.text()
