"""The Sync page's conflicts: both versions in a person's words, and a reversal the program
refuses is explained, with nothing changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from gui import choose_item, choose_row, click, open_tab
from pytestqt.qtbot import QtBot
from test_sync_page import make_page, profile_of

from hubdesk import i18n
from hubdesk.services import meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle


@contextmanager
def field_laptop(ctx: ServiceContext, tmp_path: Path) -> Iterator[ServiceContext]:
    """The office's (``ctx``) field laptop, enrolled with it both ways, open while in use."""
    from hubdesk.services.installation import initialise
    from hubdesk.storage.open import open_database

    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    folder = tmp_path / "laptop"
    laptop_db = open_database(folder)
    try:
        laptop = initialise(laptop_db, role="field", name="Laptop", country="MK")
        laptop.data_dir = folder
        peers.enrol(laptop, profile.read_profile(profile_of(ctx, tmp_path)))
        peers.enrol(ctx, profile.read_profile(profile_of(laptop, tmp_path)))
        yield laptop
    finally:
        laptop_db.close()


def meeting_in_conflict(ctx: ServiceContext, tmp_path: Path) -> str:
    """A meeting whose place the office and its laptop changed before exchanging files; the
    laptop's bundle has arrived at the office (``ctx``)."""
    with field_laptop(ctx, tmp_path) as laptop:
        cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
        start = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)
        data = {"team_id": cat.id, "starts_at": start, "kind": "regular"}
        meeting = meetings.create_meeting(ctx, data)
        import_bundle(laptop, export_bundle(ctx, laptop.installation_id, tmp_path / "1").path)
        meetings.update_meeting(ctx, meeting.id, {"place": "Office"})
        meetings.update_meeting(laptop, meeting.id, {"place": "Field"})
        import_bundle(ctx, export_bundle(laptop, ctx.installation_id, tmp_path / "2").path)
    return meeting.id


def test_both_versions_in_the_windows_words(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    meeting_in_conflict(ctx, tmp_path)
    page = make_page(qtbot, ctx)
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    choose_row(page.conflicts.conflict_list, 0)
    assert page.conflicts.versions.isVisible()
    versions = page.conflicts.versions
    rows = [[versions.item(r, c).text() for c in range(3)] for r in range(versions.rowCount())]
    assert rows == [["Place", "Field", "Office"]]
    with i18n.language("mk"):
        page.retranslate()
        choose_row(page.conflicts.conflict_list, 0)
        label = page.conflicts.versions.item(0, 0).text()
    assert label not in ("Place", "place") and label


def test_keeping_the_other_version_of_a_meeting_deleted_since_is_explained(
    qtbot: QtBot, ctx: ServiceContext, answers: Any, tmp_path: Path
) -> None:
    meeting = meeting_in_conflict(ctx, tmp_path)
    meetings.delete_meeting(ctx, meeting)  # after the merge, on purpose
    page = make_page(qtbot, ctx)
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    tab = page.conflicts
    assert tab.conflict_list.isVisible() and tab.conflict_list.count() == 1
    choose_row(tab.conflict_list, 0)
    assert tab.keep_other_button.isVisible() and tab.keep_other_button.isEnabled()
    click(qtbot, tab.keep_other_button)
    assert answers.told and "stays deleted" in answers.told[-1]
    assert meetings.list_meetings(ctx) == [] and tab.conflict_list.count() == 1
    choose_row(tab.conflict_list, 0)
    assert tab.keep_current_button.isVisible() and tab.keep_current_button.isEnabled()
    click(qtbot, tab.keep_current_button)
    assert tab.conflict_list.count() == 0


def meeting_that_came_back(ctx: ServiceContext, tmp_path: Path) -> str:
    """The office deletes a meeting while its laptop adds an action item to it; the laptop's
    file brings the meeting back at the office (``ctx``), with a conflict on it."""
    from hubdesk.services import actions

    with field_laptop(ctx, tmp_path) as laptop:
        cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
        start = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC)
        meeting = meetings.create_meeting(
            ctx, {"team_id": cat.id, "starts_at": start, "kind": "regular"}
        )
        import_bundle(laptop, export_bundle(ctx, laptop.installation_id, tmp_path / "1").path)
        item = {"meeting_id": meeting.id, "title": "Call the school", "due_on": dt.date(2024, 4, 1)}
        actions.create_action_item(laptop, item)
        meetings.delete_meeting(ctx, meeting.id)
        import_bundle(ctx, export_bundle(laptop, ctx.installation_id, tmp_path / "2").path)
    return meeting.id


