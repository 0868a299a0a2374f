"""Paging, sorting and text search shared by every list a table shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, inspect, select
from sqlalchemy.orm import InstrumentedAttribute, Mapper, Session

from hubdesk.domain.search import fold

READ_BATCH = 2_000  # rows between two reports while a whole table is read
# Rows skipped from which a page is found by its records' ids first (``_deep_page``).
DEEP_OFFSET = 1_000

Told = Callable[[int], None]
_told: ContextVar[Told | None] = ContextVar("told_of_reading", default=None)


@dataclass(frozen=True)
class Page:
    """Which slice of a list to load: tables fetch rows a page at a time, never all at once."""

    offset: int = 0
    limit: int | None = None
    order_by: str | None = None
    descending: bool = False


def text_match(search: str | None, column: InstrumentedAttribute[str]) -> ColumnElement[bool]:
    """Case-insensitive ``contains`` on a table's folded search text, in any script.

    The term is folded as the column is (``hubdesk.domain.search``), so plain ``LIKE`` finds
    "Куманово" for "куманово" and "kumanovo" alike, at the cost of one scan of one column."""
    term = fold((search or "").strip())
    if not term:
        return ~false()
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return column.like(pattern, escape="\\")


def count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def _paged(
    query: Select[Any], page: Page, sortable: dict[str, Any], default: Sequence[Any]
) -> Select[Any]:
    key = sortable.get(page.order_by or "")
    if key is not None:
        query = query.order_by(key.desc() if page.descending else key.asc())
    query = query.order_by(*default)
    if page.offset:
        query = query.offset(page.offset)
    if page.limit is not None:
        query = query.limit(page.limit)
    return query


def fetch(
    session: Session,
    query: Select[Any],
    page: Page,
    sortable: dict[str, Any],
    default: Sequence[Any],
) -> list[Any]:
    """Rows of ``query`` for one page, ordered by a whitelisted column, id breaking ties.

    Inside ``reading_told`` the rows come a batch at a time, and the listener hears of each."""
    paged = _paged(query, page, sortable, default)
    told = _told.get()
    if told is None and page.limit is not None and page.offset >= DEEP_OFFSET:
        return _deep_page(session, query, paged)
    if told is None:
        return list(session.scalars(paged))
    rows: list[Any] = []
    for batch in session.scalars(paged.execution_options(yield_per=READ_BATCH)).partitions():
        rows.extend(batch)
        told(len(rows))
    return rows


def stream(
    session: Session,
    query: Select[Any],
    page: Page,
    sortable: dict[str, Any],
    default: Sequence[Any],
) -> Iterator[Any]:
    """The rows ``fetch`` gives, in its order, read ``READ_BATCH`` at a time and let go of.

    For work that goes through a whole table once (an export): a hub's million records held
    together took hundreds of megabytes, and the garbage collector walking them all paused the
    window's thread too."""
    paged = _paged(query, page, sortable, default)
    for batch in session.scalars(paged.execution_options(yield_per=READ_BATCH)).partitions():
        yield from batch


def _deep_page(session: Session, query: Select[Any], paged: Select[Any]) -> list[Any]:
    """A page far down a list: the ids of its rows in the list's order, then those records.

    To skip 35,000 rows in another order than an index's, SQLite sorts every skipped row
    whole (all its columns, its search text): a second or more at the end of a hub's list,
    where sorting the ids alone takes a tenth of that. Same rows, same order."""
    entity = query.column_descriptions[0]["entity"]
    mapper: Mapper[Any] | None = inspect(entity, raiseerr=False) if entity is not None else None
    if mapper is None or len(mapper.primary_key) != 1:
        return list(session.scalars(paged))
    key = mapper.primary_key[0]
    ids = list(session.scalars(paged.with_only_columns(key)))
    if not ids:
        return []
    name = mapper.get_property_by_column(key).key
    found = {getattr(row, name): row for row in session.scalars(query.where(key.in_(ids)))}
    return [found[row_id] for row_id in ids if row_id in found]


@contextmanager
def reading_told(told: Told) -> Iterator[None]:
    """While the body runs, ``told(rows read so far)`` is called after each batch every list
    reads, and may raise to stop the reading.

    Reading a whole hub's table (an export) takes seconds on an old PC: this is how such work
    keeps its progress moving and hears Cancel, while the list functions stay the ones the
    tables use."""
    token = _told.set(told)
    try:
        yield
    finally:
        _told.reset(token)


def fetch_counted(
    session: Session,
    query: Select[Any],
    page: Page,
    sortable: dict[str, Any],
    default: Sequence[Any],
) -> tuple[int, list[Any]]:
    """``count`` and ``fetch`` in one pass over the table: the count rides on every row of the
    page as a window over all matching rows (a search scans the table once, not twice)."""
    counted = _paged(query.add_columns(func.count().over()), page, sortable, default)
    rows = session.execute(counted).all()
    if rows:
        return rows[0][1], [row[0] for row in rows]
    return (count(session, query) if page.offset else 0), []
