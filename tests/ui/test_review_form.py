"""The Reviews tab: the hub scores a proposal in the review form; the municipality reads it."""

from __future__ import annotations

from typing import Any

from gui import choose_row, click, open_tab, set_number, type_into
from proposal_filling import fill_sections
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import Role
from hubdesk.services import fund, reviews
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.editors.proposal_reviews import ReviewDialog

LINE = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 100_000}


def submitted(ctx: ServiceContext) -> str:
    proposal = fund.create_proposal(ctx, {"title": "Safe routes", "summary": "Lights"})
    fund.add_budget_line(ctx, proposal.id, LINE)
    fill_sections(ctx, proposal.id)
    fund.transition(ctx, proposal.id, "submitted")
    return proposal.id


def opened(qtbot: QtBot, ctx: ServiceContext, proposal_id: str) -> ProposalDialog:
    dialog = ProposalDialog(ctx, proposal_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.reviews_tab))
    return dialog


def test_the_hub_adds_a_review_and_the_municipality_reads_it(
    qtbot: QtBot, small_team: Any, with_modal: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = submitted(ctx)
    dialog = opened(qtbot, hub, proposal_id)
    tab = dialog.reviews_tab
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Reviews"
    assert tab.average.text() == "No reviews yet."

    def fill(form: QWidget) -> None:
        assert isinstance(form, ReviewDialog)
        assert form.table.rowCount() == len(reviews.DEFAULT_CRITERIA)
        click(qtbot, form.save_button)  # no reviewer yet: refused, said under the name
        assert form.fields.fields["reviewer"].error.text() == "This field is required."
        type_into(qtbot, form.fields.fields["reviewer"].widget, "Ana Petrova")
        for spin in form.spins.values():
            set_number(spin, 4)
        set_number(form.spins["relevance"], 5)
        assert form.total.text() == "Weighted total: 85 of 100"  # 80 + 25/5
        type_into(qtbot, form.fields.fields["comment"].widget, "Strong need.")
        click(qtbot, form.save_button)

    with_modal(lambda: click(qtbot, tab.add_button), fill)
    assert tab.table.rowCount() == 1
    assert tab.average.text() == "Average over 1 reviewer: 85 of 100"
    assert tab.scores.rowCount() == 6 and tab.scores.item(0, 2).text() == "5"

    # The same reviewer cannot review twice: the form says so and saves nothing.
    def again(form: QWidget) -> None:
        assert isinstance(form, ReviewDialog)
        type_into(qtbot, form.fields.fields["reviewer"].widget, "ana petrova")
        click(qtbot, form.save_button)
        assert "already reviewed" in form.fields.fields["reviewer"].error.text()
        click(qtbot, form.cancel_button)  # leaving unsaved: the answer is to discard

    with_modal(lambda: click(qtbot, tab.add_button), again)
    assert len(reviews.list_reviews(hub, proposal_id).reviews) == 1

    # The municipality sees the review, without the hub's buttons.
    town = opened(qtbot, ctx, proposal_id)
    assert town.reviews_tab.table.rowCount() == 1
    assert town.reviews_tab.table.item(0, 0).text() == "Ana Petrova"
    assert town.reviews_tab.add_button.isHidden() and town.reviews_tab.delete_button.isHidden()
    assert "as received" in town.reviews_tab.note.text()


def test_a_review_changed_by_a_colleague_meanwhile_is_not_saved_over(
    qtbot: QtBot, small_team: Any
) -> None:
    """The form sends every field: without the check, a second save would put back the
    comment a colleague had just corrected."""
    ctx = small_team.ctx
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = submitted(ctx)
    scores = {c.code: 4 for c in reviews.proposal_criteria(hub, proposal_id)}
    data = {"reviewer": "Ana Petrova", "comment": "Strong need.", "scores": scores}
    review = reviews.add_review(hub, proposal_id, data)
    form = ReviewDialog(hub, proposal_id, review)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    set_number(form.spins["relevance"], 5)
    reviews.update_review(hub, review.id, {"comment": "Strong need; costs checked."})
    click(qtbot, form.save_button)
    assert form.isVisible() and form.spins["relevance"].value() == 5
    assert "changed this record after you opened it" in form.general_error.text()
    assert form.fields.fields["comment"].error.isVisible()
    (stored,) = reviews.list_reviews(hub, proposal_id).reviews
    assert stored.comment == "Strong need; costs checked."
    assert {s.code: s.score for s in stored.scores}["relevance"] == 4
    click(qtbot, form.save_button)  # knowingly
    assert not form.isVisible()
    (stored,) = reviews.list_reviews(hub, proposal_id).reviews
    assert {s.code: s.score for s in stored.scores}["relevance"] == 5


def test_a_second_save_over_a_colleagues_correction_writes_only_what_was_changed_here(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    """A colleague corrects the comment while this person rescores: the save is refused with
    the comment marked, and the second Save writes the score, not the old comment back."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = submitted(ctx)
    four = {c.code: 4 for c in reviews.DEFAULT_CRITERIA}
    added = reviews.add_review(
        hub, proposal_id, {"reviewer": "Ana Petrova", "scores": four, "comment": "Clear plan."}
    )
    form = ReviewDialog(hub, proposal_id, reviews.list_reviews(hub, proposal_id).reviews[0])
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    set_number(form.spins["relevance"], 5)
    reviews.update_review(hub, added.id, {"comment": "Weak plan."})  # the colleague
    click(qtbot, form.save_button)
    assert form.isVisible()
    comment = form.fields.fields["comment"].error
    assert comment.isVisible() and "after you opened this form" in comment.text()
    assert not form.fields.fields["reviewer"].error.isVisible()
    assert reviews.list_reviews(hub, proposal_id).reviews[0].total == 80.0
    click(qtbot, form.save_button)
    assert not form.isVisible()
    stored = reviews.list_reviews(hub, proposal_id).reviews[0]
    assert (stored.comment, stored.total) == ("Weak plan.", 85.0)


def test_a_review_a_colleague_changed_after_the_list_was_read_is_not_deleted(
    qtbot: QtBot, ctx: ServiceContext, answers: Any
) -> None:
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = submitted(ctx)
    four = {c.code: 4 for c in reviews.DEFAULT_CRITERIA}
    added = reviews.add_review(hub, proposal_id, {"reviewer": "Ana Petrova", "scores": four})
    tab = opened(qtbot, hub, proposal_id).reviews_tab
    choose_row(tab.table, 0)
    reviews.update_review(hub, added.id, {"comment": "Rescored after the visit."})  # colleague
    click(qtbot, tab.delete_button)
    assert answers.told and "Nothing was deleted" in answers.told[-1]
    assert tab.table.item(0, 3).text() == "Rescored after the visit."  # read again
    assert len(reviews.list_reviews(hub, proposal_id).reviews) == 1
    choose_row(tab.table, 0)
    click(qtbot, tab.delete_button)  # now read as it is: deleted
    assert reviews.list_reviews(hub, proposal_id).reviews == ()


def test_a_criterion_left_unscored_is_asked_for_not_saved_as_zero(
    qtbot: QtBot, ctx: ServiceContext
) -> None:
    """A new review's boxes start blank: a box started at 0 ("not at all") saved a criterion
    the reviewer skipped as a 0, lowering the total the municipality receives."""
    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    proposal_id = submitted(ctx)
    form = ReviewDialog(hub, proposal_id)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert all(spin.text() == "–" for spin in form.spins.values())
    type_into(qtbot, form.fields.fields["reviewer"].widget, "Ana Petrova")
    # a digit typed into a blank box replaces its "–" (typed after it, it made no number)
    type_into(qtbot, form.spins["relevance"], "5", replace=False)
    assert form.spins["relevance"].value() == 5
    assert form.total.text() == "Weighted total: –"  # no total before every score
    click(qtbot, form.save_button)
    assert form.isVisible()
    assert "not yet scored" in form.scores_error.text() and form.scores_error.isVisible()
    # named as the form names them, never by codes the form does not show
    assert "“Do No Harm”" in form.scores_error.text()
    assert (
        "Relevance" not in form.scores_error.text() and "do_no_harm" not in form.scores_error.text()
    )
    assert reviews.list_reviews(hub, proposal_id).reviews == ()
    for code, spin in form.spins.items():
        if code != "relevance":
            set_number(spin, 4)
    assert form.total.text() == "Weighted total: 85 of 100"
    click(qtbot, form.save_button)
    assert not form.isVisible()
    (stored,) = reviews.list_reviews(hub, proposal_id).reviews
    assert stored.total == 85.0
