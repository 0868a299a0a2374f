"""The demo team's fund proposals: one in every status, each with the history that led there.

Who moves a proposal follows DESIGN §3: the municipality drafts, submits, resubmits after changes
were requested, starts implementation and reports; the hub takes a proposal under review and
decides (changes requested, approved or rejected). The hub's status changes and its decision
rows are stamped with the demo hub's installation id, as if they had arrived in a hub bundle.
"""

from __future__ import annotations

import datetime as dt

from hubdesk.domain.enums import ProposalStatus as S
from hubdesk.domain.enums import Role
from hubdesk.services import demo_fund_local
from hubdesk.services import demo_fund_texts as texts
from hubdesk.services.demo_money import add_money_flow
from hubdesk.services.demo_rows import DEMO_HUB_INSTALLATION_ID, Block, Row, in_order
from hubdesk.services.demo_thread import build_thread

M, H = Role.MUNICIPALITY.value, Role.HUB.value
SUBMIT = (S.DRAFT, S.SUBMITTED, M, (10, 30))
REVIEW = (S.SUBMITTED, S.UNDER_REVIEW, H, (3, 10))
APPROVE = (S.UNDER_REVIEW, S.APPROVED, H, (10, 30))
ASK_CHANGES = (S.UNDER_REVIEW, S.CHANGES_REQUESTED, H, (10, 30))
RESUBMIT = (S.CHANGES_REQUESTED, S.SUBMITTED, M, (7, 20))
START = (S.APPROVED, S.IN_IMPLEMENTATION, M, (7, 30))
Step = tuple[S, S, str, tuple[int, int]]  # from, to, by role, days after the previous step

# The path each status is reached by, and how many days before ``today`` it starts.
HISTORIES: dict[S, tuple[tuple[int, int], tuple[Step, ...]]] = {
    S.COMPLETED: ((900, 1060), (SUBMIT, REVIEW, APPROVE, START)),
    S.REJECTED: ((600, 840), (SUBMIT, REVIEW, (S.UNDER_REVIEW, S.REJECTED, H, (10, 30)))),
    S.IN_IMPLEMENTATION: (
        (330, 420),
        (SUBMIT, REVIEW, ASK_CHANGES, RESUBMIT, REVIEW, APPROVE, START),
    ),
    S.APPROVED: ((110, 150), (SUBMIT, REVIEW, APPROVE)),
    S.CHANGES_REQUESTED: ((80, 110), (SUBMIT, REVIEW, ASK_CHANGES)),
    S.UNDER_REVIEW: ((50, 70), (SUBMIT, REVIEW)),
    S.SUBMITTED: ((25, 40), (SUBMIT,)),
    S.DRAFT: ((5, 20), ()),
}
VERDICTS = (S.APPROVED, S.REJECTED, S.CHANGES_REQUESTED)


def build_proposals(block: Block) -> None:
    templates = list(demo_fund_local.templates_for(block.plan.country))
    block.rng.shuffle(templates)
    for number, (status, template) in enumerate(zip(HISTORIES, templates, strict=True)):
        _proposal(block, status, template, f"{block.index * len(HISTORIES) + number + 1:03d}")


def _timeline(block: Block, status: S) -> tuple[dt.date, list[tuple[Step, dt.date]]]:
    rng, today = block.rng, block.plan.today
    (earliest, latest), steps = HISTORIES[status]
    created = today - dt.timedelta(days=rng.randint(earliest, latest))
    dated: list[tuple[Step, dt.date]] = []
    day = created
    for step in steps:
        day += dt.timedelta(days=rng.randint(*step[3]))
        dated.append((step, day))
    return created, dated


