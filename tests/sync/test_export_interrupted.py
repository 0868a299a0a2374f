"""``hubdesk export`` stopped with Ctrl+C while it reads the rows: one clean line and nothing
else on the screen, no bundle and no temporary file left.

A real interrupt (SIGINT) reaches a real ``hubdesk`` process inside an SQL statement, where
SQLAlchemy answers it by closing the connection; what the export had open then (the cursor
of the rows being read, the half-made zip) was cleaned up afterwards with a traceback each.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sync_helpers import seed

from hubdesk.services.context import ServiceContext

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a signal on POSIX only"),
    pytest.mark.sqlite_only("the child process opens the data folder's own database"),
]

CHILD = """
import sys
from pathlib import Path
from hubdesk.sync import rawio, select
marker, real = Path(sys.argv[1]), rawio.json_batches
def slow(session, query, table, size):
    for batch in real(session, query, table, size):
        if table.name == "members":
            marker.touch()  # Ctrl+C comes during the statement below
            session.connection().exec_driver_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                " WHERE i < 3000000) SELECT count(*) FROM n"
            ).all()
        yield batch
select.json_batches = slow
from hubdesk.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_ctrl_c_while_the_rows_are_read_is_one_line(
    muni: ServiceContext, field: ServiceContext, tmp_path: Path
) -> None:
    seed(muni)
    assert muni.data_dir is not None
    marker, target = tmp_path / "inside", tmp_path / "stick" / "b.hubdesk"
    target.parent.mkdir()
    command = ["export", "--to", str(target), "--for", field.installation_id]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(marker), "--data-dir", str(muni.data_dir), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists() and child.poll() is None:
        assert time.monotonic() < deadline, "the members were never read"
        time.sleep(0.02)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    progress = [line for line in err.splitlines() if line.endswith("%")]
    told = [line for line in err.splitlines() if line not in progress]
    assert (child.returncode, out, told) == (130, "", ["hubdesk: cancelled; nothing was changed."])
    assert list(target.parent.iterdir()) == []
    assert list((muni.data_dir / "sync-temp").glob("*")) == []
