"""Killing HubDesk while it imports attached files leaves no half file and no half import.

A subprocess imports a bundle with many files and is killed (SIGKILL) at random moments; each
time the database holds either none or all of the bundle's records, every file in the store
under a real name is whole (its content hashes to its name), a temporary left over is never
taken for a file, and importing the same bundle again, then tidying the store, leaves exactly
the files the records need.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attachment_samples import png_bytes, write
from sync_helpers import Network

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

FILES = 24
CHILD = """
import sys
from pathlib import Path
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database
from hubdesk.sync.importer import import_bundle

folder, bundle = Path(sys.argv[1]), Path(sys.argv[2])
ctx = load_context(open_database(folder), folder)
print("ready", flush=True)
import_bundle(ctx, bundle)
print("done", flush=True)
"""


def run_child(folder: Path, bundle: Path, kill_after: float | None) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(bundle)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    if kill_after is None:
        _out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        return
    time.sleep(kill_after)
    child.kill()
    child.communicate(timeout=60)


def state(folder: Path) -> tuple[int, set[str]]:
    """Attachment records held, and the hashes of the files stored (each checked whole)."""
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        rows = len(attachments.list_files(ctx))
    finally:
        db.close()
    held = store.stored(folder)
    for sha in held:
        assert hashlib.sha256(store.path_of(folder, sha).read_bytes()).hexdigest() == sha
    return rows, held


@pytest.mark.slow
@pytest.mark.sqlite_only("copies the hub's data folder to have the database as before")
def test_an_import_with_files_killed_at_random_moments_is_all_or_nothing(
    net: Network, muni: ServiceContext, hub: ServiceContext, seeded: dict[str, str],
    tmp_path: Path,
) -> None:  # fmt: skip
    rng = random.Random(20261204)
    for index in range(FILES):
        data = png_bytes() + rng.randbytes(150_000)
        attachments.add_file(
            muni, "meeting", seeded["meeting"], write(tmp_path / "in", f"p{index}.png", data),
            travels=True,
        )  # fmt: skip
    bundle = net.send(muni, hub).path
    assert hub.data_dir is not None
    hub.db.close()
    pristine = net.root / "pristine-hub"
    shutil.copytree(hub.data_dir, pristine)

    started = time.monotonic()
    complete = net.root / "complete"
    shutil.copytree(pristine, complete)
    run_child(complete, bundle, None)
    duration = time.monotonic() - started
    rows, needed = state(complete)
    assert rows == FILES and len(needed) == FILES

    for attempt, moment in enumerate(rng.uniform(0.0, duration) for _ in range(4)):
        work = net.root / f"attempt-{attempt}"
        shutil.copytree(pristine, work)
        run_child(work, bundle, moment)
        rows, held = state(work)  # every stored file is whole
        assert rows in (0, FILES)
        if rows:
            assert held == needed
        else:
            assert held <= needed  # files of an import that never committed: to be tidied
        run_child(work, bundle, None)  # the same bundle imports afterwards
        db = open_database(work)
        try:
            ctx = load_context(db, work)
            attachments.prune(ctx, stale_seconds=0)
        finally:
            db.close()
        assert state(work) == (FILES, needed)
        assert not list((work / "attachments").glob(f"{store.TEMP_PREFIX}*"))
