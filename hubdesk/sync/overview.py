"""What the Sync page shows, computed without Qt: peers with their last bundles, the history of
bundles in and out, "what leaves this PC", and where to save a bundle (removable drives first)."""

from __future__ import annotations

import datetime as dt
import json
import os
import string
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain.enums import Role
from hubdesk.domain.sync import BundleLog, Peer
from hubdesk.i18n import _, current_language, ngettext
from hubdesk.i18n.formatting import format_datetime, format_number
from hubdesk.services.context import ServiceContext
from hubdesk.services.town_names import town_names
from hubdesk.sync.scope import AREA_LABELS, shares_private
from hubdesk.sync.select import preview_for_peer, waiting_submissions


def age_text(moment: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """ "today", "3 days ago", "never": how old the last bundle is, for a person. Counted in
    the region's calendar days (``clock``), not in spans of 24 hours: a file received at 22:00
    came yesterday when it is read the next morning, not "today"."""
    if moment is None:
        return _("never")
    today = clock.today() if now is None else clock.local_day(now)
    days = (today - clock.local_day(moment)).days
    if days <= 0:
        return _("today")
    return ngettext("{count} day ago", "{count} days ago", days).format(count=days)


@dataclass(frozen=True)
class Outgoing:
    """What the next bundle for a peer would carry: rows per area, private fields kept here."""

    peer_name: str
    counts: dict[str, int]
    withheld: dict[str, list[str]]
    private_stays: bool  # the peer is the hub: private fields never leave
    submissions: int = 0  # proposals whose submission waits to go

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def lines(self) -> list[str]:
        """One line per area, then what stays here: the Exchange tab's and the command line's
        "what leaves this PC"."""
        out = [
            _("{area}: {count}").format(area=_(AREA_LABELS[t]), count=format_number(n))
            for t, n in self.counts.items()
        ]
        return (out or [_("Nothing new to send.")]) + self.kept_lines()

    def kept_lines(self) -> list[str]:
        return kept_lines(self.withheld)


def kept_lines(withheld: Mapping[str, Sequence[str]]) -> list[str]:
    """The private fields that stay on this PC, per area, by the names the forms give them
    (the export's list holds column names such as "email", which a person never sees)."""
    from hubdesk.tables.labels import field_label  # the labels read the services' models

    return [
        _("Kept on this PC: {area}: {fields}").format(
            area=_(AREA_LABELS[t]), fields=", ".join(field_label(t, f) for f in fields)
        )
        for t, fields in withheld.items()
    ]


def outgoing(ctx: ServiceContext, peer_id: str, full: bool = False) -> Outgoing:
    """ "What leaves this PC" for ``peer_id``, computed exactly as the export will select it."""
    with ctx.read() as session:
        peer = session.get(Peer, peer_id)
        assert peer is not None
        counts, withheld = preview_for_peer(session, ctx, peer, full)
        private_stays = not shares_private(ctx.role, Role(peer.role))
        submissions = waiting_submissions(session, ctx, peer)
        name = town_names(ctx).of_peer(peer, current_language())
        return Outgoing(name, counts, withheld, private_stays, submissions)


@dataclass(frozen=True)
class HistoryRow:
    when: dt.datetime
    direction: str  # "in" / "out"
    peer_name: str
    sequence: int
    records: int
    file_name: str
    summary: dict[str, object]


def history(ctx: ServiceContext, limit: int = 500) -> list[HistoryRow]:
    """Bundles written and imported, newest first; peers named in the window language's script."""
    towns, lang = town_names(ctx), current_language()
    with ctx.read() as session:
        names = {p.id: towns.of_peer(p, lang) for p in session.scalars(select(Peer))}
        logs = session.scalars(
            select(BundleLog)
            .order_by(BundleLog.processed_at.desc(), BundleLog.id.desc())
            .limit(limit)
        ).all()
        return [
            HistoryRow(
                when=log.processed_at,
                direction=log.direction,
                peer_name=names.get(log.peer_id, log.peer_id),
                sequence=log.sequence,
                records=log.records,
                file_name=log.file_name,
                summary=json.loads(log.summary or "{}"),
            )
            for log in logs
        ]


def removable_drives() -> list[Path]:
    """Mounted removable drives (USB sticks), where bundles are usually saved."""
    if sys.platform == "win32":
        return _windows_removable()
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    roots = [Path("/media") / user, Path("/run/media") / user, Path("/Volumes")]
    found: list[Path] = []
    for root in roots:
        try:
            found.extend(sorted(p for p in root.iterdir() if p.is_dir() and os.access(p, os.W_OK)))
        except OSError:
            continue
    return [p for p in found if p.name != "Macintosh HD"]


def _windows_removable() -> list[Path]:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    out = []
    for letter in string.ascii_uppercase:
        root = f"{letter}:\\"
        if kernel.GetDriveTypeW(root) == drive_removable and os.path.isdir(root):
            out.append(Path(root))
    return out


def save_places(home: Path | None = None) -> list[Path]:
    """Where the export offers to save: removable drives first, then Documents and home."""
    home = home or Path.home()
    places = [*removable_drives()]
    for candidate in (home / "Documents", home):
        if candidate.is_dir() and candidate not in places:
            places.append(candidate)
    return places


def peer_table(ctx: ServiceContext) -> list[tuple[str, str, bool, list[str]]]:
    """(id, name, revoked, cells) per peer; cells: name, role, last bundle in, last out. Each
    peer is named in the script of the window's language, and listed in that name's order."""
    from hubdesk.sync.peers import list_peers

    towns, lang = town_names(ctx), current_language()
    named = [(towns.of_peer(p, lang), p) for p in list_peers(ctx)]
    named.sort(key=lambda pair: (pair[1].role, pair[0].casefold()))
    return [
        (
            p.id,
            name,
            p.revoked,
            [
                name,
                _("revoked") if p.revoked else Role(p.role).label,
                age_text(p.last_in_at),
                age_text(p.last_out_at),
            ],
        )
        for name, p in named
    ]


def history_table(ctx: ServiceContext) -> list[list[str]]:
    """When, direction, peer, records, file: one row per bundle, newest first."""
    return [
        [
            format_datetime(r.when),
            _("received") if r.direction == "in" else _("sent"),
            r.peer_name,
            format_number(r.records),
            r.file_name,
        ]
        for r in history(ctx)
    ]
