"""Ruled tables: paragraph cells that wrap, a header row repeated on every page, group rows,
subtotals and totals.

Cells are paragraphs so long text wraps inside its column instead of running over the next
one. Numbers, amounts and headings are never cut inside a word: their type gets smaller
instead (``styles.fitted``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Table, TableStyle

from hubdesk.reports.fonts import CONDENSED, CONDENSED_BOLD, printable
from hubdesk.reports.lang import ReportLanguage, text
from hubdesk.reports.styles import (
    BOX_FILL,
    FRAME_WIDTH,
    HEADER_FILL,
    INK,
    RULE,
    ZEBRA_FILL,
    fitted,
    styles,
)

Cell: TypeAlias = str | Flowable | None
PADDING = 3.0


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
    return Table(data, colWidths=list(widths), style=style, hAlign="LEFT", **options)


def _cell(value: Cell, align: str, width: float, bold: bool = False) -> Flowable | str:
    """A text cell: a plain string when it fits on one line (the table draws it in the same
    font, size and alignment, several times faster than a paragraph), else a paragraph that
    wraps, or for numbers and amounts a smaller one that does not."""
    if value is None:
        return ""
    if isinstance(value, Flowable):
        return value
    plain = printable(value).strip()
    style = styles().cell_for(align, bold)
    if "\n" not in plain and stringWidth(plain, style.fontName, style.fontSize) <= width:
        return plain
    if align != "L":
        style = fitted(style, plain, width)
    return Paragraph(text(value), style)


# A word, or the part of a hyphenated word up to and including a hyphen ("multi-", "actor").
PIECE = re.compile(r"[^\s-]*-+(?=[^\s-])|\S+")


def wrap_label(label: str, font: str, size: float, width: float) -> list[str]:
    """Lines of a column heading: broken between words and after hyphens, so that
    "National-local, local-local" wraps as a person would and no word is cut."""
    lines: list[str] = []
    line = ""
    for word in label.split():
        pieces = PIECE.findall(word)
        for index, piece in enumerate(pieces):
            joiner = "" if index else " "
            candidate = f"{line}{joiner}{piece}" if line else piece
            if line and stringWidth(candidate, font, size) > width:
                lines.append(line)
                line = piece
            else:
                line = candidate
    if line:
        lines.append(line)
    return lines


def _header(tr: ReportLanguage, column: Column, width: float) -> Paragraph:
    local = printable(tr(column.label))
    pieces = " ".join(p for w in local.split() for p in PIECE.findall(w))
    style = fitted(styles().head_for(column.align), pieces, width)
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
    weights = sum(c.weight for c in columns)
    widths = [width * c.weight / weights for c in columns]
    inner = [w - 2 * PADDING for w in widths]
    emphasised = set(subtotal_rows) | set(group_rows)
    data: list[list[Flowable | str]] = [
        [_header(tr, c, w) for c, w in zip(columns, inner, strict=True)]
    ]
    for index, row in enumerate(rows):
        bold = index in emphasised
        data.append(
            [_cell(v, c.align, w, bold) for v, c, w in zip(row, columns, inner, strict=True)]
        )
    for row in totals:
        data.append(
            [_cell(v, c.align, w, True) for v, c, w in zip(row, columns, inner, strict=True)]
        )
    cell = styles().cell
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), CONDENSED),
        ("FONTSIZE", (0, 0), (-1, -1), cell.fontSize),
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
    if totals:
        commands.append(("LINEABOVE", (0, -len(totals)), (-1, -len(totals)), 1.0, INK))
    cls = LongTable if len(data) > 40 else Table
    return cls(data, colWidths=widths, repeatRows=1, style=TableStyle(commands), hAlign="LEFT")
