"""Page geometry, greys and paragraph styles shared by every report.

Everything is black on white with a few greys so that a report prints well on the office's
black-and-white laser printer and photocopies cleanly.
"""

from __future__ import annotations

import re
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from hubdesk.reports.fonts import CONDENSED, CONDENSED_BOLD, SANS, SANS_BOLD, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.black
GREY = colors.Color(0.33, 0.33, 0.33)
RULE = colors.Color(0.55, 0.55, 0.55)
HEADER_FILL = colors.Color(0.86, 0.86, 0.86)
ZEBRA_FILL = colors.Color(0.95, 0.95, 0.95)
BOX_FILL = colors.Color(0.93, 0.93, 0.93)

BODY_SIZE = 9.5
CELL_SIZE = 8.5


class Styles:
    """Named paragraph styles; built once per process after the fonts are registered."""

    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=SANS, fontSize=BODY_SIZE, leading=12.5)
        self.body = base
        self.title = ParagraphStyle(
            "title", parent=base, fontName=SANS_BOLD, fontSize=18, leading=22, spaceAfter=2
        )
        self.subtitle = ParagraphStyle(
            "subtitle", parent=base, fontSize=10.5, leading=14, textColor=GREY
        )
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=5,
        )
        self.h2 = ParagraphStyle(
            "h2",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=13.5,
            spaceBefore=7,
            spaceAfter=3,
        )
        self.note = ParagraphStyle(
            "note", parent=base, fontSize=7.5, leading=9.5, textColor=GREY, spaceBefore=2
        )
        self.label = ParagraphStyle(
            "label", parent=base, fontName=SANS_BOLD, fontSize=CELL_SIZE, leading=10.5
        )
        self.cell = ParagraphStyle(
            "cell", parent=base, fontName=CONDENSED, fontSize=CELL_SIZE, leading=10.5
        )
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.cell_center = ParagraphStyle("cell_center", parent=self.cell, alignment=TA_CENTER)
        self.cell_bold = ParagraphStyle("cell_bold", parent=self.cell, fontName=CONDENSED_BOLD)
        self.cell_bold_right = ParagraphStyle(
            "cell_bold_right", parent=self.cell_bold, alignment=TA_RIGHT
        )
        self.cell_bold_center = ParagraphStyle(
            "cell_bold_center", parent=self.cell_bold, alignment=TA_CENTER
        )
        self.head = ParagraphStyle(
            "head", parent=self.cell, fontName=CONDENSED_BOLD, fontSize=CELL_SIZE, leading=10
        )
        self.head_right = ParagraphStyle("head_right", parent=self.head, alignment=TA_RIGHT)
        self.head_center = ParagraphStyle("head_center", parent=self.head, alignment=TA_CENTER)
        self.kpi_value = ParagraphStyle(
            "kpi_value",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=16,
            leading=19,
            alignment=TA_CENTER,
        )
        self.kpi_label = ParagraphStyle(
            "kpi_label",
            parent=base,
            fontSize=7.5,
            leading=9.5,
            alignment=TA_CENTER,
            textColor=GREY,
        )
        self.empty = ParagraphStyle(
            "empty",
            parent=base,
            fontName=SANS_BOLD,
            fontSize=15,
            leading=20,
            alignment=TA_CENTER,
        )
        self.empty_note = ParagraphStyle(
            "empty_note", parent=base, alignment=TA_CENTER, textColor=GREY
        )
        self.sign = ParagraphStyle("sign", parent=base, fontSize=8, leading=10, alignment=TA_LEFT)

    def cell_for(self, align: str, bold: bool = False) -> ParagraphStyle:
        if bold:
            return {"R": self.cell_bold_right, "C": self.cell_bold_center}.get(
                align, self.cell_bold
            )
        return {"R": self.cell_right, "C": self.cell_center}.get(align, self.cell)

    def head_for(self, align: str) -> ParagraphStyle:
        return {"R": self.head_right, "C": self.head_center}.get(align, self.head)


@cache
def styles() -> Styles:
    return Styles()


def fitted(style: ParagraphStyle, plain: str, width: float, minimum: float = 5.5) -> ParagraphStyle:
    """``style``, made smaller if needed so that the longest word of ``plain`` fits ``width``.

    Paragraphs wrap between words but cut a word too long for its column in the middle
    ("Participan-ts", "MKD50,000.-00"); numbers, amounts and single-word headings must not be
    cut, so their size gives way instead (never below ``minimum`` points).
    """
    # No-break spaces (in "50.000,00 ден.") join words: split on ordinary spaces only.
    words = [w for w in re.split(r"[ \t\n]+", plain) if w]
    if not words:
        return style
    widest = max(stringWidth(word, style.fontName, style.fontSize) for word in words)
    if widest <= width:
        return style
    size = max(minimum, int(style.fontSize * width / widest * 4) / 4)
    return _resized(style, size)


def resized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """``style`` in another type size, its leading in proportion (one object per size)."""
    return style if size == style.fontSize else _resized(style, size)


@cache
def _resized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    ratio = size / style.fontSize
    return ParagraphStyle(
        f"{style.name}@{size}", parent=style, fontSize=size, leading=style.leading * ratio
    )
