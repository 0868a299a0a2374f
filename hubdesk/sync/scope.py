"""Who may write what, and what may leave this PC for whom (DESIGN §4, "Scope").

Every synced record belongs to one municipality, directly (``municipality_id``) or through its
meeting or proposal. A municipality and its field laptops share all of that municipality's
records, private fields included; the hub gets them without private fields and writes back only
its decisions and its own status changes on proposals.

The one exception are the records the hub *publishes* (``PUBLISHED``: calls for proposals,
guidance notes): they belong to no municipality, only the hub writes them, and once released
they go to every municipality, which relays them unchanged to its field laptops.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true

from hubdesk.domain.enums import MUNICIPALITY_OF_SEVERAL_COUNTRIES, Role
from hubdesk.domain.needs import AssessmentStatus
from hubdesk.i18n import N_
from hubdesk.services.fund_workflow import HUB_MOVES, may_move
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
    "proposal_activities": ("proposal_id", "fund_proposals"),
    "proposal_indicators": ("proposal_id", "fund_proposals"),
    "proposal_status_changes": ("proposal_id", "fund_proposals"),
    "fund_decisions": ("proposal_id", "fund_proposals"),
    "period_submissions": ("municipality_id", None),
    "proposal_reviews": ("proposal_id", "fund_proposals"),
    "proposal_comments": ("proposal_id", "fund_proposals"),
    "fund_tranches": ("proposal_id", "fund_proposals"),
    "fund_reports_due": ("proposal_id", "fund_proposals"),
    "fund_reports": ("proposal_id", "fund_proposals"),
    # peer learning: each city's own part of an exchange, its good practices and the hub's
    # answers to them (the hub's join of the parts is hub-local, never synced)
    "exchange_parts": ("municipality_id", None),
    "good_practices": ("municipality_id", None),
    "practice_curations": ("practice_id", "good_practices"),
    "attachments": ("municipality_id", None),
    "engagements": ("municipality_id", None),
    "helpdesk_requests": ("municipality_id", None),
    "helpdesk_messages": ("request_id", "helpdesk_requests"),
    "trainings": ("municipality_id", None),
    "training_members": ("training_id", "trainings"),
    "needs_assessments": ("municipality_id", None),
    "community_activities": ("municipality_id", None),
}
# Records the hub publishes to every municipality; they have no owner municipality, so they are
# not in OWNER. Each names the column and the value that mark a row as not yet released (it
# stays at the hub until that changes). A new kind (questionnaires, good practices) is one line.
PUBLISHED: dict[str, tuple[str, Any]] = {
    "calls": ("status", "draft"),
    "guidance_notes": ("published_on", None),
    "published_practices": ("published_on", None),
    "needs_questionnaires": ("published_on", None),
}
# Municipal records that reach the hub only once submitted (the column and the value that mark
# one as still being written); the municipality's field laptops get them as they are.
HELD_FROM_HUB: dict[str, tuple[str, Any]] = {
    "needs_assessments": ("status", "draft"),
    "good_practices": ("status", "draft"),
}
# The tables a hub writes, and the one place that says which of their rows are the hub's alone
# (``hub_written``, ``hub_written_clause``, ``export_clause``): such rows carry the hub's
# signature (see authority.py). A new kind of hub record goes in one of the three sets below and
# needs a ``hub_signature`` column.
#
# Tables whose every row is the hub's. Reviews travel to the municipality (and on to its field
# laptops) like decisions: a co-designed proposal is improved with the reviewers' scores and
# comments in hand, so the hub shares them rather than only the outcome.
HUB_ONLY_TABLES = frozenset(
    {"fund_decisions", "proposal_reviews", "fund_tranches", "fund_reports_due"}
    | {"practice_curations"}  # the hub's answer to a submitted good practice
)
# Tables both sides write, where one column names the side that wrote the row.
BY_ROLE_COLUMN: dict[str, str] = {
    "proposal_status_changes": "by_role",
    "proposal_comments": "author_role",
    # The hub's answers to a help desk request; the city's follow-ups are its own rows.
    "helpdesk_messages": "author_role",
}
# A status change to a status only the hub moves a proposal to (under review, a decision) is the
# hub's whatever side it names: the status a proposal has is its newest status change's.
HUB_STATUS_COLUMN: dict[str, str] = {"proposal_status_changes": "to_status"}
# What the hub answers to a submitted quarter; submitting and reopening are the municipality's.
HUB_PERIOD_ACTIONS = frozenset({"accepted", "returned"})
HUB_TABLES = (*sorted(HUB_ONLY_TABLES), *BY_ROLE_COLUMN, "period_submissions", *PUBLISHED)
# Why a hub's bundle may not carry a row: every kind of row a hub writes, named, so the
# refusal stays true as kinds are added (keep it in step with ``hub_written``).
NOT_HUB_WRITTEN = N_(
    "a hub sends only what a hub writes (decisions, reviews, answers and comments, status "
    "changes, tranches, reports due, answers to quarters and good practices, and what it "
    "publishes to every municipality); this record is written by the municipality"
)

AREA_LABELS: dict[str, str] = {
    # (a bundle may carry municipalities of several countries: Albanian "Bashkia / Komuna")
    "municipalities": MUNICIPALITY_OF_SEVERAL_COUNTRIES,
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
    "proposal_activities": N_("Workplan activities"),
    "proposal_indicators": N_("Proposal indicators"),
    "proposal_status_changes": N_("Proposal status changes"),
    "fund_decisions": N_("Fund decisions"),
    "period_submissions": N_("Quarter submissions"),
    "proposal_reviews": N_("Proposal reviews"),
    "proposal_comments": N_("Comments on proposals"),
    "calls": N_("Calls for proposals"),
    "guidance_notes": N_("Guidance notes"),
    "fund_tranches": N_("Fund tranches"),
    "fund_reports_due": N_("Reports due"),
    "fund_reports": N_("Implementation reports"),
    "exchange_parts": N_("Exchanges between cities"),
    "good_practices": N_("Good practices"),
    "practice_curations": N_("Hub's answers to good practices"),
    "published_practices": N_("Published good practices"),
    "attachments": N_("Attached files"),
    "engagements": N_("Engagements"),
    "helpdesk_requests": N_("Help desk requests"),
    "helpdesk_messages": N_("Help desk answers and follow-ups"),
    "trainings": N_("Trainings"),
    "training_members": N_("Team members in trainings"),
    "needs_questionnaires": N_("Needs questionnaires"),
    "needs_assessments": N_("Needs assessments"),
    "community_activities": N_("Community activities"),
}


# Tables whose rows travel only when a flag says so: an attached file is private (neither the
# file nor its record leaves this PC) until someone marks it to travel.
TRAVELS_COLUMN: dict[str, str] = {"attachments": "travels"}


def is_published(table: str) -> bool:
    """Whether ``table`` holds records the hub publishes to every municipality."""
    return table in PUBLISHED


def released(table: str, values: Mapping[str, Any]) -> bool:
    """Whether a published record has left the hub's drafts (it may travel)."""
    column, draft = PUBLISHED[table]
    return values.get(column) != draft


