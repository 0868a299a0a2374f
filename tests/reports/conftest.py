"""Fixtures of the report tests (helpers live in ``report_samples``)."""

from __future__ import annotations

import pytest
from report_samples import Sample, make_sample

from hubdesk.services.context import ServiceContext


@pytest.fixture
def sample(ctx: ServiceContext) -> Sample:
    return make_sample(ctx)
