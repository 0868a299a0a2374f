"""The history of one record, read from the audit trail and the conflict log, and restoring.

History is never rewritten: restoring an earlier value is a new change, stamped and audited as
"restore", checked by the area's own rules exactly like an edit in the form. A version that
lost a concurrent edit (kept whole in the conflict log by sync) is part of the history too, and
can be brought back the same way; bringing back the whole of it while its conflict waits for a
decision *is* that decision, made by the conflicts view's own code (``conflicts.bring_back``), so
nobody is asked about it again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, select
from sqlalchemy.orm import Session

from hubdesk.domain import (
    AuditEntry,
    Conflict,
    Installation,
    Municipality,
    ProposalActivity,
    ProposalIndicator,
)
from hubdesk.domain.base import CodeList, Synced, UTCDateTime
from hubdesk.domain.search import SEARCH_COLUMN, record_columns
from hubdesk.domain.sync import Peer
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied
from hubdesk.services.staff import staff_names

# Not a person's change: sync stamps, the owner, the derived search text.
HIDDEN = frozenset({*Synced.SYNC_FIELDS, "municipality_id", SEARCH_COLUMN} - {"deleted"})
# A proposal part's submission number is bookkeeping (``records`` writes each part under its
# proposal's number, and every part anew at a submission): the proposal's history shows the
# submission ("Times submitted"), and an entry that changed nothing else is not shown at all.
HIDDEN_IN: dict[str, frozenset[str]] = {
    table: HIDDEN | {"submission"}
    for table in ("budget_lines", "proposal_activities", "proposal_indicators")
}
CONFLICT = "conflict"
NOT_RESTORABLE = N_("Earlier values of this kind of record cannot be restored.")
NO_SUCH_ENTRY = N_("history entry")


@dataclass(frozen=True)
class FieldChange:
    """One field of one entry. Values are as the audit trail keeps them (dates as ISO text).

    For a conflict entry, ``old`` is the value that was kept and ``new`` the one that lost.
    """

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class HistoryEntry:
    entry_id: str  # "audit:<n>" or "conflict:<n>": what restore_* take
    at: dt.datetime  # UTC
    installation_id: str
    installation_name: str | None  # None when this PC has never heard of that installation
    action: str  # create / update / delete / restore / sync / conflict
    version: int
    changes: tuple[FieldChange, ...]
    resolution: str = ""  # conflicts: "" (open), kept or reverted
    # On a hub's server: the staff member who made the change here (their name, or login),
    # and their login (to tell the person at this PC their own changes).
    person: str | None = None
    login: str | None = None

    @property
    def is_conflict(self) -> bool:
        return self.action == CONFLICT


# --- reading -----------------------------------------------------------------------------------


def model_for(table_name: str) -> type[Synced]:
    """The synced model stored in ``table_name``."""
    from hubdesk.domain import SYNCED_MODELS

    for model in SYNCED_MODELS:
        if model.__tablename__ == table_name:  # type: ignore[attr-defined]
            return model
    raise NotFoundError(N_("record"), table_name)


def installation_names(session: Session, lang: str | None = None) -> dict[str, str]:
    """Names of the installations this PC knows: its own, enrolled peers, municipalities; with
    ``lang``, written in that language's script (the window's), as typed without it."""
    from hubdesk.i18n.scripts import name_for_language
    from hubdesk.services.town_names import TownNames

    towns = list(session.scalars(select(Municipality)))
    forms = TownNames({m.id: (m.name_other_script, m.country) for m in towns})
    typed = {m.id: m.name for m in towns}

    def shown(name: str, municipality_id: str | None) -> str:
        """An installation named after its municipality takes the town's form; another name
        is written by the rule of the town's country."""
        if lang is None:
            return name
        if municipality_id in typed and name.strip() == typed[municipality_id].strip():
            return forms.shown(municipality_id, name, lang)
        country = forms.forms.get(municipality_id or "", ("", None))[1]
        return name_for_language(name, "", lang, country)

    names = {m.origin: shown(m.name, m.id) for m in towns}
    for peer in session.scalars(select(Peer)):
        names[peer.id] = forms.of_peer(peer, lang) if lang else peer.name or peer.municipality_name
    for installation in session.scalars(select(Installation)):
        names[installation.id] = shown(installation.name, installation.municipality_id)
    return names


