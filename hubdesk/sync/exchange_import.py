"""A municipality's part of a peer exchange names another city, at the import as in the form.

``exchanges.create_part`` refuses a part that names the city itself as its host or partner: the
hub would show the visit as hosted by the city that made it, count it so per city
(``exchanges_per_city``, the regional report) and join it with the city's own exchanges of those
days. A bundle is held to the same for the parts it writes (new here, or outranking the version
held), judged by the names of the part's municipality as they stand after the import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from hubdesk.services.exchanges import ITSELF, naming_itself
from hubdesk.sync import municipality_import
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import changing

TABLE = "exchange_parts"


def check_rows(
    session: Session,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
    named: Mapping[str, tuple[str, ...]],
) -> list[Problem]:
    """Why parts of one batch may not be written: they name their own city as the other.
    ``named``: the names of the municipality records in this bundle so far."""
    written = [inc for inc, _held in changing(TABLE, rows, current) if not inc.values["deleted"]]
    owners = {inc.values["municipality_id"] for inc in written}
    names = dict(municipality_import.held_names(session, owners - set(named)))
    names.update({o: named[o] for o in owners & set(named)})
    problems = []
    for inc in written:
        found = naming_itself(inc.values, names.get(inc.values["municipality_id"], ()))
        if found is not None:
            problems.append(Problem(TABLE, inc.id, found[0], ITSELF, {"name": found[1]}))
    return problems
