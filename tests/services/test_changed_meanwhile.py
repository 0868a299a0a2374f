"""A save over a change someone else made after the form was read (services/meanwhile.py)."""

from __future__ import annotations

import pytest

from hubdesk.services import calls
from hubdesk.services.context import ServiceContext
from hubdesk.services.meanwhile import ChangedMeanwhile


def test_a_change_based_on_an_old_reading_is_refused_and_names_the_fields(
    hub_ctx: ServiceContext,
) -> None:
    call = calls.create_call(hub_ctx, {"title": "Youth voices", "round": "1"})
    calls.update_call(hub_ctx, call.id, {"title": "Voices of the young"}, seen=call.version)
    with pytest.raises(ChangedMeanwhile) as refused:
        calls.update_call(hub_ctx, call.id, {"round": "2"}, seen=call.version)
    assert set(refused.value.by_field()) == {"", "title"}
    person = "hubdesk" if hub_ctx.person else "someone else"  # on a server: the login's name
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
