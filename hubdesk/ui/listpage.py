"""The frame of every list page: title, New/Edit/Delete, search, filters, "42 of 310", the table.

Subclasses say which model and filter they use and how to open, create and delete a record; the
frame does the rest the same way on every page, so keys and buttons behave alike everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hubdesk.i18n import N_, _, pgettext
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import StorageError
from hubdesk.ui import dialogs
from hubdesk.ui.column_widths import fit_columns
from hubdesk.ui.enter_opens import opens_on_enter
from hubdesk.ui.filter_defaults import FilterDefaults
from hubdesk.ui.focus_order import tab_in_order
from hubdesk.ui.forms import PERSON_ERRORS
from hubdesk.ui.resources import icon
from hubdesk.ui.tablemodel import PagedTableModel

SEARCH_DELAY_MS = 250


def shrinkable(combo: QComboBox, characters: int = 10) -> None:
    """Let a filter give up width: long choices ("National-local, local-local and multi-actor
    cooperation") must not push a 1366-pixel window wider than the screen."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    combo.currentTextChanged.connect(lambda _text: keep_choice_whole(combo))
    combo.model().dataChanged.connect(lambda *_args: keep_choice_whole(combo))
    keep_choice_whole(combo)


HUB_PRINTS_ON_REPORTS = N_(
    "This report is about one municipality: print it on the Reports page, where you choose "
    "the municipality."
)


def tab_stops(layout: QLayout) -> list[QWidget]:
    """The widgets of ``layout`` a Tab can stop at, left to right and top to bottom as the
    layout shows them (inside a filter made of several, a date range, its parts). Hidden and
    disabled ones are kept: Tab passes over them, and they take their place when shown."""
    return [stop for index in range(layout.count()) for stop in _item_stops(layout.itemAt(index))]


def _item_stops(item: QLayoutItem | None) -> list[QWidget]:
    if item is None:
        return []
    if (inner := item.layout()) is not None:
        return tab_stops(inner)
    widget = item.widget()
    if widget is None:
        return []
    if widget.focusProxy() is not None or widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return [widget]  # a date field moves whole: Qt tabs into its line through it
    own = widget.layout()
    return tab_stops(own) if own is not None else []


@contextmanager
def _plain_widgets(stops: list[QWidget]) -> Iterator[None]:
    """A field made of parts (a date field: its line and calendar button) as a plain widget
    for a moment: Qt's ``setTabOrder`` ignores a widget taking no focus itself, and moved the
    line alone, leaving the field behind, where a Tab went back into it and round in a loop.
    Put just before its line, as Qt puts a field it makes, Tab reaches it in its place."""
    kept = [(stop, stop.focusProxy(), stop.focusPolicy()) for stop in stops]
    for stop, proxy, _policy in kept:
        if proxy is not None:
            stop.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes None: no proxy
            stop.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    try:
        yield
    finally:
        for stop, proxy, policy in kept:
            if proxy is not None:
                stop.setFocusPolicy(policy)
                stop.setFocusProxy(proxy)


def keep_choice_whole(combo: QComboBox, characters: int = 32) -> None:
    """A filter gives up width, but never so much that its chosen entry is cut ("Udhëhequr nga
    kushdo" in Albanian); only a very long choice (a pillar's full name) may still be cut."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    text = min(
        metrics.horizontalAdvance(combo.currentText()), metrics.averageCharWidth() * characters
    )
    contents = QSize(text + 2, metrics.height())
    size = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, combo)
    combo.setMinimumWidth(size.width())


class RecordTable(QTableView):
    """A table of one paged model: whole-row selection, sorting done by the service.

    Delete on the table (not in a search box) asks to delete the selected record; Enter opens
    it (``enter_opens``).
    """

    delete_requested = Signal()
    open_requested = Signal()

    def __init__(self, model: PagedTableModel[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Tab leaves a list for the filters and buttons after it (arrows move in it);
        # Qt's default moved from cell to cell and held the keyboard in the table
        self.setTabKeyNavigation(False)
        opens_on_enter(self, self.open_requested.emit)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        order = Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(model.sort_column(), order)
        self.setSortingEnabled(True)
        self.resized_by_person: set[int] = set()
        self._sizing = False
        header.sectionResized.connect(self._section_resized)
        # New rows (a filter, another order, rows scrolled into view) may need other widths.
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.size_columns)
        model.modelReset.connect(self._refit.start)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._refit.start())
        self.size_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Delete):
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paged_model(self) -> PagedTableModel[Any]:
        return self.model()  # type: ignore[return-value]

    def size_columns(self) -> None:
        """Columns as wide as their titles (in the UI language) and the rows listed need,
        sharing the table's width (see :mod:`hubdesk.ui.column_widths`)."""
        self._sizing = True
        try:
            fit_columns(self, self.resized_by_person)
        finally:
            self._sizing = False

    def _section_resized(self, index: int, _old: int, _new: int) -> None:
        if not self._sizing:
            self.resized_by_person.add(index)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.size_columns()

    def current_id(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        if not rows:
            return None
        return self.paged_model().record_id(rows[0].row())

    def select_row(self, row: int) -> None:
        if 0 <= row < self.paged_model().rowCount():
            index = self.paged_model().index(row, 0)
            self.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.scrollTo(index)


class ListPage(QWidget):
    """A searchable, filterable list of one kind of record with its editor."""

    title_msgid = ""
    new_msgid = ""
    record_msgid = ""  # the kind of record, for "Delete {what}?"
    export_kinds: tuple[str, ...] = ()  # tables the Export… button offers (tables.columns.Kind)
    changed = Signal()  # something was saved or deleted: the dashboard and status bar refresh

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = self.make_model()
        self.print_buttons: list[QPushButton] = []
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.new_button = self._button("add", self.new_record)
        self.edit_button = self._button("edit", self.edit_selected)
        self.delete_button = self._button("delete", self.delete_selected)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(150)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.table = RecordTable(self.model, self)
        self.table.doubleClicked.connect(self._open_index)
        self.table.open_requested.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.unreadable.connect(  # said after the painting that found it
            lambda text: QTimer.singleShot(0, lambda: dialogs.tell_unreadable(self, text))
        )
        self.table.delete_requested.connect(self.delete_selected)

        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda _c=False: self.export_table())
        self.export_button.setVisible(bool(self.export_kinds))

        self.toolbar = QHBoxLayout()
        self.toolbar.setSpacing(4)  # seven buttons in Albanian still fit a 1366-pixel screen
        self.toolbar.addWidget(self.title)
        self.toolbar.addStretch(1)
        for button in (self.export_button, self.new_button, self.edit_button, self.delete_button):
            self.toolbar.addWidget(button)
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 2)
        self.filter_names: list[tuple[QWidget, str]] = []  # each filter and its name's msgid
        self.build_filters(self.filters)
        self.filters.addWidget(self.count_label)
        in_row = [self.filters.itemAt(i) for i in range(self.filters.count())]
        row_widgets = [item.widget() for item in in_row if item is not None]
        for widget in row_widgets:
            if isinstance(widget, QComboBox):
                shrinkable(widget)
        self.filter_defaults = FilterDefaults(row_widgets)

        layout = QVBoxLayout(self)
        layout.addLayout(self.toolbar)
        layout.addLayout(self.filters)
        self.build_above_table(layout)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self._update_buttons()

    def showEvent(self, event: QShowEvent) -> None:
        self.order_tabs()  # pages add their buttons after this frame is built
        super().showEvent(event)

    def order_tabs(self) -> None:
        """Tab in the order a person reads the page: the search and the filters left to right,
        what stands between them and the table (a banner's button), the table, then the
        buttons as they are shown. Qt's order was the order the widgets were made: New,
        Search, the table, Export…, and only then the filters."""
        main = self.layout()
        assert main is not None
        rows = [main.itemAt(index) for index in range(main.count())]
        stops = [
            stop
            for item in rows
            if item is not None and item.layout() is not self.toolbar
            for stop in _item_stops(item)
        ]
        stops += tab_stops(self.toolbar)
        chain: list[QWidget] = []
        for stop in stops:
            proxy = stop.focusProxy()
            chain += [stop] if proxy is None else [stop, proxy]
        with _plain_widgets(stops):
            tab_in_order(chain)

    def add_print_button(self, msgid: str, kind: str, *, of_one_town: bool = False) -> QPushButton:
        """A toolbar button printing report ``kind`` (language and form chosen when printing).
        ``of_one_town``: the report is one municipality's, which the hub chooses on the Reports
        page; here the button is greyed there and says so (it failed with the command line's
        "name the municipality (--id)")."""
        button = QPushButton(self)
        button.setProperty("msgid", msgid)
        button.clicked.connect(lambda _c=False: self.print_report(kind))
        self.toolbar.insertWidget(2, button)
        self.print_buttons.append(button)
        button.setText(_(msgid))
        if of_one_town and self.ctx.is_hub:
            button.setEnabled(False)
            button.setProperty("reports_page", True)
            button.setToolTip(_(HUB_PRINTS_ON_REPORTS))
        return button

    def print_report(self, kind: str) -> None:
        from hubdesk.ui.report_actions import print_report

        date_from, date_to = self.report_period()
        print_report(self, self.ctx, kind, date_from=date_from, date_to=date_to)

    def report_period(self) -> tuple[dt.date | None, dt.date | None]:
        """The period a Print button's report covers: a page whose list is narrowed to dates
        prints the period it lists; (None, None) is the reports' own default (this year)."""
        return None, None

    def export_table(self) -> None:
        """Export what the table shows now: its filter (search included) and its order."""
        from hubdesk.ui.table_export import export_from_page, sort_page

        if self._search_timer.isActive():
            self.apply_filter()
        export_from_page(
            self, self.ctx, self.export_kinds, self.model.filter, sort_page(self.model)
        )

    def _button(self, icon_name: str, slot: Any) -> QPushButton:
        button = QPushButton(self)
        button.setIcon(icon(icon_name))
        button.clicked.connect(slot)
        return button

    # --- what each page provides ----------------------------------------------------------------

    def make_model(self) -> PagedTableModel[Any]:
        raise NotImplementedError

    def build_filters(self, row: QHBoxLayout) -> None:
        """Add the page's filter widgets (with ``add_filter``); call ``self.apply_filter``
        when one changes."""

    def add_filter(self, row: QHBoxLayout, widget: QWidget, name: str, stretch: int = 1) -> None:
        """A filter in the row, with the name a screen reader says for it (msgid ``name``):
        its entries say a choice ("All sectors"), never what is chosen, and a filter with no
        name was read out as just "combo box"."""
        self.filter_names.append((widget, name))
        row.addWidget(widget, stretch)

    def build_above_table(self, layout: QVBoxLayout) -> None:
        """Room for a page's banner (overdue items, say) between the filters and the table."""

    def current_filter(self) -> Any:
        raise NotImplementedError

    def open_editor(self, record_id: str | None) -> None:
        raise NotImplementedError

    def delete_record(self, record_id: str) -> None:
        raise NotImplementedError

    def describe(self, record: Any) -> str:
        """How a record is named in "Delete {what}?"."""
        return str(getattr(record, "name", None) or getattr(record, "title", ""))

    def ask_delete(self, record: Any, what: str) -> bool:
        """Whether to delete ``record`` (named ``what``): the person's answer."""
        return dialogs.confirm_delete(self, what)

    def can_create(self) -> bool:
        return True

    def can_delete(self, record: Any) -> bool:
        return True

    # --- actions --------------------------------------------------------------------------------

    def new_record(self) -> None:
        if self.can_create():
            self.open_editor(None)

    def edit_selected(self) -> None:
        record_id = self.table.current_id()
        if record_id:
            self.open_editor(record_id)

    def _open_index(self, index: QModelIndex) -> None:
        record_id = self.model.record_id(index.row())
        if record_id:
            self.open_editor(record_id)

    def delete_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        record = self.model.record(rows[0].row())
        if record is None or not self.can_delete(record):
            return
        what = _("{kind} “{name}”").format(kind=_(self.record_msgid), name=self.describe(record))
        if not self.ask_delete(record, what):
            return
        try:
            self.delete_record(record.id)
        except PERSON_ERRORS as error:
            dialogs.show_error(self, _("Not deleted"), getattr(error, "message", str(error)))
            return
        self.after_change()
        # The row that took the deleted one's place is the current one: a keyboard user goes on
        # from where they were (before, no row was current and Down started at the top).
        self.table.select_row(min(rows[0].row(), self.model.rowCount() - 1))

    def after_change(self, record_id: str | None = None) -> None:
        """Reload after a save or delete, keep the saved record selected, tell the window."""
        self.model.refresh()
        self.update_count()
        if record_id:
            self.table.select_row(self.model.row_of(record_id))
        self.changed.emit()

    def show_filtered(self, **criteria: Any) -> None:
        """Open with the filters a dashboard tile or bar was counted with; every other filter
        and the search as the page first had them."""
        self.filter_defaults.restore()
        self.set_criteria(**criteria)
        self.apply_filter()

    def set_criteria(self, **criteria: Any) -> None:
        """Set the filters ``criteria`` names (each page knows its own). A criterion no filter
        takes would leave the list wider than what was counted: refused, loudly."""
        if criteria:
            raise TypeError(f"{type(self).__name__} has no filter for {sorted(criteria)}")

    def apply_filter(self) -> None:
        self._search_timer.stop()
        try:
            self.model.set_filter(self.current_filter())
            self.update_count()  # (some pages read their banners and totals here too)
        except StorageError as error:  # the rows shown before stay, the reason said once
            dialogs.tell_unreadable(self, str(error))

    def refresh(self) -> None:
        """Read again. A filter chosen while the data was out of reach is read now: the box
        shows it, so the list must be of it. The record selected stays selected when it is
        still in the list: a person who went to another page and came back (every page reads
        again when shown) finds the row they left, with Open and Delete still at hand."""
        selected = self.table.current_id()
        try:
            wanted = self.current_filter()
            if wanted != self.model.filter:
                self.model.set_filter(wanted)
            else:
                self.model.refresh()
            self.update_count()
        except StorageError as error:
            dialogs.tell_unreadable(self, str(error))
            return
        if selected is not None:
            self.table.select_row(self.model.row_of(selected))

    def data_changed(self, what: str) -> None:
        """Records changed on another page: read them again now if on screen, else the
        window does when the page is shown."""
        if self.isVisible():
            self.refresh()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def update_count(self) -> None:
        self.count_label.setText(self.model.count_text())

    def _update_buttons(self) -> None:
        selected = bool(self.table.selectionModel().selectedRows())
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        self.new_button.setEnabled(self.can_create())

    def retranslate(self) -> None:
        self.title.setText(_(self.title_msgid))
        self.new_button.setText(_(self.new_msgid))
        if self.can_create() or not self.ctx.is_hub:
            self.new_button.setToolTip(_("Create a new record (Ctrl+N)"))
        else:  # a greyed button with no reason left hub staff looking for the way to add one
            self.new_button.setToolTip(
                _(
                    "The municipalities record these, and their files bring them to the hub; "
                    "the hub reads them here."
                )
            )
        self.edit_button.setText(pgettext("button", "Open"))
        self.edit_button.setToolTip(_("Open the selected record (Enter)"))
        self.delete_button.setText(_("Delete"))
        self.delete_button.setToolTip(_("Delete the selected record (Delete)"))
        for button in self.print_buttons:
            button.setText(_(button.property("msgid")))
            if button.property("reports_page"):
                button.setToolTip(_(HUB_PRINTS_ON_REPORTS))
        self.export_button.setText(_("Export…"))
        self.export_button.setToolTip(_("Save the rows listed now as a spreadsheet"))
        self.search.setPlaceholderText(_("Search… (Ctrl+F)"))
        self.search.setAccessibleName(_("Search"))
        self.table.setAccessibleName(_(self.title_msgid))
        for widget, name in self.filter_names:
            widget.setAccessibleName(_(name))
        self.model.retranslate()
        self.table.size_columns()
        self.update_count()
