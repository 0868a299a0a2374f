"""Properties of sync, checked by Hypothesis on real installations exchanging real files.

- import(export(A)) into an empty peer reproduces A's shared data;
- importing twice equals importing once;
- two bundles in either order give the same state and the same conflict set.
The three-installation state machine lives in test_sync_convergence.py.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sync_helpers import Network, dump, table_rows

from hubdesk.domain import Conflict, Member
from hubdesk.domain.enums import COUNT_COLUMNS
from hubdesk.services import team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.installation import load_context
from hubdesk.services.validation import folded
from hubdesk.storage.backup import backup_database
from hubdesk.storage.datadir import database_path
from hubdesk.storage.open import open_database
from hubdesk.sync import keys
from hubdesk.sync.codec import TABLE_ORDER
from hubdesk.sync.importer import ALREADY, import_bundle

# Modest: every example builds real installations. No shrinking phase: a failing example is
# reported as found, instead of spending minutes of a 2-core CI machine making it smaller.
PROPERTY = settings(
    max_examples=8,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Control characters are refused in any text (tests/services/test_rules.py has those cases).
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
member = st.fixed_dictionaries(
    {
        "name": text,
        "sector": st.sampled_from(["education", "police", "youth", "health"]),
        "role": st.sampled_from(["member", "chair", "observer"]),
        "gender": st.sampled_from(["female", "male", "other"]),
        "email": st.one_of(
            st.just(""), st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.mk", fullmatch=True)
        ),
        "notes": st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
    }
)
grid = st.lists(st.integers(0, 30), min_size=len(COUNT_COLUMNS), max_size=len(COUNT_COLUMNS))
municipality_data = st.fixed_dictionaries(
    {
        "teams": st.lists(text, min_size=1, max_size=3),
        # One member per person: the services refuse a second with the same name (and here the
        # same empty organisation), case and spacing aside.
        "members": st.lists(member, max_size=6, unique_by=lambda m: folded(m["name"])),
        "grids": st.lists(grid, max_size=3),
        "deleted": st.sets(st.integers(0, 5), max_size=2),
    }
)


class Sandbox:
    """A throwaway network per Hypothesis example (fixtures are per test, not per example)."""

    def __enter__(self) -> Network:
        self.folder = Path(tempfile.mkdtemp(prefix="hubdesk-prop-"))
        self.net = Network(self.folder)
        return self.net

    def __exit__(self, *exc: object) -> None:
        self.net.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def fill(ctx: ServiceContext, data: dict[str, Any]) -> None:
    teams = [team.create_team(ctx, {"name": name, "kind": "cat"}).id for name in data["teams"]]
    members = [
        team.create_member(ctx, {**m, "team_id": teams[i % len(teams)]}).id
        for i, m in enumerate(data["members"])
    ]
    for number, counts in enumerate(data["grids"]):
        values = dict(zip(COUNT_COLUMNS, counts, strict=True))
        youth.create_activity(
            ctx,
            {
                "title": f"Activity {number}",  # one activity per title and day
                "activity_type": "workshop",
                "starts_on": __import__("datetime").date(2024, 5, 1),
                "participants_total": sum(counts),
                "marginalised": sum(counts) // 2,
                **values,
            },
        )
    for index in sorted(data["deleted"]):
        if index < len(members):
            team.delete_member(ctx, members[index])


def shared_rows(ctx: ServiceContext, private: bool) -> dict[str, list[tuple[Any, ...]]]:
    blank = () if private else ("email", "phone", "notes")
    return {name: table_rows(ctx.db, name, blank) for name in TABLE_ORDER}


@PROPERTY
@given(data=municipality_data)
def test_empty_peer_receives_exactly_the_shared_data(data: dict[str, Any]) -> None:
    with Sandbox() as net:
        muni = net.install("Kumanovo", "municipality", "MK")
        field = net.install("Laptop", "field", "MK")
        hub = net.install("Hub", "hub")
        net.introduce(field, muni)
        net.introduce(muni, hub)
        fill(muni, data)
        net.deliver(muni, field)
        net.deliver(muni, hub)
        assert shared_rows(field, private=True) == shared_rows(muni, private=True)
        assert shared_rows(hub, private=False) == shared_rows(muni, private=False)
        with hub.read() as session:
            contacts = session.execute(select(Member.email, Member.phone, Member.notes)).all()
        assert all(row == ("", "", "") for row in contacts)


@PROPERTY
@given(data=municipality_data, edits=st.lists(text, max_size=3))
def test_importing_twice_equals_once(data: dict[str, Any], edits: list[str]) -> None:
    with Sandbox() as net:
        muni = net.install("Kumanovo", "municipality", "MK")
        hub = net.install("Hub", "hub")
        net.introduce(muni, hub)
        fill(muni, data)
        first = net.send(muni, hub)
        import_bundle(hub, first.path)
        for name in edits:
            team.update_team(muni, team.list_teams(muni)[0].id, {"name": name})
        second = net.send(muni, hub)
        import_bundle(hub, second.path)
        once = dump(hub.db)
        assert import_bundle(hub, second.path).status == ALREADY
        same_again = net.send(muni, hub, full=True)  # new file, same content
        result = import_bundle(hub, same_again.path)
        totals = result.totals()
        assert (totals.created, totals.updated, totals.conflicts) == (0, 0, 0)
        assert table_rows(hub.db, "teams") == [r for r in table_rows(hub.db, "teams")]
        assert [line for line in dump(hub.db) if "sync_" not in line and "audit" not in line] == [
            line for line in once if "sync_" not in line and "audit" not in line
        ]


def clone(ctx: ServiceContext, folder: Path) -> ServiceContext:
    """The same installation in a second folder (same id and keys): an "other timeline"."""
    assert ctx.data_dir is not None
    backup_database(ctx.db, database_path(folder))
    shutil.copytree(keys.keys_dir(ctx.data_dir), keys.keys_dir(folder))
    return load_context(open_database(folder), folder)


edit = st.tuples(st.integers(0, 2), st.one_of(text, st.just(None)))  # None: delete


@PROPERTY
@given(names=st.lists(text, min_size=3, max_size=3), left=st.lists(edit, max_size=4),
       right=st.lists(edit, max_size=4))  # fmt: skip
def test_two_bundles_in_either_order_give_the_same_state(
    names: list[str], left: list[tuple[int, str | None]], right: list[tuple[int, str | None]]
) -> None:
    with Sandbox() as net:
        muni = net.install("Kumanovo", "municipality", "MK")
        one = net.install("Laptop one", "field", "MK")
        two = net.install("Laptop two", "field", "MK")
        net.introduce(one, muni)
        net.introduce(two, muni)
        ids = [team.create_team(muni, {"name": n, "kind": "cat"}).id for n in names]
        net.deliver(muni, one)
        net.deliver(muni, two)
        for laptop, edits in ((one, left), (two, right)):
            for index, name in edits:
                live = {t.id for t in team.list_teams(laptop)}
                if ids[index] not in live:
                    continue
                if name is None:
                    team.delete_team(laptop, ids[index])
                else:
                    team.update_team(laptop, ids[index], {"name": name})
        a, b = net.send(one, muni).path, net.send(two, muni).path
        other = clone(muni, net.root / "other-timeline")
        try:
            import_bundle(muni, a)
            import_bundle(muni, b)
            import_bundle(other, b)
            import_bundle(other, a)
            assert table_rows(muni.db, "teams") == table_rows(other.db, "teams")
            assert conflict_set(muni) == conflict_set(other)
        finally:
            other.db.close()


def conflict_set(ctx: ServiceContext) -> set[tuple[Any, ...]]:
    with ctx.read() as session:
        return {
            (c.record_id, c.winner_version, c.winner_installation, c.loser_version,
             c.loser_installation, c.loser_data)
            for c in session.scalars(select(Conflict))
        }  # fmt: skip
