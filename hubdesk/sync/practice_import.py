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


AHEAD = N_(
    "it numbers a good practice's submission {number}, more than one above the submission "
    "held here ({held})"
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
                refuse(NOT_RETURNED, "submission", state=_state_of(answer).label)
    return problems


def _state_of(answer: str | None) -> PracticeState:
    return PracticeState.ACCEPTED if answer is not None else PracticeState.SUBMITTED


def check_laptop_rows(
    session: Session,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
) -> list[Problem]:
    """At the office: a field laptop's version of a practice that wins here (the number
    outranks the clock, ``merge.SUBMISSION_NUMBER``) must carry a number the laptop's window
    could have given it. Otherwise it wins at the office too, and the office sends the hub, in
    every bundle, a submission the hub refuses, with no way to take the number back: a
    practice numbered ahead of the office, submitted again before the hub returned the
    submission the office holds, or marked submitted without a number. Drafts, a laptop's
    first submission and its resubmission after the hub's return pass, and a late edit under
    an earlier number loses to the office's as a conflict.

    A version under the number the office holds is not refused: the office and its laptop
    submitting the same draft at once give two versions of one number, and refusing the
    laptop's would refuse every later bundle of the laptop. ``held_at_office`` keeps the
    office's version of such a number instead."""
    problems: list[Problem] = []
    for inc in rows:
        values, stored = inc.values, current.get(inc.id)
        if values["deleted"]:
            continue  # a deletion never outranks a submitted version (merge.rank)
        held = 0 if stored is None else stored["submission"]
        given = values["submission"]
        if stored is not None and (
            rank(values, TABLE) <= rank(stored, TABLE) or not _changed(values, stored)
        ):
            continue  # it would change nothing here
        if given < 1 and values["status"] == PracticeStatus.SUBMITTED:
            problems.append(Problem(TABLE, inc.id, "submission", UNNUMBERED, {}, REASON))
        elif given > held + 1:
            params = {"number": given, "held": held}
            problems.append(Problem(TABLE, inc.id, "submission", AHEAD, params, REASON))
        elif given == held + 1 and held > 0:
            answer = _answer(session, inc.id, held)
            if answer != CurationDecision.RETURNED:
                params = {"state": _state_of(answer).label}
                problems.append(Problem(TABLE, inc.id, "submission", NOT_RETURNED, params, REASON))
    return problems


def between_office_and_laptop(own_role: Role, sender_role: Role) -> bool | None:
    """For ``office_version``: True at the office for its laptop's bundle, False at the
    laptop for its office's, None for any other pair."""
    if own_role is Role.MUNICIPALITY and sender_role is Role.FIELD:
        return True
    if own_role is Role.FIELD and sender_role is Role.MUNICIPALITY:
        return False
    return None


def office_version(
    session: Session,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
    *,
    from_laptop: bool,
) -> dict[str, bool]:
    """Between an office and its field laptop: the practices where the office's version
    stands whatever the clocks say (for ``merge.merge_table``, which logs the other as a
    conflict). ``from_laptop``: the rows are the laptop's, at the office (the office's version
    is held and stays: False); else the office's, at the laptop (taken: True).

    Under one submission number the hub takes exactly one submitted text, and a version that
    rewrites it would make every later bundle of the office refused at the hub (``REWRITTEN``).
    So when both hold a version under the number of a submission, the office's stands where
    the laptop's is itself a submission of that number (the office and the laptop both
    submitted the draft they held, or a rewrite of what the hub is reading) or was written
    before the hub returned it. Edits after the hub's return are the city's again and go by
    the clock, as the laptop's form makes them (a draft under the returned number). The laptop
    takes the office's version in the same cases, so the two agree again."""
    settled: dict[str, bool] = {}
    for inc in rows:
        values, stored = inc.values, current.get(inc.id)
        if stored is None or values["deleted"] or stored["deleted"]:
            continue  # a deletion never outranks a submitted version (merge.rank)
        number = stored["submission"]
        if number < 1 or values["submission"] != number or not _changed(values, stored):
            continue
        laptop, office = (values, stored) if from_laptop else (stored, values)
        if (rank(laptop, TABLE) > rank(office, TABLE)) and (
            laptop["status"] == PracticeStatus.SUBMITTED
            or _answer(session, inc.id, number) != CurationDecision.RETURNED
        ):
            settled[inc.id] = not from_laptop
    return settled
