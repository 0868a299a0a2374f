"""Sync on the command line: ``keys``, ``profile``, ``peers``, ``export``, ``import``,
``conflicts``. Every refusal is one line saying why, and nothing changed."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, complain, shown, warn
from hubdesk.domain.enums import Role
from hubdesk.domain.sync import Peer
from hubdesk.i18n import N_, _, current_language, ngettext
from hubdesk.i18n.formatting import format_datetime, format_number
from hubdesk.services.context import ServiceContext
from hubdesk.services.staff import require_admin
from hubdesk.sync import conflicts, keys, peers, profile
from hubdesk.sync.errors import SyncError
from hubdesk.sync.export import default_file_name, export_bundle, in_number_order
from hubdesk.sync.importer import ALREADY, IMPORTED, import_bundle, preview_import
from hubdesk.sync.overview import kept_lines
from hubdesk.sync.scope import AREA_LABELS

OUTCOMES: dict[str, str] = {
    "created": N_("new"),
    "updated": N_("updated"),
    "unchanged": N_("unchanged"),
    "conflicts": N_("conflicts"),
    "refused": N_("refused"),
}


@contextmanager
def refusals() -> Iterator[None]:
    """A SyncError becomes the one-line CLI error."""
    try:
        yield
    except SyncError as exc:
        raise CliError(exc.message) from exc


def register(sub: Any) -> None:
    k = sub.add_parser("keys", help=_("show or create this installation's sync keys"))
    ks = k.add_subparsers(dest="keys_command", required=True, metavar=_("ACTION"))
    show = ks.add_parser("show", help=_("print the key fingerprint to read out by phone"))
    show.add_argument("--json", action="store_true", help=_("print one JSON object, for scripts"))
    show.set_defaults(handler=run_keys_show)
    kc = ks.add_parser("create", help=_("create the keys if they are missing"))
    kc.add_argument(
        "--keys-lost",
        action="store_true",
        help=_(
            "a hub on a database server: its sync PC's keys are lost and no copy is left; make "
            "new ones here (every municipality must enrol the hub again)"
        ),
    )
    kc.set_defaults(handler=run_keys_create)

    p = sub.add_parser("profile", help=_("write this installation's public profile"))
    ps = p.add_subparsers(dest="profile_command", required=True, metavar=_("ACTION"))
    pe = ps.add_parser("export", help=_("write the profile to a file to give to a peer"))
    pe.add_argument("--to", required=True, type=Path, metavar="FILE", help=_("file to write"))
    pe.set_defaults(handler=run_profile_export)

    r = sub.add_parser("peers", help=_("enrol, list and revoke the installations you sync with"))
    rs = r.add_subparsers(dest="peers_command", required=True, metavar=_("ACTION"))
    add = rs.add_parser("add", help=_("enrol a peer from its profile file"))
    add.add_argument("file", type=Path, metavar="FILE", help=_("the peer's profile"))
    add.add_argument(
        "--yes", action="store_true", help=_("do not ask: the fingerprint was compared already")
    )
    add.set_defaults(handler=run_peers_add)
    lst = rs.add_parser("list", help=_("list enrolled peers and the last bundle from each"))
    lst.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    lst.set_defaults(handler=run_peers_list)
    rev = rs.add_parser("revoke", help=_("stop trusting a peer (a lost laptop, say)"))
    rev.add_argument("peer", metavar="ID", help=_("the peer's installation id or name"))
    rev.set_defaults(handler=run_peers_revoke)

    e = sub.add_parser("export", help=_("write a signed, encrypted bundle for a peer"))
    e.add_argument(
        "--to",
        required=True,
        type=str,  # a Path would drop the trailing "/" that says a folder was meant
        metavar="FILE",
        help=_("file (or folder) to write the bundle to"),
    )
    e.add_argument(
        "--for",
        dest="peer",
        metavar="PEER",
        help=_("the peer's id or name (needed when there are several)"),
    )
    e.add_argument(
        "--all",
        dest="every_peer",
        action="store_true",
        help=_("a bundle for every peer not revoked, each its own file in the folder --to names"),
    )
    e.add_argument(
        "--full",
        action="store_true",
        help=_("send everything, not only what the peer has not acknowledged"),
    )
    e.set_defaults(handler=run_export)

    i = sub.add_parser("import", help=_("import bundles from peers"))
    i.add_argument("files", nargs="+", type=Path, metavar="FILE", help=_("bundle files"))
    i.add_argument(
        "--dry-run", action="store_true", help=_("show what would change, change nothing")
    )
    i.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    i.set_defaults(handler=run_import)

    c = sub.add_parser("conflicts", help=_("review versions that lost a merge"))
    cs = c.add_subparsers(dest="conflicts_command", required=True, metavar=_("ACTION"))
    cl = cs.add_parser("list", help=_("list conflicts not reviewed yet"))
    cl.add_argument("--all", action="store_true", help=_("include reviewed conflicts"))
    cl.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    cl.set_defaults(handler=run_conflicts_list)
    for name, helptext, handler in (
        ("keep-current", _("keep the version the merge chose"), run_keep_current),
        ("keep-other", _("bring the losing version back as a new edit"), run_keep_other),
    ):
        cp = cs.add_parser(name, help=helptext)
        cp.add_argument("conflict", type=int, metavar="ID", help=_("the conflict's number"))
        cp.set_defaults(handler=handler)


def run_keys_show(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    with refusals():
        own = keys.own_keys(ctx)  # a hub's other staff PCs are sent to its sync PC
    if args.json:
        env.out(
            json.dumps(
                {
                    "installation_id": ctx.installation_id,
                    "fingerprint": own.public.fingerprint,
                    "signing_key": own.public.signing_key,
                    "age_recipient": own.public.age_recipient,
                }
            )
        )
        return 0
    env.out(_("Installation id: {id}").format(id=ctx.installation_id))
    env.out(_("Fingerprint: {fingerprint}").format(fingerprint=own.public.fingerprint))
    env.out(_("Encryption key: {recipient}").format(recipient=own.public.age_recipient))
    return 0


def run_keys_create(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    require_admin(ctx)  # the hub's keys are its administrators' to make
    if not ctx.db.is_sqlite and not keys.has_keys(env.data_dir) and not args.keys_lost:
        # The hub's keys were made on its sync PC when it was set up (and its peers may know
        # them already): new keys here would be a second identity for the same hub.
        raise CliError(
            _(
                "The hub's sync keys are on its sync PC, made when the hub was set up; new keys "
                "here would be a second identity. Copy the keys folder to move the sync role. "
                "Only if those keys are lost with no copy left: 'hubdesk keys create "
                "--keys-lost'."
            )
        )
    with env.locked(), refusals():
        own = keys.make_own_keys(ctx)
    env.out(_("Fingerprint: {fingerprint}").format(fingerprint=own.public.fingerprint))
    return 0


def run_profile_export(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    with refusals():
        own = keys.own_keys(ctx)
        path = profile.export_profile(ctx, own, args.to)
    env.out(_("Profile written to {path}.").format(path=shown(path)))
    env.out(_("Fingerprint: {fingerprint}").format(fingerprint=own.public.fingerprint))
    return 0


def run_peers_add(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    with env.locked(), refusals():
        candidate = profile.read_profile(args.file)
        plan = peers.check_enrolment(ctx, candidate)
        env.out(_("Name: {name}").format(name=candidate.shown_name()))
        env.out(_("Role: {role}").format(role=candidate.role.label))
        env.out(_("Fingerprint: {fingerprint}").format(fingerprint=candidate.fingerprint))
        if plan.adopts_municipality:
            env.out(_("This field laptop will record for this municipality from now on."))
        if plan.leaves:
            env.out(
                _("It will no longer exchange files with {names}.").format(
                    names=", ".join(f"'{name}'" for name in plan.leaves)
                )
            )
        if plan.forgets_hubs:
            env.out(
                _("It will no longer accept decisions signed by {names}.").format(
                    names=", ".join(f"'{name}'" for name in plan.forgets_hubs)
                )
            )
        if plan.learns_hub is not None:
            env.out(
                _(
                    "This field laptop will accept decisions signed by the hub '{name}'; "
                    "compare the hub's fingerprint with the hub by phone too: {fingerprint}"
                ).format(name=plan.learns_hub.name, fingerprint=plan.learns_hub.fingerprint)
            )
        if not args.yes and not _confirmed():
            raise CliError(_("Not enrolled. Compare the fingerprint by phone, then try again."))
        peer = peers.enrol(ctx, candidate)
    env.out(_("Enrolled '{name}' ({id}).").format(name=peer.name, id=peer.id))
    return 0


def _confirmed() -> bool:
    if not sys.stdin.isatty():
        raise CliError(_("Confirm with --yes after comparing the fingerprint by phone."))
    answer = input(_("Does it match what the other side reads to you? [y/N] "))
    return answer.strip().casefold() in ("y", "yes", _("y").casefold(), _("yes").casefold())


def run_peers_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    rows = peers.list_peers(ctx)
    if args.json:
        env.out(json.dumps([_peer_json(p) for p in rows], ensure_ascii=False))
        return 0
    if not rows:
        env.out(_("No peers enrolled yet: 'hubdesk peers add FILE'."))
    from hubdesk.services.town_names import town_names

    towns, lang = town_names(ctx), current_language()  # named as the window names them
    for p in rows:
        last = format_datetime(p.last_in_at, fmt="short") if p.last_in_at else _("never")
        state = _("revoked") if p.revoked else Role(p.role).label
        name = towns.of_peer(p, lang)
        env.out(f"{p.id}  {name}  [{state}]  " + _("last bundle in: {when}").format(when=last))
    return 0


def _peer_json(p: Any) -> dict[str, Any]:
    def stamp(value: Any) -> Any:
        return value.isoformat() if value else None

    return {
        "installation_id": p.id, "name": p.name, "role": p.role,
        "municipality_id": p.municipality_id, "country": p.country,
        "fingerprint": p.fingerprint, "revoked": p.revoked,
        "last_in_at": stamp(p.last_in_at), "last_in_sequence": p.last_in_sequence,
        "last_out_at": stamp(p.last_out_at), "acked_out_sequence": p.acked_out_sequence,
    }  # fmt: skip


def run_peers_revoke(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    with env.locked(), refusals():
        peer = peers.revoke(ctx, peers.find_peer(ctx, args.peer).id)
    env.out(_("Revoked '{name}': its bundles are refused from now on.").format(name=peer.name))
    return 0


def _export_target(given: str, ctx: ServiceContext, peer: Peer) -> Path:
    """The bundle's file: in the folder given, or the file named. A folder written with its
    trailing separator that is not there (a USB stick taken out) is refused, not written as a
    file of that name next to where the stick was."""
    to = Path(given)
    if to.is_dir():
        return to / default_file_name(ctx, peer)
    if given.endswith(("/", "\\")):
        raise CliError(_("The folder {folder} does not exist.").format(folder=to))
    return to


def run_export(args: argparse.Namespace, env: CliEnv) -> int:
    if args.every_peer:
        return _export_to_every_peer(args, env)
    ctx = env.context()
    with env.locked(), refusals():
        if args.peer:
            peer = peers.find_peer(ctx, args.peer)
        else:
            active = peers.list_peers(ctx, include_revoked=False)
            if len(active) != 1:
                raise CliError(
                    _("Say which peer the bundle is for with --for (see 'hubdesk peers list').")
                )
            peer = active[0]
        target = _export_target(args.to, ctx, peer)
        result = export_bundle(ctx, peer.id, target, full=args.full)
    from hubdesk.services.town_names import town_names

    name = town_names(ctx).of_peer(peer, current_language())  # as `peers list` names it
    env.out(written_line(result.sequence, name, result.path, result.records))
    for line in kept_lines(result.withheld):
        env.out(line)
    if result.files_left:  # attached files over the bundle's cap
        env.out(
            _("Left for the next bundle (over the size a bundle carries): {files}").format(
                files=", ".join(result.files_left)
            )
        )
    return 0


def written_line(number: int, name: str, path: Path, records: int) -> str:
    return ngettext(
        "Bundle {number} for '{name}' written to {path} ({count} record).",
        "Bundle {number} for '{name}' written to {path} ({count} records).",
        records,
    ).format(number=number, name=name, path=shown(path), count=format_number(records))


def _export_to_every_peer(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.sync.export_every import export_to_every_peer

    if args.peer:
        raise CliError(_("Give either --for or --all, not both."))
    ctx = env.context()
    with env.locked(), refusals():
        done = export_to_every_peer(ctx, Path(args.to), full=args.full)
    for result in done.sent:
        env.out(written_line(result.sequence, result.peer_name, result.path, result.records))
    for name, why in done.failed:
        warn(_("hubdesk: not written for '{name}': {reason}").format(name=name, reason=why))
    if done.left:  # Ctrl+C after some were written: not "nothing was changed"
        cancelled = _("Not written, cancelled: {names}").format(names=", ".join(done.left))
        complain(cancelled)
        return 130
    return 1 if done.failed else 0


def run_import(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    failed = 0
    reports: list[dict[str, Any]] = []
    files = in_number_order(args.files)  # "…-9" before "…-10", as they were made
    try:
        with env.locked():
            for number, path in enumerate(files, start=1):
                refused, late_ctrl_c = _import_one(env, args, ctx, path, reports)
                failed += refused
                if late_ctrl_c and number < len(files):
                    raise KeyboardInterrupt  # held while that file was committed
    except KeyboardInterrupt:
        # Ctrl+C: the file in hand is rolled back; those before it stay imported.
        if args.dry_run or not any(r["status"] == IMPORTED for r in reports):
            raise  # nothing was changed: ``cli.main`` says so
        told = {r["file"] for r in reports}
        left = [path for path in files if str(path) not in told]
        if args.json:
            env.out(json.dumps(reports, ensure_ascii=False, indent=1))
        if left:
            warn(
                _(
                    "hubdesk: cancelled; {file} and the files after it were not imported, the "
                    "files before it were."
                ).format(file=left[0])
            )
        return 130
    if args.json:
        env.out(json.dumps(reports, ensure_ascii=False, indent=1))
    elif not args.dry_run and any(_logged_conflicts(r) for r in reports):
        _conflicts_to_review(env, ctx)
    return 1 if failed else 0


def _logged_conflicts(report: dict[str, Any]) -> bool:
    areas = report.get("areas", {}) if report["status"] == IMPORTED else {}
    return any(counts.get("conflicts") for counts in areas.values())


def _conflicts_to_review(env: CliEnv, ctx: ServiceContext) -> None:
    """Where the versions an import set aside are reviewed, as the Sync page points to its
    Conflicts tab: a count alone left the person to guess."""
    waiting = len(conflicts.list_conflicts(ctx))
    if waiting:
        env.out(
            ngettext(
                "{count} conflict waits for you to review it: 'hubdesk conflicts list'.",
                "{count} conflicts wait for you to review them: 'hubdesk conflicts list'.",
                waiting,
            ).format(count=format_number(waiting))
        )


def _import_one(
    env: CliEnv, args: argparse.Namespace, ctx: ServiceContext, path: Path, reports: list[Any]
) -> tuple[int, bool]:
    """Import (or preview) one file and tell how it went: 1 when it was refused, and whether
    Ctrl+C came while it was committed (and was held until it was done)."""
    try:
        result = (preview_import if args.dry_run else import_bundle)(ctx, path)
    except SyncError as exc:
        reports.append(
            {"file": str(path), "status": "refused", "reason": exc.reason, "message": exc.message}
        )
        if not args.json:
            warn(_("hubdesk: {file}: {message}").format(file=path, message=exc.message))
        return 1, False
    reports.append(result.to_json())
    if not args.json:
        _print_result(env, result)
    return int(bool(result.problems)), result.late_ctrl_c


def _print_result(env: CliEnv, result: Any) -> None:
    env.out(f"{shown(result.path)}: {result.summary()}")
    if result.status == ALREADY:
        return
    for table, counts in result.areas.items():
        numbers = ", ".join(
            f"{_(label)} {format_number(getattr(counts, o))}"
            for o, label in OUTCOMES.items()
            if getattr(counts, o)
        )
        nothing = _("nothing")
        env.out(f"  {_(AREA_LABELS[table])}: {numbers or nothing}")
    # What it does beyond its counts, as the window's preview says it (``import_notes``): the
    # import that follows a dry run, or none, tells it too.
    for line in result.notes():
        env.out("  " + line)
    for problem in result.problems:
        env.out("  " + _("refused: {problem}").format(problem=shown(problem.text)))
    if result.unlisted:
        env.out("  " + result.unlisted_line())


def run_conflicts_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    rows = conflicts.list_conflicts(ctx, unresolved_only=not args.all)
    if args.json:
        env.out(json.dumps([{
            "id": c.id, "table": c.table, "record_id": c.record_id, "resolution": c.resolution,
            "detected_at": c.detected_at.isoformat(), "differs": c.differing_fields(),
            "current": c.current, "other": c.other,
        } for c in rows], ensure_ascii=False))  # fmt: skip
        return 0
    from hubdesk.sync import conflict_words  # in the window's words, names and values

    if not rows:
        env.out(_("No conflicts to review."))
    names = conflict_words.related_names(ctx)
    for c in rows:
        env.out(_("{id}: {record}").format(id=c.id, record=conflict_words.entry_name(c, names)))
        for field, current, other in conflict_words.differences(c, names):
            env.out(f"  {field}")
            for version, value in ((_("Current"), current), (_("Other version"), other)):
                line = _("{version}: {value}").format(version=version, value=value or "-")
                env.out("    " + line)
    return 0


def run_keep_current(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    with env.locked():
        conflicts.keep_current(ctx, args.conflict)
    env.out(_("Conflict {id} reviewed: the current version stays.").format(id=args.conflict))
    return 0


def run_keep_other(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    with env.locked():
        conflicts.keep_other(ctx, args.conflict)
    env.out(_("Conflict {id}: the other version is back, as a new edit.").format(id=args.conflict))
    return 0
