"""Building blocks every report is made of: title, headings, facts, tables, text, signatures.

Table cells are paragraphs, so long text wraps inside its column instead of running over the
next one; long tables split across pages with the header row repeated.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from hubdesk.i18n import N_
from hubdesk.reports.fonts import printable
from hubdesk.reports.lang import ReportLanguage, text
from hubdesk.reports.styles import (
    BOX_FILL,
    CELL_SIZE,
    FRAME_WIDTH,
    INK,
    fitted,
    styles,
)
from hubdesk.reports.tables import Cell, Column, grid, table


def title_block(tr: ReportLanguage, title_msgid: str, lines: Sequence[str]) -> list[Flowable]:
    """The first lines of page one: the report's name and what it covers."""
    s = styles()
    out: list[Flowable] = [Paragraph(tr.markup(title_msgid, s.title.fontSize), s.title)]
    out += [Paragraph(text(line), s.subtitle) for line in lines if line]
    out.append(Spacer(1, 4 * mm))
    return out


class Heading(Paragraph):
    """A heading that goes to the next page rather than stand alone at the foot of one.

    (``keepWithNext`` would instead carry a whole following table over when it could have
    started on this page, leaving most of the page empty.)
    """

    RESERVE = 48.0  # room for the table header and a couple of rows, or a few lines of text

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = super().wrap(availWidth, availHeight)
        if height + self.RESERVE > availHeight:
            return width, availHeight + 1  # does not fit: the frame moves it on
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


def heading(tr: ReportLanguage, msgid: str, level: int = 1, **params: object) -> Paragraph:
    style = styles().h1 if level == 1 else styles().h2
    return Heading(tr.markup(msgid, style.fontSize, **params), style)


def note(value: str) -> Paragraph:
    """A small grey line under a table: how a figure was counted."""
    return Paragraph(text(value), styles().note)


def paragraphs(value: str | None, empty: str = "–") -> list[Flowable]:
    """Free text typed by a person; blank lines separate paragraphs."""
    s = styles()
    chunks = [c for c in (value or "").replace("\r\n", "\n").split("\n\n") if c.strip()]
    if not chunks:
        return [Paragraph(text(empty), s.body)]
    return [Paragraph(text(chunk), s.body) for chunk in chunks]


def section(tr: ReportLanguage, msgid: str, value: str | None) -> list[Flowable]:
    """A level-2 heading with the person's text beneath (kept on one page when short)."""
    return [heading(tr, msgid, 2), *paragraphs(value), Spacer(1, 2 * mm)]


def facts(
    tr: ReportLanguage, items: Sequence[tuple[str, str]], width: float = FRAME_WIDTH
) -> Table:
    """Label / value pairs (labels are msgids) in two columns of pairs."""
    s = styles()
    cells = [
        (Paragraph(tr.markup(label, CELL_SIZE), s.label), Paragraph(text(value or "–"), s.body))
        for label, value in items
    ]
    half = (len(cells) + 1) // 2
    left, right = cells[:half], cells[half:]
    rows = [[*left[i], *(right[i] if i < len(right) else ("", ""))] for i in range(half)]
    quarter = width / 4
    widths = [quarter * 0.85, quarter * 1.15, quarter * 0.85, quarter * 1.15]
    return grid(
        rows,
        widths,
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
        ],
    )


