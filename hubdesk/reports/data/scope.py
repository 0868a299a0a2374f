"""Which municipality a report is about, and the period it covers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, SQLColumnExpression, func, select
from sqlalchemy.orm import Session

from hubdesk import clock
from hubdesk.domain import Municipality
from hubdesk.domain.base import Synced
from hubdesk.i18n import _
from hubdesk.i18n.scripts import name_in_script
from hubdesk.reports.errors import ReportError
from hubdesk.reports.lang import ReportLanguage
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import get_installation

S = TypeVar("S", bound=Synced)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def utc_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as UTC instants, judged by the region's calendar days."""
        return clock.day_start(self.start), clock.day_start(self.end + dt.timedelta(days=1))

    def contains(self, column: SQLColumnExpression[dt.date]) -> ColumnElement[bool]:
        return (column >= self.start) & (column <= self.end)

    def overlaps(
        self, start: SQLColumnExpression[dt.date | None], end: SQLColumnExpression[dt.date | None]
    ) -> ColumnElement[bool]:
        """Ranges with open (NULL) ends count as running on."""
        return ((start.is_(None)) | (start <= self.end)) & ((end.is_(None)) | (end >= self.start))


def owner_name(ctx: ServiceContext, tr: ReportLanguage) -> str:
    """Who prints: the municipality's name in the report's script, or the hub installation's."""
    if ctx.municipality_id is not None:
        with ctx.read() as session:
            municipality = session.get(Municipality, ctx.municipality_id)
            if municipality is not None:
                return tr.name(municipality)
    installation = get_installation(ctx.db)
    return installation.name if installation is not None else ""


def municipalities(ctx: ServiceContext) -> list[Municipality]:
    """Every live municipality this installation knows, by name (the hub's whole region)."""
    with ctx.read() as session:
        query = select(Municipality).where(~Municipality.deleted).order_by(Municipality.name)
        return list(session.scalars(query))


def is_named(municipality: Municipality, reference: str) -> bool:
    """Whether ``reference`` is the municipality's name in either script, in any letter case:
    an English report prints "Kumanovo" for "Куманово", and that is the name a person gives
    back (compared in Python: SQLite folds the case of ASCII letters only)."""
    forms = {
        name_in_script(
            municipality.name, municipality.name_other_script, script, municipality.country
        )
        for script in ("Latn", "Cyrl")
    }
    return reference.strip().casefold() in {f.casefold() for f in (municipality.name, *forms)}


def resolve_municipality(ctx: ServiceContext, reference: str | None) -> Municipality:
    """The municipality a report is about: the installation's own, or for the hub the one
    named by ``reference`` (its id, or its name in any letter case)."""
    with ctx.read() as session:
        if ctx.municipality_id is not None:
            own = session.get(Municipality, ctx.municipality_id)
            assert own is not None, "a municipality installation has its municipality record"
            if reference and reference != own.id and not is_named(own, reference):
                raise ReportError(_("This installation reports only on its own municipality."))
            return own
        if not reference:
            raise ReportError(_("In hub mode, name the municipality this report is about (--id)."))
        found = session.get(Municipality, reference)
        if found is None or found.deleted:
            live = session.scalars(select(Municipality).where(~Municipality.deleted))
            found = next((m for m in live if is_named(m, reference)), None)
        if found is None:
            raise ReportError(_("No municipality with id or name {ref}.").format(ref=reference))
        return found


def load_record(
    session: Session, ctx: ServiceContext, model: type[S], record_id: str, what: str
) -> S:
    """The live record, if this installation may print it; else a clear "no such" error. A
    proposal is found by its reference too ("MK-2025-003"), the name people know it by."""
    record = session.get(model, record_id)
    kind: Any = model  # only some kinds have a reference
    if record is None and hasattr(kind, "reference") and record_id.strip():
        query = select(kind).where(
            func.upper(kind.reference) == record_id.strip().upper(), ~kind.deleted
        )
        if ctx.municipality_id is not None:
            query = query.where(kind.municipality_id == ctx.municipality_id)
        found = list(session.scalars(query.limit(2)))
        record = found[0] if len(found) == 1 else None
    owner = getattr(record, "municipality_id", None)
    if (
        record is None
        or record.deleted
        or (ctx.municipality_id is not None and owner != ctx.municipality_id)
    ):
        raise ReportError(_("No {what} with id {id}.").format(what=_(what), id=record_id))
    return record