def related_names(ctx: ServiceContext, lang: str | None = None) -> dict[str, str]:
    """Names of the teams, members and municipalities ids in a history may point to (deleted
    ones too: an old value may name a team that is gone); with ``lang``, municipalities and
    teams are written in that language's script."""
    from hubdesk.domain import Member, Team
    from hubdesk.i18n.scripts import name_for_language

    with ctx.read() as session:
        towns = list(session.scalars(select(Municipality)))
        country = {m.id: m.country for m in towns}
        names = {m.id: m.name for m in towns}
        if lang is not None:
            names = {m.id: name_for_language(m.name, m.name_other_script, lang, m.country)
                     for m in towns}  # fmt: skip
        names.update({rid: name for rid, name in session.execute(select(Member.id, Member.name))})
        for team in session.scalars(select(Team)):
            names[team.id] = (
                name_for_language(team.name, team.name_other_script, lang,
                                  country.get(team.municipality_id))
                if lang is not None else team.name
            )  # fmt: skip
    return names


def _loads(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _audit_entries(session: Session, table_name: str, record_id: str) -> list[AuditEntry]:
    query = (
        select(AuditEntry)
        .where(AuditEntry.table_name == table_name, AuditEntry.record_id == record_id)
        .order_by(AuditEntry.id)
    )
    return list(session.scalars(query))


def _conflicts(session: Session, table_name: str, record_id: str) -> list[Conflict]:
    query = (
        select(Conflict)
        .where(Conflict.table_name == table_name, Conflict.record_id == record_id)
        .order_by(Conflict.id)
    )
    return list(session.scalars(query))


def _current_state(record: Synced | None) -> dict[str, Any]:
    if record is None:
        return {}
    columns = record_columns(type(record).__table__)  # type: ignore[attr-defined]
    return {c.key: records.jsonable(getattr(record, c.key)) for c in columns}


def _states_after(entries: list[AuditEntry], current: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The record as it was right after each entry: today's values with every later change
    undone. Works back from the present, so a record that arrived by sync (whose creation
    this PC never saw) still has a complete picture."""
    state = dict(current)
    after: dict[int, dict[str, Any]] = {}
    for entry in reversed(entries):
        after[entry.id] = dict(state)
        for name, pair in _loads(entry.changes).items():
            if isinstance(pair, list) and len(pair) == 2:
                state[name] = pair[0]
    return after


def made_here_by_you(ctx: ServiceContext, entry: HistoryEntry) -> bool | None:
    """Whether the person at this PC made the change: on a hub's server every staff PC is the
    same installation, so only the login tells (True/False); on a PC's own file, None (there
    the installation is this PC, and "this PC" says it)."""
    if ctx.person is None:
        return None
    return entry.installation_id == ctx.installation_id and entry.login == ctx.person


def record_history(
    ctx: ServiceContext, table_name: str, record_id: str, lang: str | None = None
) -> list[HistoryEntry]:
    """Every change of the record, newest first, with the versions that lost a conflict; with
    ``lang``, the installations that made them named in that language's script."""
    model = model_for(table_name)
    with ctx.read() as session:
        record = session.get(model, record_id)
        entries = _audit_entries(session, table_name, record_id)
        conflicts = _conflicts(session, table_name, record_id)
        if record is None and not entries:
            raise NotFoundError(N_("record"), record_id)
        names = installation_names(session, lang)
        people = staff_names(ctx)
        states = _states_after(entries, _current_state(record))
    hidden = HIDDEN_IN.get(table_name, HIDDEN)
    out: list[tuple[dt.datetime, int, int, HistoryEntry]] = []
    for entry in entries:
        changes = _loads(entry.changes)
        author = entry.installation_id
        if entry.action == "sync" and isinstance(changes.get("updated_by"), list):
            author = changes["updated_by"][1] or author  # who made the change, not who imported
        fields = tuple(
            FieldChange(name, pair[0], pair[1])
            for name, pair in changes.items()
            if name not in hidden and isinstance(pair, list) and len(pair) == 2
        )
        if changes and not fields and entry.action in ("update", "sync"):
            continue  # bookkeeping only (a part numbered anew at a submission)
        # On a server the row names the login that wrote it; for an import that is the staff
        # member who imported the change, not anyone at the installation that made it.
        login = entry.person if entry.action != "sync" else None
        item = HistoryEntry(
            f"audit:{entry.id}",
            entry.at,
            author,
            names.get(author),
            entry.action,
            entry.version,
            fields,
            person=people.get(login, login) if login else None,
            login=login,
        )
        out.append((entry.at, 0, entry.id, item))
    for conflict in conflicts:
        loser = _loads(conflict.loser_data)
        kept = next(
            (states[e.id] for e in entries if e.version == conflict.winner_version),
            _current_state(record),
        )
        fields = tuple(
            FieldChange(name, kept.get(name), value)
            for name, value in loser.items()
            if name not in hidden and kept.get(name) != value
        )
        item = HistoryEntry(
            f"conflict:{conflict.id}",
            conflict.detected_at,
            conflict.loser_installation,
            names.get(conflict.loser_installation),
            CONFLICT,
            conflict.loser_version,
            fields,
            conflict.resolution,
        )
        out.append((conflict.detected_at, 1, conflict.id, item))
    out.sort(key=lambda t: t[:3], reverse=True)
    return [t[3] for t in out]


# --- restoring ---------------------------------------------------------------------------------

# (session, ctx, record_id, data) -> (record, the values to save, a check to run after the
# change or None): the area's ownership check and validation, the ones its update runs.
Restored = tuple[Any, dict[str, Any], Callable[[], None] | None]
Restorer = Callable[[Session, ServiceContext, str, Mapping[str, Any]], Restored]


def _members(session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]) -> Restored:
    from hubdesk.domain import Member
    from hubdesk.services import team

    member = records.live(session, Member, rid, team.MEMBER)
    _same_municipality(ctx, member)
    team.check_member(ctx, data, member)
    return member, dict(data), None


