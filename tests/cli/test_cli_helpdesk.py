"""``hubdesk engagements`` and ``hubdesk helpdesk`` on a municipality and on the demo hub."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hub_demo_copy import hub_demo

Run = Callable[..., Any]


def test_a_municipality_records_engagements_and_asks(hubdesk: Run, kumanovo: object) -> None:
    added = hubdesk(
        "engagements", "add", "--counterpart", "Ministry of Education", "--level", "national",
        "--kind", "consultation", "--date", "2026-01-15", "--follow-up", "2026-02-01",
        "--pillar", "cooperation", "--theme", "hate_speech",
    )  # fmt: skip
    assert added.code == 0, added.err
    listed = json.loads(hubdesk("engagements", "list", "--json").out)
    assert [(e["counterpart"], e["themes"], e["follow_up_on"]) for e in listed] == [
        ("Ministry of Education", ["hate_speech"], "2026-02-01")
    ]
    assert len(json.loads(hubdesk("engagements", "list", "--due", "--json").out)) == 1
    assert hubdesk("engagements", "done", "--id", listed[0]["id"]).code == 0
    assert json.loads(hubdesk("engagements", "list", "--due", "--json").out) == []
    again = hubdesk("engagements", "done", "--id", listed[0]["id"]).one_line_error()
    assert "already marked as done" in again
    none = hubdesk(
        "engagements", "add", "--counterpart", "Red Cross", "--level", "local",
        "--kind", "meeting", "--date", "2026-01-20",
    )  # fmt: skip
    assert none.code == 0, none.err
    plain = [e for e in json.loads(hubdesk("engagements", "list", "--json").out)
             if e["counterpart"] == "Red Cross"]  # fmt: skip
    nothing = hubdesk("engagements", "done", "--id", plain[0]["id"]).one_line_error()
    assert "no follow-up to mark" in nothing
    assert [e["follow_up_done"] for e in plain] == [False]
    bad = hubdesk(
        "engagements", "add", "--counterpart", "X", "--level", "national", "--kind", "meeting",
        "--date", "2026-03-01", "--follow-up", "2026-02-01",
    ).one_line_error()  # fmt: skip
    assert "follow-up cannot be before" in bad

    asked = hubdesk(
        "helpdesk", "ask", "--topic", "policy", "--urgency", "urgent", "--subject", "Statute",
        "--question", "Can the council meet without the mayor?", "--name", "Ana",
    )  # fmt: skip
    assert asked.code == 0 and "next bundle" in asked.out, asked.err
    requests = json.loads(hubdesk("helpdesk", "list", "--json").out)
    assert [(r["subject"], r["state"], r["asked_by"]) for r in requests] == [
        ("Statute", "open", "Ana")
    ]
    short = requests[0]["id"][:8]
    refused = hubdesk("helpdesk", "answer", "--id", short, "--text", "Yes").one_line_error()
    assert "Only the hub answers" in refused
    assert hubdesk("helpdesk", "follow-up", "--id", short, "--text", "It is urgent").code == 0
    shown = json.loads(hubdesk("helpdesk", "show", "--id", short, "--json").out)
    assert [m["body"] for m in shown["messages"]] == ["It is urgent"]
    assert hubdesk("helpdesk", "close", "--id", short).code == 0
    assert json.loads(hubdesk("helpdesk", "list", "--state", "closed", "--json").out)
    assert (
        "No single help desk request"
        in hubdesk("helpdesk", "close", "--id", "nonexistent").one_line_error()
    )
    stats = json.loads(hubdesk("stats", "--json").out)
    assert (stats["engagements"], stats["helpdesk_requests"]) == (2, 1)  # none for the refusal


def test_the_hub_answers_the_oldest_overdue_first(
    hubdesk: Run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBDESK_LANG", "en")
    hub_demo(folder).close()  # as `hubdesk demo --role hub` makes it
    overdue = json.loads(hubdesk("helpdesk", "list", "--state", "overdue", "--json").out)
    assert len(overdue) == 3 and {r["municipality"] for r in overdue} == {
        "Куманово", "Elbasan", "Нови Пазар"
    }  # fmt: skip
    # as typed in the JSON; in the language's script where a person reads them
    listed = hubdesk("helpdesk", "list", "--state", "overdue").out
    assert "Kumanovo" in listed and "Novi Pazar" in listed and "Куманово" not in listed
    shown = hubdesk("helpdesk", "show", "--id", overdue[0]["id"]).out
    assert "Куманово" not in shown and "Нови Пазар" not in shown
    everything = json.loads(hubdesk("helpdesk", "list", "--json").out)
    assert [r["state"] for r in everything[:3]] == ["overdue"] * 3
    assert {r["state"] for r in everything} == {"overdue", "open", "answered", "closed"}
    first = overdue[0]["id"]
    answered = hubdesk("helpdesk", "answer", "--id", first, "--text", "See the annex.")
    assert answered.code == 0, answered.err
    assert len(json.loads(hubdesk("helpdesk", "list", "--state", "overdue", "--json").out)) == 2
    asked = hubdesk(
        "helpdesk", "ask", "--topic", "fund", "--subject", "S", "--question", "Q"
    ).one_line_error()  # fmt: skip
    assert "municipality" in asked
    stats = json.loads(hubdesk("stats", "--json").out)
    assert (stats["engagements"], stats["helpdesk_requests"]) == (12, 15)


def test_the_hubs_lists_say_whose_each_record_is(
    hubdesk: Run, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hub lists every city's engagements and community activities, but its lines named no
    city: the three cities' visits of the OSCE read as three of one. Each line now names its
    municipality in the language's script, as the window's column and the help desk list do."""
    monkeypatch.setenv("HUBDESK_LANG", "en")
    hub_demo(folder).close()
    for command in ("engagements", "community"):
        lines = hubdesk(command, "list").out.splitlines()
        whose = {line.split("  ")[1] for line in lines}
        assert whose == {"Elbasan", "Kumanovo", "Novi Pazar"}, command


def test_a_name_too_long_is_refused_by_its_option(hubdesk: Run, kumanovo: object) -> None:
    """ "At most 120 characters (now 300)." alone left the person guessing which of the
    question's texts was too long: the refusal names the option typed, --name."""
    long_name = "N" * 300
    asked = hubdesk(
        "helpdesk", "ask", "--topic", "policy", "--subject", "Statute", "--question", "Q?",
        "--name", long_name,
    ).one_line_error()  # fmt: skip
    assert asked.endswith("--name: At most 120 characters (now 300).")
    ok = hubdesk("helpdesk", "ask", "--topic", "policy", "--subject", "S", "--question", "Q?")
    assert ok.code == 0, ok.err
    short = json.loads(hubdesk("helpdesk", "list", "--json").out)[0]["id"][:8]
    again = hubdesk(
        "helpdesk", "follow-up", "--id", short, "--text", "More", "--name", long_name
    ).one_line_error()  # fmt: skip
    assert again.endswith("--name: At most 120 characters (now 300).")
    assert json.loads(hubdesk("helpdesk", "show", "--id", short, "--json").out)["messages"] == []
