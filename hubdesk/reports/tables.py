"""Ruled tables: paragraph cells that wrap, a header row repeated on every page, group rows,
subtotals and totals.

No word is ever cut: cells and headings wrap only at spaces and after hyphens, and every column
is at least as wide as its longest word ("Заменик-претседавач", "50 000,00 MKD": amounts join
their parts with no-break spaces). The width a column needs is taken from the slack of the
others; only when the words of a table cannot fit the page side by side does its type get a
little smaller (never below ``MIN_SIZE``); if even that is not enough, only the words wider
than a shared cap are cut (a typed 60-letter word), never the short words of other columns.
A total or subtotal row never starts a page alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Table, TableStyle

from hubdesk.reports.fonts import CONDENSED, CONDENSED_BOLD, printable
from hubdesk.reports.lang import ReportLanguage
from hubdesk.reports.styles import (
    BOX_FILL,
    CELL_SIZE,
    FRAME_WIDTH,
    HEADER_FILL,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_HEIGHT,
    RULE,
    ZEBRA_FILL,
    resized,
    styles,
)

Cell: TypeAlias = str | Flowable | None
PADDING = 3.0
MIN_SIZE = 7.0  # smallest type a table may shrink to so that its words fit
ENGLISH_RATIO = 0.78  # the English line under a bilingual heading (ReportLanguage.english)
SLACK = 0.01  # points left over per line, so that reportlab's own measure never wraps again
# The height a table has on an empty page: the body frame (document.py: no padding).
PAGE_ROOM = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM


class _RowBreaks:
    """A table row taller than a whole page continues on the next page.

    Rows are kept whole wherever they fit on a page; but a row holding a long typed text (a
    youth activity's outcome, a member's trainings, a proposal's partners: up to 50 000
    characters) can be taller than any page, and reportlab then gave up with a LayoutError and
    no report was made at all. Only such a row is broken between its lines.
    """

    splitInRow: int
    repeatRows: int
    _rowHeights: list[float]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)  # type: ignore[misc]
        if parts or not self._row_beyond_a_page():
            return parts
        self.splitInRow = 1
        return super().split(availWidth, availHeight)  # type: ignore[misc]

    def _row_beyond_a_page(self) -> bool:
        head = sum(self._rowHeights[: self.repeatRows])
        return any(head + h > PAGE_ROOM for h in self._rowHeights[self.repeatRows :])


class RowBreakingTable(_RowBreaks, Table):
    """A Table whose rows taller than a page continue on the next one (``_RowBreaks``)."""


class RowBreakingLongTable(_RowBreaks, LongTable):
    """The LongTable (many rows) counterpart of ``RowBreakingTable``."""


@dataclass(frozen=True)
class Column:
    """A table column: msgid of its heading, relative width, alignment L / R / C."""

    label: str
    weight: float = 1.0
    align: str = "L"


def grid(
    data: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    commands: Sequence[tuple[object, ...]] = (),
    **options: object,
) -> Table:
    """A reportlab Table whose text cells (empty ones too) are set in DejaVu: reportlab's default
    cell font is Helvetica, a base-14 font that would be referenced in the PDF without Cyrillic."""
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), CONDENSED), *commands])
    return RowBreakingTable(data, colWidths=list(widths), style=style, hAlign="LEFT", **options)


# A word, or the part of a hyphenated word up to and including a hyphen ("multi-", "actor").
PIECE = re.compile(r"[^\s-]*-+(?=[^\s-])|\S+")
# The same inside data text, where no-break spaces join words ("50 000,00 MKD", "10. 1."):
# words end at ordinary spaces and tabs only; a leading minus sign stays with its number.
_WORD_GAP = re.compile(r"[ \t]+")
_HYPHEN_PIECE = re.compile(r"[^-]+-+(?=[^-])|.+")


def _pieces(line: str) -> list[str]:
    return [p for word in _WORD_GAP.split(line) if word for p in _HYPHEN_PIECE.findall(word)]


def _wrap(pieces: Sequence[tuple[str, bool]], font: str, size: float, width: float) -> list[str]:
    """Lines of at most ``width`` from pieces (text, starts a new word); a piece wider than the
    line stands alone on one rather than being cut."""
    lines: list[str] = []
    line = ""
    for piece, new_word in pieces:
        candidate = f"{line}{' ' if new_word else ''}{piece}" if line else piece
        if line and stringWidth(candidate, font, size) > width:
            lines.append(line)
            line = piece
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _label_pieces(label: str, data: bool) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    words = [w for w in (_WORD_GAP.split(label) if data else label.split()) if w]
    for word in words:
        parts = _HYPHEN_PIECE.findall(word) if data else PIECE.findall(word)
        out += [(part, index == 0) for index, part in enumerate(parts)]
    return out


def wrap_label(label: str, font: str, size: float, width: float) -> list[str]:
    """Lines of a column heading: broken between words and after hyphens, so that
    "National-local, local-local" wraps as a person would and no word is cut."""
    return _wrap(_label_pieces(label, data=False), font, size, width - SLACK)


def wrap_text(value: str, font: str, size: float, width: float) -> list[str]:
    """Lines of a data cell (its own line breaks kept), broken like ``wrap_label`` but never at
    a no-break space."""
    lines: list[str] = []
    for part in value.split("\n"):
        lines += _wrap(_label_pieces(part.strip(), data=True), font, size, width - SLACK) or [""]
    return lines


def _widest_word(value: str, font: str) -> float:
    """Width at 1 pt of the longest piece that may not be broken (scaled by the size later)."""
    if " " not in value and "-" not in value and "\t" not in value and "\n" not in value:
        return stringWidth(value, font, 1)
    pieces = (piece for line in value.split("\n") for piece in _pieces(line))
    return max((stringWidth(piece, font, 1) for piece in pieces), default=0.0)


def _header_needs(tr: ReportLanguage, column: Column) -> tuple[float, float]:
    """Widest heading word at 1 pt, in the local and (bilingual) English line."""
    local = printable(tr(column.label))
    pieces = [piece for word in local.split() for piece in PIECE.findall(word)]
    widest = max((stringWidth(piece, CONDENSED_BOLD, 1) for piece in pieces), default=0.0)
    english = 0.0
    if tr.english(column.label, CELL_SIZE):
        words = column.label.split()
        english = max((stringWidth(w, CONDENSED_BOLD, ENGLISH_RATIO) for w in words), default=0.0)
    return widest, english


def column_widths(needs: Sequence[float], weights: Sequence[float], width: float) -> list[float]:
    """Widths in proportion to ``weights``, except that no column is narrower than it needs:
    what a column lacks comes from the others' room beyond their own needs."""
    total = sum(weights)
    base = [width * w / total for w in weights]
    if sum(needs) >= width:  # cannot be helped: the widest words give way, the others stay
        return _capped(needs, width)
    final = [max(b, n) for b, n in zip(base, needs, strict=True)]
    excess = sum(final) - width
    slack = [f - n for f, n in zip(final, needs, strict=True)]
    room = sum(slack)
    if excess > 0 and room > 0:
        final = [f - excess * s / room for f, s in zip(final, slack, strict=True)]
    return final