def test_a_meeting_that_came_back_is_named_and_explained(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    """The office deletes a meeting while its laptop adds an action item to it: the meeting
    comes back, and the Conflicts tab says which meeting, that it was deleted here and came
    back, and what each button does (not a bare "Deleted: No / Yes" under "Meetings")."""
    meeting_that_came_back(ctx, tmp_path)
    page = make_page(qtbot, ctx)
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    tab = page.conflicts
    assert tab.conflict_list.count() == 1
    entry = tab.conflict_list.item(0).text()
    assert "CAT Kumanovo" in entry and "2024" in entry
    choose_row(tab.conflict_list, 0)
    assert tab.what_happened.isVisible()
    said = tab.what_happened.text()
    assert "CAT Kumanovo" in said and "deleted on this PC" in said and "came back" in said
    assert "Keep the other version" in said


def test_a_deletion_that_lost_says_where_it_is_decided(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    """In the meeting's History the lost deletion cannot be brought back (its button stays
    grey): the window says where a person decides it instead of leaving a dead button."""
    from hubdesk.ui.history_panel import HistoryDialog

    meeting = meeting_that_came_back(ctx, tmp_path)
    panel = HistoryDialog(ctx, "meetings", meeting)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    lost = panel.tree.topLevelItem(0)
    assert lost.text(2).startswith("Lost in a conflict")
    choose_item(panel.tree, lost)
    assert not panel.restore_button.isEnabled()
    assert panel.hint.isVisible() and "Sync page" in panel.hint.text()
    assert "Conflicts" in panel.hint.text()


def test_deleting_a_meeting_again_from_its_conflict_is_asked_first(
    qtbot: QtBot, ctx: ServiceContext, answers: Any, tmp_path: Path
) -> None:
    """ "Keep the other version" of a meeting that came back deletes it again, with the
    laptop's action item: asked as any deletion is; "Cancel" changes nothing."""
    meeting = meeting_that_came_back(ctx, tmp_path)
    page = make_page(qtbot, ctx)
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    tab = page.conflicts
    choose_row(tab.conflict_list, 0)
    answers.confirm = False
    click(qtbot, tab.keep_other_button)
    assert answers.asked and "Delete 'Meeting of CAT Kumanovo" in answers.asked[-1]
    assert [m.id for m in meetings.list_meetings(ctx)] == [meeting]
    assert tab.conflict_list.count() == 1
    answers.confirm = True
    choose_row(tab.conflict_list, 0)
    click(qtbot, tab.keep_other_button)
    assert meetings.list_meetings(ctx) == [] and tab.conflict_list.count() == 0


def test_a_proposal_that_came_back_is_named_and_explained(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    """The office deletes a draft while its laptop changes a budget line of it: the proposal
    comes back, and the Conflicts tab names it as a person knows it (its reference and title,
    not a bare title under "Fund proposals") and says it came back with everything in it. One
    decision, one entry: the budget line whose deletion lost too is told in the proposal's
    (named, and shown as the laptop left it beside the version deleted), not in an entry of
    its own that would ask the same question again."""
    from hubdesk.services import fund

    line = {"category": "equipment", "description": "Swings", "quantity": 2,
            "unit_cost_minor": 30_000}  # fmt: skip
    with field_laptop(ctx, tmp_path) as laptop:
        proposal = fund.create_proposal(ctx, {"title": "Playground"})
        line_id = fund.add_budget_line(ctx, proposal.id, line).id
        import_bundle(laptop, export_bundle(ctx, laptop.installation_id, tmp_path / "1").path)
        fund.update_budget_line(laptop, line_id, {"quantity": 3})
        fund.delete_proposal(ctx, proposal.id)
        import_bundle(ctx, export_bundle(laptop, ctx.installation_id, tmp_path / "2").path)
    assert [p.id for p in fund.list_proposals(ctx)] == [proposal.id]
    page = make_page(qtbot, ctx)
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    tab = page.conflicts
    assert tab.conflict_list.isVisible()
    entries = [tab.conflict_list.item(i).text() for i in range(tab.conflict_list.count())]
    named = f"Proposal {proposal.reference}, Playground"
    assert entries == [named]
    choose_row(tab.conflict_list, 0)
    assert tab.what_happened.isVisible()
    said = tab.what_happened.text()
    assert said.startswith(named) and "deleted on this PC" in said and "came back" in said
    assert "(Budget lines: Swings)" in said and "as the other PC left it" in said
    versions = tab.versions
    assert versions.isVisible()
    rows = [[versions.item(r, c).text() for c in range(3)] for r in range(versions.rowCount())]
    assert ["Budget lines: Swings: Quantity", "3", "2"] in rows
    assert rows[0][1:] == ["No", "Yes"]  # the proposal's deletion: the one decision
    click(qtbot, tab.keep_current_button)
    assert tab.conflict_list.count() == 0


def test_a_long_proposal_name_wraps_in_the_list(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    """A proposal's reference and title are often wider than the list: the whole name shows,
    on two lines, not cut off behind a sideways scroll bar."""
    from hubdesk.services import fund

    title = "Renovation of the youth centre in the old town, with a reading room for pupils"
    with field_laptop(ctx, tmp_path) as laptop:
        proposal = fund.create_proposal(ctx, {"title": title})
        import_bundle(laptop, export_bundle(ctx, laptop.installation_id, tmp_path / "1").path)
        fund.update_proposal(laptop, proposal.id, {"summary": "For the whole town"})
        fund.delete_proposal(ctx, proposal.id)
        import_bundle(ctx, export_bundle(laptop, ctx.installation_id, tmp_path / "2").path)
    page = make_page(qtbot, ctx)
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    listing = page.conflicts.conflict_list
    assert listing.isVisible() and listing.count() == 1
    item = listing.item(0)
    assert item.text() == f"Proposal {proposal.reference}, {title}"
    shown = listing.visualItemRect(item)
    assert listing.horizontalScrollBar().maximum() == 0
    assert shown.width() <= listing.viewport().width()
    needed = listing.fontMetrics().boundingRect(item.text()).width()
    lines = -(-needed // shown.width())  # the lines the name needs at the list's width
    assert lines >= 2 and shown.height() >= lines * listing.fontMetrics().lineSpacing()


def test_a_roll_taken_on_two_pcs_names_its_meeting(
    qtbot: QtBot, ctx: ServiceContext, tmp_path: Path
) -> None:
    """The office and its laptop took the roll of two meetings differently: the list said
    "Attendance: Ana" twice and the text above the versions "Ana was changed", of which
    meeting nobody could tell; each now names its meeting, a decision (no name) its meeting."""
    with field_laptop(ctx, tmp_path) as laptop:
        cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
        ana = team.create_member(
            ctx,
            {"team_id": cat.id, "name": "Ana", "sector": "education", "role": "member",
             "gender": "female"},
        )  # fmt: skip
        days = [dt.datetime(2024, month, day, 9, tzinfo=dt.UTC) for month, day in ((3, 5), (4, 9))]
        held = [
            meetings.create_meeting(ctx, {"team_id": cat.id, "starts_at": day, "kind": "regular"})
            for day in days
        ]
        decision = meetings.add_decision(ctx, held[1].id, "Hold a forum")
        import_bundle(laptop, export_bundle(ctx, laptop.installation_id, tmp_path / "1").path)
        for meeting in held:
            meetings.set_attendance(ctx, meeting.id, {ana.id: "absent"})
            meetings.set_attendance(laptop, meeting.id, {ana.id: "excused"})
        meetings.update_decision(ctx, decision.id, "Hold a youth forum")
        meetings.update_decision(laptop, decision.id, "Hold two forums")
        import_bundle(ctx, export_bundle(laptop, ctx.installation_id, tmp_path / "2").path)
    page = make_page(qtbot, ctx)
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    listed = page.conflicts.conflict_list
    entries = sorted(listed.item(r).text() for r in range(listed.count()))
    assert entries == [
        "Attendance: Ana (Meeting of CAT, 5 Mar 2024, 10:00)",
        "Attendance: Ana (Meeting of CAT, 9 Apr 2024, 11:00)",
        "Meeting decisions: Meeting of CAT, 9 Apr 2024, 11:00",
    ]
    row = next(r for r in range(listed.count()) if listed.item(r).text().startswith("Meeting"))
    choose_row(listed, row)
    said = page.conflicts.what_happened.text()
    assert said.startswith("Meeting decisions (Meeting of CAT, 9 Apr 2024, 11:00) was changed")
