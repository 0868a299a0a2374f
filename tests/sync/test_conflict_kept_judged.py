""" "Keep the other version" is judged as an import judges a version that wins.

A losing version is logged unjudged; kept, it becomes the office's own edit, and the hub
refuses every later bundle of the office for one that rewrites a help desk question, opens a
closed request again, rewrites a message or changes the municipality's country under its
records. A field laptop's versions that lost at the office must not get there that way.
"""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import Network, dump
from test_helpdesk_import import QUESTION, tamper
from test_sync_forgery import empty, forge

from hubdesk.domain import HelpdeskMessage, HelpdeskRequest, Municipality
from hubdesk.services import helpdesk, team
from hubdesk.services.context import ServiceContext
from hubdesk.sync import conflicts
from hubdesk.sync.codec import CODECS
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle


@pytest.fixture
def asked(net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext) -> Any:
    request = helpdesk.ask(muni, QUESTION)
    said = helpdesk.follow_up(muni, request.id, "Counting the chair?")
    net.deliver(muni, hub)
    helpdesk.answer(hub, request.id, "Half the members and one.")
    net.deliver(hub, muni)
    net.deliver(muni, field)
    return request.id, said.id


def lost_at_the_office(
    net: Network, muni: ServiceContext, field: ServiceContext, model: Any, record_id: str,
    values: dict[str, Any], then: Any,
) -> conflicts.ConflictView:  # fmt: skip
    """The laptop writes ``values`` behind its window's back; the office then writes its own
    change (``then``), so the laptop's version loses at the office and is logged."""
    tamper(field, model, record_id, values)
    then()
    net.deliver(field, muni)
    (lost,) = [c for c in conflicts.list_conflicts(muni) if c.record_id == record_id]
    return lost


def refused_to_keep(muni: ServiceContext, conflict_id: int, *words: str) -> None:
    before = dump(muni.db)
    with pytest.raises(SyncError) as caught:
        conflicts.keep_other(muni, conflict_id)
    assert caught.value.reason == "not_kept"
    assert all(w in caught.value.message for w in ("cannot be kept", *words)), caught.value.message
    assert dump(muni.db) == before


def test_a_reopened_question_is_not_kept(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext, asked: Any
) -> None:
    request_id, _said = asked
    lost = lost_at_the_office(
        net, muni, field, HelpdeskRequest, request_id,
        {"urgency": "urgent", "question": "Something else"},
        lambda: helpdesk.close(muni, request_id),
    )  # fmt: skip
    refused_to_keep(muni, lost.id, "a new question is a new request")
    net.deliver(muni, hub)  # the office still reaches its hub
    assert helpdesk.get_request(hub, request_id)[0].state == "closed"


def test_a_rewritten_message_is_not_kept(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext, asked: Any
) -> None:
    """No window changes a message, so the laptop's rewrite loses only under an older stamp,
    as a forger writes it (a newer one wins and is refused by the office's import)."""
    _request_id, said_id = asked
    with field.read() as session:
        held = session.get(HelpdeskMessage, said_id)
        assert held is not None
        values = {name: getattr(held, name) for name in CODECS["helpdesk_messages"].columns}
    values.update(body="I never asked that.", version=values["version"] - 5, base_version=None)
    values["updated_by"] = field.installation_id

    def change(tables: dict[str, Any]) -> None:
        data = tables.setdefault("helpdesk_messages", empty("helpdesk_messages"))
        codec = CODECS["helpdesk_messages"]
        data["rows"].append([*codec.encode_row([values[c] for c in codec.columns]), [], []])

    import_bundle(muni, forge(net, field, muni, change))
    (lost,) = [c for c in conflicts.list_conflicts(muni) if c.record_id == said_id]
    refused_to_keep(muni, lost.id, "written once")
    net.deliver(muni, hub)


def test_a_country_changed_under_records_is_not_kept(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    team.create_team(muni, {"name": "CAT", "kind": "cat"})
    net.deliver(muni, field)
    town = muni.municipality_id or ""

    def rename() -> None:
        with muni.transaction() as session:
            from hubdesk.services import records

            row = session.get(Municipality, town)
            assert row is not None
            records.change(session, muni, row, {"name": "Kumanovo (office)"})

    lost = lost_at_the_office(
        net, muni, field, Municipality, town, {"country": "AL", "currency": "ALL"}, rename
    )
    refused_to_keep(muni, lost.id, "the country cannot change once records exist")
    net.deliver(muni, hub)
