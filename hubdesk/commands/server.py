"""``hubdesk server move``: a hub that started on one PC's file moves to a PostgreSQL server.

The whole file is copied into an empty server database in one transaction and counted table by
table before it commits (``storage/transfer.py``); only then does the data folder name the
server, and the file itself is kept in ``backups``. Anything that stands in the way (not a hub,
a server that does not answer, a database that already holds data, a password in the address)
is refused before the first write, so nothing changes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
from pathlib import Path
from typing import Any

from hubdesk.commands.common import CliEnv, CliError, not_set_up, shown
from hubdesk.domain.enums import Role
from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_number
from hubdesk.services.installation import get_installation, load_context
from hubdesk.services.staff import add_first_admin
from hubdesk.storage import server, server_errors
from hubdesk.storage.backup import backup_database
from hubdesk.storage.datadir import backups_dir, database_path
from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database
from hubdesk.storage.transfer import copy_into_server, refuse_unless_empty

KEPT_NAME = "before-server-move-{stamp}.sqlite"  # not "hubdesk-*": never rotated away


def register(sub: Any) -> None:
    group = sub.add_parser(
        "server",
        help=_("a hub's database on a PostgreSQL server"),
        description=_("Commands for a hub whose database is on a PostgreSQL server."),
    )
    actions = group.add_subparsers(dest="server_command", metavar=_("ACTION"), required=True)
    move = actions.add_parser(
        "move",
        help=_("move this data folder's hub into an empty server database"),
        description=_(
            "Copy this data folder's hub into an empty PostgreSQL database, check that every "
            "table arrived whole, and use the server from then on. The folder's own file is "
            "kept in its backups folder; this PC keeps the hub's keys and becomes its sync PC."
        ),
    )
    move.add_argument(
        "--database-url",
        dest="move_url",
        metavar="URL",
        help=_("the empty server database (postgresql://user@server/database)"),
    )
    move.set_defaults(handler=run_move)


def run_move(args: argparse.Namespace, env: CliEnv) -> int:
    raw = args.move_url or env.database_url
    if not raw:
        raise CliError(_("Name the server database with --database-url. Nothing was changed."))
    url = server.storable_url(raw)
    if server.configured_url(env.data_dir) is not None:
        raise CliError(
            _("The hub of {path} is on a database server already. Nothing was changed.").format(
                path=env.data_dir
            )
        )
    if not database_path(env.data_dir).is_file():
        raise not_set_up(env.data_dir)
    with env.locked():
        local = open_database(env.data_dir)
        try:
            installation = get_installation(local)
            if installation is None:
                raise not_set_up(env.data_dir)
            if installation.role != Role.HUB.value:
                raise CliError(
                    _(
                        "This data folder is set up as: {role}. Only a hub moves to a database "
                        "server; nothing was changed."
                    ).format(role=Role(installation.role).label)
                )
            refuse_unless_empty(url)
            target = server.open_server_database(url)
            try:
                copied = copy_into_server(database_path(env.data_dir), target)
                add_first_admin(load_context(target, env.data_dir))
            finally:
                target.close()
            server.save_setting(env.data_dir, raw)
            kept = _keep_file(local, env.data_dir)
        finally:
            local.close()
        _remove_file(database_path(env.data_dir))
    env.out(
        _("The hub's data ({count} rows) is on {url} now, checked table by table.").format(
            count=format_number(copied), url=server_errors.shown(url)
        )
    )
    env.out(_("Its file as it was is kept in {path}.").format(path=shown(kept)))
    return 0


def _keep_file(local: Database, data_dir: Path) -> Path:
    """A consistent copy of the file in ``backups``, under a name rotation never deletes."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_database(local, backups_dir(data_dir) / KEPT_NAME.format(stamp=stamp))


def _remove_file(path: Path) -> None:
    """The file and SQLite's companions: the folder now names the server, and a stale copy
    beside it would only mislead."""
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            companion.unlink()
