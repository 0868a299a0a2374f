"""Demo attachments: a few small, realistic files on the demo's meetings, activities and proposals.

Signed minutes and a receipt are PDFs made with reportlab (``invariant`` so the same demo makes
the same bytes, hence the same hashes), the sign-in sheet is a PDF table of the team's members,
and the activity photo is a PNG placeholder drawn here pixel by pixel (no Qt below ``ui/``).
The minutes, the photo and the receipt travel to the hub; the sign-in sheet, which names
people, stays on the municipality's PC. Added through the service, so every file is checked
and stored exactly as a person's would be.
"""

from __future__ import annotations

import io
import struct
import tempfile
import zlib
from pathlib import Path

from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import FundProposal, Meeting, Member, YouthActivity
from hubdesk.services import attachments
from hubdesk.services.context import ServiceContext

MEETINGS, ACTIVITIES, PROPOSALS = 3, 2, 2

# What the demo's files say, in the demo municipality's language (its own documents are written
# in it); the keys name each text. English for any other language.
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "minutes": "Minutes {day} (signed)", "minutes_title": "Minutes of the team meeting, {day}",
        "place": "Place", "agenda": "Agenda", "sheet": "Sign-in sheet {day}",
        "sheet_title": "Sign-in sheet, {day}", "sheet_intro": "Name and signature of each "
        "person present.", "signed": "signed", "photo": "Photo {day}", "receipt": "Receipt 001",
        "receipt_title": "Receipt - {ref}", "for": "For", "paid": "Venue and refreshments, paid "
        "in cash.", "note_minutes": "Signed by the chair and the secretary.",
        "note_sheet": "Names of people: kept on this PC.",
        "note_photo": "Photo of the activity (placeholder).",
        "note_receipt": "Receipt for the first budget line.",
    },
    "mk": {
        "minutes": "Записник {day} (потпишан)", "minutes_title": "Записник од состанокот на "
        "тимот, {day}", "place": "Место", "agenda": "Дневен ред", "sheet": "Листа на присутни "
        "{day}", "sheet_title": "Листа на присутни, {day}", "sheet_intro": "Име и потпис на "
        "секој присутен.", "signed": "потпишано", "photo": "Фотографија {day}",
        "receipt": "Сметка 001", "receipt_title": "Сметка - {ref}", "for": "За",
        "paid": "Сала и освежување, платено во готово.",
        "note_minutes": "Потпишан од претседавачот и записничарот.",
        "note_sheet": "Имиња на луѓе: се чува на овој компјутер.",
        "note_photo": "Фотографија од активноста (привремена).",
        "note_receipt": "Сметка за првата буџетска ставка.",
    },
    "sq": {
        "minutes": "Procesverbali {day} (i nënshkruar)", "minutes_title": "Procesverbali i "
        "takimit të ekipit, {day}", "place": "Vendi", "agenda": "Rendi i ditës",
        "sheet": "Lista e pjesëmarrjes {day}", "sheet_title": "Lista e pjesëmarrjes, {day}",
        "sheet_intro": "Emri dhe nënshkrimi i çdo të pranishmi.", "signed": "nënshkruar",
        "photo": "Fotografi {day}", "receipt": "Fatura 001", "receipt_title": "Fatura - {ref}",
        "for": "Për", "paid": "Salla dhe pijet freskuese, paguar me para në dorë.",
        "note_minutes": "Nënshkruar nga kryesuesi dhe sekretari.",
        "note_sheet": "Emra njerëzish: mbetet në këtë kompjuter.",
        "note_photo": "Fotografi e aktivitetit (e përkohshme).",
        "note_receipt": "Fatura për zërin e parë buxhetor.",
    },
    "sr_Latn": {
        "minutes": "Zapisnik {day} (potpisan)", "minutes_title": "Zapisnik sa sastanka tima, "
        "{day}", "place": "Mesto", "agenda": "Dnevni red", "sheet": "Lista prisutnih {day}",
        "sheet_title": "Lista prisutnih, {day}", "sheet_intro": "Ime i potpis svakog prisutnog.",
        "signed": "potpisano", "photo": "Fotografija {day}", "receipt": "Račun 001",
        "receipt_title": "Račun - {ref}", "for": "Za",
        "paid": "Sala i osveženje, plaćeno u gotovini.",
        "note_minutes": "Potpisali predsedavajući i zapisničar.",
        "note_sheet": "Imena ljudi: ostaje na ovom računaru.",
        "note_photo": "Fotografija aktivnosti (privremena).",
        "note_receipt": "Račun za prvu budžetsku stavku.",
    },
}  # fmt: skip


def texts_for(language: str) -> dict[str, str]:
    return TEXTS.get(language, TEXTS["en"])


