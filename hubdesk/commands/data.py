"""Looking after the data: ``stats``, ``backup``, ``restore`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, shown, warn
from hubdesk.i18n import N_, _, ngettext
from hubdesk.i18n.formatting import format_number
from hubdesk.services.staff import require_admin
from hubdesk.storage.backup import list_backups, make_backup
from hubdesk.storage.backup_check import check_backup
from hubdesk.storage.backup_files import (
    Contents,
    backup_owner,
    is_backup_folder,
    named_files,
    store_problems,
)
from hubdesk.storage.check import (
    AlteredSchemaError,
    check_database,
    check_file,
    header_problem,
    read_only,
    schema_revision,
)
from hubdesk.storage.datadir import database_path, lost_database
from hubdesk.storage.db import Database
from hubdesk.storage.errors import StorageError
from hubdesk.storage.restore import (
    CurrentInstallation,
    OtherInstallationError,
    current_installation,
    inspect_backup,
    refuse_beside_keys,
    refuse_other_keys,
    restore_database,
)
from hubdesk.storage.restore_unusable import diagnose

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
    "community_activities": N_("Community activities"),
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
        help=_("copy all data and attached files to a backup folder (safe while HubDesk is open)"),
        description=_(
            "Copy all data and every attached file it names to a new backup folder. Safe while "
            "HubDesk is open."
        ),
    )
    backup.add_argument(
        "--to",
        required=True,
        type=Path,
        metavar="FOLDER",
        help=_(
            "the backup folder to write: a new folder, inside a folder that exists (it is not "
            "made: a USB stick taken out would be written to this PC)"
        ),
    )
    backup.add_argument(
        "--force", action="store_true", help=_("replace FOLDER when it is an older backup")
    )
    backup.set_defaults(handler=run_backup)

    restore = sub.add_parser(
        "restore",
        help=_("replace all data and attached files with a backup (the current data is kept)"),
        description=_(
            "Replace all data and attached files with a backup. The backup is checked first, "
            "every file's hash included, and the current data is kept as a backup in the data "
            "folder before it is replaced."
        ),
    )
    restore.add_argument(
        "file",
        type=Path,
        metavar="BACKUP",
        help=_("the backup to restore: a backup folder, or an older single backup file"),
    )
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
            "Check the database (file integrity, links between records, schema version and "
            "set-up) and the backups in the data folder, reading every attached file they hold. "
            "Exits with 1 and lists every problem when one is found."
        ),
    )
    check.add_argument(
        "--backup",
        type=Path,
        metavar="PATH",
        help=_("check only this backup (a backup folder or file), its attached files included"),
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


def _not_in_managed_folder(target: Path, data_dir: Path) -> None:
    """A backup is not written into the folders HubDesk keeps itself: the attached files'
    store (whose every file is named by its hash), the keys, or the automatic backups' folder
    itself (whose own backups would then go inside the new one)."""
    from hubdesk.services.attachment_store import FOLDER
    from hubdesk.storage.datadir import BACKUPS_DIR, KEYS_DIR

    where = target.resolve()
    for name in (FOLDER, KEYS_DIR, BACKUPS_DIR):
        folder = (data_dir / name).resolve()
        if where == folder or (name != BACKUPS_DIR and where.is_relative_to(folder)):
            raise CliError(
                _(
                    "{path} is in {folder}, which HubDesk keeps for itself; nothing was written. "
                    "Choose a folder of its own for the backup, on a USB stick say."
                ).format(path=target, folder=data_dir / name)
            )


def run_backup(args: argparse.Namespace, env: CliEnv) -> int:
    target: Path = args.to.expanduser().absolute()
    live = database_path(env.data_dir)
    if target.exists() and live.exists() and target.resolve() == live.resolve():
        raise CliError(_("{path} is the database in use; choose another file.").format(path=target))
    _not_in_managed_folder(target, env.data_dir)
    if not target.parent.is_dir():
        # Never made here: the folder of a USB stick taken out would be made on this PC's own
        # disk, and the person told the backup is on the stick.
        raise CliError(
            _(
                "The folder {folder} is not there (a USB stick taken out?); nothing was "
                "written. Put the stick back or choose another folder, and back up again."
            ).format(folder=target.parent)
        )
    # what is there first: --force replaces an older backup, never anything else
    if target.is_file() and not _older_backup_file(target):
        raise CliError(
            _(
                "{path} is a file that is not a HubDesk backup; nothing was written. Give "
                "the name of a new folder for the backup."
            ).format(path=target)
        )
    if target.is_dir() and not is_backup_folder(target):
        raise CliError(
            _(
                "{path} is a folder that is not a HubDesk backup; nothing was written. Give "
                "the name of a new folder for the backup."
            ).format(path=target)
        )
    if target.exists() and not args.force:
        raise CliError(
            _("{path} exists already; nothing was written. Add --force to replace it.").format(
                path=target
            )
        )
    ctx = env.context()
    owner = backup_owner(target) if target.exists() else None
    if owner is not None and owner[0] != ctx.installation_id:
        # --force replaces this installation's older backup, never another's (a stick two
        # installations share): that one may be the only copy of its records
        raise CliError(
            _(
                "{path} holds the backup of another installation, '{name}'; nothing was written. "
                "Choose another folder for this backup."
            ).format(path=target, name=owner[1])
        )
    made = make_backup(ctx.db, env.data_dir, target)
    env.out(_("Backup written to {path}.").format(path=shown(target)))
    for line in backup_notes(made.contents):
        env.out(line)
    return 0


def _older_backup_file(path: Path) -> bool:
    """Whether ``path`` is a backup as older HubDesks wrote them (one database file), the only
    kind of file --force may replace: never a person's document that happens to have the name."""
    try:
        if header_problem(path) is not None:
            return False
        with read_only(path) as conn:
            return schema_revision(conn) is not None
    except (OSError, sqlite3.Error):
        return False


