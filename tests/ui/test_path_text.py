"""A Windows path in a message stays whole after its drive letter, and copies as typed.

Before, a message that opened with a long path (a backup on the office PC) showed "C:" alone
on its first line, the path on the next: Qt's line breaking allows a break after the colon.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gui import click, press_key
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from shown_text import line_texts, widest_line

from hubdesk.app import application
from hubdesk.ui import dialogs
from hubdesk.ui.about import AboutDialog
from hubdesk.ui.path_text import JOINER, copied, whole_paths

BACKUP = r"C:\Users\Administrator\AppData\Roaming\HubDesk\backups\2026-12-05_180000-daily"
# HubDesk's own message box, before the autouse fixture answers it without a person
SHOW_ERROR = dialogs.show_error
TEXTS = [
    f"{BACKUP} is damaged and cannot be restored (its header is not valid).",
    "Saved as D:/stick/kumanovo.json. Send this file now.",
    r"Kept in \\server\share\HubDesk and in c:\data; a ratio of 3:2, http://example.org",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_joiner_only_after_a_drives_colon_and_copied_away(text: str) -> None:
    shown = whole_paths(text)
    assert copied(shown) == text and whole_paths(shown) == shown
    drives = [i for i in range(1, len(text)) if text[i] == ":" and text[i + 1 : i + 2] in "\\/"]
    drives = [i for i in drives if text[i - 1].isalpha() and not text[i - 2 : i - 1].isalnum()]
    assert shown.count(JOINER) == len(drives)


LONG = (
    r"C:\Users\Administrator\AppData\Roaming\HubDesk\backups\previousinstallation2026"
    r"1205180000\AVeryLongFolderNameWithoutAnyBreaksAtAll\hubdesk.sqlite is damaged."
)


@pytest.mark.parametrize("text", [TEXTS[0], LONG])
def test_a_message_that_opens_with_a_path_does_not_break_after_the_drive(
    qtbot: QtBot, with_modal: Any, text: str
) -> None:
    """Nor is a path with no space or hyphen in it cut off at the box's edge: it wraps after
    a folder's name, and every character of it is shown."""
    seen: list[list[str]] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        qtbot.waitExposed(box)
        QApplication.processEvents()
        label = box.findChild(QLabel, "qt_msgbox_label")
        assert label is not None and label.isVisible()
        seen.append(line_texts(label))
        assert widest_line(label) <= label.contentsRect().width()
        [ok] = [b for b in box.buttons() if b.text() == "OK"]
        click(qtbot, ok)

    with_modal(lambda: SHOW_ERROR(None, "Not restored", text), read_and_close)
    [lines] = seen
    assert copied(lines[0]).startswith(r"C:\Users"), lines
    assert copied("".join(lines)) == text


def test_a_path_copied_from_the_window_is_the_path(qtbot: QtBot, tmp_path: Path) -> None:
    """The About window's data folder, selected and copied as a person does (Ctrl+A, Ctrl+C):
    the clipboard holds the path Explorer takes, without the joiner the window draws with."""
    application()  # as HubDesk starts: the clipboard is guarded
    folder = Path(r"C:\Users\Administrator\AppData\Roaming\HubDesk")
    about = AboutDialog(folder)
    qtbot.addWidget(about)
    about.show()
    qtbot.waitExposed(about)
    assert JOINER in about.folder.text()
    ctrl = Qt.KeyboardModifier.ControlModifier
    press_key(qtbot, about.folder, Qt.Key.Key_A, ctrl)
    press_key(qtbot, about.folder, Qt.Key.Key_C, ctrl)
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == str(folder), timeout=2000)
