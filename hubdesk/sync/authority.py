"""Who wrote a record: the author (``updated_by``) and creator (``origin``) a bundle may claim.

A signed bundle proves who sent it, not who wrote each row in it, so every row's claims are
checked against the signer (docs/bundle-format.md §5):

- an ordinary row must be written by the signer, or, when a municipality signs, by one of the
  field laptops it vouches for in the manifest (``delegates``); never by an installation this
  PC knows as someone else (itself, the hub, another municipality or laptop);
- a row only the hub writes (``scope.hub_written``) must carry the hub's own Ed25519 signature
  over the whole row, made with the key of the hub this PC enrolled, whoever relays it;
- ``origin`` names the author (or a vouched delegate) for a record new here, and never changes;
  except on a record whose id is derived from what it links (``DERIVED_IDS``): two PCs may each
  create it, so its origin is that of the version that wins, and one the signer vouches for.

The hub signs its records when it exports them (:func:`sign_hub_rows`): so rows written before
signatures existed, and rows its forms changed since, are signed before anyone sees them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry
from hubdesk.domain.enums import Role
from hubdesk.domain.sync import Peer, TrustedHub
from hubdesk.i18n import N_
from hubdesk.services.context import ServiceContext
from hubdesk.services.listing import count
from hubdesk.sync import keys, scope, strictjson
from hubdesk.sync.codec import CODECS, MODELS, table_of
from hubdesk.sync.errors import Meter, Progress
from hubdesk.sync.incoming import Incoming, Problem

HUB_SIGNATURE = "hub_signature"  # the column that holds the hub's signature of its rows
RECORD_PREFIX = b"hubdesk-hub-record-v1\x00"  # what is signed: this prefix + canonical(row)
# Records whose id is derived from the two records they join (``meetings.attendance_id``), so
# the office and its laptop recording the same person at the same meeting write one record.
DERIVED_IDS = frozenset({"attendance", "training_members"})
SIGN_BATCH = 500  # rows checked between two reports of the hub's signing


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(table: str, values: Mapping[str, Any]) -> bytes:
    """The bytes the hub signs: table name and every column but the signature itself, as
    compact sorted-key JSON (moments in UTC with microseconds, so every PC writes the same)."""
    row = {c: _plain(values[c]) for c in CODECS[table].columns if c != HUB_SIGNATURE}
    return RECORD_PREFIX + strictjson.dumps({"row": row, "table": table})


def sign_row(own: keys.Keys, table: str, values: Mapping[str, Any]) -> str:
    return base64.b64encode(own.sign(canonical(table, values))).decode("ascii")


def signature_valid(signing_key: str, table: str, values: Mapping[str, Any]) -> bool:
    text = values.get(HUB_SIGNATURE)
    if not text:
        return False
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return False
    return len(raw) == 64 and keys.verify(signing_key, raw, canonical(table, values))


def hub_keys(session: Session) -> dict[str, str]:
    """Signing key of each hub this installation trusts (its enrolled hub, or on a field
    laptop the hub learnt from a profile), by installation id."""
    query = select(Peer.id, Peer.signing_key).where(
        Peer.role == Role.HUB.value, Peer.revoked_at.is_(None)
    )
    found = {row[0]: row[1] for row in session.execute(query)}
    trusted = select(TrustedHub.id, TrustedHub.signing_key)
    found.update({row[0]: row[1] for row in session.execute(trusted)})
    return found


def known_installations(session: Session) -> set[str]:
    """Every other installation this one knows by id: peers (revoked too) and trusted hubs."""
    ids = set(session.scalars(select(Peer.id)))
    ids.update(session.scalars(select(TrustedHub.id)))
    return ids


def delegates_of(session: Session, ctx: ServiceContext) -> list[str]:
    """The installations a municipality vouches for in its bundles: its own field laptops,
    revoked ones too (what they wrote before is still theirs). Others vouch for nobody."""
    if ctx.role is not Role.MUNICIPALITY:
        return []
    query = select(Peer.id).where(
        Peer.role == Role.FIELD.value, Peer.municipality_id == ctx.municipality_id
    )
    return sorted(session.scalars(query))


def sign_hub_rows(ctx: ServiceContext, progress: Progress | None = None) -> int:
    """On the hub: sign every hub-only row it wrote whose signature is missing or no longer
    matches (an edit in a form, a row from before signatures). Returns how many were signed.

    Each new signature is logged like a change, so the next bundle carries it to every peer.
    Checking every row takes seconds on a big hub: ``progress(checked, total)`` hears of it a
    batch at a time, and a False answer raises ``Cancelled`` with nothing signed."""
    if not ctx.is_hub:
        return 0
    assert ctx.data_dir is not None
    own = keys.own_keys(ctx)
    signed = 0
    now = dt.datetime.now(dt.UTC)
    with ctx.transaction() as session:
        queries: dict[str, Select[Any]] = {}
        for table in scope.HUB_TABLES:
            t = table_of(MODELS[table])
            queries[table] = select(t).where(t.c.updated_by == ctx.installation_id)
        meter = Meter(progress, sum(count(session, query) for query in queries.values()))
        meter.advance(0)
        for table, query in queries.items():
            t = table_of(MODELS[table])
            checked = 0
            for row in session.execute(query):
                checked += 1
                if checked % SIGN_BATCH == 0:
                    meter.advance(SIGN_BATCH)
                values = dict(row._mapping)
                if not scope.hub_written(table, values):
                    continue
                if signature_valid(own.public.signing_key, table, values):
                    continue
                signature = sign_row(own, table, values)
                session.execute(
                    update(t).where(t.c.id == values["id"]).values({HUB_SIGNATURE: signature})
                )
                session.add(
                    AuditEntry(
                        at=now,
                        installation_id=ctx.installation_id,
                        table_name=table,
                        record_id=values["id"],
                        version=values["version"],
                        action="sync",
                        changes=json.dumps({HUB_SIGNATURE: [values[HUB_SIGNATURE], signature]}),
                    )
                )
                signed += 1
            if checked % SIGN_BATCH:
                meter.advance(checked % SIGN_BATCH)
    return signed


@dataclass(frozen=True)
class Authors:
    """Whom the receiver accepts as author of a row in one bundle."""

    signer: str
    allowed: frozenset[str]  # the signer and the delegates it vouches for
    hubs: Mapping[str, str]  # hub installation id -> signing key


def authors_for(
    session: Session,
    *,
    own_id: str,
    signer: str,
    signer_role: Role,
    delegates: Iterable[str],
) -> Authors:
    """Only a municipality vouches for others; nobody vouches for an installation the receiver
    knows as someone else (itself, its hub, another municipality or laptop)."""
    others = (known_installations(session) | {own_id}) - {signer}
    vouched = set(delegates) if signer_role is Role.MUNICIPALITY else set()
    return Authors(signer, frozenset(({signer} | vouched) - others), hub_keys(session))


def check_authority(
    authors: Authors,
    tables: Mapping[str, list[Incoming]],
    current: Mapping[str, Mapping[str, dict[str, Any]]],
    problems: list[Problem],
) -> None:
    """Refuse every row whose author or origin the signer cannot vouch for."""
    allowed = authors.allowed
    for name, rows in tables.items():
        held = current.get(name, {})
        hub_table = name in scope.HUB_TABLES
        if not hub_table and _all_fine(rows, held, allowed):
            continue
        for inc in rows:
            values = inc.values
            stored = held.get(inc.id)
            if hub_table and (
                scope.hub_written(name, values)
                or (stored is not None and scope.hub_written(name, stored))
            ):
                why = _check_hub_row(authors, name, values, stored)
            elif values["updated_by"] not in allowed:
                why = N_("it claims to be written by {author}, which did not sign this bundle")
            elif stored is None and values["origin"] not in allowed:
                why = N_("it claims to be created by {origin}, which did not sign this bundle")
            else:
                why = None
            if (
                why is None
                and stored is not None
                and values["origin"] != stored["origin"]
                and (name not in DERIVED_IDS or values["origin"] not in allowed)
            ):
                why = N_("it changes who created the record, from {stored} to {origin}")
            if why is not None:
                params = {
                    "author": values["updated_by"],
                    "origin": values["origin"],
                    "stored": stored["origin"] if stored is not None else "",
                }
                problems.append(Problem(name, inc.id, "", why, params, reason="forged_author"))


def _all_fine(
    rows: list[Incoming], held: Mapping[str, dict[str, Any]], allowed: frozenset[str]
) -> bool:
    """The common case checked a column at a time: every author accepted, every new record's
    creator too, no creator changed (a large bundle spends no Python call per row here)."""
    values = [inc.values for inc in rows]
    if not set(map(itemgetter("updated_by"), values)) <= allowed:
        return False
    if not held:
        return set(map(itemgetter("origin"), values)) <= allowed
    for v in values:
        stored = held.get(v["id"])
        if (v["origin"] not in allowed) if stored is None else (v["origin"] != stored["origin"]):
            return False
    return True


def _check_hub_row(
    authors: Authors, table: str, values: dict[str, Any], stored: dict[str, Any] | None
) -> str | None:
    if not scope.hub_written(table, values):
        return N_("only the hub changes what the hub wrote")
    if stored is not None and values == stored:
        # A copy of what this PC holds, verified when it came: it changes nothing, whoever
        # signed it. A laptop that followed its hub set up anew still holds the old hub's
        # records, and its municipality sends them again until the laptop's receipt arrives.
        return None
    if not authors.hubs:
        return N_(
            "it is the hub's, and this PC does not know the hub's key yet; enrol the hub's "
            "profile (compare its fingerprint by phone) and import the bundle again"
        )
    key = authors.hubs.get(values["updated_by"])
    if key is None:
        return N_("it claims to be the hub's, but {author} is not the hub this PC enrolled")
    if stored is None and values["origin"] != values["updated_by"]:
        return N_("it claims to be created by {origin}, which did not sign this bundle")
    if not signature_valid(key, table, values):
        return N_("the hub's signature on it is missing or does not match; it was altered")
    return None
