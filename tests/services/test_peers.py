"""Exchanges and good practices: the rule books, the hub's join of the parts, and the steps of
a good practice from draft to the library."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hubdesk.domain import ExchangeLink, ExchangePart, FundProposal, Municipality
from hubdesk.services import exchanges, fund, practices
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied, ValidationError
from hubdesk.services.exchanges import AUTO, HAND, SINGLE, join_parts
from hubdesk.services.rules import peers as rules

DAY = dt.timedelta(days=1)
MAY = dt.date(2026, 5, 4)


def part_data(**extra: Any) -> dict[str, Any]:
    return {"role": "host", "kind": "study_visit", "topic": "Youth councils", "starts_on": MAY,
            "partner_names": ["Elbasan"], "participants": 4, **extra}  # fmt: skip


# --- rules -------------------------------------------------------------------------------------


def fields(problems: list[Any]) -> set[str]:
    return {p.field for p in problems}


def test_rules_of_a_part() -> None:
    good = {**part_data(), "host_name": "", "participants_women": 2, "ends_on": MAY + DAY,
            "pillar": "peer_learning", "themes": ["hate_speech"]}  # fmt: skip
    assert rules.check_part(good) == []
    assert fields(rules.check_part({**good, "host_name": "Kumanovo"})) == {"host_name"}
    assert fields(rules.check_part({**good, "partner_names": []})) == {"partner_names"}
    assert fields(rules.check_part({**good, "role": "visitor"})) == {"host_name"}
    assert fields(rules.check_part({**good, "partner_names": ["A, B"]})) == {"partner_names"}
    assert fields(rules.check_part({**good, "partner_names": ["Elbasan", "ELBASAN"]})) == {
        "partner_names"
    }
    assert fields(rules.check_part({**good, "participants_women": 5})) == {"participants_women"}
    assert fields(rules.check_part({**good, "ends_on": MAY - DAY})) == {"ends_on"}
    assert fields(rules.check_part({**good, "themes": ["gossip"]})) == {"themes"}


def test_rules_of_practices_and_answers() -> None:
    practice = {"title": "T", "language": "mk", "pillar": "peer_learning", "themes": [],
                "currency": "MKD", "cost_minor": 0, "status": "submitted", "submission": 1,
                "problem": "p", "actions": "a", "results": "r",
                "contact_role": "coordinator"}  # fmt: skip
    assert rules.check_practice(practice) == []
    assert fields(rules.check_practice({**practice, "results": " "})) == {"results"}
    assert rules.check_practice({**practice, "status": "draft", "results": ""}) == []
    assert fields(rules.check_practice({**practice, "language": "xx"})) == {"language"}
    assert fields(rules.check_practice({**practice, "currency": "USD"})) == {"currency"}
    answer = {"decision": "returned", "note": "", "summary": "", "submission": 1}
    assert fields(rules.check_curation(answer)) == {"note"}
    assert fields(rules.check_curation({**answer, "decision": "accepted"})) == {"summary"}


# --- the join ----------------------------------------------------------------------------------


def muni(mid: str, name: str, other: str = "") -> Municipality:
    return Municipality(id=mid, name=name, name_other_script=other, country="MK", currency="MKD")


TOWNS = [muni("k", "Куманово", "Kumanovo"), muni("e", "Elbasan"), muni("n", "Нови Пазар")]


def part(pid: str, owner: str, role: str, start: dt.date, days: int = 1, **extra: Any) -> Any:
    values = {"id": pid, "municipality_id": owner, "role": role, "kind": "study_visit",
              "host_name": "", "partner_names": [], "starts_on": start,
              "ends_on": start + (days - 1) * DAY, "topic": "t", "pillar": "peer_learning",
              "themes": [], "participants": 2, "participants_women": 0, "learned": "",
              "follow_up": "", "search_text": ""}  # fmt: skip
    return ExchangePart(**{**values, **extra})


def test_parts_naming_the_same_host_in_either_script_and_overlapping_are_one() -> None:
    parts = [
        part("1", "k", "host", MAY, 3, partner_names=["Elbasan"]),
        part("2", "e", "visitor", MAY + 2 * DAY, host_name="kumanovo"),  # Latin, small letters
        part("3", "n", "visitor", MAY + 20 * DAY, host_name="Куманово"),  # another visit
    ]
    joined = join_parts(parts, {}, TOWNS)
    assert [sorted(p.id for p in e.parts) for e in joined] == [["3"], ["1", "2"]]
    first = joined[1]
    assert first.how == AUTO and first.key == "1" and first.confirmed
    assert [(c.name, c.role, c.confirmed) for c in first.cities] == [
        ("Куманово", "host", True), ("Elbasan", "visitor", True)]  # fmt: skip
    alone = joined[0]
    assert alone.how == SINGLE and not alone.confirmed
    assert [c.name for c in alone.unconfirmed_cities()] == ["Куманово"]


def test_an_unknown_host_is_kept_by_its_name_and_hand_links_win() -> None:
    parts = [
        part("1", "e", "visitor", MAY, host_name="Struga"),
        part("2", "n", "visitor", MAY, host_name="STRUGA"),
        part("3", "k", "host", MAY),
    ]
    joined = join_parts(parts, {}, TOWNS)
    assert sorted(len(e.parts) for e in joined) == [1, 2]
    struga = next(e for e in joined if len(e.parts) == 2)
    assert struga.host is not None and struga.host.municipality_id is None
    links = {p: ExchangeLink(part_id=p, exchange_key="x", note="same visit") for p in ("1", "3")}
    by_hand = join_parts(parts, links, TOWNS)
    hand = next(e for e in by_hand if e.how == HAND)
    assert sorted(p.id for p in hand.parts) == ["1", "3"] and hand.note == "same visit"
    # The visitor's unknown host name is the hosting city joined in by hand.
    assert [c.name for c in hand.cities] == ["Куманово", "Elbasan"]


def test_a_city_keeps_its_parts_and_only_the_hub_joins(
    ctx: ServiceContext, hub_ctx: ServiceContext
) -> None:
    created = exchanges.create_part(ctx, part_data(partner_names=[" Elbasan "]))
    assert created.partner_names == ["Elbasan"] and created.municipality_id == ctx.municipality_id
    with pytest.raises(ValidationError) as bad:
        exchanges.create_part(ctx, part_data(role="visitor"))
    assert bad.value.field == "host_name"
    exchanges.update_part(ctx, created.id, {"participants": 7, "ends_on": MAY + DAY})
    assert exchanges.get_part(ctx, created.id).participants == 7
    assert [e.key for e in exchanges.list_exchanges(ctx)] == [created.id]
    assert "Elbasan" in exchanges.known_names(ctx)
    with pytest.raises(PermissionDenied):
        exchanges.join_exchanges(ctx, [created.id, created.id])
    with pytest.raises(PermissionDenied):
        exchanges.create_part(hub_ctx, part_data())
    exchanges.delete_part(ctx, created.id)
    assert exchanges.list_exchanges(ctx) == []


def test_a_city_is_not_its_own_host_or_partner(ctx: ServiceContext) -> None:
    """Named so, the hub showed the visit as hosted by the city itself and joined it with
    the city's own exchanges of that day; its name in the other script is recognised too."""
    with ctx.transaction() as session:
        own = session.get(Municipality, ctx.municipality_id)
        assert own is not None
        own.name, own.name_other_script = "Niš", "Ниш"
    for data, field in (
        (part_data(role="visitor", host_name=" niš ", partner_names=[]), "host_name"),
        (part_data(partner_names=["Elbasan", "НИШ"]), "partner_names"),
    ):
        with pytest.raises(ValidationError) as refused:
            exchanges.create_part(ctx, data)
        assert refused.value.field == field and "this municipality itself" in str(refused.value)
    assert exchanges.list_exchanges(ctx) == []
    kept = exchanges.create_part(ctx, part_data())
    with pytest.raises(ValidationError):
        exchanges.update_part(ctx, kept.id, {"partner_names": ["Niš"]})
    assert exchanges.get_part(ctx, kept.id).partner_names == ["Elbasan"]


