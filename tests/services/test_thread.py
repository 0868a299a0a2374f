"""The comment thread on a fund proposal: who writes for which side, the rule book, the
comments a status change carries, and the older comments kept on the change itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from proposal_filling import fill_sections
from service_helpers import refused
from sqlalchemy import select

from hubdesk.domain import ProposalComment, ProposalStatusChange
from hubdesk.domain.enums import Role
from hubdesk.services import fund, records, thread
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, PermissionDenied
from hubdesk.services.rules import check
from hubdesk.services.rules.base import COMMENT_MAX


@pytest.fixture
def hub(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)


@pytest.fixture
def field(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(ctx.db, "field-laptop", Role.FIELD, ctx.municipality_id, ctx.clock)


@pytest.fixture
def proposal(ctx: ServiceContext) -> str:
    proposal_id = fund.create_proposal(ctx, {"title": "Youth forum", "summary": "Dialogue"}).id
    line = {"category": "venue", "description": "Hall", "quantity": 1, "unit_cost_minor": 100}
    fund.add_budget_line(ctx, proposal_id, line)
    fill_sections(ctx, proposal_id)
    return proposal_id


def test_each_side_writes_for_itself_newest_last(
    ctx: ServiceContext, hub: ServiceContext, field: ServiceContext, proposal: str
) -> None:
    first = thread.add_comment(ctx, proposal, "  Draft ready for a first look.\n", "Ana  Petrovska")
    thread.add_comment(hub, proposal, "Add the youth council as a partner.", "Elira")
    thread.add_comment(field, proposal, "Room measured: 40 seats.")
    entries = thread.proposal_thread(ctx, proposal)
    assert [(e.author_role, e.author_name, e.body) for e in entries] == [
        ("municipality", "Ana Petrovska", "Draft ready for a first look."),
        ("hub", "Elira", "Add the youth council as a partner."),
        ("field", "", "Room measured: 40 seats."),  # no installation row for this test laptop
    ]
    assert first.written_at.tzinfo is not None
    assert entries == sorted(entries, key=lambda e: e.written_at)
    assert not any(e.on_change for e in entries)


def test_a_comment_without_a_name_is_signed_with_the_installations(
    ctx: ServiceContext, proposal: str
) -> None:
    comment = thread.add_comment(ctx, proposal, "Hello")
    assert comment.author_name == thread.default_author(ctx) != ""


@pytest.mark.parametrize(
    ("field_name", "body", "author"),
    [
        ("body", "", "Ana"),
        ("body", "   \n ", "Ana"),
        ("body", "x" * (COMMENT_MAX + 1), "Ana"),
        ("body", "bell\x07", "Ana"),
        ("body", 42, "Ana"),
        ("author_name", "Fine", "A" * 121),
        ("author_name", "Fine", "Ana\x07"),
    ],
)
def test_bad_comments_are_refused_and_nothing_is_written(
    ctx: ServiceContext, proposal: str, field_name: str, body: Any, author: str
) -> None:
    refused(field_name, thread.add_comment, ctx, proposal, body, author)
    assert thread.proposal_thread(ctx, proposal) == []


def test_line_breaks_and_a_long_letter_are_fine(ctx: ServiceContext, proposal: str) -> None:
    body = "Dear hub,\n\n\tthank you." + "x" * (COMMENT_MAX - 30)
    assert thread.add_comment(ctx, proposal, body).body == body


def test_rule_book_for_bundles(ctx: ServiceContext) -> None:
    good = {
        "proposal_id": "p",
        "author_role": "hub",
        "author_name": "Elira",
        "written_at": dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
        "body": "Fine",
        "status_change_id": None,
        "hub_signature": None,
    }
    assert check("proposal_comments", good) == []
    for changes, field_name in (
        ({"author_role": "mayor"}, "author_role"),
        ({"body": ""}, "body"),
        ({"body": "y" * (COMMENT_MAX + 1)}, "body"),
        ({"body": "nul\x00"}, "body"),
        ({"author_name": "new\nline"}, "author_name"),
        ({"written_at": dt.datetime(1800, 1, 1, tzinfo=dt.UTC)}, "written_at"),
    ):
        assert [p.field for p in check("proposal_comments", {**good, **changes})] == [field_name]


def test_other_municipalitys_proposal_and_deleted_ones_are_refused(
    ctx: ServiceContext, proposal: str
) -> None:
    stranger = ServiceContext(ctx.db, "other-pc", Role.MUNICIPALITY, "elsewhere", ctx.clock)
    with pytest.raises(PermissionDenied):
        thread.add_comment(stranger, proposal, "Hi")
    with pytest.raises(PermissionDenied):
        thread.proposal_thread(stranger, proposal)
    fund.delete_proposal(ctx, proposal)
    with pytest.raises(NotFoundError):
        thread.add_comment(ctx, proposal, "Hi")


def test_a_transitions_comment_goes_into_the_thread_linked_to_the_change(
    ctx: ServiceContext, hub: ServiceContext, proposal: str
) -> None:
    fund.transition(ctx, proposal, "submitted", "Please look at the budget first.", "Ana")
    fund.transition(hub, proposal, "under_review")  # no comment: nothing in the thread
    change = fund.status_history(ctx, proposal)[0]
    assert change.comment == ""  # the change itself no longer carries it
    [entry] = thread.proposal_thread(ctx, proposal)
    assert (entry.author_role, entry.author_name, entry.status) == (
        "municipality",
        "Ana",
        "submitted",
    )
    with ctx.read() as session:
        stored = session.scalars(select(ProposalComment)).one()
        assert stored.status_change_id == change.id


def test_a_bad_transition_comment_moves_nothing(ctx: ServiceContext, proposal: str) -> None:
    refused("body", fund.transition, ctx, proposal, "submitted", "z" * (COMMENT_MAX + 1))
    assert fund.get_proposal(ctx, proposal).status == "draft"
    assert fund.status_history(ctx, proposal) == []


def test_older_comments_on_status_changes_are_shown_read_only(
    ctx: ServiceContext, hub: ServiceContext, proposal: str
) -> None:
    """A change written before the thread existed kept its comment on itself; so does the hub's
    decision comment. Both appear in the thread, in their place."""
    with ctx.transaction() as session:
        records.create(
            session,
            ctx,
            ProposalStatusChange,
            {
                "proposal_id": proposal,
                "from_status": "draft",
                "to_status": "submitted",
                "changed_at": dt.datetime(2025, 1, 5, 9, tzinfo=dt.UTC),
                "by_role": "municipality",
                "comment": "Submitted before the thread existed.",
            },
        )
        fund.refresh_status(session, fund.get_proposal(ctx, proposal))
    fund.transition(hub, proposal, "under_review")
    fund.record_decision(hub, proposal, {"outcome": "changes_requested", "comments": "Less rent."})
    thread.add_comment(ctx, proposal, "We will lower the rent.")
    entries = thread.proposal_thread(ctx, proposal)
    assert [(e.on_change, e.author_role, e.status, e.body) for e in entries] == [
        (True, "municipality", "submitted", "Submitted before the thread existed."),
        (True, "hub", "changes_requested", "Less rent."),
        (False, "municipality", None, "We will lower the rent."),
    ]


def test_comments_are_append_only(ctx: ServiceContext) -> None:
    """The service offers no way to change or delete a comment (see services/thread.py)."""
    public = {name for name in dir(thread) if not name.startswith("_")}
    assert not {n for n in public if n.startswith(("update", "delete", "edit", "change"))}
