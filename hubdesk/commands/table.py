"""``hubdesk table export`` and ``hubdesk table import``: spreadsheets from the command line.

The same services the window's export button and import wizard use; a hub or an office can
script the monthly roster import. Import exits with 1 when some rows were refused (the good
ones are imported all the same), so a script can tell.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, ProgressLine, shown
from hubdesk.i18n import N_, UnknownLanguageError, _, check_language, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services.errors import ValidationError
from hubdesk.services.installation import get_installation
from hubdesk.services.team import list_teams
from hubdesk.tables.columns import IMPORTABLE, KINDS
from hubdesk.tables.errors import TableError
from hubdesk.tables.export import check_kind, export_table
from hubdesk.tables.importer import (
    ImportOptions,
    ImportPreview,
    RowAction,
    check_refused_path,
    preview_import,
    run_import,
    write_refused,
)
from hubdesk.tables.mapping import (
    LEFT_OUT,
    check_importable,
    importable_fields,
    missing_required,
    normalize,
    suggest_mapping,
)
from hubdesk.tables.readers import Sheet, read_sheet

PROGRESS_ROWS = 2_000  # a sheet this long says how far its import is


def register(sub: Any) -> None:
    table = sub.add_parser(
        "table",
        help=_("export a table to a spreadsheet, or import records from one"),
        description=_("Spreadsheets in and out (.xlsx or .csv)."),
    )
    actions = table.add_subparsers(dest="table_command", metavar=_("ACTION"), required=True)

    export = actions.add_parser(
        "export",
        help=_("write a table to an .xlsx or .csv file"),
        description=_("Write a table to an .xlsx or .csv file. Kinds: {kinds}.").format(
            kinds=", ".join(KINDS)
        ),
    )
    export.add_argument(
        "kind", metavar="KIND", help=_("which table: {kinds}").format(kinds=", ".join(KINDS))
    )
    export.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="FILE",
        help=_("the file to write (.xlsx or .csv)"),
    )
    export.add_argument(
        "--lang",
        metavar="L",
        help=_("language of headers and labels (default: the installation's language)"),
    )
    export.add_argument(
        "--private",
        action="store_true",
        help=_("include private fields (contacts, notes, internal minutes)"),
    )
    export.add_argument(
        "--public",
        action="store_true",
        help=_(
            "for readers outside the municipality and the hub: counts of people from 1 to 4 "
            "read <5 (and cells that would give them away read x)"
        ),
    )
    export.set_defaults(handler=run_export)

    imp = actions.add_parser(
        "import",
        help=_("add or update records from a spreadsheet"),
        description=_(
            "Add (or with --update also change) records from an .xlsx or .csv file. Every row "
            "is checked first; rows with problems are left out whole and listed."
        ),
    )
    imp.add_argument("kind", metavar="KIND", help=", ".join(IMPORTABLE))
    imp.add_argument("file", type=Path, metavar="FILE", help=_("the .xlsx or .csv file"))
    imp.add_argument("--sheet", metavar="NAME", help=_("the sheet to read (default: the first)"))
    imp.add_argument(
        "--dry-run", action="store_true", help=_("only check and report; change nothing")
    )
    imp.add_argument(
        "--update", action="store_true", help=_("also update records that are already there")
    )
    imp.add_argument(
        "--refused",
        type=Path,
        metavar="FILE",
        help=_("write the rows not imported, with the reason, to FILE"),
    )
    imp.add_argument("--team", metavar="NAME", help=_("the team of rows that name none"))
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help=_(
            "read column HEADER (or the column of that letter, as C) into FIELD ('-' to skip "
            "it); repeatable"
        ),
    )
    imp.set_defaults(handler=run_import_command)


def _person(exc: TableError) -> CliError:
    return CliError(exc.message)


def run_export(args: argparse.Namespace, env: CliEnv) -> int:
    try:
        check_kind(args.kind)
        lang = check_language(args.lang) if args.lang else None
    except TableError as exc:
        raise _person(exc) from exc
    except UnknownLanguageError as exc:
        raise CliError(str(exc)) from exc
    if args.private and args.public:
        raise CliError(_("A public export has no private fields: choose --private or --public."))
    ctx = env.context()
    if lang is None:  # as a report: the installation's language, the one its window speaks
        installation = get_installation(ctx.db)
        lang = installation.language if installation is not None else None
    try:
        result = export_table(
            ctx, args.kind, args.out, lang=lang, private=args.private, public=args.public
        )
    except TableError as exc:
        raise _person(exc) from exc
    env.out(
        ngettext(
            "{rows} row written to {path}.", "{rows} rows written to {path}.", result.rows
        ).format(rows=format_number(result.rows), path=shown(result.path.absolute()))
    )
    return 0


def _apply_overrides(kind: str, sheet: Sheet, fields: list[str | None], pairs: list[str]) -> None:
    by_label = {normalize(label): name for name, label in importable_fields(kind)}
    by_label.update({normalize(name): name for name, _label in importable_fields(kind)})
    headers = [normalize(h) for h in sheet.headers]
    for pair in pairs:
        header, sep, target = pair.partition("=")
        index = _column_of(pair, header if sep else "", headers, sheet.headers)
        name = None if target.strip() in ("", "-") else by_label.get(normalize(target))
        if target.strip() not in ("", "-") and name is None:
            raise CliError(
                _("--map {pair}: no field '{field}'. Fields: {fields}.").format(
                    pair=pair,
                    field=target,
                    fields=", ".join(n for n, _label in importable_fields(kind)),
                )
            )
        if name is not None:
            fields[:] = [None if f == name else f for f in fields]
        fields[index] = name


def _column_of(pair: str, header: str, headers: list[str], shown: list[str]) -> int:
    """The column ``--map HEADER=FIELD`` names: by its header, or by its letter ("C") where
    no header is that; two columns under one header must be named by their letters."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    wanted = normalize(header)
    found = [i for i, h in enumerate(headers) if wanted and h == wanted]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise CliError(
            _(
                "--map {pair}: {count} columns are headed '{header}' ({letters}); name the one "
                "you mean by its letter, as --map {letter}=FIELD."
            ).format(
                pair=pair,
                count=len(found),
                header=header.strip(),
                letters=", ".join(get_column_letter(i + 1) for i in found),
                letter=get_column_letter(found[-1] + 1),
            )
        )
    letter = header.strip().upper()
    if letter.isalpha() and letter.isascii() and len(letter) <= 3:
        index = column_index_from_string(letter) - 1
        if index < len(headers):
            return index
    raise CliError(
        _("--map {pair}: no column '{header}' in the sheet. Columns: {columns}.").format(
            pair=pair, header=header, columns=", ".join(shown)
        )
    )


