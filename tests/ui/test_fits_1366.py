"""At 1366×768, in every language, no label, button, check box, combo box, tab, column header,
list cell or chart axis label is cut.

Each page of the window and each main editor is opened on the demo data, every visible text
widget is measured against the room it has. Word-wrapped labels are checked for height instead.
List cells are checked on the rows on screen: names, organisations, sectors, kinds, statuses,
dates and numbers show whole; a free-text column (a title, a place, the pillars, an action) may
end in "…" when the row is long, because its whole text is the cell's tool tip (the column is
marked ``elides``, and the check holds it to that promise). Chart category labels are read from
the chart: none may be shortened, and each must lie inside the chart.
The Sync page is left out for now: its guided flow is being rebuilt.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from gui import choose, open_page, open_tab, press_key, show_window
from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGraphicsTextItem,
    QGroupBox,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QTableView,
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
from hubdesk.ui.column_widths import cell_padding
from hubdesk.ui.qt_translations import apply_qt_language
from hubdesk.ui.record_combo import RecordCombo
from hubdesk.ui.tablemodel import PagedTableModel

SCREEN = (1366, 768)
SKIPPED_PAGES: set[str] = set()  # every page is checked
SLACK = 1  # pixels of rounding
ELLIPSES = ("…", "...")


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
        # wide enough itself, yet running past the widget that holds it (which cuts it)
        holder = button.parentWidget()
        if holder is not None and button.geometry().right() > holder.rect().right() + SLACK:
            found.append(
                f"{type(button).__name__} {button.text()!r} runs past its holder "
                f"({button.geometry().right()} > {holder.rect().right()})"
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
            lines = text.split("\n")  # a title put on two lines where room is short
            need = max(header.fontMetrics().horizontalAdvance(line) for line in lines) + margin
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
                need += header.style().pixelMetric(
                    QStyle.PixelMetric.PM_HeaderMarkSize, None, header
                )
            have = header.sectionSize(section)
            if need > have + SLACK:
                found.append(f"column {text!r} needs {need} px, has {have}")
    found += _cut_combos(top) + _cut_cells(top) + _cut_axis_labels(top)
    return found


def _cut_combos(top: QWidget) -> list[str]:
    """A combo box's current choice against the text area its style leaves beside the arrow."""
    found: list[str] = []
    for combo in top.findChildren(QComboBox):
        text = combo.currentText()
        if not _visible(combo, top) or not text.strip():
            continue
        if isinstance(combo, RecordCombo) and combo.toolTip() == text:
            text = combo.shown_text()  # a record's long name ends in "…", whole in its tooltip
        if combo.isEditable() and combo.lineEdit() is not None:
            edit = combo.lineEdit()
            have = edit.contentsRect().width() - 4  # QLineEdit's own side margins
            need = edit.fontMetrics().horizontalAdvance(text)
        else:
            option = QStyleOptionComboBox()
            combo.initStyleOption(option)
            room = combo.style().subControlRect(
                QStyle.ComplexControl.CC_ComboBox,
                option,
                QStyle.SubControl.SC_ComboBoxEditField,
                combo,
            )
            have = room.width()
            need = combo.fontMetrics().horizontalAdvance(text)
            if not combo.itemIcon(combo.currentIndex()).isNull():
                need += combo.iconSize().width() + 4
        if need > have + SLACK:
            found.append(f"QComboBox {text!r} needs {need} px, has {have}")
    return found


def _cut_cells(top: QWidget) -> list[str]:
    """The list cells on screen: whole, or (in an ``elides`` column) with the whole text as the
    cell's tool tip. A column that runs past the table's right edge counts as cut too."""
    found: list[str] = []
    for table in top.findChildren(QTableView):
        model = table.model()
        if not _visible(table, top) or not isinstance(model, PagedTableModel):
            continue
        pad = cell_padding(table)
        metrics = QFontMetricsF(table.font())  # fractional, as the cell's painter cuts
        viewport = table.viewport().width()
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        for column, spec in enumerate(model.columns):
            if table.isColumnHidden(column):
                continue
            have = table.columnWidth(column)
            right = table.columnViewportPosition(column) + have
            if right > viewport + SLACK:
                found.append(
                    f"list column {spec.title!r} ends at {right} px, the table at {viewport}"
                )
            for row in range(first, last + 1):
                index = model.index(row, column)
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if not isinstance(text, str) or not text:
                    continue
                need = metrics.horizontalAdvance(text) + pad
                if need <= have:
                    continue
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if spec.elides and isinstance(tip, str) and text in tip:
                    continue
                found.append(f"cell {text!r} ({spec.title}) needs {need:.1f} px, has {have}")
    return found


def _words(text: str) -> str:
    return " ".join(html.unescape(text.replace("<br>", " ")).split())


