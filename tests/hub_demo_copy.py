"""The demo hub for tests that only read it or work on it: built once per test process for
each ``today`` and copied into the test's folder (the build runs three municipalities' demos
and their bundles through the hub, seconds each time; a copy takes milliseconds). The build
itself puts the finished hub into its data folder by copying, so a copy is what it makes.
Tests of the build itself call ``build_hub_demo`` directly."""

from __future__ import annotations

import atexit
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hubdesk.storage.db import Database
from hubdesk.storage.open import open_database
from hubdesk.sync.hubdemo import build_hub_demo

_BUILT: dict[dt.date | None, Path] = {}


def hub_demo(folder: Path, today: dt.date | None = None) -> Database:
    """``folder`` made the demo hub (as ``build_hub_demo(open_database(folder), folder,
    today=today)`` would), and its database opened."""
    built = _BUILT.get(today)
    if built is None:
        root = Path(tempfile.mkdtemp(prefix="hubdesk-hub-demo-"))
        atexit.register(shutil.rmtree, root, True)
        built = root / "hub"
        db = open_database(built)
        try:
            build_hub_demo(db, built, today=today)
        finally:
            db.close()  # the last connection folds the journal into the file
        _BUILT[today] = built
    # (not the lock file of the process that built it: the copy's opening takes its own)
    shutil.copytree(built, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.lock"))
    return open_database(folder)
