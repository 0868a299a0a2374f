"""The comment thread on a fund proposal: the municipality and the hub writing back and forth.

Each side writes its own comments (a municipality's PC and its field laptops as the
municipality's side, the hub as the hub's) and the bundles carry them across; the hub's are
signed by the hub like its status changes, so nobody in between can put words in its mouth.

Comments are append-only: a comment is never changed or deleted, here or by anyone. It may
already have left in a bundle (to the hub, to a field laptop) the moment it is written, the
other side may have answered its very words, and a hub comment carries the hub's signature; an
edit would make the two sides read different threads. A correction is simply the next comment.

The thread shows, read-only and in their place, the comments a status change carried before
the thread existed (``ProposalStatusChange.comment``), and the hub's decision comments that
still travel on its status change; new transitions write their comment here, linked to the
change (``status_change_id``).

The thread reads in the order its words were said, by their version stamps
(``domain/base.said_order``, as the help desk's conversations), never by the moment each PC gave
them: a PC whose clock runs slow would otherwise show a reply before the question it answers.
Each entry still shows its own PC's moment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import FundProposal, Installation, ProposalComment, ProposalStatusChange
from hubdesk.domain.base import Synced, said_order, utcnow
from hubdesk.i18n import N_
from hubdesk.services import records
from hubdesk.services.area import plain_text
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import PermissionDenied
from hubdesk.services.fund_workflow import proposal_in_scope
from hubdesk.services.rules.thread import check_comment
from hubdesk.services.validation import Checker


@dataclass(frozen=True)
class ThreadEntry:
    """One entry of a proposal's thread as the window, the report and the command line show it."""

    id: str  # the comment's id, or the status change's for a comment kept on the change
    written_at: dt.datetime
    author_role: str  # municipality, field or hub
    author_name: str  # "" when nobody gave a name
    body: str
    status: str | None  # the status the accompanying change moved the proposal to
    on_change: bool  # an older comment kept on the status change itself (read-only)


def default_author(ctx: ServiceContext) -> str:
    """The name a comment is signed with when the person gives none: this installation's."""
    with ctx.read() as session:
        installation = session.get(Installation, ctx.installation_id)
        return installation.name if installation is not None else ""


def checked(body: object, author_name: object) -> tuple[str, str]:
    """The comment's text and author as stored, or a ValidationError naming each problem."""
    data = {"body": body, "author_name": author_name}
    check = Checker()
    check.required(data, "body")
    plain_text(check, data, "body", "author_name")
    text = body.strip() if isinstance(body, str) else body
    name = " ".join(author_name.split()) if isinstance(author_name, str) else author_name
    if check.ok("body"):
        check.rules(check_comment({"body": text, "author_name": name}))
    else:
        check.rules(check_comment({"author_name": name}))
    check.done()
    assert isinstance(text, str) and isinstance(name, str)
    return text, name


def author_role(ctx: ServiceContext, proposal: FundProposal) -> str:
    """Which side this installation writes for on ``proposal``: the hub on any proposal, a
    municipality (or its field laptop) on its own."""
    if not ctx.is_hub and proposal.municipality_id != ctx.municipality_id:
        raise PermissionDenied(N_("This record belongs to another municipality."))
    return ctx.role.value


def write_comment(
    session: Session,
    ctx: ServiceContext,
    proposal: FundProposal,
    body: str,
    author_name: str,
    change: ProposalStatusChange | None = None,
) -> ProposalComment:
    """Add an already checked comment inside the caller's transaction (a transition's)."""
    return records.create(
        session,
        ctx,
        ProposalComment,
        {
            "proposal_id": proposal.id,
            "author_role": author_role(ctx, proposal),
            "author_name": author_name,
            "written_at": utcnow(),
            "body": body,
            "status_change_id": change.id if change is not None else None,
            "hub_signature": None,
        },
    )


def add_comment(
    ctx: ServiceContext, proposal_id: str, body: str, author_name: str | None = None
) -> ProposalComment:
    """Write a comment on a proposal, signed with ``author_name`` (this installation's name
    when none is given)."""
    text, name = checked(body, author_name if author_name is not None else "")
    if not name:
        name = default_author(ctx)
    with ctx.transaction() as session:
        proposal = proposal_in_scope(session, ctx, proposal_id)
        return write_comment(session, ctx, proposal, text, name)


def entries(session: Session, proposal_id: str) -> list[ThreadEntry]:
    """The whole thread of one proposal in the order it was said (``said_order``: a reply after
    what it answers on every PC, whatever their clocks), each entry at the moment its PC gave
    it (no scope check: callers make it)."""
    changes = {
        c.id: c
        for c in session.scalars(
            select(ProposalStatusChange).where(
                ProposalStatusChange.proposal_id == proposal_id, ~ProposalStatusChange.deleted
            )
        )
    }
    out: list[tuple[Synced, ThreadEntry]] = [
        (c, ThreadEntry(c.id, c.changed_at, c.by_role, "", c.comment, c.to_status, True))
        for c in changes.values()
        if c.comment.strip()
    ]
    comments = select(ProposalComment).where(
        ProposalComment.proposal_id == proposal_id, ~ProposalComment.deleted
    )
    for c in session.scalars(comments):
        change = changes.get(c.status_change_id) if c.status_change_id else None
        status = change.to_status if change is not None else None
        entry = ThreadEntry(c.id, c.written_at, c.author_role, c.author_name, c.body, status, False)
        out.append((c, entry))
    out.sort(key=lambda pair: said_order(pair[0]))
    return [entry for _record, entry in out]


def proposal_thread(ctx: ServiceContext, proposal_id: str) -> list[ThreadEntry]:
    """The thread of a proposal this installation may see, in the order it was said (newest
    last)."""
    with ctx.read() as session:
        proposal_in_scope(session, ctx, proposal_id)
        return entries(session, proposal_id)
