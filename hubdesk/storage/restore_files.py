"""Putting a backup's attached files back, all of them or none.

Every file the restored database names is copied out of the backup into a private folder inside
the data folder and its hash checked *before* anything is replaced: a file lost from the backup
or damaged there refuses the whole restore, with the current data untouched. A file the store
already holds with exactly that content (checked by its hash too) is kept and not copied. Only
then are the checked files renamed into the store (the same disk, so nothing can run out of room
half-way), the database replaced, and the files no restored record names removed (they are in
the safety backup taken just before). If the database cannot be replaced, the files just put in
are taken out again.

A backup made before HubDesk included files (a single ``.sqlite``) restores too: it has no files
to give, so those still on this PC stay and the person is told how many it names are not here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from hubdesk.i18n import _, ngettext
from hubdesk.i18n.oserrors import os_reason
from hubdesk.services import attachment_store as store
from hubdesk.storage import backup_files
from hubdesk.storage.backup_files import Step
from hubdesk.storage.errors import StorageError


@dataclass
class FilesPlan:
    """The files a restore puts back, checked and waiting in the data folder."""

    had_files: bool  # False for a backup that holds only a database
    named: set[str] = field(default_factory=set)
    staged: dict[str, Path] = field(default_factory=dict)  # hash -> checked copy
    absent: list[str] = field(default_factory=list)  # named, but neither in the backup nor here
    added: list[str] = field(default_factory=list)  # put into the store by this restore


def backup_folder_of(source: Path) -> Path | None:
    """The backup folder ``source`` is, or whose database it is; None for a single file.

    The database of a backup that was never finished (a ``.partial`` folder, or one with the
    attached files but no list of them) is refused: restored as a single file, it would leave
    every attached file behind with no more than a note."""
    from hubdesk.storage.backup import PARTIAL_SUFFIX

    if backup_files.is_backup_folder(source):
        return source
    if source.is_file() and backup_files.is_backup_folder(source.parent):
        contents = backup_files.read_contents(source.parent)
        if contents.database == source.name:
            return source.parent
    if (
        source.is_file()
        and source.name == backup_files.DATABASE
        and (
            source.parent.name.endswith(PARTIAL_SUFFIX)
            or (source.parent / backup_files.FILES).is_dir()
        )
    ):
        raise StorageError(
            _(
                "{path} is the database of a backup that was not finished: the list of its "
                "attached files is missing, so they cannot be restored with it. Choose a "
                "finished backup; nothing was changed."
            ).format(path=source)
        )
    return None


def stage(
    folder: Path | None,
    named: set[str],
    data_dir: Path,
    work: Path,
    source: Path,
    step: Step | None = None,
) -> FilesPlan:
    """Check and copy out the backup's files the database names; StorageError, with nothing
    changed, when one is lost, damaged, or cannot be copied (disk full)."""
    nothing_changed = _("Nothing was changed.")
    if folder is None:
        absent = sorted(h for h in named if not store.has(data_dir, h))
        return FilesPlan(had_files=False, named=named, absent=absent)
    contents = backup_files.read_contents(folder)
    plan = FilesPlan(had_files=True, named=named)
    work.mkdir(parents=True, exist_ok=True)
    total = len(named) + 1
    for number, sha256 in enumerate(sorted(named), start=1):
        if step is not None:
            step(number, total)
        here = store.path_of(data_dir, sha256)
        if sha256 not in contents.files:
            if sha256 in contents.missing:  # was not on the PC when the backup was made
                if not store.has(data_dir, sha256):
                    plan.absent.append(sha256)
                continue
            raise StorageError(
                _("The backup {path} lacks the attached file {hash} its database names.").format(
                    path=source, hash=sha256[:12]
                )
                + " "
                + nothing_changed
            )
        if backup_files.matches(here, sha256):
            continue  # the same content is here already
        target = work / sha256
        try:
            good = backup_files.copy_checked(backup_files.file_in(folder, sha256), target, sha256)
        except OSError as exc:
            raise StorageError(
                _("Could not copy the attached files out of the backup: {reason}.").format(
                    reason=os_reason(exc)
                )
                + " "
                + nothing_changed
            ) from exc
        if not good:
            raise StorageError(
                _(
                    "The attached file {hash} in the backup {path} is missing or damaged (its "
                    "content does not match its hash), so the backup cannot be restored."
                ).format(path=source, hash=sha256[:12])
                + " "
                + nothing_changed
            )
        plan.staged[sha256] = target
    return plan


@contextmanager
def files_in_place(data_dir: Path, plan: FilesPlan) -> Iterator[None]:
    """Rename the checked files into the store around the database's replacement; if that
    fails, the files that were not here before are taken out again."""
    try:
        for sha256, staged in sorted(plan.staged.items()):
            target = store.path_of(data_dir, sha256)
            existed = target.is_file()
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            if not existed:
                plan.added.append(sha256)
        yield
    except OSError as exc:
        _take_out(data_dir, plan)
        raise StorageError(
            _("Could not put the attached files back: {reason}. The current data was kept.").format(
                reason=os_reason(exc)
            )
        ) from exc
    except BaseException:
        _take_out(data_dir, plan)
        raise


def _take_out(data_dir: Path, plan: FilesPlan) -> None:
    for sha256 in plan.added:
        store.remove(data_dir, sha256)
    plan.added.clear()


def leave_only_named(data_dir: Path, plan: FilesPlan) -> None:
    """After the restore: the store holds the files the restored records name, no others."""
    store.prune(data_dir, plan.named, stale_seconds=0)


def notes(plan: FilesPlan) -> list[str]:
    """What the person should know about the files after a restore, one sentence each."""
    lines = []
    if not plan.had_files:
        lines.append(
            _(
                "This backup holds only the database, with no attached files (made by an older "
                "version of HubDesk, or a database copied alone); the files still on this PC "
                "were kept."
            )
        )
    elif plan.named:
        count = len(plan.named) - len(plan.absent)
        lines.append(
            ngettext(
                "{count} attached file is in place.", "{count} attached files are in place.", count
            ).format(count=count)
        )
    if plan.absent:
        lines.append(
            ngettext(
                "{count} attached file the backup names is not on this PC.",
                "{count} attached files the backup names are not on this PC.",
                len(plan.absent),
            ).format(count=len(plan.absent))
        )
    return lines
