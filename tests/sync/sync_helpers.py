"""Helpers for the sync tests: installations that know each other, dumps, sample data.

Each has its own data folder, database and keys, exactly as on three PCs; bundles travel between
them as files in the test's temporary folder.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

from neutral_dump import dump as dump  # re-exported for the sync tests
from proposal_filling import fill_sections

from hubdesk.services import calls, fund, team
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import initialise
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database
from hubdesk.sync import keys, peers, profile
from hubdesk.sync.export import ExportResult, export_bundle
from hubdesk.sync.importer import ImportResult, import_bundle


class Network:
    """Installations in folders under ``root``, enrolled with each other as the roles allow."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.counter = itertools.count(1)
        self._open: list[Database] = []

    def install(
        self, name: str, role: str, country: str | None = None, ctx: ServiceContext | None = None
    ) -> ServiceContext:
        if ctx is None:
            folder = self.root / name
            db = fresh_database(folder)
            self._open.append(db)
            ctx = initialise(db, role=role, name=name, country=country)
            ctx.data_dir = folder
        assert ctx.data_dir is not None
        keys.ensure_keys(ctx.data_dir)
        return ctx

    def profile_of(self, ctx: ServiceContext) -> Path:
        assert ctx.data_dir is not None
        path = self.root / f"profile-{next(self.counter)}.json"
        return profile.export_profile(ctx, keys.load_keys(ctx.data_dir), path)

    def introduce(self, a: ServiceContext, b: ServiceContext) -> None:
        """Each enrols the other (a field laptop enrols its municipality first)."""
        peers.enrol(a, profile.read_profile(self.profile_of(b)))
        peers.enrol(b, profile.read_profile(self.profile_of(a)))

    def send(self, a: ServiceContext, b: ServiceContext, full: bool = False) -> ExportResult:
        path = self.root / f"bundle-{next(self.counter)}.hubdesk"
        return export_bundle(a, b.installation_id, path, full=full)

    def deliver(self, a: ServiceContext, b: ServiceContext, full: bool = False) -> ImportResult:
        return import_bundle(b, self.send(a, b, full).path)

    def close(self) -> None:
        for db in self._open:
            db.close()


def seed(ctx: ServiceContext) -> dict[str, Any]:
    """A small municipality: a team, two members (with private contacts), a meeting with
    internal minutes and attendance, a youth activity and a submitted proposal."""
    from hubdesk.services import meetings, youth

    cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"})
    ana = team.create_member(
        ctx,
        {
            "team_id": cat.id,
            "name": "Ana Petrovska",
            "sector": "education",
            "role": "focal_point",
            "gender": "female",
            "email": "ana@example.mk",
            "phone": "+389 70 000 000",
            "notes": "prefers mornings",
        },
    )
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": cat.id,
            "starts_at": dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.UTC),
            "kind": "regular",
            "minutes": "internal discussion",
            "minutes_internal": True,
        },
    )
    meetings.set_attendance(ctx, meeting.id, {ana.id: "present"})
    activity = youth.create_activity(
        ctx,
        {
            "title": "Youth forum",
            "activity_type": "dialogue",
            "starts_on": dt.date(2024, 4, 2),
            "participants_total": 3,
            "n_female_15_19": 2,
            "n_male_20_24": 1,
        },
    )
    proposal = fund.create_proposal(ctx, {"title": "Youth corner", "summary": "A room for youth"})
    fund.add_budget_line(
        ctx,
        proposal.id,
        {"category": "venue", "description": "Hall", "quantity": 2, "unit_cost_minor": 50_000},
    )
    fill_sections(ctx, proposal.id)
    fund.transition(ctx, proposal.id, "submitted")
    return {
        "team": cat.id,
        "member": ana.id,
        "meeting": meeting.id,
        "activity": activity.id,
        "proposal": proposal.id,
    }


# --- forging bundles, to try every refusal ------------------------------------------------------


