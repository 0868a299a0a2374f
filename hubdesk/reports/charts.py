"""Charts drawn with reportlab graphics, made to survive a black-and-white printer.

Series differ by fill *and* pattern (solid dark, hatched, light, dotted outline), every bar and
slice carries its number, and legends repeat the pattern, so nothing depends on colour.
Charts are skipped (return ``None``) when every value is zero: an empty chart says nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from hubdesk.reports.fonts import CONDENSED, SANS, SANS_BOLD, printable
from hubdesk.reports.styles import FRAME_WIDTH, INK

FILLS = (
    colors.Color(0.25, 0.25, 0.25),
    colors.white,
    colors.Color(0.72, 0.72, 0.72),
    colors.white,
    colors.Color(0.48, 0.48, 0.48),
)
HATCHED = {1: "diagonal", 3: "cross"}
# Pie slices cannot be hatched simply; greys far apart, in the legend's order, clockwise.
PIE_FILLS = (
    colors.Color(0.2, 0.2, 0.2),
    colors.Color(0.85, 0.85, 0.85),
    colors.Color(0.55, 0.55, 0.55),
    colors.white,
)
LABEL_SIZE = 7.5


def _hatch(x: float, y: float, w: float, h: float, kind: str, step: float = 3.2) -> Group:
    """45° lines (both ways for ``cross``) clipped by hand to the rectangle x, y, w, h."""
    group = Group()
    k = -h + step / 2
    while k < w:
        # Points of the line x' - y' = k inside [0, w] x [0, h] (x', y' relative to the box).
        x0, x1 = max(k, 0.0), min(w, h + k)
        for flip in (False, True) if kind == "cross" else (False,):
            a, b = (w - x0, w - x1) if flip else (x0, x1)
            group.add(Line(x + a, y + x0 - k, x + b, y + x1 - k, strokeColor=INK, strokeWidth=0.45))
        k += step
    return group


def _swatch(index: int, x: float, y: float, w: float, h: float) -> Group:
    group = Group()
    fill = FILLS[index % len(FILLS)]
    group.add(Rect(x, y, w, h, fillColor=fill, strokeColor=INK, strokeWidth=0.5))
    kind = HATCHED.get(index % len(FILLS))
    if kind:
        group.add(_hatch(x, y, w, h, kind))
    return group


def _legend(drawing: Drawing, names: Sequence[str], x: float, y: float, width: float) -> float:
    """Legend entries left to right, wrapping; returns the height used."""
    cursor_x, cursor_y, used = x, y, 12.0
    for index, name in enumerate(names):
        label = printable(name)
        entry = 14 + 4 + stringWidth(label, SANS, LABEL_SIZE) + 12
        if cursor_x + entry > x + width and cursor_x > x:
            cursor_x, cursor_y, used = x, cursor_y - 12, used + 12
        drawing.add(_swatch(index, cursor_x, cursor_y, 14, 8))
        drawing.add(
            String(
                cursor_x + 18,
                cursor_y + 1,
                label,
                fontName=SANS,
                fontSize=LABEL_SIZE,
                fillColor=INK,
            )
        )
        cursor_x += entry
    return used


def _legend_height(names: Sequence[str], width: float) -> float:
    """The height ``_legend`` will use: long (bilingual) names wrap it onto more rows."""
    rows, cursor = 1, 0.0
    for name in names:
        entry = 14 + 4 + stringWidth(printable(name), SANS, LABEL_SIZE) + 12
        if cursor + entry > width and cursor > 0:
            rows, cursor = rows + 1, 0.0
        cursor += entry
    return 12.0 * rows


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    number: Callable[[float], str],
    value_text: Sequence[Sequence[str]] | None = None,
    width: float = FRAME_WIDTH,
    label_width: float | None = None,
    top: float | None = None,
) -> Drawing | None:
    """Horizontal grouped bars: one group per category, one bar per series, numbers at the
    bar ends. Horizontal so that long category names (pillars, municipalities) stay legible.

    ``number`` writes a value the way the report's tables do ("1.134" in Macedonian, "1,134"
    in English): ``ReportLanguage.number``. ``value_text`` replaces it with ready texts
    (amounts of money). ``top`` is the value of a full-length bar (default: the largest), so
    that the parts of one long chart share a scale (``bar_charts``)."""
    values = [[float(v) for v in vals] for _, vals in series]
    top_value = top if top is not None else max((v for vals in values for v in vals), default=0.0)
    if top_value <= 0 or not categories:
        return None
    shown = [
        [printable(value_text[s][c] if value_text else number(vals[c])) for c in range(len(vals))]
        for s, vals in enumerate(values)
    ]
    reserve = max(stringWidth(t, SANS, LABEL_SIZE - 0.5) for row in shown for t in row) + 8
    bar_h, gap = 9.0, 7.0
    if label_width is None:
        longest = max(stringWidth(printable(c), CONDENSED, LABEL_SIZE) for c in categories)
        label_width = min(170.0, max(50.0, longest + 12))
    labels = [simpleSplit(printable(c), CONDENSED, LABEL_SIZE, label_width - 6) for c in categories]
    group_heights = [max(len(series) * bar_h, len(lines) * 9.0) + gap for lines in labels]
    names = [name for name, _ in series]
    legend_h = (
        4.0 + _legend_height(names, width - label_width - reserve) if len(series) > 1 else 0.0
    )
    height = sum(group_heights) + legend_h + 6
    drawing = Drawing(width, height, initialFontName=SANS, initialFontSize=LABEL_SIZE)
    plot_x = label_width
    plot_w = width - label_width - reserve
    y = height - legend_h - 4
    for c_index, lines in enumerate(labels):
        block = group_heights[c_index] - gap
        top = y
        for l_index, line in enumerate(lines):
            drawing.add(
                String(
                    plot_x - 6,
                    top - 8 - l_index * 9,
                    line,
                    fontName=CONDENSED,
                    fontSize=LABEL_SIZE,
                    textAnchor="end",
                    fillColor=INK,
                )
            )
        for s_index, vals in enumerate(values):
            bar_y = top - (s_index + 1) * bar_h
            length = plot_w * vals[c_index] / top_value
            if length > 0:
                drawing.add(_swatch(s_index, plot_x, bar_y + 1, length, bar_h - 2))
            drawing.add(
                String(
                    plot_x + length + 3,
                    bar_y + 2.2,
                    shown[s_index][c_index],
                    fontName=SANS,
                    fontSize=LABEL_SIZE - 0.5,
                    fillColor=INK,
                )
            )
        y -= block + gap
    drawing.add(Line(plot_x, 2, plot_x, height - legend_h - 2, strokeColor=INK, strokeWidth=0.6))
    if legend_h:
        _legend(drawing, [name for name, _ in series], plot_x, height - 12, plot_w)
    return drawing


# A chart part at most this tall, so that it and the heading kept with it fit on one page.
PART_HEIGHT = 560.0


def bar_charts(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    number: Callable[[float], str],
    value_text: Sequence[Sequence[str]] | None = None,
    width: float = FRAME_WIDTH,
    part_height: float = PART_HEIGHT,
) -> list[Drawing]:
    """``bar_chart`` in as many parts as it takes for each to fit on a page (a region of fifty
    municipalities would otherwise be one drawing taller than the page, which cannot be laid
    out), all drawn to the same scale with the same label column, categories kept whole."""
    top = max((float(v) for _, vals in series for v in vals), default=0.0)
    if top <= 0 or not categories:
        return []
    longest = max(stringWidth(printable(c), CONDENSED, LABEL_SIZE) for c in categories)
    label_width = min(170.0, max(50.0, longest + 12))

    def part(start: int, end: int) -> Drawing | None:
        return bar_chart(
            categories[start:end],
            [(name, vals[start:end]) for name, vals in series],
            number=number,
            value_text=[texts[start:end] for texts in value_text] if value_text else None,
            width=width,
            label_width=label_width,
            top=top,
        )

    def split(start: int, end: int) -> list[Drawing]:
        drawing = part(start, end)
        if drawing is None:
            return []
        if drawing.height <= part_height or end - start == 1:
            return [drawing]
        middle = (start + end) // 2
        return split(start, middle) + split(middle, end)

    return split(0, len(categories))


def pie_title_lines(title: str, width: float = FRAME_WIDTH / 2 - 6) -> list[str]:
    """The lines a pie's title takes in ``width``."""
    return simpleSplit(printable(title), SANS_BOLD, 8, width) if title else []


