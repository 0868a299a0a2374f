"""What the hub published, seen from both ends: "3 new from the hub" at a municipality (and its
field laptops), and at the hub which published versions each municipality has acknowledged.

Acknowledgement reuses the bundle receipts: every bundle carries the number of the last bundle
its sender imported from us, and ``Peer.acked_audit_mark`` is the highest audit entry that
bundle held. Every version of a record written here has an audit entry, so the peer holds the
current version of a published record exactly when that record's newest audit entry is at or
below the peer's mark.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.domain import AuditEntry
from hubdesk.domain.enums import Role
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import TownNames, town_names
from hubdesk.sync import scope
from hubdesk.sync.codec import MODELS, table_of
from hubdesk.sync.merge import AreaCounts


def news_in(areas: Mapping[str, AreaCounts]) -> int:
    """Published records an import brought that were not here before."""
    return sum(counts.created for name, counts in areas.items() if scope.is_published(name))


def news_text(count: int) -> str:
    return ngettext("{count} new from the hub", "{count} new from the hub", count).format(
        count=format_number(count)
    )


def summary_tail(areas: Mapping[str, AreaCounts]) -> str:
    """What an import summary adds when the bundle brought something new from the hub."""
    count = news_in(areas)
    return " " + news_text(count) + "." if count else ""


def _publishers(ctx: ServiceContext) -> tuple[str, ...]:
    """Roles of the peers whose bundles bring published records here."""
    if ctx.role is Role.MUNICIPALITY:
        return (Role.HUB.value,)
    if ctx.role is Role.FIELD:
        return (Role.MUNICIPALITY.value,)
    return ()


def latest_news(ctx: ServiceContext) -> int:
    """How many published records the last bundle from the hub (on a field laptop: from its
    municipality) brought that were new here; 0 on the hub and before any import."""
    roles = _publishers(ctx)
    if not roles:
        return 0
    with ctx.read() as session:
        query = (
            select(BundleLog.summary)
            .join(Peer, Peer.id == BundleLog.peer_id)
            .where(BundleLog.direction == "in", Peer.role.in_(roles))
            .order_by(BundleLog.processed_at.desc(), BundleLog.id.desc())
            .limit(1)
        )
        text = session.scalar(query)
    if not text:
        return 0
    try:
        summary = json.loads(text)
        return sum(
            int(counts.get("created", 0))
            for name, counts in summary.items()
            if scope.is_published(name) and isinstance(counts, dict)
        )
    except (ValueError, AttributeError, TypeError):
        return 0


@dataclass(frozen=True)
class Delivery:
    """At the hub: what one municipality should hold of what the hub published, and how much
    of it (in its current version) that municipality's bundles have acknowledged."""

    peer_id: str
    name: str
    published: int
    acknowledged: int

    @property
    def waiting(self) -> int:
        return self.published - self.acknowledged


def _newest_entries(session: Session) -> dict[tuple[str, str], int]:
    """(table, record id) -> id of its newest audit entry, for every released record here."""
    out: dict[tuple[str, str], int] = {}
    for name in scope.PUBLISHED:
        t = table_of(MODELS[name])
        query = (
            select(t.c.id, func.max(AuditEntry.id))
            .join(AuditEntry, (AuditEntry.record_id == t.c.id) & (AuditEntry.table_name == name))
            .where(scope.released_clause(name))
            .group_by(t.c.id)
        )
        out.update({(name, row[0]): int(row[1]) for row in session.execute(query)})
    return out


def _name(towns: TownNames, peer: Peer, lang: str | None) -> str:
    """The peer's name as typed, or (for a window) in the script of ``lang``."""
    return towns.of_peer(peer, lang) if lang else peer.name


def deliveries(ctx: ServiceContext, lang: str | None = None) -> list[Delivery]:
    """Per enrolled municipality, by name: published records and how many it acknowledged.
    With ``lang``, each is named (and ordered) in that language's script."""
    if not ctx.is_hub:
        return []
    towns = town_names(ctx) if lang else TownNames({})
    with ctx.read() as session:
        newest = _newest_entries(session)
        query = select(Peer).where(Peer.role == Role.MUNICIPALITY.value, Peer.revoked_at.is_(None))
        found = [
            Delivery(
                peer.id,
                _name(towns, peer, lang),
                len(newest),
                sum(1 for mark in newest.values() if mark <= peer.acked_audit_mark),
            )
            for peer in session.scalars(query)
        ]
    return sorted(found, key=lambda d: (d.name.casefold(), d.peer_id))


def receipts(
    ctx: ServiceContext, table: str, record_id: str, lang: str | None = None
) -> list[tuple[str, bool]]:
    """At the hub, for one published record: each municipality's name (with ``lang``, in that
    language's script) and whether it has acknowledged the record's current version."""
    if not ctx.is_hub:
        return []
    towns = town_names(ctx) if lang else TownNames({})
    with ctx.read() as session:
        mark = _newest_entries(session).get((table, record_id))
        if mark is None:  # a draft: nobody has it
            return []
        query = select(Peer).where(Peer.role == Role.MUNICIPALITY.value, Peer.revoked_at.is_(None))
        rows = [
            (_name(towns, peer, lang), mark <= peer.acked_audit_mark)
            for peer in session.scalars(query)
        ]
    return sorted(rows, key=lambda r: r[0].casefold())
