"""No second record a spreadsheet could not tell apart from the first.

The spreadsheet import matches a row to a stored record by a text and a day (an activity's
title and start, an engagement's counterpart and date; ``tables/rules.py``), case and runs of
spaces aside (``validation.folded``). The services refuse a second live record of the same
municipality with the same key, in a form and in an import alike, so a sheet never meets two
records it cannot tell apart and never changes the one it happened to list first. A bundle is
not held to it: two field laptops may record the same thing, and refusing the second bundle
would stop a sync for a duplicate a person can merge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.base import Synced
from hubdesk.services.validation import Checker, folded


def refuse_twin(
    session: Session,
    check: Checker,
    model: type[Synced],
    municipality_id: str | None,
    key: tuple[str, str],
    data: Mapping[str, Any],
    current: Any,
    message: str,
) -> None:
    """Add ``message`` on the key's text field when another live record of the municipality
    has the same text (folded) and day as ``data`` over ``current`` would give."""
    text_field, day_field = key
    if text_field not in data and day_field not in data:
        return
    if not (check.ok(text_field) and check.ok(day_field)):
        return
    text = data.get(text_field, getattr(current, text_field, None))
    day = data.get(day_field, getattr(current, day_field, None))
    if not text or not isinstance(day, dt.date):
        return
    columns = model.__table__.columns  # type: ignore[attr-defined]
    query = select(columns[text_field]).where(
        columns["municipality_id"] == municipality_id,
        columns[day_field] == day,
        ~columns["deleted"],
    )
    if current is not None:
        query = query.where(columns["id"] != current.id)
    if any(folded(other) == folded(text) for other in session.scalars(query)):
        check.add(text_field, message)