def _teams(session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]) -> Restored:
    from hubdesk.domain import Team
    from hubdesk.services import team

    record = records.live(session, Team, rid, team.TEAM)
    _same_municipality(ctx, record)
    team.check_team(data, creating=False)
    return record, dict(data), None


def _meetings(session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]) -> Restored:
    from hubdesk.services import meetings

    meeting = meetings.own_meeting(session, ctx, rid)
    return meeting, meetings.check_meeting(session, ctx, data, meeting), None


def _action_items(
    session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]
) -> Restored:
    from hubdesk.services import actions

    item, meeting = actions.own_item(session, ctx, rid)
    return item, actions.check_item(session, ctx, data, meeting, item), None


def _youth(session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]) -> Restored:
    from hubdesk.services import youth

    activity = youth.own_activity(session, ctx, rid)
    return activity, youth.check_activity(session, ctx, data, activity), None


def _community(
    session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]
) -> Restored:
    from hubdesk.services import community

    activity = community.own_activity(session, ctx, rid)
    return activity, community.check_activity(session, ctx, data, activity), None


def _proposals(
    session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]
) -> Restored:
    from hubdesk.services import fund

    proposal = fund.own_proposal(session, ctx, rid)
    fund.require_editable(ctx, proposal)
    return proposal, fund.check_proposal(session, ctx, data, proposal), None


