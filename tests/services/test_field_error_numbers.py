"""A refusal's amounts are written the way the window's language writes numbers; a year or a
row number in the same message is a name and stays as it is."""

from __future__ import annotations

import pytest

from hubdesk.i18n import language
from hubdesk.services import team
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import FieldError, ValidationError


@pytest.mark.parametrize(("code", "written"), [("en", "5,000"), ("mk", "5.000")])
def test_a_length_over_the_limit_is_written_in_the_languages_way(
    ctx: ServiceContext, code: str, written: str
) -> None:
    cat = team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id
    member = {"team_id": cat, "name": "x" * 5000, "organisation": "Municipality"}
    with pytest.raises(ValidationError) as refused:
        team.create_member(ctx, {**member, "sector": "local_government", "gender": "female"})
    with language(code):
        text = refused.value.by_field()["name"]
    assert written in text, text


def test_a_year_stays_a_year() -> None:
    error = FieldError("year", "{count} for {year}", {"count": 12000, "year": 2026})
    with language("mk"):
        assert error.text == "12.000 for 2026"
    assert FieldError("x", "{count}", {"count": True}).text == "True"
