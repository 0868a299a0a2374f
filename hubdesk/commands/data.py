"""Looking after the data: ``stats``, ``backup``, ``restore`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError
from hubdesk.i18n import N_, _, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services.staff import require_admin
from hubdesk.storage import server, server_dump
from hubdesk.storage.backup import backup_database
from hubdesk.storage.check import AlteredSchemaError, check_database, check_file
from hubdesk.storage.datadir import database_path
from hubdesk.storage.errors import StorageError
from hubdesk.storage.restore import (
    OtherInstallationError,
    current_installation,
    inspect_backup,
    restore_database,
)

# Labels of ``hubdesk stats`` in the order a person reads them; keys are the stats service's.
STAT_LABELS: dict[str, str] = {
    "teams": N_("Teams"),
    "members": N_("Team members"),
    "meetings": N_("Meetings"),
    "action_items": N_("Action items"),
    "youth_activities": N_("Youth activities"),
    "fund_proposals": N_("Fund proposals"),
    "budget_lines": N_("Budget lines"),
    "period_submissions": N_("Quarter submissions"),
    "reviews": N_("Proposal reviews"),
    "proposal_comments": N_("Comments on proposals"),
    "calls": N_("Calls for proposals"),
    "tranches": N_("Fund tranches"),
    "exchanges": N_("Exchanges between cities"),
    "good_practices": N_("Good practices"),
    "published_practices": N_("Published good practices"),
    "attachments": N_("Attached files"),
    "engagements": N_("Engagements"),
    "helpdesk_requests": N_("Help desk requests"),
    "trainings": N_("Trainings"),
    "needs_assessments": N_("Needs assessments"),
    "conflicts": N_("Sync conflicts"),
}


def register(sub: Any) -> None:
    stats = sub.add_parser(
        "stats",
        help=_("show how many records of each kind there are"),
        description=_("Show how many records of each kind this data folder holds."),
    )
    stats.add_argument("--json", action="store_true", help=_("print one JSON object, for scripts"))
    stats.set_defaults(handler=run_stats)

    backup = sub.add_parser(
        "backup",
        help=_("copy all data to a backup file (safe while HubDesk is open)"),
        description=_("Copy all data to a backup file. Safe while HubDesk is open."),
    )
    backup.add_argument(
        "--to", required=True, type=Path, metavar="FILE", help=_("the backup file to write")
    )
    backup.add_argument(
        "--force", action="store_true", help=_("replace FILE when it exists already")
    )
    backup.set_defaults(handler=run_backup)

    restore = sub.add_parser(
        "restore",
        help=_("replace all data with a backup file (the current data is kept as a backup)"),
        description=_(
            "Replace all data with a backup file. The file is checked first, and the current "
            "data is kept as a backup in the data folder before it is replaced."
        ),
    )
    restore.add_argument("file", type=Path, metavar="FILE", help=_("the backup file to restore"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    restore.add_argument(
        "--other-installation",
        action="store_true",
        help=_("allow a backup made by another installation (moving to a new PC)"),
    )
    restore.set_defaults(handler=run_restore)

    check = sub.add_parser(
        "check",
        help=_("check the database for damage"),
        description=_(
            "Check the database: file integrity, links between records, schema version and "
            "set-up. Exits with 1 and lists every problem when one is found."
        ),
    )
    check.set_defaults(handler=run_check)


def run_stats(args: argparse.Namespace, env: CliEnv) -> int:
    ctx = env.context()
    from hubdesk.services.stats import table_counts

    counts = table_counts(ctx)
    if args.json:
        env.out(json.dumps(counts, ensure_ascii=False))
        return 0
    keys = [k for k in STAT_LABELS if k in counts] + [k for k in counts if k not in STAT_LABELS]
    labels = {k: _(STAT_LABELS[k]) if k in STAT_LABELS else k for k in keys}
    numbers = {k: format_number(counts[k]) for k in keys}
    label_width = max((len(text) for text in labels.values()), default=0)
    number_width = max((len(text) for text in numbers.values()), default=0)
    for key in keys:
        env.out(f"{labels[key]:<{label_width}}  {numbers[key]:>{number_width}}")
    return 0


def run_backup(args: argparse.Namespace, env: CliEnv) -> int:
    target: Path = args.to.expanduser().absolute()
    if target.is_dir():
        raise CliError(
            _("{path} is a folder; give the name of the backup file to write.").format(path=target)
        )
    live = database_path(env.data_dir)
    if target.exists() and live.exists() and target.resolve() == live.resolve():
        raise CliError(_("{path} is the database in use; choose another file.").format(path=target))
    if target.exists() and not args.force:
        raise CliError(
            _("{path} exists already; nothing was written. Add --force to replace it.").format(
                path=target
            )
        )
    ctx = env.context()
    backup_database(ctx.db, target)
    env.out(_("Backup written to {path}.").format(path=target))
    return 0


def run_restore(args: argparse.Namespace, env: CliEnv) -> int:
    source: Path = args.file.expanduser().absolute()
    if not args.yes and not _interactive():
        raise CliError(
            _(
                "Restoring replaces all data in {path}; nothing was changed. "
                "Add --yes to confirm when running without a terminal."
            ).format(path=env.data_dir)
        )
    if env.server_url() is not None:
        return _restore_server(args, env, source)
    with env.locked():
        info = inspect_backup(source, env.data_dir)
        db = env.existing_database() if database_path(env.data_dir).is_file() else None
        current = current_installation(db) if db is not None else None
        if (
            current is not None
            and current.id != info.installation_id
            and not args.other_installation
        ):
            raise CliError(
                str(OtherInstallationError(source, info.installation_name, current.name))
                + " "
                + _("Add --other-installation to restore it anyway.")
            )
        if not args.yes and not _confirm(
            _(
                "Replace all data in {path} with the backup of '{name}' from {file}? "
                "The current data is kept as a backup first. [y/N] "
            ).format(path=env.data_dir, name=info.installation_name, file=source)
        ):
            env.out(_("Nothing was restored."))
            return 1
        try:
            result = restore_database(
                env.data_dir, source, allow_other_installation=args.other_installation, db=db
            )
        except OtherInstallationError as exc:
            raise CliError(
                str(exc) + " " + _("Add --other-installation to restore it anyway.")
            ) from exc
    env.out(
        _("Restored the backup of '{name}' from {file}.").format(
            name=result.info.installation_name, file=source
        )
    )
    if result.info.needs_migration:
        env.out(_("The backup was brought up to date for this version of HubDesk."))
    env.out(_("The data as it was before is kept in {path}.").format(path=result.safety_backup))
    return 0


def _restore_server(args: argparse.Namespace, env: CliEnv, source: Path) -> int:
    """A hub's server database from a dump of it; the data as it was is dumped first."""
    if not server_dump.is_dump(source):
        raise CliError(
            _(
                "{file} is not a backup of a server database (a pg_dump file); nothing was changed."
            ).format(file=source)
        )
    require_admin(env.context())  # a restore replaces every staff member's work
    db = env.existing_database()
    if not args.yes and not _confirm(
        _(
            "Replace all data in the hub's database with the backup {file}? The current data "
            "is kept as a backup first. [y/N] "
        ).format(file=source)
    ):
        env.out(_("Nothing was restored."))
        return 1
    with server.restoring(db):  # no change lands between the safety dump and the restore
        safety = server_dump.dump(db.url, server_dump.safety_path(env.data_dir))
        server_dump.restore(db.url, source)
    env.out(_("Restored the backup {file}.").format(file=source))
    env.out(_("The data as it was before is kept in {path}.").format(path=safety))
    return 0


def _interactive() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _confirm(question: str) -> bool:
    try:
        answer = input(question)
    except EOFError:
        return False
    return answer.strip().lower() in {"y", "yes", _("y"), _("yes")}


def run_check(args: argparse.Namespace, env: CliEnv) -> int:
    try:
        problems = check_database(env.existing_database())
    except AlteredSchemaError:  # refused to open it: list every difference, read-only
        problems = check_file(database_path(env.data_dir))
    except StorageError as exc:
        problems = [str(exc)]
    if not problems:
        env.out(_("Database is healthy."))
        return 0
    for problem in problems:
        print(" ".join(problem.split()), file=sys.stderr)
    print(
        ngettext("{count} problem found.", "{count} problems found.", len(problems)).format(
            count=len(problems)
        ),
        file=sys.stderr,
    )
    return 1