# --- good practices ----------------------------------------------------------------------------


def test_a_practice_starts_from_a_completed_proposal_only(ctx: ServiceContext) -> None:
    proposal = fund.create_proposal(ctx, {"title": "Youth radio", "summary": "A show"})
    with pytest.raises(ValidationError):
        practices.from_proposal(ctx, proposal.id)
    line = {"category": "equipment", "description": "Mics", "quantity": 2, "unit_cost_minor": 500}
    fund.add_budget_line(ctx, proposal.id, line)
    with ctx.transaction() as session:  # the whole fund cycle is not this test's subject
        stored = session.get(FundProposal, proposal.id)
        assert stored is not None
        stored.status, stored.results, stored.problem = "completed", "Ten shows", "Silence"
    prefilled = practices.from_proposal(ctx, proposal.id)
    assert (prefilled["title"], prefilled["results"], prefilled["cost_minor"]) == (
        "Youth radio", "Ten shows", 1000)  # fmt: skip
    made = practices.create_practice(ctx, prefilled)
    assert made.proposal_id == proposal.id and made.status == "draft"
    assert [p.id for p in practices.completed_proposals(ctx)] == [proposal.id]


def test_the_steps_of_a_practice(ctx: ServiceContext, hub_ctx: ServiceContext) -> None:
    made = practices.create_practice(ctx, {"title": "Walks", "language": "mk"})
    with pytest.raises(ValidationError):
        practices.submit_practice(ctx, made.id)  # nothing said yet
    practices.update_practice(ctx, made.id, {"problem": "p", "actions": "a", "results": "r",
                                             "contact_role": "coordinator"})  # fmt: skip
    practices.submit_practice(ctx, made.id)
    assert practices.get_practice(ctx, made.id).state.value == "submitted"
    with pytest.raises(ValidationError):
        practices.update_practice(ctx, made.id, {"title": "Changed while the hub reads it"})
    with pytest.raises(ValidationError):
        practices.delete_practice(ctx, made.id)
    with pytest.raises(PermissionDenied):
        practices.curate(ctx, made.id, "accepted", summary="mine")
    with pytest.raises(PermissionDenied):
        practices.create_practice(hub_ctx, {"title": "The hub's own"})


