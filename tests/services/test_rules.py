"""The rule book itself: each new value rule, its limits at the edge, and the column form of
every rule never accepting a table the row form refuses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubdesk.domain.enums import COUNT_COLUMNS
from hubdesk.services import rules
from hubdesk.services import team as team_service
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.rules import fund, meetings, team, youth
from hubdesk.services.rules.base import COUNT_MAX, LONG_TEXT_MAX, MONEY_MAX, keeps_all


def fields(problems: list[Any]) -> list[str]:
    return [p.field for p in problems]


@pytest.mark.parametrize(
    ("values", "bad"),
    [
        ({"name": "CAT\x00"}, True),
        ({"name": "CAT\n"}, True),
        ({"name": "CAT\t"}, True),
        ({"name": "CAT\x9b"}, True),
        ({"name": "CAT \ud800"}, True),  # a lone surrogate: no Unicode text
        ({"name": "\u200b"}, True),  # a zero-width space: looks filled in, shows nothing
        ({"name": "CAT \u202eavon"}, True),  # drawn right to left: reads "CAT nova"
        ({"name": "CAT\u2066x\u2069"}, True),
        ({"name": "\ufeffCAT"}, True),
        ({"name": "Čair – CAT ✓"}, False),
        ({"mandate_ref": "x" * 200}, False),
        ({"mandate_ref": "x" * 201}, True),
        ({"established_on": dt.date(1899, 12, 31)}, True),
        ({"established_on": dt.date(1900, 1, 1)}, False),
        ({"established_on": dt.date(2100, 12, 31)}, False),
        ({"established_on": dt.date(9999, 1, 1)}, True),
    ],
)
def test_team_texts_and_dates(values: dict[str, Any], bad: bool) -> None:
    assert bool(team.check_team(values)) is bad


def test_long_texts_keep_line_breaks_and_tabs_and_a_limit() -> None:
    assert team.check_member({"trainings": "first\n\tsecond\r\n"}) == []
    assert fields(team.check_member({"trainings": "a\x00"})) == ["trainings"]
    assert team.check_member({"notes": "x" * LONG_TEXT_MAX}) == []
    assert fields(team.check_member({"notes": "x" * (LONG_TEXT_MAX + 1)})) == ["notes"]


def test_code_lists_name_each_code_once() -> None:
    twice = meetings.check_meeting({"pillars": ["peer_learning", "peer_learning"]})
    assert fields(twice) == ["pillars"] and twice[0].params == {"value": "peer_learning"}
    assert meetings.check_meeting({"pillars": ["peer_learning", "youth_engagement"]}) == []


def test_moments_in_plausible_years() -> None:
    late = dt.datetime(2101, 1, 1, tzinfo=dt.UTC)
    assert fields(meetings.check_meeting({"starts_at": late})) == ["starts_at"]
    ok = dt.datetime(2100, 12, 31, 23, 59, tzinfo=dt.UTC)
    assert meetings.check_meeting({"starts_at": ok}) == []


def test_one_limit_for_every_count_and_amount() -> None:
    grid = {name: 0 for name in COUNT_COLUMNS} | {"participants_total": 0, "marginalised": 0}
    assert youth.check_activity({**grid, "participants_total": COUNT_MAX + 1}) != []
    assert fields(fund.check_budget_line({"quantity": COUNT_MAX + 1})) == ["quantity"]
    assert fund.check_budget_line({"quantity": COUNT_MAX}) == []
    assert fields(fund.check_budget_line({"unit_cost_minor": MONEY_MAX + 1})) == ["unit_cost_minor"]
    assert fields(fund.check_proposal({"cofunding_minor": MONEY_MAX + 1})) == ["cofunding_minor"]
    line = {"quantity": 1_000, "unit_cost_minor": MONEY_MAX // 1_000}
    assert fund.check_budget_line(line) == []
    assert fields(fund.check_budget_line({**line, "quantity": 1_001})) == ["unit_cost_minor"]
    assert meetings.check_decision({"position": COUNT_MAX}) == []
    assert fields(meetings.check_decision({"position": COUNT_MAX + 1})) == ["position"]


@pytest.mark.parametrize(
    "amounts",
    [
        [(1_000, MONEY_MAX // 1_000)],
        [(1, 5), (1_001, 10**9)],
        [(None, 10**12), (2, None)],
        [(COUNT_MAX, MONEY_MAX)],
    ],
)
def test_column_form_of_a_line_s_amount_is_its_row_form(
    amounts: list[tuple[int | None, int | None]],
) -> None:
    (rule,) = [r for r in fund.BUDGET_LINE if r.fields == ("quantity", "unit_cost_minor")]
    rows = [{"quantity": q, "unit_cost_minor": c} for q, c in amounts]
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    clean = all(fund.check_budget_line(r) == [] for r in rows)
    assert keeps_all([rule], columns, rows) is clean


def test_grid_rule_and_its_fill_in_are_one() -> None:
    grid = {name: 0 for name in COUNT_COLUMNS} | {"marginalised": 0}
    grid[COUNT_COLUMNS[0]], grid[COUNT_COLUMNS[-1]] = 2, 3
    assert youth.grid_total(grid) == 5
    assert youth.grid_problem({**grid, "participants_total": 5}) is None
    problem = youth.grid_problem({**grid, "participants_total": 6})
    assert problem is not None and problem.params == {"grid": 5, "total": 6}


def test_service_refuses_the_new_rules(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught:
        team_service.create_team(ctx, {"name": "CAT\x00", "kind": "cat"})
    assert caught.value.field == "name"
    with pytest.raises(ValidationError) as caught:
        team_service.create_team(
            ctx, {"name": "CAT", "kind": "cat", "established_on": dt.date(9999, 1, 1)}
        )
    assert caught.value.field == "established_on"


def test_service_refuses_text_that_is_not_unicode(ctx: ServiceContext) -> None:
    """A lone surrogate (a name typed on a command line in another encoding) is refused with
    the control-character message; written, it stopped the database write with a traceback."""
    with pytest.raises(ValidationError) as caught:
        team_service.create_team(ctx, {"name": "CAT \udcff", "kind": "cat"})
    assert caught.value.field == "name"
    assert "control character" in str(caught.value.errors[0].message)
    cat = team_service.create_team(ctx, {"name": "CAT", "kind": "cat"}).id
    member = {"team_id": cat, "name": "Ana", "sector": "education", "role": "member",
              "gender": "female", "notes": "first\n\udcffsecond"}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        team_service.create_member(ctx, member)
    assert caught.value.field == "notes"


def _rows(kind: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    count = st.sampled_from([0, 1, 3, COUNT_MAX, COUNT_MAX + 1])
    text = st.sampled_from(["ok", "", " ", "a\x00", "a\nb", "x" * 201])
    day = st.sampled_from([dt.date(1899, 1, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1),
                           dt.date(9999, 1, 1)])  # fmt: skip
    row = st.fixed_dictionaries(
        {
            "title": text,
            "activity_type": st.sampled_from(["dialogue", "bogus"]),
            "pillars": st.sampled_from([[], ["peer_learning"], ["peer_learning"] * 2]),
            "starts_on": day,
            "ends_on": st.one_of(st.none(), day),
            "place": text,
            "partners": text,
            "outcome": text,
            "decision_note": text,
            "updated_at": st.just(dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
            "participants_total": count,
            "marginalised": count,
            **{name: count for name in COUNT_COLUMNS},
        }
    )
    return st.lists(row, min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(rows=_rows("youth_activities"))
def test_column_form_never_accepts_what_the_row_form_refuses(rows: list[dict[str, Any]]) -> None:
    columns = {name: [r[name] for r in rows] for name in rows[0]}
    if rules.check_columns("youth_activities", columns, rows):
        assert all(rules.check("youth_activities", r) == [] for r in rows)
    else:
        clean = all(rules.check("youth_activities", r) == [] for r in rows)
        # The column form may send a clean table row by row, but not for these simple values.
        assert not clean


def test_json_nested_past_what_python_reads_is_a_clear_problem() -> None:
    """A call's criteria and a questionnaire's questions are JSON in a column that a bundle
    fills: nested a thousand deep, the rule answers, rather than stopping with a traceback."""
    from hubdesk.services.rules.calls import criteria_problem
    from hubdesk.services.rules.needs import BAD_QUESTIONS, questions_problem

    deep = "[" * 1000 + "]" * 1000
    assert criteria_problem(deep) == "The review criteria are not a valid list."
    assert questions_problem(deep) == BAD_QUESTIONS