def _cut_axis_labels(top: QWidget) -> list[str]:
    """Chart category labels: never shortened, each one shown (QtCharts hides a label that would
    overlap its neighbour), and drawn inside the chart without overlapping another text."""
    found: list[str] = []
    for view in top.findChildren(QChartView):
        chart = view.chart()
        if not _visible(view, top) or chart is None:
            continue
        name = chart.title()
        categories = [
            _words(category)
            for axis in chart.axes()
            if isinstance(axis, QBarCategoryAxis)
            for category in axis.categories()
        ]
        inside = QRectF(chart.sceneBoundingRect()).adjusted(-SLACK, -SLACK, SLACK, SLACK)
        boxes: list[tuple[str, QRectF]] = []
        for item in view.scene().items():
            if not isinstance(item, QGraphicsTextItem) or not item.isVisible():
                continue
            text = _words(item.toPlainText())
            if not text:
                continue
            box = item.sceneBoundingRect()
            if any(mark in text for mark in ELLIPSES):
                found.append(f"chart {name!r}: {text!r} is shortened")
            elif not inside.contains(box):
                found.append(f"chart {name!r}: {text!r} runs off the chart")
            boxes.append((text, box))
        shown = {text for text, _box in boxes}
        found += [f"chart {name!r}: label {c!r} is not shown" for c in categories if c not in shown]
        for number, (text, box) in enumerate(boxes):
            for other, other_box in boxes[number + 1 :]:
                overlap = box.intersected(other_box)
                if overlap.width() > 2 and overlap.height() > 2:
                    found.append(f"chart {name!r}: {text!r} overlaps {other!r}")
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
        *pillar_editors(ctx),
    ]


