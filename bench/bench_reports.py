"""How long reports take, against a baseline measured in the same run.

1. ``periodic`` on a demo database at ``--scale`` (50 by default): the time a focal point waits
   for the quarterly report of a big municipality, whole history in the period.
2. A minutes-style document of about ``--pages`` pages (500 by default), built with the report
   code (header, footer with "page X of Y", metadata, fitted cells, progress) and the same
   tables laid out by a plain reportlab document (SimpleDocTemplate, Table with Paragraph cells
   in the same font, no header or footer): the ratio is the cost of HubDesk's dressing.

Run:  .venv/bin/python bench/bench_reports.py [--scale 50] [--pages 500] [--repeat 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from hubdesk.domain import Meeting, Municipality, Team
from hubdesk.reports import generate_report, minutes
from hubdesk.reports.data.meetings import ActionRow, AttendanceRow, MinutesData
from hubdesk.reports.document import PageDress, write_pdf
from hubdesk.reports.fonts import CONDENSED, SANS, SANS_BOLD, register_fonts
from hubdesk.reports.lang import ReportLanguage

ROLES = ("member", "member", "member", "chair", "secretary", "coordinator")
STATUSES = ("present", "present", "present", "excused", "absent")
WORDS = (
    "општина",
    "совет",
    "млади",
    "соработка",
    "превенција",
    "училиште",
    "центар",
    "работилница",
    "Kumanovë",
    "bashkia",
    "të",
    "rinjtë",
    "dialog",
    "zajednica",
    "škola",
    "savjet",
    "omladina",
    "bezbjednost",
    "forum",
    "plan",
    "aktivnost",
)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


# --- 1. periodic on a demo database ------------------------------------------------------------


def bench_periodic(scale: int, repeat: int) -> None:
    from hubdesk.services.demo import build_demo
    from hubdesk.services.installation import load_context
    from hubdesk.storage.open import open_database

    today = dt.date(2026, 11, 21)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = open_database(root / "data")
        try:
            build = timed(lambda: build_demo(db, seed=1, scale=scale, today=today))
            ctx = load_context(db)
            out = root / "periodic.pdf"
            runs = [
                timed(
                    lambda: generate_report(
                        ctx,
                        "periodic",
                        out,
                        lang="mk",
                        date_from=dt.date(2024, 1, 1),
                        date_to=today,
                        today=today,
                    )
                )
                for _ in range(repeat)
            ]
            pages = len(PdfReader(str(out)).pages)
        finally:
            db.close()
    print(
        f"periodic report, demo scale {scale} (demo built in {build:.1f} s): "
        f"{statistics.median(runs):.2f} s median of {repeat} ({pages} pages)"
    )


# --- 2. a 500-page minutes-style document ------------------------------------------------------


def meetings(count: int, rng: random.Random) -> list[MinutesData]:
    """Synthetic minutes: 28 people, 3 guests, 4 decisions, 6 action items per meeting."""

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()

    municipality = Municipality(name="Куманово", country="MK", currency="MKD")
    team = Team(name="Тим за акција во заедницата", kind="cat")
    out = []
    for n in range(count):
        start = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=n)
        meeting = Meeting(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            place=words(3),
            kind="regular",
            pillars=["cooperation"],
            agenda="\n".join(f"{i}. {words(6)}" for i in range(1, 5)),
            minutes=words(60),
        )
        people = [
            AttendanceRow(
                words(2), words(rng.randint(2, 7)), rng.choice(ROLES), rng.choice(STATUSES)
            )
            for _ in range(28)
        ]
        actions = [
            ActionRow(words(rng.randint(3, 12)), words(2), start.date(), "open", None)
            for _ in range(6)
        ]
        out.append(
            MinutesData(
                meeting,
                team,
                municipality,
                people,
                [(words(3), rng.randint(1, 4)) for _ in range(3)],
                [words(rng.randint(5, 20)) for _ in range(4)],
                actions,
            )
        )
    return out


def hubdesk_story(tr: ReportLanguage, data: list[MinutesData]) -> list[object]:
    """The minutes report's own building blocks, one meeting after another."""
    from hubdesk.reports import blocks

    story: list[object] = []
    for item in data:
        story += minutes.story(tr, item)
        story.append(blocks.page_break())
    return story


