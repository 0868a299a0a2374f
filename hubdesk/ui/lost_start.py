"""Starting the window in a folder whose database is lost but whose keys or backups remain.

The file was deleted (by a person, an antivirus), not copied to a new PC with the rest, or is
there but holds no installation (emptied, or a new empty database made by a set-up cut short or
another program; ``datadir.lost_database``). The
first-run assistant would have set up a new installation there: the hub would no longer know
this municipality, the old keys would be taken over or clash, and nobody would have said that
the backups hold the records. So the person is told what happened and where the backups are,
and chooses: restore the newest whole backup (or, with none here, a backup from elsewhere),
set up afresh, which first keeps everything of the old installation in a dated folder
(``storage/afresh.py``), or quit, the default, which changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from hubdesk.i18n import _
from hubdesk.i18n.formatting import format_datetime
from hubdesk.services import datafolder
from hubdesk.services.datafolder import RestoreCancelled, StorageError
from hubdesk.ui import dialogs
from hubdesk.ui.workers import Cancelled, run_in_background


def offer_for_missing(data_dir: Path) -> bool:
    """Ask what to do; True when the folder is ready to open again (restored, or emptied for
    a new set-up), False when the person quit or it failed (they were told)."""
    newest = datafolder.newest_whole_backup(data_dir)
    backups = datafolder.backups_folder_of(data_dir)
    when = format_datetime(datafolder.backup_time(newest), fmt="short") if newest else ""
    left = datafolder.database_file_left(data_dir)
    if left is not None:  # emptied, or a new empty database made over it
        text = _left_text(left, backups, when if newest is not None else None)
        restore = _("Restore") if newest is not None else _("Restore a backup…")
    elif newest is not None:
        text = _(
            "HubDesk's database is missing from {path}, though this folder still holds this "
            "installation's backups: it was deleted, or not copied with them. Your records are "
            "in the backups in {backups}. Restore the newest whole backup, made {when}? "
            "Changes made after it are lost."
        ).format(path=data_dir, backups=backups, when=when)
        restore = _("Restore")
    else:
        text = _(
            "HubDesk's database is missing from {path}, though this folder still holds this "
            "installation's keys or backups, and there is no backup in {backups} that would "
            "restore: the database was deleted, or not copied with the rest. If you have a "
            "backup elsewhere (a USB stick, another PC), restore it."
        ).format(path=data_dir, backups=backups)
        restore = _("Restore a backup…")
    detail = _(
        "Setting HubDesk up afresh instead makes a new installation: your records are not in "
        "it, and the hub and the PCs you sync with do not know it as yours until they add it "
        "again. Nothing is deleted: the old keys, backups and files are kept, unchanged, in a "
        "dated folder in {path}."
    ).format(path=data_dir)
    return ask_the_way(data_dir, _("HubDesk's data is missing"), text, restore, detail, newest)


def ask_the_way(
    data_dir: Path,
    title: str,
    text: str,
    restore: str,
    detail: str,
    newest: Path | None,
    *,
    damaged: bool = False,
) -> bool:
    """Restore (``newest``, or a backup the person chooses), set up afresh, or Quit, for a
    folder whose data cannot be used; after a restore that was refused (and said why) or a
    fresh set-up not confirmed, the question again. True when the folder can be opened."""
    while True:
        way = dialogs.choose(None, title, text, [restore, _("Set up afresh…")], _("Quit"), detail)
        if way == 0:
            source = newest or choose_backup(data_dir)
            if source is not None and restore_and_tell(data_dir, source):
                return True
        elif way == 1:
            if confirm_afresh(data_dir, damaged=damaged):
                return afresh(data_dir, damaged=damaged)
        else:
            return False


def _left_text(left: Path, backups: Path, when: str | None) -> str:
    """What happened to a database file that is still there but holds no installation."""
    if when is not None:
        return _(
            "HubDesk's database {path} holds no installation, though this folder still holds "
            "this installation's keys and backups: it was emptied, or replaced by a new empty "
            "database (a set-up cut short, another program). Your records are in the backups "
            "in {backups}. Restore the newest whole backup, made {when}? Changes made after "
            "it are lost; the file as it is now is kept."
        ).format(path=left, backups=backups, when=when)
    return _(
        "HubDesk's database {path} holds no installation, though this folder still holds this "
        "installation's keys or backups, and there is no backup in {backups} that would "
        "restore: it was emptied, or replaced by a new empty database (a set-up cut short, "
        "another program). If you have a backup elsewhere (a USB stick, another PC), restore it."
    ).format(path=left, backups=backups)


def choose_backup(data_dir: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(
        None, _("Choose a backup"), str(data_dir), _("HubDesk backups (*.sqlite)")
    )
    return Path(name) if name else None


def restore_and_tell(data_dir: Path, source: Path) -> bool:
    """Restore ``source`` in place of a database that cannot be opened or is missing, and say
    how it went; True when it was restored."""
    try:
        # A backup on a slow USB stick takes a while: a progress bar and Cancel, as in Settings.
        result = run_in_background(
            None,
            _("Restore"),
            _("Restoring the backup…"),
            lambda progress: datafolder.restore_over_unusable(data_dir, source, progress),
        )
    except (RestoreCancelled, Cancelled):
        return False  # stopped as asked before anything was replaced: the question again
    except StorageError as failed:
        dialogs.show_error(None, _("Not restored"), str(failed))
        return False
    dialogs.inform(None, _("Restore"), " ".join([_("The backup was restored."), *result.notes]))
    return True


def confirm_afresh(data_dir: Path, *, damaged: bool = False) -> bool:
    """The second question before a fresh set-up; ``damaged``: the database file that cannot
    be opened goes into the dated folder too."""
    if damaged:
        text = _(
            "Set HubDesk up afresh in {path}, as on a new PC? The database that cannot be "
            "opened and the old installation's keys, backups and attached files are first "
            "moved, unchanged, into a folder named previous-installation-<date> there. After "
            "the set-up, send the hub this PC's new profile, so that it can add it again."
        )
    else:
        text = _(
            "Set HubDesk up afresh in {path}, as on a new PC? The old installation's keys, "
            "backups and attached files are first moved, unchanged, into a folder named "
            "previous-installation-<date> there. After the set-up, send the hub this PC's new "
            "profile, so that it can add it again."
        )
    return dialogs.confirm(
        None,
        _("Set up afresh"),
        text.format(path=data_dir),
        yes=_("Set up afresh"),
        no=_("Back"),
    )


def afresh(data_dir: Path, *, damaged: bool = False) -> bool:
    """Keep the old installation aside and say where; True when the folder is ready for a
    new set-up."""
    try:
        kept = datafolder.start_afresh(data_dir)
    except StorageError as failed:
        dialogs.show_error(None, _("Set up afresh"), str(failed))
        return False
    if damaged:
        text = _(
            "The database that cannot be opened and the old installation's keys, backups and "
            "files are kept, unchanged, in {path}. HubDesk now starts its set-up as on a new PC."
        )
    else:
        text = _(
            "The old installation's keys, backups and files are kept, unchanged, in {path}. "
            "HubDesk now starts its set-up as on a new PC."
        )
    dialogs.inform(None, _("Set up afresh"), text.format(path=kept))
    return True
