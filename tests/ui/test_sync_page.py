"""The Sync page: enrol a peer, see what leaves this PC, export, import with a preview, review a
conflict, and switch language, with real widgets and real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import choose, choose_row, click, open_tab
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from hubdesk import i18n
from hubdesk.domain import Installation, Municipality
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle
from hubdesk.ui.pages import sync as sync_page
from hubdesk.ui.pages.sync import ImportPreview, SyncPage


def make_page(qtbot: QtBot, ctx: ServiceContext) -> SyncPage:
    """The page with its expert view open, as a person opens it with "Details…"."""
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    assert not page.details.isVisible()  # the guided flow comes first
    click(qtbot, page.details_button)
    assert page.details.isVisible() and page.details_button.text() == "Hide details"
    return page


def answer_file_dialog(monkeypatch: pytest.MonkeyPatch, method: str, answer: Any) -> None:
    """The system's file dialog (a window of the desktop, not HubDesk's) picks ``answer``."""
    monkeypatch.setattr(sync_page.QFileDialog, method, lambda *_a, **_k: answer)


def import_through_the_button(
    qtbot: QtBot, page: SyncPage, monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    answer_file_dialog(monkeypatch, "getOpenFileNames", ([str(path)], ""))
    click(qtbot, page.import_button)


def profile_of(ctx: ServiceContext, folder: Path) -> Path:
    assert ctx.data_dir is not None
    return profile.export_profile(
        ctx, keys.ensure_keys(ctx.data_dir), folder / f"{ctx.installation_id}.json"
    )


def test_enrol_export_and_what_leaves(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    team.create_member(ctx, {"team_id": cat.id, "name": "Ana", "sector": "youth",
                             "role": "member", "gender": "female", "notes": "private"})  # fmt: skip
    page = make_page(qtbot, ctx)
    assert "fingerprint" in page.identity.text()
    assert not page.export_button.isEnabled()

    answer_file_dialog(monkeypatch, "getOpenFileName", (str(profile_of(hub_ctx, tmp_path)), ""))
    click(qtbot, page.add_peer_button)
    assert any("fingerprint" in text for text in answers.asked)
    assert page.peers.rowCount() == 1 and page.peer_combo.count() == 1
    text = page.outgoing.text()
    assert (
        "Team members: 1" in text and "Kept on this PC: Team members: E-mail, Notes, Phone" in text
    )

    out = tmp_path / "out"
    out.mkdir()
    answer_file_dialog(monkeypatch, "getExistingDirectory", str(out))
    click(qtbot, page.browse_button)
    assert page.folder_combo.currentText() == str(out)
    click(qtbot, page.export_button)
    [written] = out.iterdir()
    assert written.suffix == ".hubdesk"
    assert page.history.rowCount() == 1
    assert any("saved as" in told and str(written) in told for told in answers.told)


def test_import_with_preview_and_already_imported(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    peers.enrol(hub_ctx, profile.read_profile(profile_of(ctx, tmp_path)))
    peers.enrol(ctx, profile.read_profile(profile_of(hub_ctx, tmp_path)))
    team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    sent = export_bundle(ctx, hub_ctx.installation_id, tmp_path / "b.hubdesk")
    page = make_page(qtbot, hub_ctx)
    seen: dict[str, Any] = {}

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreview)
        seen["rows"] = dialog.table.rowCount()
        seen["enabled"] = dialog.accept_button.isEnabled()
        qtbot.waitExposed(dialog)
        click(qtbot, dialog.accept_button)

    with_modal(lambda: import_through_the_button(qtbot, page, monkeypatch, sent.path), accept)
    assert seen == {"rows": 2, "enabled": True}
    assert any("new: 2" in told for told in answers.told)
    assert page.history.rowCount() == 1 and "1 day" not in page.peers.item(0, 2).text()
    import_through_the_button(qtbot, page, monkeypatch, sent.path)
    assert "already imported" in answers.told[-1]


def test_a_refused_file_of_several_is_named_and_the_next_goes_in(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A whole USB stick chosen at once: this PC's own outgoing bundle is refused and named,
    and the partner's new bundle after it is still imported."""
    peers.enrol(hub_ctx, profile.read_profile(profile_of(ctx, tmp_path)))
    peers.enrol(ctx, profile.read_profile(profile_of(hub_ctx, tmp_path)))
    team.create_team(ctx, {"name": "CAT", "kind": "cat"})
    own = export_bundle(hub_ctx, ctx.installation_id, tmp_path / "a-1.hubdesk").path
    theirs = export_bundle(ctx, hub_ctx.installation_id, tmp_path / "b-2.hubdesk").path
    page = make_page(qtbot, hub_ctx)
    answer_file_dialog(monkeypatch, "getOpenFileNames", ([str(theirs), str(own)], ""))

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportPreview)
        qtbot.waitExposed(dialog)
        click(qtbot, dialog.accept_button)

    with_modal(lambda: click(qtbot, page.import_button), accept)
    assert answers.told[0].startswith("a-1.hubdesk was not imported: This bundle was made for")
    assert "new: 2" in answers.told[1]
    assert [t.name for t in team.list_teams(hub_ctx)] == ["CAT"]