def plain_story(tr: ReportLanguage, data: list[MinutesData]) -> list[object]:
    """The same tables as a person would write them with reportlab alone."""
    from reportlab.platypus import PageBreak

    body = ParagraphStyle("b", fontName=SANS, fontSize=9.5, leading=12.5)
    head = ParagraphStyle("h", fontName=SANS_BOLD, fontSize=13, leading=16, spaceBefore=10)
    cell = ParagraphStyle("c", fontName=CONDENSED, fontSize=8.5, leading=10.5)
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    width = A4[0] - 36 * mm

    def table(rows: list[list[str]], weights: list[float]) -> Table:
        total = sum(weights)
        cells = [[Paragraph(value, cell) for value in row] for row in rows]
        return Table(
            cells, colWidths=[width * w / total for w in weights], repeatRows=1, style=grid
        )

    story: list[object] = []
    for item in data:
        m = item.meeting
        story += [
            Paragraph("Minutes of the meeting", head),
            Paragraph(f"{item.team.name} · {tr.datetime(m.starts_at)}", body),
        ]
        story.append(
            table(
                [
                    ["Team", item.team.name, "Date", tr.date(m.starts_at.date())],
                    ["Place", m.place, "Time", tr.time(m.starts_at)],
                ],
                [1, 1.3, 1, 1.3],
            )
        )
        story += [Paragraph("Agenda", head), Paragraph(m.agenda.replace("\n", "<br/>"), body)]
        story += [
            Paragraph("Attendance", head),
            table(
                [["Name", "Organisation", "Role in team", "Attendance"]]
                + [[r.name, r.organisation, r.role, r.status or ""] for r in item.attendance],
                [3, 3.4, 1.8, 1.5],
            ),
        ]
        story.append(
            table(
                [["Organisation", "Number of guests"]] + [[o, str(n)] for o, n in item.guests],
                [4, 1],
            )
        )
        story += [Paragraph("Discussion", head), Paragraph(m.minutes, body)]
        story += [
            Paragraph("Decisions", head),
            table(
                [["No.", "Decision"]] + [[str(i), d] for i, d in enumerate(item.decisions, 1)],
                [0.5, 9.5],
            ),
        ]
        story += [
            Paragraph("Action items", head),
            table(
                [["Action", "Responsible", "Due date", "Status"]]
                + [[a.title, a.owner, tr.date(a.due_on), a.status] for a in item.actions],
                [4.6, 2.4, 1.5, 1.7],
            ),
        ]
        story += [Spacer(1, 30 * mm), Paragraph("Chair ______  Minute-taker ______", body)]
        story.append(PageBreak())
    return story


def bench_minutes(pages: int, repeat: int) -> None:
    register_fonts()
    tr = ReportLanguage("mk")
    dress = PageDress(
        "Куманово",
        "Minutes of the meeting",
        "2026",
        "Generated on 21.11.2026",
        "Page {page} of {pages}",
        "mk",
        "Minutes",
    )
    with tempfile.TemporaryDirectory() as folder:
        ours_file, plain_file = Path(folder) / "ours.pdf", Path(folder) / "plain.pdf"
        bare_file = Path(folder) / "bare.pdf"

        def plain_doc(path: Path) -> SimpleDocTemplate:
            return SimpleDocTemplate(
                str(path),
                pagesize=A4,
                leftMargin=18 * mm,
                rightMargin=18 * mm,
                topMargin=24 * mm,
                bottomMargin=18 * mm,
            )

        # Calibrate: how many meetings make ``pages`` pages of HubDesk minutes.
        sample = meetings(10, random.Random(1))
        write_pdf(ours_file, hubdesk_story(tr, sample), dress)
        per_meeting = len(PdfReader(str(ours_file)).pages) / len(sample)
        data = meetings(max(1, round(pages / per_meeting)), random.Random(1))

        def ours() -> None:  # the whole HubDesk path: building blocks, dress, progress
            write_pdf(ours_file, hubdesk_story(tr, data), dress, lambda _d, _t: True)

        def plain() -> None:  # the same tables, Paragraph cells, written with reportlab alone
            plain_doc(plain_file).build(plain_story(tr, data))

        def bare() -> None:  # HubDesk's story without header, footer, page count, progress
            plain_doc(bare_file).build(hubdesk_story(tr, data))

        runs: dict[str, list[float]] = {"ours": [], "plain": [], "bare": []}
        for _ in range(repeat):  # interleaved, so load on the machine hits all alike
            runs["plain"].append(timed(plain))
            runs["bare"].append(timed(bare))
            runs["ours"].append(timed(ours))
        count = {
            name: len(PdfReader(str(path)).pages)
            for name, path in (("ours", ours_file), ("plain", plain_file), ("bare", bare_file))
        }
    t = {name: statistics.median(values) for name, values in runs.items()}
    print(f"minutes-style document, {len(data)} meetings, median of {repeat}:")
    print(
        f"  HubDesk report        {t['ours']:6.2f} s  {count['ours']:4d} pages  "
        f"{t['ours'] / count['ours'] * 1000:5.1f} ms/page"
    )
    print(
        f"  plain reportlab       {t['plain']:6.2f} s  {count['plain']:4d} pages  "
        f"{t['plain'] / count['plain'] * 1000:5.1f} ms/page"
    )
    print(
        f"  HubDesk story, bare   {t['bare']:6.2f} s  {count['bare']:4d} pages  "
        f"{t['bare'] / count['bare'] * 1000:5.1f} ms/page"
    )
    print(
        f"  ratio HubDesk / plain reportlab: {t['ours'] / t['plain']:.2f}x "
        f"(per page {t['ours'] / count['ours'] / (t['plain'] / count['plain']):.2f}x)"
    )
    print(
        f"  ratio with / without page dress (header, footer, page X of Y, progress): "
        f"{t['ours'] / t['bare']:.2f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=50)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--skip-periodic", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_periodic:
        bench_periodic(args.scale, args.repeat)
    bench_minutes(args.pages, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
