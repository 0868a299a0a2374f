"""``hubdesk report``: print a report to a PDF file."""

from __future__ import annotations

import argparse
import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, iso_date, shown
from hubdesk.domain.enums import Profession, Theme
from hubdesk.i18n import LANGUAGES, _, current_language
from hubdesk.reports import KINDS, SPECS, ReportError, check_target, generate_report
from hubdesk.services.installation import get_installation

PROFESSIONS = tuple(p.value for p in Profession)


def year_period(args: argparse.Namespace) -> None:
    """``--year`` as the period's first and last day; refused beside ``--from`` / ``--to``,
    and a profession HubDesk does not know is refused before the data folder is opened."""
    if args.profession is not None and args.profession not in PROFESSIONS:
        raise CliError(
            _("Unknown profession '{code}'. Choose one of: {codes}.").format(
                code=args.profession, codes=", ".join(PROFESSIONS)
            )
        )
    if args.year is None:
        return
    if args.date_from is not None or args.date_to is not None:
        raise CliError(_("Give either --year or --from and --to, not both."))
    if not 1900 < args.year < 3000:
        raise CliError(_("'{value}' is not a year.").format(value=args.year))
    args.date_from, args.date_to = dt.date(args.year, 1, 1), dt.date(args.year, 12, 31)


def register(sub: Any) -> None:
    width = max(len(kind) for kind in KINDS) + 2
    kinds = "\n".join(
        textwrap.fill(
            _(SPECS[kind].description),
            width=79,
            initial_indent=f"  {kind:<{width}}",
            subsequent_indent=" " * (width + 2),
        )
        for kind in KINDS
    )
    parser = sub.add_parser(
        "report",
        help=_("print a report to a PDF file"),
        description=_("Print a report to a PDF file, in any of HubDesk's languages."),
        epilog=_("Kinds of report:") + "\n" + kinds,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "kind", metavar="KIND", help=_("one of: {kinds}").format(kinds=", ".join(KINDS))
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help=_("the PDF file to write")
    )
    parser.add_argument(
        "--lang",
        metavar="L",
        help=_("language of the report: {codes} (default: the program's language)").format(
            codes=", ".join(LANGUAGES)
        ),
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("first day of the period (default: 1 January of the period's year)"),
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=_("last day of the period (default: today)"),
    )
    parser.add_argument(
        "--id",
        dest="record_id",
        metavar="ID",
        help=_(
            "what the report is about: the meeting (minutes), the proposal (proposal, "
            "implementation); for the hub, the municipality's id or name (roster, youth, "
            "periodic)"
        ),
    )
    parser.add_argument(
        "--bilingual",
        action="store_true",
        help=_("print English under the headings and labels (for donors)"),
    )
    parser.add_argument(
        "--contacts",
        action="store_true",
        help=_("include e-mail addresses and phone numbers in the roster"),
    )
    # the trainings report (issue 14): a calendar year, and one profession
    parser.add_argument(
        "--year", type=int, metavar="YYYY", help=_("the whole calendar year YYYY as the period")
    )
    parser.add_argument(
        "--profession",
        metavar="P",
        help=_("trainings report: who trained this profession ({codes})").format(
            codes=", ".join(PROFESSIONS)
        ),
    )
    parser.add_argument(
        "--theme",
        metavar="CODE",
        help=_("regional and donor reports: only records of this theme ({codes})").format(
            codes=", ".join(t.value for t in Theme)
        ),
    )
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace, env: CliEnv) -> int:
    if args.kind not in KINDS:
        # Checked before the data folder is opened: bad input changes nothing.
        raise CliError(
            _("Unknown report '{kind}'. Choose one of: {kinds}.").format(
                kind=args.kind, kinds=", ".join(KINDS)
            )
        )
    year_period(args)
    if not SPECS[args.kind].uses_period and (args.date_from or args.date_to):
        # Said rather than ignored: "the fund in 2025" would print every year's money.
        raise CliError(
            _("The {kind} report is not for a period: leave out --from, --to and --year.").format(
                kind=args.kind
            )
        )
    try:
        check_target(args.out)  # before the data folder is opened
    except ReportError as exc:
        raise CliError(exc.message) from None
    ctx = env.context()
    lang = args.lang
    if lang is None:
        installation = get_installation(ctx.db)
        lang = installation.language if installation is not None else current_language()
    try:
        path = generate_report(
            ctx,
            args.kind,
            args.out,
            lang=lang,
            date_from=args.date_from,
            date_to=args.date_to,
            record_id=args.record_id,
            bilingual=args.bilingual,
            include_contacts=args.contacts,
            profession=args.profession,
            theme=args.theme,
        )
    except ReportError as exc:
        raise CliError(exc.message) from None
    env.out(_("Report written to {path}.").format(path=shown(path)))
    return 0
