"""Import records from a sheet (members, youth activities, trainings, community activities,
engagements): preview every row, then write in one go.

The wizard's steps map onto this module: ``readers.sheet_names`` and ``readers.read_sheet``,
``mapping.suggest_mapping``, then :func:`preview_import` (every row with what would happen to
it and its problems), then :func:`run_import`, which checks again and writes every good row in
ONE transaction through ``services.records`` (stamped and audited like a form's save). A row with
a problem is never written in part; :func:`write_refused` saves those rows with the reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from hubdesk.i18n import N_, _
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, ValidationError
from hubdesk.services.team import list_teams, require_municipality
from hubdesk.tables.columns import ValueType, field_column, import_columns
from hubdesk.tables.errors import TableError
from hubdesk.tables.mapping import check_importable, check_mapping, field_label, remember_mapping
from hubdesk.tables.parsing import blank, empty_value, parse_cell
from hubdesk.tables.readers import Sheet, SheetRow
from hubdesk.tables.rules import RULES, ImportRules, fold, record_key
from hubdesk.tables.writers import Progress, write_table

NO_TEAM = N_("Choose the team these rows belong to.")
ALREADY_THERE = N_("Already in HubDesk; left unchanged (this import only adds new rows).")


class RowAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    EXISTS = "exists"  # create-only import, and the record is already there
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportOptions:
    update: bool = False  # False: only add new records; True: also update matching ones
    default_team_id: str | None = None  # the team of rows without one (else the only team)


@dataclass
class PreviewRow:
    number: int  # row number in the sheet, as the person sees it
    cells: list[Any]
    action: RowAction = RowAction.CREATE
    values: dict[str, Any] = field(default_factory=dict)  # what would be saved
    record_id: str | None = None  # the existing record this row matches
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # updates: old, new
    problems: list[FieldError] = field(default_factory=list)

    def reason(self, kind: str) -> str:
        """Why the row is not imported, in the current language (empty when it is)."""
        if self.action is RowAction.EXISTS:
            return _(ALREADY_THERE)
        return "; ".join(f"{field_label(kind, p.field)}: {p.text}" for p in self.problems)


@dataclass
class ImportPreview:
    kind: str
    sheet: Sheet
    fields: list[str | None]
    options: ImportOptions
    rows: list[PreviewRow]

    def count(self, action: RowAction) -> int:
        return sum(row.action is action for row in self.rows)

    @property
    def refused(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.action is RowAction.REFUSED]

    @property
    def not_imported(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.action in (RowAction.REFUSED, RowAction.EXISTS)]


@dataclass(frozen=True)
class ImportResult:
    preview: ImportPreview
    created: int
    updated: int
    unchanged: int
    skipped: int  # already there, in a create-only import
    refused: int


class ImportCancelled(TableError):
    def __init__(self) -> None:
        super().__init__(N_("Import cancelled; nothing was changed."))


def preview_import(
    ctx: ServiceContext,
    kind: str,
    sheet: Sheet,
    fields: list[str | None],
    options: ImportOptions = ImportOptions(),
    progress: Progress | None = None,
) -> ImportPreview:
    """What importing ``sheet`` with this mapping would do to each row, and every problem.

    Changes nothing. ``progress(done, total)`` may return False to cancel.
    """
    check_importable(kind)
    require_municipality(ctx)
    if len(fields) != len(sheet.headers):
        raise TableError(N_("The mapping does not fit this sheet; choose the columns again."))
    check_mapping(kind, fields)
    rules = RULES[kind]
    teams = {t.id: t.name for t in list_teams(ctx)}
    default_team = options.default_team_id
    if default_team is None and kind == "members" and len(teams) == 1:
        default_team = next(iter(teams))  # a municipality with one team: no need to ask
    existing = rules.existing(ctx)
    by_id = {r.id: r for r in existing}
    by_key: dict[Any, Any] = {}
    for record in existing:
        by_key.setdefault(record_key(kind, record), record)
    seen: dict[Any, int] = {}
    rows = []
    for done, sheet_row in enumerate(sheet.rows, start=1):
        row = _parse_row(kind, rules, sheet_row, fields, teams)
        current = _match(rules, row, by_id, by_key, seen, rules.key_fields[0])
        _plan(ctx, kind, rules, row, current, options, default_team)
        rows.append(row)
        if progress is not None and progress(done, len(sheet.rows)) is False:
            raise ImportCancelled()
    return ImportPreview(kind, sheet, list(fields), options, rows)


def _parse_row(
    kind: str,
    rules: ImportRules,
    sheet_row: SheetRow,
    fields: list[str | None],
    teams: Mapping[str, str],
) -> PreviewRow:
    row = PreviewRow(number=sheet_row.number, cells=list(sheet_row.cells))
    empty: set[str] = set()
    for name, value in zip(fields, sheet_row.cells, strict=True):
        if name is None:
            continue
        column = field_column(kind, name)
        if blank(value):
            empty.add(name)
            if column.type not in (ValueType.ID, ValueType.REFERENCE):
                row.values[name] = empty_value(column)
            continue
        parsed, problem = parse_cell(column, value, teams)
        if problem is not None:
            row.problems.append(problem)
        else:
            row.values[name] = parsed
    if rules.complete is not None:
        unmapped = {c.field for c in import_columns(kind) if c.field not in fields}
        rules.complete(row.values, empty | {f for f in unmapped if f})
    return row


def _match(
    rules: ImportRules,
    row: PreviewRow,
    by_id: Mapping[str, Any],
    by_key: Mapping[Any, Any],
    seen: dict[Any, int],
    key_field: str,
) -> Any:
    """The stored record the row is about (by HubDesk id, else by its natural key), and a
    problem when an earlier row of the sheet is about the same record."""
    sheet_id = row.values.pop("id", None)
    key = rules.key(row.values)
    for mark in (("id", sheet_id), ("key", key)):
        if mark[1] is None:
            continue
        if mark in seen:
            row.problems.append(FieldError(key_field, rules.duplicate, {"row": seen[mark]}))
            break
        seen[mark] = row.number
    current = by_id.get(sheet_id) if sheet_id else None
    if current is None and key is not None:
        current = by_key.get(key)
        if current is not None:
            # Matched regardless of case and spacing: those differences are not changes.
            for name in rules.key_fields:
                if isinstance(row.values.get(name), str) and fold(row.values[name]) == fold(
                    getattr(current, name)
                ):
                    row.values[name] = getattr(current, name)
    return current


def _has_team(kind: str) -> bool:
    """Whether records of ``kind`` belong to a team (trainings and engagements do not)."""
    return any(c.field == "team_id" for c in import_columns(kind))


def _plan(
    ctx: ServiceContext,
    kind: str,
    rules: ImportRules,
    row: PreviewRow,
    current: Any,
    options: ImportOptions,
    default_team: str | None,
) -> None:
    """Decide the row's action and run the service's own checks on what would be saved."""
    if row.values.get("team_id") is None:
        row.values.pop("team_id", None)
        if current is None and default_team is not None and _has_team(kind):
            row.values["team_id"] = default_team
    team_problem = any(p.field == "team_id" for p in row.problems)
    if current is None and kind == "members" and "team_id" not in row.values and not team_problem:
        row.problems.append(FieldError("team_id", NO_TEAM))
    if current is not None:
        row.record_id = current.id
        if not options.update:
            row.action = RowAction.REFUSED if row.problems else RowAction.EXISTS
            return
        data = {k: v for k, v in row.values.items() if getattr(current, k) != v}
    else:
        data = dict(row.values)
    refused_fields = {p.field for p in row.problems}
    saved: dict[str, Any] = {}
    if data or current is None:
        try:
            saved = rules.check(ctx, data, current)
        except ValidationError as exc:
            # A cell that could not be read already has its problem; do not add "required".
            row.problems.extend(e for e in exc.errors if e.field not in refused_fields)
    if row.problems:
        row.action = RowAction.REFUSED
        return
    if current is None:
        row.action, row.values = RowAction.CREATE, saved
        return
    row.changes = {
        k: (getattr(current, k), v) for k, v in saved.items() if getattr(current, k) != v
    }
    row.values = {k: new for k, (_old, new) in row.changes.items()}
    row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED


def run_import(
    ctx: ServiceContext,
    kind: str,
    sheet: Sheet,
    fields: list[str | None],
    options: ImportOptions = ImportOptions(),
    *,
    remember: bool = True,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row again and write all the good ones in one transaction.

    Rows with problems are left out whole; if writing fails, nothing at all is written.
    The mapping is remembered for the next sheet with the same headers.
    """
    preview = preview_import(ctx, kind, sheet, fields, options, progress)
    model = RULES[kind].model
    municipality_id = require_municipality(ctx)
    with ctx.transaction() as session:
        for row in preview.rows:
            if row.action is RowAction.CREATE:
                values = {**row.values, "municipality_id": municipality_id}
                row.record_id = records.create(session, ctx, model, values).id
            elif row.action is RowAction.UPDATE:
                assert row.record_id is not None
                record = records.live(session, model, row.record_id)
                records.change(session, ctx, record, row.values)
    if remember:
        remember_mapping(ctx, kind, sheet.headers, fields)
    return ImportResult(
        preview=preview,
        created=preview.count(RowAction.CREATE),
        updated=preview.count(RowAction.UPDATE),
        unchanged=preview.count(RowAction.UNCHANGED),
        skipped=preview.count(RowAction.EXISTS),
        refused=preview.count(RowAction.REFUSED),
    )


def write_refused(preview: ImportPreview, path: Path | str) -> int:
    """Save the rows that were not imported, as they were, with the reason in a last column.

    The person can correct that file and import it again. Returns the number of rows written.
    """
    rows = preview.not_imported
    headers = [_("Row"), *preview.sheet.headers, _("Problems")]
    values = [
        [row.number, *(_plain(c) for c in row.cells), row.reason(preview.kind)] for row in rows
    ]
    write_table(Path(path), headers, values, title=_("Not imported"))
    return len(rows)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value
