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
import errno
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hubdesk.domain import Municipality
from hubdesk.domain.enums import Role
from hubdesk.i18n import LANGUAGES, N_, _, language
from hubdesk.i18n.formatting import join_said
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services import period_lock, records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, ValidationError
from hubdesk.services.rules.base import joined_lines, one_line
from hubdesk.services.team import list_teams, require_municipality
from hubdesk.services.town_names import team_choices
from hubdesk.tables.columns import MUNICIPALITY, ValueType, field_column, import_columns
from hubdesk.tables.errors import TableError
from hubdesk.tables.labels import field_label
from hubdesk.tables.mapping import check_importable, check_mapping, normalize, remember_mapping
from hubdesk.tables.parsing import blank, empty_value, parse_cell
from hubdesk.tables.readers import Sheet, SheetRow
from hubdesk.tables.rules import RULES, ImportRules, fold, record_key
from hubdesk.tables.writers import CANNOT_WRITE, Progress, check_format, write_table

NO_FOLDER = N_("The folder {folder} does not exist.")  # as the writer says it
SAME_AS_SOURCE = N_(
    "{path} is the file being imported: saving the rows not imported there would replace it. "
    "Choose another file."
)
NO_TEAM = N_("Choose the team these rows belong to.")
ALREADY_THERE = N_("Already in HubDesk; left unchanged (this import only adds new rows).")
OTHER_MUNICIPALITY = N_(
    "This row is a record of {name}, not of {own}; only {own}'s own records are imported here."
)
UNKNOWN_ID = N_(
    "No record here has this ID: the row comes from another HubDesk (a hub's or another "
    "municipality's sheet). To add it as a new record, empty its ID cell."
)
# The ids HubDesk gives records; any other text in an ID column is an office's own numbering.
HUBDESK_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


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
    # the fields the sheet leaves blank or has no column for (a total to work out, say)
    blank: frozenset[str] = frozenset()

    def reason(self, kind: str) -> str:
        """Why the row is not imported, in the current language (empty when it is)."""
        if self.action is RowAction.EXISTS:
            return _(ALREADY_THERE)
        return join_said(f"{field_label(kind, p.field)}: {p.text}" for p in self.problems)


