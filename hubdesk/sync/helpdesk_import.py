"""A help desk request's words, kept at the hub's import as the services keep them.

The services never change a question once asked, nor a message once written
(``services/helpdesk.py`` has ``ask``, ``follow_up``, ``answer`` and ``close``, and no edit or
delete): the city says what is new in a follow-up, and closing is the one change a request
takes, once. The hub's response times are counted from those words (``domain/helpdesk.py``,
``answer_due``), so a municipality's bundle is held to the same at the hub: otherwise a city
could make a request asked as "low" urgent after the hub answered it, date it earlier, open a
closed request again or delete a question the hub answered, and the hub's figures would say it
answered late. Such a bundle is refused whole and changes nothing. The office holds its field
laptops to the same rule, which no honest laptop breaks (its services write the same words).
Only rows that would change something here are judged. A municipality holds the hub's answers
to the same rule (the hub's services write each once too): a signed hub may answer, not rewrite
or withdraw an answer the city has read, which would change the response time counted from it.

The comments on a fund proposal are kept the same way (``services/thread.py``: append-only, a
correction is the next comment): the other side may have answered a comment's very words, so
neither side's bundle may change or delete one the receiver holds, or the two would read
different threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hubdesk.domain.base import Synced
from hubdesk.domain.enums import Role
from hubdesk.i18n import N_
from hubdesk.sync.codec import CODECS
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import rank

REQUESTS, MESSAGES = "helpdesk_requests", "helpdesk_messages"
COMMENTS = "proposal_comments"
TABLES = frozenset({REQUESTS, MESSAGES, COMMENTS})
REASON = "locked_request"
COMMENT_REASON = "locked_comment"
IGNORED = frozenset(Synced.SYNC_FIELDS) - {"deleted"}

DELETED = N_("a help desk request the hub has received is never deleted")
REOPENED = N_("a closed help desk request is not opened again; a new question is a new request")
REWRITTEN = N_(
    "it changes a question the hub has received; a city writes what is new as a follow-up"
)
MESSAGE_FIXED = N_("a message on a help desk request is written once, never changed or deleted")
COMMENT_FIXED = N_(
    "a comment on a fund proposal is written once, never changed or deleted; a correction is "
    "the next comment"
)


def _changed(table: str, new: Mapping[str, Any], old: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(c for c in CODECS[table].columns if c not in IGNORED and new[c] != old[c])


def check_rows(
    table: str, rows: list[Incoming], current: Mapping[str, dict[str, Any]]
) -> list[Problem]:
    """Why rows of one batch of help desk records or proposal comments may not be taken (none
    when all may)."""
    problems: list[Problem] = []
    for inc in rows:
        values, stored = inc.values, current.get(inc.id)
        if stored is None or rank(values, table) <= rank(stored, table):
            continue  # new here, or it would change nothing
        changed = _changed(table, values, stored)
        if not changed:
            continue
        if table == COMMENTS:
            problems.append(Problem(table, inc.id, "", COMMENT_FIXED, {}, COMMENT_REASON))
            continue
        if table == MESSAGES:
            why, field = MESSAGE_FIXED, ""
        elif "deleted" in changed:
            why, field = DELETED, "deleted"
        elif changed == {"closed_on"} and values["closed_on"] is not None:
            # The city closes its request: the one change a request takes (the office and a
            # laptop that both closed it give two days, and the later version wins).
            continue
        elif "closed_on" in changed and values["closed_on"] is None:
            why, field = REOPENED, "closed_on"
        else:
            why, field = REWRITTEN, ""
        problems.append(Problem(table, inc.id, field, why, {}, REASON))
    return problems


def judged(own_role: Role, sender_role: Role) -> bool:
    """The hub judges what a municipality sends (its own rows and those it relays), and the
    office what its field laptop sends: a laptop's rewrite would win at the office by its
    stamp, and the hub would refuse every later bundle of the office for it, with no form to
    write the words back."""
    return (own_role, sender_role) in (
        (Role.HUB, Role.MUNICIPALITY),
        (Role.MUNICIPALITY, Role.FIELD),
        (Role.MUNICIPALITY, Role.HUB),  # the hub's answers are written once, as the city's words
    )
