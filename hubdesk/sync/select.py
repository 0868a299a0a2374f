"""Choosing what goes into a bundle for one peer: scope, increments, privacy and lineage.

Incremental by the receipt: the audit log's ids are this installation's own change counter
(every local edit and every record an import changed writes one), so "what the peer has not
acknowledged" is every record with an audit entry after the mark its last receipt confirmed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from sqlalchemy import CompoundSelect, Select, Table, func, not_, or_, select, union_all
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry, Conflict
from hubdesk.domain.enums import Role
from hubdesk.domain.sync import Peer, SeenVersion
from hubdesk.services.context import ServiceContext
from hubdesk.sync import scope
from hubdesk.sync.codec import CODECS, KNOWN, MODELS, TABLE_ORDER, WITHHELD, table_of
from hubdesk.sync.rawio import fetch_json_rows, json_batches, storage_order, tables_holding

CHUNK = 500
SCAN_ABOVE = 5000
BATCH = 5000  # rows an export reads, encodes and writes at a time


@dataclass
class TablePart:
    """The rows of one table as they will be written: columns, then the two meta columns."""

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    withheld: set[str] = field(default_factory=set)


@dataclass
class Selection:
    parts: dict[str, TablePart]
    audit_mark: int
    full: bool

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(part.rows) for name, part in self.parts.items()}

    @property
    def withheld(self) -> dict[str, list[str]]:
        return {name: sorted(p.withheld) for name, p in self.parts.items() if p.withheld}


def owner_for(ctx: ServiceContext, peer: Peer) -> str | None:
    """The municipality whose records travel between us and ``peer``."""
    return peer.municipality_id if ctx.is_hub else ctx.municipality_id


def _queries(
    session: Session, ctx: ServiceContext, peer: Peer, full: bool
) -> tuple[int, bool, list[tuple[str, Table, Select[Any]]]]:
    """The audit mark, whether the bundle is incremental, and one query per table in scope.

    The mark is the highest audit id committed when it is read; the next incremental bundle
    carries what has a higher id. That skips nothing only if a change committed after the mark
    was read always gets a higher id. On SQLite one writer at a time makes it so. On a server,
    ids come from a sequence when a row is written, not when it commits, so a slow unit of work
    could take id 10, a quick one id 11 and commit first, and a mark of 11 would pass over 10
    for good. Every writing unit of work on a server first takes the installation row FOR UPDATE
    (``ServiceContext.transaction``, ``storage/server_clock.py``) and holds it to its commit, so
    no unit takes an audit id while another holds uncommitted ones: ids follow commit order, and
    the ids still uncommitted when the mark is read are all above it
    (``test_server_staff.py::test_a_change_committed_later_has_a_later_audit_id``).
    """
    recipient = Role(peer.role)
    owner = owner_for(ctx, peer)
    mark = int(session.scalar(select(func.max(AuditEntry.id))) or 0)
    # Until the peer has acknowledged anything it gets everything.
    incremental = not full and peer.acked_audit_mark > 0
    queries: list[tuple[str, Table, Select[Any]]] = []
    if owner is None:
        return mark, incremental, queries
    # Only the tables the bundle can carry rows of are queried: every table would take a
    # query each, most of them selecting nothing.
    if incremental:
        candidates = _changed_tables(session, peer.acked_audit_mark, mark)
    else:
        candidates = tables_holding(session)
    for name in TABLE_ORDER:
        if name not in candidates:
            continue
        clause = scope.export_clause(name, ctx.role, recipient)
        if clause is None:
            continue
        t = table_of(MODELS[name])
        # The peer would refuse what it wrote itself (it cannot tell a copy from a forgery),
        # and a field laptop vouches only for its own edits: see authority.py.
        query = select(t).where(scope.owner_clause(name, owner), clause, t.c.updated_by != peer.id)
        if ctx.role is Role.FIELD:
            query = query.where(t.c.updated_by == ctx.installation_id)
        elif name in scope.HUB_TABLES and recipient is Role.FIELD:
            # A hub record not (yet) signed by the hub would only make the laptop refuse the
            # bundle; it follows once the hub's signature has arrived.
            query = query.where(
                or_(not_(scope.hub_written_clause(name)), t.c.hub_signature.is_not(None))
            )
        if incremental:
            changed = select(AuditEntry.record_id).where(
                AuditEntry.id > peer.acked_audit_mark,
                AuditEntry.id <= mark,
                AuditEntry.table_name == name,
            )
            query = query.where(t.c.id.in_(changed))
        queries.append((name, t, query))
    return mark, incremental, queries


def _changed_tables(session: Session, after: int, mark: int) -> frozenset[str]:
    """The tables with an audit entry in (``after``, ``mark``]: the only ones an incremental
    bundle can carry rows of (the usual bundle: a few records changed since the last one)."""
    query = select(AuditEntry.table_name).where(AuditEntry.id > after, AuditEntry.id <= mark)
    return frozenset(session.scalars(query.distinct()))


def select_for_peer(
    session: Session, ctx: ServiceContext, peer: Peer, full: bool = False
) -> Selection:
    """Every row ``peer`` should receive now, encoded for the bundle."""
    mark, incremental, queries = _queries(session, ctx, peer, full)
    private = not scope.shares_private(ctx.role, Role(peer.role))
    parts: dict[str, TablePart] = {}
    for name, t, query in queries:
        rows = fetch_json_rows(session, query.order_by(storage_order(session, t)), t)
        if rows:
            parts[name] = _encode(session, name, rows, private)
    return Selection(parts, mark, not incremental)


@dataclass
class StreamedTable:
    """One table of a bundle as the export writes it: batches of encoded rows, read lazily;
    ``withheld`` is complete once every batch was taken."""

    name: str
    columns: list[str]
    batches: Iterator[list[list[Any]]]
    withheld: set[str] = field(default_factory=set)


def stream_for_peer(
    session: Session, ctx: ServiceContext, peer: Peer, full: bool = False
) -> tuple[int, bool, Iterator[StreamedTable]]:
    """What ``select_for_peer`` selects, a batch at a time (memory does not grow with the
    bundle): the audit mark, whether the bundle is full, and the tables that have rows."""
    mark, incremental, queries = _queries(session, ctx, peer, full)
    private = not scope.shares_private(ctx.role, Role(peer.role))

    def tables() -> Iterator[StreamedTable]:
        for name, t, query in queries:
            raw = json_batches(session, query.order_by(storage_order(session, t)), t, BATCH)
            first = next(raw, None)
            if not first:
                continue
            table = StreamedTable(name, [*CODECS[name].columns, KNOWN, WITHHELD], iter(()))
            scan = not incremental or len(first) >= BATCH
            table.batches = _encoded(session, name, first, raw, private, table.withheld, scan)
            yield table

    return mark, not incremental, tables()


def _encoded(
    session: Session,
    name: str,
    first: list[list[Any]],
    rest: Iterator[list[list[Any]]],
    private: bool,
    withheld: set[str],
    scan: bool,
) -> Iterator[list[list[Any]]]:
    """Batches with lineage added and private fields withheld. A full bundle, or a table of
    many rows, looks its lineage up in one pass over the logs (which keeps only versions that
    were superseded); a few changed records look theirs up by id."""
    lineage: dict[str, set[int]] | None = None
    if scan:
        lineage = defaultdict(set)
        for record_id, version in session.execute(_lineage_query(name, None)):
            lineage[record_id].add(int(version))
    for batch in chain([first], rest):
        part = _encode(session, name, batch, private, lineage)
        withheld.update(part.withheld)
        yield part.rows


def preview_for_peer(
    session: Session, ctx: ServiceContext, peer: Peer, full: bool = False
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Rows per table and private fields withheld, as ``select_for_peer`` would give them, but
    counted in SQL (the Sync page asks this whenever it is shown)."""
    _mark, _incremental, queries = _queries(session, ctx, peer, full)
    private = not scope.shares_private(ctx.role, Role(peer.role))
    counts: dict[str, int] = {}
    withheld: dict[str, list[str]] = {}
    for name, t, query in queries:
        number = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        if not number:
            continue
        counts[name] = number
        if private and scope.has_private(name):
            fields: set[str] = set()
            for row in fetch_json_rows(session, query, t):
                fields.update(
                    scope.private_fields_of(name, dict(zip(CODECS[name].columns, row, strict=True)))
                )
            if fields:
                withheld[name] = sorted(fields)
    return counts, withheld


