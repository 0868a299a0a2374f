"""The Sync page's guided flow, driven with shown controls only, between a municipality and its
hub in two data folders, by files: connect both ways, send, receive. The preview and the import
that follows open the bundle once; Cancel during the preview changes nothing."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from gui import click
from proposal_filling import fill_sections
from PySide6.QtWidgets import QDialog, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hubdesk.services import fund, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database
from hubdesk.sync import bundle, keys, peers, profile
from hubdesk.sync.export import export_bundle
from hubdesk.ui import sync_connect, sync_guide
from hubdesk.ui.pages import sync as sync_page
from hubdesk.ui.pages.sync import ImportPreview, SyncPage
from hubdesk.ui.path_text import copied
from hubdesk.ui.sync_connect import ConnectDialog


def make_page(qtbot: QtBot, ctx: ServiceContext) -> SyncPage:
    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def system_dialog(monkeypatch: pytest.MonkeyPatch, module: Any, method: str, answer: Any) -> None:
    """The system's file dialog (a window of the desktop, not HubDesk's) picks ``answer``."""
    monkeypatch.setattr(module.QFileDialog, method, lambda *_a, **_k: answer)


def connect_button(page: SyncPage, index: int = 0) -> QPushButton:
    return page.guide.connect_buttons[index][1]


@pytest.fixture
def decrypts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every decryption of a bundle file, counted."""
    calls: list[str] = []
    real = bundle.decrypt

    def counted(*args: Any, **kwargs: Any) -> bytes:
        calls.append("decrypt")
        return real(*args, **kwargs)

    monkeypatch.setattr(bundle, "decrypt", counted)
    return calls


def connect(
    qtbot: QtBot,
    page: SyncPage,
    with_modal: Any,
    monkeypatch: pytest.MonkeyPatch,
    save_to: Path | None,
    theirs: Path | None,
) -> dict[str, Any]:
    """Go through the connect steps: save this side's profile (when ``save_to``), open the
    other side's (when ``theirs``) and say the fingerprints match; what the dialog showed."""
    seen: dict[str, Any] = {}

    def steps(dialog: QWidget) -> None:
        assert isinstance(dialog, ConnectDialog)
        qtbot.waitExposed(dialog)
        seen["title"] = dialog.windowTitle()
        if save_to is not None:
            system_dialog(monkeypatch, sync_connect, "getSaveFileName", (str(save_to), ""))
            click(qtbot, dialog.save_button)
            assert save_to.exists() and str(save_to) in copied(dialog.saved_label.text())
        if theirs is None:
            click(qtbot, dialog.close_button)  # theirs has not arrived yet
            return
        click(qtbot, dialog.next_button)
        assert not dialog.next_button.isEnabled()  # their file first
        system_dialog(monkeypatch, sync_connect, "getOpenFileName", (str(theirs), ""))
        click(qtbot, dialog.open_button)
        seen["opened"] = dialog.opened_label.text()
        click(qtbot, dialog.next_button)
        seen["theirs"] = dialog.theirs.text()
        seen["hub"] = dialog.hub_fingerprint.text() if dialog.hub_fingerprint.isVisible() else ""
        click(qtbot, dialog.match_button)
        seen["done"] = dialog.done_label.text()
        click(qtbot, dialog.close_button)

    with_modal(lambda: click(qtbot, connect_button(page)), steps)
    return seen


def fingerprint(ctx: ServiceContext) -> list[str]:
    return keys.load_keys(ctx.data_dir).public.fingerprint.split()  # type: ignore[arg-type]


