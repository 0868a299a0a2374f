"""Print buttons hand the right report and record to the reports' print dialog."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from gui import click, type_into
from pytestqt.qtbot import QtBot

from hubdesk.services import meetings
from hubdesk.ui import report_actions
from hubdesk.ui.editors.meeting import MeetingDialog
from hubdesk.ui.pages.team import TeamPage


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    calls: list[tuple[str, str | None]] = []
    monkeypatch.setattr(
        report_actions,
        "print_report",
        lambda _parent, _ctx, kind, record_id=None, **_period: calls.append((kind, record_id)),
    )
    return calls


def test_team_page_prints_the_roster(qtbot: QtBot, small_team: Any, printed: list[Any]) -> None:
    page = TeamPage(small_team.ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    [button] = page.print_buttons
    assert button.text() == "Print the roster"
    click(qtbot, button)
    assert printed == [("roster", None)]


def test_meeting_minutes_are_printed_after_saving(
    qtbot: QtBot, small_team: Any, printed: list[Any]
) -> None:
    ctx = small_team.ctx
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": small_team.team.id,
            "starts_at": dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
            "kind": "regular",
        },
    )
    dialog = MeetingDialog(ctx, meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    [(button, _msgid)] = dialog.print_buttons
    assert button.isVisible() and button.text() == "Print the minutes"
    type_into(qtbot, dialog.fields.fields["place"].widget, "Youth centre")  # unsaved: saved first
    click(qtbot, button)
    assert printed == [("minutes", meeting.id)]
    assert meetings.get_meeting(ctx, meeting.id).place == "Youth centre"


def test_a_new_meeting_has_nothing_to_print_yet(qtbot: QtBot, small_team: Any) -> None:
    dialog = MeetingDialog(small_team.ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    [(button, _msgid)] = dialog.print_buttons
    assert not button.isVisible()