def released_clause(table: str) -> ColumnElement[bool]:
    """``released`` in SQL."""
    column, draft = PUBLISHED[table]
    c = table_of(MODELS[table]).c[column]
    return c.is_not(None) if draft is None else c != draft


def hub_written(table: str, values: Mapping[str, Any]) -> bool:
    """Rows only a hub writes: its decisions and reviews, the status changes and comments it
    makes, and its answers to a submitted quarter (judged by the action, so no row can claim to
    be the municipality's acceptance), and what it publishes. A status change to a status only
    the hub sets (``fund_workflow.HUB_MOVES``) is the hub's whatever side it claims."""
    if table in HUB_ONLY_TABLES or table in PUBLISHED:
        return True
    if table in HUB_STATUS_COLUMN and values.get(HUB_STATUS_COLUMN[table]) in HUB_MOVES:
        return True
    if table in BY_ROLE_COLUMN:
        return values.get(BY_ROLE_COLUMN[table]) == Role.HUB.value
    if table == "period_submissions":
        return values.get("action") in HUB_PERIOD_ACTIONS
    return False


def hub_written_clause(table: str) -> ColumnElement[bool]:
    """``hub_written`` in SQL."""
    if table in HUB_ONLY_TABLES or table in PUBLISHED:
        return true()
    if table in BY_ROLE_COLUMN:
        t = table_of(MODELS[table])
        by_hub = t.c[BY_ROLE_COLUMN[table]] == Role.HUB.value
        if table in HUB_STATUS_COLUMN:
            return or_(by_hub, t.c[HUB_STATUS_COLUMN[table]].in_(sorted(HUB_MOVES)))
        return by_hub
    if table == "period_submissions":
        return table_of(MODELS[table]).c.action.in_(sorted(HUB_PERIOD_ACTIONS))
    return false()