def pie_chart(
    items: Sequence[tuple[str, float, str]],
    *,
    title: str = "",
    width: float = FRAME_WIDTH / 2 - 6,
    size: float = 78,
    title_room: int = 0,
) -> Drawing | None:
    """A pie with a legend beside it giving each slice's name, number and share
    (``items``: name, value, "value (share)" text). Zero slices are left out of the pie but
    kept in the legend; a pie of nothing is not drawn at all. ``title_room``: lines kept for
    the title at least, so that pies side by side start level when one title takes two."""
    if not any(value > 0 for _, value, _ in items):
        return None
    legend_x = size + 14
    legend_w = width - legend_x
    entries = [
        (index, simpleSplit(printable(f"{name}: {share}"), CONDENSED, LABEL_SIZE, legend_w - 16))
        for index, (name, _, share) in enumerate(items)
    ]
    legend_h = sum(max(1, len(lines)) * 9 + 4 for _, lines in entries)
    # Every line of the title: a bilingual one ("Активности које воде млади / Activities that
    # were youth-led") takes two, and the second was cut off.
    title_lines = pie_title_lines(title, width)
    rows = max(len(title_lines), title_room)
    title_h = 10 * rows + 4 if rows else 0
    height = max(size, legend_h) + title_h + 4
    drawing = Drawing(width, height, initialFontName=SANS, initialFontSize=LABEL_SIZE)
    if title_lines:
        for line_no, line in enumerate(title_lines):
            drawing.add(
                String(
                    0,
                    height - 9 - line_no * 10,
                    line,
                    fontName=SANS_BOLD,
                    fontSize=8,
                    fillColor=INK,
                )
            )
    body_top = height - title_h
    pie = Pie()
    pie.x, pie.y = 0, body_top - size - 2
    pie.width = pie.height = size
    shown = [(index, value) for index, (_, value, _) in enumerate(items) if value > 0]
    pie.data = [value for _, value in shown]
    pie.labels = None
    pie.startAngle = 90
    pie.direction = "clockwise"
    pie.slices.strokeColor = INK
    pie.slices.strokeWidth = 0.6
    for slot, (index, _) in enumerate(shown):
        pie.slices[slot].fillColor = PIE_FILLS[index % len(PIE_FILLS)]
    drawing.add(pie)
    y = body_top - 4
    for index, lines in entries:
        drawing.add(
            Rect(
                legend_x,
                y - 8,
                10,
                8,
                fillColor=PIE_FILLS[index % len(PIE_FILLS)],
                strokeColor=INK,
                strokeWidth=0.5,
            )
        )
        for line_no, line in enumerate(lines):
            drawing.add(
                String(
                    legend_x + 15,
                    y - 7 - line_no * 9,
                    line,
                    fontName=CONDENSED,
                    fontSize=LABEL_SIZE,
                    fillColor=INK,
                )
            )
        y -= max(1, len(lines)) * 9 + 4
    return drawing
