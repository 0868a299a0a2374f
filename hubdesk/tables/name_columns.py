"""A roster's first names and surnames in two columns, read as one name.

Offices of the region often keep "Ime | Prezime" ("Emri | Mbiemri", "Name | Surname"):
HubDesk keeps a member's whole name in one field, and a first-name column mapped to it alone
lost every surname without a word, then refused Marko Petrović as the same person as Marko
Marković. When a sheet has a surname column beside a first-name column, the two are read as
one column of whole names, first name first, before anything is mapped; the preview and the
file of refused rows show that column.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hubdesk.tables.mapping import normalize
from hubdesk.tables.sheet import Sheet, SheetRow, blank

# Compared after ``mapping.normalize``: "Име" is "ime", "Mbiemër" is "mbiemer".
FIRST_NAMES = frozenset(
    {"ime", "name", "first name", "firstname", "given name", "emri", "emer", "emri i pare"}
)
SURNAMES = frozenset(
    {"prezime", "surname", "last name", "lastname", "family name", "mbiemri", "mbiemer"}
)


def join_name_columns(sheet: Sheet) -> Sheet:
    """``sheet`` with its first-name and surname columns read as one (unchanged unless it has
    exactly one of each)."""
    kinds = [normalize(h) for h in sheet.headers]
    first = [i for i, k in enumerate(kinds) if k in FIRST_NAMES]
    last = [i for i, k in enumerate(kinds) if k in SURNAMES]
    if len(first) != 1 or len(last) != 1:
        return sheet
    a, b = first[0], last[0]
    headers = list(sheet.headers)
    headers[a] = f"{sheet.headers[a]} {sheet.headers[b]}"
    del headers[b]
    rows = [SheetRow(row.number, _joined(row.cells, a, b)) for row in sheet.rows]
    return replace(sheet, headers=headers, rows=rows)


def _joined(cells: list[Any], a: int, b: int) -> list[Any]:
    out = list(cells)
    parts = [str(cells[i]).strip() for i in (a, b) if i < len(cells) and not blank(cells[i])]
    out[a] = " ".join(parts) if parts else None
    if b < len(out):
        del out[b]
    return out
