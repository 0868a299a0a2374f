"""The hub's reviews in the demo data.

In the municipality's demo (``build_reviews``) the proposal under review carries one review that
arrived from the hub, stamped with the demo hub's installation id like the hub's decisions. The
hub's demo (``add_hub_reviews``) then has two reviewers score every proposal that is submitted or
under review, each comment in the language of the municipality that wrote the proposal. Both use
their own random numbers, so the rest of the demo stays what it was.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from hubdesk import clock
from hubdesk.domain import FundProposal, Municipality
from hubdesk.domain.enums import ProposalStatus as S
from hubdesk.services import calls, reviews
from hubdesk.services.context import ServiceContext
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, seeded_uuid

# Reviewers and their comments, by the country of the municipality reviewed.
REVIEWERS: dict[str, tuple[str, str]] = {
    "MK": ("Ана Стојановска", "Марко Илиевски"),
    "AL": ("Arta Krasniqi", "Besnik Hoxha"),
    "RS": ("Jelena Marković", "Nikola Petrović"),
}
COMMENTS: dict[str, tuple[str, ...]] = {
    "MK": (
        "Потребата е добро опишана; планот за работа е реален.",
        "Додадете како ќе се заштитат податоците за младите учесници.",
        "Партнерите треба појасно да ги наведат своите улоги.",
    ),
    "AL": (
        "Nevoja është përshkruar qartë; plani i punës është i realizueshëm.",
        "Shtoni si do të mbrohen të dhënat e të rinjve pjesëmarrës.",
        "Partnerët duhet t'i përshkruajnë më qartë rolet e tyre.",
    ),
    "RS": (
        "Potreba je jasno opisana; plan rada je ostvariv.",
        "Dodajte kako će biti zaštićeni podaci mladih učesnika.",
        "Partneri treba jasnije da opišu svoje uloge.",
    ),
}


def _scores(
    rng: random.Random, criteria: Sequence[reviews.Criterion] = reviews.DEFAULT_CRITERIA
) -> dict[str, int]:
    return {c.code: rng.randint(2, 5) for c in criteria}


def _block_criteria(block: Block, proposal: Mapping[str, Any]) -> list[reviews.Criterion]:
    """The criteria of the call the demo proposal answers (its row is in the same block), or
    the fund's defaults."""
    call = next((c for c in block.rows["calls"] if c["id"] == proposal.get("call_id")), None)
    rows = calls.parse_criteria(call["criteria"]) if call is not None else []
    return rows or list(reviews.DEFAULT_CRITERIA)


def build_reviews(block: Block) -> None:
    """One review from the hub on the municipality's proposal that is under review."""
    rng = random.Random(f"hubdesk-demo-reviews:{block.plan.seed}:{block.index}")
    proposal = next(
        (p for p in block.rows["fund_proposals"] if p["status"] == S.UNDER_REVIEW), None
    )
    if proposal is None:
        return
    taken = max(
        c["changed_at"].date()
        for c in block.rows["proposal_status_changes"]
        if c["proposal_id"] == proposal["id"] and c["to_status"] == S.UNDER_REVIEW
    )
    last = block.plan.today - dt.timedelta(days=1)
    day = min(taken + dt.timedelta(days=rng.randint(3, 10)), last)
    criteria = _block_criteria(block, proposal)
    items = [
        {"code": c.code, "label": c.label, "weight": c.weight, "score": score}
        for c, score in zip(criteria, _scores(rng, criteria).values(), strict=True)
    ]
    names = REVIEWERS.get(block.plan.country, REVIEWERS["MK"])
    comments = COMMENTS.get(block.plan.country, COMMENTS["MK"])
    block.add(
        "proposal_reviews",
        dt.datetime.combine(day, dt.time(rng.randint(9, 16)), dt.UTC),
        {
            "proposal_id": proposal["id"],
            "reviewer": names[0],
            "scores": reviews.encode_scores(items),
            "comment": comments[1],
            "reviewed_on": day,
            "hub_signature": None,
        },
        author=DEMO_HUB_INSTALLATION_ID,
        record_id=seeded_uuid(rng),
    )


def add_hub_reviews(hub: ServiceContext, today: dt.date | None = None) -> int:
    """On the demo hub: two reviewers on every proposal submitted or under review (a reviewer
    who already reviewed one is not asked twice). Returns how many reviews were added."""
    day = min(today or clock.today(), clock.today())
    query = (
        select(FundProposal.id, Municipality.country)
        .join(Municipality, Municipality.id == FundProposal.municipality_id)
        .where(FundProposal.status.in_(reviews.REVIEW_STATUSES), ~FundProposal.deleted)
        .order_by(FundProposal.reference)
    )
    with hub.read() as session:
        waiting = list(session.execute(query))
    added = 0
    for proposal_id, country in waiting:
        rng = random.Random(f"hubdesk-demo-hub-reviews:{proposal_id}")
        done = {r.reviewer for r in reviews.list_reviews(hub, proposal_id).reviews}
        names = REVIEWERS.get(country, REVIEWERS["MK"])
        for name in names:
            if name in done:
                continue
            data = {
                "reviewer": name,
                "scores": _scores(rng, reviews.proposal_criteria(hub, proposal_id)),
                "comment": rng.choice(COMMENTS.get(country, COMMENTS["MK"])),
                "reviewed_on": day,
            }
            reviews.add_review(hub, proposal_id, data)
            added += 1
    return added
