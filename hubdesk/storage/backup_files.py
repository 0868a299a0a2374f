"""The attached files inside a backup: copied with their hash checked, shared between backups.

A backup is a folder (``backup.py``): the database, a ``contents.json`` that lists the files it
holds by SHA-256 and size, and those files under ``attachments/ab/abcd…``, laid out like the
data folder's own store (``services/attachment_store.py``). A file an earlier backup already
holds, checked against its hash, is hard-linked instead of copied: ten daily backups of the same
photos take the room of one, and deleting a backup frees only what no other backup still links.
Copied to a USB stick, the folder is complete on its own (the copy has no links to follow).

A file the database names that is not on this PC, or whose content no longer matches its hash,
cannot be backed up; it is listed under ``missing`` so that a restore and ``hubdesk check`` can
tell it apart from a file lost from the backup afterwards.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hubdesk.i18n import _
from hubdesk.services import attachment_store as store
from hubdesk.storage.errors import StorageError

CONTENTS = "contents.json"
DATABASE = "hubdesk.sqlite"
DUMP = "hubdesk.pgdump"
FILES = store.FOLDER
FORMAT = 1
CHUNK = 1 << 20

# Called with (done, total) as the backup or the restore goes through its steps.
Step = Callable[[int, int], object]


@dataclass
class Contents:
    """What ``contents.json`` says a backup holds."""

    database: str = DATABASE
    files: dict[str, int] = field(default_factory=dict)  # SHA-256 -> size in bytes
    missing: list[str] = field(default_factory=list)  # named, but not backed up

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "database": self.database,
                "files": dict(sorted(self.files.items())),
                "missing": sorted(self.missing),
            },
            indent=1,
        )


def file_in(folder: Path, sha256: str) -> Path:
    """Where a backup folder keeps the file with this hash (the data folder's layout)."""
    return store.path_of(folder, sha256)


def read_contents(folder: Path) -> Contents:
    """The backup's list of files; StorageError when it is missing or not HubDesk's."""
    path = folder / CONTENTS
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        files = {str(k): int(v) for k, v in dict(raw["files"]).items()}
        missing = [str(s) for s in raw.get("missing", [])]
        database = str(raw["database"])
        if int(raw["format"]) != FORMAT or database not in {DATABASE, DUMP}:
            raise ValueError(database)
        if not all(store.SHA256.match(s) for s in [*files, *missing]):
            raise ValueError("hash")
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise StorageError(  # the parser's own words (English, about a column) help nobody
            _(
                "{path} is not a readable list of a backup's files: it is damaged, or was "
                "changed by hand. Nothing was changed."
            ).format(path=path)
        ) from exc
    return Contents(database=database, files=files, missing=missing)


def not_a_backup_folder(path: Path) -> str:
    """What a person reads who chose a folder that is not a backup (a copy of a data folder,
    a backup whose list of files was lost)."""
    return _("{path} is a folder, but not a HubDesk backup: it has no {name}.").format(
        path=path, name=CONTENTS
    )


def is_backup_folder(path: Path) -> bool:
    return path.is_dir() and (path / CONTENTS).is_file()


def connect_unchanging(database: Path) -> sqlite3.Connection:
    """Read a backup's database without writing anything beside it, even on a read-only USB
    stick: nothing else changes a backup while it is read, so SQLite may treat it as
    immutable (no -wal or -shm files, no locks)."""
    return sqlite3.connect(database.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)


def named_files(database: Path, *, in_use: bool = False) -> set[str]:
    """The hashes of the files the live records of a SQLite database name (none before the
    attachments table existed, in a backup made by an older HubDesk). ``in_use``: the data
    folder's own database, read with its journal (a backup's is read as unchanging)."""
    try:
        if in_use:
            conn = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True)
        else:
            conn = connect_unchanging(database)
        try:
            exists = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachments'"
            ).fetchone()
            if not exists:
                return set()
            rows = conn.execute("SELECT DISTINCT sha256 FROM attachments WHERE NOT deleted")
            return {str(r[0]) for r in rows if store.SHA256.match(str(r[0]))}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(
            _("Could not read which files {path} names: {reason}").format(path=database, reason=exc)
        ) from exc


def hash_of(path: Path) -> str:
    import hashlib  # OpenSSL's, loaded once a file is hashed (about 4 MiB)

    digest = hashlib.sha256()
    for chunk in store.chunks_of(path):
        digest.update(chunk)
    return digest.hexdigest()


def matches(path: Path, sha256: str) -> bool:
    """The file is there and its content has this hash."""
    try:
        return path.is_file() and hash_of(path) == sha256
    except OSError:
        return False


def copy_checked(source: Path, target: Path, sha256: str) -> bool:
    """Copy ``source`` to ``target``, hashing what is read; False (nothing left at ``target``)
    when the source is missing or its content is not ``sha256``. Writing errors raise OSError."""
    import hashlib  # OpenSSL's, loaded once a file is hashed (about 4 MiB)

    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        reader = open(source, "rb")  # noqa: SIM115 - closed below, after the writer
    except FileNotFoundError:
        return False
    try:
        with reader, open(target, "wb") as writer:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if digest.hexdigest() != sha256:
        target.unlink(missing_ok=True)
        return False
    return True


