"""Two staff PCs on one hub's server database at once, each a process of its own.

Run with ``--database postgresql`` (``bash dev test`` does). The second PC is
``staff_pc.py``, driven line by line so each interleaving happens in a known order.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hubdesk.cli import main
from hubdesk.domain import AuditEntry, FundProposal, Member, ProposalStatusChange
from hubdesk.services import fund_workflow, records
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.services.team import MEMBER
from hubdesk.storage.db import Database

STAFF_PC = Path(__file__).with_name("staff_pc.py")


class StaffPC:
    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(STAFF_PC), url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.ask_line() == "ready"

    def ask_line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def ask(self, line: str) -> str:
        self.send(line)
        return self.ask_line()

    def close(self) -> None:
        self.send("quit")
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def demo_hub(tmp_path_factory: pytest.TempPathFactory, pg_pool: object) -> str:
    """The demo hub on a server database, built once for this module."""
    if pg_pool is None:
        pytest.skip("needs --database postgresql")
    url = pg_pool.server.create("staff_demo_hub")  # type: ignore[attr-defined]
    folder = tmp_path_factory.mktemp("hub")
    assert main(["--data-dir", str(folder), "--database-url", url, "demo", "--role", "hub"]) == 0
    return str(url)


@pytest.fixture
def hub(demo_hub: str) -> Iterator[ServiceContext]:
    database = Database(demo_hub)
    yield load_context(database, None)
    database.close()


def submitted(ctx: ServiceContext) -> list[str]:
    with ctx.read() as session:
        query = select(FundProposal.id).where(FundProposal.status == "submitted")
        return sorted(session.scalars(query))


def newest_change_version(ctx: ServiceContext, proposal_id: str) -> int:
    with ctx.read() as session:
        return int(
            session.scalar(
                select(func.max(ProposalStatusChange.version)).where(
                    ProposalStatusChange.proposal_id == proposal_id
                )
            )
        )


def test_a_pc_whose_clock_is_late_still_stamps_its_later_change_later(
    hub: ServiceContext, demo_hub: str
) -> None:
    late_pc = StaffPC(demo_hub)  # loads its clock now, before this PC's change
    try:
        first, second, *_ = submitted(hub)
        fund_workflow.transition(hub, first, "under_review")
        assert late_pc.ask(f"review {second}") == "moved"
        assert newest_change_version(hub, second) > newest_change_version(hub, first)
    finally:
        late_pc.close()


def test_the_same_proposal_moved_by_two_staff_at_once_moves_once(
    hub: ServiceContext, demo_hub: str
) -> None:
    other_pc = StaffPC(demo_hub)
    try:
        proposal = submitted(hub)[0]
        outcome: dict[str, str] = {}
        with hub.transaction() as session:  # this PC is in the middle of its change...
            changing = session.get(FundProposal, proposal)
            assert changing is not None
            other_pc.send(f"review {proposal}")  # ...when the other PC asks for the same one

            def answer() -> None:
                outcome["other"] = other_pc.ask_line()

            waiting = threading.Thread(target=answer)
            waiting.start()
            time.sleep(1.0)
            assert "other" not in outcome  # it waits for this PC's change, it does not race
            fund_workflow.change_status(session, hub, changing, "under_review")
        waiting.join(timeout=30)
        assert outcome["other"].startswith("refused ValidationError")
        with hub.read() as session:
            moves = session.scalar(
                select(func.count())
                .select_from(ProposalStatusChange)
                .where(
                    ProposalStatusChange.proposal_id == proposal,
                    ProposalStatusChange.to_status == "under_review",
                )
            )
        assert moves == 1
    finally:
        other_pc.close()


def audit_ids(ctx: ServiceContext, record_id: str) -> list[int]:
    with ctx.read() as session:
        query = select(AuditEntry.id).where(AuditEntry.record_id == record_id)
        return sorted(session.scalars(query))


def test_a_change_committed_later_has_a_later_audit_id(hub: ServiceContext, demo_hub: str) -> None:
    """What keeps an incremental export from skipping a change (``sync/select.py``): the
    other PC's change is still uncommitted when this PC starts one; this PC's waits, and the
    export mark read meanwhile is below both."""
    with hub.read() as session:
        first, second = session.scalars(select(Member.id).order_by(Member.id).limit(2)).all()
    other_pc = StaffPC(demo_hub)
    try:
        assert other_pc.ask(f"hold {first} Teodora") == "holding"  # written, not committed
        done: dict[str, bool] = {}

        def mine() -> None:  # a change of the same kind as the other PC's (no service of the
            # hub renames a city's member: this test is about the order of commits)
            with hub.transaction() as session:
                member = records.live(session, Member, second, MEMBER)
                records.change(session, hub, member, {"name": "Marija"})
            done["mine"] = True

        waiting = threading.Thread(target=mine)
        waiting.start()
        time.sleep(1.0)
        assert done == {}  # this PC's change waits for the other's commit
        with hub.read() as session:
            mark = int(session.scalar(select(func.max(AuditEntry.id))) or 0)
        assert other_pc.ask("commit") == "committed"
        waiting.join(timeout=30)
        assert done == {"mine": True}
        theirs, ours = max(audit_ids(hub, first)), max(audit_ids(hub, second))
        assert mark < theirs < ours
    finally:
        other_pc.close()
