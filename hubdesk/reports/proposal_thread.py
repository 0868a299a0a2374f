"""The comment thread printed in a proposal's application, so the back and forth between the
municipality and the hub can be read on paper beside what it is about.

Each entry is a line saying when, which side and who (and the status change it went with),
then the comment itself as paragraphs: a long comment then breaks across pages like any text,
which a table cell could not.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from hubdesk.domain.enums import ProposalStatus, Role
from hubdesk.i18n import N_
from hubdesk.reports import blocks
from hubdesk.reports.base import Request
from hubdesk.reports.lang import ReportLanguage, text
from hubdesk.reports.styles import styles
from hubdesk.services.thread import ThreadEntry, entries

HEADING = N_("Comments between the municipality and the hub")


def load(req: Request, proposal_id: str) -> list[ThreadEntry]:
    """The thread, read-only (the report has already checked the proposal may be seen)."""
    with req.ctx.read() as session:
        return entries(session, proposal_id)


def entry_line(tr: ReportLanguage, entry: ThreadEntry) -> str:
    parts = [tr.datetime(entry.written_at), tr.label(Role, entry.author_role)]
    if entry.author_name:
        parts.append(entry.author_name)
    if entry.status:
        parts.append(tr("with: {status}", status=tr.label(ProposalStatus, entry.status)))
    return " · ".join(parts)


def thread_section(tr: ReportLanguage, thread: list[ThreadEntry]) -> list[Flowable]:
    """The heading and every entry, oldest first; nothing when nobody has written yet."""
    if not thread:
        return []
    s = styles()
    out: list[Flowable] = [blocks.heading(tr, HEADING, 2)]
    for entry in thread:
        head = Paragraph(text(entry_line(tr, entry)), s.label)
        body = blocks.paragraphs(entry.body)
        out.append(KeepTogether([head, *body[:1]]))  # never a date line alone at a page foot
        out += [*body[1:], Spacer(1, 4)]
    return out


def section(req: Request, proposal_id: str) -> list[Flowable]:
    return thread_section(req.tr, load(req, proposal_id))
