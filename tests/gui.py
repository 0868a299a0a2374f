"""The one way GUI tests touch a widget: only as a person could, seen and usable.

A test that clicks a hidden button or types into a disabled field passes while a person is
stuck (the first-run assistant's Finish button was clicked while hidden, and the main window was
never reached). Every helper here first asserts that the widget is visible and enabled, and
read-write where it is typed into, then acts on it the way a person would.

Import it as ``from gui import click, type_into, ...`` (``tests/`` is on the import path).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QEvent, QEventLoop, QPoint, Qt, QTime, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTimeEdit,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot


def usable(widget: QWidget) -> None:
    """Fail unless a person could use ``widget`` now: shown on screen and enabled.

    Pending events run first: a person acts only on what the screen shows after it updated
    (a button added to a shown layout appears with the next turn of the event loop).
    """
    QApplication.processEvents()
    name = widget.objectName() or type(widget).__name__
    assert widget.isVisible(), f"{name} is not visible: a person cannot use it"
    assert widget.isEnabled(), f"{name} is disabled: a person cannot use it"


def click(qtbot: QtBot, widget: QWidget) -> None:
    """A left click in the middle of a visible, enabled widget (a button, a tile)."""
    usable(widget)
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        # A check box or radio button reacts only on its box and text, which need not be the
        # middle of a widget stretched by its layout; click() is what a click there does.
        widget.click()
        return
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def check(box: QAbstractButton, on: bool = True) -> None:
    """Tick or untick a check box, or choose a radio button, by clicking it when needed."""
    usable(box)
    assert box.isCheckable(), f"{box.objectName() or box.text()!r} cannot be ticked"
    if box.isChecked() != on:
        box.click()
    assert box.isChecked() == on, f"{box.text()!r} did not change"


def type_into(qtbot: QtBot, widget: QWidget, text: str, *, replace: bool = True) -> None:
    """Type ``text`` into a line or text field, after clearing it the way a person would."""
    usable(widget)
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        assert not widget.isReadOnly(), f"{widget.objectName()} is read-only"
    widget.setFocus()
    if replace:
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:  # QTest knows only Latin keys; a Cyrillic keyboard sends the letter as text
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                QApplication.sendEvent(widget, event)


def paste_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Paste ``text`` with Ctrl+V, as a person pastes what they copied elsewhere (a cell of a
    spreadsheet brings its line break): the clipboard holds it first."""
    QApplication.clipboard().setText(text)
    press_key(qtbot, widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def press_key(qtbot: QtBot, widget: QWidget, key: Qt.Key, modifiers: Any = None) -> None:
    """A key press (Delete, Ctrl+S) in a visible, enabled widget."""
    usable(widget)
    widget.setFocus()
    if modifiers is None:
        qtbot.keyClick(widget, key)
    else:
        qtbot.keyClick(widget, key, modifiers)


def choose(combo: QComboBox, data: Any = None, *, text: str | None = None) -> None:
    """Pick the entry of a drop-down whose item data is ``data`` (or whose label is ``text``).

    ``data=None`` without ``text`` picks the "none" entry (item data None).
    """
    usable(combo)
    if text is not None:
        index = combo.findText(text)
        if index < 0 and combo.isEditable():
            combo.setEditText(text)  # an editable drop-down takes what is typed
            return
    else:
        index = next((i for i in range(combo.count()) if combo.itemData(i) == data), -1)
    assert index >= 0, f"{data if text is None else text!r} is not offered in the drop-down"
    combo.setCurrentIndex(index)


def choose_row(view: QAbstractItemView, row: int) -> None:
    """Select a row of a list or table, as a click on it would."""
    usable(view)
    model = view.model()
    assert 0 <= row < model.rowCount(), f"row {row} is not shown"
    if isinstance(view, QListWidget):
        view.setCurrentRow(row)
    else:
        view.setCurrentIndex(model.index(row, 0))


def choose_rows(view: QAbstractItemView, rows: list[int]) -> None:
    """Select several rows of a table, as a click on the first and Ctrl+clicks on the others."""
    usable(view)
    model = view.model()
    for n, row in enumerate(rows):
        assert 0 <= row < model.rowCount(), f"row {row} is not shown"
        index = model.index(row, 0)
        view.scrollTo(index)
        held = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, held, view.visualRect(index).center()
        )


