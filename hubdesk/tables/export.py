"""Export any table to .xlsx or .csv in a chosen language, with the table's current filter.

Dates stay dates and numbers stay numbers (the mayor's office sorts and sums them in Excel);
codes become labels in the export language; money is written in major units with its currency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from babel import numbers

from hubdesk import clock
from hubdesk.domain.money import currency_digits, to_major
from hubdesk.i18n import N_, _, current_language, language
from hubdesk.i18n.formatting import babel_locale
from hubdesk.services import listing
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import Page
from hubdesk.tables.columns import (
    KIND_LABELS,
    KINDS,
    Column,
    Kind,
    Lookups,
    ValueType,
    columns_for,
)
from hubdesk.tables.errors import TableError
from hubdesk.tables.public import public_columns, public_values
from hubdesk.tables.sources import DERIVED, count_records, iter_rows, load_lookups
from hubdesk.tables.writers import (
    ExportCancelled,
    MoneyCell,
    Progress,
    check_format,
    write_table,
)

YES, NO = N_("Yes"), N_("No")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    columns: int


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise TableError(
            N_("Unknown table '{kind}'. Choose one of: {kinds}."), kind=kind, kinds=", ".join(KINDS)
        )
    return kind


def table_headers(
    kind: str, lang: str | None = None, *, private: bool = False, hub: bool = False
) -> list[str]:
    """The header row an export of ``kind`` has in ``lang``."""
    with language(lang or current_language()):
        return [c.title() for c in columns_for(check_kind(kind), private=private, hub=hub)]


def cell(column: Column, row: Any, look: Lookups) -> Any:
    """The value ``column`` writes for ``row``, in the current language."""
    value = column.get(row, look)
    if value is None or value == "":
        return None
    kind = column.type
    if kind is ValueType.ENUM:
        return _label(column, value)
    if kind is ValueType.ENUMS:
        return "; ".join(_label(column, v) for v in value)
    if kind is ValueType.BOOL:
        return _(YES) if value else _(NO)
    if kind is ValueType.MONEY:
        assert column.currency is not None
        currency = column.currency(row, look)
        return MoneyCell(to_major(int(value), currency), currency_digits(currency))
    if kind is ValueType.DATETIME and isinstance(value, dt.datetime):
        # Spreadsheets have no time zones: show the region's wall-clock time.
        return clock.wall(value)
    return value


def _values(
    kind: str,
    rows: Iterable[Any],
    columns: Sequence[Column],
    look: Lookups,
    lang: str,
    public: bool,
) -> Iterator[list[Any]]:
    """The cells of ``rows``, made a batch at a time as the writer asks for them.

    The export's language is spoken only while a batch's cells are made: it is the whole
    program's, and the window goes on speaking its own meanwhile."""
    rows = iter(rows)
    while batch := list(islice(rows, listing.READ_BATCH)):
        with language(lang):
            values = [[cell(c, row, look) for c in columns] for row in batch]
        del batch  # the records go as soon as their cells are made
        yield from public_values(kind, columns, values) if public else values


def _label(column: Column, code: str) -> str:
    assert column.enum is not None
    try:
        return column.enum(code).label
    except ValueError:
        return str(code)  # a code from a newer HubDesk: show it rather than lose it


def _reading_told(progress: Progress | None) -> Callable[[int], None] | None:
    """What the reading of a hub's rows (seconds on an old PC) reports to ``progress``: the
    rows read so far, of a total not yet known (a busy bar); a False answer cancels."""
    if progress is None:
        return None

    def told(rows: int) -> None:
        if progress(rows, 0) is False:
            raise ExportCancelled()

    return told


@dataclass
class _Counted:
    """The export's progress as records read of the records counted first.

    The rows are read as they are written, so their number is known only at the end; the
    records they come from are counted before (one count query), and the bar fills by them.
    The table may change between the count and the reading: the bar then stops short of full
    or waits at it, and the file holds what the reading found."""

    progress: Progress | None
    total: int
    derived: bool  # rows are not records (attendance, budget lines): ``records`` says how far
    read: int = 0

    def records(self, read: int) -> None:
        """``iter_rows`` telling of the records read; a False answer cancels."""
        self.read = read
        if self.progress is not None and self.progress(min(read, self.total), self.total) is False:
            raise ExportCancelled()

    def rows(self, done: int, total: int) -> bool:
        """The writer's progress: rows written (``total`` 0 until the file is being saved)."""
        assert self.progress is not None
        if total and done == total:
            return self.progress(self.total, self.total)
        return self.progress(min(self.read if self.derived else done, self.total), self.total)


def csv_separators(lang: str) -> tuple[str, str]:
    """Field and decimal separators Excel expects where ``lang`` is spoken.

    Where the decimal mark is a comma (most of the region), Excel's list separator is ';'.
    """
    decimal = numbers.get_decimal_symbol(babel_locale(lang))
    return (";", ",") if decimal == "," else (",", ".")


def export_table(
    ctx: ServiceContext,
    kind: str,
    path: Path | str,
    *,
    filter: Any | None = None,
    lang: str | None = None,
    private: bool = False,
    page: Page | None = None,
    progress: Progress | None = None,
    public: bool = False,
) -> ExportResult:
    """Write the rows of ``kind`` that ``filter`` selects to ``path`` (.xlsx or .csv).

    ``filter`` is the list service's own filter (MemberFilter, MeetingFilter ...); None exports
    everything. ``page`` only contributes its sort order. ``progress(done, total)`` may return
    False to cancel, and then no file is written; it counts the records read (meetings for
    attendance, proposals for budget lines) of those counted before (``_Counted``).
    ``public``: for readers outside the municipality and the hub, so no private fields and
    counts of people suppressed (``tables/public.py``).
    """
    check_kind(kind)
    path = Path(path)
    check_format(path)
    lang = lang or current_language()
    private = private and not public
    told = _reading_told(progress)
    look = load_lookups(ctx, kind, private=private, lang=lang, told=told)
    columns = columns_for(kind, private=private, hub=ctx.is_hub)
    if public:
        columns = public_columns(columns)
    with language(lang):
        headers = [c.title() for c in columns]
        title = _(KIND_LABELS[kind])
    delimiter, decimal = csv_separators(lang)
    counted = _Counted(progress, count_records(ctx, kind, filter), Kind(kind) in DERIVED)
    with closing(iter_rows(ctx, kind, filter, page, told=counted.records)) as rows:
        written = write_table(
            path,
            headers,
            _values(kind, rows, columns, look, lang, public),
            title=title,
            lang=lang,
            csv_delimiter=delimiter,
            csv_decimal=decimal,
            progress=counted.rows if progress else None,
        )
    return ExportResult(path=path, rows=written, columns=len(headers))
