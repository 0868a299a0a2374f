"""The passes of an import over a verified bundle, a batch of rows at a time.

:func:`check` decodes and checks every record (types, rules, links, scope, authority) against
the database as it was before the import, and, asked to, merges and writes each batch once it
passed, until the first problem. Between batches it reports progress, which is where Cancel is
heard. See :mod:`hubdesk.sync.importer`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.enums import Role
from hubdesk.i18n import N_
from hubdesk.services.context import ServiceContext
from hubdesk.sync import (
    attachment_files,
    authority,
    dated,
    exchange_import,
    group_merge,
    helpdesk_import,
    inherited,
    links,
    merge,
    municipality_import,
    needs_import,
    period_import,
    practice_import,
    proposal_import,
    rawio,
    scope,
)
from hubdesk.sync.bundle import TABLE_OF_ENTRY
from hubdesk.sync.codec import MODELS, TABLE_ORDER, table_of
from hubdesk.sync.errors import SyncError
from hubdesk.sync.incoming import Incoming, Problem, SeenIds, decode_rows
from hubdesk.sync.seen import SeenStore
from hubdesk.sync.verify import Verified

BATCH = 5000  # rows decoded, checked and written at a time
# The tables whose records may be refused once the whole bundle is read (``check``'s judges).
JUDGED_AT_END = frozenset(
    {*proposal_import.JUDGED, proposal_import.STATUS_TABLE, proposal_import.PROPOSALS}
    | {*period_import.PERIOD_BOUND, period_import.STEPS}
    | set(inherited.CHILDREN)
)
INDEXED = links.indexed_tables() | attachment_files.PARENTS  # attachments name their parents
# The problems kept and listed: the first ones, in the order below. A signed bundle of two
# million rows, each refused, kept a problem per row (1.5 GB for a 60 MB file) and gave the
# preview a list of millions of lines the window froze over; the counts per area still say
# how many records were refused, and ``check`` how many problems were not listed.
MAX_LISTED = 1000


def _entries(verified: Verified) -> list[tuple[str, str]]:
    """(entry name, table) of every record part, parents first."""
    tables = [(name, TABLE_OF_ENTRY[name]) for name in verified.manifest.entries]
    return sorted(tables, key=lambda pair: TABLE_ORDER.index(pair[1]))


def _empty_tables(session: Session) -> frozenset[str]:
    """Tables holding no record here yet (a new hub): no need to look anything up in them."""
    return frozenset(TABLE_ORDER) - rawio.tables_holding(session)


# The order in which problems are listed (and the first one refuses the bundle): by kind of
# check, then table, as when every table was checked whole, one check after the other.
DECODE, LINKS, SCOPE, AUTHORITY = range(4)


@dataclass
class _Checking:
    """What the first pass keeps while it goes through the bundle batch by batch."""

    session: Session
    ctx: ServiceContext
    parties: links.Parties
    authors: Any
    hub: bool
    preview: bool
    empty: frozenset[str]
    now: dt.datetime
    write: bool = False  # write each batch once it is checked (until a problem is found)
    # The hub judges a city's good practices by their submissions (practice_import) and its
    # needs assessments (needs_import).
    practices: bool = False
    # Between an office and its field laptop: whether the rows come from the laptop (True,
    # at the office) or from the office (False, at the laptop); None between any others.
    office_version: bool | None = None
    # The hub, and the office from its laptop, keep help desk words as written once.
    helpdesk: bool = False
    # Submitted needs assessments of this bundle so far: (municipality, year) -> id.
    assessments: dict[tuple[str, int], str] = field(default_factory=dict)
    index: dict[str, dict[str, str | None]] = field(default_factory=dict)
    # Owners, as held before this import, of records of indexed tables it rewrote.
    prior: dict[str, dict[str, str | None]] = field(default_factory=dict)
    proposals: set[str] = field(default_factory=set)
    staged: list[tuple[int, int, int, Problem]] = field(default_factory=list)
    staged_count: int = 0  # problems staged so far (each one's place among equals)
    unlisted: int = 0  # problems dropped from ``staged``: after the first ``MAX_LISTED``
    newest: int = 0
    files: set[str] = field(default_factory=set)  # attached files a travelling record claims
    # What the rows change of proposals, judged once the whole bundle is read (its status
    # changes come after the proposals' own records).
    proposal_changes: proposal_import.ProposalChanges = field(
        default_factory=lambda: proposal_import.ProposalChanges(judged=False)
    )
    # Likewise what they change of quarters (the quarters' steps come after their records).
    quarter_changes: period_import.QuarterChanges = field(
        default_factory=lambda: period_import.QuarterChanges(judged=False)
    )
    # The meetings and proposals the written rows touched, put in one state once the import
    # has written them all (``group_merge.settle``, called by the importer).
    groups: group_merge.Changes | None = None
    # Told the number of rows after each batch: progress, and the place Cancel is noticed.
    tick: Callable[[int], None] | None = None
    # The field laptops among the bundle's authors (``municipality_import``).
    laptops: frozenset[str] = frozenset()
    # The currency each municipality record of this bundle names (its proposals are in it).
    currencies: dict[str, str] = field(default_factory=dict)
    # And the names it gives (a part of an exchange names another city).
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # A preview that writes (outside the hub): the ids each table had not held before, so the
    # records refused once the whole bundle is read are counted as new or updated rightly.
    new_ids: dict[str, set[str]] | None = None
    # Fields records take from the records they hang on (``inherited``), judged at the end.
    taken: inherited.Changes = field(default_factory=inherited.Changes)

    @property
    def from_laptop(self) -> bool:
        """The office reads its field laptop's bundle: it judges the laptop's good practices by
        their submissions, and the needs its proposals and trainings name (practice_import,
        needs_import), which would otherwise make the hub refuse every later bundle of the
        office."""
        return self.office_version is True

    def stage(self, kind: int, table: str, problems: list[Problem]) -> None:
        order = TABLE_ORDER.index(table)
        first = self.staged_count
        self.staged.extend((kind, order, first + i, p) for i, p in enumerate(problems))
        self.staged_count += len(problems)
        if len(self.staged) > 2 * MAX_LISTED:
            self.keep_first()

    def keep_first(self) -> list[Problem]:
        """The first ``MAX_LISTED`` problems in their order; the rest are only counted."""
        self.staged.sort(key=lambda item: item[:3])
        self.unlisted += max(0, len(self.staged) - MAX_LISTED)
        del self.staged[MAX_LISTED:]
        return [problem for *_key, problem in self.staged]


def check(
    session: Session,
    ctx: ServiceContext,
    verified: Verified,
    problems: list[Problem],
    areas: dict[str, merge.AreaCounts],
    preview: bool = False,
    write: bool = False,
    groups: group_merge.Changes | None = None,
    outranked: set[tuple[str, str]] | None = None,
    tick: Callable[[int], None] | None = None,
) -> Checked:
    """Decode and check every record. The first problems go into ``problems`` (and, for a
    preview, what the merge would do into ``areas``); returns the newest version in the bundle,
    for the clock check, and how many problems were not listed (``MAX_LISTED``). ``write``:
    merge and write each batch as soon as it passed, as long as no problem was found; what the
    written rows did to meetings and proposals is gathered into ``groups``.
    ``outranked``: gets the proposal parts left unjudged for ``proposal_parts.outranked`` to
    delete. ``tick(rows)`` is called after each batch (progress; it raises to cancel, and the
    caller rolls back what the batches wrote)."""
    m = verified.manifest
    checking = _Checking(
        session=session,
        ctx=ctx,
        parties=links.Parties(
            sender_id=m.sender_id,
            sender_role=Role(verified.peer.role),
            sender_municipality=verified.peer.municipality_id,
            own_role=ctx.role,
            own_municipality=ctx.municipality_id,
        ),
        authors=authority.authors_for(
            session,
            own_id=ctx.installation_id,
            signer=m.sender_id,
            signer_role=Role(verified.peer.role),
            delegates=m.delegates,
        ),
        hub=ctx.is_hub,
        preview=preview,
        empty=_empty_tables(session),
        now=dt.datetime.now(dt.UTC),
        write=write,
        practices=practice_import.judged(ctx.role, Role(verified.peer.role)),
        office_version=practice_import.between_office_and_laptop(
            ctx.role, Role(verified.peer.role)
        ),
        helpdesk=helpdesk_import.judged(ctx.role, Role(verified.peer.role)),
        proposal_changes=proposal_import.start(ctx.role, Role(verified.peer.role)),
        quarter_changes=period_import.start(
            ctx.role, Role(verified.peer.role), ctx.municipality_id, verified.peer.municipality_id
        ),
        groups=groups,
        tick=tick,
        new_ids={} if preview and write else None,
    )
    checking.laptops = frozenset(
        municipality_import.laptops_among(m.sender_id, verified.peer.role, checking.authors.allowed)
    )
    # Rows come in the order the sender stores them (any order is judged alike): the ids
    # read so far are kept (a bounded set, then on disk) to find a record sent twice
    # (see ``seen.py``).
    with SeenStore(ctx.data_dir) as store, rawio.wide_cache(session):
        for entry_name, table in _entries(verified):
            _check_table(checking, verified, entry_name, table, areas, store.for_table())
    checking.stage(LINKS, attachment_files.TABLE, attachment_files.unclaimed(m, checking.files))
    judged = [
        *proposal_import.judge(session, checking.proposal_changes),
        *period_import.judge(session, checking.quarter_changes),
        *inherited.judge(session, checking.taken),
    ]
    for problem in judged:
        checking.stage(AUTHORITY, problem.table, [problem])
    if checking.preview:
        _recount_judged(session, judged, areas, checking.new_ids)
    problems.extend(checking.keep_first())
    if checking.write:
        merge.refresh_proposals(session, checking.proposals)
    if outranked is not None:
        outranked.update(checking.proposal_changes.outranked)
    return Checked(checking.newest, checking.unlisted)


class Checked(NamedTuple):
    newest: int  # the newest version in the bundle
    unlisted: int  # problems found but not listed


def _check_table(
    checking: _Checking,
    verified: Verified,
    entry_name: str,
    table: str,
    areas: dict[str, merge.AreaCounts],
    seen: SeenIds,
) -> None:
    session, empty = checking.session, checking.empty
    counts = areas[table] = merge.AreaCounts()
    published = scope.is_published(table)  # the hub's: no owner municipality
    column, parent = (None, None) if published else scope.OWNER[table]
    index = checking.index.setdefault(table, {}) if table in INDEXED else None
    for raw in verified.batches(entry_name, BATCH):
        size = len(raw)
        decoded: list[Problem] = []
        rows = decode_rows(table, raw, decoded, seen)
        del raw
        checking.stage(DECODE, table, decoded)
        if checking.hub:
            _blank_private(table, rows)
        ids = list(map(ID, rows))
        current = {} if table in empty else merge.load_current(session, table, ids)
        owners = links.batch_owners(
            session, table, rows, current, checking.index, empty, checking.prior
        )
        row_owners = _row_owners(rows, column, parent, owners)
        if index is not None:
            index.update(zip(ids, row_owners, strict=True))
        found: list[Problem] = []
        links.check_batch_links(
            session, table, rows, row_owners, checking.index, empty, found, checking.hub
        )
        if table == attachment_files.TABLE:
            attachment_files.check_rows(
                session, verified.manifest, rows, current, checking.index, checking.files, found
            )
        checking.stage(LINKS, table, found)
        scoped: list[Problem] = []
        links.check_scope(
            checking.parties, {table: rows}, {table: current}, owners, scoped, row_owners
        )
        checking.stage(SCOPE, table, scoped)
        authored: list[Problem] = []
        authority.check_authority(checking.authors, {table: rows}, {table: current}, authored)
        if checking.practices and table == practice_import.TABLE:
            authored.extend(practice_import.check_rows(session, rows, current))
        settled: dict[str, bool] = {}
        if checking.from_laptop and table == practice_import.TABLE:
            authored.extend(practice_import.check_laptop_rows(session, rows, current))
        if checking.office_version is not None and table == practice_import.TABLE:
            settled = practice_import.office_version(
                session, rows, current, from_laptop=checking.office_version
            )
        if checking.from_laptop and table in needs_import.NAMING:
            authored.extend(needs_import.check_laptop_links(session, table, rows, current))
        if checking.helpdesk and table in helpdesk_import.TABLES:
            authored.extend(helpdesk_import.check_rows(table, rows, current))
        if table == municipality_import.TABLE:
            authored.extend(
                municipality_import.check_rows(session, rows, current, checking.laptops)
            )
            checking.currencies.update(municipality_import.currencies(rows, current))
            checking.names.update(municipality_import.names(rows, current))
        authored.extend(dated.check_rows(table, rows, current, checking.now))
        if table == exchange_import.TABLE:
            authored.extend(exchange_import.check_rows(session, rows, current, checking.names))
        if table == proposal_import.PROPOSALS:
            authored.extend(
                proposal_import.check_currency(
                    session, rows, current, row_owners, checking.currencies
                )
            )
        if checking.practices and table == needs_import.TABLE:
            authored.extend(needs_import.check_rows(session, rows, checking.assessments, current))
        period_import.gather(session, checking.quarter_changes, table, rows, current)
        inherited.gather(checking.taken, table, rows, current)
        proposal_import.gather(checking.proposal_changes, table, rows, current)
        checking.stage(AUTHORITY, table, authored)
        if rows:
            versions = map(itemgetter("version"), map(VALUES, rows))
            checking.newest = max(checking.newest, max(versions))
        if checking.new_ids is not None and table in JUDGED_AT_END:
            checking.new_ids.setdefault(table, set()).update(i for i in ids if i not in current)
        if checking.write and checking.staged:
            checking.write = False  # a problem: from here on only check, write nothing more
        if checking.write:
            _write_batch(checking, table, rows, current, counts, settled)
        elif checking.preview:
            refused = {p.record_id for p in (*decoded, *found, *scoped, *authored)}
            counts.refused += len(refused)
            accepted = [inc for inc in rows if inc.id not in refused]
            merge.merge_table(
                session, table, accepted, current, counts, merge.Writes(), checking.now, settled
            )
        if checking.tick is not None:
            checking.tick(size)


ID, VALUES = attrgetter("id"), attrgetter("values")


def _recount_judged(
    session: Session,
    judged: list[Problem],
    areas: dict[str, merge.AreaCounts],
    new_ids: dict[str, set[str]] | None,
) -> None:
    """A preview counted each table's records as the merge would take them before the
    proposals' and quarters' histories and the fields records take from others were judged
    (once the whole bundle is read). A record refused there is a version that outranks the one
    held, or a new one: it moves from "updated" or "new" to "refused", so the preview's counts
    agree with the refusals it lists. ``new_ids``: what a preview that wrote its rows found
    new; otherwise whether the record is held is read here."""
    for table, record_id in {(p.table, p.record_id) for p in judged}:
        counts = areas.get(table)
        if counts is None:
            continue
        if new_ids is not None:  # the preview wrote the rows: held is what it found first
            held = record_id not in new_ids.get(table, set())
        else:
            t = table_of(MODELS[table])
            held = session.execute(select(t.c.id).where(t.c.id == record_id)).first() is not None
        if held and counts.updated:
            counts.updated -= 1
        elif not held and counts.created:
            counts.created -= 1
        counts.refused += 1


def _row_owners(
    rows: list[Incoming],
    column: str | None,
    parent: str | None,
    owners: dict[str, dict[str, str | None]],
) -> list[str | None]:
    """Each row's owner municipality (``links._owner``), a column at a time."""
    if column is None:  # the hub's published records belong to no municipality
        return [None] * len(rows)
    linked = map(itemgetter(column), map(VALUES, rows))
    if parent is None:
        return list(linked)
    return list(map(owners[parent].get, linked))


