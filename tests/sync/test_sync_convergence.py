"""A municipality and two field laptops edit, delete, export and import in random order.

Bundles pile up and are imported in any order (some are then refused as older, which must be
harmless). At the end everyone exchanges everything; then all three hold the same records, and
no version ever written is lost: each is the current one, was built upon by a later edit (its
``base_version``), or sits in a conflict log.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select
from sync_helpers import Network, table_rows

from hubdesk.domain import Conflict, Team
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle

NAMES = st.text("abcxyz", min_size=1, max_size=5)
PAIRS = [(0, 1), (1, 0), (0, 2), (2, 0)]  # laptops talk to the municipality only


class ThreeInstallations(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="hubdesk-sm-"))
        self.net = Network(self.folder)
        muni = self.net.install("Kumanovo", "municipality", "MK")
        one = self.net.install("Laptop one", "field", "MK")
        two = self.net.install("Laptop two", "field", "MK")
        self.net.introduce(one, muni)
        self.net.introduce(two, muni)
        self.sites: list[ServiceContext] = [muni, one, two]
        self.teams: list[str] = []
        self.pending: list[tuple[Path, int]] = []
        self.written: set[tuple[str, int]] = set()
        self.bases: set[tuple[str, int]] = set()

    def _remember(self, site: ServiceContext, team_id: str) -> None:
        with site.read() as session:
            row = session.get(Team, team_id)
            assert row is not None
            self.written.add((team_id, row.version))
            if row.base_version is not None:
                self.bases.add((team_id, row.base_version))

    def _live(self, site: ServiceContext) -> list[str]:
        return sorted(t.id for t in team.list_teams(site))

    @rule(site=st.integers(0, 2), name=NAMES)
    def create(self, site: int, name: str) -> None:
        created = team.create_team(self.sites[site], {"name": name, "kind": "cat"})
        self.teams.append(created.id)
        self._remember(self.sites[site], created.id)

    @precondition(lambda self: self.teams)
    @rule(site=st.integers(0, 2), pick=st.integers(0, 50), name=NAMES)
    def edit(self, site: int, pick: int, name: str) -> None:
        live = self._live(self.sites[site])
        if live:
            team_id = live[pick % len(live)]
            team.update_team(self.sites[site], team_id, {"name": name})
            self._remember(self.sites[site], team_id)

    @precondition(lambda self: self.teams)
    @rule(site=st.integers(0, 2), pick=st.integers(0, 50))
    def delete(self, site: int, pick: int) -> None:
        live = self._live(self.sites[site])
        if live:
            team_id = live[pick % len(live)]
            team.delete_team(self.sites[site], team_id)
            self._remember(self.sites[site], team_id)

    @rule(pair=st.sampled_from(PAIRS), full=st.booleans())
    def export(self, pair: tuple[int, int], full: bool) -> None:
        source, target = pair
        sent = self.net.send(self.sites[source], self.sites[target], full=full)
        self.pending.append((sent.path, target))

    @precondition(lambda self: self.pending)
    @rule(pick=st.integers(0, 50), keep=st.booleans())
    def deliver(self, pick: int, keep: bool) -> None:
        path, target = self.pending[pick % len(self.pending)]
        if not keep:
            self.pending.remove((path, target))
        try:
            import_bundle(self.sites[target], path)
        except SyncError as exc:
            assert exc.reason in ("older", "replayed"), exc.message

    @invariant()
    def every_site_is_consistent(self) -> None:
        for site in self.sites:
            with site.read() as session:
                assert all(t.version > 0 for t in session.scalars(select(Team)))

    def teardown(self) -> None:
        try:
            for _round in range(3):
                for source, target in PAIRS:
                    self.net.deliver(self.sites[source], self.sites[target])
            rows = [table_rows(site.db, "teams") for site in self.sites]
            assert rows[0] == rows[1] == rows[2]
            current = {(r_id, version) for r_id, version in self._current(self.sites[0])}
            logged: set[tuple[str, int]] = set()
            for site in self.sites:
                with site.read() as session:
                    logged |= {
                        (c.record_id, c.loser_version) for c in session.scalars(select(Conflict))
                    }
            lost = self.written - current - logged - self.bases
            assert not lost, f"versions lost: {lost}"
        finally:
            self.net.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def _current(site: ServiceContext) -> list[tuple[Any, ...]]:
        with site.read() as session:
            return [tuple(r) for r in session.execute(select(Team.id, Team.version))]


TestThreeInstallations = ThreeInstallations.TestCase
TestThreeInstallations.settings = settings(
    max_examples=10,
    stateful_step_count=30,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
