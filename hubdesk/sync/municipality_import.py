"""A municipality's own record (its name, country and currency) as an import judges it.

The window keeps two rules on it: only the municipality's own PC renames it
(``installation.names_municipality``; a field laptop follows its office), and its country, with
the currency that follows it, changes only while no record exists (``installation.country_lock``:
every amount recorded is in the currency of its day, and another currency under them would turn
50,000 denars into 50,000 euros in every report). A bundle is judged by the same two rules for a
version that would replace the one held: a field laptop's version that changes what the record
says is refused at its office and, relayed, at the hub; and a change of country or currency, or
a deletion (which no window offers), is refused while this PC holds records of that
municipality.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.i18n import N_
from hubdesk.sync import scope
from hubdesk.sync.codec import MODELS, table_of
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import changing, rank

TABLE = "municipalities"
SAID = ("name", "name_other_script", "country", "currency", "deleted")  # what the record says
MONEY = ("country", "currency")
LAPTOP_CHANGE = N_(
    "only the municipality's own PC changes its name or country; a field laptop follows it"
)
KEPT = N_("a municipality's record is not deleted while its records are kept")
COUNTRY_LOCKED = N_(
    "the country cannot change once records exist: their amounts are in {currency}, and "
    "another country would change the currency under them"
)


def check_rows(
    session: Session,
    rows: list[Incoming],
    current: Mapping[str, dict[str, Any]],
    laptops: Collection[str],
) -> list[Problem]:
    """Why versions of municipalities' records in one batch may not replace those held.
    ``laptops``: the field laptops among this bundle's authors."""
    problems: list[Problem] = []
    for inc in rows:
        values, held = inc.values, current.get(inc.id)
        if held is None or rank(values, TABLE) <= rank(held, TABLE):
            continue  # new here, or it would change nothing
        changed = [name for name in SAID if values[name] != held[name]]
        if not changed:
            continue
        if values["updated_by"] in laptops:
            problems.append(
                Problem(TABLE, inc.id, changed[0], LAPTOP_CHANGE, reason="out_of_scope")
            )
        elif values["deleted"] and _holds_records(session, inc.id):
            problems.append(Problem(TABLE, inc.id, "deleted", KEPT))
        elif any(name in MONEY for name in changed) and _holds_records(session, inc.id):
            problems.append(
                Problem(TABLE, inc.id, "country", COUNTRY_LOCKED, {"currency": held["currency"]})
            )
    return problems


def laptops_among(signer: str, signer_is: str, allowed: Collection[str]) -> set[str]:
    """The field laptops among a bundle's authors: the signer itself when it is a laptop, the
    delegates a municipality vouches for (its laptops) when it is the office."""
    if signer_is == "field":
        return {signer}
    if signer_is == "municipality":
        return set(allowed) - {signer}
    return set()


def _holds_records(session: Session, municipality_id: str) -> bool:
    """Whether this PC holds any record of the municipality (its own record aside)."""
    for table, (column, parent) in scope.OWNER.items():
        if parent is not None or table == TABLE:
            continue  # a child record has its parent, which is checked
        t = table_of(MODELS[table])
        found = session.execute(select(t.c.id).where(t.c[column] == municipality_id).limit(1))
        if found.first() is not None:
            return True
    return False


def currencies(rows: list[Incoming], current: Mapping[str, dict[str, Any]]) -> dict[str, str]:
    """The currency each municipality record of a batch will have after the import."""
    return {
        inc.id: inc.values["currency"]
        for inc, _held in changing(TABLE, rows, current)
        if isinstance(inc.values.get("currency"), str)
    }


def names(
    rows: list[Incoming], current: Mapping[str, dict[str, Any]]
) -> dict[str, tuple[str, ...]]:
    """The names (in both scripts) each municipality record of a batch will have after it."""
    return {
        inc.id: tuple(inc.values[n] for n in ("name", "name_other_script") if inc.values.get(n))
        for inc, _held in changing(TABLE, rows, current)
    }


def held_names(session: Session, ids: Collection[str]) -> dict[str, tuple[str, ...]]:
    """The names of the municipalities held here among ``ids``."""
    t = table_of(MODELS[TABLE])
    query = select(t.c.id, t.c.name, t.c.name_other_script).where(t.c.id.in_(sorted(ids)))
    return {row[0]: tuple(n for n in row[1:] if n) for row in session.execute(query)}
