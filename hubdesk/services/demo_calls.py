"""The demo's calls for proposals and guidance note, written in the demo hub's name.

``hubdesk demo`` gets one open call (the demo team's proposal just submitted answers it) and
one guidance note, stamped with the demo hub's installation id as if
they had arrived in a hub bundle. ``hubdesk demo --role hub`` writes the same rows into the hub
before any municipality's bundle arrives (so the proposals' links find their call), plus a
second call that closed last year. The rows depend only on ``today``, so both sides hold the very
same versions and the hub's claim of its own rows changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import insert

from hubdesk import clock
from hubdesk.domain import AuditEntry
from hubdesk.domain.base import Base
from hubdesk.domain.calls import CallStatus
from hubdesk.domain.enums import Pillar, ProposalStatus
from hubdesk.domain.hlc import pack
from hubdesk.services import calls
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, Row, at

NAMESPACE = uuid.UUID("3d6f0a52-8c1e-4b7a-9f20-5e4c1b2a7d90")
OPEN_CALL_ID = str(uuid.uuid5(NAMESPACE, "open call"))
NOTE_ID = str(uuid.uuid5(NAMESPACE, "guidance note"))
ANSWERING = (ProposalStatus.SUBMITTED.value,)
CRITERIA = [
    {"code": "relevance", "label": "Relevance to the city's assessed needs", "weight": 30},
    {"code": "co_design", "label": "Co-designed with young people and partners", "weight": 20},
    {"code": "do_no_harm", "label": "Do No Harm: risks named and mitigated", "weight": 20},
    {"code": "feasibility", "label": "Feasible workplan and budget", "weight": 20},
    {"code": "sustainability", "label": "Sustainability after the grant", "weight": 10},
]


def _meta(record_id: str, moment: dt.datetime) -> Row:
    return {
        "id": record_id,
        "origin": DEMO_HUB_INSTALLATION_ID,
        "version": pack(int(moment.timestamp() * 1000), 0),
        "base_version": None,
        "updated_by": DEMO_HUB_INSTALLATION_ID,
        "updated_at": moment,
        "deleted": False,
    }


def call_row(today: dt.date) -> Row:
    """The open call: published three months ago, closing in a month."""
    opens = today - dt.timedelta(days=90)
    return {
        **_meta(OPEN_CALL_ID, at(opens - dt.timedelta(days=2), 10)),
        "title": "Technical Support Fund: youth and local government, round 3",
        "round": f"{today.year}-3",
        "opens_on": opens,
        "closes_on": today + dt.timedelta(days=30),
        "ceiling_minor": 8_000_00,
        "envelope_minor": 60_000_00,
        "pillars": [Pillar.YOUTH_ENGAGEMENT.value, Pillar.CITY_VOICES.value],
        "themes": ["youth participation", "prevention in schools"],
        "eligibility": (
            "Municipalities of the network with a working prevention team (CAT). One proposal "
            "per municipality; partners may be schools, youth centres and civil society."
        ),
        "requirements": (
            "The need the initiative answers, activities with a timeline, indicators with "
            "baseline and target, beneficiaries, partners' roles, sustainability, a Do No Harm "
            "screening and a budget with the municipality's co-funding."
        ),
        "criteria": json.dumps(CRITERIA, separators=(",", ":")),
        "status": CallStatus.PUBLISHED.value,
        "hub_signature": None,
    }


def note_row(today: dt.date) -> Row:
    published = today - dt.timedelta(days=60)
    return {
        **_meta(NOTE_ID, at(published, 11)),
        "title": "Writing a Do No Harm screening",
        "body": (
            "Name the people the initiative reaches and the risks it could bring them: being "
            "singled out, stigma, contact with security services, exposure of their data. For "
            "each risk say how it is avoided or reduced, and who watches for it. Never describe "
            "young people as a threat; describe what they gain."
        ),
        "published_on": published,
        "hub_signature": None,
    }


def build_calls(block: Block) -> None:
    """Every proposal gets its ``call_id`` (none but the first block's submitted proposal,
    which answers the call); the first block also holds the call and the note."""
    first = block.index == 0
    for proposal in block.rows["fund_proposals"]:
        proposal["call_id"] = OPEN_CALL_ID if first and proposal["status"] in ANSWERING else None
    if first:
        block.rows["calls"].append(call_row(block.plan.today))
        block.rows["guidance_notes"].append(note_row(block.plan.today))


def publish_on_hub(ctx: ServiceContext, today: dt.date | None = None) -> None:
    """On the demo hub: the open call and the note, the very rows the demo municipalities
    hold (their proposals answer the call)."""
    day = today or clock.today()
    rows = {"calls": call_row(day), "guidance_notes": note_row(day)}
    with ctx.transaction() as session:
        for table, row in rows.items():
            session.execute(insert(Base.metadata.tables[table]), [row])
            session.add(
                AuditEntry(
                    installation_id=ctx.installation_id,
                    table_name=table,
                    record_id=row["id"],
                    version=row["version"],
                    action="demo",
                    changes="{}",
                )
            )
            ctx.clock.observe(row["version"])


def publish_closed_call(ctx: ServiceContext, today: dt.date | None = None) -> None:
    """On the hub demo: a second call that ran last year and is closed. Only the hub holds it
    (no demo municipality's data has it), so it is made after the towns' bundles arrived: what
    the hub wrote before then is what they hold (``hubdemo._acknowledged``)."""
    day = today or clock.today()
    closed = calls.create_call(
        ctx,
        {
            "title": "Technical Support Fund: peer learning between cities, round 2",
            "round": f"{day.year - 1}-2",
            "opens_on": day - dt.timedelta(days=420),
            "closes_on": day - dt.timedelta(days=330),
            "ceiling_minor": 6_000_00,
            "envelope_minor": 45_000_00,
            "pillars": [Pillar.PEER_LEARNING.value, Pillar.CAPACITY_BUILDING.value],
            "themes": ["study visits"],
            "eligibility": "Municipalities of the network, alone or in pairs.",
            "requirements": "Activities, a timeline, a budget and the partner cities' roles.",
            "criteria": CRITERIA[:2] + CRITERIA[3:],
        },
    )
    calls.publish_call(ctx, closed.id, today=day - dt.timedelta(days=420))  # when it opened
    calls.close_call(ctx, closed.id)