def _capped(needs: Sequence[float], width: float) -> list[float]:
    """Widths for words that cannot all fit side by side (a typed 60-letter word): every column
    gets its need up to one cap, chosen so that the table fills the page, and only the words
    over it are cut. Squeezing every column alike cut "Anëtar" and "Femër" in two as well."""
    cap, left, count = width, width, len(needs)
    for need in sorted(needs):
        cap = left / count
        if need > cap:
            break
        left, count = left - need, count - 1
    return [min(need, cap) for need in needs]


def _size_and_widths(
    tr: ReportLanguage,
    columns: Sequence[Column],
    body: Sequence[tuple[Sequence[Cell], bool]],
    spanned: set[int],
    width: float,
) -> tuple[float, list[float]]:
    """The table's type size and column widths: every word whole, the type as large as fits."""
    unit = [0.0] * len(columns)  # widest word per column at 1 pt
    english = [0.0] * len(columns)
    for col, column in enumerate(columns):
        unit[col], english[col] = _header_needs(tr, column)
    for index, (row, bold) in enumerate(body):
        if index in spanned:
            continue
        font = CONDENSED_BOLD if bold else CONDENSED
        for col, value in enumerate(row):
            if isinstance(value, str) and value:
                unit[col] = max(unit[col], _widest_word(printable(value), font))
    size = CELL_SIZE
    while True:
        needs = [max(u, e) * size + 2 * PADDING + 0.5 for u, e in zip(unit, english, strict=True)]
        if sum(needs) <= width or size <= MIN_SIZE:
            break
        fixed = 2 * PADDING * len(columns)
        guess = size * (width - fixed) / (sum(needs) - fixed)
        size = max(MIN_SIZE, min(size - 0.25, int(guess * 4) / 4))
    return size, column_widths(needs, [c.weight for c in columns], width)


