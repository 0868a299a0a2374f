"""The history panel: every change of a record, who made it where, and restoring from it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from gui import choose_item, click
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hubdesk.domain import AuditEntry, Conflict
from hubdesk.services import records, team, youth
from hubdesk.sync import conflicts
from hubdesk.ui.editors.activity import ActivityDialog
from hubdesk.ui.editors.member import MemberDialog
from hubdesk.ui.history_panel import HistoryDialog


def edited_three_times(small_team: Any) -> str:
    ctx, ana = small_team.ctx, small_team.members[0]
    team.update_member(ctx, ana.id, {"organisation": "Centre for social work"})
    team.update_member(ctx, ana.id, {"role": "member", "joined_on": dt.date(2023, 5, 1)})
    team.update_member(ctx, ana.id, {"organisation": "Red Cross"})
    return str(ana.id)


def history_button(dialog: Any) -> Any:
    return next(b for b in dialog.buttons.buttons() if b.objectName() == "historyButton")


def test_three_edits_are_listed_and_a_value_is_restored_from_the_editor(
    qtbot: QtBot, small_team: Any, with_modal: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    member_id = edited_three_times(small_team)
    editor = MemberDialog(ctx, member_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    button = history_button(editor)
    assert button.isVisible() and button.text() == "History…"
    saved: list[str] = []
    editor.saved.connect(saved.append)
    seen: dict[str, Any] = {}

    def restore(panel: Any) -> None:
        assert isinstance(panel, HistoryDialog)
        tree = panel.tree
        seen["entries"] = [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]
        seen["where"] = tree.topLevelItem(0).text(1)
        first_update = tree.topLevelItem(2)
        child = first_update.child(0)
        seen["change"] = (child.text(2), child.text(3))
        choose_item(tree, child)
        seen["buttons"] = (panel.undo_button.text(), panel.restore_button.text())
        click(qtbot, panel.undo_button)
        seen["after"] = [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]
        click(qtbot, panel.close_button)

    with_modal(lambda: click(qtbot, button), restore)
    assert seen["entries"] == ["Changed", "Changed", "Changed", "Created"]
    # On a server every staff PC is the same installation: the login tells whose change it was.
    you = "Kumanovo (this PC)" if ctx.person is None else f"Kumanovo, {ctx.person} (you)"
    assert seen["where"] == you
    assert seen["change"] == ("Organisation", "(empty) → Centre for social work")
    assert seen["buttons"] == ("Restore “(empty)”", "Restore “Centre for social work”")
    assert answers.asked[-1].startswith("Set “Organisation” back to “(empty)”?")
    assert seen["after"][0] == "Earlier value restored" and len(seen["after"]) == 5
    # A new change, and the open editor shows it.
    assert team.get_member(ctx, member_id).organisation == ""
    assert team.get_member(ctx, member_id).role == "member"  # only that field
    assert editor.fields.fields["organisation"].widget.text() == ""
    assert not editor.is_dirty() and saved == [member_id]


def test_undoing_a_whole_change_and_a_refused_restore(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    ctx = small_team.ctx
    member_id = edited_three_times(small_team)
    panel = HistoryDialog(ctx, "members", member_id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    choose_item(panel.tree, panel.tree.topLevelItem(1))  # role and joined on
    assert panel.undo_button.text() == "Undo this change"
    before = panel.tree.topLevelItemCount()
    click(qtbot, panel.undo_button)
    # One new change, on top, with exactly the two fields undone.
    assert panel.tree.topLevelItemCount() == before + 1
    newest = panel.tree.topLevelItem(0)
    fields = {newest.child(i).text(2) for i in range(newest.childCount())}
    assert fields == {"Role in the team", "Joined on"}, fields
    member = team.get_member(ctx, member_id)
    joined = small_team.members[0].joined_on
    assert (member.role, member.joined_on, member.organisation) == ("chair", joined, "Red Cross")
    assert answers.asked[-1].startswith("Undo the change of ")

    # Today's rules apply: the team the member was created in is gone.
    other = team.create_team(ctx, {"name": "Youth council", "kind": "other"})
    team.update_member(ctx, member_id, {"team_id": other.id})
    team.delete_team(ctx, small_team.team.id)
    click(qtbot, panel.close_button)  # and opened again, to see today's history
    assert not panel.isVisible()
    panel = HistoryDialog(ctx, "members", member_id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    created = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert created.text(2) == "Created"
    choose_item(panel.tree, created)
    assert not panel.undo_button.isEnabled()  # nothing came before a creation
    team_row = next(
        created.child(i) for i in range(created.childCount()) if created.child(i).text(2) == "Team"
    )
    assert team_row.text(3) == "CAT Kumanovo"  # ids are shown by name
    choose_item(panel.tree, team_row)
    version = team.get_member(ctx, member_id).version
    click(qtbot, panel.restore_button)
    assert answers.told == ["Team: Choose one of this municipality's teams."]
    assert team.get_member(ctx, member_id).version == version
    answers.confirm = False
    choose_item(panel.tree, panel.tree.topLevelItem(1))
    click(qtbot, panel.undo_button)  # the person said no
    assert team.get_member(ctx, member_id).version == version


def lose_a_conflict(ctx: Any, member_id: str) -> None:
    """A field laptop's phone number arrived by sync and won over this PC's organisation."""
    with ctx.transaction() as session:
        member = records.live(session, team.Member, member_id)
        loser = {c.key: records.jsonable(getattr(member, c.key)) for c in member.__table__.columns}
        loser.update(organisation="Roma Centre Kumanovo", version=member.version + 5)
        records.change(session, ctx, member, {"phone": "070 123 456"}, action="sync")
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.record_id == member_id)
            .order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        peer = "5b0c7a36-64a4-4c51-9d3c-2f3ad1f0c0de"
        entry.changes = json.dumps({"phone": ["", "070 123 456"], "updated_by": ["x", peer]})
        session.add(
            Conflict(
                table_name="members",
                record_id=member_id,
                winner_version=member.version,
                winner_installation=peer,
                loser_version=member.version + 5,
                loser_installation=ctx.installation_id,
                loser_data=json.dumps(loser),
            )
        )


def test_read_only_history_and_changes_that_came_by_sync_or_lost_a_conflict(
    qtbot: QtBot, small_team: Any
) -> None:
    ctx = small_team.ctx
    member_id = edited_three_times(small_team)
    lose_a_conflict(ctx, member_id)
    panel = HistoryDialog(ctx, "members", member_id, read_only=True)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    top = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    assert top[0].text(2) == "Lost in a conflict: not reviewed yet"
    assert top[1].text(2) == "Arrived by sync"
    # made there, not by the staff login that imported it (on a server the row names it)
    assert top[1].text(1) == "an installation unknown here (5b0c7a36)"
    conflict_fields = {top[0].child(i).text(2): top[0].child(i).text(3) for i in range(2)}
    assert conflict_fields["Organisation"] == "kept: Red Cross · lost: Roma Centre Kumanovo"
    choose_item(panel.tree, top[0])
    assert not panel.restore_button.isEnabled() and "read-only" in panel.hint.text()


def test_the_youth_editor_has_a_history_too(qtbot: QtBot, ctx: Any) -> None:
    activity = youth.create_activity(
        ctx,
        {
            "title": "Debate",
            "activity_type": "workshop",
            "starts_on": dt.date(2024, 4, 2),
            "participants_total": 3,
            "n_female_15_19": 3,
        },
    )
    youth.update_activity(ctx, activity.id, {"title": "Debate night"})
    editor = ActivityDialog(ctx, activity.id)
    qtbot.addWidget(editor)
    assert history_button(editor).text() == "History…"
    new = ActivityDialog(ctx)
    qtbot.addWidget(new)
    new.show()
    assert history_button(new).isHidden()  # nothing to show before the first save


def test_bringing_back_the_lost_version_decides_its_conflict(
    qtbot: QtBot, small_team: Any, answers: Any
) -> None:
    """What the person chose in the History is the conflicts view's "Keep the other version":
    the Sync page no longer asks about it."""
    ctx = small_team.ctx
    member_id = edited_three_times(small_team)
    lose_a_conflict(ctx, member_id)
    assert len(conflicts.list_conflicts(ctx)) == 1
    panel = HistoryDialog(ctx, "members", member_id)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    choose_item(panel.tree, panel.tree.topLevelItem(0))
    button = panel.restore_button
    assert button.isVisible() and button.isEnabled()
    assert button.text() == "Bring back the version that lost"
    click(qtbot, button)
    assert answers.asked[-1].startswith("Bring back the version that lost the conflict of ")
    assert team.get_member(ctx, member_id).organisation == "Roma Centre Kumanovo"
    assert conflicts.list_conflicts(ctx) == []
    shown = [panel.tree.topLevelItem(i).text(2) for i in range(panel.tree.topLevelItemCount())]
    assert "Lost in a conflict: this version was brought back" in shown
