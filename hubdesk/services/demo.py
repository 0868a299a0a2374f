"""A demo municipality (Kumanovo) with three years of realistic records, for trying HubDesk out
and for benchmarks.

Built in two phases so that ``--scale 1000`` takes minutes, not hours: rows are generated as plain
dicts (``demo_team``, ``demo_youth``, ``demo_fund``), then written with SQLAlchemy Core
``executemany`` inserts, never ORM objects one by one. Everything, including the installation
row that ``initialise`` writes, happens in ONE transaction on one connection, so a cancelled or
failed build leaves the database as empty as it was. Generation and insertion alternate per chunk
of team blocks, which keeps memory flat at any scale.

The audit trail gets ONE entry per table (action ``demo``, ``{"records": [0, N]}``) instead of
one per record: per-record entries would double the work and say nothing a person could use,
since nobody typed these records in.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, insert, update
from sqlalchemy.orm import sessionmaker

from hubdesk import clock
from hubdesk.domain import AuditEntry, Installation, Municipality
from hubdesk.domain.base import Base
from hubdesk.domain.enums import Role
from hubdesk.domain.hlc import pack
from hubdesk.domain.search import with_search_text
from hubdesk.i18n import N_, _
from hubdesk.services.demo_calls import build_calls
from hubdesk.services.demo_data import LANGUAGE_BY_COUNTRY, MUNICIPALITY_NAME
from hubdesk.services.demo_fund import build_proposals
from hubdesk.services.demo_helpdesk import build_helpdesk
from hubdesk.services.demo_inclusion import build_inclusion
from hubdesk.services.demo_needs import build_needs
from hubdesk.services.demo_peers import build_peers
from hubdesk.services.demo_periods import build_periods
from hubdesk.services.demo_proposal_sections import build_proposal_sections
from hubdesk.services.demo_reviews import build_reviews
from hubdesk.services.demo_rows import TABLES, Block, DemoPlan, Row, at, plan_demo
from hubdesk.services.demo_team import build_meetings, build_team
from hubdesk.services.demo_trainings import build_trainings
from hubdesk.services.demo_youth import build_activities
from hubdesk.services.installation import AlreadyInitialisedError, get_installation, initialise
from hubdesk.services.validation import Checker
from hubdesk.storage.db import Database

MAX_SCALE = 10_000
COUNTRY = "MK"  # the demo municipality's (Kumanovo), unless another is asked for
BLOCKS_PER_CHUNK = 20  # about 50 000 rows generated, then inserted, at a time
CACHE_KIB = 65_536  # SQLite page cache during the build: random UUID keys need room
AUDIT_ACTION = "demo"
Progress = Callable[[int, int], bool | None]


class DemoCancelled(Exception):
    """The person cancelled; the transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__(_("Building the demo data was cancelled; nothing was changed."))


@dataclass(frozen=True)
class DemoSummary:
    """What was built, for the command's summary and for benchmarks. ``counts`` has one entry
    per synced table (the municipality included); the seconds split the work into building rows
    in Python and writing them (inserts, audit entries and the commit)."""

    installation_id: str
    municipality_id: str
    seed: int
    scale: int
    today: dt.date
    counts: dict[str, int] = field(default_factory=dict)  # rows created per table
    generate_seconds: float = 0.0  # building the rows in Python
    insert_seconds: float = 0.0  # writing them, auditing and committing
    total_seconds: float = 0.0

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def generate_block(plan: DemoPlan, index: int) -> Block:
    """Team number ``index`` with its members, meetings, youth activities and proposals."""
    block = Block(plan, index)
    team_id, members = build_team(block)
    build_meetings(block, team_id, members)
    build_activities(block, team_id)
    build_proposals(block)
    build_proposal_sections(block)
    build_periods(block)
    build_calls(block)  # before the reviews, which score the call's criteria
    build_reviews(block)
    build_peers(block)  # exchanges and good practices (issue 14 §3)
    build_helpdesk(block)  # engagements and help desk requests (issue 14)
    build_trainings(block, members)  # its own random stream: changes no other record
    build_needs(block)  # last: it draws on its own random numbers
    build_inclusion(block)  # last, with its own random stream: the rest stays as it was
    return block


def generate_chunks(plan: DemoPlan) -> Iterator[tuple[int, dict[str, list[Row]]]]:
    """(number of blocks, rows per table) for each chunk of blocks, in insert order."""
    for first in range(0, plan.scale, BLOCKS_PER_CHUNK):
        blocks = range(first, min(first + BLOCKS_PER_CHUNK, plan.scale))
        rows: dict[str, list[Row]] = {table: [] for table in TABLES}
        for index in blocks:
            for table, block_rows in generate_block(plan, index).rows.items():
                rows[table].extend(block_rows)
        yield len(blocks), rows


def insert_table(connection: Connection, table: str, rows: list[Row]) -> None:
    if rows:
        connection.execute(insert(Base.metadata.tables[table]), with_search_text(table, rows))


class _JoinedDatabase(Database):
    """The caller's database with every session joined to one connection's open transaction,
    so that ``initialise`` and the bulk inserts commit or roll back together."""

    def __init__(self, db: Database, connection: Connection) -> None:  # no new engine
        self.url = db.url
        self.engine = db.engine
        self.sessions = sessionmaker(
            bind=connection, expire_on_commit=False, join_transaction_mode="rollback_only"
        )