def _cell(value: Cell, style: ParagraphStyle, width: float) -> Flowable | str:
    """A text cell: a plain string when it fits on one line (the table draws it in the same
    font, size and alignment, several times faster than a paragraph), else a paragraph broken
    into lines here, at spaces and after hyphens only."""
    if value is None:
        return ""
    if isinstance(value, Flowable):
        return value
    plain = printable(value).strip()
    if "\n" not in plain and stringWidth(plain, style.fontName, style.fontSize) <= width:
        return plain
    lines = wrap_text(plain, style.fontName, style.fontSize, width)
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def _header(tr: ReportLanguage, column: Column, style: ParagraphStyle, width: float) -> Paragraph:
    local = printable(tr(column.label))
    lines = wrap_label(local, style.fontName, style.fontSize, width)
    markup = "<br/>".join(escape(line) for line in lines)
    return Paragraph(markup + tr.english(column.label, style.fontSize), style)


def table(
    tr: ReportLanguage,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    totals: Sequence[Sequence[Cell]] = (),
    subtotal_rows: Sequence[int] = (),
    group_rows: Sequence[int] = (),
    width: float = FRAME_WIDTH,
) -> Table:
    """A ruled table with a grey header row repeated on every page it runs onto.

    ``totals`` rows go at the end, bold, under a heavier rule. ``subtotal_rows`` (indices into
    ``rows``) are shaded and bold; ``group_rows`` are shaded headings spanning the table (give
    the heading as the row's first cell).
    """
    emphasised = set(subtotal_rows) | set(group_rows)
    body = [(row, index in emphasised) for index, row in enumerate(rows)]
    body += [(row, True) for row in totals]
    size, widths = _size_and_widths(tr, columns, body, set(group_rows), width)
    inner = [w - 2 * PADDING for w in widths]
    s = styles()
    heads = [resized(s.head_for(c.align), size) for c in columns]
    data: list[list[Flowable | str]] = [
        [_header(tr, c, h, w) for c, h, w in zip(columns, heads, inner, strict=True)]
    ]
    cells = {
        bold: [resized(s.cell_for(c.align, bold), size) for c in columns] for bold in (False, True)
    }
    for index, (row, bold) in enumerate(body):
        if index in group_rows:  # the heading spans the table
            spans = [sum(widths) - 2 * PADDING, *inner[1:]]
            data.append([_cell(v, st, w) for v, st, w in zip(row, cells[bold], spans, strict=True)])
            continue
        data.append([_cell(v, st, w) for v, st, w in zip(row, cells[bold], inner, strict=True)])
    cell = cells[False][0]
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), cell.leading),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for col, column in enumerate(columns):
        if column.align != "L":
            where = "RIGHT" if column.align == "R" else "CENTER"
            commands.append(("ALIGN", (col, 1), (col, -1), where))
    for index in sorted(emphasised):
        commands.append(("FONTNAME", (0, index + 1), (-1, index + 1), CONDENSED_BOLD))
    if totals:
        commands.append(("FONTNAME", (0, -len(totals)), (-1, -1), CONDENSED_BOLD))
    if len(rows) > 3 and not emphasised:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, len(rows)), [None, ZEBRA_FILL]))
    for index in emphasised:
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), BOX_FILL))
    for index in group_rows:
        commands.append(("SPAN", (0, index + 1), (-1, index + 1)))
        commands.append(("LINEABOVE", (0, index + 1), (-1, index + 1), 0.6, INK))
        if index + 2 < len(data):  # a sector's heading goes with its first member
            commands.append(("NOSPLIT", (0, index + 1), (-1, index + 2)))
    # A subtotal stays with the line above it, the totals with the last row (data row
    # numbers: the header is row 0).
    for index in subtotal_rows:
        if index > 0:
            commands.append(("NOSPLIT", (0, index), (-1, index + 1)))
    if totals:
        first_total = len(data) - len(totals)
        commands.append(("LINEABOVE", (0, first_total), (-1, first_total), 1.0, INK))
        commands.append(("NOSPLIT", (0, max(1, first_total - 1)), (-1, len(data) - 1)))
    cls = RowBreakingLongTable if len(data) > 40 else RowBreakingTable
    return cls(data, colWidths=widths, repeatRows=1, style=TableStyle(commands), hAlign="LEFT")
