"""National-local cooperation and the Help Desk by bundle files only (issue 14, section 4).

Kumanovo records an engagement with a ministry and asks the hub two questions, one of them asked
three weeks ago and so overdue at home; the hub counts its time from the day the question
reached it, so there it is waiting, first in the queue by its due day; the hub answers; the
answer reaches Kumanovo and, relayed, its field laptop, signed by the hub; the state is
"answered" on every side. Kumanovo follows up (waiting again), the hub answers again, Kumanovo
closes the request. Then the forgeries: a municipality cannot write the hub's answer, the hub
cannot change a city's question.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sync_helpers import Network, dump
from test_sync_forgery import cell, empty, forge, set_cells

from hubdesk import clock
from hubdesk.domain import HelpdeskMessage, HelpdeskRequest
from hubdesk.services import engagements, helpdesk
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.sync import authority, keys, scope
from hubdesk.sync.codec import CODECS, decode_record
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle

TODAY = clock.today()
DAY = dt.timedelta(days=1)


def states(ctx: ServiceContext) -> dict[str, str]:
    return {v.subject: v.state.value for v in helpdesk.list_requests(ctx)}


def said(ctx: ServiceContext, request_id: str) -> list[tuple[str, str]]:
    return [(m.author_role, m.body) for m in helpdesk.get_request(ctx, request_id)[1]]


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop}


def test_a_question_is_asked_answered_followed_up_and_closed_by_files(
    world: dict[str, Any],
) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]

    # 1. Kumanovo records an engagement and asks two questions; the older is overdue already.
    engagements.create_engagement(
        muni,
        {"counterpart": "Ministry of Education", "level": "national", "kind": "consultation",
         "engaged_on": TODAY - 12 * DAY, "pillars": ["cooperation"], "themes": ["hate_speech"],
         "raised": "School psychologists in every secondary school",
         "follow_up_on": TODAY + 5 * DAY},
    )  # fmt: skip
    late = helpdesk.ask(
        muni,
        {"topic": "fund", "urgency": "normal", "subject": "Co-funding in kind",
         "question": "May the municipality count the hall it lends as co-funding?",
         "asked_on": TODAY - 21 * DAY, "asked_by": "Ana Petrovska"},
    )  # fmt: skip
    helpdesk.ask(
        muni,
        {"topic": "methodology", "urgency": "low", "subject": "Referral protocol",
         "question": "Do you have a model referral protocol for schools?"},
    )  # fmt: skip
    assert states(muni) == {"Co-funding in kind": "overdue", "Referral protocol": "open"}

    # 2. The questions and the engagement reach the hub today: its response time starts now
    # (the hub could not know of a question before it arrived), the earlier due day first.
    arrived = net.deliver(muni, hub)
    assert arrived.areas["helpdesk_requests"].created == 2
    queue = helpdesk.list_requests(hub)
    assert [(v.subject, v.state.value, v.municipality) for v in queue] == [
        ("Co-funding in kind", "open", "Kumanovo"),
        ("Referral protocol", "open", "Kumanovo"),
    ]
    assert engagements.per_municipality(hub) == [("Kumanovo", 1)]
    at_hub = engagements.list_engagements(hub)[0]
    assert (at_hub.counterpart, at_hub.themes) == ("Ministry of Education", ["hate_speech"])

    # 3. The hub answers; on the hub the request is answered at once.
    helpdesk.answer(hub, late.id, "Yes, at the hall's usual rent; attach the price list.", "Maja")
    assert states(hub)["Co-funding in kind"] == "answered"
    assert states(muni)["Co-funding in kind"] == "overdue"  # nothing has travelled yet

    # 4. The answer reaches Kumanovo, signed by the hub, and its laptop through Kumanovo.
    net.deliver(hub, muni)
    assert states(muni)["Co-funding in kind"] == "answered"
    assert said(muni, late.id) == [("hub", "Yes, at the hall's usual rent; attach the price list.")]
    with muni.read() as session:
        assert all(m.hub_signature for m in session.query(HelpdeskMessage))
    net.deliver(muni, laptop)
    assert states(laptop) == {"Co-funding in kind": "answered", "Referral protocol": "open"}
    assert said(laptop, late.id) == said(muni, late.id)

    # 5. Kumanovo follows up: waiting again (on time, from today); the hub answers again.
    helpdesk.follow_up(muni, late.id, "Does the cleaning count too?", "Ana Petrovska")
    assert states(muni)["Co-funding in kind"] == "open"
    net.deliver(muni, hub)
    assert states(hub)["Co-funding in kind"] == "open"
    helpdesk.answer(hub, late.id, "Yes, if it is on the same invoice.")
    net.deliver(hub, muni)
    assert [role for role, _ in said(muni, late.id)] == ["hub", "municipality", "hub"]

    # 6. Kumanovo is satisfied and closes it; the hub sees it closed and can no longer answer.
    helpdesk.close(muni, late.id)
    net.deliver(muni, hub)
    assert states(hub)["Co-funding in kind"] == "closed"
    times = helpdesk.response_times(hub)
    assert (times[-1].requests, times[-1].answered, times[-1].on_time) == (2, 1, 1)
    # answered today, 21 days after the day typed as asked but the day it reached the hub, from
    # which the hub's time counts (the next day, if the run crossed midnight: answers and
    # arrivals are stamped by the real clock, the test's day is pinned)
    view = helpdesk.get_request(hub, late.id)[0]
    assert view.first_answer_on in (TODAY, TODAY + DAY)
    assert view.asked_on == TODAY - 21 * DAY and view.reached_hub in (TODAY, TODAY + DAY)
    assert view.counted_from == view.reached_hub
    assert view.first_answer_on is not None
    assert times[-1].median_days == (view.first_answer_on - view.reached_hub).days


# --- forgeries ---------------------------------------------------------------------------------


@pytest.fixture
def answered(world: dict[str, Any]) -> dict[str, Any]:
    """A question of Kumanovo answered by the hub, held by all three installations, and news
    on each side to send."""
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    request = helpdesk.ask(
        muni, {"topic": "policy", "urgency": "urgent", "subject": "Mandate of the council",
               "question": "Can the council meet without the mayor?"}
    )  # fmt: skip
    net.deliver(muni, hub)
    helpdesk.answer(hub, request.id, "Yes, the statute allows it.")
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    helpdesk.follow_up(muni, request.id, "Thank you.")
    helpdesk.follow_up(laptop, request.id, "Noted in the field.")
    return {**world, "request": request.id}


@pytest.mark.parametrize("route", ["municipality_to_hub", "laptop_to_municipality"])
def test_a_municipality_cannot_write_the_hubs_answer(answered: dict[str, Any], route: str) -> None:
    net, hub = answered["net"], answered["hub"]
    sides = {"municipality": answered["muni"], "laptop": answered["laptop"], "hub": hub}
    sender, receiver = (sides[s] for s in route.split("_to_"))

    def change(tables: dict[str, Any]) -> None:
        data = tables["helpdesk_messages"]
        own = next(
            i for i in range(len(data["rows"]))
            if cell(data, "updated_by", i) == sender.installation_id
        )  # fmt: skip
        set_cells(data, own, author_role="hub", body="The hub agrees to pay for everything.")

    path = forge(net, sender, receiver, change)
    before = dump(receiver.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(receiver, path)
    assert caught.value.reason in {"forged_author", "out_of_scope"}, caught.value.message
    assert "only the hub answers help desk requests" in caught.value.message
    assert dump(receiver.db) == before


def test_the_hub_cannot_change_a_citys_question(answered: dict[str, Any]) -> None:
    net, muni, hub = answered["net"], answered["muni"], answered["hub"]
    with hub.read() as session:
        held = session.get(HelpdeskRequest, answered["request"])
        assert held is not None
    forged_question = "Can the council be dissolved by the hub?"

    def change(tables: dict[str, Any]) -> None:
        data = tables.setdefault("helpdesk_requests", empty("helpdesk_requests"))
        values = {c: getattr(held, c, None) for c in CODECS["helpdesk_requests"].columns}
        values.update(question=forged_question, version=cell(tables["helpdesk_messages"],
                      "version"), updated_by=hub.installation_id)  # fmt: skip
        row = [_plain(values[c]) for c in CODECS["helpdesk_requests"].columns] + [[], []]
        data["rows"].append(row)

    path = forge(net, hub, muni, change)
    before = dump(muni.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(muni, path)
    assert caught.value.reason in {"forged_author", "out_of_scope"}, caught.value.message
    assert scope.NOT_HUB_WRITTEN in caught.value.message
    assert dump(muni.db) == before
    with pytest.raises(PermissionDenied):
        helpdesk.follow_up(hub, answered["request"], "Edited by the hub")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ",".join(value)
    return value


def test_the_hub_cannot_turn_a_citys_follow_up_into_its_answer(answered: dict[str, Any]) -> None:
    net, muni, hub = answered["net"], answered["muni"], answered["hub"]
    net.deliver(muni, hub)  # the hub now holds Kumanovo's follow-ups
    with hub.read() as session:
        follow_up = (
            session.query(HelpdeskMessage)
            .filter(HelpdeskMessage.author_role == "municipality")
            .first()
        )
        assert follow_up is not None
    helpdesk.answer(hub, answered["request"], "Any time.")  # something genuine to send

    def change(tables: dict[str, Any]) -> None:
        data = tables["helpdesk_messages"]
        row = list(data["rows"][0])
        columns = data["columns"]
        row[columns.index("id")] = follow_up.id
        row[columns.index("origin")] = follow_up.origin
        row[columns.index("body")] = "We withdraw the question."
        data["rows"].append(row)

    def resigned(tables: dict[str, Any]) -> None:
        change(tables)
        data = tables["helpdesk_messages"]
        values = dict(zip(data["columns"], data["rows"][-1], strict=True))
        assert hub.data_dir is not None
        own = keys.load_keys(hub.data_dir)
        row = decode_record("helpdesk_messages", values)
        signature = authority.sign_row(own, "helpdesk_messages", row)  # the hub's own key
        data["rows"][-1][data["columns"].index("hub_signature")] = signature

    path = forge(net, hub, muni, resigned)
    before = dump(muni.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(muni, path)
    assert follow_up.id in caught.value.message  # the held row is the city's, whatever it says
    assert scope.NOT_HUB_WRITTEN in caught.value.message
    assert dump(muni.db) == before
