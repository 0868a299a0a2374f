"""A good practice's submissions, kept at the hub's import as the services keep them.

The services let a city change a good practice only while it is a draft or after the hub
returned it, and send it to the hub only by submitting it, each submission numbered
(``practices.update_practice``, ``submit_practice``); a draft stays home
(``scope.HELD_FROM_HUB``), and a practice the hub received is never deleted
(``practices.delete_practice``). The hub's answer counts only for the submission it names.

A municipality's bundle is held to the same at the hub, or a city could change a text the hub
is reading or has accepted without submitting it again, resubmit a practice the hub accepted,
or slip in a draft. Such a bundle is refused whole and changes nothing. A deletion or an earlier
submission number never outranks what the hub holds (``merge.SUBMISSION_NUMBER``), so it
cannot take the hub's answer away either. Only rows that would change something here are
judged: a copy sent again, or older than the version held, is no change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain import PracticeCuration
from hubdesk.domain.base import Synced
from hubdesk.domain.enums import Role
from hubdesk.domain.peers import CurationDecision, PracticeState, PracticeStatus
from hubdesk.i18n import N_
from hubdesk.sync.codec import CODECS
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import rank

TABLE = "good_practices"
REASON = "locked_practice"
# The sync metadata is not the city's words (a deletion is).
IGNORED = frozenset(Synced.SYNC_FIELDS) - {"deleted"}

DRAFT = N_("a draft good practice stays with its city until it is submitted")
UNNUMBERED = N_("a good practice reaches the hub only by being submitted, and this one never was")
REWRITTEN = N_(
    "it changes a good practice the hub has received without submitting it again; a city "
    "changes a good practice while it is a draft or after the hub returns it"
)
NOT_RETURNED = N_(
    "it submits a good practice again that the hub has not returned (it is '{state}' here)"
)


def judged(own_role: Role, sender_role: Role) -> bool:
    """The hub judges what a municipality sends (its own rows and those it relays)."""
    return own_role is Role.HUB and sender_role is Role.MUNICIPALITY


def _changed(new: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    return any(new[c] != old[c] for c in CODECS[TABLE].columns if c not in IGNORED)


def _answer(session: Session, practice_id: str, submission: int) -> str | None:
    """The hub's decision on one submission of a practice, None while it has not answered."""
    query = (
        select(PracticeCuration.decision)
        .where(
            PracticeCuration.practice_id == practice_id,
            PracticeCuration.submission == submission,
            ~PracticeCuration.deleted,
        )
        .order_by(PracticeCuration.version.desc())
        .limit(1)
    )
    return session.scalar(query)


def check_rows(
    session: Session,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
) -> list[Problem]:
    """Why rows of one batch of good practices may not reach the hub (none when all may)."""
    problems: list[Problem] = []
    for inc in rows:
        values, stored = inc.values, current.get(inc.id)

        def refuse(msgid: str, field: str = "status", **params: Any) -> None:
            problems.append(Problem(TABLE, inc.id, field, msgid, params, REASON))  # noqa: B023

        if not values["deleted"] and values["status"] == PracticeStatus.DRAFT:
            refuse(DRAFT)
            continue
        if stored is None:
            if not values["deleted"] and values["submission"] < 1:
                refuse(UNNUMBERED, "submission")
            continue
        if rank(values, TABLE) <= rank(stored, TABLE) or not _changed(values, stored):
            continue  # it would change nothing here
        # A deletion or an earlier number ranks below what the hub holds (merge.rank).
        held, given = stored["submission"], values["submission"]
        if given == held:
            refuse(REWRITTEN, "")
        else:
            answer = _answer(session, inc.id, held)
            if answer != CurationDecision.RETURNED:
                state = PracticeState.ACCEPTED if answer is not None else PracticeState.SUBMITTED
                refuse(NOT_RETURNED, "submission", state=state.label)
    return problems
