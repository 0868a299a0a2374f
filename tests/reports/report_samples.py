"""Sample records for the report tests, written through the services as the program does.

(A module of its own, not conftest.py: tests import its helpers by name, and several test
folders have a conftest.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from proposal_filling import fill_sections
from pypdf import PdfReader

from hubdesk import clock
from hubdesk.domain import FundDecision, ProposalStatusChange
from hubdesk.domain.base import utcnow
from hubdesk.services import actions, fund, meetings, records, team, youth
from hubdesk.services.context import ServiceContext
from hubdesk.services.fund_workflow import refresh_status

TODAY = dt.date(2026, 7, 1)
PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def local(day: dt.date, hour: int = 17) -> dt.datetime:
    return clock.from_wall(dt.datetime.combine(day, dt.time(hour)))


@dataclass
class Sample:
    team_id: str
    members: dict[str, str]  # name -> id
    meeting_id: str
    proposal_id: str  # funded, in implementation, with spending
    draft_id: str  # a draft proposal
    call_id: str = ""  # a published call (written by the hub on the same database)


MEMBERS = (
    ("Ана Петровска", "local_government", "chair", "female"),
    ("Arben Rexhepi", "civil_society", "coordinator", "male"),
    ("Marija Đorđević", "education", "secretary", "female"),
    ("Љубомир Стојановски", "police", "member", "male"),
    ("Gëzim Çollaku", "youth", "member", "other"),
)


def make_sample(ctx: ServiceContext) -> Sample:
    cat = team.create_team(
        ctx,
        {
            "name": "Community Action Team Kumanovo",
            "kind": "cat",
            "established_on": dt.date(2021, 5, 4),
            "mandate_ref": "Council decision 07-123/4",
        },
    )
    ids = {}
    for name, sector, role, gender in MEMBERS:
        ids[name] = team.create_member(
            ctx,
            {
                "team_id": cat.id,
                "name": name,
                "sector": sector,
                "role": role,
                "gender": gender,
                "organisation": "Општина Куманово" if sector == "local_government" else "NGO Ura",
                "joined_on": dt.date(2022, 1, 10),
                "email": "x@example.org",
                "trainings": "Prevention basics\nDialogue facilitation",
            },
        ).id
    meeting = meetings.create_meeting(
        ctx,
        {
            "team_id": cat.id,
            "starts_at": local(dt.date(2026, 3, 10)),
            "ends_at": local(dt.date(2026, 3, 10), 19),
            "place": "Sala 2, Општина Куманово",
            "kind": "regular",
            "pillars": ["cooperation", "youth_engagement"],
            "agenda": "1. Safety walk results\n2. Youth council proposal",
            "minutes": "The team discussed the findings of the safety walk.",
        },
    )
    statuses = ["present", "present", "excused", "absent", "present"]
    meetings.set_attendance(ctx, meeting.id, dict(zip(ids.values(), statuses, strict=True)))
    meetings.set_guests(ctx, meeting.id, [("OSCE Mission", 2), ("Red Cross", 1)])
    meetings.add_decision(ctx, meeting.id, "Support the youth council's proposal for a hub.")
    item = actions.create_action_item(
        ctx,
        {
            "meeting_id": meeting.id,
            "title": "Write to the school directors",
            "owner_member_id": ids["Marija Đorđević"],
            "due_on": dt.date(2026, 4, 1),
        },
    )
    actions.complete_action_item(ctx, item.id, done_on=dt.date(2026, 3, 25))
    actions.create_action_item(
        ctx,
        {
            "meeting_id": meeting.id,
            "title": "Prepare the public meeting",
            "owner_member_id": ids["Ана Петровска"],
            "due_on": dt.date(2026, 5, 1),
        },
    )
    youth.create_activity(
        ctx,
        {
            "team_id": cat.id,
            "title": "Дијалог млади–општина",
            "activity_type": "dialogue",
            "starts_on": dt.date(2026, 4, 12),
            "place": "Youth centre",
            "pillars": ["youth_engagement"],
            "youth_led": True,
            "participants_total": 30,
            "marginalised": 4,
            "outcome": "Proposal for a youth budget line",
            "fed_into_decision": True,
            "decision_note": "Included in the 2027 municipal budget draft",
            "n_female_15_19": 9,
            "n_male_15_19": 8,
            "n_female_20_24": 7,
            "n_male_20_24": 5,
            "n_other_20_24": 1,
        },
    )
    youth.create_activity(
        ctx,
        {
            "title": "Football for tolerance",
            "activity_type": "sports_culture",
            "starts_on": dt.date(2026, 5, 20),
            "pillars": ["youth_engagement", "city_voices"],
            "participants_total": 12,
            "n_male_u15": 7,
            "n_female_u15": 5,
        },
    )
    funded = _proposal(
        ctx,
        "Safe routes to school",
        [
            ("equipment", "Street lights near Školska street", 4, 1_250_000),
            ("communication", "Leaflets in Macedonian and Albanian", 2000, 1_050),
            ("venue", "Hall rental for two forums", 2, 900_000),
        ],
    )
    _approve(ctx, funded, 5_000_000)
    fund.transition(ctx, funded, "in_implementation")
    lines = fund.list_budget_lines(ctx, funded)
    fund.record_spending(ctx, lines[0].id, 4_900_000)
    fund.record_spending(ctx, lines[1].id, 1_800_000)
    fund.submit_report(ctx, funded, "Twelve street lights installed; two forums held.")
    draft = fund.create_proposal(ctx, {"title": "Youth radio", "summary": "A weekly show."}).id
    _in_the_story(ctx)
    return Sample(cat.id, ids, meeting.id, funded, draft, _call(ctx))


def _in_the_story(ctx: ServiceContext) -> None:
    """The proposals' steps at the moment the sample tells (decided on 20 February 2026,
    inside PERIOD), not at the real clock's: a report of the period tells each proposal's
    status as it stood on the period's last day. Their order is kept (same moment, by version)."""
    from sqlalchemy import update

    moment = dt.datetime(2026, 2, 20, 10, 0, tzinfo=dt.UTC)
    with ctx.transaction() as session:
        session.execute(update(ProposalStatusChange).values(changed_at=moment))


