"""``hubdesk import`` stopped with Ctrl+C while it works through a bundle's rows: one clean line,
no traceback, and nothing of that bundle changed (nor temporary files left). A bundle imported
before it in the same command stays imported, and the line says so rather than "nothing was
changed".

A real interrupt (SIGINT) reaches a real ``hubdesk`` process; its batches are made tiny and
slow so that it arrives in the middle of the rows.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attachment_samples import png_bytes, write
from sync_helpers import Network, dump, seed

from hubdesk.services import attachment_store as store
from hubdesk.services import attachments, team
from hubdesk.services.context import ServiceContext

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a signal on POSIX only"),
    pytest.mark.sqlite_only("the child process opens the data folder's own database"),
]

CHILD = """
import sys, time
from pathlib import Path
from hubdesk.sync import merge, passes
passes.BATCH = 2
marker, real = Path(sys.argv[1]), merge.merge_table
def slow(session, table, *args, **kwargs):
    if table == "members":
        marker.touch()  # in the middle of the rows: Ctrl+C may come now
        time.sleep(0.3)
    return real(session, table, *args, **kwargs)
merge.merge_table = slow
from hubdesk.cli import main
sys.exit(main(sys.argv[2:]))
"""
MEMBERS = 30
# The same, with Ctrl+C once the first bundle is past its last Cancel: its commit is under way.
COMMITTING = CHILD.replace(
    "from hubdesk.cli import main",
    """from hubdesk.sync import importer
logged = importer._log
def log_slowly(*args):
    marker.touch()
    time.sleep(0.5)
    return logged(*args)
importer._log = log_slowly
from hubdesk.cli import main""",
)


def interrupted(
    ctx: ServiceContext, marker: Path, *args: str, interrupt: bool = True, code: str = CHILD
) -> tuple[int, str, str]:
    """``hubdesk --data-dir <ctx's> *args``, interrupted once it is inside the members (or
    where ``code`` touches the marker)."""
    assert ctx.data_dir is not None
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(marker), "--data-dir", str(ctx.data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while interrupt and not marker.exists() and child.poll() is None:
        assert time.monotonic() < deadline, "the rows were never reached"
        time.sleep(0.02)
    if interrupt:
        child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    return child.returncode, out, err


@pytest.fixture
def bundles(net: Network, muni: ServiceContext, field: ServiceContext) -> tuple[Path, Path]:
    """Two files from Kumanovo's field laptop, in order: a first one, then many members."""
    ids = seed(muni)
    net.deliver(muni, field)
    team.create_team(field, {"name": "Youth council", "kind": "cat"})
    first = net.send(field, muni).path
    member = {"team_id": ids["team"], "sector": "youth", "role": "member", "gender": "other"}
    for index in range(MEMBERS):
        team.create_member(field, {**member, "name": f"Member {index}"})
    return first, net.send(field, muni).path


def leftovers(ctx: ServiceContext) -> list[Path]:
    assert ctx.data_dir is not None
    return list((ctx.data_dir / "sync-temp").glob("*"))


def test_ctrl_c_in_a_dry_run_is_one_line_and_changes_nothing(
    muni: ServiceContext, bundles: tuple[Path, Path], tmp_path: Path
) -> None:
    first, many = bundles
    # The first ``hubdesk`` command records the installation's key in its database: run one
    # before what is compared.
    assert (
        interrupted(muni, tmp_path / "no", "import", "--dry-run", str(first), interrupt=False)[0]
        == 0
    )
    before = dump(muni.db)
    code, out, err = interrupted(muni, tmp_path / "inside", "import", "--dry-run", str(many))
    assert (code, out, err) == (130, "", "hubdesk: cancelled; nothing was changed.\n")
    assert dump(muni.db) == before and leftovers(muni) == []


def test_ctrl_c_after_a_first_bundle_says_which_were_imported(
    muni: ServiceContext, bundles: tuple[Path, Path], tmp_path: Path
) -> None:
    first, many = bundles
    code, out, err = interrupted(muni, tmp_path / "inside", "import", str(first), str(many))
    assert code == 130 and "Traceback" not in err
    assert out.startswith(f"{first}: Imported bundle")
    assert err == (
        f"hubdesk: cancelled; {many} and the files after it were not imported, "
        "the files before it were.\n"
    )
    names = {m.name for m in team.list_members(muni, team.MemberFilter(active=None))}
    assert not any(name.startswith("Member ") for name in names)  # nothing of the second
    assert "Youth council" in {t.name for t in team.list_teams(muni)}  # the first stays
    assert leftovers(muni) == []


def test_ctrl_c_while_a_bundle_is_committed_is_held_until_it_is_imported_with_its_files(
    net: Network, muni: ServiceContext, field: ServiceContext, tmp_path: Path
) -> None:
    """Past its last Cancel the first bundle is being committed: Ctrl+C then would have taken
    its attached file out of the store under the record that names it, and said the bundle
    was not imported. It is held until that bundle is done; the command stops before the
    next."""
    ids = seed(muni)
    net.deliver(muni, field)
    team.create_team(field, {"name": "Youth council", "kind": "cat"})
    picture = write(tmp_path / "in", "minutes.png", png_bytes())
    sha256 = attachments.add_file(field, "meeting", ids["meeting"], picture, travels=True).sha256
    first = net.send(field, muni).path
    team.create_team(field, {"name": "Second bundle's team", "kind": "cat"})
    second = net.send(field, muni).path
    assert muni.data_dir is not None and not store.has(muni.data_dir, sha256)
    code, out, err = interrupted(
        muni, tmp_path / "committing", "import", str(first), str(second), code=COMMITTING
    )
    assert code == 130 and "Traceback" not in err
    assert out.startswith(f"{first}: Imported bundle")
    assert err == (
        f"hubdesk: cancelled; {second} and the files after it were not imported, "
        "the files before it were.\n"
    )
    names = {t.name for t in team.list_teams(muni)}
    assert "Youth council" in names and "Second bundle's team" not in names
    assert [a.sha256 for a in attachments.list_for(muni, "meeting", ids["meeting"])] == [sha256]
    assert store.has(muni.data_dir, sha256)  # the file its record names


# Ctrl+C inside a statement, as when it comes while SQLite writes a batch: SQLAlchemy then
# closes the connection itself.
IN_A_STATEMENT = CHILD.replace(
    "        time.sleep(0.3)\n",
    """        session.connection().exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000)"
            " SELECT count(*) FROM n"
        ).all()
""",
)


def test_ctrl_c_inside_a_statement_is_one_line_and_changes_nothing(
    muni: ServiceContext, bundles: tuple[Path, Path], tmp_path: Path
) -> None:
    first, many = bundles
    assert interrupted(muni, tmp_path / "no", "import", str(first), interrupt=False)[0] == 0
    before = dump(muni.db)
    code, out, err = interrupted(
        muni, tmp_path / "inside", "import", str(many), code=IN_A_STATEMENT
    )
    assert (code, out, err) == (130, "", "hubdesk: cancelled; nothing was changed.\n")
    assert dump(muni.db) == before and leftovers(muni) == []