def backup_notes(contents: Contents) -> list[str]:
    """What a backup holds besides the database, one sentence each."""
    held = len(contents.files)
    lines = [
        ngettext(
            "It holds the database and {count} attached file.",
            "It holds the database and {count} attached files.",
            held,
        ).format(count=held)
    ]
    if contents.missing:
        lines.append(
            ngettext(
                "{count} attached file the database names is not on this PC (or is damaged "
                "here), so the backup does not hold it.",
                "{count} attached files the database names are not on this PC (or are damaged "
                "here), so the backup does not hold them.",
                len(contents.missing),
            ).format(count=len(contents.missing))
        )
    return lines


def run_restore(args: argparse.Namespace, env: CliEnv) -> int:
    source: Path = args.file.expanduser().absolute()
    if env.server_url() is not None:
        return _restore_server(args, env, source)
    _refuse_unasked(args, str(env.data_dir))
    with env.locked():
        info = inspect_backup(source, env.data_dir)
        refuse_other_keys(env.data_dir, info)  # before asking: never beside another's keys
        db, current, unusable = _current(env)
        if unusable is not None and current is None:
            refuse_beside_keys(env.data_dir, info)  # a damaged database that names nobody
        if unusable is not None and not args.yes:
            env.out(
                _("The database in {path} cannot be opened ({problem}).").format(
                    path=env.data_dir, problem=unusable
                )
            )
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
            ).format(path=shown(env.data_dir), name=info.installation_name, file=shown(source))
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
            name=result.info.installation_name, file=shown(source)
        )
    )
    if result.info.needs_migration:
        env.out(_("The backup was brought up to date for this version of HubDesk."))
    for line in result.notes:
        env.out(line)
    env.out(
        _("The data as it was before is kept in {path}.").format(path=shown(result.safety_backup))
    )
    return 0


def _current(
    env: CliEnv,
) -> tuple[Database | None, CurrentInstallation | None, str | None]:
    """The folder's database and installation before a restore, and what is wrong with a
    database that cannot be opened at all (damaged, altered): that is what a restore is for, so
    it is not refused but left closed, its installation read from it if the damage spared it.
    Anything else that keeps the database closed is refused."""
    if not database_path(env.data_dir).is_file() and not lost_database(env.data_dir):
        return None, None, None
    try:
        db = env.existing_database()
    except StorageError:
        unusable = diagnose(env.data_dir)
        if unusable is None:
            raise
        found = unusable.installation
        current = CurrentInstallation(*found) if found is not None else None
        return None, current, unusable.problem
    return db, current_installation(db), None


def _restore_server(args: argparse.Namespace, env: CliEnv, source: Path) -> int:
    """A hub's server database from a backup of it, with the files this PC keeps; the data as
    it was is backed up first."""
    from hubdesk.storage.server_restore import checked_dump, dump_of, restore_server

    dump_of(source)  # refused before asking
    require_admin(env.context())  # a restore replaces every staff member's work
    _refuse_unasked(args, _("the hub's database"))  # only once the login may restore at all
    db = env.existing_database()
    try:
        checked_dump(db, source, allow_other_installation=args.other_installation)
    except OtherInstallationError as exc:
        raise CliError(
            str(exc) + " " + _("Add --other-installation to restore it anyway.")
        ) from exc
    if not args.yes and not _confirm(
        _(
            "Replace all data in the hub's database with the backup {file}? The current data "
            "is kept as a backup first. [y/N] "
        ).format(file=shown(source))
    ):
        env.out(_("Nothing was restored."))
        return 1
    result = restore_server(
        db, env.data_dir, source, allow_other_installation=args.other_installation
    )
    env.out(_("Restored the backup {file}.").format(file=shown(source)))
    for line in result.notes:
        env.out(line)
    env.out(
        _("The data as it was before is kept in {path}.").format(path=shown(result.safety_backup))
    )
    return 0


def _refuse_unasked(args: argparse.Namespace, where: str) -> None:
    """Without a terminal nobody can answer the question, so a restore needs --yes."""
    if not args.yes and not _interactive():
        raise CliError(
            _(
                "Restoring replaces all data in {path}; nothing was changed. "
                "Add --yes to confirm when running without a terminal."
            ).format(path=where)
        )


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
    if args.backup is not None:
        return _report(env, check_backup(args.backup.expanduser().absolute()), backups=1)
    try:
        problems = check_database(env.existing_database())
    except AlteredSchemaError:  # refused to open it: list every difference, read-only
        problems = check_file(database_path(env.data_dir))
    except StorageError as exc:
        problems = [str(exc)]
    backups = list_backups(env.data_dir)
    checked: dict[tuple[int, int], bool] = {}
    live = database_path(env.data_dir)
    if env.server_url() is None and live.is_file() and not problems:  # its attached files here
        problems += store_problems(env.data_dir, named_files(live, in_use=True), checked)
    for made in backups:
        problems += check_backup(made, checked)
    return _report(env, problems, backups=len(backups), database=True)


def _report(env: CliEnv, problems: list[str], backups: int, database: bool = False) -> int:
    if not problems:
        if database:
            env.out(_("Database is healthy."))
        if backups:
            env.out(
                ngettext(
                    "{count} backup checked, attached files included: it would restore.",
                    "{count} backups checked, attached files included: they would restore.",
                    backups,
                ).format(count=backups)
            )
        return 0
    for problem in problems:
        warn(" ".join(problem.split()))
    print(
        ngettext("{count} problem found.", "{count} problems found.", len(problems)).format(
            count=len(problems)
        ),
        file=sys.stderr,
    )
    return 1