def test_a_hand_join_names_who_decided_it(ctx: ServiceContext) -> None:
    from hubdesk.domain.enums import Role

    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock, ctx.data_dir,
                         person="maja")  # fmt: skip
    first = exchanges.create_part(ctx, part_data())
    second = exchanges.create_part(ctx, part_data(starts_on=MAY + 30 * DAY))
    assert len(exchanges.list_exchanges(hub)) == 2  # a month apart: two exchanges
    joined = exchanges.join_exchanges(hub, [first.id, second.id], "one visit, recorded twice")
    assert (joined.how, joined.decided_by, joined.note) == (
        HAND,
        ["maja"],
        "one visit, recorded twice",
    )
    assert len(exchanges.list_exchanges(hub)) == 1
    exchanges.automatic(hub, second.id)
    exchanges.automatic(hub, first.id)
    assert [e.how for e in exchanges.list_exchanges(hub)] == [SINGLE, SINGLE]


def test_a_join_of_exchanges_a_colleague_regrouped_meanwhile_is_refused(
    ctx: ServiceContext,
) -> None:
    """Two staff of a hub read the same list; one joins two exchanges, and the other's join,
    decided on the list as it was, would drag in a part that person never saw."""
    from hubdesk.domain.enums import Role

    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock, ctx.data_dir)
    ids = [
        exchanges.create_part(ctx, part_data(starts_on=MAY + n * 30 * DAY)).id for n in (0, 1, 2)
    ]
    read = {e.parts[0].id: [p.id for p in e.parts] for e in exchanges.list_exchanges(hub)}
    assert len(read) == 3  # a month apart: three exchanges
    exchanges.join_exchanges(hub, [ids[1], ids[2]], "one visit", [read[ids[1]], read[ids[2]]])
    with pytest.raises(ValidationError) as refused:
        exchanges.join_exchanges(hub, [ids[0], ids[1]], "", [read[ids[0]], read[ids[1]]])
    assert refused.value.field == "exchange" and "changed after you read" in refused.value.message
    now = exchanges.list_exchanges(hub)
    assert sorted(len(e.parts) for e in now) == [1, 2]  # nothing joined
    again = [[p.id for p in exchanges.get_exchange(hub, i).parts] for i in (ids[0], ids[1])]
    joined = exchanges.join_exchanges(hub, [ids[0], ids[1]], "", again)
    assert {p.id for p in joined.parts} == set(ids)
    assert len(exchanges.list_exchanges(hub)) == 1
