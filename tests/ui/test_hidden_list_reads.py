"""A list on a tab not shown reads no more rows than a screenful when it is read again: a hub's
Meetings page, shown again, read every one of its 12,000 action items on the hidden tab."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui import usable
from pytestqt.qtbot import QtBot

from hubdesk.services import actions, meetings
from hubdesk.services.listing import Page
from hubdesk.ui import column_widths
from hubdesk.ui.models.meetings import ActionItemTableModel
from hubdesk.ui.pages.meetings import MeetingsPage

SmallTeam = Any  # tests/ui/conftest.py: ctx, team, members


def test_the_hidden_action_items_tab_reads_only_its_first_rows(
    qtbot: QtBot, small_team: SmallTeam, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = small_team.ctx
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": small_team.team.id,
            "starts_at": dt.datetime.now(dt.UTC) - dt.timedelta(days=30),
            "kind": "regular",
        },
    )
    for n in range(12):
        actions.create_action_item(ctx, {"meeting_id": meeting.id, "title": f"Item {n:02d}"})
    # A list this short stands for a long one: pages of two rows, two rows sampled.
    monkeypatch.setattr(column_widths, "SAMPLE_ROWS", 2)
    monkeypatch.setattr(ActionItemTableModel, "PAGE_SIZE", 2)
    read: list[int] = []
    listed = ActionItemTableModel.list_records

    def counted(self: ActionItemTableModel, f: actions.ActionItemFilter, page: Page) -> Any:
        read.append(page.offset)
        return listed(self, f, page)

    monkeypatch.setattr(ActionItemTableModel, "list_records", counted)

    page = MeetingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    usable(page.meetings.table)
    assert not page.items.table.isVisible()
    read[:] = []  # (a list: only the reads from here on count)

    page.refresh()  # what the window does when the page is shown again
    qtbot.wait(20)  # the columns are fitted on the next turn of the event loop

    assert page.items.model.rowCount() == 12
    assert all(offset < 2 for offset in read), read  # not every row to the end
