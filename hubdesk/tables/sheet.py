"""A sheet as read, whatever the file: its header row, the rows under it, and the limits that
keep what is kept small. Both readers (``csvfile``, ``workbook``) hand their numbered rows to
:func:`find_table`, so a CSV file and a workbook are cut, counted and refused alike."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubdesk.i18n import N_, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.tables.errors import TableError

MAX_ROWS = 50_000
MAX_COLUMNS = 1_000  # cells (CSV fields) further right are not read: no table is that wide
HEADER_SEARCH = 20  # the header row is among the first this many rows that hold anything
ASK_EVERY = 256  # rows read between two questions whether to go on
HIDDEN_NAMED = 10  # hidden rows named in the note about them; the rest are counted


class ReadingStopped(Exception):
    """The person stopped the reading (``keep_going`` said no): nothing was read."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the person sees in the spreadsheet (1-based)
    cells: list[Any]


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: list[str]
    rows: list[SheetRow] = field(default_factory=list)
    header_row: int = 1
    encoding: str | None = None  # CSV only: how the bytes were read
    delimiter: str | None = None
    # Workbook only: the numbers of the rows read that the sheet hides (a filter, rows hidden
    # by hand): imported like the others, so the person is told (``hidden_rows_note``).
    hidden: tuple[int, ...] = ()

    def hidden_rows_note(self) -> str:
        """What to tell about the hidden rows among those read (empty when none are)."""
        if not self.hidden:
            return ""
        shown = ", ".join(str(n) for n in self.hidden[:HIDDEN_NAMED])
        if len(self.hidden) > HIDDEN_NAMED:
            shown += ", …"
        return ngettext(
            "{count} row is hidden in the sheet (row {rows}); it is imported like the others. "
            "To leave it out, delete it from the sheet.",
            "{count} rows are hidden in the sheet (rows {rows}); they are imported like the "
            "others. To leave them out, delete them from the sheet.",
            len(self.hidden),
        ).format(count=len(self.hidden), rows=shown)


def unreadable(path: Path) -> TableError:
    return TableError(
        N_("'{name}' cannot be read as a spreadsheet; it may be damaged or of another kind."),
        name=path.name,
    )


# An encrypted workbook (Excel's "protect with a password") is a compound file, not a zip;
# so is an old Excel file saved under the new name.
COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def not_a_workbook(path: Path) -> TableError:
    """What to do with a workbook that is no zip: said plainly where it is a compound file."""
    try:
        with path.open("rb") as fh:
            compound = fh.read(len(COMPOUND_FILE)) == COMPOUND_FILE
    except OSError:
        compound = False
    if not compound:
        return unreadable(path)
    return TableError(
        N_(
            "'{name}' is protected with a password, or is an old Excel file under a new name. "
            "Open it in your spreadsheet program, remove the password, save it as .xlsx and "
            "try again."
        ),
        name=path.name,
    )


def too_large(path: Path) -> TableError:
    return TableError(N_("The file {name} is too large to import."), name=path.name)


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def asking(
    numbered: Iterable[tuple[int, list[Any]]], keep_going: Callable[[], bool] | None
) -> Iterator[tuple[int, list[Any]]]:
    """The rows as they come, asking ``keep_going`` every ``ASK_EVERY`` of them; when it says
    no, ``ReadingStopped``, so a person who cancels does not leave the PC busy to the end."""
    if keep_going is None:
        yield from numbered
        return
    for count, entry in enumerate(numbered):
        if count % ASK_EVERY == 0 and not keep_going():
            raise ReadingStopped()
        yield entry


def find_table(name: str, numbered: Iterable[tuple[int, Sequence[Any]]], **extra: Any) -> Sheet:
    """Find the header row (among the first rows, the first with two or more filled cells and
    at least half as many as the fullest of them, none of the rows after it holding twice as
    many: a title line "Municipality: | Kumanovo" above the table is not its header, however
    narrow the table) and the rows under it. Blank rows are skipped before
    they count against ``MAX_ROWS``, and each row is cut to the header's width as it is read,
    so what is kept stays small."""
    rows_iter = ((n, cells) for n, cells in numbered if any(not blank(v) for v in cells))
    first: list[tuple[int, Sequence[Any]]] = []
    for entry in rows_iter:
        first.append(entry)
        if len(first) == HEADER_SEARCH:
            break
    if not first:
        return Sheet(name=name, headers=[], rows=[], **extra)
    filled = [sum(not blank(v) for v in row) for _n, row in first]
    enough = max(2, (max(filled) + 1) // 2)
    header_at = next(
        (
            i
            for i, count in enumerate(filled)
            if count >= enough and max(filled[i + 1 :], default=0) < 2 * count
        ),
        0,
    )
    header_row, raw = first[header_at]
    width = max((i + 1 for i, v in enumerate(raw) if not blank(v)), default=0)
    headers = ["" if blank(v) else str(v).strip() for v in raw[:width]]
    rows: list[SheetRow] = []
    for number, row in itertools.chain(first[header_at + 1 :], rows_iter):
        cells = (list(row[:width]) + [None] * width)[:width]
        if any(not blank(v) for v in cells):
            if len(rows) >= MAX_ROWS:
                raise TableError(
                    N_("The sheet has more than {limit} rows."), limit=format_number(MAX_ROWS)
                )
            rows.append(SheetRow(number=number, cells=cells))
    return Sheet(name=name, headers=headers, rows=rows, header_row=header_row, **extra)
