"""How a list's columns share the table's width: each shows its cells whole where it can.

A column gets the width its title and its rows need (the first rows and the rows on screen, so a
list of 100,000 members costs what a screenful costs); the room left over goes to the column that
takes the rest (``width=0``: the name, the title). When the room is short, free-text columns
(``elides``: a title, a place) give up width first, down to a floor, and show the rest in their
tool tip; what is still too wide scrolls sideways rather than cutting an organisation's name.
Before any text gives up width, a column whose title is wider than its cells (a date under
"Пристапил на", "Left on") puts its title on two lines: a long language's titles would
otherwise push the last column past the table's right edge. A column the person has resized
keeps the width they gave it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QStyle, QTableView

from hubdesk.ui.tablemodel import PagedTableModel

SAMPLE_ROWS = 60  # the first rows measured (besides those on screen); fund rows cost a query
MAX_CHARS = 80  # even a long organisation name ("JZU Opšta bolnica … mentalno zdravlje")
FLOOR_CHARS = 16  # a free-text column is not squeezed below this (nor below its title)


def share(
    needs: Sequence[int], floors: Sequence[int], takers: Sequence[int], room: int
) -> list[int]:
    """Widths for columns needing ``needs`` in ``room`` pixels.

    Spare room goes to the ``takers``; missing room is taken from the columns that may shrink
    (``floors[i] < needs[i]``), in proportion to how far each may go. The total may exceed
    ``room`` when even the floors do not fit: the table then scrolls sideways.
    """
    widths = list(needs)
    spare = room - sum(needs)
    if spare >= 0:
        takers = list(takers) or [len(widths) - 1]
        for order, index in enumerate(takers):
            widths[index] += spare // len(takers) + (1 if order < spare % len(takers) else 0)
        return widths
    give = [max(need - floor, 0) for need, floor in zip(needs, floors, strict=True)]
    total_give = sum(give)
    if total_give == 0:
        return widths
    short = min(-spare, total_give)
    taken = 0
    for index, amount in enumerate(give):
        cut = short * amount // total_give
        widths[index] -= cut
        taken += cut
    for index, amount in enumerate(give):  # the pixels lost to rounding
        if taken >= short:
            break
        if widths[index] > needs[index] - amount:
            widths[index] -= 1
            taken += 1
    return widths


def _rows(table: QTableView, model: PagedTableModel[Any]) -> list[int]:
    """The first rows and the rows on screen. A table with no room to show rows (on a tab
    not shown, or not laid out yet) has none on screen: Qt finds no row at its bottom edge,
    which must not be read as "every row to the end" (12,000 action items read, page after
    page, each time a hub's Meetings page was shown again). It is measured again once shown,
    since its size changes then."""
    count = model.rowCount()
    rows = set(range(min(count, SAMPLE_ROWS)))
    first = table.rowAt(0)
    if first >= 0 and table.viewport().height() > 0:
        last = table.rowAt(table.viewport().height() - 1)
        rows.update(range(first, (last if last >= 0 else count - 1) + 1))
    return sorted(rows)


def cell_padding(table: QTableView) -> int:
    """Pixels of a cell that its text cannot use: the item text margins and the grid line."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
    return 2 * (margin + 1) + (1 if table.showGrid() else 0)


@dataclass(frozen=True)
class Measured:
    """What each column needs: its title on one line, its title on two lines, its cells."""

    titles: list[int]
    two_line_titles: list[int]
    contents: list[int]

    def needs(self, wrapped: Set[int]) -> list[int]:
        return [
            max(self.two_line_titles[i] if i in wrapped else title, content)
            for i, (title, content) in enumerate(zip(self.titles, self.contents, strict=True))
        ]


def _titles(table: QTableView, model: PagedTableModel[Any]) -> tuple[list[int], list[int]]:
    """Each title's width on one line and on two, as the header measures it (its font from
    the style sheet, its margins), with room for the sort arrow in the sorted column only.

    Qt's own measure keeps the arrow's room in every column although only the sorted one
    draws it: some 20 pixels a column, enough in Macedonian to push the last column out of
    the table. Sorting by another column resets the model, and the columns are fitted again.
    The header reads the model's titles afresh for each measure, so every form is measured
    here without a repaint in between."""
    header = table.horizontalHeader()
    columns = range(len(model.columns))
    arrow = header.isSortIndicatorShown()
    sorted_column = header.sortIndicatorSection() if arrow else -1
    shown = model.wrapped_titles
    sizes: dict[tuple[bool, bool], list[int]] = {}
    try:
        for with_arrow in {False, arrow}:
            header.setSortIndicatorShown(with_arrow)
            for wrapped in (False, True):
                model.wrapped_titles = frozenset(columns) if wrapped else frozenset()
                sizes[with_arrow, wrapped] = [
                    header.sectionSizeFromContents(i).width() + 2 for i in columns
                ]
    finally:
        model.wrapped_titles = shown
        header.setSortIndicatorShown(arrow)

    def pick(wrapped: bool) -> list[int]:
        return [sizes[i == sorted_column and arrow, wrapped][i] for i in columns]

    return pick(False), pick(True)


def measure(table: QTableView) -> Measured:
    """What each column needs to show its title (on one line or on two) and its cells whole."""
    model: PagedTableModel[Any] = table.model()  # type: ignore[assignment]
    metrics = QFontMetricsF(table.font())  # fractional: the delegate cuts "2026." at 80.06 > 80
    char = metrics.averageCharWidth()
    pad = cell_padding(table)
    rows = _rows(table, model)
    contents: list[int] = []
    for index in range(len(model.columns)):
        texts = (model.data(model.index(row, index), Qt.ItemDataRole.DisplayRole) for row in rows)
        widest = max((metrics.horizontalAdvance(t) for t in texts if isinstance(t, str)), default=0)
        contents.append(math.ceil(min(widest + pad, char * MAX_CHARS) if widest else char * 4))
    titles, twos = _titles(table, model)
    return Measured(titles, twos, contents)


def floors_of(
    table: QTableView, needs: Sequence[int], measured: Measured, wrapped: Set[int]
) -> list[int]:
    """How far each column may shrink: a free-text column to a floor (never below its title
    as shown), any other not at all."""
    model: PagedTableModel[Any] = table.model()  # type: ignore[assignment]
    char = QFontMetricsF(table.font()).averageCharWidth()
    shown = [
        measured.two_line_titles[i] if i in wrapped else title
        for i, title in enumerate(measured.titles)
    ]
    return [
        max(title, min(need, round(char * FLOOR_CHARS))) if column.elides else need
        for column, need, title in zip(model.columns, needs, shown, strict=True)
    ]


def titles_to_wrap(measured: Measured, room: int, keep: Set[int]) -> frozenset[int]:
    """The columns to title on two lines so the table fits ``room``: none when it fits, else
    those whose title sets their width, the biggest gain first, until it fits (or all)."""
    wrapped: set[int] = set()
    gains = sorted(
        (
            (measured.needs(set())[i] - measured.needs({i})[i], i)
            for i in range(len(measured.titles))
            if i not in keep
        ),
        reverse=True,
    )
    for gain, index in gains:
        if sum(measured.needs(wrapped)) <= room or gain <= 0:
            break
        wrapped.add(index)
    return frozenset(wrapped)


def fit_columns(table: QTableView, keep: set[int]) -> None:
    """Size the columns of ``table`` (a list of a :class:`PagedTableModel`) to its width;
    the columns in ``keep`` (resized by the person) stay as they are."""
    model: PagedTableModel[Any] = table.model()  # type: ignore[assignment]
    if not model.columns:
        return
    measured = measure(table)
    header = table.horizontalHeader()
    room = table.viewport().width()
    for index in keep:
        if 0 <= index < len(measured.contents):
            measured.titles[index] = measured.two_line_titles[index] = header.sectionSize(index)
            measured.contents[index] = header.sectionSize(index)
    wrapped = titles_to_wrap(measured, room, keep)
    model.set_wrapped_titles(wrapped)
    needs = measured.needs(wrapped)
    floors = floors_of(table, needs, measured, wrapped)
    for index in keep:
        if 0 <= index < len(needs):
            floors[index] = needs[index]
    takers = [i for i, c in enumerate(model.columns) if c.width == 0 and i not in keep]
    if not takers:
        takers = [i for i, c in enumerate(model.columns) if c.elides and i not in keep]
    widths = share(needs, floors, takers, room)
    for index, width in enumerate(widths):
        if header.sectionSize(index) != width:
            header.resizeSection(index, width)
