"""Killing HubDesk in the middle of an import never leaves half an import behind.

A subprocess imports a large bundle and is killed (SIGKILL, no chance to clean up) at random
moments; each time the database is either exactly as before or holds the whole bundle, passes
``hubdesk check``, and the same bundle can still be imported afterwards.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_helpers import Network

from hubdesk.cli import main as hubdesk_main
from hubdesk.domain import Member, Team
from hubdesk.services import records
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

TEAMS = 1500
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


def fill_large(ctx: ServiceContext) -> int:
    """Many records in one transaction (through the same record-writing path as the forms)."""
    assert ctx.municipality_id is not None
    with ctx.transaction() as session:
        for i in range(TEAMS):
            team = records.create(
                session,
                ctx,
                Team,
                {"municipality_id": ctx.municipality_id, "name": f"Team {i}", "kind": "cat"},
            )
            session.flush()
            for j in range(3):
                records.create(session, ctx, Member, {
                    "team_id": team.id, "municipality_id": ctx.municipality_id,
                    "name": f"Member {i}-{j}", "sector": "youth", "role": "member",
                    "gender": "other", "notes": "x" * 40,
                })  # fmt: skip
    return TEAMS * 4 + 1


def counts(folder: Path) -> tuple[int, int]:
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        with ctx.read() as session:
            return (
                session.scalar(select(func.count()).select_from(Team)) or 0,
                session.scalar(select(func.count()).select_from(Member)) or 0,
            )
    finally:
        db.close()


def run_child(folder: Path, bundle: Path, kill_after: float | None) -> float | None:
    """Import in a subprocess; kill it ``kill_after`` seconds after it is ready.

    Returns how long the import ran when it finished, None when it was killed first."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), str(bundle)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready", child.stderr.read() if child.stderr else ""
    ready = time.monotonic()
    if kill_after is None:
        _out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        return time.monotonic() - ready
    time.sleep(kill_after)
    child.kill()
    child.communicate(timeout=60)
    return time.monotonic() - ready if child.returncode == 0 else None


@pytest.mark.slow
@pytest.mark.sqlite_only(
    "copies the hub's data folder to have the database as before; a server database is not a "
    "file in the folder, and its import is one server transaction (test_server_staff.py)"
)
def test_import_killed_at_random_moments_is_all_or_nothing(
    net: Network, muni: ServiceContext, hub: ServiceContext, capsys: pytest.CaptureFixture[str]
) -> None:
    fill_large(muni)
    bundle = net.send(muni, hub).path
    assert hub.data_dir is not None
    hub.db.close()
    pristine = net.root / "pristine-hub"
    shutil.copytree(hub.data_dir, pristine)

    timing = net.root / "timing"
    shutil.copytree(pristine, timing)
    duration = run_child(timing, bundle, None)
    assert duration is not None
    after = counts(timing)
    assert after == (TEAMS, TEAMS * 3)

    rng = random.Random(20241121)
    # Six kills at random moments, then, should a busy machine have let every one of them
    # finish (the timing run can be slower than the attempts), ever earlier ones: the test
    # needs at least one kill that lands before the commit to mean anything.
    moments = [rng.uniform(0.0, duration * 1.1) for _ in range(6)]
    moments += [duration * f for f in (0.5, 0.25, 0.1, 0.05)]
    outcomes = set()
    for attempt, moment in enumerate(moments):
        if attempt >= 6 and (0, 0) in outcomes:
            break
        work = net.root / f"attempt-{attempt}"
        shutil.copytree(pristine, work)
        finished = run_child(work, bundle, moment)
        state = counts(work)
        assert state in ((0, 0), after), state
        outcomes.add(state)
        capsys.readouterr()
        assert hubdesk_main(["--data-dir", str(work), "check"]) == 0, capsys.readouterr().err
        if finished is None:
            run_child(work, bundle, None)  # the interrupted import can simply be done again
            assert counts(work) == after
    assert (0, 0) in outcomes  # at least one kill landed before the commit
