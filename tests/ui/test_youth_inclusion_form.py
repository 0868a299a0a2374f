"""The youth activity form: themes in a compact picker, participants by inclusion group, and
a group larger than the head count refused under its box."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import choose, click, open_tab, set_date, set_number, trigger, type_into
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.services import youth
from hubdesk.ui.editors.activity import ActivityDialog


def test_themes_and_inclusion_counts_are_saved(qtbot: QtBot, small_team: Any) -> None:
    ctx = small_team.ctx
    dialog = ActivityDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    f = dialog.fields.fields
    type_into(qtbot, f["title"].widget, "Debate on online hate")
    choose(f["activity_type"].widget, "dialogue")
    set_date(f["starts_on"].widget, clock.today() - dt.timedelta(days=2))
    themes = f["themes"].widget
    assert themes.text() == "No theme"
    trigger(themes.actions_["hate_speech"])
    trigger(themes.actions_["online_radicalisation"])
    assert themes.text() == "Hate speech, Online radicalisation"
    open_tab(qtbot, dialog.tabs, 1)
    set_number(dialog.grid.cells["n_female_15_19"], 3)
    set_number(f["participants_total"].widget, 3)
    set_number(f["inc_roma"].widget, 5)
    click(qtbot, dialog.save_button)
    assert dialog.isVisible() and youth.count_activities(ctx) == 0
    assert f["inc_roma"].error.text() == "5 counted in this group, but only 3 participants."
    set_number(f["inc_roma"].widget, 2)
    set_number(f["inc_women"].widget, 3)
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    [saved] = youth.list_activities(ctx)
    assert saved.themes == ["hate_speech", "online_radicalisation"]
    assert (saved.inc_roma, saved.inc_women) == (2, 3)
    again = ActivityDialog(ctx, saved.id)
    qtbot.addWidget(again)
    assert again.fields.fields["themes"].widget.value() == saved.themes
    assert again.fields.fields["inc_women"].widget.value() == 3


def test_meetings_and_proposals_take_themes(qtbot: QtBot, small_team: Any) -> None:
    from gui import show_window

    from hubdesk.services import fund, meetings
    from hubdesk.ui.editors.meeting import MeetingDialog
    from hubdesk.ui.editors.proposal import ProposalDialog

    ctx = small_team.ctx
    dialog = MeetingDialog(ctx, team_id=small_team.team.id)
    show_window(qtbot, dialog)
    open_tab(qtbot, dialog.tabs, 0)
    trigger(dialog.fields.fields["themes"].widget.actions_["gender_based_violence"])
    click(qtbot, dialog.save_button)
    [meeting] = meetings.list_meetings(ctx, meetings.MeetingFilter(theme="gender_based_violence"))
    assert meeting.themes == ["gender_based_violence"]

    proposal = ProposalDialog(ctx)
    show_window(qtbot, proposal)
    type_into(qtbot, proposal.fields.fields["title"].widget, "Safe schools")
    trigger(proposal.fields.fields["themes"].widget.actions_["reintegration"])
    click(qtbot, proposal.save_button)
    [saved] = fund.list_proposals(ctx, fund.ProposalFilter(theme="reintegration"))
    assert saved.title == "Safe schools"
