"""The demo's peer learning: Kumanovo's own parts and practices, and at the demo hub the three
cities' parts joined into exchanges and two practices published."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from demo_support import Demo
from hub_demo_copy import hub_demo

from hubdesk.domain.peers import PracticeState
from hubdesk.services import exchanges, practices
from hubdesk.services.installation import load_context


def test_the_demo_municipality_has_its_parts_practices_and_the_library(demo: Demo) -> None:
    ctx = demo.context()
    parts = exchanges.list_parts(ctx)
    assert sorted(p.role for p in parts) == ["host", "visitor"]
    states = sorted(r.state.value for r in practices.list_practices(ctx))
    assert states == ["draft", "published"]
    library = practices.list_published(ctx)
    assert len(library) == 2 and {p.municipality_name for p in library} == {"Куманово", "Elbasan"}


def test_the_demo_hub_joins_the_cities_parts(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    db = hub_demo(folder, today=dt.date(2025, 6, 1))
    try:
        hub = load_context(db, folder)
        held = exchanges.list_exchanges(hub)
        assert sorted(len(e.parts) for e in held) == [1, 2, 3]
        visit = next(e for e in held if len(e.parts) == 3)
        assert visit.how == exchanges.AUTO and all(c.confirmed for c in visit.cities)
        alone = next(e for e in held if len(e.parts) == 1)
        assert [c.name for c in alone.unconfirmed_cities()] == ["Elbasan"]
        assert [r.state for r in practices.curation_queue(hub)] == [PracticeState.SUBMITTED]
        assert len(practices.list_published(hub)) == 2
        assert all(r.state is not PracticeState.DRAFT for r in practices.list_practices(hub))
    finally:
        db.close()
