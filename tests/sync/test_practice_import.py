"""The hub keeps a good practice's submissions at the import as the services keep them.

A dishonest city controls its own PC, so it can send any version of its own practice. What it
must not do is what its window refuses: take the hub's answer away by renumbering a practice,
change a submitted or accepted practice without submitting it again, resubmit a practice the
hub accepted, delete one the hub received, or send a draft. Each of those bundles is refused
whole at the hub; the city's honest round (returned, changed, submitted again) still imports.
"""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import Network
from test_sync_forgery import cell, forge, refused, set_cells

from hubdesk.domain import GoodPractice
from hubdesk.services import practices, records
from hubdesk.services.context import ServiceContext

PRACTICE = {"title": "Safe school routes", "problem": "Fights", "actions": "Walks",
            "results": "Fewer fights", "contact_role": "Team coordinator"}  # fmt: skip


def tamper(ctx: ServiceContext, practice_id: str, values: dict[str, Any] | None) -> None:
    """What a city's PC could write behind its window's back (None: delete it)."""
    with ctx.transaction() as session:
        row = session.get(GoodPractice, practice_id)
        assert row is not None
        if values is None:
            records.tombstone(session, ctx, row)
        else:
            records.change(session, ctx, row, values)


def submitted(net: Network, muni: ServiceContext, hub: ServiceContext) -> str:
    practice = practices.create_practice(muni, PRACTICE)
    practices.submit_practice(muni, practice.id)
    net.deliver(muni, hub)
    return practice.id


def published(net: Network, muni: ServiceContext, hub: ServiceContext) -> str:
    practice_id = submitted(net, muni, hub)
    practices.curate(hub, practice_id, "accepted", summary="Routes made safe.")
    practices.publish(hub, practice_id)
    net.deliver(hub, muni)
    return practice_id


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"title": "Something else", "actions": "Other"}, ("without submitting it again",)),
        ({"submission": 2}, ("has not returned", "'Accepted'")),
    ],
    ids=["rewritten", "resubmitted"],
)
def test_a_city_cannot_undo_what_the_hub_accepted(
    net: Network, muni: ServiceContext, hub: ServiceContext, values: Any, words: tuple[str, ...]
) -> None:
    practice_id = published(net, muni, hub)
    tamper(muni, practice_id, values)
    refused(hub, net.send(muni, hub).path, "locked_practice", *words)
    assert practices.get_practice(hub, practice_id).state.value == "published"
    assert practices.curation_queue(hub) == []


@pytest.mark.parametrize("values", [{"submission": 0}, None], ids=["renumbered", "deleted"])
def test_an_earlier_number_or_a_deletion_never_outranks_what_the_hub_holds(
    net: Network, muni: ServiceContext, hub: ServiceContext, values: Any
) -> None:
    """The merge keeps the higher submission (``merge.SUBMISSION_NUMBER``), so such a version
    changes nothing at the hub: the answer it gave stays the answer."""
    practice_id = published(net, muni, hub)
    tamper(muni, practice_id, values)
    net.deliver(muni, hub)
    row = practices.get_practice(hub, practice_id)
    assert (row.state.value, row.practice.submission) == ("published", 1)
    assert practices.curation_queue(hub) == []


def test_a_waiting_practice_is_not_rewritten_under_the_hubs_eyes(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    practice_id = submitted(net, muni, hub)
    tamper(muni, practice_id, {"actions": "Not what was submitted"})
    refused(hub, net.send(muni, hub).path, "locked_practice", "without submitting it again")
    tamper(muni, practice_id, {"submission": 2})  # nor is it "submitted again" before an answer
    refused(hub, net.send(muni, hub).path, "locked_practice", "'Waiting for the hub'")
    assert practices.get_practice(hub, practice_id).practice.actions == "Walks"


def test_a_forged_draft_never_reaches_the_hub(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    practice_id = published(net, muni, hub)

    def change(tables: dict[str, Any]) -> None:
        data = tables["good_practices"]
        assert cell(data, "id") == practice_id
        set_cells(data, 0, status="draft", version=cell(data, "version") + 1)

    refused(hub, forge(net, muni, hub, change), "locked_practice", "stays with its city")


def test_the_honest_round_still_imports(
    net: Network, muni: ServiceContext, hub: ServiceContext
) -> None:
    practice_id = submitted(net, muni, hub)
    practices.curate(hub, practice_id, "returned", note="Say what it cost.")
    net.deliver(hub, muni)
    practices.update_practice(muni, practice_id, {"results": "Fewer fights, at 300 EUR"})
    practices.submit_practice(muni, practice_id)
    net.deliver(muni, hub)
    row = practices.get_practice(hub, practice_id)
    assert (row.state.value, row.practice.submission) == ("submitted", 2)
    assert row.practice.results == "Fewer fights, at 300 EUR"
    net.deliver(muni, hub, full=True)  # the same versions again are no change
    assert practices.get_practice(hub, practice_id).practice.submission == 2


def test_a_laptops_late_edit_does_not_take_the_number_back(
    net: Network, muni: ServiceContext, hub: ServiceContext, field: ServiceContext
) -> None:
    """The honest race the hub's rules must never block: the office submits a returned
    practice again while its laptop, still holding the return, edits it."""
    from hubdesk.services.errors import ValidationError
    from hubdesk.sync import conflicts

    practice_id = submitted(net, muni, hub)
    practices.curate(hub, practice_id, "returned", note="Say what it cost.")
    net.deliver(hub, muni)
    net.deliver(muni, field)
    practices.update_practice(muni, practice_id, {"results": "Fewer fights, at 300 EUR"})
    practices.submit_practice(muni, practice_id)
    practices.update_practice(field, practice_id, {"adapt": "A laptop's late words"})
    net.deliver(field, muni)  # the later edit, but of the earlier submission: it loses
    row = practices.get_practice(muni, practice_id)
    assert (row.state.value, row.practice.submission) == ("submitted", 2)
    net.deliver(muni, hub)  # so the hub takes the office's bundle
    assert practices.get_practice(hub, practice_id).practice.submission == 2
    (conflict,) = conflicts.list_conflicts(muni)
    with pytest.raises(ValidationError, match="submitted again"):
        conflicts.keep_other(muni, conflict.id)
