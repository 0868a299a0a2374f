"""At 1366×768, in every language, no label, button, check box, tab or column header is cut.

Each page of the window and each main editor is opened on the demo data, every visible text
widget is measured against the room it has. Word-wrapped labels are checked for height instead.
The Sync page is left out for now: its guided flow is being rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from gui import open_page, open_tab, press_key, show_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QStyle,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hubdesk import i18n
from hubdesk.services import fund, meetings, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import open_data_folder
from hubdesk.services.demo import build_demo
from hubdesk.services.installation import load_context
from hubdesk.services.listing import Page
from hubdesk.ui.qt_translations import apply_qt_language

SCREEN = (1366, 768)
SKIPPED_PAGES = {"sync"}  # being rebuilt as a guided flow; checked again once it lands
SLACK = 1  # pixels of rounding


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    data_dir: Path = tmp_path_factory.mktemp("demo")
    db = open_data_folder(data_dir)
    build_demo(db, seed=1, scale=1)
    try:
        yield load_context(db, data_dir)
    finally:
        db.close()


def _visible(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0


def clipped(top: QWidget) -> list[str]:
    """Texts in ``top`` that do not fit their widget, as "Class 'text' needs N px, has M"."""
    found: list[str] = []
    for label in top.findChildren(QLabel):
        text = label.text()
        if (
            not _visible(label, top)
            or not text.strip()
            or label.textFormat() == Qt.TextFormat.RichText
        ):
            continue
        if "<" in text and label.textFormat() != Qt.TextFormat.PlainText:  # rich text wraps
            continue
        room = label.contentsRect()
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if need > label.height() + SLACK:
                found.append(f"QLabel {text!r} needs {need} px high, has {label.height()}")
            continue
        metrics = label.fontMetrics()
        need = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        have = room.width() - 2 * label.margin() - max(label.indent(), 0)
        if need > have + SLACK:
            found.append(f"QLabel {text!r} needs {need} px, has {have}")
    for button in top.findChildren(QAbstractButton):
        if not _visible(button, top) or not button.text().strip():
            continue
        if (
            isinstance(button, QToolButton)
            and button.parent() is not None
            and isinstance(button.parent(), QTabBar)
        ):
            continue
        need = button.sizeHint().width()
        if need > button.width() + SLACK:
            found.append(
                f"{type(button).__name__} {button.text()!r} needs {need} px, has {button.width()}"
            )
    for box in top.findChildren(QGroupBox):
        if not _visible(box, top) or not box.title().strip():
            continue
        need = box.fontMetrics().horizontalAdvance(box.title().replace("&", "")) + 16
        if need > box.width() + SLACK:
            found.append(f"QGroupBox {box.title()!r} needs {need} px, has {box.width()}")
    for bar in top.findChildren(QTabBar):
        if not _visible(bar, top):
            continue
        for index in range(bar.count()):
            need, have = bar.tabSizeHint(index).width(), bar.tabRect(index).width()
            if need > have + SLACK:
                found.append(f"tab {bar.tabText(index)!r} needs {need} px, has {have}")
    for header in top.findChildren(QHeaderView):
        if not _visible(header, top) or header.orientation() != Qt.Orientation.Horizontal:
            continue
        model = header.model()
        if model is None:
            continue
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            text = model.headerData(section, Qt.Orientation.Horizontal)
            if not isinstance(text, str) or not text.strip():
                continue
            need = header.fontMetrics().horizontalAdvance(text) + margin
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
                need += header.style().pixelMetric(
                    QStyle.PixelMetric.PM_HeaderMarkSize, None, header
                )
            have = header.sectionSize(section)
            if need > have + SLACK:
                found.append(f"column {text!r} needs {need} px, has {have}")
    return found


def editors(ctx: ServiceContext) -> list[tuple[str, Callable[[], QDialog]]]:
    from hubdesk.ui.editors.action_item import ActionItemDialog
    from hubdesk.ui.editors.activity import ActivityDialog
    from hubdesk.ui.editors.meeting import MeetingDialog
    from hubdesk.ui.editors.member import MemberDialog
    from hubdesk.ui.editors.proposal import ProposalDialog

    member = team.list_members(ctx, team.MemberFilter(), Page(limit=1))[0]
    meeting = meetings.list_meetings(ctx, meetings.MeetingFilter(), Page(limit=1))[0]
    activity = youth.list_activities(ctx, youth.YouthFilter(), Page(limit=1))[0]
    proposal = fund.list_proposals(ctx, fund.ProposalFilter(), Page(limit=1))[0]
    owners = [(member.id, member.name)]
    return [
        ("member", lambda: MemberDialog(ctx, member.id)),
        ("meeting", lambda: MeetingDialog(ctx, meeting.id)),
        ("activity", lambda: ActivityDialog(ctx, activity.id)),
        ("proposal", lambda: ProposalDialog(ctx, proposal.id)),
        ("action item", lambda: ActionItemDialog(ctx, meeting_id=meeting.id, owners=owners)),
    ]


def _settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("code", [*i18n.LANGUAGES])
def test_nothing_is_cut_at_1366x768(qtbot: QtBot, demo: ServiceContext, code: str) -> None:
    from hubdesk.ui.mainwindow import PAGES, MainWindow

    i18n.set_language(code)
    apply_qt_language(code)
    problems: list[str] = []
    try:
        window = MainWindow(demo)
        qtbot.addWidget(window)
        window.resize(*SCREEN)
        show_window(qtbot, window)
        for spec in PAGES:
            if spec.key in SKIPPED_PAGES:
                continue
            open_page(window, spec.key)
            _settle()
            problems += [f"{spec.key}: {p}" for p in clipped(window)]
        for name, make in editors(demo):
            dialog = make()
            qtbot.addWidget(dialog)
            show_window(qtbot, dialog)
            tabs = dialog.findChild(QTabWidget)
            for index in range(tabs.count() if tabs is not None else 1):
                if tabs is not None:
                    open_tab(qtbot, tabs, index)
                _settle()
                problems += [f"{name} editor: {p}" for p in clipped(dialog)]
            press_key(qtbot, dialog, Qt.Key.Key_Escape)  # nothing changed: closes at once
            assert not dialog.isVisible()
    finally:
        i18n.set_language("en")
        apply_qt_language("en")
    assert not problems, "cut at 1366×768:\n" + "\n".join(sorted(set(problems)))


def test_the_check_finds_a_cut_label(qtbot: QtBot) -> None:
    label = QLabel("Centre for social work and a very long institution name")
    qtbot.addWidget(label)
    label.resize(60, 20)
    label.show()
    assert clipped(label.parentWidget() or _wrap(qtbot, label)) != []


def _wrap(qtbot: QtBot, widget: QWidget) -> Any:
    holder = QWidget()
    qtbot.addWidget(holder)
    widget.setParent(holder)
    holder.show()
    widget.show()
    return holder


def test_the_window_fits_the_screen_whatever_was_saved(qtbot: QtBot, demo: ServiceContext) -> None:
    """A window saved on a big monitor opens inside a 1366×768 screen."""
    from hubdesk.ui.mainwindow import MainWindow

    big = MainWindow(demo)
    qtbot.addWidget(big)
    big.setGeometry(900, 500, 2400, 1500)
    big.preferences.set_geometry(big.saveGeometry())
    window = MainWindow(demo)
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    assert area.size().toTuple() == SCREEN
    assert window.width() <= area.width() and window.height() <= area.height()
    assert area.contains(window.geometry())