def edit_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Type ``text`` into an editable cell of a visible table, then press Enter.

    A cell whose editor is already open (a table's "Add" button opens the new row's cell) is
    typed into; any other cell is double-clicked first, as a person opens it.
    """
    usable(table)
    item = table.item(row, column)
    assert item is not None, f"no cell at {row}, {column}"
    assert item.flags() & Qt.ItemFlag.ItemIsEditable, f"cell {row}, {column} is read-only"
    editing = table.state() == QAbstractItemView.State.EditingState
    if not (editing and table.currentRow() == row and table.currentColumn() == column):
        table.scrollToItem(item)
        centre = table.visualItemRect(item).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editors = [
        child
        for child in table.viewport().findChildren(
            QLineEdit, options=Qt.FindChildOption.FindDirectChildrenOnly
        )
        if child.isVisible()
    ]
    assert len(editors) == 1, f"cell {row}, {column} did not open for typing"
    type_into(qtbot, editors[0], text)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    QApplication.processEvents()  # the table takes the text on the next turn of the loop
    assert item.text() == text, f"cell {row}, {column} did not take {text!r}"


def choose_cell(qtbot: QtBot, table: QAbstractItemView, row: int, column: int = 0) -> None:
    """Click a cell of a visible table (which selects its row)."""
    usable(table)
    index = table.model().index(row, column)
    assert index.isValid(), f"no cell at {row}, {column}"
    table.scrollTo(index)
    rect = table.visualRect(index)
    assert rect.isValid(), f"cell {row}, {column} is not shown"
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentIndex().row() == row, f"row {row} was not selected"


def double_click_cell(qtbot: QtBot, table: QAbstractItemView, row: int, column: int = 0) -> None:
    """Double-click a cell of a visible table, as a person opens the record of its row."""
    choose_cell(qtbot, table, row, column)
    centre = table.visualRect(table.model().index(row, column)).center()
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def sort_by(qtbot: QtBot, table: QTableView, column: int, order: Qt.SortOrder) -> None:
    """Click a column's header (twice when needed) until the table is sorted in ``order``."""
    header = table.horizontalHeader()
    usable(header)
    assert table.isSortingEnabled(), "the table cannot be sorted"
    for _attempt in range(2):
        if header.sortIndicatorSection() == column and header.sortIndicatorOrder() == order:
            return
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == column and header.sortIndicatorOrder() == order


def set_number(spin: QAbstractSpinBox, value: float) -> None:
    """Enter a number into a spin box (counts, amounts, quantities)."""
    usable(spin)
    assert not spin.isReadOnly(), f"{spin.objectName()} is read-only"
    spin.setValue(value)  # type: ignore[attr-defined]
    assert spin.value() == value, f"{spin.objectName()} refused {value}"  # type: ignore[attr-defined]


def _date_edit(field: QWidget) -> QLineEdit:
    """The line a person types a date into: a DateField's, or a DateTimeField's date part's."""
    part = getattr(field, "date", field)
    edit = getattr(part, "edit", None)
    assert isinstance(edit, QLineEdit), f"{type(field).__name__} has no date to type into"
    return edit


def type_date(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Type ``text`` into a date field as a person would, then leave the field with Tab."""
    edit = _date_edit(field)
    type_into(qtbot, edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert not edit.hasFocus(), "Tab did not leave the date field"


def pick_date(qtbot: QtBot, field: QWidget, day: dt.date) -> None:
    """Open a DateField's calendar with its button and click ``day`` in the month it shows."""
    part = getattr(field, "date", field)
    calendar = part.calendar  # type: ignore[attr-defined]
    clicked: list[bool] = []

    def click_day() -> None:
        if not calendar.isVisible():
            QTimer.singleShot(20, click_day)
            return
        assert (calendar.yearShown(), calendar.monthShown()) == (day.year, day.month)
        [days] = calendar.findChildren(QTableView)
        model = days.model()
        cells = [
            model.index(row, column)
            for row in range(model.rowCount())
            for column in range(model.columnCount())
            if str(model.data(model.index(row, column))) == str(day.day)
        ]
        # The grid shows the ends of the months around too: their days are >= 22 before this
        # month's 1st and <= 14 after its last, so the first (or last) match is this month's.
        cell = cells[0] if day.day <= 14 else cells[-1]
        centre = days.visualRect(cell).center()
        qtbot.mouseClick(days.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        clicked.append(True)

    QTimer.singleShot(0, click_day)
    click(qtbot, part.calendar_button)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(clicked), timeout=3000)
    QApplication.processEvents()


def set_date(field: QWidget, value: dt.date | dt.datetime | None) -> None:
    """Type a date into a DateField or a DateTimeField (and its time of day), in the form the
    field shows for the UI language, then leave it with Tab; or into a plain QDateTimeEdit.

    None clears a DateField with its × button.
    """
    from hubdesk.i18n.dates import format_typed_date

    if isinstance(field, QDateTimeEdit):
        usable(field)
        assert not field.isReadOnly(), "the date is read-only"
        if isinstance(value, dt.datetime):
            day = QDate(value.year, value.month, value.day)
            field.setDateTime(QDateTime(day, QTime(value.hour, value.minute)))
        elif value is not None:
            field.setDate(QDate(value.year, value.month, value.day))
        return
    edit = _date_edit(field)
    usable(edit)
    assert not edit.isReadOnly(), "the date is read-only"
    if value is None:
        button = field.clear_button  # type: ignore[attr-defined]
        usable(button)
        button.click()
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, format_typed_date(day))
    QTest.keyClick(edit, Qt.Key.Key_Tab)
    QApplication.processEvents()
    if isinstance(value, dt.datetime):
        time = field.time  # type: ignore[attr-defined]
        usable(time)
        time.setTime(QTime(value.hour, value.minute))
    taken = getattr(field, "date", field).value()
    assert taken == day, f"the field took {taken} for {day}"


