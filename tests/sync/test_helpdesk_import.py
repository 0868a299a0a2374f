"""The hub keeps a help desk request's words at the import as the services keep them.

A dishonest city could otherwise make the hub look slow: raise the urgency of a question after
the hub answered it, date it earlier, open a closed request again, or delete or rewrite what it
wrote. Each of those bundles is refused whole at the hub; closing a request still imports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sync_helpers import Network
from test_sync_forgery import refused

from hubdesk import clock
from hubdesk.domain import HelpdeskMessage, HelpdeskRequest
from hubdesk.services import helpdesk, records
from hubdesk.services.context import ServiceContext

QUESTION = {"topic": "team", "urgency": "low", "subject": "Quorum", "question": "How many?"}


def tamper(ctx: ServiceContext, model: Any, record_id: str, values: dict[str, Any] | None) -> None:
    """What a city's PC could write behind its window's back (None: delete it)."""
    with ctx.transaction() as session:
        row = session.get(model, record_id)
        assert row is not None
        if values is None:
            records.tombstone(session, ctx, row)
        else:
            records.change(session, ctx, row, values)


@pytest.fixture
def answered(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, str]:
    request = helpdesk.ask(muni, QUESTION)
    said = helpdesk.follow_up(muni, request.id, "Counting the chair?")
    net.deliver(muni, hub)
    helpdesk.answer(hub, request.id, "Half the members and one.")
    net.deliver(hub, muni)
    return {"request": request.id, "message": said.id}


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"urgency": "urgent"}, ("changes a question",)),
        ({"asked_on": dt.date(2020, 1, 6)}, ("changes a question",)),
        (None, ("never deleted",)),
    ],
    ids=["urgency", "asked_on", "deleted"],
)
def test_a_city_cannot_rewrite_a_question_the_hub_answered(
    net: Network,
    muni: ServiceContext,
    hub: ServiceContext,
    answered: dict[str, str],
    values: Any,
    words: tuple[str, ...],
) -> None:
    tamper(muni, HelpdeskRequest, answered["request"], values)
    refused(hub, net.send(muni, hub).path, "locked_request", *words)
    assert helpdesk.get_request(hub, answered["request"])[0].state == "answered"


@pytest.mark.parametrize("values", [{"body": "I never asked that."}, None], ids=["body", "gone"])
def test_a_citys_message_is_written_once(
    net: Network, muni: ServiceContext, hub: ServiceContext, answered: dict[str, str], values: Any
) -> None:
    tamper(muni, HelpdeskMessage, answered["message"], values)
    refused(hub, net.send(muni, hub).path, "locked_request", "written once")


@pytest.mark.parametrize("values", [{"body": "We never said that."}, None], ids=["body", "gone"])
def test_the_hubs_answer_is_written_once_too(
    net: Network, muni: ServiceContext, hub: ServiceContext, answered: dict[str, str], values: Any
) -> None:
    """A signed hub rewriting or withdrawing its answer after the city read it (its response
    time, counted from the answer, would change with it): the city refuses it as the hub
    refuses the city's."""
    with hub.read() as session:
        [reply] = [
            m.id
            for m in session.query(HelpdeskMessage).filter_by(request_id=answered["request"])
            if m.author_role == "hub"
        ]
    tamper(hub, HelpdeskMessage, reply, values)
    refused(muni, net.send(hub, muni).path, "locked_request", "written once")


def test_closing_imports_and_reopening_is_refused(
    net: Network, muni: ServiceContext, hub: ServiceContext, answered: dict[str, str]
) -> None:
    helpdesk.close(muni, answered["request"])
    net.deliver(muni, hub)
    assert helpdesk.get_request(hub, answered["request"])[0].state == "closed"
    # Closed on another day too (the office and its laptop both closed it): still a close.
    later = clock.today() + dt.timedelta(days=1)  # by a clock a day ahead: still not ahead
    tamper(muni, HelpdeskRequest, answered["request"], {"closed_on": later})
    net.deliver(muni, hub)
    tamper(muni, HelpdeskRequest, answered["request"], {"closed_on": None})
    refused(hub, net.send(muni, hub).path, "locked_request", "not opened again")
    assert helpdesk.get_request(hub, answered["request"])[0].state == "closed"
