"""HubDesk's translation of Qt's strings: complete, well-formed, compiled, and shown by Qt.

The file dialog is the case people met: "Look in / File name / Files of type" in English inside a
Macedonian or Albanian window.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QTimer, QTranslator
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.i18n import LANGUAGES
from hubdesk.ui.qt_translations import apply_qt_language, hubdesk_catalog_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import qt_catalog  # noqa: E402

TRANSLATED = [code for code in LANGUAGES if code != "en"]
# Qt asks for these too, but they stay as Qt wrote them: key names as printed on the keyboard,
# shortcuts Qt parses back ("Alt+Left"), the layout direction and the progress bar's "%p%".
NOT_TRANSLATED_CONTEXTS = {"QShortcut", "QGuiApplication", "QProgressBar"}
NOT_TRANSLATED = {("QFileDialog", text, "") for text in ("Alt+Left", "Alt+Right", "Alt+Up")}


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    i18n.set_language("en")
    apply_qt_language("en")


def template() -> list[qt_catalog.QtMessage]:
    return qt_catalog.read_ts(qt_catalog.ts_path("template"))[1]


def marks(text: str) -> tuple[object, ...]:
    """What a translation must keep of its source: placeholders, tags, line breaks, one "&"
    accelerator, a trailing space (Qt appends a column name), the file pattern."""
    accelerators = len(re.findall(r"&(?!&)", text))
    return (
        sorted(re.findall(r"%\d", text)),
        re.findall(r"</?\w+>", text),
        text.count("\n"),
        accelerators,
        text.endswith(" "),
        "(*)" in text,
        text.startswith("< "),
        text.endswith(" >"),
    )


def test_hubdesk_translates_every_qt_string_for_every_language() -> None:
    assert qt_catalog.languages() == sorted(TRANSLATED)
    expected = {m.key: m for m in template()}
    for code in TRANSLATED:
        language, messages = qt_catalog.read_ts(qt_catalog.ts_path(code))
        assert language == code
        found = {m.key: m for m in messages}
        assert found.keys() == expected.keys(), code
        for key, message in found.items():
            assert message.translation.strip(), (code, key)
            assert marks(message.translation) == marks(message.source), (code, key)


def test_sr_cyrl_is_the_transliteration_of_sr_latn() -> None:
    from hubdesk.i18n.translit import to_cyrillic

    latin = {m.key: m.translation for m in qt_catalog.read_ts(qt_catalog.ts_path("sr_Latn"))[1]}
    cyrillic = {m.key: m.translation for m in qt_catalog.read_ts(qt_catalog.ts_path("sr_Cyrl"))[1]}
    assert cyrillic == {key: to_cyrillic(text) for key, text in latin.items()}


def test_the_qm_writer_is_read_by_qt(qapp: Any, tmp_path: Path) -> None:
    messages = [
        qt_catalog.QtMessage("QFileDialog", "&Look in:", "", "&Погледни во:"),
        qt_catalog.QtMessage("QFileSystemModel", "Type", "All other platforms", "Вид"),
        qt_catalog.QtMessage("QLineEdit", "&Copy", "", ""),  # untranslated: left out
    ]
    path = tmp_path / "x.qm"
    path.write_bytes(qt_catalog.qm_bytes("mk", messages))
    translator = QTranslator()
    assert translator.load(str(path))
    assert translator.language() == "mk"
    assert translator.translate("QFileDialog", "&Look in:") == "&Погледни во:"
    assert translator.translate("QFileSystemModel", "Type", "All other platforms") == "Вид"
    assert translator.translate("QFileSystemModel", "Type") == ""  # the disambiguation counts
    assert translator.translate("QLineEdit", "&Copy") == ""
    assert translator.translate("QWizard", "&Look in:") == ""  # so does the context


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_built_catalog_has_every_translation(qapp: Any, code: str) -> None:
    path = hubdesk_catalog_file(code)
    assert path is not None, "run tools/i18n.py compile (installing does it too)"
    translator = QTranslator()
    assert translator.load(str(path))
    for message in qt_catalog.read_ts(qt_catalog.ts_path(code))[1]:
        got = translator.translate(message.context, message.source, message.comment or None)
        assert got == message.translation, (code, message.key)


class Recorder(QTranslator):
    """Notes every string Qt asks a translator for, and translates none."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str, str]] = set()

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        self.asked.add((context, source, disambiguation or ""))
        return ""

    def isEmpty(self) -> bool:
        return False