@dataclass
class ImportPreview:
    kind: str
    sheet: Sheet
    fields: list[str | None]
    options: ImportOptions
    rows: list[PreviewRow]
    # The municipality's teams by id: a row that moves a member names both teams.
    teams: Mapping[str, str] = field(default_factory=dict)

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

    Besides the service's own checks, a row is refused when it would change a record in a
    locked quarter (the same rule ``records`` applies when writing, so a real import equals its
    preview), and in a sheet with a Municipality column (a hub's export of many municipalities)
    when that column names another municipality or the row carries a HubDesk id no record here
    has. The id of a record deleted here is not such an id: that row adds the record again (a
    kept export undoes a delete). A sheet without that column is one installation's own, and an
    unknown id in it adds a new record under a new id (a roster moving to another installation).
    """
    check_importable(kind)
    municipality_id = require_municipality(ctx)
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
    judge = _judge(ctx, kind, rules, municipality_id, sheet.headers, fields)
    by_key: dict[Any, Any] = {}
    for record in existing:
        by_key.setdefault(record_key(kind, record), record)
    seen: dict[Any, int] = {}
    rows = []
    for done, sheet_row in enumerate(sheet.rows, start=1):
        row = _parse_row(kind, rules, sheet_row, fields, teams)
        judge.place(row)
        current = _match(rules, row, by_id, by_key, seen, rules.key_fields[0], judge)
        _plan(ctx, kind, rules, row, current, options, default_team, judge)
        rows.append(row)
        if progress is not None and progress(done, len(sheet.rows)) is False:
            raise ImportCancelled()
    # The teams by name as the window writes them (the sheet is matched on the names as typed)
    return ImportPreview(kind, sheet, list(fields), options, rows, dict(team_choices(ctx)))


@dataclass(frozen=True)
class _Judge:
    """What the preview reads once to judge every row beyond the service's checks."""

    table: str | None  # the period-bound table of the kind (None: not period-bound)
    locked: Mapping[str, str]  # quarter -> state, as period_lock.locked_quarters
    deleted_ids: frozenset[str]  # ids of this municipality's records deleted here
    municipality_column: int | None  # the index of an unmapped Municipality column
    own_names: frozenset[str]  # this municipality's names, normalised, in either script
    own: str
    reader: Role  # the role of this PC, which a locked quarter's refusal tells what to do

    def place(self, row: PreviewRow) -> None:
        """A row of a hub's export naming another municipality is refused."""
        if self.municipality_column is None:
            return
        value = row.cells[self.municipality_column]
        if blank(value) or normalize(value) in self.own_names:
            return
        name = " ".join(str(value).split())
        row.problems.append(
            FieldError("municipality", OTHER_MUNICIPALITY, {"name": name, "own": self.own})
        )

    def unknown_id(self, sheet_id: Any, by_id: Mapping[str, Any]) -> bool:
        """Whether ``sheet_id``, in a sheet of many municipalities, is a HubDesk id that no
        record of this municipality has."""
        if self.municipality_column is None:
            return False
        text = str(sheet_id).strip()
        return bool(
            HUBDESK_ID.fullmatch(text) and text not in by_id and text not in self.deleted_ids
        )

    def lock(self, values: Mapping[str, Any], current: Any) -> FieldError | None:
        """The refusal when the row would create or change a record in a locked quarter."""
        if self.table is None or not self.locked:
            return None
        table = self.table
        days = [period_lock.day_of(table, values, _no_meeting)]
        if current is not None:
            stored = {n: getattr(current, n, None) for n in period_lock.FIELD_NAMES}
            days = [
                period_lock.day_of(table, {**stored, **values}, _no_meeting),
                period_lock.day_of(table, stored, _no_meeting),
            ]
        return period_lock.locked_problem(self.locked, table, days, self.reader)


def _no_meeting(_meeting_id: str) -> dt.datetime | None:
    return None  # no importable kind hangs on a meeting


def _municipality_headers() -> set[str]:
    texts = {normalize("municipality")}
    for lang in LANGUAGES:
        with language(lang):
            texts.add(normalize(_(MUNICIPALITY)))
    return texts


def _judge(
    ctx: ServiceContext,
    kind: str,
    rules: ImportRules,
    municipality_id: str,
    headers: list[str],
    fields: list[str | None],
) -> _Judge:
    from hubdesk.i18n import current_language
    from hubdesk.i18n.scripts import name_for_language, other_script_form

    model: Any = rules.model
    table = period_lock.table_of(model)
    names = _municipality_headers()
    column = next(
        (i for i, h in enumerate(headers) if fields[i] is None and normalize(h) in names), None
    )
    with ctx.read() as session:
        locked = period_lock.locked_quarters(session, municipality_id) if table else {}
        query = select(model.id).where(model.deleted, model.municipality_id == municipality_id)
        deleted = frozenset(session.scalars(query))
        place = session.get(Municipality, municipality_id)
    own, forms = "", set()
    if place is not None:
        # Named in the window's script, as its lists name it; the sheet's name stays as written.
        own = name_for_language(
            place.name, place.name_other_script, current_language(), place.country
        )
        other = place.name_other_script or other_script_form(place.name, place.country)
        forms = {normalize(place.name), normalize(other)} - {""}
    return _Judge(table, locked, deleted, column, frozenset(forms), own, ctx.role)


def _parse_row(
    kind: str,
    rules: ImportRules,
    sheet_row: SheetRow,
    fields: list[str | None],
    teams: Mapping[str, str],
) -> PreviewRow:
    row = PreviewRow(number=sheet_row.number, cells=list(sheet_row.cells))
    model = rules.model
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
        elif isinstance(parsed, str) and column.type is ValueType.TEXT and one_line(model, name):
            row.values[name] = joined_lines(parsed)
        else:
            row.values[name] = parsed
    unmapped = {c.field for c in import_columns(kind) if c.field and c.field not in fields}
    row.blank = frozenset(empty | unmapped)
    return row


def _match(
    rules: ImportRules,
    row: PreviewRow,
    by_id: Mapping[str, Any],
    by_key: Mapping[Any, Any],
    seen: dict[Any, int],
    key_field: str,
    judge: _Judge,
) -> Any:
    """The stored record the row is about (by HubDesk id, else by its natural key), and a
    problem when an earlier row of the sheet is about the same record or its id is unknown."""
    sheet_id = row.values.pop("id", None)
    if sheet_id and judge.unknown_id(sheet_id, by_id):
        row.problems.append(FieldError("id", UNKNOWN_ID))
        return None
    key = rules.key(row.values)
    current = by_id.get(sheet_id) if sheet_id else None
    keyed = current is None and key is not None and by_key.get(key) is not None
    if keyed:
        current = by_key.get(key)
    # One row per record: two rows reaching one stored record (one by its id, one by its
    # name and date) would each pass the rules alone and leave together what they refuse.
    record = current.id if current is not None else None
    for mark in (("id", sheet_id), ("key", key), ("record", record)):
        if mark[1] is None:
            continue
        if mark in seen:
            row.problems.append(FieldError(key_field, rules.duplicate, {"row": seen[mark]}))
            break
        seen[mark] = row.number
    if keyed:
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
    judge: _Judge,
) -> None:
    """Decide the row's action and run the service's own checks on what would be saved."""
    if row.values.get("team_id") is None:
        row.values.pop("team_id", None)
        if current is None and default_team is not None and _has_team(kind):
            row.values["team_id"] = default_team
    if rules.complete is not None:
        rules.complete(row.values, row.blank, current)
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
    if not row.problems:
        changes = {} if current is None else _changes(current, saved)
        if current is None or changes:
            locked = judge.lock(saved if current is None else dict(changes), current)
            if locked is not None:
                row.problems.append(locked)
    if row.problems:
        row.action = RowAction.REFUSED
        return
    if current is None:
        row.action, row.values = RowAction.CREATE, saved
        return
    row.changes = {k: (getattr(current, k), v) for k, v in _changes(current, saved).items()}
    row.values = {k: new for k, (_old, new) in row.changes.items()}
    row.action = RowAction.UPDATE if row.changes else RowAction.UNCHANGED


