"""Cancel in the progress of a bundle's preview stops it at once, and the Sync page says so.

A focal point who chose the wrong file presses Cancel while the preview works through it (at a
municipality it writes the rows in a session it rolls back, so it lasts about as long as the
import): the work stops at the end of the batch in hand, nothing is left behind, and the page
tells that the import was cancelled, not that something failed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from gui import click, usable
from neutral_dump import dump
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot
from test_import_wizard_cancel import press_cancel_when, wait_for_left_work
from test_sync_page import answer_file_dialog, import_through_the_button, make_page, profile_of

from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.storage.open import open_database
from hubdesk.sync import merge, passes, peers, profile
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle
from hubdesk.ui.pages.sync import ImportPreview

MEMBERS = 40


def laptops_bundles(office: ServiceContext, folder: Path) -> tuple[Path, Path]:
    """The field laptop's files to the office, in order: a team it set up, then the members
    it added to the office's team."""
    laptop_db = open_database(folder / "laptop")
    try:
        laptop = peers.init_field_from_profile(
            laptop_db, folder / "laptop", profile_of(office, folder), name="Laptop"
        )
        peers.enrol(office, profile.read_profile(profile_of(laptop, folder)))
        cat = team.create_team(office, {"name": "CAT Kumanovo", "kind": "cat"})
        import_bundle(
            laptop, export_bundle(office, laptop.installation_id, folder / "1.hubdesk").path
        )
        team.create_team(laptop, {"name": "Youth council", "kind": "cat"})
        first = export_bundle(laptop, office.installation_id, folder / "2.hubdesk").path
        member = {"team_id": cat.id, "sector": "youth", "role": "member", "gender": "other"}
        for index in range(MEMBERS):
            team.create_member(laptop, {**member, "name": f"Member {index}"})
        return first, export_bundle(laptop, office.installation_id, folder / "3.hubdesk").path
    finally:
        laptop_db.close()


def laptops_bundle(office: ServiceContext, folder: Path) -> Path:
    """The laptop's file with the members (its first file already imported)."""
    first, members = laptops_bundles(office, folder)
    import_bundle(office, first)
    return members


def test_cancel_in_the_preview_progress_stops_it_and_the_page_says_so(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bundle = laptops_bundle(ctx, tmp_path)
    monkeypatch.setattr(passes, "BATCH", 2)  # the bundle is many batches
    working, gate = threading.Event(), threading.Event()
    merged: list[str] = []
    real = merge.merge_table

    def batch(session: Any, table: str, *args: Any, **kwargs: Any) -> Any:
        merged.append(table)
        if table == "members":
            working.set()
            gate.wait(15)  # the preview is inside the members when Cancel is pressed
        return real(session, table, *args, **kwargs)

    monkeypatch.setattr(merge, "merge_table", batch)
    page = make_page(qtbot, ctx)
    before, history = dump(ctx.db), page.history.rowCount()
    failures = press_cancel_when(qtbot, "Reading 3.hubdesk", working.is_set, gate.set)
    import_through_the_button(qtbot, page, monkeypatch, bundle)
    assert not failures, failures
    assert answers.told == ["Import cancelled; nothing was changed."]  # not an error
    wait_for_left_work(qtbot)
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=15_000)
    # The worker stopped after the batch it was in: one batch of members, not the twenty.
    assert merged.count("members") == 1
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not [w for w in shown if isinstance(w, ImportPreview | QProgressDialog)]
    assert dump(ctx.db) == before and page.history.rowCount() == history
    assert ctx.data_dir is not None and not list((ctx.data_dir / "sync-temp").iterdir())
    usable(page.import_button)  # the page is back as it was: another file can be chosen


def test_cancel_while_the_bundle_is_imported_writes_nothing_and_says_so(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bundle = laptops_bundle(ctx, tmp_path)
    monkeypatch.setattr(passes, "BATCH", 2)
    importing, working, gate = threading.Event(), threading.Event(), threading.Event()
    merged: list[str] = []
    real = merge.merge_table

    def batch(session: Any, table: str, *args: Any, **kwargs: Any) -> Any:
        if importing.is_set():  # the preview goes through at its own pace
            merged.append(table)
            if table == "members":
                working.set()
                gate.wait(15)  # the import is writing the members when Cancel is pressed
        return real(session, table, *args, **kwargs)

    monkeypatch.setattr(merge, "merge_table", batch)
    page = make_page(qtbot, ctx)
    before, history = dump(ctx.db), page.history.rowCount()
    assert ctx.data_dir is not None
    backups = sorted((ctx.data_dir / "backups").glob("*"))
    seen: list[ImportPreview] = []

    def import_when_previewed() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportPreview)]
        if not (shown and shown[0].isVisible()):
            QTimer.singleShot(20, import_when_previewed)
            return
        seen.append(shown[0])
        importing.set()
        click(qtbot, shown[0].accept_button)

    QTimer.singleShot(0, import_when_previewed)
    failures = press_cancel_when(qtbot, "Importing 3.hubdesk", working.is_set, gate.set)
    import_through_the_button(qtbot, page, monkeypatch, bundle)
    assert seen and not failures, failures
    assert answers.told == ["Import cancelled; nothing was changed."]
    pool = QThreadPool.globalInstance()
    qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=15_000)
    assert merged.count("members") == 1  # stopped after the batch in hand
    assert dump(ctx.db) == before and page.history.rowCount() == history
    assert ctx.data_dir is not None and not list((ctx.data_dir / "sync-temp").iterdir())
    assert sorted((ctx.data_dir / "backups").glob("*")) == backups  # the new one removed
    usable(page.import_button)


def test_cancel_after_a_first_file_was_imported_says_which_were(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two files chosen together: the first is previewed and imported, Cancel is pressed
    while the second is previewed; the page says the first stays imported."""
    first, members = laptops_bundles(ctx, tmp_path)
    monkeypatch.setattr(passes, "BATCH", 2)
    working, gate = threading.Event(), threading.Event()
    real = merge.merge_table

    def batch(session: Any, table: str, *args: Any, **kwargs: Any) -> Any:
        if table == "members":  # only in the second file
            working.set()
            gate.wait(15)
        return real(session, table, *args, **kwargs)

    monkeypatch.setattr(merge, "merge_table", batch)
    page = make_page(qtbot, ctx)

    def import_when_previewed() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportPreview)]
        if not (shown and shown[0].isVisible()):
            QTimer.singleShot(20, import_when_previewed)
            return
        click(qtbot, shown[0].accept_button)

    QTimer.singleShot(0, import_when_previewed)
    failures = press_cancel_when(qtbot, "Reading 3.hubdesk", working.is_set, gate.set)
    answer_file_dialog(monkeypatch, "getOpenFileNames", ([str(members), str(first)], ""))
    click(qtbot, page.import_button)
    assert not failures, failures
    assert len(answers.told) == 2 and answers.told[0].startswith("Imported bundle")
    assert answers.told[1] == (
        "Import cancelled: 3.hubdesk and any file after it were not imported; the files "
        "before it were."
    )
    assert "Youth council" in {t.name for t in team.list_teams(ctx)}
    names = {m.name for m in team.list_members(ctx, team.MemberFilter(active=None))}
    assert not any(name.startswith("Member ") for name in names)
    assert page.history.rowCount() == 2  # the office's first bundle out, the laptop's in