def _budget_lines(
    session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]
) -> Restored:
    from hubdesk.services import fund

    line, proposal = fund.own_line(session, ctx, rid)
    fund.check_line(data, creating=False)
    field = "unit_cost_minor" if "unit_cost_minor" in data else "quantity"
    # As update_budget_line: the budget may not drop below the co-funding.
    return line, dict(data), lambda: fund.keep_cofunding_covered(session, proposal, field)


def _activities(
    session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]
) -> Restored:
    from hubdesk.services import fund, proposal_sections

    activity, proposal = proposal_sections.own_part(session, ctx, ProposalActivity, rid)
    fund.require_editable(ctx, proposal)
    return activity, proposal_sections.check_activity(data, activity), None


def _indicators(
    session: Session, ctx: ServiceContext, rid: str, data: Mapping[str, Any]
) -> Restored:
    from hubdesk.services import fund, proposal_sections

    indicator, proposal = proposal_sections.own_part(session, ctx, ProposalIndicator, rid)
    fund.require_editable(ctx, proposal)
    return indicator, proposal_sections.check_indicator(data, creating=False), None


def _same_municipality(ctx: ServiceContext, record: Any) -> None:
    if ctx.municipality_id is None or record.municipality_id != ctx.municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))


def _restorable() -> dict[str, tuple[tuple[str, ...], Restorer]]:
    from hubdesk.services import actions, community, fund, meetings, proposal_sections, team, youth

    return {
        "members": (team.MEMBER_FIELDS, _members),
        "teams": (team.TEAM_FIELDS, _teams),
        "meetings": (meetings.MEETING_FIELDS, _meetings),
        "action_items": (actions.ACTION_UPDATE_FIELDS, _action_items),
        "youth_activities": (youth.ACTIVITY_FIELDS, _youth),
        "community_activities": (community.ACTIVITY_FIELDS, _community),
        "fund_proposals": (fund.PROPOSAL_FIELDS, _proposals),
        "budget_lines": (fund.BUDGET_LINE_FIELDS, _budget_lines),
        # A proposal's workplan and indicators change only while it is editable: a version
        # from the conflict log (a laptop's late deletion of a submitted draft) included.
        "proposal_activities": (proposal_sections.ACTIVITY_FIELDS, _activities),
        "proposal_indicators": (proposal_sections.INDICATOR_FIELDS, _indicators),
    }


def check_as_edit(
    session: Session, ctx: ServiceContext, table_name: str, record: Synced, data: Mapping[str, Any]
) -> Callable[[], None] | None:
    """Run the area's checks on ``data`` (model values) as its form would run them on an edit
    of ``record`` (with no data: whether the record may be changed at all, e.g. deleted): for
    a version brought back from elsewhere (the conflict log's "keep the other version"), which
    must not write what the form refuses (a submitted proposal). Returns the check the area
    runs once the change is written (a budget still covering its co-funding), if any."""
    allowed, restorer = _restorable().get(table_name, ((), None))
    changed = {k: data[k] for k in allowed if k in data and data[k] != getattr(record, k)}
    if restorer is None:
        return None
    return restorer(session, ctx, record.id, changed)[2]


def restorable_fields(table_name: str) -> tuple[str, ...]:
    """Fields whose earlier values a person may bring back (empty: none of this kind)."""
    entry = _restorable().get(table_name)
    return entry[0] if entry else ()


def decode(model: type[Synced], name: str, value: Any) -> Any:
    """A value from the audit trail (JSON) as the model holds it."""
    column = model.__table__.columns[name]  # type: ignore[attr-defined]
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime) and isinstance(value, str):
        moment = dt.datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    if isinstance(kind, Date) and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(kind, CodeList):
        return list(value)
    if isinstance(kind, Boolean):
        return bool(value)
    return value


