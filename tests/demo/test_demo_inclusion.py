"""The demo's community activities, themes and inclusion counts: realistic, in the city's own
language, and accepted by the rule books as if typed in the forms; and the demo hub holds all
three cities' activities."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from demo_support import Demo
from hub_demo_copy import hub_demo
from sqlalchemy import select

from hubdesk.domain import CommunityActivity, FundProposal, Meeting, Municipality, YouthActivity
from hubdesk.domain.pillars import INCLUSION_COLUMNS
from hubdesk.i18n.scripts import script_of
from hubdesk.services import community, stats, youth
from hubdesk.services.installation import load_context
from hubdesk.services.rules import check


def fields(record: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def test_community_activities_are_realistic_and_keep_the_rules(demo: Demo) -> None:
    ctx = demo.context()
    with ctx.read() as session:
        activities = list(session.scalars(select(CommunityActivity)))
        themed = {
            model.__tablename__: sum(bool(r.themes) for r in session.scalars(select(model)))
            for model in (Meeting, YouthActivity, FundProposal)
        }
        youth_rows = list(session.scalars(select(YouthActivity)))
    assert 14 <= len(activities) <= 22
    assert stats.table_counts(ctx)["community_activities"] == len(activities)
    assert {a.audiences[0] for a in activities} >= {"women_groups", "parents"}
    assert all(script_of(a.title) == "Cyrl" for a in activities)  # Kumanovo writes Macedonian
    for a in activities:
        values = fields(a, community.ACTIVITY_FIELDS)
        assert check("community_activities", values) == [], a.title
        assert a.n_female + a.n_male + a.n_other == a.participants_total
    # Saving one again through the service changes nothing: the form would accept it.
    before = activities[0].version
    community.update_activity(
        ctx, activities[0].id, fields(activities[0], community.ACTIVITY_FIELDS)
    )
    assert community.get_activity(ctx, activities[0].id).version == before
    assert all(n > 0 for n in themed.values()), themed
    for a in youth_rows:
        assert all(0 <= getattr(a, c) <= a.participants_total for c in INCLUSION_COLUMNS)
        assert check("youth_activities", fields(a, youth.ACTIVITY_FIELDS)) == []
    assert sum(a.inc_roma for a in youth_rows) > 0


def test_the_demo_hub_holds_every_citys_activities_in_its_language(tmp_path: Path) -> None:
    folder = tmp_path / "hub"
    db = hub_demo(folder, today=dt.date(2025, 6, 1))
    try:
        hub = load_context(db, folder)
        with hub.read() as session:
            names = {m.id: m.country for m in session.scalars(select(Municipality))}
            titles = {
                names[a.municipality_id]: a.title
                for a in session.scalars(select(CommunityActivity))
            }
        assert set(titles) == {"MK", "AL", "RS"}
        assert script_of(titles["MK"]) == "Cyrl"
        assert script_of(titles["AL"]) == "Latn" and script_of(titles["RS"]) == "Latn"
        assert community.count_activities(hub, community.CommunityFilter(theme="hate_speech")) > 0
    finally:
        db.close()
