"""``hubdesk demo --role hub``: a hub that has received real bundles from three municipalities.

Each demo municipality is built in a scratch folder with :func:`build_demo`, enrols the hub (and
the hub enrols it) by profile files, and exports a bundle that the hub imports through the same
path as any other bundle. The demo data already contains the hub's reviews and decisions,
stamped with the demo hub's installation id; the hub claims those rows as its own, as if it had
made them and sent them back earlier. What the cities said reached the hub, as the hub reads it,
soon after they said it (``services/demo_arrivals.py``), not all at once today. Everything is
built in a scratch folder and copied into the data folder only at the end, so a cancelled or
failed build leaves the data folder as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, select, update

from hubdesk import i18n
from hubdesk.domain import AuditEntry
from hubdesk.domain.enums import Role
from hubdesk.domain.sync import Peer
from hubdesk.i18n import N_, _
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo import DemoCancelled, build_demo
from hubdesk.services.demo_arrivals import date_demo_arrivals
from hubdesk.services.demo_attachments import add_demo_attachments
from hubdesk.services.demo_calls import publish_closed_call
from hubdesk.services.demo_hub import publish_demo_hub
from hubdesk.services.demo_reviews import add_hub_reviews
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID
from hubdesk.services.installation import AlreadyInitialisedError, get_installation, initialise
from hubdesk.services.installation import load_context as load
from hubdesk.services.staff import add_first_admin
from hubdesk.storage.datadir import database_path
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database
from hubdesk.storage.transfer import copy_into_server
from hubdesk.sync import authority, keys, merge, peers, profile, proposal_import, scope
from hubdesk.sync.codec import MODELS, decode_row, table_of
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle
from hubdesk.sync.incoming import Incoming
from hubdesk.sync.rawio import fetch_json_rows

Progress = Callable[[int, int], bool | None]
HUB_NAME = N_("Regional hub (demo)")
# Three municipalities in three countries; the seed offset keeps their records apart.
MUNICIPALITIES: tuple[tuple[str, str], ...] = (
    ("Куманово", "MK"),
    ("Elbasan", "AL"),
    ("Нови Пазар", "RS"),
)


@dataclass
class HubDemoSummary:
    installation_id: str
    municipalities: list[str] = field(default_factory=list)
    records: int = 0
    total_seconds: float = 0.0


def build_hub_demo(
    db: Database,
    data_dir: Path,
    *,
    seed: int = 1,
    scale: int = 1,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> HubDemoSummary:
    """Make the empty database ``db`` (in ``data_dir``) the demo hub; see the module docstring."""
    existing = get_installation(db)
    if existing is not None:
        raise AlreadyInitialisedError(existing.name)
    started = time.perf_counter()
    total = 3 * len(MUNICIPALITIES) + 1
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, total) is False:
            raise DemoCancelled()

    with tempfile.TemporaryDirectory(prefix="hubdesk-hub-demo-") as scratch:
        root = Path(scratch)
        hub_dir = root / "hub"
        if keys.has_keys(data_dir):  # keys made earlier in this folder stay the hub's keys
            shutil.copytree(keys.keys_dir(data_dir), keys.keys_dir(hub_dir))
        hub_db = open_database(hub_dir)
        try:
            hub = initialise(
                hub_db, role=Role.HUB.value, name=_(HUB_NAME),
                installation_id=DEMO_HUB_INSTALLATION_ID,
            )  # fmt: skip
            hub.data_dir = hub_dir
            keys.ensure_keys(hub_dir)
            publish_demo_hub(hub, today)  # before the records that answer it arrive
            summary = HubDemoSummary(hub.installation_id)
            for index, (name, country) in enumerate(MUNICIPALITIES):
                place = {"name": name, "country": country}
                folder = root / f"municipality-{index}"
                summary.records += _send_municipality(
                    hub, root, folder, seed + index, scale, today, place, step
                )
            publish_closed_call(hub, today)  # the hub's alone: after what the towns hold
            add_hub_reviews(hub, today)  # the hub's own reviews of what is waiting
            summary.municipalities = [p.name for p in peers.list_peers(hub)]
        finally:
            hub_db.close()
        _copy_database(database_path(hub_dir), db)
        if (hub_dir / "attachments").is_dir():  # the files that came with the bundles
            shutil.copytree(hub_dir / "attachments", data_dir / "attachments", dirs_exist_ok=True)
        add_first_admin(load(db, data_dir))
        if not keys.has_keys(data_dir):
            shutil.copytree(keys.keys_dir(hub_dir), keys.keys_dir(data_dir), dirs_exist_ok=True)
        step()
    summary.total_seconds = time.perf_counter() - started
    return summary


def _send_municipality(
    hub: ServiceContext,
    root: Path,
    folder: Path,
    seed: int,
    scale: int,
    today: dt.date | None,
    place: dict[str, str],
    step: Callable[[], None],
) -> int:
    db = open_database(folder)
    try:
        build_demo(
            db,
            seed=seed,
            scale=scale,
            today=today,
            name=place["name"],
            country=place["country"],
            hub_language=i18n.current_language(),  # the questionnaire publish_needs_on_hub writes
        )
        step()
        muni = load(db, folder)
        add_demo_attachments(muni)  # the travelling ones reach the hub with the bundle
        keys.ensure_keys(folder)
        for reader, writer in ((hub, muni), (muni, hub)):
            assert writer.data_dir is not None
            card = root / f"profile-{writer.installation_id}.json"
            profile.export_profile(writer, keys.load_keys(writer.data_dir), card)
            peers.enrol(reader, profile.read_profile(card))
        sent = export_bundle(muni, hub.installation_id, root / f"{folder.name}.hubdesk")
        step()
        with proposal_import.demo_history():  # the hub claims its own steps just after
            import_bundle(hub, sent.path)
        claim_hub_rows(muni, hub)
        _acknowledged(hub, muni.installation_id)
        date_demo_arrivals(hub)  # each word reached the hub soon after it was said
        step()
        return sent.records
    finally:
        db.close()


def _acknowledged(hub: ServiceContext, town_id: str) -> None:
    """The town holds what the hub had written when it sent its bundle (the call, the note
    and the questionnaire its records answer, the hub's steps just claimed back from it), as
    the receipt in a real bundle would have told the hub (``published.receipts``): without it
    the call's pane said every town that answered it had not yet received it. What the hub
    writes later (the closed call of last year, the next towns' rows) stays above the mark:
    not received, and sent with the next bundle."""
    with hub.transaction() as session:
        mark = session.scalar(select(func.max(AuditEntry.id))) or 0
        peer = session.get(Peer, town_id)
        if peer is not None:
            peer.acked_audit_mark = max(peer.acked_audit_mark, mark)


def claim_hub_rows(muni: ServiceContext, hub: ServiceContext) -> int:
    """Copy into the hub the reviews and decisions the demo wrote in the hub's name."""
    tables: dict[str, list[Incoming]] = {}
    with muni.read() as session:
        for name in scope.HUB_TABLES:
            t = table_of(MODELS[name])
            query = select(t).where(t.c.updated_by == hub.installation_id)
            rows = fetch_json_rows(session, query, t)
            decoded = [decode_row(name, row) for row in rows]
            tables[name] = [
                Incoming(values, frozenset(), ()) for values in decoded
                if scope.hub_written(name, values)
            ]  # fmt: skip
    now = dt.datetime.now(dt.UTC)
    writes = merge.Writes()
    with hub.transaction() as session:
        for name, incoming in tables.items():
            current = merge.load_current(session, name, [i.id for i in incoming])
            merge.merge_table(session, name, incoming, current, merge.AreaCounts(), writes, now)
            for inc in incoming:
                hub.clock.observe(inc.values["version"])
        merge.apply_writes(session, writes, scope.HUB_TABLES)
    return sum(len(rows) for rows in tables.values())


def _copy_database(source: Path, target: Database) -> None:
    """Replace the (empty) target database's content with the source's, in one step."""
    if not target.is_sqlite:
        copy_into_server(source, target)
        return
    origin = sqlite3.connect(source)
    raw: Any = target.engine.raw_connection()
    try:
        origin.backup(raw.driver_connection)
    finally:
        raw.close()
        origin.close()
    target.engine.dispose()  # pooled connections may remember the empty schema


def enrol_demo_hub(muni: ServiceContext) -> None:
    """Give the demo municipality (``hubdesk demo``) the hub its records say it has: the demo
    hub's rows it holds are signed by that hub, and the hub is enrolled, as a municipality that
    received them in hub bundles holds them. So it relays them to a field laptop, whose profile
    passes the hub's key on to verify them (a municipality relays only signed hub records, and
    its records that answer the hub's call and questionnaire would otherwise arrive without
    them). The demo hub's private keys are thrown away: no bundle can ever come from it."""
    with tempfile.TemporaryDirectory(prefix="hubdesk-demo-hub-") as scratch:
        own = keys.ensure_keys(Path(scratch))
    with muni.transaction() as session:
        for name in scope.HUB_TABLES:
            t = table_of(MODELS[name])
            query = select(t).where(t.c.updated_by == DEMO_HUB_INSTALLATION_ID)
            signed = [
                {"row_id": values["id"], "signature": authority.sign_row(own, name, values)}
                for values in map(dict, session.execute(query).mappings())
                if scope.hub_written(name, values)
            ]
            if signed:
                session.execute(
                    update(t)
                    .where(t.c.id == bindparam("row_id"))
                    .values({authority.HUB_SIGNATURE: bindparam("signature")}),
                    signed,
                )
    from hubdesk.services.installation import get_installation

    installation = get_installation(muni.db)
    spoken = installation.language if installation is not None else i18n.current_language()
    with i18n.language(spoken if spoken in i18n.LANGUAGES else "en"):  # the demo's, as shown
        name = _(HUB_NAME)
    card = profile.Profile(
        DEMO_HUB_INSTALLATION_ID, Role.HUB, name, None, None,
        own.public.signing_key, own.public.age_recipient,
    )  # fmt: skip
    peers.enrol(muni, card)
