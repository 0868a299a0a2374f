"""Help ▸ About: version, data folder with 'Open data folder', licences of what HubDesk ships."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui import choose_row, click
from PySide6.QtCore import QUrl

import hubdesk
from hubdesk import i18n
from hubdesk.ui import about
from hubdesk.ui.about import AboutDialog
from hubdesk.ui.path_text import copied

SHIPPED = (
    "HubDesk",
    "Python",
    "Qt / PySide6",
    "DejaVu fonts",
    "SQLAlchemy",
    "Alembic",
    "ReportLab",
    "Babel",
    "cryptography",
    "pyrage",
    "platformdirs",
)


@pytest.fixture
def dialog(qtbot, data_dir: Path) -> AboutDialog:  # type: ignore[no-untyped-def]
    widget = AboutDialog(data_dir)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_shows_version_and_data_folder(dialog: AboutDialog, data_dir: Path) -> None:
    assert dialog.title.text() == f"HubDesk {hubdesk.__version__}"
    assert copied(dialog.folder.text()) == str(data_dir)
    assert dialog.windowTitle() == "About HubDesk"
    assert dialog.open_button.text() == "Open data folder"


def test_lists_every_shipped_component_with_its_licence_text(dialog: AboutDialog) -> None:
    names = [item.name for item in dialog.items]
    for name in SHIPPED:
        assert name in names
    by_name = {item.name: item for item in dialog.items}
    assert by_name["Qt / PySide6"].licence == "LGPL-3.0-only"
    assert by_name["SQLAlchemy"].licence == "MIT"
    assert "BSD" in by_name["ReportLab"].licence and "BSD" in by_name["Babel"].licence
    assert "Apache-2.0" in by_name["cryptography"].licence
    for name in SHIPPED:  # the text itself, read from the files that ship
        assert by_name[name].texts, f"no licence text for {name}"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in by_name["Qt / PySide6"].texts[0][1]
    assert "Bitstream" in by_name["DejaVu fonts"].texts[0][1]


def test_selecting_a_component_shows_its_licence(dialog: AboutDialog) -> None:
    row = [item.name for item in dialog.items].index("SQLAlchemy")
    choose_row(dialog.list, row)
    text = dialog.text.toPlainText()
    assert text.startswith(dialog.items[row].heading())
    assert "Permission is hereby granted" in text  # the MIT text from SQLAlchemy's dist-info


def test_open_data_folder_asks_the_system_file_manager(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: AboutDialog,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    click(qtbot, dialog.open_button)
    assert [url.toLocalFile() for url in opened] == [str(data_dir)]
    assert dialog.status.text() == ""


def test_open_data_folder_says_so_when_it_cannot(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: AboutDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: False)
    click(qtbot, dialog.open_button)
    assert str(dialog.data_dir) in copied(dialog.status.text())
    assert "open it yourself" in dialog.status.text()


def test_a_missing_data_folder_is_reported_not_opened(
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(about.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    widget = AboutDialog(tmp_path / "nowhere")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    click(qtbot, widget.open_button)
    assert opened == []
    assert "does not exist yet" in widget.status.text()


def test_every_label_goes_through_the_translation_function(dialog: AboutDialog) -> None:
    with i18n.language("pseudo"):
        dialog.retranslate()
        texts = [
            dialog.windowTitle(),
            dialog.open_button.text(),
            dialog.folder_caption.text(),
            dialog.licences_caption.text(),
            dialog.summary.text(),
        ]
    for text in texts:
        assert text.startswith("["), text  # pseudo-translated
    dialog.retranslate()
    assert dialog.open_button.text() == "Open data folder"