def check_arguments(seed: object, scale: object) -> None:
    check = Checker()
    values = {"seed": seed, "scale": scale}
    check.count(values, "seed", maximum=2**63 - 1)
    check.count(values, "scale", maximum=MAX_SCALE)
    if check.ok("scale") and scale == 0:
        check.add("scale", N_("At least {limit}."), limit=1)
    check.done()


def demo_language(country: str = COUNTRY) -> str:
    """The language the demo municipality of ``country`` speaks, known before it is built."""
    return LANGUAGE_BY_COUNTRY[country]


def build_demo(
    db: Database,
    *,
    seed: int = 1,
    scale: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
    name: str = MUNICIPALITY_NAME,
    country: str = COUNTRY,
    hub_language: str | None = None,
) -> DemoSummary:
    """Make the empty database ``db`` the demo municipality and fill it (see module docstring).

    ``progress(done, total)`` is called as the work advances; returning False cancels, and
    :class:`DemoCancelled` is raised after everything was rolled back. ``hub_language``: the
    language of the records the demo hub published (by default the town's own).
    """
    check_arguments(seed, scale)
    existing = get_installation(db)
    if existing is not None:
        raise AlreadyInitialisedError(existing.name)
    plan = plan_demo(
        seed, scale, today or clock.today(), name=name, country=country, hub_language=hub_language
    )
    run = _Run(plan, progress or (lambda _done, _total: True))
    run.report()
    with db.engine.connect() as connection:
        # SQLite's page cache is widened for the build, outside any transaction, on the
        # driver's connection (SQLAlchemy would begin one); a server sizes its own cache.
        raw = connection.connection.driver_connection if db.is_sqlite else None
        cache = raw.execute("PRAGMA cache_size").fetchone()[0] if raw is not None else None
        if raw is not None:
            raw.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        try:
            with connection.begin():
                run.fill(connection, _JoinedDatabase(db, connection))
                mark = time.perf_counter()
            run.inserting += time.perf_counter() - mark  # the commit
        finally:
            if raw is not None and cache is not None:
                raw.execute(f"PRAGMA cache_size={int(cache)}")
    return DemoSummary(
        installation_id=plan.installation_id,
        municipality_id=plan.municipality_id,
        seed=seed,
        scale=scale,
        today=plan.today,
        counts={"municipalities": 1, **run.counts},
        generate_seconds=run.generating,
        insert_seconds=run.inserting,
        total_seconds=time.perf_counter() - run.started,
    )


class _Run:
    """One build: progress, counts and the time spent in each phase."""

    def __init__(self, plan: DemoPlan, progress: Progress) -> None:
        self.plan, self.progress = plan, progress
        self.total = plan.scale * len(TABLES) + 1
        self.done = 0
        self.counts = dict.fromkeys(TABLES, 0)
        self.newest = dict.fromkeys(TABLES, 0)
        self.generating = self.inserting = 0.0
        self.started = time.perf_counter()

    def report(self) -> None:
        if self.progress(self.done, self.total) is False:
            raise DemoCancelled()

    def fill(self, connection: Connection, joined: Database) -> None:
        ctx = initialise(
            joined,
            role=Role.MUNICIPALITY.value,
            name=self.plan.name,
            country=self.plan.country,
            language=demo_language(self.plan.country),
            installation_id=self.plan.installation_id,
            municipality_id=self.plan.municipality_id,
        )
        chunks = generate_chunks(self.plan)
        while True:
            mark = time.perf_counter()
            chunk = next(chunks, None)
            self.generating += time.perf_counter() - mark
            if chunk is None:
                break
            blocks, rows = chunk
            for table in TABLES:
                mark = time.perf_counter()
                insert_table(connection, table, rows[table])
                self.inserting += time.perf_counter() - mark
                self.counts[table] += len(rows[table])
                self.newest[table] = max([self.newest[table], *(r["version"] for r in rows[table])])
                self.done += blocks
                self.report()
        mark = time.perf_counter()
        _finish(connection, self.plan, self.counts, self.newest, ctx.clock.last)
        self.inserting += time.perf_counter() - mark
        self.done = self.total
        self.report()


def _finish(
    connection: Connection,
    plan: DemoPlan,
    counts: Mapping[str, int],
    newest: Mapping[str, int],
    clock_after_init: int,
) -> None:
    """Give the municipality a deterministic stamp, audit once per table, and move the
    installation's clock past every stamp the demo issued."""
    founded = at(plan.start - dt.timedelta(days=160), 9)
    stamp = pack(int(founded.timestamp() * 1000), 0)
    connection.execute(
        update(Municipality)
        .where(Municipality.id == plan.municipality_id)
        .values(version=stamp, updated_at=founded)
    )
    connection.execute(
        update(AuditEntry)
        .where(AuditEntry.table_name == "municipalities")
        .where(AuditEntry.record_id == plan.municipality_id)
        .values(version=stamp)
    )
    entries = [
        {
            "installation_id": plan.installation_id,
            "table_name": table,
            "record_id": plan.municipality_id,
            "version": newest[table],
            "action": AUDIT_ACTION,
            "changes": json.dumps({"records": [0, counts[table]]}),
        }
        for table in TABLES
        if counts[table]
    ]
    connection.execute(insert(AuditEntry), entries)
    connection.execute(
        update(Installation)
        .where(Installation.id == plan.installation_id)
        .values(hlc_last=max(clock_after_init, *newest.values()))
    )
