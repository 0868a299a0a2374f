"""The attached files themselves: in the data folder, stored by their SHA-256.

A file's path is made from its hash only (``attachments/ab/abcdef…``), never from the name a
person gave it, so no file name can reach outside the folder. A file is written under a
temporary name and renamed into place when complete and on disk, so a crash leaves no half file
under a real name (a temporary left over is removed by :func:`prune`). The same content attached
twice is stored once. A file no live record needs is removed (:func:`prune`, :func:`discard`).
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

FOLDER = "attachments"
TEMP_PREFIX = ".incoming-"
SHA256 = re.compile(r"^[0-9a-f]{64}\Z")
CHUNK = 1 << 20
STALE_SECONDS = 3600  # a temporary younger than this may still be being written


class TooLarge(Exception):
    """The source grew past the limit while it was copied."""


class Mismatch(Exception):
    """The content's hash is not the one expected."""


def root(data_dir: Path) -> Path:
    return data_dir / FOLDER


def path_of(data_dir: Path, sha256: str) -> Path:
    """Where the file with this hash lives (it may not exist)."""
    if not SHA256.match(sha256):
        raise ValueError("not a SHA-256 digest")
    return root(data_dir) / sha256[:2] / sha256


def has(data_dir: Path, sha256: str) -> bool:
    return SHA256.match(sha256) is not None and path_of(data_dir, sha256).is_file()


def chunks_of(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def new_temporary(data_dir: Path) -> Path:
    folder = root(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{TEMP_PREFIX}{os.urandom(16).hex()}"


def write_temporary(
    data_dir: Path, chunks: Iterable[bytes], max_bytes: int | None = None
) -> tuple[Path, str, int]:
    """Write ``chunks`` to a new temporary file in the store; its path, SHA-256 and size.
    The temporary is removed again if anything fails (TooLarge past ``max_bytes``)."""
    temporary = new_temporary(data_dir)
    import hashlib  # OpenSSL's, loaded once a file is hashed (about 4 MiB)

    digest, size = hashlib.sha256(), 0
    try:
        with open(temporary, "wb") as handle:
            for chunk in chunks:
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise TooLarge()
                digest.update(chunk)
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary, digest.hexdigest(), size


def settle(data_dir: Path, temporary: Path, sha256: str) -> bool:
    """Rename a complete temporary into its place; False (and the temporary removed) when the
    store holds that content already."""
    target = path_of(data_dir, sha256)
    if target.is_file():
        temporary.unlink(missing_ok=True)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary, target)
    return True


def put(
    data_dir: Path, chunks: Iterable[bytes], expected: str | None = None
) -> tuple[str, int, bool]:
    """Store ``chunks``; (SHA-256, size, whether the file is new here). Mismatch when the
    content's hash is not ``expected``: nothing is stored then."""
    temporary, sha256, size = write_temporary(data_dir, chunks)
    if expected is not None and sha256 != expected:
        temporary.unlink(missing_ok=True)
        raise Mismatch()
    return sha256, size, settle(data_dir, temporary, sha256)


def remove(data_dir: Path, sha256: str) -> None:
    path_of(data_dir, sha256).unlink(missing_ok=True)


def stored(data_dir: Path) -> set[str]:
    """Every hash the store holds."""
    folder = root(data_dir)
    if not folder.is_dir():
        return set()
    return {
        p.name for p in folder.glob("??/*") if SHA256.match(p.name) and p.parent.name == p.name[:2]
    }


def prune(data_dir: Path, needed: set[str], stale_seconds: float = STALE_SECONDS) -> int:
    """Remove every stored file no live record needs, and temporaries left by a crash; how
    many files were removed. A file younger than ``stale_seconds`` is kept: it may belong to a
    record another window is saving right now."""
    folder = root(data_dir)
    if not folder.is_dir():
        return 0
    now, removed = time.time(), 0
    for path in [*folder.glob(f"{TEMP_PREFIX}*"), *folder.glob("??/*")]:
        if path.name in needed:
            continue
        try:
            if now - path.stat().st_mtime < stale_seconds:
                continue
            path.unlink()
            removed += 1
        except OSError:
            continue
    return removed


def copy_out(data_dir: Path, sha256: str, target: Path) -> None:
    """Copy a stored file to ``target`` (through a temporary beside it, renamed when done)."""
    partial = target.with_name(target.name + ".partial")
    try:
        shutil.copyfile(path_of(data_dir, sha256), partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