def _call(ctx: ServiceContext) -> str:
    from hubdesk.domain.enums import Role
    from hubdesk.services import calls

    hub = ServiceContext(ctx.db, "hub-installation", Role.HUB, None, ctx.clock)
    call = calls.create_call(
        hub,
        {
            "title": "Youth and local government, round 3",
            "round": "2026-3",
            "opens_on": dt.date(2026, 3, 1),
            "closes_on": dt.date(2026, 6, 30),
            "ceiling_minor": 8_000_00,
            "envelope_minor": 60_000_00,
            "pillars": ["youth_engagement"],
            "themes": ["prevention in schools"],
            "eligibility": "Municipalities with a working prevention team.",
            "requirements": "Activities, indicators, budget, a Do No Harm screening.",
            "criteria": [
                {"code": "relevance", "label": "Relevance to the city's needs", "weight": 60},
                {"code": "feasibility", "label": "Feasibility", "weight": 40},
            ],
        },
    )
    calls.publish_call(hub, call.id, today=dt.date(2026, 3, 1))  # the day it opened
    return call.id


def _proposal(ctx: ServiceContext, title: str, lines: list[tuple[str, str, int, int]]) -> str:
    proposal = fund.create_proposal(
        ctx,
        {
            "title": title,
            "summary": "Safer walks to school for 600 pupils.",
            "problem": "Dark streets.",
            "objectives": "Light and awareness.",
            "target_groups": "Pupils and parents",
            "pillars": ["cooperation"],
            "partners": "Primary school „Браќа Миладиновци“",
            "period_start": dt.date(2026, 2, 1),
            "period_end": dt.date(2026, 9, 30),
        },
    )
    for position, (category, description, qty, unit) in enumerate(lines):
        fund.add_budget_line(
            ctx,
            proposal.id,
            {
                "category": category,
                "description": description,
                "quantity": qty,
                "unit_cost_minor": unit,
                "position": position,
            },
        )
    fund.update_proposal(ctx, proposal.id, {"cofunding_minor": 1_000_000})
    fill_sections(ctx, proposal.id)
    fund.transition(ctx, proposal.id, "submitted")
    return proposal.id


def _approve(ctx: ServiceContext, proposal_id: str, amount: int) -> None:
    """What importing the hub's decision bundle leaves in the municipality's database."""
    with ctx.transaction() as session:
        proposal = fund.get_proposal(ctx, proposal_id)
        proposal = session.merge(proposal)
        for before, after in (("submitted", "under_review"), ("under_review", "approved")):
            records.create(
                session,
                ctx,
                ProposalStatusChange,
                {
                    "proposal_id": proposal_id,
                    "from_status": before,
                    "to_status": after,
                    "changed_at": utcnow(),
                    "by_role": "hub",
                    "comment": "",
                },
            )
            session.flush()
        records.create(
            session,
            ctx,
            FundDecision,
            {
                "proposal_id": proposal_id,
                "outcome": "approved",
                "amount_approved_minor": amount,
                "conditions": "Report by October.",
                "comments": "",
                "decided_on": dt.date(2026, 2, 20),
            },
        )
        refresh_status(session, proposal)


def pdf_text(path: Path) -> str:
    """All text of a PDF, with no-break and thin spaces read as plain spaces."""
    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for space in ("\xa0", "\u202f", "\u2009"):
        text = text.replace(space, " ")
    return text


def squash(text: str) -> str:
    """Whitespace-insensitive form: table cells wrap, so words may land on two lines."""
    return "".join(text.split())
