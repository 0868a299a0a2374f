"""``hubdesk calls``: the hub's calls for proposals, listed, shown and exported for scripts.

Everyone can list, show and export the calls held here (a municipality holds what the hub
published); ``calls receipts`` tells the hub which municipalities hold the current version of
everything it published.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, shown
from hubdesk.domain import Call
from hubdesk.domain.calls import CallStatus
from hubdesk.domain.enums import Pillar
from hubdesk.i18n import _, current_language, ngettext
from hubdesk.i18n.formatting import format_date
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services import calls
from hubdesk.services.calls import CURRENCY

EXPORT_COLUMNS = (
    "id", "title", "round", "status", "opens_on", "closes_on", "ceiling_minor", "envelope_minor",
    "currency", "pillars", "themes", "eligibility", "requirements", "criteria",
)  # fmt: skip


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "calls",
        help=_("list, show and export the hub's calls for proposals"),
        description=_("The calls for proposals the regional hub published (and, on the hub, "
                      "its drafts)."),
    )  # fmt: skip
    actions = parser.add_subparsers(dest="calls_action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("one line per call"))
    listing.add_argument(
        "--status", choices=[s.value for s in CallStatus], help=_("only calls in this status")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help=_("everything about one call"))
    show.add_argument("--id", required=True, metavar="ID", help=_("the call's id"))
    show.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    show.set_defaults(handler=run_show)
    export = actions.add_parser(
        "export",
        help=_("write every call to a .json or .csv file"),
        description=_("Write every call held here to FILE: JSON (criteria as a list) or CSV "
                      "(one row per call, criteria as code:weight), chosen by its ending."),
    )  # fmt: skip
    export.add_argument(
        "--to", required=True, type=Path, metavar="FILE", help=_("the .json or .csv file to write")
    )
    export.add_argument(
        "--force", action="store_true", help=_("replace FILE when it exists already")
    )
    export.set_defaults(handler=run_export)
    receipts = actions.add_parser(
        "receipts", help=_("on the hub: what each municipality has received of what it published")
    )
    receipts.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    receipts.set_defaults(handler=run_receipts)


def as_json(call: Call) -> dict[str, Any]:
    """A call as scripts read it: dates in ISO form, money in EUR cents, criteria as a list."""
    return {
        "id": call.id,
        "title": call.title,
        "round": call.round,
        "status": call.status,
        "opens_on": call.opens_on.isoformat() if call.opens_on else None,
        "closes_on": call.closes_on.isoformat() if call.closes_on else None,
        "ceiling_minor": call.ceiling_minor,
        "envelope_minor": call.envelope_minor,
        "currency": CURRENCY,
        "pillars": list(call.pillars),
        "themes": list(call.themes),
        "eligibility": call.eligibility,
        "requirements": call.requirements,
        "criteria": [vars(c) for c in calls.parse_criteria(call.criteria)],
    }


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    found = calls.list_calls(env.context(), args.status)
    if args.json:
        env.out(json.dumps([as_json(c) for c in found], ensure_ascii=False))
        return 0
    if not found:
        env.out(_("No calls for proposals here yet."))
    for call in found:
        closes = format_date(call.closes_on) if call.closes_on else "—"
        status = CallStatus(call.status).label
        env.out(f"{call.id}  {status:<12}  {closes:>14}  {call.title}")
    return 0


def run_show(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    call = calls.get_call(ctx, args.id)
    if args.json:
        data = as_json(call)
        data["receipts"] = [
            {"municipality": name, "acknowledged": done} for name, done in _receipts(ctx, call)
        ]
        env.out(json.dumps(data, ensure_ascii=False))
        return 0
    dates = "{} – {}".format(
        format_date(call.opens_on) if call.opens_on else "—",
        format_date(call.closes_on) if call.closes_on else "—",
    )
    facts = [
        (_("Round"), call.round),
        (_("Status"), CallStatus(call.status).label),
        (_("Open for applications"), dates),
        (_("Ceiling per proposal"), calls.limit_text(call.ceiling_minor)),
        (_("Total envelope"), calls.limit_text(call.envelope_minor)),
        (_("Pillars"), ", ".join(Pillar(p).label for p in call.pillars)),
        (_("Themes"), ", ".join(call.themes)),
        (_("Eligibility"), call.eligibility),
        (_("What the application must contain"), call.requirements),
    ]
    lines = [call.title, *(f"{label}: {value or '—'}" for label, value in facts)]
    lines.append(_("Review criteria") + ":")
    lines += [f"  {c.code}  {c.weight:>3}  {c.label}" for c in calls.parse_criteria(call.criteria)]
    for name, done in _receipts(ctx, call, current_language()):
        state = _("received") if done else _("not yet received")
        lines.append(f"{name}: {state}")
    for line in lines:
        env.out(line)
    return 0


def _receipts(ctx: Any, call: Call, lang: str | None = None) -> list[tuple[str, bool]]:
    """Each municipality and whether it has the call; named as typed for a script (--json),
    in ``lang``'s script for a person."""
    from hubdesk.sync.published import receipts

    return receipts(ctx, "calls", call.id, lang)


def run_export(args: argparse.Namespace, env: CliEnv) -> int:
    target: Path = args.to.expanduser().absolute()
    kind = target.suffix.lower()
    if kind not in (".json", ".csv"):
        raise CliError(_("Give the file the ending .json or .csv: {path}").format(path=target))
    if target.exists() and not args.force:
        raise CliError(
            _("{path} exists already; nothing was written. Add --force to replace it.").format(
                path=target
            )
        )
    rows = [as_json(c) for c in calls.list_calls(env.context())]
    if kind == ".json":
        text = json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            row["pillars"] = ",".join(row["pillars"])
            row["themes"] = ",".join(row["themes"])
            row["criteria"] = "; ".join(f"{c['code']}:{c['weight']}" for c in row["criteria"])
            writer.writerow([row[c] if row[c] is not None else "" for c in EXPORT_COLUMNS])
        text = buffer.getvalue()
    if not target.parent.is_dir():
        raise CliError(_("The folder {folder} does not exist.").format(folder=target.parent))
    partial = target.with_name(target.name + ".partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise CliError(
            _("Cannot write to {path}: {reason}").format(path=target, reason=os_reason(exc))
        ) from exc
    message = ngettext("Wrote {count} call to {path}.", "Wrote {count} calls to {path}.", len(rows))
    env.out(message.format(count=len(rows), path=shown(target)))
    return 0


def run_receipts(args: argparse.Namespace, env: CliEnv) -> int:
    from hubdesk.sync.published import deliveries

    ctx = env.context()
    if not ctx.is_hub:
        raise CliError(_("Only the hub keeps receipts of what it published."))
    found = deliveries(ctx)
    if args.json:
        env.out(json.dumps([{"municipality": d.name, "installation_id": d.peer_id,
                             "published": d.published, "acknowledged": d.acknowledged}
                            for d in found], ensure_ascii=False))  # fmt: skip
        return 0
    for d in found:
        env.out(
            _("{municipality}: {acknowledged} of {published} received").format(
                municipality=d.name, acknowledged=d.acknowledged, published=d.published
            )
        )
    return 0
