"""An action item opened shows who owns it, also when the owner left the team or was deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gui import choose, choose_row, click, open_tab, show_window, wait_loaded
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hubdesk import clock
from hubdesk.services import actions, meetings, team
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.pages.meetings import MeetingsPage


def test_an_owner_no_longer_on_the_team_is_shown(
    qtbot: QtBot, small_team: Any, with_modal: Any
) -> None:
    """Driton left the team after the meeting that gave him the item, and Ana was deleted:
    their items' forms said "Nobody yet", on the Action items page and in the meeting."""
    ctx = small_team.ctx
    ana, driton = small_team.members[0], small_team.members[3]
    day = clock.today() - dt.timedelta(days=300)
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": small_team.team.id,
            "kind": "regular",
            "starts_at": clock.from_wall(dt.datetime.combine(day, dt.time(18))),
        },
    )
    for title, owner in (("Call the school", driton), ("Book the hall", ana)):
        actions.create_action_item(
            ctx, {"meeting_id": meeting.id, "title": title, "owner_member_id": owner.id}
        )
    team.delete_member(ctx, ana.id)
    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    show_window(qtbot, page)
    open_tab(qtbot, page.tabs, 1)
    wait_loaded(page.items)
    school = next(
        i for i in actions.list_action_items(ctx, actions.ActionItemFilter()) if "school" in i.title
    )
    choose_row(page.items.table, page.items.model.row_of(school.id))

    def mark_done(dialog: QWidget) -> None:
        owner = dialog.fields.fields["owner_member_id"].widget  # type: ignore[attr-defined]
        assert owner.currentText() == "Driton Ismaili"
        choose(dialog.fields.fields["status"].widget, "done")  # type: ignore[attr-defined]
        click(qtbot, dialog.save_button)  # type: ignore[attr-defined]

    with_modal(lambda: click(qtbot, page.items.edit_button), mark_done)
    items = {i.title: i for i in actions.list_action_items(ctx, actions.ActionItemFilter())}
    assert items["Call the school"].status == "done"
    assert items["Call the school"].owner_member_id == driton.id

    form = MeetingDialog(ctx, meeting.id)
    qtbot.addWidget(form)
    show_window(qtbot, form)
    open_tab(qtbot, form.tabs, 3)
    tab = form.actions_tab
    choose_row(tab.table, tab.model.row_of(items["Book the hall"].id))

    def look(dialog: QWidget) -> None:
        owner = dialog.fields.fields["owner_member_id"].widget  # type: ignore[attr-defined]
        assert owner.currentText() == "(deleted member)"
        click(qtbot, dialog.cancel_button)  # type: ignore[attr-defined]

    with_modal(lambda: click(qtbot, tab.edit_button), look)
    assert actions.get_action_item(ctx, items["Book the hall"].id).owner_member_id == ana.id
