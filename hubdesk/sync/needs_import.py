"""One needs assessment per municipality and year at the hub, as the services keep it.

The needs map, its tile and the reports read one submitted assessment per municipality and year
(``services/needs_map.py``). The services submit a second one for a year only as a correction of
the first (``needs.submit_assessment``), so a municipality's bundle that would give the hub two
submitted assessments for one year is refused whole: which of the two the map showed would
otherwise be chance. A draft never leaves the municipality (``scope.HELD_FROM_HUB``), so one
in a bundle to the hub is refused too.

For the same reason the office refuses its field laptop's proposal or training that names the
need of an assessment not submitted here (``check_laptop_links``, the services' rule,
``services/needs_link.py``): the hub would refuse every later bundle of the office for the
link to a record it never gets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.domain.needs import AssessmentStatus, NeedsAssessment
from hubdesk.i18n import N_
from hubdesk.services.needs import submitted_for
from hubdesk.sync.incoming import Incoming, Problem

TABLE = "needs_assessments"
REASON = "invalid_record"
TWICE = N_(
    "the hub already holds this municipality's submitted needs assessment for {year}; "
    "a change to it is a correction of that one"
)
DRAFT = N_("a draft needs assessment stays with its municipality until it is submitted")
# The services never change the day an assessment was submitted (a correction keeps it,
# ``needs.as_correction``): only a forged row moves it, misstating when the municipality answered.
MOVED = N_("it moves the day a submitted needs assessment was submitted; a correction keeps it")
# The records that name the need they answer, and the column that names its assessment.
NAMING = frozenset({"fund_proposals", "trainings"})
LINK = "need_assessment_id"
NOT_SUBMITTED = N_(
    "it names a need of a needs assessment that is not submitted; only a submitted "
    "assessment's needs are named, since the hub never receives a draft"
)


def check_rows(
    session: Session,
    rows: list[Incoming],
    seen: dict[tuple[str, int], str],
    current: Mapping[str, dict[str, Any]],
) -> list[Problem]:
    """Why submitted assessments of one batch may not reach the hub; ``seen`` keeps those of
    the bundle's earlier batches, (municipality, year) -> id, and ``current`` the rows held
    here (whose day of submission stays)."""
    problems: list[Problem] = []
    for inc in rows:
        values = inc.values
        if values["deleted"]:
            continue
        if values["status"] != AssessmentStatus.SUBMITTED:  # never sent (scope.HELD_FROM_HUB)
            problems.append(Problem(TABLE, inc.id, "status", DRAFT, {}, REASON))
            continue
        stored = current.get(inc.id)
        if (
            stored is not None
            and stored["status"] == AssessmentStatus.SUBMITTED
            and stored["submitted_on"] != values["submitted_on"]
        ):
            problems.append(Problem(TABLE, inc.id, "submitted_on", MOVED, {}, REASON))
            continue
        key = (values["municipality_id"], values["year"])
        other = seen.setdefault(key, inc.id)
        held = submitted_for(session, key[0], key[1], besides=inc.id)
        if other != inc.id or held is not None:
            problems.append(Problem(TABLE, inc.id, "year", TWICE, {"year": key[1]}, REASON))
    return problems


def check_laptop_links(
    session: Session, table: str, rows: list[Incoming], current: Mapping[str, dict[str, Any]]
) -> list[Problem]:
    """At the office: a field laptop's proposal or training that names a need names one of a
    submitted assessment held here (a laptop submits none). Only a link the row sets anew is
    judged."""
    named = {
        inc.id: inc.values[LINK]
        for inc in rows
        if not inc.values["deleted"]
        and inc.values[LINK] is not None
        and (inc.id not in current or current[inc.id][LINK] != inc.values[LINK])
    }
    if not named:
        return []
    query = select(NeedsAssessment.id).where(
        NeedsAssessment.id.in_(sorted(set(named.values()))),
        NeedsAssessment.status == AssessmentStatus.SUBMITTED.value,
        ~NeedsAssessment.deleted,
    )
    submitted = set(session.scalars(query))
    return [
        Problem(table, record_id, LINK, NOT_SUBMITTED, {}, "broken_link")
        for record_id, target in named.items()
        if target not in submitted
    ]