def test_the_catalog_covers_what_hubdesks_dialogs_and_menus_ask_qt_for(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Open what HubDesk shows of Qt (file dialogs, context menus, a message box's buttons)
    in English with a recording translator: everything asked for is in the template."""
    recorder = Recorder()
    QCoreApplication.installTranslator(recorder)
    try:
        for mode, accept in (
            (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
            (QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
            (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
        ):
            dialog = QFileDialog(None, "x", str(tmp_path))
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
            dialog.setFileMode(mode)
            dialog.setAcceptMode(accept)
            qtbot.addWidget(dialog)
            dialog.show()
            QApplication.processEvents()
            dialog.hide()
        QLineEdit().createStandardContextMenu()
        QPlainTextEdit().createStandardContextMenu()
        QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Close
        )
    finally:
        QCoreApplication.removeTranslator(recorder)
    known = {m.key for m in template()}
    asked = {
        key
        for key in recorder.asked
        if key[0] not in NOT_TRANSLATED_CONTEXTS and key not in NOT_TRANSLATED
    }
    assert len(asked) > 40
    assert asked - known == set()


def file_dialog(qtbot: QtBot, folder: Path) -> QFileDialog:
    """Opened as HubDesk opens "Make PDF": a save dialog with one file type."""
    dialog = QFileDialog(None, "PDF", str(folder), "PDF (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def labels(dialog: QFileDialog) -> dict[str, str]:
    texts = {
        name: label.text()
        for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel")
        if (label := dialog.findChild(QLabel, name)) is not None
    }
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    assert box is not None
    # Qt drops the save button's "&" when it retranslates an open dialog: compare without it.
    texts["buttons"] = " | ".join(b.text().replace("&", "") for b in box.buttons())
    return texts


def set_language(code: str) -> None:
    i18n.set_language(code)
    apply_qt_language(code)


def test_a_file_dialog_speaks_macedonian_and_albanian_and_switches(
    qtbot: QtBot, tmp_path: Path
) -> None:
    set_language("mk")
    dialog = file_dialog(qtbot, tmp_path)
    assert dialog.findChild(QWidget, "lookInLabel") is not None, "Qt's own dialog, not native"
    assert labels(dialog) == {
        "lookInLabel": "&Погледни во:",
        "fileNameLabel": "&Име на датотеката:",
        "fileTypeLabel": "&Вид датотеки:",
        "buttons": "Зачувај | Откажи",
    }
    set_language("sq")
    sq = {
        "lookInLabel": "&Shiko në:",
        "fileNameLabel": "&Emri i skedarit:",
        "fileTypeLabel": "&Lloji i skedarëve:",
        "buttons": "Ruaj | Anulo",
    }
    qtbot.waitUntil(lambda: labels(dialog) == sq)  # the open dialog follows the switch
    assert labels(file_dialog(qtbot, tmp_path)) == sq
    set_language("en")
    qtbot.waitUntil(lambda: labels(dialog)["lookInLabel"] == "&Look in:")


@pytest.mark.parametrize("code", ["mk", "sq"])
def test_context_menus_speak_the_language(qtbot: QtBot, code: str) -> None:
    set_language(code)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    actions = [a.text().split("\t")[0] for a in edit.createStandardContextMenu().actions()]
    english = ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"]
    assert not set(actions) & set(english)
    assert ("&Копирај" if code == "mk" else "&Kopjo") in actions


def test_spin_box_and_scroll_bar_menus_are_in_the_catalog(qtbot: QtBot) -> None:
    """Their menus open only on a right click; the recording translator sees them then."""
    recorder = Recorder()
    QCoreApplication.installTranslator(recorder)
    try:
        for widget in (QSpinBox(), QScrollBar()):
            qtbot.addWidget(widget)
            widget.show()
            qtbot.waitExposed(widget)

            def close_menu() -> None:
                popup = QApplication.activePopupWidget()
                if popup is not None:
                    popup.close()

            QTimer.singleShot(100, close_menu)
            event = QContextMenuEvent(
                QContextMenuEvent.Reason.Mouse, QPoint(2, 2), widget.mapToGlobal(QPoint(2, 2))
            )
            QApplication.sendEvent(widget, event)
    finally:
        QCoreApplication.removeTranslator(recorder)
    known = {m.key for m in template()}
    asked = {k for k in recorder.asked if k[0] in ("QAbstractSpinBox", "QScrollBar")}
    assert len(asked) >= 10
    assert asked - known == set()
