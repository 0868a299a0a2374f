"""The form path and the bundle path judge workplan activities, indicators and the proposal's
new texts alike (the same edge values as ``test_rules_paths``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rules_paths import COUNTS, DATES, bundle_refuses, choices, texts

from hubdesk.services import fund, proposal_sections
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.rules.base import LONG_TEXT_MAX
from hubdesk.sync.codec import encode_record

Create = Callable[[ServiceContext, str, dict[str, Any]], Any]
KINDS: dict[str, tuple[Create, dict[str, Any], dict[str, list[Any]]]] = {
    "proposal_activities": (
        proposal_sections.add_activity,
        {"title": "Workshops", "starts_on": dt.date(2024, 2, 1), "ends_on": dt.date(2024, 3, 1),
         "responsible": "Youth council", "description": ""},
        {"title": texts(200), "responsible": texts(200), "description": texts(LONG_TEXT_MAX),
         "starts_on": DATES, "ends_on": DATES},
    ),
    "proposal_indicators": (
        proposal_sections.add_indicator,
        {"name": "Young people", "unit": "people", "gender": "female", "age_band": "15_19",
         "baseline": 0, "target": 40, "verification": ""},
        {"name": texts(200), "unit": texts(60), "verification": texts(300),
         "gender": [*choices("female", "male")[:2], "no_such_choice"],
         "age_band": ["15_19", "30p", "no_such_choice"], "baseline": COUNTS, "target": COUNTS},
    ),
    "fund_proposals": (
        lambda ctx, _proposal, data: fund.create_proposal(ctx, data),
        {"title": "Youth corner", "summary": ""},
        {name: texts(LONG_TEXT_MAX) for name in ("need", "dnh_risks", "dnh_stigma", "summary_en")},
    ),
}  # fmt: skip


def form_refuses(create: Create, ctx: ServiceContext, proposal: str, data: dict[str, Any]) -> Any:
    try:
        create(ctx, proposal, data)
    except ValidationError as exc:
        return {e.field for e in exc.errors}
    return None


@pytest.mark.parametrize("kind", list(KINDS))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_form_and_bundle_refuse_the_same_section_records(
    ctx: ServiceContext, kind: str, data: st.DataObject
) -> None:
    create, good_form, edges = KINDS[kind]
    proposal = fund.create_proposal(ctx, {"title": "Safe schools"}).id
    good = encode_record(create(ctx, proposal, good_form))
    assert bundle_refuses(good, kind, "id", good["id"]) is None
    field = data.draw(st.sampled_from(sorted(edges)), label="field")
    value = data.draw(st.sampled_from(edges[field]), label="value")
    by_form = form_refuses(create, ctx, proposal, {**good_form, field: value})
    by_bundle = bundle_refuses(good, kind, field, value)
    assert (by_form is None) == (by_bundle is None), (field, value, by_form, by_bundle)
    if by_form is not None:
        assert by_form == by_bundle, (field, value)
