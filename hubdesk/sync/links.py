"""Checks that need the whole bundle and this database: links between records, and ownership.

A record may only point at records that exist (in the bundle or here) and belong to its own
municipality (or at a record the hub published to every municipality, such as a call for
proposals), and may only be written
by a sender allowed to write it, both as it arrives and as it is stored here now (a bundle must
not take over another municipality's record by rewriting its ``municipality_id``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter, methodcaller
from typing import Any

from sqlalchemy import FromClause, select
from sqlalchemy.orm import Session

from hubdesk.domain.enums import Role
from hubdesk.i18n import N_
from hubdesk.sync import scope
from hubdesk.sync.codec import MODELS, TABLE_ORDER, table_of
from hubdesk.sync.incoming import Incoming, Problem

CHUNK = 500


@dataclass(frozen=True)
class Parties:
    sender_id: str
    sender_role: Role
    sender_municipality: str | None
    own_role: Role
    own_municipality: str | None


def foreign_keys(table: str) -> list[tuple[str, str]]:
    """(column, referenced table) of each link from ``table``."""
    out = []
    for column in table_of(MODELS[table]).columns:
        for fk in column.foreign_keys:
            out.append((column.name, fk.column.table.name))
    return out


def _target_owners(session: Session, table: str, ids: set[str]) -> dict[str, str | None]:
    """Owner municipality of each record of ``table`` held here (ids not held are left out;
    a published record held here has the owner None)."""
    t = table_of(MODELS[table])
    if scope.is_published(table):
        wanted_ids = sorted(ids)
        found: dict[str, str | None] = {}
        for start in range(0, len(wanted_ids), CHUNK):
            chunk = wanted_ids[start : start + CHUNK]
            found.update(
                {i: None for i in session.scalars(select(t.c.id).where(t.c.id.in_(chunk)))}
            )
        return found
    column, parent = scope.OWNER[table]
    if parent is None:
        owner = t.c[column]
        join: FromClause = t
    else:
        p = table_of(MODELS[parent])
        owner = p.c.municipality_id
        join = t.outerjoin(p, p.c.id == t.c[column])
    out: dict[str, str | None] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), CHUNK):
        query = (
            select(t.c.id, owner).select_from(join).where(t.c.id.in_(wanted[start : start + CHUNK]))
        )
        out.update({row[0]: row[1] for row in session.execute(query)})
    return out


def check_scope(
    parties: Parties,
    tables: Mapping[str, list[Incoming]],
    current: Mapping[str, Mapping[str, dict[str, Any]]],
    owners: Mapping[str, Mapping[str, str | None]],
    problems: list[Problem],
    row_owners: Sequence[str | None] | None = None,
) -> None:
    """The sender may write each record, as sent and as stored here. ``row_owners``: the
    owners of the rows of the one table in ``tables``, in row order, if already known."""
    if len(tables) != 1:
        row_owners = None  # they are one table's
    for name, rows in tables.items():
        column, parent = scope.OWNER.get(name, ("", None))  # a published row has no owner
        published = scope.is_published(name)
        if _scope_all_fine(parties, name, rows, current.get(name, {}), owners, row_owners):
            continue
        for inc in rows:
            owner = None if published else _owner(inc.values, column, parent, owners)
            why = scope.check_record(
                name,
                inc.values,
                owner,
                sender_id=parties.sender_id,
                sender_role=parties.sender_role,
                sender_municipality=parties.sender_municipality,
                own_role=parties.own_role,
                own_municipality=parties.own_municipality,
            )
            stored = current.get(name, {}).get(inc.id)
            if why is None and stored is not None and not published:
                why = _check_stored(name, stored, _owner(stored, column, parent, owners), parties)
            if why is None and inc.withheld and parties.own_role is not Role.HUB:
                why = N_("private fields were left out of it, so it cannot replace the full record")
            if why is not None:
                problems.append(Problem(name, inc.id, "", why, reason="out_of_scope"))


def _scope_all_fine(
    parties: Parties,
    name: str,
    rows: list[Incoming],
    held: Mapping[str, dict[str, Any]],
    owners: Mapping[str, Mapping[str, str | None]],
    row_owners: Sequence[str | None] | None,
) -> bool:
    """The common case judged once per distinct owner and values ``check_record`` reads
    (``scope.record_fields``), not per row: True when no row of ``name`` is refused. Rows
    held here already, or withholding fields where that matters, go row by row."""
    if not rows:
        return True
    values = list(map(attrgetter("values"), rows))
    if held and not held.keys().isdisjoint(map(itemgetter("id"), values)):
        return False
    if parties.own_role is not Role.HUB and any(map(attrgetter("withheld"), rows)):
        return False
    if scope.is_published(name):
        row_owners = [None] * len(rows)
    elif row_owners is None:
        column, parent = scope.OWNER[name]
        row_owners = [_owner(v, column, parent, owners) for v in values]
    fields = scope.record_fields(name)
    keys = zip(row_owners, *(map(methodcaller("get", f), values) for f in fields), strict=True)
    try:
        one_of_each = dict(zip(keys, values, strict=True))  # a row for each distinct key
    except TypeError:  # a value that cannot be a key: row by row
        return False
    return all(
        scope.check_record(
            name,
            row,
            owner,
            sender_id=parties.sender_id,
            sender_role=parties.sender_role,
            sender_municipality=parties.sender_municipality,
            own_role=parties.own_role,
            own_municipality=parties.own_municipality,
        )
        is None
        for (owner, *_fields), row in one_of_each.items()
    )


def _check_stored(
    table: str, stored: dict[str, Any], owner: str | None, parties: Parties
) -> str | None:
    if parties.sender_role is Role.HUB:
        if not scope.hub_written(table, stored):
            return scope.NOT_HUB_WRITTEN
        return None
    if owner != parties.sender_municipality:
        return N_("it belongs to another municipality than the sender's")
    return None


def _owner(
    values: Mapping[str, Any],
    column: str,
    parent: str | None,
    owners: Mapping[str, Mapping[str, str | None]],
) -> str | None:
    if parent is None:
        return values[column]
    return owners[parent].get(values[column])


def indexed_tables() -> frozenset[str]:
    """Tables whose records other records point at (links, owning parents): the streaming
    import keeps their ids and owners, and only theirs, for the rest of the bundle."""
    out = {parent for _column, parent in scope.OWNER.values() if parent is not None}
    for name in TABLE_ORDER:
        for _column, target in foreign_keys(name):
            if TABLE_ORDER.index(target) >= TABLE_ORDER.index(name):
                # Batches are checked in table order: a link must point at an earlier table.
                raise AssertionError(f"{name} links to {target}, which is not applied before it")
            out.add(target)
    return frozenset(out)


def batch_owners(
    session: Session,
    name: str,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
    index: Mapping[str, Mapping[str, str | None]],
    empty: frozenset[str],
    prior: Mapping[str, Mapping[str, str | None]] | None = None,
) -> dict[str, dict[str, str | None]]:
    """The owners of the parents of one batch of ``name``: as held here first,
    then as the bundle sends them (``index``); tables in ``empty`` held nothing before the
    import, and ``prior`` has the owners held before it of parents it already rewrote."""
    owners: dict[str, dict[str, str | None]] = defaultdict(dict)
    if scope.is_published(name):
        return owners  # the hub's published records belong to no municipality
    column, parent = scope.OWNER[name]
    if parent is None:
        return owners
    wanted = set(map(itemgetter(column), map(attrgetter("values"), rows)))
    wanted.update(v[column] for v in current.values())
    if parent not in empty:
        owners[parent].update(_target_owners(session, parent, wanted))
        before = (prior or {}).get(parent, {})
        owners[parent].update({value: before[value] for value in wanted if value in before})
    sent = index.get(parent, {})
    for value in wanted:
        if value in sent:
            owners[parent].setdefault(value, sent[value])
    return owners


def check_batch_links(
    session: Session,
    name: str,
    rows: list[Incoming],
    row_owners: list[str | None],
    index: Mapping[str, Mapping[str, str | None]],
    empty: frozenset[str],
    problems: list[Problem],
    hub: bool = False,
) -> None:
    """That every link of one batch of ``name`` points at a record of the row's own
    municipality (or one the hub published); the rows' owners are ``row_owners`` (in row
    order); ``index`` holds the owners of every earlier table's records in the bundle.
    ``hub``: this PC is the hub, which only publishes such records; a link to one it does not
    hold is then to another hub's (or to one published after this hub's data was saved)."""
    by_id = dict(zip(map(attrgetter("id"), rows), row_owners, strict=True))
    records = list(map(attrgetter("values"), rows))
    for column, target in foreign_keys(name):
        shared = scope.is_published(target)  # any municipality may link to it
        sent = index.get(target, {})
        values = list(map(itemgetter(column), records))
        wanted = set(values) - sent.keys() - {None}
        held = _target_owners(session, target, wanted) if wanted and target not in empty else {}
        if shared and not wanted - held.keys():
            continue  # every record linked to is here or in the bundle
        if None not in values and not wanted - held.keys():
            lookup = {**held, **sent} if held else sent
            if list(map(lookup.__getitem__, values)) == row_owners:
                continue
        for inc, value in zip(rows, values, strict=True):
            if value is None:
                continue
            if value in sent:
                target_owner = sent[value]
            elif value in held:
                target_owner = held[value]
            else:
                problems.append(
                    Problem(name, inc.id, column, _missing(shared, hub), reason="missing_link")
                )
                continue
            if shared:
                continue
            if target_owner is None or target_owner != by_id[inc.id]:
                problems.append(
                    Problem(
                        name,
                        inc.id,
                        column,
                        N_("it refers to a record of another municipality"),
                        reason="out_of_scope",
                    )
                )


def _missing(published: bool, hub: bool) -> str:
    """Why a linked record is not here, and what helps: only the hub sends what it published."""
    if published and hub:
        return N_(
            "it refers to a record a hub published that this hub does not hold: the sender "
            "received it from another hub, or this hub's data was restored from a backup older "
            "than that record"
        )
    if published:
        return N_(
            "it refers to a record the hub published that this PC does not hold; ask the hub for "
            "a full bundle and import it first"
        )
    return N_(
        "it refers to a record that is neither in the bundle nor here; "
        "ask the sender for a full bundle"
    )