def _encode(
    session: Session,
    name: str,
    rows: list[list[Any]],
    private: bool,
    lineage: dict[str, set[int]] | None = None,
) -> TablePart:
    """Add lineage and withhold private fields; ``rows`` are already in JSON form."""
    codec = CODECS[name]
    index = {c: i for i, c in enumerate(codec.columns)}
    id_at = index["id"]
    if lineage is None:
        lineage = known_versions(session, name, [row[id_at] for row in rows])
    part = TablePart(columns=[*codec.columns, KNOWN, WITHHELD])
    check_private = private and scope.has_private(name)
    static = check_private and not scope.judged_per_row(name)
    if static:  # the same fields on every row (member contacts): blank them by position
        fields = sorted(MODELS[name].PRIVATE_FIELDS)
        blanks = [(index[f], scope.blank_value(name, f)) for f in fields]
        part.withheld.update(fields)
    if not check_private:  # most tables: only the lineage to add, every row the same way
        _add_lineage(rows, id_at, lineage)
        part.rows = rows
        return part
    for row in rows:
        withheld: list[str] = []
        if static:
            for position, blank in blanks:
                row[position] = blank
            withheld = list(fields)
        elif check_private:
            values = dict(zip(codec.columns, row, strict=True))
            for fname in scope.private_fields_of(name, values):
                row[index[fname]] = scope.blank_value(name, fname)
                withheld.append(fname)
            part.withheld.update(withheld)
        known = lineage.get(row[id_at])
        row.append(sorted(known) if known else [])
        row.append(withheld)
        part.rows.append(row)
    return part


