"""A save over a change someone else made after the form was read (services/meanwhile.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from hubdesk import clock
from hubdesk.domain.calls import Call
from hubdesk.services import calls, records
from hubdesk.services.context import ServiceContext
from hubdesk.services.meanwhile import (
    CHANGED_MEANWHILE,
    FIELD_CHANGED,
    UNKNOWN_PERSON,
    ChangedMeanwhile,
)


def test_a_change_based_on_an_old_reading_is_refused_and_names_the_fields(
    hub_ctx: ServiceContext,
) -> None:
    call = calls.create_call(hub_ctx, {"title": "Youth voices", "round": "1"})
    calls.update_call(hub_ctx, call.id, {"title": "Voices of the young"}, seen=call.version)
    with pytest.raises(ChangedMeanwhile) as refused:
        calls.update_call(hub_ctx, call.id, {"round": "2"}, seen=call.version)
    assert set(refused.value.by_field()) == {"", "title"}
    # on a server: the login's name; either begins the sentence with a capital
    person = "Hubdesk" if hub_ctx.person else "Someone else"
    assert refused.value.message.startswith(f"{person} changed this record after you opened")
    assert calls.get_call(hub_ctx, call.id).round == "1"
    now = calls.update_call(hub_ctx, call.id, {"round": "2"}, seen=refused.value.version)
    assert (now.title, now.round) == ("Voices of the young", "2")


def test_a_note_read_before_a_change_is_not_saved_over_it(hub_ctx: ServiceContext) -> None:
    note = calls.create_note(hub_ctx, {"title": "Budgets", "body": "Round to the euro."})
    calls.update_note(hub_ctx, note.id, {"body": "Round to the cent."})
    with pytest.raises(ChangedMeanwhile, match="changed this record") as refused:
        calls.update_note(hub_ctx, note.id, {"title": "Budget lines"}, seen=note.version)
    assert set(refused.value.by_field()) == {"", "body"}
    assert calls.get_note(hub_ctx, note.id).title == "Budgets"
    now = calls.update_note(hub_ctx, note.id, {"title": "Budget lines"}, seen=refused.value.version)
    assert (now.title, now.body) == ("Budget lines", "Round to the cent.")


def test_a_call_is_published_or_closed_only_as_the_person_read_it(
    hub_ctx: ServiceContext,
) -> None:
    """Publishing sends the call to every municipality: a colleague's edit made after the list
    was read is never published unread, nor a call closed over it; once read again, it is."""
    criteria = [{"code": "fit", "label": "Fit", "weight": 100}]
    closes = clock.today() + dt.timedelta(days=30)
    call = calls.create_call(
        hub_ctx, {"title": "Youth voices", "round": "1", "closes_on": closes, "criteria": criteria}
    )
    read = call.version
    calls.update_call(hub_ctx, call.id, {"title": "Voices of the young"})
    with pytest.raises(ChangedMeanwhile, match="so nothing was done") as refused:
        calls.publish_call(hub_ctx, call.id, seen=read)
    assert calls.get_call(hub_ctx, call.id).status == "draft"
    published = calls.publish_call(hub_ctx, call.id, seen=refused.value.version)
    assert published.status == "published"
    read = published.version
    calls.update_call(hub_ctx, call.id, {"round": "2"})
    with pytest.raises(ChangedMeanwhile):
        calls.close_call(hub_ctx, call.id, seen=read)
    assert calls.get_call(hub_ctx, call.id).status == "published"
    note = calls.create_note(hub_ctx, {"title": "Budgets", "body": "Round to the euro."})
    calls.update_note(hub_ctx, note.id, {"body": "Round to the cent."})
    with pytest.raises(ChangedMeanwhile):
        calls.publish_note(hub_ctx, note.id, seen=note.version)
    assert calls.get_note(hub_ctx, note.id).published_on is None


def test_a_change_by_nobody_known_here_is_told_in_a_sentence_of_its_own(
    hub_ctx: ServiceContext,
) -> None:
    """A change that arrived by sync names the login that imported it, not its author; the
    refusal then says "someone else" in whole sentences (not pasted where a name goes, which
    reads badly in languages that introduce a name: "izmijenila ga je osoba: neko drugi")."""
    call = calls.create_call(hub_ctx, {"title": "Youth voices", "round": "1"})
    with hub_ctx.transaction() as session:
        stored = records.live(session, Call, call.id)
        records.change(session, hub_ctx, stored, {"title": "Voices of the young"}, action="sync")
    with pytest.raises(ChangedMeanwhile) as refused:
        calls.update_call(hub_ctx, call.id, {"round": "2"}, seen=call.version)
    errors = {e.field: e for e in refused.value.errors}
    assert set(errors) == {"", "title"}
    assert errors[""].message == UNKNOWN_PERSON[CHANGED_MEANWHILE]
    assert errors["title"].message == UNKNOWN_PERSON[FIELD_CHANGED]
    assert refused.value.message.startswith("Someone else changed this record after you opened")
    assert "{people}" not in "".join(UNKNOWN_PERSON.values())
