"""``hubdesk periods`` on a municipality and on the demo hub."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hub_demo_copy import hub_demo

from hubdesk import clock
from hubdesk.domain.periods import Quarter
from hubdesk.services import meetings, team
from hubdesk.services.installation import load_context
from hubdesk.storage.open import open_database

Run = Callable[..., Any]


def add_meeting(folder: Path, day: dt.date) -> None:
    db = open_database(folder)
    try:
        ctx = load_context(db, folder)
        cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"})
        starts = dt.datetime.combine(day, dt.time(9), dt.UTC)
        meetings.create_meeting(ctx, {"team_id": cat.id, "starts_at": starts, "kind": "regular"})
    finally:
        db.close()


def test_a_municipality_submits_and_reopens(hubdesk: Run, kumanovo: object, folder: Path) -> None:
    last = Quarter.of(clock.today()).previous()
    add_meeting(folder, last.first_day + dt.timedelta(days=3))
    listed = json.loads(hubdesk("periods", "list", "--json").out)
    assert listed[0]["quarter"] == str(last) and listed[0]["state"] == "due"
    result = hubdesk("periods", "submit", "--quarter", str(last).lower())
    assert result.code == 0 and str(last) in result.out, result.err
    assert json.loads(hubdesk("stats", "--json").out)["period_submissions"] == 1
    again = hubdesk("periods", "submit", "--quarter", str(last)).one_line_error()
    assert "already submitted" in again
    assert hubdesk("periods", "reopen", "--quarter", str(last)).code == 2  # --comment required
    error = hubdesk("periods", "accept", "--quarter", str(last), "--municipality", "Kumanovo")
    assert "Only the regional hub" in error.one_line_error()
    ok = hubdesk("periods", "reopen", "--quarter", str(last), "--comment", "A meeting is missing")
    assert ok.code == 0, ok.err
    text = hubdesk("periods", "list").out
    assert "reopened" in text and "A meeting is missing" in text
    bad = hubdesk("periods", "submit", "--quarter", "last-quarter").one_line_error()
    assert "2026-Q3" in bad  # the example of how to write one


def test_the_hub_accepts_and_returns(hubdesk: Run, folder: Path) -> None:
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    towns = json.loads(hubdesk("periods", "list", "--json").out)
    states = {t["name"]: {q["quarter"]: q["state"] for q in t["quarters"]} for t in towns}
    assert {"due", "submitted", "accepted", "returned", "reopened"} <= {
        s for quarters in states.values() for s in quarters.values()
    }
    waiting = next(q for q, s in states["Куманово"].items() if s == "submitted")
    returned = hubdesk(
        "periods", "return", "--quarter", waiting, "--municipality", "Куманово",
        "--comment", "Attendance is missing",
    )  # fmt: skip
    assert returned.code == 0 and "returned" in returned.out, returned.err
    refused = hubdesk("periods", "accept", "--quarter", waiting, "--municipality", "Куманово")
    assert "Only a submitted quarter" in refused.one_line_error()
    other = next(q for q, s in states["Нови Пазар"].items() if s == "submitted")
    accepted = hubdesk("periods", "accept", "--quarter", other, "--municipality", "нови пазар")
    assert accepted.code == 0, accepted.err
    one = json.loads(hubdesk("periods", "list", "--municipality", "Нови Пазар", "--json").out)
    assert [t["name"] for t in one] == ["Нови Пазар"]
    assert {q["quarter"]: q["state"] for q in one[0]["quarters"]}[other] == "accepted"
    unknown = hubdesk("periods", "list", "--municipality", "Atlantis").one_line_error()
    assert unknown.startswith("hubdesk: --municipality: No municipality here is named 'Atlantis'")
    assert "Kumanovo" in unknown  # the names there are (in the script of the hub's English)


def test_the_hubs_lines_name_each_municipality_in_the_script_of_its_language(
    hubdesk: Run, folder: Path
) -> None:
    """An English hub's list printed "Куманово" and "Нови Пазар" where its window and its
    list of names say "Kumanovo"; an answer echoed the name and quarter as they were typed."""
    hub_demo(folder).close()
    towns = json.loads(hubdesk("periods", "list", "--json").out)
    waiting = {
        t["name"]: next(q["quarter"] for q in t["quarters"] if q["state"] == "submitted")
        for t in towns
        if any(q["state"] == "submitted" for q in t["quarters"])
    }
    heads = [line for line in hubdesk("periods", "list").out.splitlines() if line[:1] != " "]
    assert heads == ["Elbasan", "Kumanovo", "Novi Pazar"]
    typed = " " + waiting["Нови Пазар"].lower()
    accepted = hubdesk("periods", "accept", "--quarter", typed, "--municipality", "нови пазар")
    assert accepted.out.strip() == f"Quarter {waiting['Нови Пазар']} of Novi Pazar accepted.", (
        accepted.err
    )
    again = hubdesk("periods", "accept", "--quarter", typed, "--municipality", "нови пазар")
    assert f"{waiting['Нови Пазар']} of Novi Pazar is 'accepted'" in again.one_line_error()
