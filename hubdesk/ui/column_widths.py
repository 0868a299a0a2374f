"""How a list's columns share the table's width: each shows its cells whole where it can.

A column gets the width its title and its rows need (the first rows and the rows on screen, so a
list of 100,000 members costs what a screenful costs); the room left over goes to the column that
takes the rest (``width=0``: the name, the title). When the room is short, free-text columns
(``elides``: a title, a place) give up width first, down to a floor, and show the rest in their
tool tip; what is still too wide scrolls sideways rather than cutting an organisation's name.
A column the person has resized keeps the width they gave it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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
    """The first rows and the rows on screen."""
    count = model.rowCount()
    rows = set(range(min(count, SAMPLE_ROWS)))
    first = table.rowAt(0)
    if first >= 0:
        last = table.rowAt(table.viewport().height() - 1)
        rows.update(range(first, (last if last >= 0 else count - 1) + 1))
    return sorted(rows)


def cell_padding(table: QTableView) -> int:
    """Pixels of a cell that its text cannot use: the item text margins and the grid line."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table)
    return 2 * (margin + 1) + (1 if table.showGrid() else 0)


def measure(table: QTableView) -> tuple[list[int], list[int]]:
    """(what each column needs to show its title and cells whole, how far it may shrink)."""
    model: PagedTableModel[Any] = table.model()  # type: ignore[assignment]
    header = table.horizontalHeader()
    metrics = QFontMetricsF(table.font())  # fractional: the delegate cuts "2026." at 80.06 > 80
    char = metrics.averageCharWidth()
    pad = cell_padding(table)
    rows = _rows(table, model)
    needs: list[int] = []
    floors: list[int] = []
    for index, column in enumerate(model.columns):
        title = header.sectionSizeFromContents(index).width() + 2
        texts = (model.data(model.index(row, index), Qt.ItemDataRole.DisplayRole) for row in rows)
        widest = max((metrics.horizontalAdvance(t) for t in texts if isinstance(t, str)), default=0)
        content = math.ceil(min(widest + pad, char * MAX_CHARS) if widest else char * 4)
        need = max(title, content)
        needs.append(need)
        floors.append(max(title, min(need, round(char * FLOOR_CHARS))) if column.elides else need)
    return needs, floors


def fit_columns(table: QTableView, keep: set[int]) -> None:
    """Size the columns of ``table`` (a list of a :class:`PagedTableModel`) to its width;
    the columns in ``keep`` (resized by the person) stay as they are."""
    model: PagedTableModel[Any] = table.model()  # type: ignore[assignment]
    if not model.columns:
        return
    needs, floors = measure(table)
    header = table.horizontalHeader()
    for index in keep:
        if 0 <= index < len(needs):
            needs[index] = floors[index] = header.sectionSize(index)
    takers = [i for i, c in enumerate(model.columns) if c.width == 0 and i not in keep]
    if not takers:
        takers = [i for i, c in enumerate(model.columns) if c.elides and i not in keep]
    widths = share(needs, floors, takers, table.viewport().width())
    for index, width in enumerate(widths):
        if header.sectionSize(index) != width:
            header.resizeSection(index, width)
