"""Starting afresh in a folder whose database is lost or cannot be opened, when the person
chooses it.

A new set-up makes a new installation: the hub and the peers know the old one's keys, and the
old backups are the only copy of its records. So nothing of the old installation is deleted or
overwritten: everything the folder holds (keys, backups, attached files, the window's figures)
is moved, unchanged, into one dated folder beside it (a damaged database with its ``-wal``
too, for whoever may yet recover it), ``previous-installation-<time>/``, which
no rotation touches and which a person can restore from (``hubdesk restore`` on one of its
backups) or copy away. Only the single-instance lock stays; the folder is then as new.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.i18n.oserrors import os_reason
from hubdesk.storage.backup import STAMP_FORMAT
from hubdesk.storage.errors import StorageError
from hubdesk.storage.lock import LOCK_FILENAME
from hubdesk.storage.restore_unusable import diagnose

PREFIX = "previous-installation-"


def set_aside_installation(data_dir: Path) -> Path:
    """Move everything of the old installation into a new dated folder; that folder.

    Only for a database that is lost (``datadir.lost_database``) or cannot be opened at all
    (damaged, not HubDesk's, altered: ``restore_unusable.diagnose``): a folder with its
    records is never emptied this way, nor one a newer HubDesk wrote. A failure (a file in use
    on Windows) moves back what was moved and raises StorageError: the folder is as it was.
    """
    if diagnose(data_dir) is None:
        raise StorageError(
            _("HubDesk's data in {path} is not lost; nothing was moved.").format(path=data_dir)
        )
    stamp = dt.datetime.now().strftime(STAMP_FORMAT)
    folder = data_dir / f"{PREFIX}{stamp}"
    moved: list[Path] = []
    try:
        folder.mkdir()
        for entry in sorted(data_dir.iterdir()):
            if entry.name == LOCK_FILENAME or entry.name.startswith(PREFIX):
                continue
            os.replace(entry, folder / entry.name)
            moved.append(entry)
    except OSError as exc:
        for entry in reversed(moved):
            try:
                os.replace(folder / entry.name, entry)
            except OSError:
                continue
        with contextlib.suppress(OSError):
            folder.rmdir()
        raise StorageError(
            _(
                "Could not keep the old installation's files in {path}: {reason}. Nothing "
                "was set up."
            ).format(path=folder, reason=os_reason(exc))
        ) from exc
    return folder
