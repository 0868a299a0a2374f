"""The hub reads a youth activity's team in its form."""

from __future__ import annotations

from pathlib import Path

from gui import show_window
from hub_demo_copy import hub_demo
from pytestqt.qtbot import QtBot

from hubdesk.services import youth
from hubdesk.services.installation import load_context
from hubdesk.services.town_names import team_choices
from hubdesk.ui.editors.activity import ActivityDialog


def test_the_hub_sees_the_team_that_ran_an_activity(qtbot: QtBot, tmp_path: Path) -> None:
    """The form offered no team at the hub, so an activity a team ran read "No particular
    team" there, although the municipality's form and the bundle name the team."""
    folder = tmp_path / "hub"
    db = hub_demo(folder)
    try:
        ctx = load_context(db, folder)
        ran = next(a for a in youth.list_activities(ctx) if a.team_id is not None)
        dialog = ActivityDialog(ctx, ran.id)
        show_window(qtbot, dialog)
        shown = dialog.fields.fields["team_id"].widget
        assert shown.isVisible()
        assert shown.value() == ran.team_id
        assert shown.currentText() == dict(team_choices(ctx))[ran.team_id]
        assert dialog.fields.changes() == {}  # read-only: nothing to save at the hub
        dialog.close()
    finally:
        db.close()