def _add_lineage(rows: list[list[Any]], id_at: int, lineage: dict[str, set[int]]) -> None:
    """Append the ``_known`` and (empty) ``_withheld`` columns to every row."""
    nothing: list[Any] = []  # shared: JSON writes it the same for every row, nobody changes it
    if not lineage:
        for row in rows:
            row += (nothing, nothing)
        return
    get = lineage.get
    for row in rows:
        known = get(row[id_at])
        row += (sorted(known) if known else nothing, nothing)


def known_versions(session: Session, table: str, ids: Iterable[str]) -> dict[str, set[int]]:
    """Every earlier version of each record that this installation has held or knows was
    superseded (the record's current version is left out: it is not lineage)."""
    out: dict[str, set[int]] = defaultdict(set)
    id_list = list(ids)
    if len(id_list) > SCAN_ABOVE:
        # Many records (a full bundle): one pass over the logs beats thousands of lookups.
        wanted = set(id_list)
        for record_id, version in session.execute(_lineage_query(table, None)):
            if record_id in wanted:
                out[record_id].add(int(version))
        return out
    for start in range(0, len(id_list), CHUNK):
        query = _lineage_query(table, id_list[start : start + CHUNK])
        for record_id, version in session.execute(query):
            out[record_id].add(int(version))
    return out


def _lineage_query(table: str, ids: list[str] | None) -> CompoundSelect:
    """(record id, version) of every earlier version the logs know of, from the audit trail,
    the versions seen in bundles and both sides of each conflict, in one statement."""
    sources: list[tuple[Any, Any, Any]] = [
        (AuditEntry.table_name, AuditEntry.record_id, AuditEntry.version),
        (SeenVersion.table_name, SeenVersion.record_id, SeenVersion.version),
        (Conflict.table_name, Conflict.record_id, Conflict.loser_version),
        (Conflict.table_name, Conflict.record_id, Conflict.winner_version),
    ]
    t = table_of(MODELS[table])
    queries = []
    for table_col, id_col, version_col in sources:
        query = (
            select(id_col, version_col)
            .join(t, t.c.id == id_col)
            .where(table_col == table, version_col != t.c.version)
        )
        if ids is not None:
            query = query.where(id_col.in_(ids))
        queries.append(query)
    return union_all(*queries)


def waiting_submissions(session: Session, ctx: ServiceContext, peer: Peer) -> int:
    """Proposals whose submission the next bundle for ``peer`` carries (not yet sent or not
    yet acknowledged): what a focal point waits to see arrive at the hub."""
    for name, t, query in _queries(session, ctx, peer, False)[2]:
        if name == "proposal_status_changes":
            submitted = query.where(t.c.to_status == "submitted", t.c.deleted.is_(False))
            counted = select(func.count(func.distinct(submitted.subquery().c.proposal_id)))
            return int(session.scalar(counted) or 0)
    return 0
