"""Opening the data at every start reads no key: the keys are named for the installation and
the database keeps its key already, so loading the cryptography library (several MiB in every
window) would be for nothing. The first opening beside new keys reads the key, once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hubdesk.services.installation import initialise, load_context
from hubdesk.storage.key_owner import read_owner
from hubdesk.storage.open import open_database
from hubdesk.sync import keys

OPEN = (
    "import sys; from pathlib import Path\n"
    "from hubdesk.services.installation import load_context\n"
    "from hubdesk.storage.open import open_database\n"
    "folder = Path(sys.argv[1])\n"
    "load_context(open_database(folder), folder).db.close()\n"
    "print('cryptography' in sys.modules)\n"
)


@pytest.mark.sqlite_only("the keys are in the data folder of a municipality's PC")
def test_a_usual_start_reads_no_key(tmp_path: Path) -> None:
    folder = tmp_path / "kumanovo"
    db = open_database(folder)
    try:
        ctx = initialise(db, role="municipality", name="Kumanovo", country="MK")
        ctx.data_dir = folder
        keys.ensure_keys(folder)
        load_context(db, folder)  # the first opening beside the keys names and keeps them
        assert read_owner(folder) is not None
    finally:
        db.close()
    opened = subprocess.run(
        [sys.executable, "-c", OPEN, str(folder)], capture_output=True, text=True, check=True
    )
    assert opened.stdout.split() == ["False"], opened.stderr
