"""An implementation's typed values saved together: all of them, or none when one is refused."""

from __future__ import annotations

import pytest
from proposal_filling import in_implementation

from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import NotFoundError, ValidationError
from hubdesk.services.fund_implementation import Implementation, save_implementation


def state(ctx: ServiceContext, proposal_id: str) -> tuple[object, ...]:
    lines = [line.spent_minor for line in fund.list_budget_lines(ctx, proposal_id)]
    results = [i.result for i in proposal_sections.list_indicators(ctx, proposal_id)]
    return fund.get_proposal(ctx, proposal_id).results, tuple(lines), tuple(results)


def test_every_part_saved_together(ctx: ServiceContext) -> None:
    proposal_id = in_implementation(ctx)
    [line] = fund.list_budget_lines(ctx, proposal_id)
    [indicator] = proposal_sections.list_indicators(ctx, proposal_id)
    save_implementation(
        ctx, proposal_id, Implementation({line.id: 500}, {indicator.id: 7}, "Done well")
    )
    assert state(ctx, proposal_id) == ("Done well", (500,), (7,))


def test_one_refused_value_saves_nothing_and_is_named(ctx: ServiceContext) -> None:
    proposal_id = in_implementation(ctx)
    [line] = fund.list_budget_lines(ctx, proposal_id)
    [indicator] = proposal_sections.list_indicators(ctx, proposal_id)
    before = state(ctx, proposal_id)
    with pytest.raises(ValidationError) as refused:
        save_implementation(
            ctx, proposal_id, Implementation({line.id: -5}, {indicator.id: 7}, "Done well")
        )
    assert refused.value.field == f"spent:{line.id}"
    assert state(ctx, proposal_id) == before


def test_another_proposals_line_is_not_taken(ctx: ServiceContext) -> None:
    mine, other = in_implementation(ctx), in_implementation(ctx, "Other")
    [line] = fund.list_budget_lines(ctx, other)
    with pytest.raises(NotFoundError):
        save_implementation(ctx, mine, Implementation({line.id: 500}, {}, "Done"))
    assert state(ctx, mine)[0] is None or state(ctx, mine)[0] == ""
    assert state(ctx, other)[1] == (None,)
