"""A field laptop set up from the wrong municipality's profile, switched on the Sync page (its
own municipality's profile added): before, the wrong municipality stayed a partner the laptop
would send its records to and take files from. Now the question says the laptop leaves it, and
it does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import click
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from test_sync_guide import connect_button, make_page, system_dialog

from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile
from hubdesk.ui import dialogs, sync_connect
from hubdesk.ui.pages import sync as sync_page
from hubdesk.ui.sync_connect import ConnectDialog

# HubDesk's own question, before the autouse fixture answers it without a person
REAL_CONFIRM = dialogs.confirm


def profile_of(ctx: ServiceContext, path: Path) -> Path:
    keys.ensure_keys(ctx.data_dir)  # type: ignore[arg-type]
    return profile.export_profile(ctx, keys.load_keys(ctx.data_dir), path)  # type: ignore[arg-type]


def test_the_wrong_municipality_is_left_when_the_laptop_switches(
    qtbot: QtBot,
    ctx: ServiceContext,
    answers: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kumanovo_file = profile_of(ctx, tmp_path / "kumanovo.json")
    elbasan_db = open_database(tmp_path / "elbasan")
    laptop_db = open_database(tmp_path / "laptop")
    try:
        elbasan = initialise(elbasan_db, role="municipality", name="Elbasan", country="AL")
        elbasan.data_dir = tmp_path / "elbasan"
        laptop = peers.init_field_from_profile(
            laptop_db, tmp_path / "laptop", profile_of(elbasan, tmp_path / "e.json"), name="L"
        )
        page = make_page(qtbot, laptop)
        assert not connect_button(page).isVisible()  # connected (to the wrong one)
        click(qtbot, page.details_button)
        system_dialog(monkeypatch, sync_page, "getOpenFileName", (str(kumanovo_file), ""))
        click(qtbot, page.add_peer_button)
        [question] = answers.asked
        assert "record for this municipality" in question
        assert "no longer exchange files with 'Elbasan'" in question
        # the fingerprint compared by phone ends its paragraph; what follows is not read with it
        compared, then = question.split("\n\n")
        fingerprint = profile.read_profile(kumanovo_file).fingerprint
        assert compared.endswith(fingerprint.replace(" ", "\u00a0"))
        assert then.startswith("This field laptop will then record for this municipality.")
        assert [p.name for p in peers.list_peers(laptop)] == ["Kumanovo"]
        assert laptop.municipality_id == ctx.municipality_id
    finally:
        laptop_db.close()
        elbasan_db.close()


def test_the_compare_step_shows_every_line_whole(
    qtbot: QtBot,
    ctx: ServiceContext,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dialog is sized for its first step; at the third, the fingerprints and what the
    laptop will do were drawn over each other in a dialog that did not grow."""
    kumanovo_file = profile_of(ctx, tmp_path / "kumanovo.json")
    laptop_db = open_database(tmp_path / "laptop")
    try:
        laptop = initialise(laptop_db, role="field", name="Laptop", country="MK")
        laptop.data_dir = tmp_path / "laptop"
        page = make_page(qtbot, laptop)
        cut: list[str] = []

        def steps(dialog: QWidget) -> None:
            assert isinstance(dialog, ConnectDialog)
            qtbot.waitExposed(dialog)
            click(qtbot, dialog.next_button)
            system_dialog(monkeypatch, sync_connect, "getOpenFileName", (str(kumanovo_file), ""))
            click(qtbot, dialog.open_button)
            click(qtbot, dialog.next_button)
            assert dialog.adopt_label.isVisible()
            QApplication.processEvents()
            for label in dialog.stack.currentWidget().findChildren(QLabel):
                if label.isVisible() and label.height() < label.heightForWidth(label.width()):
                    cut.append(label.text())
            click(qtbot, dialog.close_button)

        with_modal(lambda: click(qtbot, connect_button(page)), steps)
        assert cut == []
    finally:
        laptop_db.close()


def shown_lines(label: QLabel) -> list[str]:
    """The lines ``label`` draws its word-wrapped text in, at its width."""
    from PySide6.QtGui import QTextLayout, QTextOption

    lines: list[str] = []
    for paragraph in label.text().split("\n"):
        layout = QTextLayout(paragraph, label.font())
        layout.setTextOption(QTextOption(label.alignment()))
        option = layout.textOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(label.contentsRect().width())
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
    return lines


def test_the_fingerprint_asked_about_is_never_split_over_two_lines(
    qtbot: QtBot,
    ctx: ServiceContext,
    with_modal: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In Albanian the question's first paragraph ended in a fingerprint broken after its
    first group, to be read out by phone across two lines."""
    from PySide6.QtWidgets import QMessageBox

    from hubdesk import i18n

    monkeypatch.setattr(dialogs, "confirm", REAL_CONFIRM)  # the box a person reads
    kumanovo_file = profile_of(ctx, tmp_path / "kumanovo.json")
    groups = profile.read_profile(kumanovo_file).fingerprint.split()
    laptop_db = open_database(tmp_path / "laptop")
    lines: list[str] = []
    try:
        laptop = initialise(laptop_db, role="field", name="Laptop", country="MK")
        laptop.data_dir = tmp_path / "laptop"
        with i18n.language("sq"):
            page = make_page(qtbot, laptop)
            click(qtbot, page.details_button)
            system_dialog(monkeypatch, sync_page, "getOpenFileName", (str(kumanovo_file), ""))

            def read_and_refuse(box: QWidget) -> None:
                assert isinstance(box, QMessageBox)
                qtbot.waitExposed(box)
                QApplication.processEvents()
                label = box.findChild(QLabel, "qt_msgbox_label")
                assert label is not None and label.isVisible()
                lines.extend(shown_lines(label))
                click(qtbot, box.escapeButton())

            with_modal(lambda: click(qtbot, page.add_peer_button), read_and_refuse)
    finally:
        laptop_db.close()
    holding = [line for line in lines if any(group in line for group in groups)]
    assert len(holding) == 1, lines
    assert "\u00a0".join(groups) in holding[0]
    assert peers.list_peers(laptop) == []  # refused: nothing added
