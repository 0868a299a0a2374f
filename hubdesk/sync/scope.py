"""Who may write what, and what may leave this PC for whom (DESIGN §4, "Scope").

Every synced record belongs to one municipality, directly (``municipality_id``) or through its
meeting or proposal. A municipality and its field laptops share all of that municipality's
records, private fields included; the hub gets them without private fields and writes back only
its decisions and its own status changes on proposals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Table, false, select, true

from hubdesk.domain.enums import Role
from hubdesk.i18n import N_
from hubdesk.sync.codec import MODELS, table_of

# How a table's rows find their municipality: a column on the row itself, or a parent table.
OWNER: dict[str, tuple[str, str | None]] = {
    "municipalities": ("id", None),
    "teams": ("municipality_id", None),
    "members": ("municipality_id", None),
    "meetings": ("municipality_id", None),
    "attendance": ("meeting_id", "meetings"),
    "meeting_guests": ("meeting_id", "meetings"),
    "decisions": ("meeting_id", "meetings"),
    "action_items": ("municipality_id", None),
    "youth_activities": ("municipality_id", None),
    "fund_proposals": ("municipality_id", None),
    "budget_lines": ("proposal_id", "fund_proposals"),
    "proposal_status_changes": ("proposal_id", "fund_proposals"),
    "fund_decisions": ("proposal_id", "fund_proposals"),
    "fund_tranches": ("proposal_id", "fund_proposals"),
    "fund_reports_due": ("proposal_id", "fund_proposals"),
    "fund_reports": ("proposal_id", "fund_proposals"),
}
# The only tables a hub writes, and the one place that says which of their rows are the hub's
# alone (``hub_written``, ``hub_written_clause``): such rows carry the hub's signature (see
# authority.py). A new kind of hub-only record (calls, reviews, tranches, period acceptance) is
# added here and in those two functions, and needs a ``hub_signature`` column.
HUB_TABLES = ("fund_decisions", "proposal_status_changes", "fund_tranches", "fund_reports_due")
# Hub tables whose every row is the hub's (no column decides it, unlike status changes).
HUB_ONLY_TABLES = ("fund_decisions", "fund_tranches", "fund_reports_due")

AREA_LABELS: dict[str, str] = {
    "municipalities": N_("Municipality"),
    "teams": N_("Teams"),
    "members": N_("Team members"),
    "meetings": N_("Meetings"),
    "attendance": N_("Attendance"),
    "meeting_guests": N_("Meeting guests"),
    "decisions": N_("Meeting decisions"),
    "action_items": N_("Action items"),
    "youth_activities": N_("Youth activities"),
    "fund_proposals": N_("Fund proposals"),
    "budget_lines": N_("Budget lines"),
    "proposal_status_changes": N_("Proposal status changes"),
    "fund_decisions": N_("Fund decisions"),
    "fund_tranches": N_("Fund tranches"),
    "fund_reports_due": N_("Reports due"),
    "fund_reports": N_("Implementation reports"),
}


def hub_written(table: str, values: Mapping[str, Any]) -> bool:
    """Rows only a hub writes: its decisions and the status changes it makes."""
    return table in HUB_ONLY_TABLES or (
        table == "proposal_status_changes" and values.get("by_role") == Role.HUB.value
    )


def hub_written_clause(table: str) -> ColumnElement[bool]:
    """``hub_written`` in SQL."""
    if table in HUB_ONLY_TABLES:
        return true()
    if table == "proposal_status_changes":
        return table_of(MODELS[table]).c.by_role == Role.HUB.value
    return false()


def owner_clause(table: str, municipality_id: str) -> ColumnElement[bool]:
    """SQL condition: the row belongs to ``municipality_id``."""
    column, parent = OWNER[table]
    t = table_of(MODELS[table])
    if parent is None:
        return t.c[column] == municipality_id
    p = table_of(MODELS[parent])
    return t.c[column].in_(select(p.c.id).where(p.c.municipality_id == municipality_id))


def export_clause(table: str, sender: Role, recipient: Role) -> ColumnElement[bool] | None:
    """Which rows of ``table`` flow from a ``sender`` to a ``recipient`` (None: none at all)."""
    t: Table = table_of(MODELS[table])
    if sender is Role.HUB:
        if table in HUB_ONLY_TABLES:
            return true()
        if table == "proposal_status_changes":
            return t.c.by_role == Role.HUB.value
        return None
    if recipient is Role.HUB:
        # The hub already holds what it wrote; everything else of the municipality goes.
        if table in HUB_ONLY_TABLES:
            return None
        if table == "proposal_status_changes":
            return t.c.by_role != Role.HUB.value
    return true()


def shares_private(sender: Role, recipient: Role) -> bool:
    """Private fields travel only between a municipality and its own field laptops."""
    return Role.HUB not in (sender, recipient)


class _RowView:
    """Attribute access over a row mapping, so a model's ``private_fields`` can judge a row."""

    def __init__(self, model: type[Any], values: Mapping[str, Any]) -> None:
        self._model, self._values = model, values

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            return getattr(self._model, name)


@cache
def has_private(table: str) -> bool:
    model = MODELS[table]
    return bool(model.PRIVATE_FIELDS) or "private_fields" in vars(model)


@cache
def judged_per_row(table: str) -> bool:
    """Whether the model decides its private fields row by row (meeting minutes marked
    internal) rather than listing them once (member contacts)."""
    return "private_fields" in vars(MODELS[table])


def private_fields_of(table: str, values: Mapping[str, Any]) -> tuple[str, ...]:
    model = MODELS[table]
    return tuple(model.private_fields(_RowView(model, values)))  # type: ignore[arg-type]


@cache
def blank_value(table: str, field: str) -> Any:
    """What a withheld field holds in the copy that leaves: its column's plain default."""
    column = table_of(MODELS[table]).c[field]
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    return None if column.nullable else ""


@dataclass(frozen=True)
class ScopeProblem:
    table: str
    record_id: str
    msgid: str


def check_record(
    table: str,
    values: Mapping[str, Any],
    municipality: str | None,
    *,
    sender_id: str,
    sender_role: Role,
    sender_municipality: str | None,
    own_role: Role,
    own_municipality: str | None,
) -> str | None:
    """Why the sender may not write this record (a msgid), or None when it may.

    ``municipality`` is the record's owner as resolved from the bundle and this database.
    """
    if municipality is None:
        return N_("it belongs to no municipality HubDesk knows")
    if own_role is not Role.HUB and municipality != own_municipality:
        return N_("it belongs to another municipality")
    if sender_role is Role.HUB:
        if not hub_written(table, values):
            return N_("a hub may only send its decisions and status changes")
        if values.get("updated_by") != sender_id:
            return N_("a hub may only send what it wrote itself")
        return None
    if municipality != sender_municipality:
        return N_("it belongs to another municipality than the sender's")
    if hub_written(table, values):
        if own_role is Role.HUB:
            return N_("only the hub writes decisions on proposals")
        if values.get("updated_by") == sender_id:
            return N_("only the hub writes decisions on proposals")
    return None


def resolve_owners(
    table: str,
    rows: Iterable[Mapping[str, Any]],
    known: Mapping[str, Mapping[str, str | None]],
) -> dict[str, str | None]:
    """Owner municipality of each row id, using ``known[parent_table][parent_id]``."""
    column, parent = OWNER[table]
    if parent is None:
        return {row["id"]: row[column] for row in rows}
    lookup = known.get(parent, {})
    return {row["id"]: lookup.get(row[column]) for row in rows}
