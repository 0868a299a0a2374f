"""Themes on meetings, youth activities and proposals, and youth participants by inclusion group:
kept in canonical order, unknown codes refused, lists filtered by theme."""

from __future__ import annotations

import datetime as dt

from service_helpers import refused

from hubdesk.services import fund, meetings, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.fund import ProposalFilter
from hubdesk.services.meetings import MeetingFilter
from hubdesk.services.youth import YouthFilter

NOON = dt.datetime(2025, 3, 5, 11, 0, tzinfo=dt.UTC)


def test_meetings_keep_themes_and_filter_by_them(ctx: ServiceContext) -> None:
    cat = team.create_team(ctx, {"name": "CAT", "kind": "cat"}).id
    base = {"team_id": cat, "starts_at": NOON, "kind": "regular"}
    made = meetings.create_meeting(ctx, {**base, "themes": ["polarisation", "hate_speech"]})
    assert made.themes == ["hate_speech", "polarisation"]  # the code list's order
    meetings.create_meeting(ctx, {**base, "themes": []})
    refused("themes", meetings.create_meeting, ctx, {**base, "themes": ["weather"]})
    found = meetings.list_meetings(ctx, MeetingFilter(theme="polarisation"))
    assert [m.id for m in found] == [made.id]


def test_proposals_keep_themes_and_filter_by_them(ctx: ServiceContext) -> None:
    made = fund.create_proposal(ctx, {"title": "Safe online", "themes": ["online_radicalisation"]})
    fund.create_proposal(ctx, {"title": "Other"})
    refused("themes", fund.create_proposal, ctx, {"title": "X", "themes": ["hate_speech"] * 2})
    found = fund.list_proposals(ctx, ProposalFilter(theme="online_radicalisation"))
    assert [p.id for p in found] == [made.id]


def test_youth_inclusion_counts_and_themes(ctx: ServiceContext) -> None:
    data = {
        "title": "Debate",
        "activity_type": "workshop",
        "starts_on": dt.date(2025, 4, 5),
        "participants_total": 10,
        "n_female_15_19": 6,
        "n_male_15_19": 4,
        "themes": ["reintegration"],
        "inc_roma": 3,
        "inc_returnee": 2,
    }
    made = youth.create_activity(ctx, data)
    assert made.inclusion() == {
        "roma": 3,
        "disability": 0,
        "returnee": 2,
        "rural_border": 0,
        "women": 0,
    }
    refused("inc_roma", youth.create_activity, ctx, {**data, "inc_roma": 11})
    refused("inc_women", youth.create_activity, ctx, {**data, "inc_women": -1})
    refused("themes", youth.create_activity, ctx, {**data, "themes": ["weather"]})
    # An edit of the head count alone is judged against the stored group counts.
    refused("inc_roma", youth.update_activity, ctx, made.id, {"participants_total": 2})
    assert youth.count_activities(ctx, YouthFilter(theme="reintegration")) == 1
    assert youth.count_activities(ctx, YouthFilter(theme="hate_speech")) == 0
    assert youth.youth_totals(ctx).by_group["roma"] == 3
