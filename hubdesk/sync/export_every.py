"""One bundle for every partner at once: what a hub does after a round of decisions for forty
municipalities, and a focal point for the hub and the team's field laptops.

Each bundle is an export of its own (``export.export_bundle``: its own number, all or nothing).
A partner whose bundle cannot be made (its key no longer usable, a file that cannot be written)
is named with the reason and the others still go. Cancel and Ctrl+C stop at the partner in
hand, whose bundle is not written (on a big hub one bundle takes minutes); the bundles already
written stay, each whole, and are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hubdesk.i18n import N_
from hubdesk.services.context import ServiceContext
from hubdesk.sync import keys, peers
from hubdesk.sync.errors import Cancelled, Progress, SyncError
from hubdesk.sync.export import ExportResult, default_file_name, export_bundle


@dataclass
class EveryPeer:
    """What an export to every partner did."""

    sent: list[ExportResult] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (partner, why), in order
    left: list[str] = field(default_factory=list)  # partners not reached: cancelled before


def export_to_every_peer(
    ctx: ServiceContext, folder: Path, *, full: bool = False, progress: Progress | None = None
) -> EveryPeer:
    """A bundle for each partner not revoked, into ``folder``, each named as it would be
    alone. ``progress(done, total)`` counts partners, each in ``SHARE`` parts of its own
    export; False stops there. Cancelled only when no bundle was written yet."""
    if folder.exists() and not folder.is_dir():
        raise SyncError(
            N_("{folder} is a file, not a folder; nothing was written. Choose a folder."),
            "unwritable",
            folder=str(folder),
        )
    if not folder.is_dir():
        raise SyncError(
            N_(
                "The folder {folder} is not there (a USB stick taken out?); nothing was "
                "written. Put the stick back or choose another folder, and export again."
            ),
            "unwritable",
            folder=str(folder),
        )
    keys.own_keys(ctx)  # no keys of its own: said once, not once per partner
    partners = peers.list_peers(ctx, include_revoked=False)
    if not partners:
        raise SyncError(
            N_("There is no partner to send to yet: enrol one with its profile file first."),
            "no_peer",
        )
    done = EveryPeer()
    total = len(partners) * SHARE
    for index, peer in enumerate(partners):
        if progress is not None and progress(index * SHARE, total) is False:
            done.left = [p.name for p in partners[index:]]
            break
        try:
            target = folder / default_file_name(ctx, peer)
            done.sent.append(
                export_bundle(
                    ctx, peer.id, target, full=full, progress=_within(progress, index, total)
                )
            )
        except (Cancelled, KeyboardInterrupt):
            # Cancel, or Ctrl+C on the command line: this partner's bundle is not written, and
            # those written before it stay and are listed (a command once said "nothing was
            # changed" of them). Nothing written yet: nothing to list.
            if not done.sent:
                raise
            done.left = [p.name for p in partners[index:]]
            break
        except SyncError as error:
            done.failed.append((peer.name, error.message))
    else:
        if progress is not None:
            progress(total, total)
    return done


SHARE = 1000  # progress units per partner, its export's own steps shown within them


def _within(progress: Progress | None, index: int, total: int) -> Progress | None:
    """The ``index``-th partner's export progress as a part of the whole."""
    if progress is None:
        return None
    return lambda done, of: progress(index * SHARE + done * SHARE // max(of, 1), total)