def test_refused_file_is_one_message(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    page = make_page(qtbot, ctx)
    bogus = tmp_path / "x.hubdesk"
    bogus.write_bytes(b"not a bundle")
    import_through_the_button(qtbot, page, monkeypatch, bogus)
    assert answers.told == [
        "This file is not a HubDesk bundle: a bundle is the file HubDesk writes when it "
        "exports for a peer."
    ]


def test_conflict_side_by_side_and_keep_other(
    qtbot: QtBot, ctx: ServiceContext, answers: Any, tmp_path: Path
) -> None:
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
        cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
        import_bundle(laptop, export_bundle(ctx, laptop.installation_id, tmp_path / "1").path)
        team.update_team(ctx, cat.id, {"name": "CAT office"})
        team.update_team(laptop, cat.id, {"name": "CAT field"})
        import_bundle(ctx, export_bundle(laptop, ctx.installation_id, tmp_path / "2").path)
    finally:
        laptop_db.close()
    page = make_page(qtbot, ctx)
    assert page.conflicts.conflict_list.count() == 1
    open_tab(qtbot, page.tabs, page.tabs.indexOf(page.conflicts))
    assert not page.conflicts.keep_other_button.isEnabled()  # nothing chosen yet
    choose_row(page.conflicts.conflict_list, 0)
    versions = page.conflicts.versions
    cells = {versions.item(r, 0).text(): (versions.item(r, 1).text(),
             versions.item(r, 2).text()) for r in range(versions.rowCount())}  # fmt: skip
    loser = "CAT office" if team.get_team(ctx, cat.id).name == "CAT field" else "CAT field"
    assert cells["Name"][1] == loser
    click(qtbot, page.conflicts.keep_other_button)
    assert team.get_team(ctx, cat.id).name == loser
    assert page.conflicts.conflict_list.count() == 0
    # the empty tab says there is nothing to decide, rather than showing a blank table
    assert page.conflicts.what_happened.isVisible()
    assert page.conflicts.what_happened.text() == "No conflicts to review."


def test_retranslate(qtbot: QtBot, ctx: ServiceContext) -> None:
    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    page = make_page(qtbot, ctx)
    english = page.export_box.title()
    with i18n.language("mk"):
        page.retranslate()
        translated = page.export_box.title()
    page.retranslate()
    assert page.export_box.title() == english
    assert translated  # every label is set in the language of the moment


def test_a_renamed_bundle_can_be_chosen_and_imported(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An e-mail program saved the bundle as "….hubdesk.zip": the dialog offers every file
    (a bundles-only filter hid it), and the file goes in by what it holds."""
    peers.enrol(hub_ctx, profile.read_profile(profile_of(ctx, tmp_path)))
    peers.enrol(ctx, profile.read_profile(profile_of(hub_ctx, tmp_path)))
    sent = export_bundle(ctx, hub_ctx.installation_id, tmp_path / "b.hubdesk")
    renamed = sent.path.rename(tmp_path / "пакет Куманово.hubdesk.zip")
    page = make_page(qtbot, hub_ctx)
    filters: list[str] = []

    def dialog(*args: Any, **_k: Any) -> tuple[list[str], str]:
        filters.append(args[3])
        return [str(renamed)], ""

    monkeypatch.setattr(sync_page.QFileDialog, "getOpenFileNames", dialog)
    assert page.import_button.isVisible() and page.import_button.isEnabled()
    with_modal(
        lambda: click(qtbot, page.import_button),
        lambda shown: click(qtbot, shown.accept_button),  # type: ignore[attr-defined]
    )
    assert filters == ["HubDesk bundles (*.hubdesk);;All files (*)"]
    assert page.history.rowCount() == 1


def test_bundles_chosen_together_go_in_by_their_numbers(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """All of a stick's bundles picked at once come back from the dialog as the folder lists
    them, "…-10" before "…-9"; the newer went in first and the older was refused."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hubdesk.sync.export import default_file_name

    peers.enrol(hub_ctx, profile.read_profile(profile_of(ctx, tmp_path)))
    peers.enrol(ctx, profile.read_profile(profile_of(hub_ctx, tmp_path)))
    stick = tmp_path / "stick"
    stick.mkdir()
    hub_peer = peers.find_peer(ctx, hub_ctx.installation_id)
    for _ in range(10):
        export_bundle(ctx, hub_peer.id, stick / default_file_name(ctx, hub_peer))
        hub_peer = peers.find_peer(ctx, hub_ctx.installation_id)
    listed = sorted(str(p) for p in stick.iterdir())
    assert listed[1].endswith("-10.hubdesk")
    answer_file_dialog(monkeypatch, "getOpenFileNames", (listed, ""))
    page = make_page(qtbot, hub_ctx)
    accepted: list[int] = []

    def accept_previews() -> None:
        shown = QApplication.activeModalWidget()
        if isinstance(shown, ImportPreview) and shown.accept_button.isVisible():
            assert shown.accept_button.isEnabled()
            accepted.append(1)
            click(qtbot, shown.accept_button)
        if len(accepted) < 10:
            QTimer.singleShot(10, accept_previews)

    QTimer.singleShot(0, accept_previews)
    assert page.import_button.isVisible() and page.import_button.isEnabled()
    click(qtbot, page.import_button)
    assert len(accepted) == 10 and page.history.rowCount() == 10
    assert not any("older" in told for told in answers.told)


def test_the_hub_sends_every_partner_its_bundle_in_one_go(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hubdesk.services.installation import initialise
    from hubdesk.storage.open import open_database

    folder = tmp_path / "elbasan"
    folder.mkdir()
    db = open_database(folder)
    try:
        elbasan = initialise(db, role="municipality", name="Elbasan", country="AL")
        elbasan.data_dir = folder
        for city in (ctx, elbasan):
            peers.enrol(hub_ctx, profile.read_profile(profile_of(city, tmp_path)))
        page = make_page(qtbot, hub_ctx)
        choose(page.peer_combo, sync_page.EVERY)
        click(qtbot, page.export_button)  # the hub has no keys yet: said once, for all
        # on a server, a PC without the keys is sent to the hub's sync PC
        no_keys = "no sync keys" if hub_ctx.db.is_sqlite else "does not hold the hub's sync keys"
        assert answers.told[-1].count(no_keys) == 1
        keys.ensure_keys(hub_ctx.data_dir)  # type: ignore[arg-type]
        assert page.peer_combo.currentText() == "Every partner (a bundle each)"
        assert "Elbasan" in page.outgoing.text() and "Kumanovo" in page.outgoing.text()
        out = tmp_path / "out"
        out.mkdir()
        answer_file_dialog(monkeypatch, "getExistingDirectory", str(out))
        click(qtbot, page.browse_button)
        click(qtbot, page.export_button)
        assert len(list(out.iterdir())) == 2
        assert "'Elbasan'" in answers.told[-1] and "'Kumanovo'" in answers.told[-1]
        assert page.history.rowCount() == 2
    finally:
        db.close()


def test_the_enrolment_question_names_the_municipality_beside_the_installation(
    qtbot: QtBot,
    ctx: ServiceContext,
    hub_ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An installation's name is free text ("Kumanovo office"): the hub that enrols it is
    told which municipality its profile names, the town it will record for."""
    with ctx.transaction() as session:
        session.execute(update(Installation).values(name="Kumanovo office"))
        session.execute(update(Municipality).values(name_other_script="Куманово"))
    card = profile_of(ctx, tmp_path)
    assert profile.read_profile(card).shown_name("en") == "Kumanovo office (Kumanovo)"
    assert profile.read_profile(card).shown_name("mk") == "Kumanovo office (Куманово)"
    page = make_page(qtbot, hub_ctx)
    answer_file_dialog(monkeypatch, "getOpenFileName", (str(card), ""))
    click(qtbot, page.add_peer_button)
    [question] = [text for text in answers.asked if "fingerprint" in text]
    assert question.startswith("Add 'Kumanovo office (Kumanovo)' (Municipality)?"), question


def test_an_installation_named_after_its_municipality_is_named_once(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    with ctx.transaction() as session:
        session.execute(update(Municipality).values(name_other_script="Куманово"))
    card = profile.read_profile(profile_of(ctx, tmp_path))
    assert card.name == "Kumanovo"
    assert (card.shown_name("en"), card.shown_name("mk")) == ("Kumanovo", "Куманово")


def test_a_profile_not_saved_says_why_in_the_window_language(
    qtbot: QtBot, ctx: ServiceContext, answers: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A profile saved where it cannot be written (a folder taken away, no permission) is
    refused in the window's words, naming the file chosen, not a temporary one."""
    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    page = make_page(qtbot, ctx)
    chosen = tmp_path / "stick" / "hubdesk-profile.json"  # the stick was taken out
    answer_file_dialog(monkeypatch, "getSaveFileName", (str(chosen), ""))
    with i18n.language("mk"):
        page.retranslate()
        click(qtbot, page.profile_button)
        expected = i18n._("{path} could not be written: {reason}").format(
            path=chosen, reason=i18n._("No such file or directory")
        )
    page.retranslate()
    assert answers.told == [expected]
    assert "Errno" not in expected and "No such file" not in expected
    assert not chosen.parent.exists()
