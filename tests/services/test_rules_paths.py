"""The form path and the bundle path judge one record alike: any record the services refuse,
the bundle import refuses too, and the other way round (for the rules of a single record).

Each example starts from a good record of one kind and gives one field an edge value (control
characters, texts at and over their limit, dates at and outside the plausible years, counts at
and over the limit, a grid that does not add up, a code twice, an unknown choice). The form path
is the service's create; the bundle path is the import's decoding and checking of a record.
Rules of the form alone are kept out of the values: "not in the future" for the days a person
joined or consented, an activity started and an engagement took place (it depends on today's
clock), and anything that needs the database.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubdesk import clock
from hubdesk.domain.enums import COUNT_COLUMNS
from hubdesk.services import community, engagements, fund, helpdesk, meetings, needs, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.errors import ValidationError
from hubdesk.services.rules.base import COMMENT_MAX, COUNT_MAX, LONG_TEXT_MAX
from hubdesk.sync.codec import CODECS, WITHHELD, encode_record
from hubdesk.sync.incoming import Problem, decode_rows

UTC = dt.UTC
TODAY = clock.today()


def texts(limit: int) -> list[Any]:
    return ["", "  ", "ok", "a\x00b", "a\nb", "a\tb", "a\r\nb", "a\x1b", "a\x7f", "a\x85",
            "a\ud800b", "x" * limit, "x" * (limit + 1), 7]  # fmt: skip


DATES = [dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(2024, 5, 1), dt.date(2100, 12, 31),
         dt.date(2101, 1, 1), dt.date(9999, 12, 31), dt.date(1, 1, 1)]  # fmt: skip
PAST_DATES = [d for d in DATES if d <= TODAY]
MOMENTS = [dt.datetime(1899, 12, 31, 23, tzinfo=UTC), dt.datetime(1900, 1, 1, tzinfo=UTC),
           dt.datetime(2024, 5, 1, 9, tzinfo=UTC), dt.datetime(2100, 12, 31, 23, tzinfo=UTC),
           dt.datetime(2101, 1, 1, tzinfo=UTC), dt.datetime(9999, 1, 1, tzinfo=UTC)]  # fmt: skip
COUNTS = [0, 1, 2, COUNT_MAX, COUNT_MAX + 1, -1]
PILLARS = [[], ["peer_learning"], ["peer_learning", "peer_learning"], ["no_such_pillar"],
           ["youth_engagement", "peer_learning"]]  # fmt: skip

THEMES = [[], ["hate_speech"], ["hate_speech", "hate_speech"], ["weather"]]


def choices(*good: str) -> list[Any]:
    return [*good, "", "no_such_choice"]


Kind = tuple[str, Callable[[ServiceContext, str], dict[str, Any]], dict[str, list[Any]]]
KINDS: dict[str, Kind] = {
    "teams": (
        "teams",
        lambda ctx, team_id: {"name": "CAT", "kind": "cat", "established_on": dt.date(2020, 1, 1)},
        {"name": texts(200), "kind": choices("cat", "council"), "established_on": DATES,
         "mandate_ref": texts(200)},
    ),
    "members": (
        "members",
        lambda ctx, team_id: {"team_id": team_id, "name": "Ana", "sector": "education",
                              "role": "member", "gender": "female",
                              "joined_on": dt.date(2020, 1, 1), "trainings": "",
                              "email": "", "phone": "", "notes": ""},
        {"name": texts(200), "organisation": texts(200), "sector": choices("education"),
         "gender": choices("female", "male"), "joined_on": PAST_DATES, "left_on": DATES,
         "consent_on": PAST_DATES, "trainings": texts(LONG_TEXT_MAX), "notes": texts(LONG_TEXT_MAX),
         "email": ["", "ana@example.mk", "not an address", "a\x00@b.mk"], "phone": texts(40)},
    ),
    "meetings": (
        "meetings",
        lambda ctx, team_id: {"team_id": team_id, "kind": "regular",
                              "starts_at": dt.datetime(2024, 3, 5, 9, tzinfo=UTC),
                              "ends_at": dt.datetime(2024, 3, 5, 11, tzinfo=UTC),
                              "pillars": ["peer_learning"], "agenda": "", "minutes": ""},
        {"kind": choices("regular"), "starts_at": MOMENTS, "ends_at": MOMENTS, "pillars": PILLARS,
         "place": texts(200), "agenda": texts(LONG_TEXT_MAX), "minutes": texts(LONG_TEXT_MAX)},
    ),
    "youth_activities": (
        "youth_activities",
        lambda ctx, team_id: {"title": "Forum", "activity_type": "dialogue",
                              "starts_on": dt.date(2024, 4, 2), "ends_on": dt.date(2024, 4, 3),
                              "participants_total": 3, "marginalised": 1,
                              "n_female_15_19": 2, "n_male_20_24": 1, "pillars": [],
                              "partners": "", "outcome": ""},
        {"title": texts(200), "activity_type": choices("dialogue"), "starts_on": PAST_DATES,
         "ends_on": DATES, "pillars": PILLARS, "participants_total": COUNTS,
         "marginalised": COUNTS, "n_female_15_19": COUNTS, COUNT_COLUMNS[-1]: COUNTS,
         "partners": texts(LONG_TEXT_MAX), "outcome": texts(LONG_TEXT_MAX),
         "themes": THEMES, "inc_roma": COUNTS, "inc_women": COUNTS},
    ),
    "community_activities": (
        "community_activities",
        lambda ctx, team_id: {"title": "Parents' evening", "activity_type": "awareness",
                              "starts_on": dt.date(2024, 4, 2), "participants_total": 3,
                              "n_female": 2, "n_male": 1, "inc_women": 0, "audiences": [],
                              "themes": [], "pillars": [], "partners": "", "outcome": ""},
        {"title": texts(200), "activity_type": choices("awareness"), "starts_on": PAST_DATES,
         "ends_on": DATES, "audiences": [[], ["parents"], ["parents", "parents"], ["nobody"]],
         "themes": THEMES, "participants_total": COUNTS, "n_female": COUNTS, "n_other": COUNTS,
         "inc_women": COUNTS, "inc_disability": COUNTS, "place": texts(200),
         "outcome": texts(LONG_TEXT_MAX)},
    ),
    "fund_proposals": (
        "fund_proposals",
        lambda ctx, team_id: {"title": "Youth corner", "reference": "", "summary": "",
                              "period_start": dt.date(2024, 1, 1),
                              "period_end": dt.date(2024, 6, 30), "pillars": []},
        {"title": texts(200), "summary": texts(LONG_TEXT_MAX), "problem": texts(LONG_TEXT_MAX),
         "pillars": PILLARS, "period_start": DATES, "period_end": DATES, "themes": THEMES},
    ),
    "engagements": (
        "engagements",
        lambda ctx, team_id: {"counterpart": "Ministry", "level": "national",
                              "kind": "consultation", "engaged_on": dt.date(2024, 4, 2),
                              "follow_up_on": dt.date(2024, 5, 2), "pillars": [],
                              "themes": [], "raised": "", "answer": ""},
        {"counterpart": texts(200), "level": choices("national"), "kind": choices("meeting"),
         "engaged_on": PAST_DATES, "follow_up_on": DATES, "pillars": PILLARS,
         "raised": texts(LONG_TEXT_MAX), "answer": texts(LONG_TEXT_MAX)},
    ),
    "helpdesk_requests": (
        "helpdesk_requests",
        lambda ctx, team_id: {"topic": "fund", "urgency": "normal", "subject": "Co-funding",
                              "question": "May we?", "asked_on": dt.date(2024, 4, 2),
                              "asked_by": "Ana"},
        {"subject": texts(200), "question": texts(COMMENT_MAX), "topic": choices("policy"),
         "urgency": choices("urgent", "low"), "asked_on": PAST_DATES, "asked_by": texts(120)},
    ),
    "needs_assessments": (
        "needs_assessments",
        lambda ctx, team_id: {"year": next(NEEDS_YEARS), "score_cooperation": 2,
                              "needs_cooperation": "", "structures": ["youth_council"],
                              "structures_other": ""},
        {"year": [1899, 2101, 0, -5], "score_cooperation": [0, 1, 4, 5, -1],
         "score_city_voices": [0, 3, 5], "needs_cooperation": texts(LONG_TEXT_MAX),
         "priorities_youth_engagement": texts(LONG_TEXT_MAX),
         "structures": [[], ["youth_council", "youth_council"], ["castle"], ["referral_mechanism"]],
         "structures_other": texts(LONG_TEXT_MAX)},
    ),
}  # fmt: skip

CREATE: dict[str, Callable[[ServiceContext, dict[str, Any]], Any]] = {
    "teams": team.create_team,
    "members": team.create_member,
    "meetings": meetings.create_meeting,
    "youth_activities": youth.create_activity,
    "community_activities": community.create_activity,
    "fund_proposals": fund.create_proposal,
    "engagements": engagements.create_engagement,
    "helpdesk_requests": helpdesk.ask,
    "needs_assessments": needs.create_assessment,
}
NEEDS_YEARS = itertools.count(1901)  # one assessment per municipality and year


def clear_keyed(ctx: ServiceContext, kind: str) -> None:
    """Delete the members, activities and engagements of earlier examples: the services refuse
    a second one with the same name and organisation, or title and start day, or counterpart
    and day (the spreadsheet import's key), a rule that needs the database and so is the
    form's alone."""
    from hubdesk.services.listing import Page

    if kind == "members":
        for member in team.list_members(ctx, team.MemberFilter(active=None), Page(limit=10_000)):
            team.delete_member(ctx, member.id)
    elif kind == "youth_activities":
        for done in youth.list_activities(ctx, youth.YouthFilter(), Page(limit=10_000)):
            youth.delete_activity(ctx, done.id)
    elif kind == "community_activities":
        for held in community.list_activities(ctx, community.CommunityFilter(), Page(limit=10_000)):
            community.delete_activity(ctx, held.id)
    elif kind == "engagements":
        for kept in engagements.list_engagements(
            ctx, engagements.EngagementFilter(), Page(limit=10_000)
        ):
            engagements.delete_engagement(ctx, kept.id)


def form_refuses(ctx: ServiceContext, kind: str, data: dict[str, Any]) -> set[str] | None:
    try:
        CREATE[kind](ctx, data)
    except ValidationError as exc:
        return {e.field for e in exc.errors}
    return None


def bundle_refuses(good: dict[str, Any], table: str, field: str, value: Any) -> set[str] | None:
    """The decoded, checked record the import would take, with ``field`` set to ``value``."""
    codec = CODECS[table]
    raw = dict(good)
    position = codec.columns.index(field)
    encode = codec.encoders[position]
    raw[field] = value if encode is None else encode(value)
    row = [raw[name] for name in codec.columns] + [[], []]
    problems: list[Problem] = []
    decode_rows(table, [row], problems)
    return {p.field for p in problems} or None


@pytest.fixture
def cat(ctx: ServiceContext) -> str:
    return team.create_team(ctx, {"name": "CAT Kumanovo", "kind": "cat"}).id


@pytest.mark.parametrize("kind", list(KINDS))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_form_and_bundle_refuse_the_same_records(
    ctx: ServiceContext, cat: str, kind: str, data: st.DataObject
) -> None:
    table, base, edges = KINDS[kind]
    good_form = base(ctx, cat)
    clear_keyed(ctx, kind)
    good = encode_record(CREATE[kind](ctx, good_form))  # the same record as a bundle carries it
    assert bundle_refuses(good, table, "id", good["id"]) is None
    field = data.draw(st.sampled_from(sorted(edges)), label="field")
    value = data.draw(st.sampled_from(edges[field]), label="value")
    if kind == "fund_proposals":
        good_form = {**good_form, "reference": ""}  # a new reference each time
    if kind == "needs_assessments":
        good_form = {**good_form, "year": next(NEEDS_YEARS)}  # a year not taken yet
    clear_keyed(ctx, kind)
    by_form = form_refuses(ctx, kind, {**good_form, field: value})
    by_bundle = bundle_refuses(good, table, field, value)
    assert (by_form is None) == (by_bundle is None), (field, value, by_form, by_bundle)
    if by_form is not None:
        assert by_form == by_bundle, (field, value)


def test_withheld_marker_is_a_bundle_matter_only() -> None:
    assert WITHHELD not in CODECS["members"].columns