def put_files(
    folder: Path,
    data_dir: Path,
    hashes: Iterable[str],
    earlier: list[Path],
    step: Step | None = None,
    done_before: int = 0,
    total: int = 0,
) -> Contents:
    """Put the files with these hashes into the backup ``folder``: linked from an earlier backup
    that holds the same content, else copied from the data folder's store (or, when the store
    lost it, from an earlier backup on another disk), checked every way.

    A file found nowhere intact (not on this PC, or damaged there) is listed as missing. OSError
    (disk full, no permission) goes to the caller, which removes the half-made backup.
    """
    contents = Contents()
    for number, sha256 in enumerate(sorted(hashes), start=1):
        target = file_in(folder, sha256)
        if (
            _link_from_earlier(sha256, target, earlier)
            or copy_checked(store.path_of(data_dir, sha256), target, sha256)
            or any(copy_checked(file_in(b, sha256), target, sha256) for b in earlier)
        ):
            contents.files[sha256] = target.stat().st_size
        else:
            contents.missing.append(sha256)
        if step is not None:
            step(done_before + number, total)
    return contents


def _link_from_earlier(sha256: str, target: Path, earlier: list[Path]) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    device = target.parent.stat().st_dev
    for backup in earlier:
        candidate = file_in(backup, sha256)
        try:
            if candidate.stat().st_dev != device:  # another disk: no link possible
                continue
        except OSError:
            continue
        if not matches(candidate, sha256):
            continue
        try:
            os.link(candidate, target)
        except OSError:  # a file system without hard links: copy instead
            return False
        return True
    return False


def write_contents(folder: Path, contents: Contents) -> None:
    path = folder / CONTENTS
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(contents.to_json())
        handle.flush()
        os.fsync(handle.fileno())


def file_problems(
    folder: Path,
    contents: Contents,
    needed: set[str] | None = None,
    checked: dict[tuple[int, int], bool] | None = None,
) -> list[str]:
    """What is wrong with the files of a backup, one sentence each (none when all is well).

    Every file listed is read and its hash compared. ``needed`` (the hashes its database names)
    also finds a file the database needs that the backup neither holds nor says was missing.
    """
    problems = []
    for sha256 in sorted(contents.files):
        path = file_in(folder, sha256)
        if not path.is_file():
            problems.append(
                _("The backup {path} has lost the attached file {hash}.").format(
                    path=folder, hash=sha256[:12]
                )
            )
        elif not _matches_once(path, sha256, checked):
            problems.append(
                _(
                    "The attached file {hash} in the backup {path} is damaged: its content "
                    "does not match its hash."
                ).format(path=folder, hash=sha256[:12])
            )
    if needed is not None:
        for sha256 in sorted(needed - set(contents.files) - set(contents.missing)):
            problems.append(
                _("The backup {path} lacks the attached file {hash} its database names.").format(
                    path=folder, hash=sha256[:12]
                )
            )
    return problems


def store_problems(
    data_dir: Path, needed: Iterable[str], checked: dict[tuple[int, int], bool] | None = None
) -> list[str]:
    """The attached files the data folder's database names that this PC has lost, or holds
    damaged: what the next backup would list as missing, said before it is made."""
    problems = []
    for sha256 in sorted(needed):
        path = store.path_of(data_dir, sha256)
        if not path.is_file():
            problems.append(
                _("The attached file {hash} the database names is not in {path}.").format(
                    hash=sha256[:12], path=path.parent.parent
                )
            )
        elif not _matches_once(path, sha256, checked):
            problems.append(
                _(
                    "The attached file {hash} in {path} is damaged: its content does not match "
                    "its hash."
                ).format(hash=sha256[:12], path=path.parent.parent)
            )
    return problems


def _matches_once(path: Path, sha256: str, checked: dict[tuple[int, int], bool] | None) -> bool:
    """``matches``, remembered by the file's identity: linked copies are one file on disk."""
    if checked is None:
        return matches(path, sha256)
    info = path.stat()
    key = (info.st_dev, info.st_ino)
    if key not in checked:
        checked[key] = matches(path, sha256)
    return checked[key]


def remove_folder(folder: Path) -> None:
    """Delete a backup folder; a file still linked from another backup stays there."""
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)


def backup_owner(path: Path) -> tuple[str, str] | None:
    """(id, name) of the installation whose backup ``path`` is (a backup folder, or an older
    backup's single file); None when that cannot be read (a server's dump, a damaged file):
    asked before a backup replaces another, which may be another installation's."""
    from hubdesk.storage.check import installation_rows

    try:
        database = path / read_contents(path).database if path.is_dir() else path
        if database.name == DUMP:
            return None
        conn = connect_unchanging(database)
        try:
            rows = installation_rows(conn)
        finally:
            conn.close()
    except (OSError, sqlite3.Error, StorageError):
        return None
    return rows[0] if len(rows) == 1 else None
