"""Paging, sorting and text search shared by every list a table shows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from hubdesk.domain.search import fold

READ_BATCH = 2_000  # rows between two reports while a whole table is read

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
    if told is None:
        return list(session.scalars(paged))
    rows: list[Any] = []
    for batch in session.scalars(paged.execution_options(yield_per=READ_BATCH)).partitions():
        rows.extend(batch)
        told(len(rows))
    return rows


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
