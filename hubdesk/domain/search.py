"""The search text kept beside each searchable record, and the folding that makes it.

SQLite's ``LIKE`` folds only ASCII letters, so "куманово" would not find "Куманово", and
``lower(col) LIKE lower(?)`` folds only ASCII too while costing a function call per row. Each
searchable table therefore keeps one derived column, ``search_text``: its searchable fields
joined by a line break (a search box holds one line, so no match spans two fields), folded by
:func:`fold`. A search folds its term the same way and uses plain ``LIKE`` on that column:
both sides are already folded, so LIKE's own ASCII folding is harmless and any script works.

Folding is: Unicode NFC (a letter typed as base + combining accent equals the precomposed
one), case folding for every script, then Serbian and Macedonian Cyrillic letters written in
Latin letters (Serbian Latin alphabet; Macedonian ѓ, ќ, ѕ, ѐ, ѝ as gj, kj, dz, e, i). So
"kumanovo", "KUMANOVO", "Куманово" and "куманово" all find "Куманово", "ЃОРЧЕ" and "gjorče"
find "Ѓорче", and "Đorđe" finds "Ђорђе". Diacritics of Latin letters are kept: "c" does not
find "č", as people of the region would expect.

The column is derived, never synced: it is left out of bundles (``record_columns``) and every
write path fills it (ORM writes by the listeners below, bulk writes by ``with_search_text``).
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Column, Table, event
from sqlalchemy.orm import Mapped, Mapper, mapped_column

SEARCH_COLUMN = "search_text"
DERIVED = "derived"  # Column.info key: kept by the program, never sent or received

# The fields each searchable table is searched in, in the order the lists name them.
SEARCH_FIELDS: dict[str, tuple[str, ...]] = {
    "members": ("name", "organisation"),
    "meetings": ("place", "agenda", "minutes"),
    "action_items": ("title",),
    "youth_activities": ("title", "place", "partners"),
    "fund_proposals": ("reference", "title", "summary"),
    "exchange_parts": ("topic", "host_name", "learned"),
    "good_practices": ("title", "context", "actions"),
    "engagements": ("counterpart", "raised", "answer"),
    "trainings": ("title", "topic", "place", "organiser", "trainer_name"),
}

_CYRILLIC = str.maketrans(
    {
        **dict(zip("абвгдежзиклмнопрстуфхцчш", "abvgdežziklmnoprstufhcčš", strict=True)),
        "ђ": "đ",
        "ј": "j",
        "љ": "lj",
        "њ": "nj",
        "ћ": "ć",
        "џ": "dž",
        "ѓ": "gj",
        "ќ": "kj",
        "ѕ": "dz",
        "ѐ": "e",
        "ѝ": "i",
    }
)


def search_column() -> Mapped[str]:
    """The ``search_text`` column of a searchable model (derived: see the module)."""
    return mapped_column(default="", server_default="", info={DERIVED: True})


# Any letter ``_CYRILLIC`` rewrites (they all lie in this block): text without one is left
# as it is, and ``str.translate`` (a lookup per character) is not needed for it.
_REWRITTEN = re.compile("[\u0400-\u04ff]")
assert all(0x400 <= char <= 0x4FF for char in _CYRILLIC)
# The same table as a list by code point, every other character mapped to itself (one past
# its end is an IndexError, which ``str.translate`` takes as "leave it"): looked up by index,
# not hashed, it translates long Cyrillic texts (meeting minutes) about a third faster.
_BY_POINT = [_CYRILLIC.get(point) or chr(point) for point in range(0x500)]


def fold(text: str) -> str:
    """``text`` as it is kept and searched for (see the module's docstring)."""
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    if folded.isascii() or _REWRITTEN.search(folded) is None:
        return folded  # no letter to rewrite: translating would change nothing
    return folded.translate(_BY_POINT)


def search_text(table: str, values: Mapping[str, Any]) -> str:
    """The search text of one row of ``table`` from its field values."""
    return "\n".join(fold(values.get(name) or "") for name in SEARCH_FIELDS[table])


def with_search_text(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` of a bulk write with their search text (other tables' rows as they are)."""
    if table not in SEARCH_FIELDS or not rows:
        return rows
    # ``search_text`` of each row, a field at a time: each distinct text is folded once (the
    # places, organisations and titles of a bulk write repeat).
    folded: dict[str, str] = {}
    columns = []
    for name in SEARCH_FIELDS[table]:
        texts = [row.get(name) or "" for row in rows]
        folded.update({text: fold(text) for text in set(texts).difference(folded)})
        columns.append(map(folded.__getitem__, texts))
    joined = map("\n".join, zip(*columns, strict=True))
    return [{**row, SEARCH_COLUMN: text} for row, text in zip(rows, joined, strict=True)]


def record_columns(table: Table) -> list[Column[Any]]:
    """The columns of a record as it travels and is shown: without the derived ones."""
    return [column for column in table.columns if not column.info.get(DERIVED)]


def _keep(_mapper: Mapper[Any], _connection: Any, target: Any) -> None:
    table = target.__tablename__
    values = {name: getattr(target, name) for name in SEARCH_FIELDS[table]}
    setattr(target, SEARCH_COLUMN, search_text(table, values))


def keep_search_text(models: Iterable[type[Any]]) -> None:
    """Fill the search text of every searchable record the ORM inserts or updates."""
    for model in models:
        if model.__tablename__ in SEARCH_FIELDS:
            event.listen(model, "before_insert", _keep)
            event.listen(model, "before_update", _keep)
