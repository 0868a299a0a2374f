"""The import preview tells a focal point what the import does beyond its counts: a meeting
or a fund proposal deleted on this PC that comes back because the field laptop worked inside
it, and a budget line the laptop added to a proposal the office has since submitted, which
will be removed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui import click
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from shown_text import shown_lines
from test_sync_page import import_through_the_button, make_page

from hubdesk.services import actions, fund, meetings, team
from hubdesk.services.context import ServiceContext
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle
from hubdesk.ui.pages.sync import ImportPreview

LINE = {"category": "equipment", "description": "Slide", "quantity": 1, "unit_cost_minor": 90_000}


def profile_of(ctx: ServiceContext, path: Path) -> Path:
    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    return profile.export_profile(ctx, keys.load_keys(ctx.data_dir), path)  # type: ignore[arg-type]


def laptops_bundle(
    office: ServiceContext, laptop: ServiceContext, folder: Path
) -> tuple[str, Path]:
    """The office deletes a meeting and submits a draft while its laptop adds an action item
    to that meeting and a budget line to that draft; the laptop's bundle to the office."""
    from proposal_filling import fill_sections

    cat = team.create_team(office, {"name": "CAT Kumanovo", "kind": "cat"})
    ana = team.create_member(office, {"team_id": cat.id, "name": "Ana", "sector": "youth",
                                      "role": "member", "gender": "female"})  # fmt: skip
    meeting = meetings.create_meeting(
        office,
        {"team_id": cat.id, "starts_at": dt.datetime(2026, 3, 3, 9, tzinfo=dt.UTC),
         "kind": "regular", "place": "Hall"},
    ).id  # fmt: skip
    meetings.set_attendance(office, meeting, {ana.id: "present"})
    draft = fund.create_proposal(office, {"title": "Playground", "summary": "For children"}).id
    fund.add_budget_line(office, draft, LINE)
    fill_sections(office, draft)
    import_bundle(laptop, export_bundle(office, laptop.installation_id, folder / "1.hubdesk").path)
    actions.create_action_item(laptop, {"meeting_id": meeting, "title": "Call the school"})
    fund.add_budget_line(laptop, draft, {**LINE, "description": "Swings"})
    meetings.delete_meeting(office, meeting)
    fund.transition(office, draft, "submitted")
    return meeting, export_bundle(laptop, office.installation_id, folder / "2.hubdesk").path


def notes_seen(
    qtbot: QtBot,
    ctx: ServiceContext,
    bundle: Path,
    monkeypatch: pytest.MonkeyPatch,
    with_modal: Any,
) -> list[str]:
    """Import ``bundle`` through the Sync page's button; the lines its preview showed."""
    page = make_page(qtbot, ctx)
    seen: dict[str, list[str]] = {}

    def read_and_import(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreview)
        qtbot.waitExposed(dialog)
        notes = dialog.findChild(QLabel, "importNotes")
        assert notes is not None and notes.isVisible()
        seen["notes"] = shown_lines(notes)
        click(qtbot, dialog.accept_button)

    with_modal(lambda: import_through_the_button(qtbot, page, monkeypatch, bundle), read_and_import)
    return seen["notes"]


def test_the_preview_shows_the_meeting_that_comes_back_and_the_line_removed(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop_db = open_database(tmp_path / "laptop")
    try:
        laptop = peers.init_field_from_profile(
            laptop_db, tmp_path / "laptop", profile_of(ctx, tmp_path / "k.json"), name="Laptop"
        )
        peers.enrol(ctx, profile.read_profile(profile_of(laptop, tmp_path / "l.json")))
        meeting, bundle = laptops_bundle(ctx, laptop, tmp_path)
        lines = notes_seen(qtbot, ctx, bundle, monkeypatch, with_modal)
    finally:
        laptop_db.close()
    assert lines[0] == (
        "1 meeting deleted on this PC comes back: it was changed on another PC meanwhile."
    )
    assert lines[1].startswith("• Meeting of CAT Kumanovo, ")
    assert lines[1].endswith(": 1 record deleted with it comes back too.")
    assert lines[2] == (
        "1 budget line added on another PC to a proposal submitted meanwhile will be removed"
        " (Playground)."
    )
    assert not meetings.get_meeting(ctx, meeting).deleted  # and the import did as it said


def test_the_preview_names_the_proposal_that_comes_back(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The office deletes a draft while its laptop changes a budget line of it: the preview
    of the laptop's file names the proposal by its reference and title, as the Conflicts tab
    will, and the import brings it back."""
    from proposal_filling import fill_sections

    laptop_db = open_database(tmp_path / "laptop")
    try:
        laptop = peers.init_field_from_profile(
            laptop_db, tmp_path / "laptop", profile_of(ctx, tmp_path / "k.json"), name="Laptop"
        )
        peers.enrol(ctx, profile.read_profile(profile_of(laptop, tmp_path / "l.json")))
        draft = fund.create_proposal(ctx, {"title": "Playground", "summary": "For children"})
        fund.add_budget_line(ctx, draft.id, LINE)
        fill_sections(ctx, draft.id)
        sent = export_bundle(ctx, laptop.installation_id, tmp_path / "1.hubdesk").path
        import_bundle(laptop, sent)
        [line] = fund.list_budget_lines(laptop, draft.id)
        fund.update_budget_line(laptop, line.id, {"quantity": 2})
        fund.delete_proposal(ctx, draft.id)
        bundle = export_bundle(laptop, ctx.installation_id, tmp_path / "2.hubdesk").path

        lines = notes_seen(qtbot, ctx, bundle, monkeypatch, with_modal)
    finally:
        laptop_db.close()
    assert lines == [
        "1 fund proposal deleted on this PC comes back: it was changed on another PC meanwhile.",
        f"• Proposal {draft.reference}, Playground: 2 records deleted with it come back too.",
    ]
    assert not fund.get_proposal(ctx, draft.id).deleted  # and the import did as it said
