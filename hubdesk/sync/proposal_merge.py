"""A fund proposal and its budget, workplan and indicators end in one state after a merge.

A proposal deleted on one PC while the other edited it or one of its budget lines, workplan
activities or indicators comes back with the parts its deletion took along, when a change the
deleter had not seen survived the merge; otherwise the deletion wins for all (``group_merge.py``,
the rule for every record whose deletion takes others along). ``services/fund.tombstone_proposal``
writes the proposal's tombstone and those of its parts with one stamp, which tells what it took
along.

Only a draft is deleted (``fund.delete_proposal``), so a deletion has no status change to take
along; one it tombstoned anyway never comes back, for a status change is written once and never
changed (``proposal_import`` refuses a rewrite). Nothing comes back either that the fund's rule
book would not let the municipality change now (``fund_workflow.may_change``): a proposal that
is no longer a draft or sent back for changes (the office submitted the draft its laptop
deleted) stays as it is, and so do its parts. Nor does a part under an earlier submission number
than its proposal's: that is the part ``proposal_parts`` deletes once the import is merged (a
laptop's part of a draft its office has since submitted), so the two rules agree and never undo
each other. For the same reason such a part, alive under a deleted proposal, is no change that
brings the proposal back. Since a deletion ranks below every submitted version
(``merge.SUBMISSION_NUMBER``), a deleted proposal is a draft under number 0, and every part it
took along carries that number too.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from hubdesk.services.context import ServiceContext
from hubdesk.services.fund_workflow import may_change
from hubdesk.sync.group_merge import Allows, Group, Values
from hubdesk.sync.proposal_parts import TABLES

PROPOSALS = "fund_proposals"


def _not_outranked(_table: str, values: Values, proposal: Values) -> bool:
    """A part under its proposal's submission number (or the proposal itself)."""
    return int(values["submission"] or 0) >= int(proposal["submission"] or 0)


def _open(_session: Session, _ctx: ServiceContext, _held: dict[str, Values]) -> Allows:
    def allows(table: str, values: Values, proposal: Values) -> bool:
        editable = may_change(table, proposal["status"], ("deleted",))
        return editable and _not_outranked(table, values, proposal)

    return allows


GROUP = Group(
    PROPOSALS, "proposal_id", TABLES, ("reference", "title"), _open, survives=_not_outranked
)