def test_connect_send_and_receive_by_files(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    decrypts: list[str],
) -> None:
    town, hub = make_page(qtbot, ctx), make_page(qtbot, hub_ctx)
    assert "not connected to the hub" in town.guide.status.text()
    assert connect_button(town).text() == "Connect to your hub…"
    assert connect_button(town, 1).text() == "Connect to your field laptop…"
    assert connect_button(hub).text() == "Connect a municipality…"
    assert not town.guide.send_button.isVisible() and not town.details.isVisible()

    # The hub saves its profile file and sends it; the municipality's has not come yet.
    hub_file, town_file = tmp_path / "hub.json", tmp_path / "kumanovo.json"
    connect(qtbot, hub, with_modal, monkeypatch, hub_file, None)
    # The municipality saves and sends its own, opens the hub's and compares by phone.
    seen = connect(qtbot, town, with_modal, monkeypatch, town_file, hub_file)
    assert seen["title"] == "Connect to your hub"
    assert seen["opened"] == "This is the profile of 'Regional hub'."  # its role said once
    assert seen["theirs"].split() == fingerprint(hub_ctx)
    assert "now trusts 'Regional hub'" in seen["done"]
    assert town.guide.status.text() == "Connected to the hub 'Regional hub'."
    # The hub, its profile sent already, opens the municipality's.
    seen = connect(qtbot, hub, with_modal, monkeypatch, None, town_file)
    assert seen["theirs"].split() == fingerprint(ctx)
    assert hub.guide.status.text() == "Connected to 'Kumanovo'."

    # The focal point records and submits a proposal: what waits to go, what stays here.
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    team.create_member(ctx, {"team_id": cat.id, "name": "Ana", "sector": "youth",
                             "role": "member", "gender": "female", "notes": "private"})  # fmt: skip
    proposal = fund.create_proposal(ctx, {"title": "Youth corner", "summary": "A place"})
    fund.add_budget_line(ctx, proposal.id, {"category": "equipment", "description": "Chairs",
                                            "quantity": 4, "unit_cost_minor": 250000})  # fmt: skip
    fill_sections(ctx, proposal.id)
    fund.transition(ctx, proposal.id, "submitted")
    town.refresh()
    pending = town.guide.pending.text()
    assert "changes wait to be sent to the hub" in pending
    assert "Kept on this PC: Team members: E-mail, Notes, Phone" in pending
    assert town.guide.waiting.text() == "1 submitted proposal waits to be sent to the hub."

    # Send to the hub: one file, where the person chose.
    sent = tmp_path / "to-hub.hubdesk"
    system_dialog(monkeypatch, sync_guide, "getSaveFileName", (str(sent), ""))
    assert town.guide.send_button.text() == "Send to the hub…"
    click(qtbot, town.guide.send_button)
    assert sent.exists() and any(str(sent) in told for told in answers.told)
    assert "has not confirmed your last file yet" in town.guide.pending.text()

    # The hub receives it: preview, then Import, decrypting the file once.
    system_dialog(monkeypatch, sync_page, "getOpenFileNames", ([str(sent)], ""))
    previewed: dict[str, Any] = {}

    def import_it(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreview)
        qtbot.waitExposed(dialog)
        previewed["text"] = dialog.findChild(type(hub.guide.status)).text()
        click(qtbot, dialog.accept_button)

    with_modal(lambda: click(qtbot, hub.guide.receive_button), import_it)
    assert "would bring" in previewed["text"]
    assert decrypts == ["decrypt"]
    assert [t.name for t in team.list_teams(hub_ctx)] == ["CAT"]
    assert any(told.startswith("Imported bundle 1") for told in answers.told)

    # The hub sends its receipt back; the municipality receives it, and nothing waits any more.
    back = tmp_path / "to-kumanovo.hubdesk"
    system_dialog(monkeypatch, sync_guide, "getSaveFileName", (str(back), ""))
    click(qtbot, hub.guide.send_button)
    system_dialog(monkeypatch, sync_page, "getOpenFileNames", ([str(back)], ""))
    assert town.guide.receive_button.text() == "Receive from the hub…"
    with_modal(
        lambda: click(qtbot, town.guide.receive_button),
        lambda dialog: click(qtbot, dialog.accept_button),  # type: ignore[attr-defined]
    )
    assert decrypts == ["decrypt", "decrypt"]
    assert town.guide.pending.text() == "Nothing new waits to be sent."
    assert not town.guide.waiting.isVisible()


