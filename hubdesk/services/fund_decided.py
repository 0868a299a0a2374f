"""Which decision stands on a proposal: its newest. Kept apart from ``fund`` (forms, rules)
so the dashboard's worker reads the approved amounts without importing them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from hubdesk.domain import FundDecision


def newest_decisions() -> Any:
    """Each decided proposal's newest decision, as (proposal_id, version): the decision that
    stands (the dashboard's approved amounts and the list of approved proposals alike)."""
    return (
        select(FundDecision.proposal_id, func.max(FundDecision.version).label("version"))
        .where(~FundDecision.deleted)
        .group_by(FundDecision.proposal_id)
        .subquery()
    )


def newest_approved() -> Select[Any]:
    """The proposals whose standing decision approved them, at whatever stage since."""
    newest = newest_decisions()
    return (
        select(FundDecision.proposal_id)
        .join(
            newest,
            (newest.c.proposal_id == FundDecision.proposal_id)
            & (newest.c.version == FundDecision.version),
        )
        .where(~FundDecision.deleted, FundDecision.outcome == "approved")
    )
