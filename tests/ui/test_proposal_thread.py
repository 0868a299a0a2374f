"""The thread beside a proposal: the municipality, its field laptop and the hub each write in
it, a transition's comment lands in it, and a refused comment is said and writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import click, open_tab, show_window, type_into
from proposal_filling import fill_sections
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.services import fund, thread
from hubdesk.services.context import ServiceContext
from hubdesk.ui.editors.proposal import ProposalDialog
from hubdesk.ui.editors.proposal_thread import plain_text


@pytest.fixture
def proposal(ctx: ServiceContext) -> str:
    proposal_id = fund.create_proposal(ctx, {"title": "Youth corner", "summary": "A room"}).id
    line = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 100}
    fund.add_budget_line(ctx, proposal_id, line)
    fill_sections(ctx, proposal_id)
    return proposal_id


def opened(qtbot: QtBot, ctx: ServiceContext, proposal_id: str | None) -> ProposalDialog:
    dialog = ProposalDialog(ctx, proposal_id)
    qtbot.addWidget(dialog)
    show_window(qtbot, dialog)
    return dialog


def write(qtbot: QtBot, dialog: ProposalDialog, text: str, name: str | None = None) -> None:
    panel = dialog.thread_panel
    if name is not None:
        type_into(qtbot, panel.author, name)
    type_into(qtbot, panel.box, text)
    click(qtbot, panel.send_button)


def shown(dialog: ProposalDialog) -> list[str]:
    """Each entry's text, checked to be on screen in the panel's view."""
    panel = dialog.thread_panel
    on_screen = " ".join(panel.view.toPlainText().split())
    texts = [plain_text(entry) for entry in panel.entries]
    for text in texts:
        assert " ".join(text.split()) in on_screen, text
    return texts


def test_municipality_writes_and_the_name_is_remembered(
    qtbot: QtBot, ctx: ServiceContext, proposal: str
) -> None:
    dialog = opened(qtbot, ctx, proposal)
    assert dialog.thread_panel.empty.isVisible() and not dialog.thread_panel.view.isVisible()
    assert dialog.thread_panel.author.text() == thread.default_author(ctx)
    with qtbot.waitSignal(dialog.saved):
        write(qtbot, dialog, "Draft ready, please have a look.", "Ana Petrovska")
    [entry] = thread.proposal_thread(ctx, proposal)
    assert (entry.author_role, entry.author_name) == ("municipality", "Ana Petrovska")
    [text] = shown(dialog)
    assert "Municipality · Ana Petrovska" in text and text.endswith("please have a look.")
    assert dialog.thread_panel.box.toPlainText() == ""
    assert dialog.thread_panel.title.text() == "Comments (1)"
    again = opened(qtbot, ctx, proposal)
    assert again.thread_panel.author.text() == "Ana Petrovska"  # remembered on this PC


def test_transition_comment_goes_into_the_thread(
    qtbot: QtBot, ctx: ServiceContext, proposal: str, answers: Any
) -> None:
    dialog = opened(qtbot, ctx, proposal)
    type_into(qtbot, dialog.thread_panel.author, "Ana")
    open_tab(qtbot, dialog.tabs, dialog.tabs.indexOf(dialog.status_tab))
    type_into(qtbot, dialog.status_tab.comment, "Budget agreed with the mayor.")
    submit = dialog.status_tab.button_for(ProposalStatus.SUBMITTED)
    assert submit is not None
    click(qtbot, submit)
    assert fund.get_proposal(ctx, proposal).status == "submitted"
    [text] = shown(dialog)
    assert "Ana · with: Submitted" in text and text.endswith("Budget agreed with the mayor.")
    # said once: the next step's comment starts empty, not as this one again
    assert dialog.status_tab.comment.text() == ""
    # The proposal is read-only now; the thread is not.
    assert dialog.read_only
    write(qtbot, dialog, "Photos follow.")
    assert len(thread.proposal_thread(ctx, proposal)) == 2


@pytest.mark.parametrize("role", [Role.HUB, Role.FIELD])
def test_hub_and_field_laptop_write_for_their_side(
    qtbot: QtBot, ctx: ServiceContext, proposal: str, role: Role, tmp_path: Path
) -> None:
    municipality = None if role is Role.HUB else ctx.municipality_id
    other = ServiceContext(ctx.db, f"{role.value}-pc", role, municipality, ctx.clock, tmp_path)
    thread.add_comment(ctx, proposal, "Is the budget fine?", "Ana")
    dialog = opened(qtbot, other, proposal)
    write(qtbot, dialog, "Looks fine, add the partners.", "Elira")
    texts = shown(dialog)
    assert len(texts) == 2 and texts[0].endswith("Is the budget fine?")
    assert f"{role.label} · Elira" in texts[1]
    last = thread.proposal_thread(ctx, proposal)[-1]
    assert (last.author_role, last.author_name) == (role.value, "Elira")


def test_an_empty_comment_is_refused_and_said(
    qtbot: QtBot, ctx: ServiceContext, proposal: str
) -> None:
    dialog = opened(qtbot, ctx, proposal)
    with qtbot.assertNotEmitted(dialog.thread_panel.commented):
        click(qtbot, dialog.thread_panel.send_button)
    assert dialog.thread_panel.error.isVisible()
    assert dialog.thread_panel.error.text() == "This field is required."
    assert thread.proposal_thread(ctx, proposal) == []


def test_a_new_proposal_has_no_thread_until_saved(qtbot: QtBot, ctx: ServiceContext) -> None:
    dialog = opened(qtbot, ctx, None)
    assert dialog.thread_panel.empty.isVisible()
    assert not dialog.thread_panel.send_button.isVisible()
    assert "Save the proposal" in dialog.thread_panel.empty.text()


def test_the_name_stays_by_its_field_before_the_first_comment(
    qtbot: QtBot, ctx: ServiceContext, proposal: str
) -> None:
    """With no comment yet, the room the comments take was shared out between the lines:
    "Your name" stood a hand's width above the field it names, the heading far above both."""
    dialog = opened(qtbot, ctx, proposal)
    dialog.resize(dialog.width(), 700)  # as tall as a 1366x768 screen lets it be
    panel = dialog.thread_panel
    qtbot.waitUntil(lambda: panel.height() > 500)
    assert panel.empty.isVisible() and panel.author_label.isVisible()

    def loose(label: Any) -> int:
        """How much taller the line is than its words: the words sit in its middle."""
        needed = label.heightForWidth(label.width())
        return label.height() - (needed if needed > 0 else label.sizeHint().height())

    assert loose(panel.title) <= 4 and loose(panel.author_label) <= 4
    assert panel.empty.alignment() & Qt.AlignmentFlag.AlignTop or loose(panel.empty) <= 4
    write(qtbot, dialog, "When can we start?")
    assert panel.view.isVisible() and loose(panel.author_label) <= 4