def pillar_editors(ctx: ServiceContext) -> list[tuple[str, Callable[[], QDialog]]]:
    """The editors of issue 14's record kinds (the training editor is checked by its page's
    own tests while it changes)."""
    from hubdesk.services import community, engagements, exchanges, practices
    from hubdesk.ui.editors.community import CommunityDialog
    from hubdesk.ui.editors.engagement import EngagementDialog
    from hubdesk.ui.editors.peers import ExchangePartDialog, PracticeDialog
    from hubdesk.ui.pages.helpdesk import AskDialog

    activity = community.list_activities(ctx, page=Page(limit=1))[0]
    engagement = engagements.list_engagements(ctx, page=Page(limit=1))[0]
    part = exchanges.list_parts(ctx)[0]
    practice = practices.list_practices(ctx)[0].practice
    return [
        ("community activity", lambda: CommunityDialog(ctx, activity.id)),
        ("engagement", lambda: EngagementDialog(ctx, engagement.id)),
        ("exchange", lambda: ExchangePartDialog(ctx, part.id)),
        ("good practice", lambda: PracticeDialog(ctx, practice.id)),
        ("help desk question", lambda: AskDialog(ctx)),
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
            page = open_page(window, spec.key)
            _settle()
            problems += [f"{spec.key}: {p}" for p in clipped(window)]
            for tabs in page.findChildren(QTabWidget):  # the meetings page's action items
                for index in range(1, tabs.count() if _visible(tabs, page) else 0):
                    open_tab(qtbot, tabs, index)
                    _settle()
                    problems += [f"{spec.key} tab {index}: {p}" for p in clipped(window)]
                if tabs.count() > 1 and _visible(tabs, page):
                    open_tab(qtbot, tabs, 0)
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


@pytest.fixture(scope="module")
def hub_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    from hubdesk.sync.hubdemo import build_hub_demo

    data_dir: Path = tmp_path_factory.mktemp("hub-demo")
    db = open_data_folder(data_dir)
    build_hub_demo(db, data_dir)
    try:
        yield load_context(db, data_dir)
    finally:
        db.close()


@pytest.mark.parametrize("code", [*i18n.LANGUAGES])
def test_the_hubs_team_list_fits_at_1366x768(
    qtbot: QtBot, hub_demo: ServiceContext, code: str
) -> None:
    """The hub lists every town's members: organisations of three countries beside sectors and
    roles in a long language. In Macedonian and Serbian Cyrillic "Left on" ran past the table's
    right edge (Qt kept the sort arrow's room in every column); now no column does. On the
    Reports page the meeting chooser ended mid-letter; now its text ends in "…". The hub's
    regional report squeezed its period's name beside the dates; now it shows whole."""
    from hubdesk.ui.mainwindow import MainWindow

    i18n.set_language(code)
    apply_qt_language(code)
    try:
        window = MainWindow(hub_demo)
        qtbot.addWidget(window)
        window.resize(*SCREEN)
        show_window(qtbot, window)
        page = open_page(window, "team")
        _settle()
        problems = clipped(page)
        table = page.findChild(QTableView)
        assert table is not None and table.model().rowCount() > 20
        assert table.horizontalHeader().length() <= table.viewport().width()
        # The hub's meetings name their team and town too: the chooser ends them in "…".
        reports = open_page(window, "reports")
        assert reports.kind.currentData() == "regional"  # the hub's own report first
        _settle()
        problems += clipped(reports)  # the period's name beside its dates read "This year so"
        choose(reports.kind, "minutes")
        _settle()
        problems += clipped(reports)
        assert reports.record.isVisible() and reports.record.count() > 20
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


def test_the_check_finds_a_cut_choice_and_a_cut_cell(qtbot: QtBot, demo: ServiceContext) -> None:
    from hubdesk.ui.listpage import RecordTable
    from hubdesk.ui.models.team import MemberColumn, MemberTableModel

    holder = QWidget()
    combo = QComboBox(holder)
    combo.addItem("Led by anyone at all, whoever they are")
    combo.setGeometry(0, 0, 60, 24)
    table = RecordTable(MemberTableModel(demo, team.MemberFilter()), holder)
    table.setGeometry(0, 30, 1150, 300)  # as on a 1366-pixel screen
    show_window(qtbot, holder)
    _settle()
    assert [p for p in clipped(holder) if "QComboBox" not in p] == [], "the frame sizes it"
    table.horizontalHeader().resizeSection(MemberColumn.SECTOR, 40)  # as a person would
    problems = clipped(holder)
    assert any(p.startswith("QComboBox 'Led by anyone") for p in problems)
    assert any("(Sector) needs" in p for p in problems)  # (an organisation may end in "…")
    assert MemberColumn.SECTOR in table.resized_by_person


def test_a_title_may_end_in_an_ellipsis_only_with_its_whole_text_as_tool_tip(
    qtbot: QtBot, demo: ServiceContext
) -> None:
    from hubdesk.ui.listpage import RecordTable
    from hubdesk.ui.models.youth import ActivityColumn, ActivityTableModel

    model = ActivityTableModel(demo, youth.YouthFilter())
    table = RecordTable(model, None)
    table.resize(900, 300)
    show_window(qtbot, table)
    table.horizontalHeader().resizeSection(ActivityColumn.TITLE, 30)
    _settle()
    holder = table.parentWidget() or _wrap(qtbot, table)
    assert not [p for p in clipped(holder) if "(Title)" in p]
    title = model.data(model.index(0, ActivityColumn.TITLE))
    assert title in model.data(model.index(0, ActivityColumn.TITLE), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(0, ActivityColumn.TYPE), Qt.ItemDataRole.ToolTipRole) is None


@pytest.mark.parametrize(
    ("needs", "floors", "takers", "room", "widths"),
    [
        ([100, 50, 50], [100, 50, 50], [0], 260, [160, 50, 50]),  # the rest to the name
        ([100, 300, 50], [100, 80, 50], [1], 350, [100, 200, 50]),  # a title gives way
        ([100, 300, 50], [100, 280, 50], [1], 350, [100, 280, 50]),  # not below its floor
        ([100, 200, 200], [100, 100, 100], [], 350, [100, 125, 125]),  # shared by what may
    ],
)
def test_columns_share_the_width(
    needs: list[int], floors: list[int], takers: list[int], room: int, widths: list[int]
) -> None:
    from hubdesk.ui.column_widths import share

    assert share(needs, floors, takers, room) == widths


def test_a_title_breaks_where_its_longer_line_is_shortest() -> None:
    from hubdesk.ui.tablemodel import two_lines

    assert two_lines("Left on") == "Left\non"
    assert two_lines("Пристапил на") == "Пристапил\nна"
    assert two_lines("Date of the next step") == "Date of the\nnext step"
    assert two_lines("Organisation") == "Organisation"


def test_titles_go_on_two_lines_only_while_the_table_is_short_of_room() -> None:
    from hubdesk.ui.column_widths import Measured, titles_to_wrap

    measured = Measured(
        titles=[60, 100, 120, 110], two_line_titles=[60, 100, 80, 70], contents=[200, 90, 60, 30]
    )
    assert sum(measured.needs(set())) == 530
    assert titles_to_wrap(measured, 530, set()) == frozenset()  # it fits: one line each
    assert titles_to_wrap(measured, 500, set()) == {3}  # the biggest gain (40) is enough
    assert titles_to_wrap(measured, 460, set()) == {2, 3}
    assert titles_to_wrap(measured, 300, set()) == {2, 3}  # no more to gain: it scrolls
    assert titles_to_wrap(measured, 500, {3}) == {2}  # a column the person sized stays
    assert measured.needs({1}) == [200, 100, 120, 110]  # its cells set its width anyway
