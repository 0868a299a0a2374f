"""Fields a record takes from the record it hangs on, kept so at the import as in the services.

The services fill some fields of a record from the one it belongs to and never change them
afterwards: an implementation report's proposal and kind are its due's
(``fund_money.submit_due_report``), and a due is never changed. A bundle is held to the result:
every such record it writes agrees with the record it names, as that record will stand after the
import (in the bundle or held here). Otherwise a municipality could answer one proposal's overdue
report with another proposal's, and the hub's overdue list would count it as submitted.

Only rows that change something are judged (new here, or outranking the version held), as in the
other judges: a stale copy changes nothing. What the rows say is kept (a few ids per record) and
judged once the whole bundle is read.

Not every derived field can be held so. An action item's team is its meeting's when it is made,
but an office may move a meeting (then without items) to another team while its field laptop,
offline, adds an item under the team it knew: both steps were allowed, and a rule would refuse
the two PCs' bundles to each other for good. Such an item keeps its team (it only files the item
under another team of the same municipality in the action items list); likewise an attendance
row is not held to its member's present team, a member having moved teams since.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.i18n import N_
from hubdesk.sync.codec import MODELS, table_of
from hubdesk.sync.incoming import Incoming, Problem
from hubdesk.sync.merge import changing

CHUNK = 500


@dataclass(frozen=True)
class Rule:
    """``child.fields`` are ``parent.fields`` of the parent ``child.link`` names."""

    child: str
    link: str
    parent: str
    fields: tuple[str, ...]
    differs: str  # said of a child that disagrees


RULES: tuple[Rule, ...] = (
    Rule(
        "fund_reports", "due_id", "fund_reports_due", ("proposal_id", "kind"),
        N_("it answers a report due of another proposal, or of another kind"),
    ),
)  # fmt: skip
PARENTS = {rule.parent: rule for rule in RULES}
CHILDREN = {rule.child: rule for rule in RULES}


@dataclass
class Changes:
    """What a bundle writes of the records in ``RULES``, judged at its end."""

    # parent table -> parent id -> its fields after the import
    parents: dict[str, dict[str, tuple[Any, ...]]] = field(default_factory=dict)
    # child table -> child id -> (parent id, its fields)
    children: dict[str, dict[str, tuple[str, tuple[Any, ...]]]] = field(default_factory=dict)


def gather(
    found: Changes, table: str, rows: list[Incoming], current: Mapping[str, dict[str, Any]]
) -> None:
    """Keep what one batch writes of parents' and children's fields."""
    if table in PARENTS:
        names = PARENTS[table].fields
        kept = found.parents.setdefault(table, {})
        for inc, _held in changing(table, rows, current):
            if not inc.values["deleted"]:
                kept[inc.id] = tuple(inc.values[n] for n in names)
    if table in CHILDREN:
        rule = CHILDREN[table]
        children = found.children.setdefault(table, {})
        for inc, _held in changing(table, rows, current):
            if not inc.values["deleted"] and inc.values[rule.link] is not None:
                values = tuple(inc.values[n] for n in rule.fields)
                children[inc.id] = (inc.values[rule.link], values)


def judge(session: Session, found: Changes) -> list[Problem]:
    """A problem for each child that disagrees with its parent as it stands after the import."""
    problems: list[Problem] = []
    for rule in RULES:
        children = found.children.get(rule.child, {})
        if not children:
            continue
        expected = dict(found.parents.get(rule.parent, {}))
        missing = sorted({p for p, _values in children.values() if p not in expected})
        expected.update(_held(session, rule, missing))
        for child_id, (parent_id, values) in sorted(children.items()):
            wanted = expected.get(parent_id)
            if wanted is not None and values != wanted:
                problems.append(Problem(rule.child, child_id, rule.fields[0], rule.differs))
    return problems


def _held(session: Session, rule: Rule, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    t = table_of(MODELS[rule.parent])
    out: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        query = select(t.c.id, *(t.c[n] for n in rule.fields)).where(t.c.id.in_(chunk))
        out.update({row[0]: tuple(row[1:]) for row in session.execute(query)})
    return out
