"""The Community page: record an activity through its form (visible controls only), refused
when a group is larger than the head count, then listed, totalled and filtered by theme."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui import choose, click, set_date, set_number, show_window, trigger, type_into, wait_loaded
from hub_demo_copy import hub_demo
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk import clock, i18n
from hubdesk.services import community
from hubdesk.services.installation import load_context
from hubdesk.ui.editors.community import CommunityDialog
from hubdesk.ui.pages.community import CommunityPage


def test_record_an_activity_through_the_form(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    dialog = CommunityDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Mothers' circle")
    choose(f["activity_type"].widget, "dialogue")
    trigger(f["audiences"].widget.actions_["parents"])
    trigger(f["themes"].widget.actions_["online_radicalisation"])
    set_date(f["starts_on"].widget, clock.today() - dt.timedelta(days=1))
    set_number(f["n_female"].widget, 14)
    set_number(f["n_male"].widget, 2)
    assert f["participants_total"].widget.value() == 16
    set_number(f["inc_women"].widget, 20)
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and community.count_activities(ctx) == 0
    assert "only 16 participants" in f["inc_women"].error.text()
    set_number(f["inc_women"].widget, 14)
    set_number(f["inc_roma"].widget, 3)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    [saved] = community.list_activities(ctx)
    assert saved.audiences == ["parents"] and saved.themes == ["online_radicalisation"]
    assert (saved.n_female, saved.participants_total, saved.inc_roma) == (14, 16, 3)


def test_the_page_lists_totals_and_filters(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    for title, theme, women in (
        ("Interfaith tea", "interreligious_dialogue", 6),
        ("Radio", "hate_speech", 4),
    ):
        community.create_activity(
            ctx,
            {
                "title": title,
                "activity_type": "dialogue",
                "starts_on": clock.today(),
                "themes": [theme],
                "participants_total": women + 5,
                "n_female": women,
                "n_male": 5,
            },
        )
    page = CommunityPage(ctx)
    show_window(qtbot, page)
    wait_loaded(page)
    assert page.model.rowCount() == 2
    assert "20 people (women: 10, men: 10," in page.totals.text()
    choose(page.theme_filter, "hate_speech")
    wait_loaded(page)
    assert page.model.rowCount() == 1
    assert "9 people" in page.totals.text()


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("en", {1: "1 person (", 3: "3 people (", 353: "353 people ("}),
        ("hr", {1: "1 osobu (", 3: "3 osobe (", 353: "353 osobe (", 5: "5 osoba ("}),
        ("mk", {1: "1 лице (", 3: "3 лица (", 21: "21 лице ("}),
    ],
)
def test_the_total_agrees_with_its_number(
    qtbot: QtBot, small_team: Any, lang: str, forms: dict[int, str]
) -> None:
    """ "353 osobe", not "353 osoba": the noun follows the number of people in each language's
    plural forms; the figures by gender follow labels, so they agree with any number."""
    ctx = small_team.ctx
    with i18n.language(lang):
        for people, expected in forms.items():
            activity = community.create_activity(
                ctx,
                {
                    "title": "Forum",
                    "activity_type": "dialogue",
                    "starts_on": clock.today(),
                    "participants_total": people,
                    "n_female": people,
                },
            )
            page = CommunityPage(ctx)
            show_window(qtbot, page)
            wait_loaded(page)
            assert expected in page.totals.text()
            community.delete_activity(ctx, activity.id)


def test_the_hub_sees_whose_each_activity_is(qtbot: QtBot, tmp_path: Path) -> None:
    """The hub lists every city's activities: its list had no municipality column, so three
    cities' "Parents' evening" could not be told apart. Each row now names its city, in the
    script of the window's language, as the hub's Engagements and Trainings lists do."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        hub = load_context(db, folder)
        with i18n.language("en"):
            page = CommunityPage(hub)
            show_window(qtbot, page)
            wait_loaded(page)
            model = page.table.model()
            assert model.headerData(1, Qt.Orientation.Horizontal) == "Municipality"
            towns = {model.data(model.index(r, 1)) for r in range(model.rowCount())}
            assert towns == {"Elbasan", "Kumanovo", "Novi Pazar"}
        with i18n.language("mk"):
            towns = {model.data(model.index(r, 1)) for r in range(model.rowCount())}
            assert {"Куманово", "Нови Пазар"} <= towns
        page.close()
    finally:
        db.close()
