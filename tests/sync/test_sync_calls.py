"""Calls and guidance notes travel from the hub to every municipality and on to its field
laptops, signed by the hub; nobody else can write, alter or send them, and nobody sends them
back to the hub."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import test_sync_forgery as forgery
from sync_helpers import Network, seed

from hubdesk import clock
from hubdesk.domain import Call, GuidanceNote
from hubdesk.services import calls, fund
from hubdesk.services.context import ServiceContext
from hubdesk.sync import authority, published
from hubdesk.sync.importer import import_bundle

TODAY = clock.today()
CRITERIA = [{"code": "relevance", "label": "Relevance", "weight": 100}]


def publish(hub: ServiceContext, title: str = "Youth voices") -> str:
    call = calls.create_call(
        hub,
        {
            "title": title,
            "opens_on": TODAY - dt.timedelta(days=5),
            "closes_on": TODAY + dt.timedelta(days=30),
            "ceiling_minor": 5_000_00,
            "pillars": ["youth_engagement"],
            "criteria": CRITERIA,
        },
    )
    calls.publish_call(hub, call.id)
    return call.id


def held(ctx: ServiceContext, model: type[Any]) -> dict[str, Any]:
    with ctx.read() as session:
        return {r.id: r for r in session.query(model)}


@pytest.fixture
def world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    """Kumanovo with its hub and a field laptop; the hub has published one call and one note
    and keeps a draft call; the bundle from the hub reached Kumanovo and then the laptop."""
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    call_id = publish(hub)
    draft = calls.create_call(hub, {"title": "Not yet"}).id
    note = calls.create_note(hub, {"title": "Budget tips", "body": "Count every day."})
    calls.publish_note(hub, note.id, TODAY)
    first = net.deliver(hub, muni)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, "call": call_id,
            "draft": draft, "note": note.id, "first": first}  # fmt: skip


def test_published_records_reach_the_municipality_and_its_laptop(world: dict[str, Any]) -> None:
    muni, laptop, hub = world["muni"], world["laptop"], world["hub"]
    for ctx in (muni, laptop):
        assert set(held(ctx, Call)) == {world["call"]}  # the draft stays at the hub
        assert set(held(ctx, GuidanceNote)) == {world["note"]}
        call = held(ctx, Call)[world["call"]]
        assert call.updated_by == hub.installation_id and call.hub_signature
        assert [c.code for c in calls.parse_criteria(call.criteria)] == ["relevance"]
    assert world["first"].areas["calls"].created == 1
    assert "2 new from the hub" in world["first"].summary()
    assert world["first"].to_json()["new_from_hub"] == 2
    assert published.latest_news(muni) == 2 and published.latest_news(laptop) == 2
    assert published.latest_news(hub) == 0


def test_nothing_published_goes_back_to_the_hub(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    sent = net.send(muni, hub, full=True)
    assert "calls" not in sent.counts and "guidance_notes" not in sent.counts
    back = net.send(laptop, muni, full=True)
    assert "calls" not in back.counts


def test_a_changed_call_travels_again_and_news_counts_only_new(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    calls.update_call(hub, world["call"], {"title": "Youth voices, round two"})
    result = net.deliver(hub, muni)
    assert result.areas["calls"].updated == 1
    assert "new from the hub" not in result.summary()
    assert published.latest_news(muni) == 0
    net.deliver(muni, laptop)
    assert held(laptop, Call)[world["call"]].title == "Youth voices, round two"


def test_the_hub_sees_what_each_municipality_acknowledged(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    before = published.deliveries(hub)
    assert [(d.name, d.published, d.acknowledged) for d in before] == [("Kumanovo", 2, 0)]
    assert published.receipts(hub, "calls", world["call"]) == [("Kumanovo", False)]
    net.deliver(muni, hub)  # its receipt says it imported the hub's bundle
    after = published.deliveries(hub)[0]
    assert (after.acknowledged, after.waiting) == (2, 0)
    assert published.receipts(hub, "calls", world["call"]) == [("Kumanovo", True)]
    assert published.receipts(hub, "calls", world["draft"]) == []
    calls.update_call(hub, world["call"], {"round": "2"})
    assert published.deliveries(hub)[0].acknowledged == 1
    assert published.deliveries(muni) == []


def test_a_laptops_proposal_answering_the_call_reaches_the_hub(world: dict[str, Any]) -> None:
    net, muni, hub, laptop = world["net"], world["muni"], world["hub"], world["laptop"]
    seed(muni)
    proposal = fund.create_proposal(laptop, {"title": "Youth radio", "call_id": world["call"]})
    net.deliver(laptop, muni)
    net.deliver(muni, hub)
    assert fund.get_proposal(hub, proposal.id).call_id == world["call"]


# --- forgeries: each refused whole, the receiver unchanged --------------------------------------


def _sent_call(tables: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = tables["calls"]
    return data


@pytest.mark.parametrize("how", ["altered", "unsigned", "invented", "reopened"])
def test_municipality_relaying_a_forged_call_to_its_laptop_is_refused(
    world: dict[str, Any], how: str
) -> None:
    net, muni, laptop, hub = world["net"], world["muni"], world["laptop"], world["hub"]

    def change(tables: dict[str, Any]) -> None:
        data = _sent_call(tables)
        version = forgery.cell(data, "version") + 1
        if how == "altered":  # the hub's real call, its ceiling raised, signature kept
            forgery.set_cells(data, 0, ceiling_minor=9_000_000_00, version=version)
        elif how == "unsigned":
            forgery.set_cells(data, 0, hub_signature=None, version=version)
        elif how == "reopened":
            forgery.set_cells(data, 0, closes_on="2099-12-31", version=version)
        else:
            forgery.add_row(data, title="Invented call", version=version,
                            origin=hub.installation_id)  # fmt: skip

    forgery.refused(laptop, forgery.forge(net, muni, laptop, change), "forged_author", "signature")


def test_municipality_writing_its_own_call_is_refused_by_its_laptop(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]

    def change(tables: dict[str, Any]) -> None:
        data = _sent_call(tables)
        forgery.add_row(data, title="Our own call", origin=muni.installation_id,
                        updated_by=muni.installation_id, hub_signature=None)  # fmt: skip

    forgery.refused(laptop, forgery.forge(net, muni, laptop, change), "forged_author")


def test_laptop_sending_a_call_to_its_municipality_is_refused(world: dict[str, Any]) -> None:
    net, muni, laptop = world["net"], world["muni"], world["laptop"]
    fund.create_proposal(laptop, {"title": "Something to send"})
    with laptop.read() as session:
        call = session.get(Call, world["call"])
        assert call is not None

    def change(tables: dict[str, Any]) -> None:
        from hubdesk.sync.codec import CODECS, KNOWN, WITHHELD

        codec = CODECS["calls"]
        values = {c: getattr(call, c) for c in codec.columns}
        row = codec.encode_row([values[c] for c in codec.columns])
        tables["calls"] = {"columns": [*codec.columns, KNOWN, WITHHELD], "rows": [[*row, [], []]]}

    forgery.refused(muni, forgery.forge(net, laptop, muni, change), "out_of_scope")


def test_municipality_sending_a_call_to_the_hub_is_refused(world: dict[str, Any]) -> None:
    net, muni, hub = world["net"], world["muni"], world["hub"]
    fund.create_proposal(muni, {"title": "Something to send"})
    with muni.read() as session:
        call = session.get(Call, world["call"])
        assert call is not None

    def change(tables: dict[str, Any]) -> None:
        from hubdesk.sync.codec import CODECS, KNOWN, WITHHELD

        codec = CODECS["calls"]
        values = {c: getattr(call, c) for c in codec.columns}
        values["title"] = "Changed at the municipality"
        row = codec.encode_row([values[c] for c in codec.columns])
        tables["calls"] = {"columns": [*codec.columns, KNOWN, WITHHELD], "rows": [[*row, [], []]]}

    forgery.refused(hub, forgery.forge(net, muni, hub, change), "out_of_scope")


def test_a_signed_call_relayed_unchanged_is_accepted_by_a_late_laptop(
    world: dict[str, Any],
) -> None:
    net, muni = world["net"], world["muni"]
    late = net.install("Second laptop", "field", "MK")
    net.introduce(late, muni)
    result = import_bundle(late, net.send(muni, late).path)
    assert result.areas["calls"].created == 1
    with late.read() as session:
        hub_key = authority.hub_keys(session)[world["hub"].installation_id]
    assert authority.signature_valid(hub_key, "calls", _row(late, world["call"]))


def _row(ctx: ServiceContext, call_id: str) -> dict[str, Any]:
    from sqlalchemy import select

    from hubdesk.sync.codec import MODELS, table_of

    t = table_of(MODELS["calls"])
    with ctx.read() as session:
        return dict(session.execute(select(t).where(t.c.id == call_id)).one()._mapping)


def test_criteria_nested_past_what_python_reads_are_refused_not_a_traceback(
    world: dict[str, Any],
) -> None:
    """A call's criteria are JSON inside a column: arrays nested a thousand deep (2,000
    characters) stopped the value rule itself, so the import ended in a traceback instead of
    naming the call; the rule is judged before whose the row is."""
    net, muni, laptop = world["net"], world["muni"], world["laptop"]

    def change(tables: dict[str, Any]) -> None:
        data = _sent_call(tables)
        version = forgery.cell(data, "version") + 1
        forgery.set_cells(data, 0, criteria="[" * 1000 + "]" * 1000, version=version)

    refusal = forgery.refused(laptop, forgery.forge(net, muni, laptop, change), "invalid_record")
    assert "review criteria are not a valid list" in refusal.message
