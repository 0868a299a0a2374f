"""The table model every list uses: rows come a page at a time from a service, never all at once.

``rowCount`` is the service's count for the current filter, so the scroll bar is honest from the
start; ``data`` loads the page a row falls in the first time it is painted and keeps a bounded
number of pages. Sorting and filtering are pushed down to the service (SQL), so a list of 100,000
members costs what the rows on screen cost. A ``QSortFilterProxyModel`` would have to read every
row to sort or filter them, which is why the model itself takes ``sort`` and ``set_filter``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from hubdesk.i18n import _
from hubdesk.services.context import ServiceContext
from hubdesk.services.datafolder import StorageError
from hubdesk.services.listing import Page

F = TypeVar("F")  # the area's frozen Filter dataclass

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_KEY_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
ROOT = QModelIndex()


def two_lines(title: str) -> str:
    """``title`` broken at the space that leaves its longer line shortest ("Left on" →
    "Left\non"); a one-word title stays as it is. A column whose title is wider than its cells
    (a date under "Пристапил на") gives the room back this way when the table is short of it."""
    words = title.split(" ")
    if len(words) < 2:
        return title
    splits = ((" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(1, len(words)))
    first, second = min(splits, key=lambda pair: max(len(pair[0]), len(pair[1])))
    return f"{first}\n{second}"


@dataclass(frozen=True)
class Column:
    """One column: header msgid, how to show a record in it, and the service's sort key.

    A column shows its cells whole (the table sizes it to the rows it lists), except free text
    marked ``elides`` (a title, a place): that may end in "…" where the room is short, and its
    whole text is then the cell's tool tip.
    """

    title: str
    display: Callable[[Any], str]
    sort_key: str | None = None
    align: Qt.AlignmentFlag = LEFT
    width: int = 14  # typical width in average characters; 0 takes the room the others leave
    elides: bool = False


class PagedTableModel(QAbstractTableModel, Generic[F]):
    """Rows of one service list, loaded a page at a time for the current filter and order."""

    unreadable = Signal(str)  # rows could not be read as they were drawn: why, once
    PAGE_SIZE = 200
    MAX_PAGES = 40  # about 8,000 rows kept; pages further away are read again when needed
    columns: tuple[Column, ...] = ()

    def __init__(self, ctx: ServiceContext, initial: F, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._filter = initial
        self._order: str | None = self.default_order()
        self._descending = self.default_descending()
        self._count = 0
        self._total = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._told = False  # a page of rows could not be read, and the list said so
        self.wrapped_titles: frozenset[int] = frozenset()  # columns titled on two lines
        self._count, self._total, first = self._read()
        if first is not None:
            self._pages[0] = first

    # --- what each area provides ----------------------------------------------------------------

    def count_records(self, f: F) -> int:
        raise NotImplementedError

    def list_records(self, f: F, page: Page) -> list[Any]:
        raise NotImplementedError

    def count_and_list(self, f: F, page: Page) -> tuple[int, list[Any]] | None:
        """The count and one page in one query, where the area's service offers it (a search
        then scans the table once); None: ``count_records`` now, pages when painted."""
        return None

    def everything(self) -> F:
        """The filter that shows every record: the "of 310" in "42 of 310"."""
        raise NotImplementedError

    def default_order(self) -> str | None:
        return None

    def default_descending(self) -> bool:
        return False

    @property
    def descending(self) -> bool:
        return self._descending

    def decorate(self, record: Any, column: int, role: int) -> Any:
        """Extra roles for one cell (colours for overdue items, tool tips ...)."""
        return None

    # --- filter, order, refresh -----------------------------------------------------------------

    @property
    def filter(self) -> F:
        return self._filter

    def set_filter(self, f: F) -> None:
        """Show the records of ``f``. Read first: a reading that fails (a hub's server out of
        reach) raises with the rows shown before still shown."""
        count, first = self._count_and_first_page(f)
        self.beginResetModel()
        self._filter = f
        self._pages.clear()
        self._count, self._told = count, False
        if first is not None:
            self._pages[0] = first
        self.endResetModel()

    def refresh(self) -> None:
        """Read again after a change (here or by an import); keeps the filter and order. As
        ``set_filter``, nothing changes on screen when the reading fails."""
        count, total, first = self._read()
        self.beginResetModel()
        self._pages.clear()
        self._count, self._total, self._told = count, total, False
        if first is not None:
            self._pages[0] = first
        self.endResetModel()

    def _read(self) -> tuple[int, int, list[Any] | None]:
        """The count of the filter's records, of every record, and the first page if read."""
        count, first = self._count_and_first_page(self._filter)
        everything = self.everything()
        total = count if everything == self._filter else self.count_records(everything)
        return count, total, first

    def _count_and_first_page(self, f: F) -> tuple[int, list[Any] | None]:
        first = self.count_and_list(f, self._page(0))
        if first is None:
            return self.count_records(f), None
        return first

    def _page(self, number: int) -> Page:
        return Page(
            offset=number * self.PAGE_SIZE,
            limit=self.PAGE_SIZE,
            order_by=self._order,
            descending=self._descending,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        if key is None:
            return
        self.beginResetModel()
        self._order = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self.endResetModel()

    def sort_column(self) -> int:
        for index, column in enumerate(self.columns):
            if column.sort_key is not None and column.sort_key == self._order:
                return index
        return -1

    @property
    def shown(self) -> int:
        return self._count

    @property
    def total(self) -> int:
        return self._total

    def count_text(self) -> str:
        return _("{shown} of {total}").format(shown=self._count, total=self._total)

    # --- rows -----------------------------------------------------------------------------------

    def record(self, row: int) -> Any:
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            try:
                page = self.list_records(self._filter, self._page(number))
            except StorageError as error:
                page = []  # drawn empty until the list is read again
                self._tell(error)
            self._pages[number] = page
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def _tell(self, error: StorageError) -> None:
        """Rows and some cells are read as they are drawn, inside Qt's painting: a reading
        that fails is said once (``unreadable``), never raised into Qt, never once per cell."""
        if not self._told:
            self._told = True
            self.unreadable.emit(str(error))

    def record_id(self, row: int) -> str | None:
        record = self.record(row)
        return None if record is None else str(record.id)

    def row_of(self, record_id: str, search_pages: int = 5) -> int:
        """Row of a record: among the pages loaded, else in the first ``search_pages`` pages
        (a record just saved is usually near the top); -1 when it is not there."""
        for number, page in self._pages.items():
            for offset, record in enumerate(page):
                if record.id == record_id:
                    return number * self.PAGE_SIZE + offset
        for number in range(min(search_pages, -(-self._count // self.PAGE_SIZE))):
            if number in self._pages:
                continue
            self.record(number * self.PAGE_SIZE)
            for offset, record in enumerate(self._pages.get(number, [])):
                if record.id == record_id:
                    return number * self.PAGE_SIZE + offset
        return -1

    # --- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except StorageError as error:  # a cell read as it is drawn (a proposal's total)
            self._tell(error)
            return None

    def _data(self, index: Index, role: int) -> Any:
        if not index.isValid():
            return None
        record = self.record(index.row())
        if record is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == RECORD_ID_ROLE:
            return record.id
        if role == RECORD_ROLE:
            return record
        extra = self.decorate(record, index.column(), role)
        if role == Qt.ItemDataRole.ToolTipRole and column.elides:
            return "\n".join(str(text) for text in (column.display(record), extra) if text)
        return extra

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                title = _(self.columns[section].title)
                if section in self.wrapped_titles:
                    return two_lines(title)
                return title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self.columns[section].align
        return None

    def set_wrapped_titles(self, columns: frozenset[int]) -> None:
        """Title these columns on two lines (column_widths decides which, when room is short)."""
        if columns != self.wrapped_titles:
            self.wrapped_titles = columns
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def retranslate(self) -> None:
        """Headers and cells are words in the UI language: paint them again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._count:
            self.dataChanged.emit(
                self.index(0, 0), self.index(self._count - 1, len(self.columns) - 1)
            )
