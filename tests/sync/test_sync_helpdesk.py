"""What of the help desk and the engagements travels where: the question and the city's
follow-ups go to the hub, the hub's answers come back (and on to the field laptop), and neither
side sends the other's words back to it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sync_helpers import Network, real_parts

from hubdesk import clock
from hubdesk.domain import hlc
from hubdesk.domain.helpdesk import RequestState
from hubdesk.services import engagements, helpdesk
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle


def carried(sender: ServiceContext, recipient: ServiceContext, table: str) -> list[dict[str, Any]]:
    """The rows of ``table`` a full bundle from ``sender`` to ``recipient`` would carry."""
    parts = real_parts(sender, recipient)
    entry = bundle.records_entry(table)
    if entry not in parts:
        return []
    data = json.loads(parts[entry])
    return [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]


def test_each_side_sends_only_its_own_words(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    engagements.create_engagement(
        muni,
        {"counterpart": "Ministry", "level": "national", "kind": "meeting",
         "engaged_on": clock.today()},
    )  # fmt: skip
    request = helpdesk.ask(
        muni, {"topic": "team", "urgency": "low", "subject": "Quorum", "question": "How many?"}
    )
    assert [r["subject"] for r in carried(muni, hub, "helpdesk_requests")] == ["Quorum"]
    assert len(carried(muni, hub, "engagements")) == 1
    net.deliver(muni, hub)
    helpdesk.answer(hub, request.id, "Half the members and one.")
    # The hub sends its answer, never the city's question or engagements back.
    assert carried(hub, muni, "helpdesk_requests") == []
    assert carried(hub, muni, "engagements") == []
    answers = carried(hub, muni, "helpdesk_messages")
    assert [(m["author_role"], m["body"]) for m in answers] == [
        ("hub", "Half the members and one.")
    ]
    net.deliver(hub, muni)
    helpdesk.follow_up(muni, request.id, "Counting the chair?")
    # The city sends its follow-up; the hub's answer stays where it was written.
    assert [m["author_role"] for m in carried(muni, hub, "helpdesk_messages")] == ["municipality"]
    # Its laptop gets everything, the hub's signed answer included.
    net.deliver(muni, field)
    said = [(m.author_role, m.body) for m in helpdesk.get_request(field, request.id)[1]]
    assert said == [("hub", "Half the members and one."), ("municipality", "Counting the chair?")]
    assert len(engagements.list_engagements(field)) == 1


def test_a_follow_up_comes_after_the_answer_it_replies_to_whatever_the_clocks(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    field: ServiceContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kumanovo's PC runs two hours slow: its follow-up is stamped before the hub's answer by
    its own clock, yet it replies to that answer, so every PC shows it after the answer (and the
    hub sees the city waiting again)."""
    request = helpdesk.ask(
        muni, {"topic": "team", "urgency": "low", "subject": "Quorum", "question": "How many?"}
    )
    net.deliver(muni, hub)
    helpdesk.answer(hub, request.id, "Half the members and one.")
    net.deliver(hub, muni)
    slow = dt.timedelta(hours=2)
    monkeypatch.setattr(helpdesk, "utcnow", lambda: dt.datetime.now(dt.UTC) - slow)
    monkeypatch.setattr(muni.clock, "wall", lambda: hlc.wall_ms() - 7_200_000)
    helpdesk.follow_up(muni, request.id, "Counting the chair?")
    monkeypatch.undo()
    net.deliver(muni, hub)
    net.deliver(muni, field)
    for pc in (muni, hub, field):
        view, said = helpdesk.get_request(pc, request.id)
        assert [m.body for m in said] == ["Half the members and one.", "Counting the chair?"]
        assert said[0].written_at > said[1].written_at  # each shown at the time its PC gave it
        assert view.state is not RequestState.ANSWERED  # the city waits for the hub again
    assert helpdesk.list_requests(hub)[0].waiting_since is not None