def _write_batch(
    checking: _Checking,
    table: str,
    rows: list[Incoming],
    current: dict[str, dict[str, Any]],
    counts: merge.AreaCounts,
    settled: dict[str, bool],
) -> None:
    """Merge and write one checked batch. Later batches judge links by the owners records had
    before this import, so those of rewritten records others point at are kept first."""
    session = checking.session
    # On SQLite the created records' audit entries are written from the rows just inserted.
    writes = merge.Writes(audit_created_in_sql=session.get_bind().dialect.name == "sqlite")
    group_merge.gather(checking.groups, table, rows, current)
    merge.merge_table(session, table, rows, current, counts, writes, checking.now, settled)
    updated = {values["id"] for values in writes.updates.get(table, [])}
    if updated and table in INDEXED:
        held = links._target_owners(session, table, updated)
        checking.prior.setdefault(table, {}).update(held)
    merge.write_batch(session, writes, (table,))
    checking.proposals.update(writes.proposals)


def _blank_private(name: str, rows: list[Incoming]) -> None:
    """The hub keeps no private field, even if a sender's HubDesk let one through."""
    if not scope.has_private(name):
        return
    if scope.judged_per_row(name):
        for inc in rows:
            for fname in scope.private_fields_of(name, inc.values):
                inc.values[fname] = scope.blank_value(name, fname)
        return
    blanks = {f: scope.blank_value(name, f) for f in MODELS[name].PRIVATE_FIELDS}
    for inc in rows:
        inc.values.update(blanks)


def refuse_if_any(problems: list[Problem]) -> None:
    """Refuse the bundle, naming the first problem, if there is any."""
    if problems:
        first = problems[0]
        raise SyncError(
            N_("The bundle was refused and nothing was imported: {problem}"),
            first.reason,
            problem=first.text,
        )
