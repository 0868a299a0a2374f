"""One needs assessment per municipality and year at the hub, as the services keep it.

The needs map, its tile and the reports read one submitted assessment per municipality and year
(``services/needs_map.py``). The services submit a second one for a year only as a correction of
the first (``needs.submit_assessment``), so a municipality's bundle that would give the hub two
submitted assessments for one year is refused whole: which of the two the map showed would
otherwise be chance. A draft never leaves the municipality (``scope.HELD_FROM_HUB``), so one
in a bundle to the hub is refused too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from hubdesk.domain.needs import AssessmentStatus
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


def check_rows(
    session: Session,
    rows: list[Incoming],
    seen: dict[tuple[str, int], str],
    current: Mapping[str, dict[str, Any]],
) -> list[Problem]:
    """Why submitted assessments of one batch may not reach the hub; ``seen`` keeps those of
    the bundle's earlier batches, (municipality, year) -> id."""
    del current  # judged by what is submitted, not by what it was
    problems: list[Problem] = []
    for inc in rows:
        values = inc.values
        if values["deleted"]:
            continue
        if values["status"] != AssessmentStatus.SUBMITTED:  # never sent (scope.HELD_FROM_HUB)
            problems.append(Problem(TABLE, inc.id, "status", DRAFT, {}, REASON))
            continue
        key = (values["municipality_id"], values["year"])
        other = seen.setdefault(key, inc.id)
        held = submitted_for(session, key[0], key[1], besides=inc.id)
        if other != inc.id or held is not None:
            problems.append(Problem(TABLE, inc.id, "year", TWICE, {"year": key[1]}, REASON))
    return problems
