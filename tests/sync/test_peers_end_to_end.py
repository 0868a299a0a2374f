"""Peer learning by bundle files only (issue 14 §3, "Done means").

Kumanovo hosts Elbasan and Novi Pazar; each of the three records its own part, each in its own
words (Elbasan types the host in Latin letters, Novi Pazar in Cyrillic), and at the hub the
three parts are one exchange with three confirmed cities. A part only one city recorded is shown
as such; staff join by hand what the cities recorded too differently, and separate it again.
Kumanovo writes a good practice; the hub returns it with a note, Kumanovo improves it, the hub
accepts it with its summary and publishes it, and Novi Pazar, which had nothing to do with it,
receives the published practice, signed by the hub, and never Kumanovo's own record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sync_helpers import Network

from hubdesk.domain import GoodPractice, PublishedPractice
from hubdesk.domain.peers import PracticeState
from hubdesk.services import exchanges, practices
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError

MAY = dt.date(2026, 5, 4)
DAY = dt.timedelta(days=1)


@pytest.fixture
def region(net: Network, muni: ServiceContext, hub: ServiceContext) -> dict[str, Any]:
    elbasan = net.install("Elbasan", "municipality", "AL")
    novi_pazar = net.install("Нови Пазар", "municipality", "RS")
    for city in (elbasan, novi_pazar):
        net.introduce(city, hub)
    return {"net": net, "hub": hub, "kumanovo": muni, "elbasan": elbasan, "novi": novi_pazar}


def part(role: str, start: dt.date, days: int = 1, **more: Any) -> dict[str, Any]:
    return {
        "role": role,
        "kind": "study_visit",
        "topic": more.pop("topic", "Youth council and safety council working together"),
        "starts_on": start,
        "ends_on": start + (days - 1) * DAY,
        "pillar": "peer_learning",
        "themes": ["hate_speech"],
        "participants": more.pop("participants", 4),
        **more,
    }


def test_exchanges_and_good_practices_end_to_end_by_files(region: dict[str, Any]) -> None:
    net, hub = region["net"], region["hub"]
    kumanovo, elbasan, novi = region["kumanovo"], region["elbasan"], region["novi"]

    # 1. Each city records its own part of one study visit, in its own words and spelling.
    exchanges.create_part(
        kumanovo,
        part("host", MAY - DAY, 3, partner_names=["Elbasan", "Novi Pazar"], participants=9,
             learned="Visitors asked for our joint protocol."),
    )  # fmt: skip
    exchanges.create_part(elbasan, part("visitor", MAY - DAY, 2, host_name="Kumanovo"))
    exchanges.create_part(novi, part("visitor", MAY, 2, host_name="Куманово", participants=3))
    # ... and Elbasan hosts Novi Pazar later; only Elbasan records it.
    training = exchanges.create_part(
        elbasan,
        part("host", MAY + 40 * DAY, kind="joint_training", topic="Countering hate speech online",
             partner_names=["Novi Pazar"]),
    )  # fmt: skip
    # A city's own list holds what it took part in, never joined with anything.
    assert len(exchanges.list_exchanges(elbasan)) == 2
    assert len(exchanges.list_exchanges(kumanovo)) == 1
    with pytest.raises(PermissionDenied):
        exchanges.join_exchanges(kumanovo, ["a", "b"])

    for city in (kumanovo, elbasan, novi):
        net.deliver(city, hub)

    # 2. At the hub the study visit is ONE exchange with all three cities, each confirmed.
    held = exchanges.list_exchanges(hub)
    assert len(held) == 2
    visit = next(e for e in held if len(e.parts) == 3)
    assert visit.how == exchanges.AUTO and visit.confirmed
    assert [(c.name, c.role, c.confirmed) for c in visit.cities] == [
        ("Kumanovo", "host", True),
        ("Elbasan", "visitor", True),
        ("Нови Пазар", "visitor", True),
    ]
    assert visit.participants == 9 + 4 + 3
    assert (visit.starts_on, visit.ends_on) == (MAY - DAY, MAY + DAY)
    # The joint training only Elbasan recorded: Novi Pazar has not confirmed it.
    alone = next(e for e in held if e is not visit)
    assert alone.how == exchanges.SINGLE and not alone.confirmed
    assert [c.name for c in alone.unconfirmed_cities()] == ["Нови Пазар"]
    # Each city counts every exchange it is in, once.
    per_city = {
        c.name: (c.hosted, c.visited, c.unconfirmed) for c in exchanges.exchanges_per_city(hub)
    }
    assert per_city == {"Elbasan": (1, 1, 1), "Kumanovo": (1, 0, 0), "Нови Пазар": (0, 2, 1)}

    # 3. Novi Pazar confirms the training, but names the host differently and a day later:
    #    the hub joins the two by hand, then separates the mistaken part again.
    late = exchanges.create_part(
        novi,
        part("visitor", MAY + 45 * DAY, host_name="Bashkia Elbasan", kind="joint_training",
             topic="Online hate speech training"),
    )  # fmt: skip
    net.deliver(novi, hub)
    assert len(exchanges.list_exchanges(hub)) == 3
    joined = exchanges.join_exchanges(hub, [training.id, late.id], "Same training, other name")
    assert joined.how == exchanges.HAND and joined.confirmed and joined.note
    assert len(exchanges.list_exchanges(hub)) == 2
    assert {c.name: c.confirmed for c in joined.cities} == {"Elbasan": True, "Нови Пазар": True}
    separated = exchanges.separate_part(hub, late.id)
    assert [p.id for p in separated.parts] == [late.id]
    assert len(exchanges.list_exchanges(hub)) == 3
    with pytest.raises(ValidationError):
        exchanges.separate_part(hub, late.id)  # already alone

    # 4. Kumanovo writes a good practice and submits it; the hub returns it with a note.
    with pytest.raises(ValidationError) as incomplete:
        practice = practices.create_practice(kumanovo, {"title": "Safe school corridors"})
        practices.submit_practice(kumanovo, practice.id)
    assert incomplete.value.field in {"problem", "actions", "results", "contact_role"}
    net.deliver(kumanovo, hub)
    assert practices.list_practices(hub) == []  # a draft stays home
    practices.update_practice(
        kumanovo,
        practice.id,
        {"problem": "Fights after school", "actions": "Teachers and police walk the routes",
         "results": "Fewer incidents", "contact_role": "Prevention team coordinator",
         "cost_minor": 120_000_00, "themes": ["polarisation"]},
    )  # fmt: skip
    practices.submit_practice(kumanovo, practice.id)
    net.deliver(kumanovo, hub)
    assert [r.practice.id for r in practices.curation_queue(hub)] == [practice.id]
    practices.curate(hub, practice.id, "returned", note="Say what the police did not do.")
    with pytest.raises(ValidationError):
        practices.publish(hub, practice.id)  # nothing accepted yet
    net.deliver(hub, kumanovo)
    mine = practices.get_practice(kumanovo, practice.id)
    assert mine.state is PracticeState.RETURNED and "police" in mine.note

    # 5. Kumanovo improves it and resubmits; the hub accepts it with its summary, publishes.
    practices.update_practice(kumanovo, practice.id, {"adapt": "A school willing to host it"})
    practices.submit_practice(kumanovo, practice.id)
    net.deliver(kumanovo, hub)
    practices.curate(
        hub, practice.id, "accepted", summary="Teachers and police made school routes safe."
    )
    draft = practices.get_published(hub, practice.id)
    practices.edit_summaries(
        hub, draft.id, {"summary_local": "Наставници и полиција.", "summary_language": "mk"}
    )
    assert practices.curation_queue(hub) == []
    net.deliver(hub, novi)
    assert practices.list_published(novi) == []  # accepted, not yet published: stays at the hub
    practices.publish(hub, draft.id)

    # 6. The third city receives the published practice, signed by the hub, in its languages,
    #    and nothing of Kumanovo's own record.
    net.deliver(hub, novi)
    library = practices.list_published(novi)
    assert [p.title for p in library] == ["Safe school corridors"]
    got = library[0]
    assert got.municipality_name == "Kumanovo" and got.hub_signature
    assert (got.language, got.summary_language) == ("en", "mk")
    assert got.summary_en.startswith("Teachers") and got.adapt == "A school willing to host it"
    with novi.read() as session:
        assert session.query(GoodPractice).count() == 0
    with pytest.raises(PermissionDenied):
        practices.edit_summaries(novi, got.id, {"summary_en": "mine now"})
    # The author sees its practice published, with the hub's summary.
    net.deliver(hub, kumanovo)
    mine = practices.get_practice(kumanovo, practice.id)
    assert mine.state is PracticeState.PUBLISHED and mine.summary.startswith("Teachers")
    with kumanovo.read() as session:
        assert session.query(PublishedPractice).count() == 1