def _report(env: CliEnv, preview: ImportPreview) -> None:
    from openpyxl.utils import get_column_letter

    labels = dict(importable_fields(preview.kind))
    seen: dict[str, int] = {}
    for index, (header, name) in enumerate(zip(preview.sheet.headers, preview.fields, strict=True)):
        target = labels[name] if name else _("(not imported)")
        first = seen.setdefault(normalize(header), index) if normalize(header) else index
        if name is None and first != index:  # a second column under one header: say which
            target = _("(not imported: the same header as column {letter}; --map {this}=FIELD)")
            target = target.format(
                letter=get_column_letter(first + 1), this=get_column_letter(index + 1)
            )
        env.out(_("  {header} -> {field}").format(header=header or "?", field=target))
    if preview.kind in LEFT_OUT and None in preview.fields:  # as the window's wizard says it
        env.out(_(LEFT_OUT[preview.kind]))
    if preview.sheet.hidden:
        env.out(preview.sheet.hidden_rows_note())
    for row in preview.rows:
        if row.action is RowAction.REFUSED:
            env.out(
                _("Row {row}: {reason}").format(row=row.number, reason=row.reason(preview.kind))
            )


def run_import_command(args: argparse.Namespace, env: CliEnv) -> int:
    # The installation first: its language says what is wrong with the file too.
    ctx = env.context()
    try:
        kind = check_importable(args.kind)
        if args.refused is not None:  # before importing: a bad path must not follow a commit
            check_refused_path(args.refused, args.file)
        sheet = read_sheet(args.file, args.sheet)
    except TableError as exc:
        raise _person(exc) from exc
    if not sheet.rows:
        raise CliError(_("{name} has no rows to import.").format(name=args.file.name))
    fields = list(suggest_mapping(ctx, kind, sheet.headers).fields)
    _apply_overrides(kind, sheet, fields, args.map)
    missing = missing_required(kind, fields)
    if missing:
        raise CliError(
            _("No column is read into: {fields}. Name the columns with --map HEADER=FIELD.").format(
                fields=", ".join(missing)
            )
        )
    options = ImportOptions(update=args.update, default_team_id=_team(ctx, args.team))
    # A long sheet says how far it is on stderr (a few rows: no need, and no noise for scripts).
    meter = (
        ProgressLine(
            sys.stderr, N_("Checking the rows: {percent}%"), N_("Writing the rows: {percent}%")
        )
        if len(sheet.rows) >= PROGRESS_ROWS
        else None
    )
    try:
        try:
            if args.dry_run:
                preview = preview_import(ctx, kind, sheet, fields, options, meter)
            else:
                with env.locked():
                    preview = run_import(ctx, kind, sheet, fields, options, progress=meter).preview
        finally:
            if meter is not None:
                meter.close()
        _report(env, preview)
    except TableError as exc:
        raise _person(exc) from exc
    except ValidationError as exc:  # refused at writing after all: nothing was changed
        from hubdesk.cli import person_message

        raise CliError(person_message(exc, kind)) from exc
    counts = {action: preview.count(action) for action in RowAction}
    summary = ngettext(
        "{rows} row: {create} new, {update} updated, {unchanged} unchanged, "
        "{exists} already there, {refused} refused.",
        "{rows} rows: {create} new, {update} updated, {unchanged} unchanged, "
        "{exists} already there, {refused} refused.",
        len(preview.rows),
    ).format(
        rows=format_number(len(preview.rows)),
        **{a.value: format_number(n) for a, n in counts.items()},
    )
    env.out(summary)
    env.out(_("Dry run: nothing was changed.") if args.dry_run else _("Import finished."))
    if args.refused is not None and preview.not_imported:
        try:
            write_refused(preview, args.refused)
        except TableError as exc:  # the import stands: say so, and exit as for refused rows
            raise CliError(
                _("The rows not imported could not be saved: {reason}").format(reason=exc.message),
                code=1,
            ) from exc
        env.out(_("Rows not imported are in {path}.").format(path=shown(args.refused.absolute())))
    return 1 if counts[RowAction.REFUSED] else 0


def _team(ctx: Any, name: str | None) -> str | None:
    if name is None:
        return None
    teams = list_teams(ctx)
    for team in teams:
        if normalize(team.name) == normalize(name) or team.id == name:
            return team.id
    raise CliError(
        _("There is no team '{name}'. Teams: {teams}.").format(
            name=name, teams=", ".join(t.name for t in teams)
        )
    )