def _changes(current: Any, saved: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in saved.items() if getattr(current, k) != v}


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
        for done, row in enumerate(preview.rows, start=1):
            if row.action is RowAction.CREATE:
                values = {**row.values, "municipality_id": municipality_id}
                row.record_id = records.create(session, ctx, model, values).id
            elif row.action is RowAction.UPDATE:
                assert row.record_id is not None
                record = records.live(session, model, row.record_id)
                records.change(session, ctx, record, row.values)
            if progress is not None and progress(done, len(preview.rows)) is False:
                raise ImportCancelled()  # Cancel while writing: the transaction rolls back
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


def check_refused_path(path: Path, source: Path) -> None:
    """Refuse (TableError), before anything is imported, a file the rows not imported could not
    be saved to: not .xlsx or .csv, in a folder that is missing or cannot be written, or the
    very sheet being imported (saving would replace the person's workbook)."""
    check_format(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise TableError(NO_FOLDER, folder=str(folder))
    if _same_file(path, source):
        raise TableError(SAME_AS_SOURCE, path=str(path))
    if path.is_dir():
        raise TableError(
            CANNOT_WRITE, path=str(path), reason=os_reason(IsADirectoryError(errno.EISDIR, ""))
        )
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise TableError(CANNOT_WRITE, path=str(path), reason=os_reason(exc)) from exc


def _same_file(path: Path, source: Path) -> bool:
    try:
        if path.resolve() == source.resolve():
            return True
        return path.exists() and source.exists() and os.path.samefile(path, source)
    except (OSError, RuntimeError):
        return False


def write_refused(preview: ImportPreview, path: Path | str) -> int:
    """Save the rows that were not imported, as they were, with the reason in a last column.

    The person can correct that file and import it again. Returns the number of rows written.
    A character a spreadsheet cannot hold (a control character, often the very reason the row
    was refused) is written as the visible placeholder U+FFFD (\N{REPLACEMENT CHARACTER}); any
    other failure to write is a TableError with the reason.
    """
    rows = preview.not_imported
    headers = [_plain(h) for h in (_("Row"), *preview.sheet.headers, _("Problems"))]
    values = [
        [row.number, *(_plain(c) for c in row.cells), _plain(row.reason(preview.kind))]
        for row in rows
    ]
    try:
        write_table(Path(path), headers, values, title=_("Not imported"))
    except TableError:
        raise
    except Exception as exc:  # openpyxl refuses a value: say so rather than crash
        raise TableError(
            CANNOT_WRITE, path=str(path), reason=str(exc) or type(exc).__name__
        ) from exc
    return len(rows)


# What .xlsx cannot hold: the control characters but tab, line feed and carriage return.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
PLACEHOLDER = "\N{REPLACEMENT CHARACTER}"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    if isinstance(value, str):
        return UNWRITABLE.sub(PLACEHOLDER, value)
    return value