def test_fingerprints_that_do_not_match_trust_nothing(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys.ensure_keys(hub_ctx.data_dir)  # type: ignore[arg-type]
    hub_file = profile.export_profile(
        hub_ctx,
        keys.load_keys(hub_ctx.data_dir),
        tmp_path / "hub.json",  # type: ignore[arg-type]
    )
    town = make_page(qtbot, ctx)
    told: dict[str, str] = {}

    def refuse(dialog: QWidget) -> None:
        assert isinstance(dialog, ConnectDialog)
        qtbot.waitExposed(dialog)
        click(qtbot, dialog.next_button)
        system_dialog(monkeypatch, sync_connect, "getOpenFileName", (str(hub_file), ""))
        click(qtbot, dialog.open_button)
        click(qtbot, dialog.next_button)
        click(qtbot, dialog.mismatch_button)
        told["text"] = dialog.problem_label.text()
        assert not dialog.next_button.isEnabled()  # back at step 2, nothing to go on with
        click(qtbot, dialog.close_button)

    with_modal(lambda: click(qtbot, connect_button(town)), refuse)
    assert "Nothing was trusted" in told["text"]
    assert peers.list_peers(ctx) == []
    assert "not connected to the hub" in town.guide.status.text()


def test_a_damaged_profile_is_one_clear_message(
    qtbot: QtBot, ctx: ServiceContext, with_modal: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    bogus = tmp_path / "profile.json"
    bogus.write_text("{}", encoding="utf-8")
    town = make_page(qtbot, ctx)
    told: dict[str, Any] = {}

    def open_bogus(dialog: QWidget) -> None:
        assert isinstance(dialog, ConnectDialog)
        click(qtbot, dialog.next_button)
        system_dialog(monkeypatch, sync_connect, "getOpenFileName", (str(bogus), ""))
        click(qtbot, dialog.open_button)
        told["text"], told["next"] = dialog.problem_label.text(), dialog.next_button.isEnabled()
        click(qtbot, dialog.close_button)

    with_modal(lambda: click(qtbot, connect_button(town)), open_bogus)
    assert told == {"text": "This file is not a HubDesk profile.", "next": False}
    assert peers.list_peers(ctx) == []


def test_field_laptop_compares_the_hubs_fingerprint_too(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for side in (ctx, hub_ctx):
        keys.ensure_keys(side.data_dir)  # type: ignore[arg-type]
    hub_file = profile.export_profile(hub_ctx, keys.load_keys(hub_ctx.data_dir), tmp_path / "h")  # type: ignore[arg-type]
    peers.enrol(ctx, profile.read_profile(hub_file))
    town_file = profile.export_profile(ctx, keys.load_keys(ctx.data_dir), tmp_path / "t")  # type: ignore[arg-type]
    folder = tmp_path / "laptop"
    laptop_db = open_database(folder)
    try:
        laptop = initialise(laptop_db, role="field", name="Laptop", country="MK")
        laptop.data_dir = folder
        page = make_page(qtbot, laptop)
        assert connect_button(page).text() == "Connect to your municipality…"
        seen = connect(qtbot, page, with_modal, monkeypatch, tmp_path / "laptop.json", town_file)
        assert seen["theirs"].split() == fingerprint(ctx)
        assert seen["hub"].split() == fingerprint(hub_ctx)
        assert page.guide.status.text() == "Connected to 'Kumanovo'."
    finally:
        laptop_db.close()


def test_cancel_while_reading_a_bundle_changes_nothing(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for side in (ctx, hub_ctx):
        keys.ensure_keys(side.data_dir)  # type: ignore[arg-type]
    peers.enrol(hub_ctx, profile.read_profile(profile.export_profile(
        ctx, keys.load_keys(ctx.data_dir), tmp_path / "t")))  # type: ignore[arg-type]  # fmt: skip
    peers.enrol(ctx, profile.read_profile(profile.export_profile(
        hub_ctx, keys.load_keys(hub_ctx.data_dir), tmp_path / "h")))  # type: ignore[arg-type]  # fmt: skip
    team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    sent = export_bundle(ctx, hub_ctx.installation_id, tmp_path / "b.hubdesk")
    real = sync_page.prepare_import

    def slow(c: ServiceContext, path: Path, progress: Any = None) -> Any:
        """A large bundle: reading takes long enough for a person to press Cancel."""
        deadline = time.monotonic() + 20
        while progress(0, 3) and time.monotonic() < deadline:
            time.sleep(0.02)
        return real(c, path, progress=progress)

    monkeypatch.setattr(sync_page, "prepare_import", slow)
    hub = make_page(qtbot, hub_ctx)
    system_dialog(monkeypatch, sync_page, "getOpenFileNames", ([str(sent.path)], ""))
    shown: list[QDialog] = []

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QProgressDialog)
        shown.append(dialog)
        [button] = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
        click(qtbot, button)

    with_modal(lambda: click(qtbot, hub.guide.receive_button), cancel)
    # No preview, no error: the person chose to stop, and is told it stopped.
    assert shown and answers.told == ["Import cancelled; nothing was changed."]
    assert team.list_teams(hub_ctx) == []
    assert hub.history.rowCount() == 0
