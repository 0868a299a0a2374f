"""Starting the window on a database that is there but cannot be opened at all: damaged, not
HubDesk's, or altered (``restore_unusable.diagnose``).

The person is told why and chooses, as for a lost database (``lost_start.py``): restore the
newest whole backup (or, with none here, a backup from elsewhere), set up afresh, or quit, the
default, which changes nothing. A restore the keys refuse (the backup is another
installation's) says to restore this installation's backup or to set HubDesk up afresh; the
question then comes again, so both are a click away. Setting up afresh keeps the database
that cannot be opened, unchanged, with the old keys and backups in the dated folder
(``storage/afresh.py``): whatever can still be recovered from it is never deleted.
"""

from __future__ import annotations

from pathlib import Path

from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_datetime
from hubdesk.services import datafolder
from hubdesk.ui.lost_start import ask_the_way


def offer_for_damaged(data_dir: Path, problem: str) -> bool:
    """Ask what to do; True when the folder is ready to open again (restored, or emptied for
    a new set-up), False when the person quit."""
    newest = datafolder.newest_whole_backup(data_dir)
    if newest is not None:
        text = _(
            "The database in {path} cannot be opened ({problem}). Restore the newest backup "
            "that is whole, made {when}? Changes made since then are lost; the damaged "
            "database is kept, unchanged, in the backups folder."
        ).format(
            path=data_dir,
            problem=problem,
            when=format_datetime(datafolder.backup_time(newest), fmt="short"),
        )
        restore = _("Restore")
    else:
        text = _(
            "The database in {path} cannot be opened ({problem}), and there is no backup in "
            "{backups} that would restore. If you have a backup elsewhere (a USB stick, "
            "another PC), restore it; the damaged database is kept, unchanged, in the backups "
            "folder."
        ).format(path=data_dir, problem=problem, backups=datafolder.backups_folder_of(data_dir))
        restore = _("Restore a backup…")
    detail = _(
        "Setting HubDesk up afresh instead makes a new installation: your records are not in "
        "it, and the hub and the PCs you sync with do not know it as yours until they add it "
        "again. Nothing is deleted: the database that cannot be opened, the old keys, backups "
        "and files are kept, unchanged, in a dated folder in {path}."
    ).format(path=data_dir)
    title = _("HubDesk cannot open its data")
    return ask_the_way(data_dir, title, text, restore, detail, newest, damaged=True)