def _pdf(title: str, lines: list[str], table: list[list[str]] | None = None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from hubdesk.reports.fonts import SANS, SANS_BOLD, register_fonts  # the embedded DejaVu

    register_fonts()
    regular, bold = SANS, SANS_BOLD
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    canvas.setFont(bold, 15)
    canvas.drawString(56, height - 72, title)
    canvas.setFont(regular, 10.5)
    y = height - 104
    for line in lines:
        canvas.drawString(56, y, line)
        y -= 16
    if table:
        y -= 8
        for row in table:
            for column, cell in enumerate(row):
                canvas.drawString(56 + column * 170, y, cell)
            canvas.line(56, y - 4, width - 56, y - 4)
            y -= 22
    canvas.setFont(regular, 9)
    canvas.drawString(56, 56, "______________________          ______________________")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def png_placeholder(width: int = 320, height: int = 200, seed: int = 0) -> bytes:
    """A photo placeholder: a sky-to-grass gradient with a sun, drawn without any GUI library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    sun_x, sun_y, radius = width * (0.7 + 0.05 * (seed % 3)), height * 0.3, height * 0.12
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            if (x - sun_x) ** 2 + (y - sun_y) ** 2 < radius**2:
                rows += bytes((250, 210, 80))
            elif y < height * 0.62:
                rows += bytes((110 + y // 4, 160 + y // 6, 230))
            else:
                rows += bytes((70, 140 - (y - height) // 8 % 40, 60))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(bytes(rows), 9)),
            chunk(b"IEND", b""),
        )
    )


def add_demo_attachments(ctx: ServiceContext) -> int:
    """Attach the demo files to the newest records of this municipality; how many."""
    from hubdesk.services.installation import get_installation

    own = get_installation(ctx.db)
    t = texts_for(own.language if own else "en")
    with ctx.read() as session:
        meetings = list(
            session.scalars(
                select(Meeting).where(~Meeting.deleted).order_by(Meeting.starts_at.desc())
            ).all()[:MEETINGS]
        )
        activities = list(
            session.scalars(
                select(YouthActivity)
                .where(~YouthActivity.deleted)
                .order_by(YouthActivity.starts_on.desc())
            ).all()[:ACTIVITIES]
        )
        proposals = list(
            session.scalars(
                select(FundProposal).where(~FundProposal.deleted).order_by(FundProposal.reference)
            ).all()[:PROPOSALS]
        )
        names = {
            m.team_id: sorted(
                session.scalars(
                    select(Member.name).where(Member.team_id == m.team_id, ~Member.deleted)
                ).all()
            )[:8]
            for m in meetings
        }
    added = 0
    with tempfile.TemporaryDirectory(prefix="hubdesk-demo-files-") as scratch:
        folder = Path(scratch)

        def attach(
            kind: str, record: str, name: str, data: bytes, note: str, travels: bool
        ) -> None:
            nonlocal added
            path = folder / f"{added}-{name}"
            path.write_bytes(data)
            attachments.add_file(ctx, kind, record, path, note=note, travels=travels, name=name)
            added += 1

        for index, meeting in enumerate(meetings):
            day = clock.local_day(meeting.starts_at).isoformat()
            agenda = [line for line in (meeting.agenda or "").splitlines() if line.strip()][:6]
            minutes = _pdf(
                t["minutes_title"].format(day=day),
                [f"{t['place']}: {meeting.place or '-'}", f"{t['agenda']}:",
                 *(f"  - {a}" for a in agenda)],
            )  # fmt: skip
            attach("meeting", meeting.id, t["minutes"].format(day=day) + ".pdf", minutes,
                   t["note_minutes"], index == 0)  # fmt: skip
            sheet = _pdf(
                t["sheet_title"].format(day=day),
                [t["sheet_intro"]],
                [[n, t["signed"]] for n in names.get(meeting.team_id, [])],
            )
            attach("meeting", meeting.id, t["sheet"].format(day=day) + ".pdf", sheet,
                   t["note_sheet"], False)  # fmt: skip
        for index, activity in enumerate(activities):
            photo = png_placeholder(seed=index)
            day = activity.starts_on.isoformat()
            attach("youth_activity", activity.id, t["photo"].format(day=day) + ".png",
                   photo, t["note_photo"], True)  # fmt: skip
        for proposal in proposals:
            receipt = _pdf(
                t["receipt_title"].format(ref=proposal.reference or proposal.title),
                [f"{t['for']}: {proposal.title}", t["paid"]],
            )
            attach("proposal", proposal.id, t["receipt"] + ".pdf", receipt,
                   t["note_receipt"], True)  # fmt: skip
    return added
