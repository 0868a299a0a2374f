"""Peer learning records in the sync scope, both ways, and the forgeries every receiver refuses.

A city's parts of exchanges and its submitted good practices go to the hub (a draft stays
home); the hub's answers go back to the author city and its laptop; published practices go to
every city and are relayed to laptops; nothing of the hub's join (hub-local) travels. Nobody
but the hub writes an answer or a published practice, and the hub cannot write a city's part.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sync_helpers import Network, dump, real_parts
from test_sync_forgery import add_row, cell, forge, set_cells

from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext
from hubdesk.sync import bundle, scope
from hubdesk.sync.errors import SyncError
from hubdesk.sync.importer import import_bundle

DAY = dt.date(2026, 3, 10)
PRACTICE = {"title": "Safe school routes", "problem": "Fights", "actions": "Walks",
            "results": "Fewer fights", "contact_role": "Team coordinator"}  # fmt: skip


def tables_in(sender: ServiceContext, recipient: ServiceContext) -> dict[str, list[Any]]:
    parts = real_parts(sender, recipient)
    out = {}
    for name, data in parts.items():
        if name in bundle.TABLE_OF_ENTRY:
            table = bundle.TABLE_OF_ENTRY[name]
            rows = json.loads(data)
            out[table] = [cell(rows, "id", i) for i in range(len(rows["rows"]))]
    return out


@pytest.fixture
def peers_world(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    laptop = net.install("Field laptop", "field", "MK")
    net.introduce(laptop, muni)
    part = exchanges.create_part(
        muni, {"role": "host", "kind": "study_visit", "topic": "Youth councils",
               "starts_on": DAY, "partner_names": ["Elbasan"], "participants": 5},
    )  # fmt: skip
    sent = practices.create_practice(muni, PRACTICE)
    practices.submit_practice(muni, sent.id)
    draft = practices.create_practice(muni, {"title": "Still writing"})
    net.deliver(muni, hub)
    practices.curate(hub, sent.id, "accepted", summary="Routes made safe.")
    practices.publish(hub, sent.id)
    net.deliver(hub, muni)
    net.deliver(muni, laptop)
    return {"net": net, "muni": muni, "hub": hub, "laptop": laptop, "part": part.id,
            "sent": sent.id, "draft": draft.id}  # fmt: skip


def test_what_travels_where(peers_world: dict[str, Any]) -> None:
    w = peers_world
    muni, hub, laptop = w["muni"], w["hub"], w["laptop"]
    to_hub = tables_in(muni, hub)
    assert to_hub["exchange_parts"] == [w["part"]]
    assert to_hub["good_practices"] == [w["sent"]]  # the draft stays home
    assert not to_hub.get("practice_curations") and not to_hub.get("published_practices")
    to_muni = tables_in(hub, muni)
    assert not to_muni.get("exchange_parts") and not to_muni.get("good_practices")
    assert len(to_muni["practice_curations"]) == 1 and len(to_muni["published_practices"]) == 1
    to_laptop = tables_in(muni, laptop)
    assert set(to_laptop["good_practices"]) == {w["sent"], w["draft"]}
    assert len(to_laptop["practice_curations"]) == 1
    assert len(to_laptop["published_practices"]) == 1
    assert "exchange_links" not in scope.AREA_LABELS  # the hub's join never travels
    # The laptop holds the hub's answer and the library, signed by the hub.
    assert practices.get_practice(laptop, w["sent"]).state.value == "published"
    assert practices.list_published(laptop)[0].hub_signature


def _refused(receiver: ServiceContext, path: Any) -> None:
    before = dump(receiver.db)
    with pytest.raises(SyncError) as caught:
        import_bundle(receiver, path)
    assert caught.value.reason in {"forged_author", "out_of_scope", "bad_signature",
                                   "invalid_record"}, caught.value.message  # fmt: skip
    assert dump(receiver.db) == before


@pytest.mark.parametrize("table", ["practice_curations", "published_practices"])
@pytest.mark.parametrize("route", ["municipality_to_hub", "municipality_to_laptop"])
@pytest.mark.parametrize("how", ["invented", "altered"])
def test_nobody_but_the_hub_writes_answers_and_published_practices(
    peers_world: dict[str, Any], table: str, route: str, how: str
) -> None:
    w = peers_world
    net, hub, muni = w["net"], w["hub"], w["muni"]
    receiver = hub if route == "municipality_to_hub" else w["laptop"]
    genuine = dict(json.loads(real_parts(hub, muni)[bundle.records_entry(table)]))

    def change(tables: dict[str, Any]) -> None:
        data = tables.setdefault(table, genuine)
        if not data["rows"]:
            data["rows"].append(genuine["rows"][0])
        version = (
            cell(tables["exchange_parts"], "version") if "exchange_parts" in tables else 10**15
        )
        if how == "invented":
            add_row(data, like=0, version=version + 1, origin=hub.installation_id,
                    updated_by=hub.installation_id)  # fmt: skip
        else:
            column = "summary" if table == "practice_curations" else "summary_en"
            set_cells(data, 0, version=version + 1, **{column: "Rewritten by a forger."})

    exchanges.update_part(muni, w["part"], {"topic": "Youth councils, again"})
    _refused(receiver, forge(net, muni, receiver, change))


def test_the_hub_cannot_write_a_citys_part(peers_world: dict[str, Any]) -> None:
    w = peers_world
    net, hub, muni = w["net"], w["hub"], w["muni"]
    genuine = dict(json.loads(real_parts(muni, hub)[bundle.records_entry("exchange_parts")]))

    def change(tables: dict[str, Any]) -> None:
        data = tables.setdefault("exchange_parts", genuine)
        set_cells(
            data, 0, version=10**15, topic="The hub's version", updated_by=hub.installation_id
        )

    _refused(muni, forge(net, hub, muni, change))
