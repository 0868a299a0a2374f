"""The Needs page: a municipality answers and submits its assessment; the hub sees the map
and publishes its questionnaire; a proposal names the need it answers."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from gui import check, choose, click, open_page, press_key, show_window, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.domain.enums import Pillar, Role
from hubdesk.domain.needs import score_column
from hubdesk.services import fund, needs
from hubdesk.services.context import ServiceContext
from hubdesk.services.needs_questions import DEFAULT
from hubdesk.ui.editors.needs_questionnaire import QuestionnaireDialog
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.mainwindow import MainWindow
from hubdesk.ui.pages.needs import NeedsPage

YEAR = clock.today().year


def test_a_municipality_answers_and_submits(
    qtbot: QtBot, ctx: ServiceContext, answers: Any
) -> None:
    page = NeedsPage(ctx)
    show_window(qtbot, page)
    assert page.publish_button.isHidden() and page.table.isHidden()
    boxes = page.form.boxes
    # The score's choices say what each level means (HubDesk's questionnaire, no hub's yet).
    assert "youth council" in boxes["youth_engagement"].score.itemText(3)
    choose(boxes["cooperation"].score, 3)
    type_into(qtbot, boxes["cooperation"].needs, "A written referral protocol")
    check(page.form.checks["youth_council"])
    click(qtbot, page.save_button)
    saved = needs.assessment_for(ctx, ctx.municipality_id or "", YEAR)
    assert saved is not None and saved.status == "draft"
    assert (saved.score_cooperation, saved.needs_cooperation) == (3, "A written referral protocol")
    assert saved.structures == ["youth_council"]
    # Submitting with pillars unscored is refused and says so; nothing is submitted.
    click(qtbot, page.submit_button)
    assert "Score every pillar" in answers.told[-1]
    assert needs.get_assessment(ctx, saved.id).status == "draft"
    for p in Pillar:
        choose(boxes[p.value].score, 2)
    click(qtbot, page.submit_button)
    assert needs.get_assessment(ctx, saved.id).status == "submitted"
    assert not page.submit_button.isEnabled()
    assert "Submitted on" in page.status.text()


def test_typed_answers_are_never_dropped_without_a_word(
    qtbot: QtBot, ctx: ServiceContext, answers: Any
) -> None:
    """The page read again (shown again after another page, an import) loaded the stored
    answers over what the person had typed, and another year dropped them without asking."""
    window = MainWindow(ctx)
    show_window(qtbot, window)
    page = open_page(window, "needs")
    box = page.form.boxes["cooperation"]
    choose(box.score, 3)
    type_into(qtbot, box.needs, "A written referral protocol")
    open_page(window, "trainings")
    assert open_page(window, "needs") is page
    assert box.needs.toPlainText() == "A written referral protocol"
    assert box.score.currentData() == 3
    assert needs.assessment_for(ctx, ctx.municipality_id or "", YEAR) is None
    # Another year asks first; Cancel stays on the year with what was typed.
    answers.unsaved = answers.unsaved.CANCEL
    press_key(qtbot, page.year, Qt.Key.Key_Down)
    assert answers.asked == ["unsaved"]
    assert page.year.value() == YEAR
    assert box.needs.toPlainText() == "A written referral protocol"
    # Save keeps them under the year they were typed for, then shows the other year.
    answers.unsaved = answers.unsaved.SAVE
    press_key(qtbot, page.year, Qt.Key.Key_Down)
    assert page.year.value() == YEAR - 1 and box.needs.toPlainText() == ""
    saved = needs.assessment_for(ctx, ctx.municipality_id or "", YEAR)
    assert saved is not None and saved.needs_cooperation == "A written referral protocol"
    assert needs.assessment_for(ctx, ctx.municipality_id or "", YEAR - 1) is None
    press_key(qtbot, page.year, Qt.Key.Key_Up)  # nothing typed since: nothing asked
    assert answers.asked == ["unsaved", "unsaved"]
    assert box.needs.toPlainText() == "A written referral protocol"


def test_the_hub_sees_the_map_and_publishes(
    qtbot: QtBot, ctx: ServiceContext, with_modal: Any
) -> None:
    for year, score in ((YEAR - 1, 2), (YEAR, 3)):
        found = needs.create_assessment(
            ctx, {"year": year, **{score_column(p): score for p in Pillar}}
        )
        needs.submit_assessment(ctx, found.id)
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    page = NeedsPage(hub)
    show_window(qtbot, page)
    assert page.save_button.isHidden() and page.form.isHidden()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "3 ▲ (2)"
    assert "1 of 1 municipality answered" in page.status.text()
    # what the signs and the brackets mean is said on the page, not only in a tooltip
    assert page.intro.isVisible() and "▲ higher" in page.intro.text()
    assert "given in brackets" in page.intro.text()

    def write(dialog: Any) -> None:
        assert isinstance(dialog, QuestionnaireDialog)
        type_into(qtbot, dialog.title, "CNA for the region")
        type_into(qtbot, dialog.fields["cooperation"][0], "Who works with whom?")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    with_modal(lambda: click(qtbot, page.publish_button), write)
    published = needs.list_questionnaires(hub, YEAR)
    assert [q.title for q in published] == ["CNA for the region"] and published[0].published_on
    assert "CNA for the region" in page.status.text()
    stored = json.loads(published[0].questions)
    assert stored["cooperation"]["question"] == "Who works with whom?"
    # HubDesk's own words kept: stored in the source, read in each municipality's language.
    assert stored["peer_learning"]["question"] == DEFAULT["peer_learning"][0]


def test_an_empty_box_is_named_and_nothing_typed_is_lost(
    qtbot: QtBot, ctx: ServiceContext, with_modal: Any, answers: Any
) -> None:
    """OK with a box left empty keeps the dialog open with every rewritten text, names the box
    and publishes nothing; Esc with changes asks first; mended, OK publishes."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    page = NeedsPage(hub)
    show_window(qtbot, page)
    seen: list[str] = []

    def write(dialog: Any) -> None:
        assert isinstance(dialog, QuestionnaireDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        type_into(qtbot, dialog.fields["cooperation"][0], "Who works with whom?")
        type_into(qtbot, dialog.fields["cooperation"][1][2], "")  # level 3 left empty
        click(qtbot, ok)
        assert dialog.isVisible() and dialog.error.isVisible()
        seen.append(dialog.error.text())
        assert needs.list_questionnaires(hub, YEAR) == []
        answers.unsaved = answers.unsaved.CANCEL
        press_key(qtbot, dialog.title, Qt.Key.Key_Escape)  # Esc asks, and Cancel stays
        assert dialog.isVisible()
        assert dialog.fields["cooperation"][0].text() == "Who works with whom?"
        type_into(qtbot, dialog.fields["cooperation"][1][2], "A protocol is signed")
        click(qtbot, ok)

    with_modal(lambda: click(qtbot, page.publish_button), write)
    assert seen == [
        "National-local, local-local and multi-actor cooperation: Level 3: this field is required."
    ]
    assert answers.asked == ["unsaved"]
    [published] = needs.list_questionnaires(hub, YEAR)
    stored = json.loads(published.questions)["cooperation"]
    assert stored["question"] == "Who works with whom?"
    assert stored["levels"][2] == "A protocol is signed"


def test_a_proposal_names_the_need_it_answers(qtbot: QtBot, ctx: ServiceContext) -> None:
    found = needs.create_assessment(ctx, {"year": YEAR, **{score_column(p): 2 for p in Pillar}})
    needs.submit_assessment(ctx, found.id)
    dialog = ProposalDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Referral protocol")
    choose(f["need_assessment_id"].widget, (found.id, "cooperation"))
    click(qtbot, dialog.save_button)
    assert dialog.record_id is not None
    proposal = fund.get_proposal(ctx, dialog.record_id)
    assert (proposal.need_assessment_id, proposal.need_pillar) == (found.id, "cooperation")
    again = ProposalDialog(ctx, dialog.record_id)
    qtbot.addWidget(again)
    assert again.fields.fields["need_assessment_id"].widget.currentData() == (
        found.id,
        "cooperation",
    )
    assert not again.fields.is_dirty()


def test_the_dashboard_tile_opens_the_page_on_its_year(qtbot: QtBot, ctx: ServiceContext) -> None:
    from hubdesk.services.dashboard_needs import needs_tile
    from hubdesk.ui.page import ListCommands

    figure = needs_tile(ctx, dt.date(YEAR - 1, 5, 1))
    page = NeedsPage(ctx)
    show_window(qtbot, page)
    assert isinstance(page, ListCommands) and figure.page == "needs"
    page.show_filtered(**figure.criteria)
    assert page.year.value() == YEAR - 1
    assert "Not answered yet" in page.status.text()


def test_a_field_laptop_drafts_and_is_told_the_office_submits(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    laptop = ServiceContext(ctx.db, "laptop", Role.FIELD, ctx.municipality_id, ctx.clock)
    page = NeedsPage(laptop)
    show_window(qtbot, page)
    assert page.submit_button.isHidden()  # not offered here, and the page says why
    assert page.office_note.isVisible() and "own PC submits" in page.office_note.text()
    for p in Pillar:
        choose(page.form.boxes[p.value].score, 2)
    click(qtbot, page.save_button)
    saved = needs.assessment_for(laptop, ctx.municipality_id or "", YEAR)
    assert saved is not None and saved.status == "draft"
    assert "municipality's own PC" in page.status.text()
    # Submitted at the office, it is read here and corrected there.
    needs.submit_assessment(ctx, saved.id)
    page.refresh()
    assert not page.save_button.isEnabled() and not page.form.isEnabled()
    assert "Submitted on" in page.status.text()
    # The office's own page offers Submit and says nothing about laptops.
    office = NeedsPage(ctx)
    show_window(qtbot, office)
    assert office.submit_button.isVisible() and office.office_note.isHidden()
    assert "Submit it" in office.intro.text() and "Submit" not in page.intro.text()


def test_the_hubs_map_names_each_city_in_the_script_of_its_language(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    """The map listed each city as typed ("Kumanovo" in a Macedonian window, "Куманово" in an
    Albanian one); now the name follows the language, also after a switch."""
    from hubdesk.i18n import language
    from hubdesk.services.installation import update_profile

    update_profile(ctx, {"name_other_script": "Куманово"})
    found = needs.create_assessment(ctx, {"year": YEAR, **{score_column(p): 2 for p in Pillar}})
    needs.submit_assessment(ctx, found.id)
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    with language("mk"):
        page = NeedsPage(hub)
        show_window(qtbot, page)
        assert page.table.item(0, 0).text() == "Куманово"
    with language("sq"):
        page.retranslate()
        assert page.table.item(0, 0).text() == "Kumanovo"


def test_a_second_questionnaire_for_the_year_is_asked_about_and_starts_from_the_first(
    qtbot: QtBot, ctx: ServiceContext, with_modal: Any, answers: Any
) -> None:
    """The hub published its own 2026 questionnaire, then pressed Publish again to fix a
    word: a second one went out without a question, its dialog back on HubDesk's words (the
    hub's own were gone). Now it is asked first, saying how many towns have answered, and the
    new version starts from the published one."""
    found = needs.create_assessment(ctx, {"year": YEAR, **{score_column(p): 2 for p in Pillar}})
    needs.submit_assessment(ctx, found.id)
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    first = needs.create_questionnaire(
        hub,
        {
            "year": YEAR,
            "title": "CNA for the region",
            "questions": {
                p.value: {"question": f"Own {p.value}?", "levels": ["a", "b", "c", "d"]}
                for p in Pillar
            },
        },
    )
    needs.publish_questionnaire(hub, first.id)
    page = NeedsPage(hub)
    show_window(qtbot, page)

    def fix_a_word(dialog: Any) -> None:
        assert dialog.title.text() == "CNA for the region"
        assert dialog.fields["peer_learning"][0].text() == "Own peer_learning?"
        type_into(qtbot, dialog.fields["cooperation"][0], "Who works with whom?")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    with_modal(lambda: click(qtbot, page.publish_button), fix_a_word)
    assert "and 1 municipality has submitted its answers" in answers.asked[-1]
    newest = needs.list_questionnaires(hub, YEAR)[0]
    stored = json.loads(newest.questions)
    assert stored["cooperation"]["question"] == "Who works with whom?"
    assert stored["peer_learning"] == {"question": "Own peer_learning?", "levels": list("abcd")}
    answers.confirm = False  # on second thoughts: nothing more is published
    click(qtbot, page.publish_button)
    assert len(needs.list_questionnaires(hub, YEAR)) == 2
