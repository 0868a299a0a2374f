"""Paging, sorting and text search shared by every list a table shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session


@dataclass(frozen=True)
class Page:
    """Which slice of a list to load: tables fetch rows a page at a time, never all at once."""

    offset: int = 0
    limit: int | None = None
    order_by: str | None = None
    descending: bool = False


def text_match(search: str | None, *columns: InstrumentedAttribute[Any]) -> ColumnElement[bool]:
    """Case-insensitive ``contains`` over several columns (SQLite LIKE; ASCII case folding)."""
    term = (search or "").strip()
    if not term:
        return ~false()
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


def fetch(
    session: Session,
    query: Select[Any],
    page: Page,
    sortable: dict[str, Any],
    default: Sequence[Any],
) -> list[Any]:
    """Rows of ``query`` for one page, ordered by a whitelisted column, id breaking ties."""
    key = sortable.get(page.order_by or "")
    if key is not None:
        query = query.order_by(key.desc() if page.descending else key.asc())
    query = query.order_by(*default)
    if page.offset:
        query = query.offset(page.offset)
    if page.limit is not None:
        query = query.limit(page.limit)
    return list(session.scalars(query))
