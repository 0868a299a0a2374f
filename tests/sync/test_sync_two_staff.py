"""Two staff PCs exporting and importing for one hub at once, each a process of its own.

Run with ``--database postgresql`` (the hub's database is on the test server; the municipality
stays a file, as it is in life). The second PC is ``tests/storage/staff_pc.py``; this PC first
holds the hub's writer turn (the installation row, ``storage/server_clock.py``) so both PCs are
sure to be waiting for it at the same time, then lets go.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_helpers import Network

from hubdesk.domain import FundProposal, Meeting, Member, Team
from hubdesk.domain.sync import BundleLog
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync.errors import SyncError
from hubdesk.sync.export import export_bundle
from hubdesk.sync.importer import import_bundle

STAFF_PC = Path(__file__).parents[1] / "storage" / "staff_pc.py"
SEEDED = {"team": Team, "member": Member, "meeting": Meeting, "proposal": FundProposal}


class OtherPC:
    def __init__(self, hub: ServiceContext) -> None:
        url = hub.db.engine.url.render_as_string(hide_password=False)
        self.process = subprocess.Popen(
            [sys.executable, str(STAFF_PC), url, str(hub.data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.line() == "ready"

    def line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def close(self) -> None:
        self.send("quit")
        self.process.wait(timeout=30)


@pytest.fixture
def other(hub: ServiceContext) -> Iterator[OtherPC]:
    if hub.db.is_sqlite:
        pytest.skip("staff PCs share a hub only on a server database")
    pc = OtherPC(hub)
    yield pc
    pc.close()


def at_once(
    hub: ServiceContext, other: OtherPC, command: str, mine: Callable[[], Any]
) -> tuple[str, Any]:
    """The other PC's ``command`` and this PC's ``mine()`` released together; both answers."""
    outcome: dict[str, Any] = {}

    def theirs() -> None:
        outcome["other"] = other.line()

    def ours() -> None:
        outcome["mine"] = mine()

    threads = [threading.Thread(target=theirs), threading.Thread(target=ours)]
    with hub.transaction():  # this PC holds the writer's turn...
        other.send(command)
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        assert outcome == {}  # ...and both wait for it rather than race past each other
    for thread in threads:
        thread.join(timeout=60)
    return outcome["other"], outcome["mine"]


def test_two_exports_to_one_municipality_at_once_get_two_numbers(
    net: Network, muni: ServiceContext, hub: ServiceContext, other: OtherPC, tmp_path: Path
) -> None:
    net.deliver(muni, hub)
    theirs, mine = at_once(
        hub,
        other,
        f"export {muni.installation_id} {tmp_path / 'other.hubdesk'}",
        lambda: export_bundle(hub, muni.installation_id, tmp_path / "mine.hubdesk"),
    )
    assert theirs.startswith("sequence ")
    numbered = sorted(
        [
            (int(theirs.split()[1]), tmp_path / "other.hubdesk"),
            (mine.sequence, tmp_path / "mine.hubdesk"),
        ]
    )
    assert numbered[1][0] == numbered[0][0] + 1  # two numbers, one after the other
    # The municipality takes both, in their order: neither is refused as a replay.
    assert [import_bundle(muni, path).status for _n, path in numbered] == ["imported"] * 2


def test_one_bundle_imported_by_two_staff_at_once_is_imported_once(
    net: Network, muni: ServiceContext, hub: ServiceContext, other: OtherPC, seeded: object
) -> None:
    sent = net.send(muni, hub)
    theirs, mine = at_once(hub, other, f"import {sent.path}", lambda: import_bundle(hub, sent.path))
    assert sorted([theirs, mine.status]) == ["already_imported", "imported"]
    with hub.read() as session:
        logged = session.scalar(
            select(func.count()).select_from(BundleLog).where(BundleLog.direction == "in")
        )
    assert logged == 1


def test_an_import_and_an_export_for_one_municipality_at_once_take_turns(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    other: OtherPC,
    seeded: object,
    tmp_path: Path,
) -> None:
    """Both wait for the writer's turn (``at_once`` checks it); each then runs whole."""
    sent = net.send(muni, hub)
    target = tmp_path / "to-muni.hubdesk"
    theirs, mine = at_once(
        hub, other, f"import {sent.path}", lambda: export_bundle(hub, muni.installation_id, target)
    )
    assert theirs == "imported"
    assert import_bundle(muni, mine.path).status == "imported"
    with hub.read() as session:
        logged = session.scalars(select(BundleLog.direction).order_by(BundleLog.id)).all()
    assert sorted(logged) == ["in", "out"]


def import_status(hub: ServiceContext, path: Path) -> str:
    try:
        return import_bundle(hub, path).status
    except SyncError as refused:
        return f"refused {refused.reason}"


@pytest.mark.parametrize("older_here", [True, False])
def test_two_bundles_of_one_municipality_imported_by_two_staff_at_once(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    other: OtherPC,
    seeded: dict[str, Any],
    older_here: bool,
) -> None:
    """The municipality's two bundles in a row reach two staff PCs, which import them at the
    same moment, the older one on either PC. Whichever gets the turn first, the hub ends with
    everything both held and the newer edit: the older after the newer is refused as older
    (the newer carried what it held), exactly as when one PC imports them in that order."""
    older = net.send(muni, hub)
    team.update_member(muni, seeded["member"], {"name": "Ana Petrovska-Nikolova"})
    newer = net.send(muni, hub)
    mine, theirs = (older, newer) if older_here else (newer, older)
    answer, status = at_once(
        hub, other, f"import {theirs.path}", lambda: import_status(hub, mine.path)
    )
    answers = {mine.sequence: status, theirs.sequence: answer.split(":")[0]}
    with hub.read() as session:
        numbers = sorted(
            session.scalars(select(BundleLog.sequence).where(BundleLog.direction == "in"))
        )
        held = {name: session.get(model, seeded[name]) for name, model in SEEDED.items()}
    if numbers == [older.sequence, newer.sequence]:
        assert set(answers.values()) == {"imported"}
    else:  # the newer one had the turn first
        assert numbers == [newer.sequence]
        assert answers[older.sequence].startswith("refused")
    assert all(row is not None for row in held.values())
    assert held["member"].name == "Ana Petrovska-Nikolova"
