"""Printed reports: one entry point for the command line and the window.

``generate_report`` checks the request, reads the data (reports never write), lays the PDF out
in the report's own language and renames it into place only when it is complete.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hubdesk import clock
from hubdesk.i18n import LANGUAGES, _
from hubdesk.i18n.formatting import format_date
from hubdesk.reports.base import ReportSpec, Request
from hubdesk.reports.blocks import keep_short_tables
from hubdesk.reports.data.scope import Period
from hubdesk.reports.document import PageDress, Progress, write_pdf
from hubdesk.reports.errors import ReportCancelled, ReportError
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services.context import ServiceContext


def _specs() -> dict[str, ReportSpec]:
    from hubdesk.reports import (
        call,
        donor,
        fund,
        implementation,
        minutes,
        needs,
        periodic,
        practice,
        proposal,
        regional,
        roster,
        trainings,
        youth,
    )

    modules: tuple[Any, ...] = (
        minutes, roster, youth, proposal, implementation, periodic, regional, call, fund
    )  # fmt: skip
    modules += (practice,)  # peer learning (issue 14 §3)
    modules += (trainings,)  # the capacity-building register (issue 14 §2)
    modules += (needs,)  # the City Needs Assessment (issue 14 §1)
    modules += (donor,)  # the region's results for a funder, suppressed (issue 14 §5)
    return {m.SPEC.kind: m.SPEC for m in modules}


SPECS: dict[str, ReportSpec] = _specs()
KINDS: tuple[str, ...] = tuple(SPECS)


def resolve_period(
    date_from: dt.date | None, date_to: dt.date | None, today: dt.date
) -> tuple[Period, bool]:
    """The period asked for; by default this year up to today. Second item: was one given.
    A start after today with no end is refused: "up to today" would end before it began, and
    the one day it used to print instead was not what anyone asked for."""
    if date_from is not None and date_to is None and date_from > today:
        raise ReportError(
            _("The period starts after today ({start}); give its last day too.").format(
                start=format_date(date_from)
            )
        )
    end = date_to or today
    start = date_from or dt.date(end.year, 1, 1)
    if end < start:
        raise ReportError(
            _("The end of the period ({end}) is before its start ({start}).").format(
                end=format_date(end), start=format_date(start)
            )
        )
    return Period(start, end), date_from is not None or date_to is not None


THEMED = ("regional", "donor")  # the reports that can be narrowed to one theme


def check_theme(kind: str, theme: str | None) -> None:
    """A theme is a known code, and only for the reports that filter by one."""
    if theme is None:
        return
    from hubdesk.domain.enums import Theme

    if theme not in {t.value for t in Theme}:
        raise ReportError(
            _("Unknown theme '{theme}'. Choose one of: {themes}.").format(
                theme=theme, themes=", ".join(t.value for t in Theme)
            )
        )
    if kind not in THEMED:
        raise ReportError(_("The {kind} report does not take a theme.").format(kind=kind))


def check_target(out: Path) -> Path:
    """Refuse, before any work, a target that cannot become a PDF file."""
    out = Path(out).expanduser()
    if out.is_dir():
        raise ReportError(
            _("{path} is a folder; give a file name ending in .pdf.").format(path=out)
        )
    if out.suffix.lower() != ".pdf":  # `--out notes.txt` replaced the notes with a PDF
        raise ReportError(_("Give the file the ending .pdf: {path}").format(path=out.absolute()))
    if not out.parent.is_dir():
        raise ReportError(
            _("Cannot write {path}: the folder {folder} does not exist.").format(
                path=out, folder=out.parent
            )
        )
    return out.absolute()


def generate_report(
    ctx: ServiceContext,
    kind: str,
    out: Path,
    *,
    lang: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    record_id: str | None = None,
    bilingual: bool = False,
    include_contacts: bool = False,
    profession: str | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    theme: str | None = None,
) -> Path:
    """Write report ``kind`` to ``out`` and return its path.

    Raises ReportError (message for a person, nothing written) for bad input, and
    ReportCancelled when ``progress`` returns False.
    """
    spec = SPECS.get(kind)
    if spec is None:
        raise ReportError(
            _("Unknown report '{kind}'. Choose one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    if lang not in LANGUAGES:
        raise ReportError(
            _("Unknown language '{code}'. Choose one of: {codes}.").format(
                code=lang, codes=", ".join(LANGUAGES)
            )
        )
    if spec.hub_only and not ctx.is_hub:
        raise ReportError(
            _("The {kind} report is printed by the regional hub only.").format(kind=kind)
        )
    if spec.record_required and not record_id:
        raise ReportError(
            _("The {kind} report needs the id of the {what} to print (--id).").format(
                kind=kind, what=_(spec.record or "")
            )
        )
    check_theme(kind, theme)
    if record_id and spec.record is None:
        raise ReportError(_("The {kind} report does not take an id.").format(kind=kind))
    today = today or clock.today()
    period, given = resolve_period(date_from, date_to, today)
    target = check_target(out)
    if progress is not None and progress(0, 1) is False:
        raise ReportCancelled(_("Report cancelled; no file was written."))
    tr = ReportLanguage(lang, bilingual)
    request = Request(
        ctx, tr, period, record_id, include_contacts, today, given, profession=profession,
        theme=theme,
    )  # fmt: skip
    built = spec.build(request)
    title = tr.both(built.title)
    dress = PageDress(
        owner=built.owner,
        title=title,
        period=built.scope,
        generated=tr("Generated on {date}", date=tr.date(today)),
        page_of=tr("Page {page} of {pages}"),
        lang=tr.pdf_lang,
        subject=f"{title} · {built.owner} · {built.scope}",
        # TRANSLATORS: across every page of a report not final yet (a proposal being written).
        draft=tr("DRAFT") if built.draft else "",
    )
    try:
        return write_pdf(target, keep_short_tables(built.story), dress, progress)
    except ReportCancelled:
        raise ReportCancelled(_("Report cancelled; no file was written.")) from None


__all__ = [
    "KINDS",
    "SPECS",
    "THEMED",
    "ReportCancelled",
    "ReportError",
    "ReportSpec",
    "generate_report",
]