def _state_at(
    session: Session, table_name: str, record: Synced, entry_id: str, before: bool
) -> dict[str, Any]:
    """The whole record as it was after ``entry_id`` (``before``: just before it), or as the
    losing side of a conflict."""
    kind, _sep, number = entry_id.partition(":")
    if not number.isdigit():
        raise NotFoundError(NO_SUCH_ENTRY, entry_id)
    if kind == CONFLICT:
        conflict = session.get(Conflict, int(number))
        if conflict is None or conflict.record_id != record.id:
            raise NotFoundError(NO_SUCH_ENTRY, entry_id)
        return _loads(conflict.loser_data)
    entries = _audit_entries(session, table_name, record.id)
    states = _states_after(entries, _current_state(record))
    if kind != "audit" or int(number) not in states:
        raise NotFoundError(NO_SUCH_ENTRY, entry_id)
    state = dict(states[int(number)])
    if before:
        entry = next(e for e in entries if e.id == int(number))
        for name, pair in _loads(entry.changes).items():
            if isinstance(pair, list) and len(pair) == 2:
                state[name] = pair[0]
    return state


def _undecided_conflict(
    ctx: ServiceContext, table_name: str, record_id: str, entry_id: str
) -> int | None:
    """The id of the conflict ``entry_id`` names, when it is this record's and still waits for
    a person's decision (None for any other entry)."""
    kind, _sep, number = entry_id.partition(":")
    if kind != CONFLICT or not number.isdigit():
        return None
    with ctx.read() as session:
        conflict = session.get(Conflict, int(number))
        if conflict is None or (conflict.table_name, conflict.record_id) != (table_name, record_id):
            return None
        return None if conflict.resolution else conflict.id


def restore_version(
    ctx: ServiceContext,
    table_name: str,
    record_id: str,
    entry_id: str,
    fields: tuple[str, ...] | None = None,
    *,
    before: bool = False,
) -> dict[str, tuple[Any, Any]]:
    """Make the record look as it did right after ``entry_id`` (``before``: as it was just
    before that change, i.e. undo it) again, in all its editable fields or only ``fields``,
    as ONE new change audited as "restore". Returns what changed ({} when nothing differs).

    The whole losing version of a conflict nobody decided yet is brought back as the
    conflicts view's "Keep the other version" does it, which decides the conflict
    (``conflicts.bring_back``; a SyncError when the record was deleted since). A decided
    conflict's version, or one value of it, is restored like any earlier version.

    Raises ValidationError when the old values break today's rules (a date now in the
    future, a team since deleted), PermissionDenied where the area's update would refuse.
    """
    allowed, restorer = _restorable().get(table_name, ((), None))
    if restorer is None:
        raise PermissionDenied(NOT_RESTORABLE)
    model = model_for(table_name)
    undecided = _undecided_conflict(ctx, table_name, record_id, entry_id)
    if undecided is not None and fields is None and not before:
        # The whole losing version of a conflict nobody decided: the conflicts view's "Keep
        # the other version", one code path (sync builds on services, so reached at run time).
        from hubdesk.sync import conflicts

        return conflicts.bring_back(ctx, table_name, record_id, undecided)
    with ctx.transaction() as session:
        record = records.live(session, model, record_id)
        state = _state_at(session, table_name, record, entry_id, before)
        wanted = allowed if fields is None else tuple(f for f in fields if f in allowed)
        if fields is not None and len(wanted) != len(fields):
            raise PermissionDenied(NOT_RESTORABLE)
        data = {
            name: decode(model, name, state[name])
            for name in wanted
            if name in state and decode(model, name, state[name]) != getattr(record, name)
        }
        if not data:
            return {}
        record, values, after = restorer(session, ctx, record_id, data)
        changes = records.change(session, ctx, record, values, action="restore")
        if after is not None:
            after()
        return changes


def restore_value(
    ctx: ServiceContext,
    table_name: str,
    record_id: str,
    entry_id: str,
    field: str,
    *,
    before: bool = False,
) -> dict[str, tuple[Any, Any]]:
    """Bring back the value ``field`` had right after ``entry_id`` (``before``: its old value
    in that entry; for a conflict entry: the value that lost), as a new "restore" change."""
    return restore_version(ctx, table_name, record_id, entry_id, (field,), before=before)