def kpis(tr: ReportLanguage, items: Sequence[tuple[str, str]], width: float = FRAME_WIDTH) -> Table:
    """Key figures as a row of boxes: big number, small label beneath."""
    s = styles()
    box = width / len(items)
    cells = [
        [
            Paragraph(text(value), fitted(s.kpi_value, printable(value), box - 12)),
            Paragraph(tr.markup(label, 7.5), s.kpi_label),
        ]
        for label, value in items
    ]
    widths = [box] * len(items)
    return grid(
        [cells],
        widths,
        [
            ("BOX", (0, 0), (-1, -1), 0.6, INK),
            ("INNERGRID", (0, 0), (-1, -1), 0.6, INK),
            ("BACKGROUND", (0, 0), (-1, -1), BOX_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ],
    )


NO_DATA_PERIOD = N_("No data for this period")
# TRANSLATORS: the heading of a periodic or regional report whose period has no meetings, youth
# activities or proposals; trainings, the Help Desk and the like follow it, each saying its own.
NO_TEAM_ACTIVITY = N_("No team activity in this period")
# TRANSLATORS: the heading of an empty report that is not about a period (the fund, a roster).
NO_DATA_YET = N_("No data yet")


def no_data(
    tr: ReportLanguage, detail_msgid: str, heading_msgid: str = NO_DATA_PERIOD
) -> list[Flowable]:
    """What an empty period prints instead of empty tables: a clear statement, in a box. A
    report that is not about a period (the fund, a roster as of today) passes its own
    heading: "for this period" under "As recorded on 5 Dec 2026" reads as a mistake."""
    s = styles()
    box = grid(
        [
            [Paragraph(tr.markup(heading_msgid, s.empty.fontSize), s.empty)],
            [Paragraph(tr.markup(detail_msgid, s.empty_note.fontSize), s.empty_note)],
        ],
        [FRAME_WIDTH * 0.8],
        [
            ("BOX", (0, 0), (-1, -1), 1, INK),
            ("BACKGROUND", (0, 0), (-1, -1), BOX_FILL),
            ("TOPPADDING", (0, 0), (-1, -1), 14),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
        ],
    )
    box.hAlign = "CENTER"
    return [Spacer(1, 40 * mm), box]


def signatures(tr: ReportLanguage, roles: Sequence[str], stamp: bool = False) -> KeepTogether:
    """Places to sign (role; a line for name and signature; a line for the date) and
    optionally a box for the official stamp. The lines of all roles sit at one height even
    when a role's name takes two lines."""
    s = styles()
    count = len(roles) + (1 if stamp else 0)
    width = FRAME_WIDTH / count
    inner = width - 14
    titles = [Paragraph(f"<b>{tr.markup(role, 8.5)}</b>", s.sign) for role in roles]
    title_height = max(title.wrap(inner, 1000)[1] for title in titles) + 6
    cells: list[Flowable] = []
    for title in titles:
        block = grid(
            [
                [title],
                [""],
                [Paragraph(tr.markup("Name and signature", 7.5), s.note)],
                [""],
                [Paragraph(tr.markup("Date", 7.5), s.note)],
            ],
            [inner],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEABOVE", (0, 2), (0, 2), 0.6, INK),
                ("LINEABOVE", (0, 4), (0, 4), 0.6, INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ],
            rowHeights=[title_height, 12 * mm, None, 6 * mm, None],
        )
        cells.append(block)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 14),
    ]
    if stamp:
        cells.append(Paragraph(tr.markup("Official stamp", 7.5), s.note))
        commands += [
            ("BOX", (-1, 0), (-1, -1), 0.6, INK),
            ("LEFTPADDING", (-1, 0), (-1, -1), 4),
            ("RIGHTPADDING", (-1, 0), (-1, -1), 4),
        ]
    places = grid([cells], [width] * count, commands, rowHeights=[title_height + 26 * mm])
    return KeepTogether([Spacer(1, 6 * mm), places, Spacer(1, 4 * mm)])


def together(*flowables: Flowable) -> KeepTogether:
    """Keep a short heading, table and note on one page (a long table still splits).

    A KeepTogether inside is opened up: reportlab measures a nested one as 16 million points
    high, so the whole group would always go to a new page, leaving most of this one empty.
    """
    content: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            content += flowable._content
        else:
            content.append(flowable)
    for flowable in content:
        if isinstance(flowable, Heading):
            # The group already keeps the heading with what follows. A heading that also asked
            # for its own room below made reportlab give up ("Splitting error") when the whole
            # group fitted at a page foot but the heading plus that room did not.
            flowable.RESERVE = 0.0
    return KeepTogether(content)


SHORT_TABLE_ROWS = 8  # header row included: a table this short is never split across pages


def keep_short_tables(story: Sequence[Flowable]) -> list[Flowable]:
    """Each heading with the short table under it (and the table's notes) kept on one page.

    Left alone, reportlab split a table of three municipalities after the second and printed
    the third alone on the next page under a repeated header, its note after it. A short table
    is read at a glance: it goes to the next page whole with its heading, which leaves little
    of this page unused. Longer tables still split, their header repeated.
    """
    out: list[Flowable] = []
    index = 0
    while index < len(story):
        flowable = story[index]
        after = story[index + 1] if index + 1 < len(story) else None
        if not (
            isinstance(flowable, Heading)
            and isinstance(after, Table)
            and len(after._cellvalues) <= SHORT_TABLE_ROWS
        ):
            out.append(flowable)
            index += 1
            continue
        group = [flowable, after]
        index += 2
        while index < len(story) and _is_note(story[index]):
            group.append(story[index])
            index += 1
        out.append(together(*group))
    return out


def _is_note(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style is styles().note


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


def page_break() -> PageBreak:
    return PageBreak()


__all__ = ["Cell", "Column", "grid", "table"]