def owner_clause(table: str, municipality_id: str) -> ColumnElement[bool]:
    """SQL condition: the row belongs to ``municipality_id`` (a published row belongs to every
    municipality)."""
    if table in PUBLISHED:
        return true()
    column, parent = OWNER[table]
    t = table_of(MODELS[table])
    if parent is None:
        return t.c[column] == municipality_id
    p = table_of(MODELS[parent])
    return t.c[column].in_(select(p.c.id).where(p.c.municipality_id == municipality_id))


def export_clause(table: str, sender: Role, recipient: Role) -> ColumnElement[bool] | None:
    """Which rows of ``table`` flow from a ``sender`` to a ``recipient`` (None: none at all)."""
    if table in PUBLISHED:
        # Released rows: from the hub to each municipality, and from a municipality on to its
        # field laptops; never back to the hub, never from a laptop.
        if (sender, recipient) in ((Role.HUB, Role.MUNICIPALITY), (Role.MUNICIPALITY, Role.FIELD)):
            return released_clause(table)
        return None
    if table in TRAVELS_COLUMN:
        travels = table_of(MODELS[table]).c[TRAVELS_COLUMN[table]].is_(True)
        return None if sender is Role.HUB else travels
    if sender is Role.HUB:
        return hub_written_clause(table) if table in HUB_TABLES else None
    if recipient is Role.HUB and table in HELD_FROM_HUB:
        column, draft = HELD_FROM_HUB[table]
        return table_of(MODELS[table]).c[column] != draft
    if recipient is Role.HUB and table in HUB_TABLES:
        # The hub already holds what it wrote; everything else of the municipality goes.
        return None if table in HUB_ONLY_TABLES else ~hub_written_clause(table)
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