def set_time(edit: QTimeEdit, value: dt.time) -> None:
    """Set a time of day in a time field, as typing it there does."""
    usable(edit)
    assert not edit.isReadOnly(), "the time is read-only"
    edit.setTime(QTime(value.hour, value.minute))


def trigger(action: QAction) -> None:
    """Use a menu or toolbar command (as its shortcut would) of a window a person sees."""
    assert action.isVisible(), f"{action.text()!r} is hidden"
    assert action.isEnabled(), f"{action.text()!r} is disabled"
    owner = action.parent()
    if isinstance(owner, QWidget):
        assert owner.window().isVisible(), f"the window of {action.text()!r} is not shown"
    action.trigger()


def open_tab(qtbot: QtBot, tabs: QTabWidget, index: int) -> None:
    """Click the tab ``index`` of a visible tab widget."""
    bar = tabs.tabBar()
    usable(bar)
    assert bar.isTabVisible(index) and bar.isTabEnabled(index), f"tab {index} cannot be chosen"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index, f"tab {index} did not open"


def choose_item(tree: QTreeWidget, item: QTreeWidgetItem) -> None:
    """Select an entry of a visible tree, as a click on it would."""
    usable(tree)
    assert not item.isHidden(), "the entry is hidden"
    parent = item.parent()
    while parent is not None:  # a person opens the branches down to the entry
        parent.setExpanded(True)
        parent = parent.parent()
    tree.setCurrentItem(item)


def forward(qtbot: QtBot, wizard: QWizard) -> None:
    """Click the one way on that a wizard page shows: Next, its commit button, or Finish."""
    shown = [
        wizard.button(which)
        for which in (
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.FinishButton,
        )
        if wizard.button(which).isVisible()
    ]
    assert len(shown) == 1, f"{len(shown)} ways on are shown"
    click(qtbot, shown[0])


def tool_tip_of(qtbot: QtBot, widget: QWidget) -> QLabel:
    """Rest the mouse on a shown widget, enabled or greyed out (whose tool tip may say why it
    is), and return the tool tip that appears, to read and measure as a person sees it."""
    QApplication.processEvents()
    assert widget.isVisible(), "a person cannot point at a hidden widget"
    QToolTip.hideText()
    qtbot.mouseMove(widget.window(), QPoint(0, 0))
    qtbot.mouseMove(widget)
    qtbot.waitUntil(QToolTip.isVisible)
    (tip,) = [
        w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()
    ]
    assert isinstance(tip, QLabel)
    return tip


def show_window(qtbot: QtBot, window: QWidget) -> None:
    """Show a window (page, dialog, main window) and wait until it is on screen."""
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)


def open_page(window: Any, key: str) -> Any:
    """Click a page's entry in the main window's sidebar; the page it shows, once it has shown
    its data (a page that reads on a worker, like the dashboard, says so with ``loading``)."""
    from hubdesk.ui.mainwindow import PAGE_KEYS

    choose_row(window.sidebar, PAGE_KEYS.index(key))
    assert window.current_key() == key, f"the sidebar did not open {key!r}"
    page = window.current_page()
    wait_loaded(page)
    return page


def wait_loaded(page: QWidget, timeout_ms: int = 10_000) -> None:
    """Let the event loop run until ``page`` has its data (no-op for a page that reads its
    data on the GUI thread); fails if it is still reading after ``timeout_ms``."""
    if not getattr(page, "loading", False):
        return
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.start(timeout_ms)
    while getattr(page, "loading", False) and deadline.isActive():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    assert not getattr(page, "loading", False), f"{page.objectName()} still reading its data"


def drop_files(widget: QWidget, paths: list[Any]) -> None:
    """Drag files from the desktop and drop them on a visible, enabled widget."""
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    usable(widget)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = widget.rect().center()
    enter = QDragEnterEvent(
        QPointF(centre), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), f"{widget.objectName()} does not take dropped files"
    drop = QDropEvent(
        QPointF(centre), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(widget, drop)
