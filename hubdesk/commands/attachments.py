"""``hubdesk attachments``: files attached to meetings, youth activities, proposals and
trainings.

The same service as the editors' Attachments panel: list, add (``--to meeting:ID``), export a
copy, mark to travel or keep private, remove.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, shown
from hubdesk.domain.attachments import PARENT_TABLES
from hubdesk.i18n import _
from hubdesk.services import attachments
from hubdesk.services.attachments import AttachmentRow, size_text


def register(sub: Any) -> None:
    group = sub.add_parser(
        "attachments",
        help=_("files attached to meetings, youth activities, proposals and trainings"),
        description=_(
            "Files attached to meetings, youth activities, proposals and trainings (PDF, JPEG, "
            "PNG, XLSX, DOCX, ODT). A file stays on this PC unless it is marked to travel; "
            "then it goes in the next bundle."
        ),
    )
    actions = group.add_subparsers(dest="attachments_command", metavar=_("ACTION"), required=True)
    kinds = ", ".join(PARENT_TABLES)
    target_help = _("the record, as KIND:ID (KIND: {kinds})").format(kinds=kinds)

    listing = actions.add_parser("list", help=_("show attached files"))
    listing.add_argument("--to", metavar="KIND:ID", help=target_help)
    listing.add_argument("--json", action="store_true", help=_("print JSON, for scripts"))
    listing.set_defaults(handler=run_list)

    add = actions.add_parser("add", help=_("attach a file to a record"))
    add.add_argument("file", type=Path, metavar="FILE", help=_("the file to attach"))
    add.add_argument("--to", required=True, metavar="KIND:ID", help=target_help)
    add.add_argument("--note", default="", metavar="TEXT", help=_("a note about the file"))
    add.add_argument(
        "--travels", action="store_true", help=_("send the file to the hub in the next bundle")
    )
    add.set_defaults(handler=run_add)

    export = actions.add_parser("export", help=_("save a copy of an attached file"))
    export.add_argument("id", metavar="ID", help=_("the attached file's id"))
    export.add_argument(
        "--to",
        required=True,
        type=Path,
        metavar="PATH",
        help=_("where to save: a file, or a folder to save it in under its own name"),
    )
    export.add_argument(
        "--force", action="store_true", help=_("replace the file when it exists already")
    )
    export.set_defaults(handler=run_export)

    travel = actions.add_parser("travel", help=_("mark a file to travel, or keep it private"))
    travel.add_argument("id", metavar="ID", help=_("the attached file's id"))
    travel.add_argument(
        "--private", action="store_true", help=_("keep it on this PC (withdraw it)")
    )
    travel.set_defaults(handler=run_travel)

    remove = actions.add_parser("remove", help=_("remove an attached file"))
    remove.add_argument("id", metavar="ID", help=_("the attached file's id"))
    remove.set_defaults(handler=run_remove)


def run_list(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    kind = record = None
    if args.to:
        kind, record = attachments.parse_target(args.to)
    rows = attachments.list_files(ctx, kind, record)
    if args.json:
        env.out(json.dumps([r.to_json() for r in rows], ensure_ascii=False))
        return 0
    if not rows:
        env.out(_("No attached files."))
    for row in rows:
        env.out(_line(row))
    return 0


def _line(row: AttachmentRow) -> str:
    where = _("travels") if row.travels else _("private")
    missing = "" if row.available else "  " + _("(not on this PC)")
    return (
        f"{row.id}  {row.parent_kind}:{row.parent_id}  {row.file_name}  {row.type_label}  "
        f"{size_text(row.size)}  {where}{missing}"
    )


def run_add(args: argparse.Namespace, env: CliEnv) -> int:
    kind, record = attachments.parse_target(args.to)
    with env.locked():
        ctx = env.context()
        added = attachments.add_file(
            ctx, kind, record, args.file, note=args.note, travels=args.travels
        )
    text = (
        _("Attached '{name}' ({id}); it goes in the next bundle.")
        if added.travels
        else _("Attached '{name}' ({id}); it stays on this PC.")
    )
    env.out(text.format(name=added.file_name, id=added.id))
    return 0


def run_export(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    row = attachments.get_file(ctx, args.id)
    target = args.to
    if target.is_dir():
        target = target / attachments.safe_name(row.file_name, row.file_type)
    if target.exists() and not args.force:
        # the person's own file of that name (a folder names it for them) is never replaced
        # unasked, as a backup or a call's export is not
        raise CliError(
            _("{path} exists already; nothing was written. Add --force to replace it.").format(
                path=target
            )
        )
    path = attachments.save_copy(ctx, args.id, target)
    env.out(_("Saved a copy of '{name}' to {path}.").format(name=row.file_name, path=shown(path)))
    return 0


def run_travel(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        record = attachments.set_travels(ctx, args.id, not args.private)
    if args.private:
        env.out(_("The file stays on this PC now ({id}).").format(id=record))
    else:
        env.out(_("The file goes in the next bundle ({id}).").format(id=record))
    return 0


def run_remove(args: argparse.Namespace, env: CliEnv) -> int:
    with env.locked():
        ctx = env.context()
        row = attachments.get_file(ctx, args.id)
        attachments.remove(ctx, args.id)
    env.out(_("Removed '{name}'.").format(name=row.file_name))
    return 0