@cache
def record_fields(table: str) -> tuple[str, ...]:
    """The fields of a record ``check_record`` reads (through ``hub_written`` and ``released``
    too): records of one table with the same owner and the same values here get the same
    answer, so the import asks once per distinct combination. Keep in step with those three
    functions (``tests/sync/test_sync_fast_checks.py`` watches what they read)."""
    fields = ["updated_by"]
    if table in BY_ROLE_COLUMN:
        fields.append(BY_ROLE_COLUMN[table])
    if table in HUB_STATUS_COLUMN:
        fields.extend(("from_status", HUB_STATUS_COLUMN[table]))  # whose move, and which
    if table == "period_submissions":
        fields.append("action")
    if table == "needs_assessments":
        fields.append("status")  # a laptop drafts; only the office submits
    if table in PUBLISHED:
        fields.append(PUBLISHED[table][0])
    return tuple(fields)


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
    if table in PUBLISHED:
        return _check_published(table, values, sender_role, own_role, sender_id)
    if municipality is None:
        return N_("it belongs to no municipality HubDesk knows")
    if own_role is not Role.HUB and municipality != own_municipality:
        return N_("it belongs to another municipality")
    if sender_role is Role.HUB:
        if not hub_written(table, values):
            return NOT_HUB_WRITTEN
        if values.get("updated_by") != sender_id:
            return N_("a hub may only send what it wrote itself")
        return _check_hub_move(table, values) if table in HUB_STATUS_COLUMN else None
    if municipality != sender_municipality:
        return N_("it belongs to another municipality than the sender's")
    if (
        table == "period_submissions"
        and sender_role is Role.FIELD
        and values.get("updated_by") == sender_id
    ):
        # Submitting and reopening a quarter is the office's word to the hub, not a laptop's.
        return N_("only the municipality's own PC submits or reopens a quarter")
    if (
        table == "needs_assessments"
        and sender_role is Role.FIELD
        and values.get("updated_by") == sender_id
        and values.get("status") == AssessmentStatus.SUBMITTED.value
    ):
        # Likewise a needs assessment: a laptop drafts, the office submits and corrects it.
        return N_(
            "only the municipality's own PC submits a needs assessment or corrects a submitted one"
        )
    if (
        table == "fund_reports"
        and sender_role is Role.FIELD
        and values.get("updated_by") == sender_id
    ):
        # Likewise an implementation report: the office submits it, so one due gets one report.
        return N_("only the municipality's own PC submits an implementation report")
    if table == "proposal_status_changes" and not hub_written(table, values):
        why = _check_move(values, sender_id=sender_id, sender_role=sender_role)
        if why is not None:
            return why
    if hub_written(table, values):
        why = N_("only the hub writes decisions on proposals")
        if table == "period_submissions":
            why = N_("only the hub accepts or returns a quarter")
        if table == "helpdesk_messages":
            why = N_("only the hub answers help desk requests")
        if own_role is Role.HUB or values.get("updated_by") == sender_id:
            return why
    return None


def _check_move(values: Mapping[str, Any], *, sender_id: str, sender_role: Role) -> str | None:
    """A status change the municipality's side wrote must be a move its writer may make
    (``fund_workflow.TRANSITIONS``): the municipality's own PC submits a proposal and starts
    and completes its implementation; a field laptop moves none (a row a municipality relays
    in another name than its own is one of its laptops', authority.py)."""
    writer = sender_role if values.get("updated_by") == sender_id else Role.FIELD
    from_status, to_status = values.get("from_status"), values.get("to_status")
    if may_move(writer, str(from_status), str(to_status)):
        return None
    if writer is not Role.MUNICIPALITY:
        return N_("only the municipality's own PC submits a proposal or moves it on")
    return N_(
        "a municipality submits its proposal and starts and completes its implementation; "
        "this status change is none of those steps"
    )


def _check_hub_move(table: str, values: Mapping[str, Any]) -> str | None:
    """A status change a hub sends must be one of the hub's own moves (``TRANSITIONS``), in
    the hub's name: its signature proves who wrote the row, not that the hub may make the
    move, so a hub cannot submit a municipality's proposal, start or complete its
    implementation, nor name the municipality as the side that moved. (A municipality relays
    to its laptops only hub rows it took, so the laptops are kept by this check too.)"""
    from_status, to_status = values.get("from_status"), values.get(HUB_STATUS_COLUMN[table])
    if values.get(BY_ROLE_COLUMN[table]) == Role.HUB.value and may_move(
        Role.HUB, str(from_status), str(to_status)
    ):
        return None
    return N_(
        "the hub puts a proposal under review and decides it, in its own name; this status "
        "change is none of those steps"
    )


def _check_published(
    table: str, values: Mapping[str, Any], sender_role: Role, own_role: Role, sender_id: str
) -> str | None:
    """A published record comes from the hub to a municipality, or relayed by a municipality
    to its field laptop; the hub's signature on it (authority.py) proves who wrote it."""
    if own_role is Role.HUB:
        return N_("only the hub writes what it publishes (calls, guidance notes)")
    if sender_role is Role.HUB:
        if own_role is not Role.MUNICIPALITY:
            return N_("the hub sends what it publishes to municipalities only")
        if values.get("updated_by") != sender_id:
            return N_("a hub may only send what it wrote itself")
    elif not (sender_role is Role.MUNICIPALITY and own_role is Role.FIELD):
        return N_("only the hub writes what it publishes (calls, guidance notes)")
    if not released(table, values):
        return N_("the hub sends only what it has published, never a draft")
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
