"""The printed page: A4 with header and footer, "page X of Y", metadata, and a safe write.

"Page X of Y" needs the page count before the first page is finished. Building twice would
double the time, so the canvas keeps every finished page and draws the footers when the count
is known (the well-known reportlab "numbered canvas" recipe).
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table

from hubdesk import __version__
from hubdesk.i18n.oserrors import os_reason
from hubdesk.reports.errors import ReportCancelled, ReportError
from hubdesk.reports.fonts import SANS, SANS_BOLD, printable, register_fonts
from hubdesk.reports.styles import (
    FRAME_WIDTH,
    GREY,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
)

Progress = Callable[[int, int], bool | None]
DRAFT_GREY = colors.Color(0.86, 0.86, 0.86)


@dataclass(frozen=True)
class PageDress:
    """What the header and footer of every page say (already translated)."""

    owner: str  # the municipality (or the hub) the report is about
    title: str
    period: str
    generated: str  # "Generated on 21 Nov 2025"
    page_of: str  # "Page {page} of {pages}", placeholders left in
    lang: str  # BCP 47 tag for /Lang
    subject: str
    draft: str = ""  # the word written across every page of a draft ("DRAFT"), or nothing


def _footer_right(canvas: Canvas, dress: PageDress, page: int, pages: int) -> None:
    canvas.saveState()
    canvas.setFont(SANS, 7.5)
    canvas.setFillColor(GREY)
    label = printable(dress.page_of.format(page=page, pages=pages))
    canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, MARGIN_BOTTOM - 10, label)
    canvas.restoreState()


class NumberedCanvas(Canvas):
    """Holds finished pages back until ``save`` so each footer can say "of Y"."""

    def __init__(self, *args: Any, dress: PageDress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._dress = dress
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            _footer_right(self, self._dress, number, total)
            super().showPage()
        super().save()


def _fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """One header line in ``width``: smaller type first (down to 6 pt), then cut with "…"."""
    text = printable(text)
    while size > 6 and stringWidth(text, font, size) > width:
        size -= 0.5
    while len(text) > 1 and stringWidth(text, font, size) > width:
        text = text[:-2].rstrip() + "…"
    return text, size


def _draw_draft_mark(canvas: Canvas, word: str) -> None:
    """The draft word across the page, light grey and under the text (drawn before it), so
    that a copy printed or passed on is never taken for the final one."""
    word = printable(word)
    diagonal = (PAGE_WIDTH**2 + PAGE_HEIGHT**2) ** 0.5
    size = min(110.0, diagonal * 0.6 / max(1.0, stringWidth(word, SANS_BOLD, 1)))
    canvas.saveState()
    canvas.setFillColor(DRAFT_GREY)
    canvas.setFont(SANS_BOLD, size)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(math.degrees(math.atan2(PAGE_HEIGHT, PAGE_WIDTH)))
    canvas.drawCentredString(0, -size * 0.35, word)
    canvas.restoreState()


def _draw_frame(dress: PageDress, canvas: Canvas, _doc: BaseDocTemplate) -> None:
    """Header (owner left, title and period right, a rule), the footer's left half, and the
    draft mark of a draft."""
    if dress.draft:
        _draw_draft_mark(canvas, dress.draft)
    canvas.saveState()
    top = PAGE_HEIGHT - MARGIN_TOP + 9
    owner, owner_size = _fit(dress.owner, SANS_BOLD, 8.5, FRAME_WIDTH * 0.4)
    room = FRAME_WIDTH - stringWidth(owner, SANS_BOLD, owner_size) - 18
    title, title_size = _fit(dress.title, SANS, 8, room)
    period, period_size = _fit(dress.period, SANS, 8, room)
    canvas.setFillColor(INK)
    canvas.setFont(SANS_BOLD, owner_size)
    canvas.drawString(MARGIN_LEFT, top + 10, owner)
    canvas.setFont(SANS, title_size)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top + 10, title)
    canvas.setFillColor(GREY)
    canvas.setFont(SANS, period_size)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top, period)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_LEFT, top - 5, PAGE_WIDTH - MARGIN_RIGHT, top - 5)
    canvas.line(MARGIN_LEFT, MARGIN_BOTTOM - 2, PAGE_WIDTH - MARGIN_RIGHT, MARGIN_BOTTOM - 2)
    canvas.setFont(SANS, 7.5)
    canvas.setFillColor(GREY)
    canvas.drawString(MARGIN_LEFT, MARGIN_BOTTOM - 10, printable(dress.generated))
    canvas.restoreState()


def _weight(flowable: Flowable) -> int:
    """Rough share of the work a flowable still needs: rows for tables, one otherwise."""
    if isinstance(flowable, Table):
        return max(1, len(flowable._cellvalues))
    return 1


class ReportTemplate(BaseDocTemplate):
    """A4 portrait, one frame; reports progress per page and stops when asked to."""

    def __init__(self, filename: str, dress: PageDress, progress: Progress | None) -> None:
        super().__init__(
            filename,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=printable(dress.title),
            author=printable(dress.owner),
            subject=printable(dress.subject),
            creator=f"HubDesk {__version__}",
            lang=dress.lang,
            displayDocTitle=1,
            initialFontName=SANS,
            initialFontSize=9,
        )
        frame = Frame(
            MARGIN_LEFT,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=partial(_draw_frame, dress))])
        self._progress = progress
        self._pending: list[Flowable] = []
        self._total = 1

    def start(self, story: Sequence[Flowable]) -> None:
        self._total = max(1, sum(_weight(f) for f in story))

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self._pending = flowables  # the list build() consumes; split parts are put back on it
        super().handle_flowable(flowables)

    def afterPage(self) -> None:
        if self._progress is None:
            return
        remaining = sum(_weight(f) for f in self._pending)
        done = max(0, min(self._total - 1, self._total - remaining))
        if self._progress(done, self._total) is False:
            raise ReportCancelled("cancelled")


def write_pdf(
    out: Path, story: list[Flowable], dress: PageDress, progress: Progress | None = None
) -> Path:
    """Lay out ``story`` into ``out``. The PDF is written beside ``out`` under a temporary name
    and renamed only when complete, so a failure or a cancel never leaves half a file."""
    register_fonts()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".hubdesk-", suffix=".pdf.part", dir=out.parent)
    except OSError as exc:
        raise ReportError(_cannot_write(out, exc)) from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        doc = ReportTemplate(str(temp), dress, progress)
        doc.start(story)
        doc.build(story, canvasmaker=partial(NumberedCanvas, dress=dress))
        if progress is not None and progress(1, 1) is False:
            raise ReportCancelled("cancelled")
        os.replace(temp, out)
    except OSError as exc:
        raise ReportError(_cannot_write(out, exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return out


def _cannot_write(out: Path, exc: OSError) -> str:
    from hubdesk.i18n import _

    return _("Cannot write {path}: {reason}").format(path=out, reason=os_reason(exc))