def real_parts(sender: ServiceContext, recipient: ServiceContext) -> dict[str, bytes]:
    """The entries of a genuine bundle from ``sender`` to ``recipient`` (not logged anywhere)."""
    import io
    import zipfile

    from hubdesk.domain.sync import Peer
    from hubdesk.sync.export import build_plain
    from hubdesk.sync.select import select_for_peer

    assert sender.data_dir is not None
    with sender.read() as session:
        peer = session.get(Peer, recipient.installation_id)
        assert peer is not None
        selection = select_for_peer(session, sender, peer, full=True)
    plain, _manifest = build_plain(
        sender, keys.load_keys(sender.data_dir), peer, selection, peer.next_out_sequence
    )
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def resign(parts: dict[str, bytes], sender: ServiceContext, **manifest_changes: Any) -> None:
    """Recompute the digests of the record parts, apply changes, sign again as ``sender``."""
    import json

    from hubdesk.sync import bundle, strictjson

    assert sender.data_dir is not None
    manifest = json.loads(parts[bundle.MANIFEST])
    for name, data in parts.items():
        if name in manifest["entries"]:
            manifest["entries"][name].update(sha256=bundle.sha256(data), size=len(data))
    manifest.update(manifest_changes)
    body = strictjson.dumps(manifest)
    own = keys.load_keys(sender.data_dir)
    parts[bundle.MANIFEST] = body
    parts[bundle.SIGNATURE] = bundle.signature_entry(
        sender.installation_id, own.sign(bundle.SIGNED_PREFIX + body)
    )


def pack(entries: list[tuple[Any, bytes]]) -> bytes:
    """A zip of ``entries``; a name may be a ready ``ZipInfo`` (flags, compression...)."""
    import io
    import warnings
    import zipfile

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of some tests
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return buffer.getvalue()


def seal(plain: bytes, recipient: ServiceContext, path: Path) -> Path:
    from hubdesk.sync.bundle import encrypt

    assert recipient.data_dir is not None
    path.write_bytes(encrypt(plain, keys.load_keys(recipient.data_dir).public.age_recipient))
    return path


# --- fast installations for property tests ------------------------------------------------------

_TEMPLATE: list[Path] = []


def fresh_database(folder: Path) -> Database:
    """A migrated empty database in ``folder``, copied from a template migrated once."""
    import atexit
    import shutil
    import tempfile

    from hubdesk.storage.datadir import database_path

    if not _TEMPLATE:
        template_dir = Path(tempfile.mkdtemp(prefix="hubdesk-template-"))
        atexit.register(shutil.rmtree, template_dir, True)
        open_database(template_dir).close()
        _TEMPLATE.append(database_path(template_dir))
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_TEMPLATE[0], database_path(folder))
    return open_database(folder)


def table_rows(db: Database, table: str, blank: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """Every row of ``table`` (columns in ``blank`` replaced by None), ordered by id, columns
    by name, values as SQLite keeps them (dates and moments as text), so rows of a server
    database compare equal to the same rows in a municipality's SQLite file."""
    with db.engine.connect() as conn:
        result = conn.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY id')
        names = list(result.keys())
        order = sorted(range(len(names)), key=names.__getitem__)
        return [
            tuple(None if names[i] in blank else _as_sqlite(row[i]) for i in order)
            for row in result.fetchall()
        ]


WHOLE_SECOND = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def _as_sqlite(value: Any) -> Any:
    """One form for a value whichever database held it: flags as 0 and 1, moments with their
    microseconds (SQLite may keep a whole second's moment without them)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and WHOLE_SECOND.fullmatch(value):
        return value + ".000000"
    return value


def publish_call(hub: ServiceContext) -> str:
    """An open call for proposals the hub has published (a signed record it sends every city)."""
    call = calls.create_call(
        hub,
        {
            "title": "Youth voices",
            "round": "1",
            "closes_on": dt.date.today() + dt.timedelta(days=30),
            "criteria": [{"code": "relevance", "label": "Relevance", "weight": 100}],
        },
    )
    calls.publish_call(hub, call.id)
    return call.id