def _proposal(block: Block, status: S, template: texts.Template, number: str) -> None:
    rng, plan = block.rng, block.plan
    created, steps = _timeline(block, status)
    last_day = plan.today - dt.timedelta(days=1)
    started = next((day for step, day in steps if step[1] is S.IN_IMPLEMENTATION), None)
    period_start = started or created + dt.timedelta(days=rng.randint(60, 120))
    if started is None and status is not S.REJECTED:  # still to come
        period_start = max(period_start, plan.today + dt.timedelta(days=rng.randint(10, 40)))
    period_end = period_start + dt.timedelta(days=rng.randint(120, 240))
    if status is S.IN_IMPLEMENTATION:
        period_end = plan.today + dt.timedelta(days=rng.randint(60, 180))
    completed_on = None
    if status is S.COMPLETED:
        completed_on = min(period_end + dt.timedelta(days=rng.randint(10, 30)), last_day)
        steps.append(((S.IN_IMPLEMENTATION, S.COMPLETED, M, (0, 0)), completed_on))
    lines = [_line_values(block, line) for line in template.lines]
    total = sum(quantity * unit for _c, _d, quantity, unit in lines)
    cofunding = int(round(total * rng.uniform(0.1, 0.3), -5))
    municipal_days = [created] + [day for step, day in steps if step[2] == M]
    proposal = block.add(
        "fund_proposals",
        block.later(max(municipal_days)),
        {
            "municipality_id": plan.municipality_id,
            "reference": f"{plan.country}-{created.year}-{number}",
            "title": template.title,
            "summary": template.summary,
            "problem": template.problem,
            "objectives": template.objectives,
            "target_groups": template.target_groups,
            "pillars": in_order(p.value for p in template.pillars),
            "partners": ", ".join(rng.sample(demo_fund_local.words_for(plan.country).partners, 2)),
            "period_start": period_start,
            "period_end": period_end,
            "currency": plan.currency,
            "cofunding_minor": cofunding,
            "status": status.value,
            "submission": sum(step[1] is S.SUBMITTED for step, _day in steps),
            "results": demo_fund_local.words_for(plan.country).results.format(
                people=rng.randint(80, 400)
            )
            if completed_on
            else "",
            "report_submitted_on": completed_on,
        },
    )
    spending = {S.IN_IMPLEMENTATION: (0.6, 0.2, 0.8), S.COMPLETED: (1.0, 0.8, 1.0)}.get(status)
    spent_at = block.later(completed_on or block.day_between(started or last_day, last_day))
    for position, (category, description, quantity, unit) in enumerate(lines):
        spent = None
        if spending and rng.random() < spending[0]:
            spent = int(round(quantity * unit * rng.uniform(spending[1], spending[2]), -2))
        block.add(
            "budget_lines",
            spent_at if spent is not None else proposal["updated_at"],
            {
                "proposal_id": proposal["id"],
                "position": position,
                "category": category,
                "description": description,
                "quantity": quantity,
                "unit_cost_minor": unit,
                "spent_minor": spent,
                "submission": proposal["submission"],
            },
        )
    _history(block, proposal, steps, requested=total - cofunding)
    build_thread(block, proposal, steps)


def _line_values(block: Block, line: texts.Line) -> tuple[str, str, int, int]:
    quantity = block.rng.randint(*line.quantity)
    unit_mkd = block.rng.randint(*line.unit_cost_mkd)
    unit_mkd = round(unit_mkd, -2) if unit_mkd >= 1000 else unit_mkd
    return line.category.value, line.description, quantity, block.plan.money(unit_mkd)


def _history(
    block: Block, proposal: Row, steps: list[tuple[Step, dt.date]], requested: int
) -> None:
    rng = block.rng
    for (before, after, role, _gap), day in steps:
        author = DEMO_HUB_INSTALLATION_ID if role == H else None
        moment = block.later(day)
        block.add(
            "proposal_status_changes",
            moment,
            {
                "proposal_id": proposal["id"],
                "from_status": before.value,
                "to_status": after.value,
                "changed_at": moment,
                "by_role": role,
                "comment": demo_fund_local.words_for(block.plan.country).status_comments[
                    after.value
                ],
            },
            author=author,
        )
    verdicts = [(after, day) for (_b, after, _r, _g), day in steps if after in VERDICTS]
    if not verdicts:
        return
    outcome, decided_on = verdicts[-1]
    approved = 0
    if outcome is S.APPROVED:
        approved = requested if rng.random() < 0.6 else int(round(requested * 0.9, -5))
    decision = block.add(
        "fund_decisions",
        block.later(decided_on),
        {
            "proposal_id": proposal["id"],
            "outcome": outcome.value,
            "amount_approved_minor": approved,
            "conditions": rng.choice(demo_fund_local.words_for(block.plan.country).conditions)
            if approved
            else "",
            "comments": demo_fund_local.words_for(block.plan.country).status_comments[
                outcome.value
            ],
            "decided_on": decided_on,
        },
        author=DEMO_HUB_INSTALLATION_ID,
    )
    add_money_flow(block, proposal, decision)
