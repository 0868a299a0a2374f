"""The Trainings page and editor, and a trainer leaving the team from the member form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import check, choose, click, open_tab, set_date, set_number, trigger, type_into
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.services import team, trainings
from hubdesk.services import trainings_summary as summary
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.editors.training import TrainingDialog
from hubdesk.ui.pages.trainings import TrainingsPage

LAST_YEAR = clock.today().year - 1


def shown(qtbot: QtBot, widget: Any) -> Any:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_record_a_training_with_its_grid_and_members(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    ana, besnik = small_team.members[0], small_team.members[1]
    dialog = shown(qtbot, TrainingDialog(ctx))
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Hate speech in class")
    type_into(qtbot, f["organiser"].widget, "Regional hub")
    set_date(f["starts_on"].widget, dt.date(LAST_YEAR, 3, 10))
    choose(f["format"].widget, "online")
    check(f["train_the_trainer"].widget)
    trigger(f["themes"].widget.actions_["hate_speech"])
    open_tab(qtbot, dialog.tabs, 1)
    set_number(dialog.grid.cells["p_teacher_female"], 9)
    set_number(dialog.grid.cells["p_teacher_male"], 3)
    set_number(dialog.grid.cells["p_police_male"], 2)
    assert dialog.grid.grand_total.text() == "14"
    assert dialog.grid.row_totals[0].text() == "12"
    set_number(f["inc_women"].widget, 15)
    open_tab(qtbot, dialog.tabs, 2)
    check(dialog.picker.boxes[ana.id])
    choose(dialog.picker.roles[ana.id], "trainer")
    check(dialog.picker.boxes[besnik.id])

    click(qtbot, dialog.save_button)  # more women than participants: refused, nothing saved
    assert dialog.isVisible() and "only 14" in f["inc_women"].error.text()
    assert summary.count_trainings(ctx) == 0
    set_number(f["inc_women"].widget, 9)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()

    saved = summary.list_trainings(ctx)[0]
    assert (saved.title, saved.format, saved.train_the_trainer) == (
        "Hate speech in class",
        "online",
        True,
    )
    assert saved.grid_total() == 14 and saved.themes == ["hate_speech"]
    roles = {p.member_name: p.role for p in trainings.training_members(ctx, saved.id)}
    assert roles == {"Ana Petrovska": "trainer", "Besnik Rexhepi": "participant"}

    # Opened again, it shows what was saved; unticking a member removes the link.
    again = shown(qtbot, TrainingDialog(ctx, saved.id))
    assert again.picker.value() == {ana.id: "trainer", besnik.id: "participant"}
    open_tab(qtbot, again.tabs, 2)
    check(again.picker.boxes[besnik.id], False)
    click(qtbot, again.save_button)
    assert [p.member_name for p in trainings.training_members(ctx, saved.id)] == ["Ana Petrovska"]


def test_a_training_names_the_need_it_answers(qtbot: QtBot, small_team: Any) -> None:
    from hubdesk.domain.enums import Pillar
    from hubdesk.domain.needs import score_column
    from hubdesk.services import needs

    ctx = small_team.ctx
    year = clock.today().year
    scores = {score_column(p): 3 for p in Pillar}
    found = needs.create_assessment(ctx, {"year": year, **scores, "score_capacity_building": 1})
    needs.submit_assessment(ctx, found.id)
    dialog = shown(qtbot, TrainingDialog(ctx))
    f = dialog.fields.fields
    picker = f["need_assessment_id"].widget
    assert picker.itemText(0) == "No assessed need named"
    assert picker.itemData(1) == (found.id, "capacity_building")  # the weakest first
    type_into(qtbot, f["title"].widget, "Mediators")
    set_date(f["starts_on"].widget, dt.date(year, 3, 10))
    choose(picker, (found.id, "capacity_building"))
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and dialog.record_id is not None
    saved = trainings.get_training(ctx, dialog.record_id)
    assert (saved.need_assessment_id, saved.need_pillar) == (found.id, "capacity_building")
    again = shown(qtbot, TrainingDialog(ctx, saved.id))
    picker = again.fields.fields["need_assessment_id"].widget
    assert picker.currentData() == (found.id, "capacity_building")
    assert not again.fields.is_dirty()
    choose(picker, None)
    click(qtbot, again.save_button)
    cleared = trainings.get_training(ctx, saved.id)
    assert (cleared.need_assessment_id, cleared.need_pillar) == (None, "")


def test_the_page_filters_by_year_and_profession(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    base = {"organiser": "Hub", "format": "in_person"}
    trainings.create_training(
        ctx,
        {**base, "title": "Teachers", "starts_on": dt.date(LAST_YEAR, 2, 1), "p_teacher_female": 5},
    )
    trainings.create_training(
        ctx,
        {**base, "title": "Police", "starts_on": dt.date(LAST_YEAR - 1, 2, 1), "p_police_male": 4},
    )
    page = shown(qtbot, TrainingsPage(ctx))
    page.resize(1100, 600)
    assert page.model.shown == 2 and "9 participants" in page.totals.text()
    choose(page.year_filter, LAST_YEAR)
    assert page.model.shown == 1 and "5 participants" in page.totals.text()
    choose(page.year_filter, None)
    choose(page.profession_filter, "police")
    assert page.model.shown == 1 and "Police: 4." in page.totals.text()


def test_the_dashboard_tile_opens_the_trainings_it_counts(qtbot: QtBot, small_team: Any) -> None:
    ctx, today = small_team.ctx, clock.today()
    base = {"organiser": "Hub"}
    trainings.create_training(
        ctx, {**base, "title": "Recent", "starts_on": today - dt.timedelta(days=30),
              "p_teacher_female": 5},
    )  # fmt: skip
    trainings.create_training(
        ctx, {**base, "title": "Old", "starts_on": today - dt.timedelta(days=500),
              "p_police_male": 4},
    )  # fmt: skip
    tile = summary.trained_tile(ctx, today)
    assert tile.value == 5
    page = shown(qtbot, TrainingsPage(ctx))
    page.resize(1366, 600)
    assert "9 participants" in page.totals.text()
    page.show_filtered(**tile.criteria)  # what a click on the tile does
    assert page.model.shown == 1 and "5 participants" in page.totals.text()


def test_a_trainer_leaving_is_asked_about(qtbot: QtBot, small_team: Any, answers: Any) -> None:
    ctx = small_team.ctx
    ana = small_team.members[0]
    trainings.create_training(
        ctx,
        {
            "title": "ToT course",
            "starts_on": dt.date(LAST_YEAR, 5, 5),
            "train_the_trainer": True,
            "p_teacher_female": 8,
        },
        {ana.id: "participant"},
    )
    team.update_member(ctx, ana.id, {"trainings": "Mediation course (2019)"})
    dialog = shown(qtbot, MemberDialog(ctx, ana.id))
    assert "ToT course" in dialog.trainings_list.text()
    assert dialog.trainings_list.text().endswith("· Training of trainers")
    assert dialog.fields.fields["trainings"].label.text().startswith("Earlier notes on trainings")
    set_date(dialog.fields.fields["left_on"].widget, clock.today())
    answers.confirm = False
    click(qtbot, dialog.save_button)
    assert answers.asked and "Ana Petrovska is one of the team's trainers" in answers.asked[0]
    assert dialog.isVisible() and team.get_member(ctx, ana.id).left_on is None
    answers.confirm = True
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible() and team.get_member(ctx, ana.id).left_on == clock.today()
    # A member who is no trainer leaves without a question.
    asked = len(answers.asked)
    other = shown(qtbot, MemberDialog(ctx, small_team.members[2].id))
    set_date(other.fields.fields["left_on"].widget, clock.today())
    click(qtbot, other.save_button)
    assert len(answers.asked) == asked and not other.isVisible()


def test_the_hub_sees_the_region_by_municipality(qtbot: QtBot, hub_ctx: Any) -> None:
    from gui import usable

    from hubdesk.domain import Municipality, Training
    from hubdesk.services import records

    with hub_ctx.transaction() as s:
        for name, teachers in (("Kumanovo", 7), ("Struga", 5)):
            m = records.create(
                s, hub_ctx, Municipality, {"name": name, "country": "MK", "currency": "MKD"}
            )
            s.flush()
            day = dt.date(LAST_YEAR, 3, 3)
            data = {"municipality_id": m.id, "title": name, "starts_on": day}
            records.create(s, hub_ctx, Training, {**data, "p_teacher_female": teachers})
    page = shown(qtbot, TrainingsPage(hub_ctx))
    page.resize(1300, 600)
    assert page.model.shown == 2 and not page.new_button.isEnabled()
    column = [c.title for c in page.model.columns].index("Municipality")
    names = {page.model.data(page.model.index(r, column)) for r in range(2)}
    assert names == {"Kumanovo", "Struga"}
    usable(page.municipality_filter)
    choose(page.municipality_filter, text="Struga")
    assert page.model.shown == 1 and "5 participants" in page.totals.text()
